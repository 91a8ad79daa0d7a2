"""Rules about names: unnamed constraints, reserved words, names longer than the dialect keeps."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Schema, Table
from .rule import Context, Hit, Rule, columns_text


def _constraints(table: Table) -> Iterator[tuple[str, str | None, tuple[str, ...], str]]:
    """(kind, name, columns, how to show it) of every named-or-not constraint and index of ``table``."""
    for fk in table.foreign_keys:
        yield "foreign key", fk.name, fk.columns, f"({columns_text(fk.columns)}) → {fk.target_table}"
    for unique in table.uniques:
        yield "unique constraint", unique.name, unique.columns, f"({columns_text(unique.columns)})"
    for check in table.checks:
        yield "check constraint", check.name, (), "(" + " ".join(check.sqltext.split()) + ")"
    for index in table.indexes:
        yield "index", index.name, index.expressions, f"({columns_text(index.expressions)})"


def _named_kinds(schema: Schema) -> set[str]:
    return {kind for table in schema.tables for kind, name, _, _ in _constraints(table) if name}


def _unnamed_constraints(ctx: Context) -> Iterator[Hit]:
    named = _named_kinds(ctx.schema)
    for table in ctx.schema.tables:
        for kind, name, columns, shown in _constraints(table):
            if name:
                continue
            if ctx.schema.lint.naming_convention:
                reason = "the MetaData has a naming convention"
            elif kind in named:
                reason = f"other {kind}s of the schema are named"
            else:
                continue
            column = columns[0] if len(columns) == 1 and table.column(columns[0]) else None
            yield Hit(table.qualified_name, column, {"kind": kind, "shown": shown, "reason": reason})


def _table_and_column_names(table: Table) -> Iterator[tuple[str | None, str, str]]:
    """(column or None, what it is, the name) of the table and of each of its columns."""
    yield None, f"table {table.qualified_name}", table.name
    for column in table.columns:
        yield column.name, f"column {table.qualified_name}.{column.name}", column.name


def _constraint_names(table: Table) -> Iterator[tuple[str | None, str, str]]:
    """(its one column or None, what it is, the name) of each named constraint and index of ``table``."""
    for kind, name, columns, _ in _constraints(table):
        if name:
            yield (columns[0] if len(columns) == 1 else None), f"{kind} {name} of {table.qualified_name}", name


def _reserved_words(ctx: Context) -> Iterator[Hit]:
    reserved = ctx.schema.lint.reserved_words
    for table in ctx.schema.tables:
        for column, what, name in _table_and_column_names(table):
            if name.lower() in reserved:
                values = {"what": what, "word": name, "dialect": ctx.schema.lint.dialect}
                yield Hit(table.qualified_name, column, values)


def _too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.schema.lint.max_identifier_length
    if not limit:
        return
    for table in ctx.schema.tables:
        for column, what, name in (*_table_and_column_names(table), *_constraint_names(table)):
            length = len(name.encode("utf-8"))
            if length > limit:
                yield Hit(table.qualified_name, column, {"what": what, "length": length, "limit": limit,
                                          "dialect": ctx.schema.lint.dialect})


RULES = (
    Rule(
        id="unnamed-constraint",
        summary="A constraint or index without a name where the MetaData has a naming convention or the schema "
                "names the others of its kind: migrations cannot drop or alter what they cannot name.",
        message="{kind} {table}{shown} has no name, while {reason}",
        fix="give it a name (name=...), or give the MetaData a naming_convention that names it",
        check=_unnamed_constraints,
    ),
    Rule(
        id="reserved-word",
        summary="A table or column named with a reserved word of the dialect: every hand-written query "
                "must quote it.",
        message="{what} is named with {word!r}, a reserved word of the {dialect} dialect",
        fix="rename it (the attribute can keep its name: mapped_column(\"other_name\", ...))",
        check=_reserved_words,
    ),
    Rule(
        id="identifier-too-long",
        summary="A table, column, constraint or index name longer than the dialect keeps "
                "(63 bytes in PostgreSQL): it is silently truncated, and two names may become one.",
        message="{what}: the name is {length} bytes long, more than the {limit} the {dialect} dialect keeps",
        fix="shorten the name to at most {limit} bytes",
        check=_too_long,
    ),
)
