"""How a drift finding and a schema change are said: a label per kind and one line each.

The words every format shares (text, JSON's counts, GitHub annotations, the
Markdown summary), for drift and for history and diff (:func:`change_line`).
Cheap to import: the engine, which imports alembic, is named for type
checking only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .changes import OBJECTS

if TYPE_CHECKING:
    from .changes import Change
    from .compare import Finding

LABELS = {
    "missing_column": "column missing in the database",
    "extra_column": "column only in the database",
    "column_type": "column type differs",
    "column_nullable": "column nullability differs",
    "column_comment": "column comment differs",
    "table_comment": "table comment differs",
    "partition_key": "partition key differs",
    "missing_foreign_key": "foreign key missing in the database",
    "extra_foreign_key": "foreign key only in the database",
    "foreign_key_differs": "foreign key differs",
    "missing_unique": "unique constraint missing in the database",
    "unique_differs": "unique constraint differs",
    "extra_unique": "unique constraint only in the database",
    "missing_index": "index missing in the database",
    "extra_index": "index only in the database",
    "index_differs": "index differs",
    "index_expressions": "index columns or expressions differ",
    "index_where": "partial-index WHERE differs",
    "index_method": "index method differs",
    "index_include": "index INCLUDE columns differ",
    "index_definition": "index definition differs",
    "missing_check": "check constraint missing in the database",
    "extra_check": "check constraint only in the database",
    "missing_view": "view missing in the database",
    "extra_view": "view only in the database",
    "missing_type": "type missing in the database",
    "extra_type": "type only in the database",
    "missing_table": "table only in the models",
    "extra_table": "table only in the database",
}


def detail(finding: Finding) -> str:
    """What differs: both sides of a changed fact, or the fact only one side has."""
    if finding.kind in ("column_type", "column_nullable", "column_comment", "table_comment", "partition_key") or \
            finding.kind.startswith("index_") or finding.kind.endswith("_differs"):
        models, database = (_or_none(v) for v in (finding.models, finding.database))
        named = finding.name or (None if finding.kind.endswith("_differs") else finding.table)
        return f"{named}: models {models}, database {database}" if named else f"models {models}, database {database}"
    value = finding.models if finding.models is not None else finding.database
    if finding.kind.endswith("_check"):
        return f"{finding.name}: {value}" if finding.name else str(value)
    return f"{finding.name} {value}" if finding.name else str(value)


def _or_none(value: str | None) -> str:
    return "(none)" if value is None else value


def describe(finding: Finding) -> str:
    """One line for ``finding``: table, what differs, the detail."""
    if finding.kind.endswith("_table"):
        return f"{finding.table}: {LABELS[finding.kind]}" + (f" ({finding.hint})" if finding.hint else "")
    return f"{finding.table}: {LABELS[finding.kind]}: {detail(finding)}"


def change_line(change: Change) -> str:
    """One line for a schema change: ``orders: column added: note VARCHAR(200)``,
    ``users: index ix_active: where deleted_at IS NULL → (none)``."""
    if change.action == "changed":
        what = f"{change.subject} {change.name}" if change.name else change.subject
        plain = change.subject in ("table comment", "partition key") or \
            (change.subject, change.aspect) == ("primary key", "columns")
        aspect = "" if plain else f"{change.aspect} "
        return f"{change.table}: {what}: {aspect}{_or_none(change.old)} → {_or_none(change.new)}"
    text = change.new if change.action == "added" else change.old
    if change.subject in ("table", "view", *OBJECTS):
        return f"{change.table}: {change.subject} {change.action}" + (f" {text}" if text else "")
    detail = change.name if not text else text if text.startswith(str(change.name)) else f"{change.name} {text}"
    return f"{change.table}: {change.subject} {change.action}: {detail}"


def places(changes: Sequence[Change]) -> str:
    """Where ``changes`` are: ``2 table(s)``, ``2 table(s) and 1 type(s) or sequence(s)``."""
    tables = len({c.table for c in changes if c.subject not in OBJECTS})
    others = len({c.table for c in changes if c.subject in OBJECTS})
    return f"{tables} table(s)" + (f" and {others} type(s) or sequence(s)" if others else "")
