"""Rules about defaults: a date or time computed once, when the models were imported."""

from __future__ import annotations

from collections.abc import Iterator

from .rule import Context, Hit, Rule


def _import_time_defaults(ctx: Context) -> Iterator[Hit]:
    flagged = ctx.schema.lint.import_time_defaults
    if not flagged:
        return
    for table in ctx.schema.tables:
        for column in table.columns:
            if f"{table.qualified_name}.{column.name}" in flagged:
                yield Hit(table.qualified_name, column.name)


RULES = (
    Rule(
        id="import-time-default",
        summary="A column whose default is a date or time value (default=datetime.utcnow()): it was computed "
                "once, when the models were imported, and every row gets that same moment.",
        message="column {table}.{column} defaults to a date/time value computed once, when the models were imported",
        fix="pass the function, not its result (default=datetime.utcnow without parentheses), "
            "or use server_default=func.now()",
        check=_import_time_defaults,
    ),
)
