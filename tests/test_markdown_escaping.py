"""Whatever text sits in comments, defaults or CHECKs, the Markdown tables never break.

Renders with the real templates, parses the result back with markdown-it-py
(CommonMark + GFM tables, what GitHub shows) and expects every cell intact and
one row per column.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from docgen.outputs.markdown import anchor, column_anchor, table_anchor
from docgen.outputs.render import Renderer
from docgen.sources.convert import from_metadata

# Printable text of any script, plus the characters Markdown and HTML care about.
text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        st.sampled_from("|`<>&\\*_[]#!~\n\r\t -:"),
    ),
    max_size=40,
)
PARSER = MarkdownIt("commonmark").enable("table")
RENDERER = Renderer()


def expected(value: str) -> str:
    return re.sub(r"\r\n|\r", "\n", value).strip()


def tables_in(markdown: str) -> list[list[list[str]]]:
    """Each GFM table in ``markdown`` as rows of cell texts (``<br>`` read back as a newline)."""
    tables, rows, cells, inside = [], [], [], False
    for token in PARSER.parse(markdown):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            cells = []
        elif token.type in ("td_open", "th_open"):
            inside = True
        elif token.type == "inline" and inside:
            cells.append("".join(_inline_text(child) for child in token.children or []))
            inside = False
        elif token.type == "tr_close":
            rows.append(cells)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def _inline_text(token) -> str:
    if token.type == "html_inline" and token.content == "<br>":
        return "\n"
    if token.type in ("link_open", "link_close"):  # the table of contents links table names
        return ""
    if token.type == "html_inline" and re.fullmatch(r'<a id="[a-z0-9_.-]+">|</a>', token.content):
        return ""  # a column's anchor: its id is made of these characters only, never of the name's text
    assert token.type == "text", f"cell text was parsed as {token.type}: {token.content!r}"
    return token.content


@settings(max_examples=200, deadline=None)
@given(
    table_comment=text,
    comments=st.lists(text, min_size=1, max_size=4),
    default=text,
    check=text.filter(lambda s: s.strip()),
)
@example(table_comment="", comments=[""], default=" at 0x", check="0")  # once read as an object's address
def test_every_cell_reads_back_intact(table_comment, comments, default, check):
    metadata = sa.MetaData()
    columns = [sa.Column(f"c{i}", sa.Integer, comment=comment or None) for i, comment in enumerate(comments)]
    columns.append(sa.Column("with_default", sa.String, default=default))
    sa.Table("t", metadata, *columns, sa.CheckConstraint(check, name="ck"), comment=table_comment or None)
    schema = from_metadata(metadata)

    markdown = RENDERER.schema_block(schema, link=lambda name, column=None: "#" + anchor(name))
    toc, column_table, check_table = tables_in(markdown)

    assert toc[1][2] == expected(table_comment)
    header, rows = column_table[0], column_table[1:]
    assert len(rows) == len(columns)
    for row in rows:
        assert len(row) == len(header)
    # A column empty in every row is left out: the cells are found by their column's name.
    cell = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    assert cell.get("Description", [""] * len(rows))[: len(comments)] == [expected(c) for c in comments]
    assert cell.get("Default", [""] * len(rows))[-1] == expected(repr(default))
    assert check_table[1] == ["ck", expected(check)]


def test_anchors_are_stable_links():
    """The ids a reader links to (``DATABASE_SCHEMA.md#users-table``) are the same in every docgen version:
    a plain name is its own id; any other name its slug (no leading or trailing ``-``, ``x`` when nothing is
    left) and its digest; a legacy heading's id as GitHub and MkDocs give it."""
    assert table_anchor("users") == "users-table"
    assert table_anchor("Users") == "users-a8cfec08-table"
    assert table_anchor("::stop-commands::tok") == "stop-commands-tok-f76234a7-table"
    assert table_anchor("名前") == "x-ca9c3966-table"
    assert column_anchor("retail.stores", "Store ID") == "retail-stores-5a4fdb58.store-id-8821cb57"
    assert anchor("Table: Order  items") == "table-order-items"
