"""Which tables are documented and compared: the ``include`` / ``exclude`` globs.

A glob (``fnmatch``: ``*``, ``?``, ``[abc]``, case-sensitive) matches a table
when it matches its name or its schema-qualified name (``audit.*``). A table
is kept when no ``include`` is given or one matches, and no ``exclude``
matches. Docs, pages, ``inspect`` and ``drift`` all go through
:class:`Selection`, so they agree. A live database's ``alembic_version``
(alembic's bookkeeping) is left out unless an ``include`` glob names it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fnmatch import fnmatchcase

from ..model import Schema

ALEMBIC_VERSION = "alembic_version"


def matches(qualified_name: str, globs: tuple[str, ...]) -> bool:
    name = qualified_name.rsplit(".", 1)[-1]
    return any(fnmatchcase(qualified_name, glob) or fnmatchcase(name, glob) for glob in globs)


@dataclass(frozen=True)
class Selection:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @classmethod
    def for_database(cls, include: tuple[str, ...], exclude: tuple[str, ...]) -> Selection:
        """The selection for a live database: ``alembic_version`` left out unless included by a glob."""
        if matches(ALEMBIC_VERSION, include):
            return cls(include, exclude)
        return cls(include, (*exclude, ALEMBIC_VERSION))

    def keeps(self, qualified_name: str) -> bool:
        included = not self.include or matches(qualified_name, self.include)
        return included and not matches(qualified_name, self.exclude)

    def of(self, schema: Schema) -> Schema:
        """``schema`` with only the selected tables."""
        if not self.include and not self.exclude:
            return schema
        return dataclasses.replace(schema, tables=tuple(t for t in schema.tables if self.keeps(t.qualified_name)))
