"""The schema's history: what each alembic revision changed, as the database saw it.

The migrations run once, in one go, in a throwaway database
(:func:`.migrations.upgrade`); after each revision, inside the same run, the
database is reflected into docgen's own ``Schema`` and compared with the one
before (:func:`.changes.compare`). The migration code is never read, only
run: what a revision changed is what the database says it changed. The
revision's id, message (its docstring's first line) and date (the ``Create
Date:`` line alembic writes) come from its file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic.script import Script
from sqlalchemy.engine import URL, Connection

from ..model import Schema
from ..sources.convert import from_metadata
from ..sources.reflect import reflect_connection
from .changes import Change, compare
from .migrations import title, upgrade

_CREATE_DATE = re.compile(r"^Create Date:\s*(\S.*?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Revision:
    id: str
    message: str
    date: str | None  # as its file says it (``Create Date:``), None when it does not
    changes: tuple[Change, ...]

    def tables(self) -> tuple[str, ...]:
        """The tables this revision touched."""
        return tuple(sorted({c.table for c in self.changes}))

    def to_dict(self) -> dict:
        return {"revision": self.id, "message": self.message, "date": self.date,
                "changes": [c.to_dict() for c in self.changes]}


def history(ini: Path, url: URL, *, schemas: tuple[str, ...] = (), keeps: Callable[[str], bool] = lambda t: True,
            app: str | None = None, root: Path | None = None) -> tuple[Revision, ...]:
    """Every revision from base to the heads, in the order alembic applies them, with what it changed."""
    seen: list[tuple[Script, Schema]] = []

    def after_each(script: Script, connection: Connection) -> None:
        schema = from_metadata(reflect_connection(connection, schemas), connection.dialect)
        seen.append((script, Schema(tuple(t for t in schema.tables if keeps(t.qualified_name)))))

    upgrade(ini, url, after_each=after_each, app=app, root=root)
    revisions, before = [], Schema()
    for script, after in seen:
        revisions.append(Revision(script.revision, title(script), _date(script), compare(before, after)))
        before = after
    return tuple(revisions)


def _date(script: Script) -> str | None:
    found = _CREATE_DATE.search(script.longdoc or "")
    return found.group(1) if found else None
