"""Mermaid ER diagrams: the whole schema in DATABASE_SCHEMA.md, one neighbourhood per table page.

Whether Mermaid itself accepts the text is tested in a real browser
(test_site.py); here: the syntax rules docgen must keep and the cardinalities.
"""

from __future__ import annotations

import re

from conftest import mermaid_blocks, run_docgen
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.model import Column, ForeignKey, Schema, Table
from docgen.outputs.er import Diagrams

# Mermaid attribute: type name [keys] ["comment"]; type and name are plain words, never PK/FK/UK.
ATTRIBUTE = re.compile(r'^        (?!(?i:pk|fk|uk|direction) )[A-Za-z_]\w* (?!(?i:pk|fk|uk)\b)[A-Za-z_]\w*'
                       r'( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"\n]*")?$', re.ASCII)
ENTITY = re.compile(r'^    "[^"%\\\n]+"( \{)?$')
RELATIONSHIP = re.compile(r'^    "[^"%\\\n]+" (\|\||\|o|\}o)(--|\.\.)(o\||o\{) "[^"%\\\n]+" : "[^"\n]*"$')


def _diagram_lines_are_valid(diagram: str) -> None:
    lines = diagram.splitlines()
    assert lines[0] == "erDiagram"
    if lines[1] == "    direction LR":  # a table's diagram is laid out left to right: docgen's only layout line
        lines = lines[1:]
    for line in lines[1:]:
        assert not re.search(r"direction\s+(TB|BT|RL|LR)", line, re.IGNORECASE), line
        assert ENTITY.match(line) or ATTRIBUTE.match(line) or RELATIONSHIP.match(line) or line == "    }", line


def test_schema_document_has_a_whole_schema_diagram_with_key_columns_and_cardinality(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    text = (coaching / "docs" / "DATABASE_SCHEMA.md").read_text()
    [diagram] = mermaid_blocks(text)
    _diagram_lines_are_valid(diagram)
    assert text.index("## ER diagram") < text.index("## backburner_items")
    assert '    "tasks" {\n        INTEGER id PK\n        INTEGER user_id FK\n        INTEGER goal_id FK\n    }' in diagram
    assert "title" not in diagram  # only key columns in the whole-schema diagram
    assert '"users" ||..o{ "tasks" : "user_id"' in diagram  # NOT NULL foreign key: exactly one user
    assert '"goals" |o..o{ "tasks" : "goal_id"' in diagram  # nullable: zero or one goal
    assert diagram.count("{\n") == 15  # 14 tables and the open_tasks view
    assert '    "open_tasks" {\n        VIEW kind\n    }' in diagram
    assert '    "tasks" }o..o{ "open_tasks" : "reads"' in diagram


def test_odd_names_give_quoted_entities_and_plain_attribute_words(odd_names):
    result = run_docgen("build", cwd=odd_names)
    assert result.returncode == 0, result.stderr
    [diagram] = mermaid_blocks((odd_names / "docs" / "DATABASE_SCHEMA.md").read_text())
    _diagram_lines_are_valid(diagram)
    for entity in ('"order items"', '"user-accounts"', '"audit.log.entries"', '"Ünïcödé"', '"erDiagram"',
                   '"pct__quote"', '"flow direction_TB"'):
        assert f"    {entity}" in diagram, entity
    page = (odd_names / "docs" / "schema" / "user-accounts.md").read_text()
    [neighbourhood] = mermaid_blocks(page)
    _diagram_lines_are_valid(neighbourhood)
    assert '        VARCHAR_200 e_mail UK "e mail"' in neighbourhood
    assert '        NUMERIC_10_2 na_ve "naïve"' in neighbourhood
    assert '        TEXT pk_ "pk"' in neighbourhood
    assert '        TIMESTAMP_WITH_TIME_ZONE _1st "1st"' in neighbourhood
    assert '        VARCHAR_20_ARRAY tags' in neighbourhood


def test_cardinality_follows_nullability_uniqueness_and_primary_keys(odd_names):
    assert run_docgen("build", cwd=odd_names).returncode == 0
    [diagram] = mermaid_blocks((odd_names / "docs" / "DATABASE_SCHEMA.md").read_text())
    assert '"user-accounts" ||..o{ "order items" : "account"' in diagram  # NOT NULL, not unique
    assert '"user-accounts" |o..o{ "order items" : "reviewer"' in diagram  # nullable
    assert '"audit.log.entries" ||..o| "erDiagram" : "to"' in diagram  # unique: one to zero-or-one
    assert '"user-accounts" ||--o| "Ünïcödé" : "account_id"' in diagram  # FK is the PK: identifying
    assert '"flow direction_TB" |o..o{ "flow direction_TB" : "parent"' in diagram  # self reference


def test_a_table_page_diagram_shows_the_table_and_only_its_direct_neighbours(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    [diagram] = mermaid_blocks((coaching / "docs" / "schema" / "tasks.md").read_text())
    entities = re.findall(r'^    ("[^"]+")(?: \{)?$', diagram, re.MULTILINE)
    assert entities == ['"goals"', '"milestones"', '"open_tasks"', '"tasks"', '"users"', '"work_sessions"']
    assert "        VARCHAR_200 title" in diagram  # the page's own table shows every column
    assert "wheel" not in diagram and "conversations" not in diagram


def test_above_er_max_tables_the_whole_schema_diagram_becomes_a_note(coaching):
    result = run_docgen("build", "--er-max-tables", "14", cwd=coaching)
    assert result.returncode == 0, result.stderr
    text = (coaching / "docs" / "DATABASE_SCHEMA.md").read_text()
    assert mermaid_blocks(text) == []
    assert "The schema has 15 tables, more than `er-max-tables` allows for one diagram." in text
    assert "Each table's page has an ER diagram of the table and its direct neighbours." in text
    assert len(mermaid_blocks((coaching / "docs" / "schema" / "goals.md").read_text())) == 1
    assert run_docgen("build", "--er-max-tables", "15", cwd=coaching).returncode == 0
    assert len(mermaid_blocks((coaching / "docs" / "DATABASE_SCHEMA.md").read_text())) == 1



_NAMES = st.text(min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(tables=st.lists(st.tuples(_NAMES, st.lists(_NAMES, min_size=1, max_size=4, unique=True)),
                       min_size=1, max_size=5, unique_by=lambda t: t[0]))
def test_any_table_and_column_names_give_diagram_lines_mermaid_accepts(tables):
    """Whatever the names (quotes, %, line breaks, key words, any script), every line keeps Mermaid's syntax."""
    first = tables[0][0]
    schema = Schema(tables=tuple(
        Table(name=name, columns=tuple(Column(name=c, type=f"{c} (x)", nullable=True, primary_key=(i == 0))
                                       for i, c in enumerate(columns)),
              foreign_keys=(ForeignKey(None, (columns[0],), first, (tables[0][1][0],)),))
        for name, columns in tables
    ))
    diagram = Diagrams(schema).whole()
    _diagram_lines_are_valid(diagram)
    entities = re.findall(r'^    ("[^"]*")(?: \{)?$', diagram, re.MULTILINE)
    assert len(entities) == len(set(entities)) == len(tables)  # one distinct entity per table
    for table in schema.tables:
        _diagram_lines_are_valid(Diagrams(schema).of_table(table))


def test_a_mermaid_directive_or_comment_in_a_name_never_reaches_the_diagram_text():
    """Mermaid reads ``%%{init: ...}%%`` anywhere in a diagram as a directive (a theme, a config) and a line
    starting with ``%%`` as a comment: no column name, attribute comment or FK label may carry ``%%``."""
    directive = "x%%{init: {'theme':'dark', 'themeVariables': {'primaryColor':'#f00'}}}%%"
    parent = Table(name="parent", columns=(Column(name="id", type="INTEGER", primary_key=True, nullable=False),))
    child = Table(name=f"child{directive}", columns=(
        Column(name="id", type="INTEGER", primary_key=True, nullable=False),
        Column(name=directive, type="INTEGER", nullable=True),
        Column(name="%% a comment", type="INTEGER", nullable=True),
    ), foreign_keys=(ForeignKey(name=None, columns=(directive,), target_table="parent", target_columns=("id",)),))
    diagrams = Diagrams(Schema(tables=(parent, child)))
    for diagram in (diagrams.whole(), diagrams.of_table(child), diagrams.of_table(parent)):
        assert "%%" not in diagram, diagram
        assert "%" not in diagram.replace("％", ""), diagram
        _diagram_lines_are_valid(diagram)
    assert "x％％{init" in diagrams.of_table(child)  # the name is still recognisable
