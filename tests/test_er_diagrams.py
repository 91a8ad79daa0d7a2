"""What each ER diagram shows, read from its text: the map of the groups, a group's diagram, a table's
neighbourhood with views and ORM-only references, and the names and labels Mermaid cannot take as they are.

The schemas here are built as the converter builds them (tables by schema, then name: unqualified first),
so "schema order" differs from the alphabetical order of the qualified names.
"""

from __future__ import annotations

import re

from docgen.model import MATERIALIZED_VIEW, VIEW, Column, ForeignKey, OrmRelationship, Schema, Table
from docgen.outputs.er import GROUP_COLUMNS, Diagrams, entity_names, quoted_text


def _table(name: str, *fks: str, schema: str | None = None, extra: tuple[Column, ...] = (), **kwargs) -> Table:
    """A table with an ``id`` primary key and, for each parent named, a NOT NULL ``<parent>_id`` foreign key."""
    columns = (Column("id", "INTEGER", nullable=False, primary_key=True),
               *(Column(f"{p.rsplit('.', 1)[-1]}_id", "INTEGER", nullable=False) for p in fks), *extra)
    keys = tuple(ForeignKey(None, (f"{p.rsplit('.', 1)[-1]}_id",), p, ("id",)) for p in fks)
    return Table(name=name, schema=schema, columns=columns, foreign_keys=keys, **kwargs)


def _entities(diagram: str) -> list[str]:
    return re.findall(r'^    ("[^"]*")(?: \{)?$', diagram, re.MULTILINE)


def _reads(diagram: str) -> list[str]:
    return [line.strip() for line in diagram.splitlines() if line.endswith(': "reads"')]


def test_the_groups_map_counts_foreign_keys_between_groups_in_the_groups_order():
    schema = Schema(tables=(
        _table("events", "orders", "users"),
        _table("lines", "orders"),  # inside its own group: no line on the map
        _table("misc", "users"),  # in no group: no line either
        Table(name="orders", columns=(Column("id", "INTEGER", nullable=False, primary_key=True),
                                      Column("user_id", "INTEGER", nullable=False),
                                      Column("reviewer_id", "INTEGER", nullable=True)),
              foreign_keys=(ForeignKey(None, ("user_id",), "users", ("id",)),
                            ForeignKey(None, ("reviewer_id",), "users", ("id",)))),
        _table("users"),
    ))
    groups = {"sales": ("lines", "orders"), "people": ("users",), "audit": ("events",)}
    assert Diagrams(schema).groups_map(groups) == (
        "erDiagram\n"
        '    "sales"\n'
        '    "people"\n'
        '    "audit"\n'
        '    "sales" ||..o{ "audit" : "1 foreign key"\n'
        '    "people" ||..o{ "sales" : "2 foreign keys"\n'
        '    "people" ||..o{ "audit" : "1 foreign key"\n'
    )


def test_a_groups_diagram_shows_the_outside_tables_linked_to_most_of_its_tables_first():
    schema = Schema(tables=(
        _table("accounts"),
        _table("invoices", "warehouses"),
        _table("orders", "accounts", "warehouses"),
        _table("warehouses"),
    ))
    diagram, left_out = Diagrams(schema).of_group(("invoices", "orders"), limit=1)
    assert _entities(diagram) == ['"invoices"', '"orders"', '"warehouses"']  # linked to both: the nearest
    assert left_out == ("accounts",)
    assert '    "invoices" {\n        INTEGER id PK\n        INTEGER warehouses_id FK\n    }' in diagram
    assert '    "warehouses"\n' in diagram  # an outside table: its name only


def test_a_groups_tables_show_their_key_columns_up_to_group_columns_tables_and_names_only_past_it():
    tables = tuple(_table(f"t{n:02}", extra=(Column("note", "TEXT", nullable=True),))
                   for n in range(GROUP_COLUMNS + 1))
    diagrams = Diagrams(Schema(tables=tables))
    names = tuple(t.name for t in tables)
    at_most, _ = diagrams.of_group(names[:GROUP_COLUMNS])
    assert at_most.count("        INTEGER id PK\n") == GROUP_COLUMNS
    assert "note" not in at_most  # key columns only
    past, _ = diagrams.of_group(names)
    assert "{" not in past and _entities(past) == [f'"{n}"' for n in names]


def test_a_groups_diagram_joins_a_view_to_the_tables_it_reads():
    schema = Schema(tables=(_table("orders"), _table("totals", kind=VIEW, reads=("orders",)),
                            _table("zones")))
    diagram, _ = Diagrams(schema).of_group(("orders", "totals", "zones"))
    assert _reads(diagram) == ['"orders" }o..o{ "totals" : "reads"']


def _views() -> Schema:
    return Schema(tables=(
        _table("a"), _table("b"),
        _table("report", kind=MATERIALIZED_VIEW, reads=("a", "b")),
        _table("summary", kind=VIEW, reads=("report",)),
    ))


def test_a_views_page_shows_what_it_reads_and_what_reads_it():
    schema = _views()
    diagram, left_out = Diagrams(schema).of_table(schema.table("report"))
    assert _reads(diagram) == ['"a" }o..o{ "report" : "reads"', '"b" }o..o{ "report" : "reads"',
                               '"report" }o..o{ "summary" : "reads"']
    assert left_out == ()
    assert '    "report" {\n        MATERIALIZED_VIEW kind\n        INTEGER id PK\n    }' in diagram
    assert '    "summary" {\n        VIEW kind\n    }' in diagram  # a neighbour's box says it is a view too


def test_a_views_page_draws_reads_only_between_the_boxes_it_shows():
    schema = _views()
    diagram, left_out = Diagrams(schema).of_table(schema.table("report"), limit=1)
    assert _entities(diagram) == ['"a"', '"report"']
    assert _reads(diagram) == ['"a" }o..o{ "report" : "reads"']
    assert left_out == ("b", "summary")


def test_an_orm_only_reference_is_drawn_on_the_referenced_tables_page_too():
    posts = Table(name="posts", columns=(Column("id", "INTEGER", nullable=False, primary_key=True),
                                         Column("author_ref", "INTEGER", nullable=True)),
                  orm_relationships=(OrmRelationship(("author_ref",), "authors", ("id",), ("Post.author",)),))
    schema = Schema(tables=(_table("authors"), posts))
    diagram, _ = Diagrams(schema).of_table(schema.table("authors"))
    assert '    "authors" |o..o{ "posts" : "author_ref (ORM-only)"' in diagram


def test_neighbours_and_those_left_out_follow_schema_order_not_the_alphabet():
    schema = Schema(tables=(_table("hub", "audit.alpha"), _table("yak", "hub"), _table("zeta", "hub"),
                            _table("alpha", schema="audit"), _table("beta", "hub", schema="audit")))
    diagram, left_out = Diagrams(schema).of_table(schema.table("hub"), limit=2)  # what it references comes first
    assert _entities(diagram) == ['"hub"', '"yak"', '"audit.alpha"']
    assert left_out == ("zeta", "audit.beta")


def test_a_composite_foreign_key_is_one_line_labelled_with_its_columns():
    parent = Table(name="parent", columns=(Column("a", "INTEGER", nullable=False, primary_key=True),
                                           Column("b", "INTEGER", nullable=False, primary_key=True)))
    child = Table(name="child", columns=(Column("id", "INTEGER", nullable=False, primary_key=True),
                                         Column("pa", "INTEGER", nullable=False),
                                         Column("pb", "INTEGER", nullable=False)),
                  foreign_keys=(ForeignKey(None, ("pa", "pb"), "parent", ("a", "b")),))
    assert '    "parent" ||..o{ "child" : "pa, pb"\n' in Diagrams(Schema(tables=(child, parent))).whole()


def test_names_that_become_the_same_entity_get_numbered_and_a_blank_name_is_underscore():
    assert entity_names(['a"b', "a%b", "a\\b", 'a"b', "   "]) == {
        'a"b': '"a_b"', "a%b": '"a_b_2"', "a\\b": '"a_b_3"', "   ": '"_"'}


def test_a_column_name_or_type_with_no_letter_mermaid_takes_gets_a_stand_in_word():
    table = Table(name="prices", columns=(Column("€", "€", nullable=True),))
    diagram, _ = Diagrams(Schema(tables=(table,))).of_table(table)
    assert '        type column "€"\n' in diagram


def test_a_label_keeps_its_text_without_what_would_end_or_restyle_the_diagram():
    assert quoted_text('say "hi"\nflow direction TB 100%') == '"say \'hi\' flow direction_TB 100％"'
