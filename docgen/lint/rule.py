"""What a lint rule is (an id, a message, a fix hint, a check) and what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Schema
from ..sources.notes import Notes


@dataclass(frozen=True)
class Context:
    """What a check looks at: the schema and the rules' options (``min-description-length``, ...)."""

    schema: Schema
    options: Mapping[str, object]
    notes: Notes = field(default_factory=Notes)  # the project's notes file (empty when it has none)
    notes_file: str | None = None  # the notes file as the user knows it (where stale notes are)


@dataclass(frozen=True)
class Hit:
    """One place a check found: the table, the column (if the finding is about one), the message's values."""

    table: str  # qualified name
    column: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    location: tuple[str, int] | None = None  # (file, line) when the check knows it (a note); else the model's


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # what the rule finds, for the guide and `docgen lint --list-rules`
    message: str  # one line naming table/column: str.format with table, column and the hit's values
    fix: str  # how to fix it, same placeholders
    check: Callable[[Context], Iterable[Hit]]
    options: Mapping[str, object] = field(default_factory=dict)  # option name -> default


@dataclass(frozen=True)
class Finding:
    rule: str
    table: str  # qualified name
    column: str | None
    message: str
    fix: str
    location: tuple[str, int] | None = None

    @property
    def subject(self) -> str:
        """``table`` or ``table.column``: what excludes and inline opt-outs are matched against."""
        return f"{self.table}.{self.column}" if self.column is not None else self.table


# Where a table's model class is: (file, line), or None when it is not known (see :mod:`.locate`).
Locate = Callable[[str], "tuple[str, int | None] | None"]


def where(finding: Finding, locate: Locate) -> tuple[str | None, int | None]:
    """(file, line) a finding is shown at: its own place (a note), else its table's model class."""
    file, line = finding.location or locate(finding.table) or (None, None)
    return file, line


def finding(rule: Rule, hit: Hit) -> Finding:
    subject = f"{hit.table}.{hit.column}" if hit.column is not None else hit.table
    values = {"table": hit.table, "column": hit.column, "subject": subject, **hit.values}
    return Finding(rule.id, hit.table, hit.column, rule.message.format(**values), rule.fix.format(**values),
                   hit.location)


def columns_text(columns: Iterable[str]) -> str:
    return ", ".join(columns)
