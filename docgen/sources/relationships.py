"""Relationships only the ORM knows: ``relationship()`` joins on columns no foreign key links.

Apps declare ``relationship("Customer", primaryjoin="foreign(Order.customer_code) == Customer.code")``
where the database has no FOREIGN KEY (soft references, legacy schemas, a key dropped for speed). It is
how the app really joins, so it is documented, marked ORM-only. SQLAlchemy has already worked out each
join's referenced and foreign columns (``foreign()``, ``foreign_keys=``): its ``synchronize_pairs`` (and,
through an association table, ``secondary_synchronize_pairs``). A pair no ``ForeignKey`` backs is an
ORM-only reference; the pairs of one relationship between the same two tables are one multi-column
reference, and both sides of a bidirectional relationship (``back_populates``, ``backref``) one reference
declared by two attributes. A join on an expression rather than a table's column is left out. Mappers
that cannot be configured (the app's own error) give one warning line on stderr and no references.
"""

from __future__ import annotations

import sys

import sqlalchemy as sa
from sqlalchemy import orm

from .. import model
from ..errors import describe, printable


def orm_only(mappers: list[orm.Mapper], tables: set[int]) -> dict[str, tuple[model.OrmRelationship, ...]]:
    """The ORM-only references of ``mappers``' relationships between the tables in ``tables`` (their ids),
    by the referencing table's key, sorted."""
    declared: dict[tuple[str, tuple[str, ...], str, tuple[str, ...]], set[str]] = {}
    if not any(isinstance(prop, orm.RelationshipProperty) for mapper in mappers for prop in mapper._props.values()):
        return {}  # none declared: configuring the 1,000 benchmark mappers costs ~13 % of importing them
    try:  # as the app's first query does, for the models' own registries (and those they depend on): not
        # every registry in memory, where an earlier import's broken mappers may linger (`mkdocs serve`)
        for registry in {id(mapper.registry): mapper.registry for mapper in mappers}.values():
            registry.configure(cascade=True)
    except Exception as exc:  # the app's mappers do not configure: the tables are documented all the same
        print(printable(f"docgen: warning: ORM relationships not read: the mappers cannot be configured "
                        f"({describe(exc)})"), file=sys.stderr)
        return {}
    for mapper in mappers:
        for prop in mapper.relationships:
            attribute = f"{mapper.class_.__name__}.{prop.key}"
            for pairs in (prop.synchronize_pairs, prop.secondary_synchronize_pairs or []):
                for reference in _unbacked(pairs, tables):
                    declared.setdefault(reference, set()).add(attribute)
    found: dict[str, list[model.OrmRelationship]] = {}
    for (table, columns, target, target_columns), attributes in sorted(declared.items()):
        found.setdefault(table, []).append(model.OrmRelationship(columns, target, target_columns,
                                                                 tuple(sorted(attributes))))
    return {table: tuple(references) for table, references in found.items()}


def _unbacked(pairs, tables: set[int]) -> list[tuple[str, tuple[str, ...], str, tuple[str, ...]]]:
    """(table, columns, target table, target columns) of the (referenced, foreign) ``pairs`` no foreign key
    backs, grouped by the two tables."""
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    # in the referencing table's column order: a join's ``AND`` may name the pairs in any order
    for referenced, foreign in sorted(pairs, key=lambda pair: _position(pair[1])):
        if not all(isinstance(c, sa.Column) and isinstance(c.table, sa.Table) and id(c.table) in tables
                   for c in (referenced, foreign)):
            continue
        if any(fk.column is referenced for fk in foreign.foreign_keys):  # keys resolve: the loader checked
            continue
        columns, target_columns = grouped.setdefault((foreign.table.key, referenced.table.key), ([], []))
        columns.append(foreign.name)
        target_columns.append(referenced.name)
    return [(table, tuple(columns), target, tuple(target_columns))
            for (table, target), (columns, target_columns) in grouped.items()]


def _position(column) -> int:
    """Where ``column`` stands in its table (-1 for an expression: it is left out anyway)."""
    table = getattr(column, "table", None)
    columns = table.columns if isinstance(table, sa.Table) else ()
    return next((i for i, c in enumerate(columns) if c is column), -1)
