"""Rules about keys: primary keys, foreign keys that are missing or surprising, nullable unique columns."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Schema, Table
from .rule import Context, Hit, Rule, columns_text


def _without_primary_key(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        if not table.primary_key and not table.is_view:  # a view has no keys of its own
            yield Hit(table.qualified_name)


def _singulars(name: str) -> set[str]:
    """``name`` and the singulars it may be the plural of (users → user, categories → category, boxes → box)."""
    forms = {name}
    if name.endswith("ies"):
        forms.add(name[:-3] + "y")
    if name.endswith("es"):
        forms.add(name[:-2])
    if name.endswith("s") and not name.endswith("ss"):
        forms.add(name[:-1])
    return forms


def _reference_names(schema: Schema) -> dict[str, Table]:
    """Column names (lower case, ``_`` dropped) that look like a reference to a table's one-column primary key.

    ``users`` with primary key ``id`` is referenced by ``user_id``/``userId``/``users_id``;
    a primary key that already names its table (``user_id``) by that very name.
    """
    names: dict[str, Table] = {}
    for table in schema.tables:
        if len(table.primary_key) != 1:
            continue
        key = table.primary_key[0].lower().replace("_", "")
        if key == "id":
            candidates = {f"{form.lower().replace('_', '')}id" for form in _singulars(table.name)}
        elif key.endswith("id"):
            candidates = {key}
        else:
            continue
        for candidate in sorted(candidates):
            names.setdefault(candidate, table)  # the first table in schema order wins a shared name
    return names


def _implied_relationships(ctx: Context) -> Iterator[Hit]:
    references = _reference_names(ctx.schema)
    for table in ctx.schema.tables:
        if table.is_view:  # a view cannot have a foreign key: its columns are its tables'
            continue
        # a foreign key, or a join the ORM declares (relationship() with foreign()), already says what it references
        in_foreign_keys = {name for ref in (*table.foreign_keys, *table.orm_relationships) for name in ref.columns}
        for column in table.columns:
            target = references.get(column.name.lower().replace("_", ""))
            if target is None or target is table or column.name in in_foreign_keys:
                continue
            reference = f"{target.qualified_name}.{target.primary_key[0]}"
            yield Hit(table.qualified_name, column.name, {"target": reference})


def _unique_column_sets(table: Table) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every column set the table declares unique (constraints and unique indexes of plain columns), named."""
    for unique in table.uniques:
        yield (f"unique constraint {unique.name}" if unique.name else "unique constraint"), unique.columns
    names = {c.name for c in table.columns}
    for index in table.indexes:
        if index.unique and all(e in names for e in index.expressions):
            yield (f"unique index {index.name}" if index.name else "unique index"), index.expressions


def _nullable_unique(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for label, columns in _unique_column_sets(table):
            for name in columns:
                column = table.column(name)
                if column is None or not column.nullable or (name, columns) in seen:
                    continue
                seen.add((name, columns))
                yield Hit(table.qualified_name, name, {"unique": f"{label} ({columns_text(columns)})"})


def _nullable_cascade(ctx: Context) -> Iterator[Hit]:
    for table in ctx.schema.tables:
        for fk in table.foreign_keys:
            if (fk.ondelete or "").upper() != "CASCADE":
                continue
            for name in fk.columns:
                column = table.column(name)
                if column is not None and column.nullable:
                    yield Hit(table.qualified_name, name, {"target": fk.target_table})


RULES = (
    Rule(
        id="no-primary-key",
        summary="A table without a primary key.",
        message="table {table} has no primary key",
        fix="add a primary key (primary_key=True on its identifying columns, or a PrimaryKeyConstraint)",
        check=_without_primary_key,
    ),
    Rule(
        id="implied-relationship",
        summary="A column named like another table's primary key (user_id, userId) that has no foreign key.",
        message="column {table}.{column} looks like a reference to {target} but has no foreign key",
        fix='add ForeignKey("{target}") to the column, or silence the rule here if the name is a coincidence',
        check=_implied_relationships,
    ),
    Rule(
        id="nullable-unique",
        summary="A nullable column in a UNIQUE constraint or index: NULLs never collide, so it does not "
                "keep rows without a value unique.",
        message="column {table}.{column} is nullable but part of the {unique}: "
                "rows where it is NULL are never duplicates",
        fix="make the column NOT NULL (nullable=False), or silence the rule here if several NULLs are intended",
        check=_nullable_unique,
    ),
    Rule(
        id="nullable-cascade-foreign-key",
        summary="A nullable foreign-key column with ON DELETE CASCADE: optional, yet deleted with its parent.",
        message="column {table}.{column} is nullable, yet its foreign key to {target} "
                "deletes the row ON DELETE CASCADE",
        fix="make it NOT NULL if the row cannot exist without its {target} row, else use ondelete=\"SET NULL\"",
        check=_nullable_cascade,
    ),
)
