"""Rules about descriptions: tables and columns nobody described, and notes about tables that are gone.

A description is a comment (``comment=``), the model class docstring (tables),
``doc=`` (columns) or a note in the project's notes file.
"""

from __future__ import annotations

from collections.abc import Iterator

from .rule import Context, Hit, Rule

MIN_LENGTH = "min-description-length"


def _problem(description: str | None, min_length: int) -> str | None:
    """What is wrong with ``description`` (None: nothing)."""
    text = (description or "").strip()
    if not text:
        return "has no description"
    if len(text) < min_length:
        return f"has a description shorter than {min_length} characters"
    return None


def _undescribed_tables(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        note = ctx.notes.table(table.qualified_name) if ctx.notes else None
        problem = _problem(table.comment or (note.prose if note else None), int(ctx.options[MIN_LENGTH]))
        if problem:
            yield Hit(table.qualified_name, values={"problem": problem})


def _undescribed_columns(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        note = ctx.notes.table(table.qualified_name) if ctx.notes else None
        for column in table.columns:
            described = column.comment or (note.column(column.name) if note else None)
            problem = _problem(described, int(ctx.options[MIN_LENGTH]))
            if problem:
                yield Hit(table.qualified_name, column.name, {"problem": problem})


RULES = (
    Rule(
        id="table-description",
        summary="A table without a description (comment, model class docstring or note), or with one shorter "
                "than min-description-length.",
        message="table {table} {problem}",
        fix='add comment="..." to the table (__table_args__ = {{"comment": "..."}}), '
            "a docstring to its model class, or a note",
        check=_undescribed_tables,
        options={MIN_LENGTH: 1},
    ),
    Rule(
        id="column-description",
        summary="A column without a description (comment, doc or note), or with one shorter than "
                "min-description-length.",
        message="column {table}.{column} {problem}",
        fix='add comment="..." (or doc="...") to the column, or a note',
        check=_undescribed_columns,
        options={MIN_LENGTH: 1},
    ),
)
