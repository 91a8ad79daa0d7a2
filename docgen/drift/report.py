"""How a drift finding is said: a label per kind and one line per finding.

The words every format shares (text, JSON's counts, GitHub annotations, the
Markdown summary). Cheap to import: the engine, which imports alembic, is
named for type checking only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compare import Finding

LABELS = {
    "missing_column": "column missing in the database",
    "extra_column": "column only in the database",
    "column_type": "column type differs",
    "column_nullable": "column nullability differs",
    "column_comment": "column comment differs",
    "table_comment": "table comment differs",
    "missing_foreign_key": "foreign key missing in the database",
    "extra_foreign_key": "foreign key only in the database",
    "missing_unique": "unique constraint missing in the database",
    "extra_unique": "unique constraint only in the database",
    "missing_index": "index missing in the database",
    "extra_index": "index only in the database",
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
    if finding.kind in ("column_type", "column_nullable", "column_comment", "table_comment"):
        models, database = (_or_none(v) for v in (finding.models, finding.database))
        return f"{finding.name or finding.table}: models {models}, database {database}"
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
