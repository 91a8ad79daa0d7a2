"""Rules about indexes: foreign keys nothing indexes, and indexes another one already makes redundant."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..model import Index, Table
from .rule import Context, Hit, Rule, columns_text


def _key_indexes(table: Table) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The indexes the database builds for the primary key and each unique constraint, named for messages."""
    if table.primary_key:
        yield "the primary key", table.primary_key
    for unique in table.uniques:
        yield (f"unique constraint {unique.name}" if unique.name else "a unique constraint"), unique.columns


def _unindexed_foreign_keys(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        leading = [cols for _, cols in _key_indexes(table)] + [ix.expressions for ix in table.indexes]
        for fk in table.foreign_keys:
            wanted = set(fk.columns)
            if any(set(cols[: len(fk.columns)]) == wanted for cols in leading):
                continue
            column = fk.columns[0] if len(fk.columns) == 1 else None
            yield Hit(table.qualified_name, column, {"columns": columns_text(fk.columns), "target": fk.target_table})


def _same_kind(a: Index, b: Index) -> bool:
    """Equal but for name, expressions and uniqueness (method, WHERE, ... where the schema records them)."""
    blank = {"name": None, "expressions": (), "unique": False}
    return dataclasses.replace(a, **blank) == dataclasses.replace(b, **blank)


def _made_redundant_by(index: Index, position: int, table: Table) -> str | None:
    """Why ``index`` (the table's ``position``-th) adds nothing, or None when it does."""
    n = len(index.expressions)
    for other_position, other in enumerate(table.indexes):
        if other_position == position or not _same_kind(index, other):
            continue
        label = f"index {other.name}" if other.name else "an unnamed index"
        if other.expressions == index.expressions and other.unique == index.unique and other_position < position:
            return f"a duplicate of {label}"
        if other.expressions == index.expressions and other.unique and not index.unique:
            return f"a duplicate of the unique {label}"
        if len(other.expressions) > n and other.expressions[:n] == index.expressions and not index.unique:
            return f"a leading prefix of {label} ({columns_text(other.expressions)})"
    if index.unique:  # a unique index may be how a unique constraint is spelled: never redundant with one
        return None
    for label, columns in _key_indexes(table):
        if columns[:n] == index.expressions:
            return f"covered by {label} ({columns_text(columns)})"
    return None


def _redundant_indexes(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        for position, index in enumerate(table.indexes):
            reason = _made_redundant_by(index, position, table)
            if reason is not None:
                column = index.expressions[0] if len(index.expressions) == 1 else None
                yield Hit(table.qualified_name, column, {"index": index.name or "(unnamed)",
                                          "columns": columns_text(index.expressions), "reason": reason})


RULES = (
    Rule(
        id="unindexed-foreign-key",
        summary="Foreign-key columns that no index (or primary key, or unique constraint) starts with: "
                "PostgreSQL does not index them by itself, so joins and deletes of the parent scan the table.",
        message="foreign key {table}({columns}) → {target} has no index whose leading columns "
                "are exactly its columns",
        fix="add index=True to the column, or an Index on ({columns}) to the table (and a migration creating it)",
        check=_unindexed_foreign_keys,
    ),
    Rule(
        id="redundant-index",
        summary="An index that duplicates another, or is a leading prefix of another index, the primary key "
                "or a unique constraint: it costs writes and space and serves no query the other does not.",
        message="index {index} on {table}({columns}) is redundant: {reason}",
        fix="drop the index {index}",
        check=_redundant_indexes,
    ),
)
