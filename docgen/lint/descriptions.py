"""Rules about descriptions: tables and columns nobody described, and notes about what is gone.

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
        note = ctx.notes.table(table.qualified_name)
        problem = _problem(table.comment or (note.prose if note else None), int(ctx.options[MIN_LENGTH]))
        if problem:
            yield Hit(table.qualified_name, values={"problem": problem})


def _undescribed_columns(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        note = ctx.notes.table(table.qualified_name)
        for column in table.columns:
            described = column.comment or (note.column(column.name) if note else None)
            problem = _problem(described, int(ctx.options[MIN_LENGTH]))
            if problem:
                yield Hit(table.qualified_name, column.name, {"problem": problem})


def _stale_notes(ctx: Context) -> Iterator[Hit]:
    """Sections of the notes naming no table, and column notes naming no column of their table."""
    for section in ctx.notes.sections:
        table = ctx.schema.table(section.table)
        if table is None:
            yield Hit(section.table, values={"what": "table"}, location=(ctx.notes_file, section.line))
            continue
        for column in section.columns:
            if table.column(column) is None:
                yield Hit(section.table, column, {"what": "column"},
                          location=(ctx.notes_file, section.column_lines[column]))


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
    Rule(
        id="stale-note",
        summary="A section of the notes file naming a table the schema does not have (any more), or a column "
                "note naming no column of its table: words about something that is gone.",
        message="the notes describe {what} {subject}, which is not in the schema",
        fix="delete the note, or move it to the table or column's new name",
        check=_stale_notes,
    ),
)
