"""A schema of 500 tables as a reader sees it: the site the guide's minimal mkdocs.yml builds
(``plugins: [search, docgen]``, nothing else), in Chromium, offline, at 1440×900 and 390×844.

The schema (tests/big_schema.py) has ten model modules of fifty tables and real hubs: ``users`` is
referenced by a third of the tables. Every table must be in some drawn diagram, a hub's page must
open on the hub's own box, no table may be clipped on the widest pages, DATABASE_SCHEMA must have
a table of contents, search must send a column to its row, and no request may leave the machine.
"""

from __future__ import annotations

import json
import re

import big_schema
import pytest
from conftest import require
from test_mkdocs_plugin import MINIMAL
from test_site import (  # noqa: F401 (fixtures)
    TABLES_CLIPPED, browser, mermaid_js, mkdocs_build, npm_parts, offline_tab, search, serve,
)

VIEWPORTS = [(1440, 900), (390, 844)]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(the project, its built site's directory): 500 tables, documented only by the plugin."""
    require(npm_parts(), "Mermaid from npm (make build)")
    project = big_schema.write(tmp_path_factory.mktemp("big") / "app")
    (project / "mkdocs.yml").write_text(MINIMAL)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Big app\n\nThe [schema](DATABASE_SCHEMA.md) and its [tables](schema/index.md).\n")
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, project / "site"


@pytest.fixture(scope="module")
def big_server(big):
    with serve(big[1]) as url:
        yield url


def _diagrams_drawn(tab) -> None:
    frames = tab.locator(".docgen-diagram")
    tab.locator(".docgen-diagram svg").first.wait_for(timeout=60_000)
    for n in range(frames.count()):
        frames.nth(n).locator("svg").wait_for(timeout=60_000)


def test_every_table_is_in_some_drawn_diagram(browser, big_server, big):
    tables = {name for names in big_schema.table_names(10, 50).values() for name in names}
    groups = sorted(p.name for p in (big[1] / "schema" / "groups").iterdir())
    assert len(groups) == 10
    boxes: set[str] = set()
    with offline_tab(browser, big_server) as tab:
        for group in groups:
            tab.goto(f"/schema/groups/{group}/")
            _diagrams_drawn(tab)
            boxes |= set(tab.evaluate("""() => Array.from(document.querySelectorAll('.docgen-diagram svg g.node'),
                (box) => box.querySelector('.nodeLabel, .label, text').textContent.trim())"""))
            smallest = tab.evaluate("""() => Math.min(...Array.from(document.querySelectorAll('.docgen-diagram svg text, .docgen-diagram svg span'),
                (label) => parseFloat(getComputedStyle(label).fontSize)).filter((size) => size > 0))""")
            assert smallest >= 9, f"{group}: text of {smallest} px"
    assert tables - boxes == set()


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_a_hubs_page_opens_its_diagram_on_the_hubs_own_box(browser, big_server, width, height):
    with offline_tab(browser, big_server, width, height) as tab:
        tab.goto("/schema/users/")
        _diagrams_drawn(tab)
        tab.locator(".docgen-diagram").first.scroll_into_view_if_needed()
        seen = tab.evaluate("""() => {
            const frame = document.querySelector('.docgen-diagram__scroll').getBoundingClientRect();
            const name = Array.from(document.querySelectorAll('.docgen-diagram svg g.node .nodeLabel')).find(
                (label) => label.textContent.trim() === 'users');
            const at = name.getBoundingClientRect();
            const svg = document.querySelector('.docgen-diagram svg').getBoundingClientRect();
            return {inside: at.left >= frame.left && at.right <= frame.right && at.top >= frame.top
                            && at.bottom <= frame.bottom, svgHeight: svg.height, at: [at.left, at.top],
                    frame: [frame.left, frame.top, frame.right, frame.bottom]};
        }""")
        assert seen["inside"], seen
        assert seen["svgHeight"] < 3000, seen  # capped: never the 14,000 px of a hub's every child
        more = tab.locator("article p", has_text="Also linked to")
        assert more.count() == 1 and more.locator("a").count() > 100


def _widest_tables(project, n: int = 10) -> list[str]:
    """The tables whose pages are widest: most columns, then most references."""
    pages = sorted((project / "site" / "schema").glob("*/index.html"), key=lambda p: -len(p.read_text()))
    return [p.parent.name for p in pages if p.parent.name != "groups"][:n]


def _clipped(tab) -> list[str]:
    return [header for is_clipped, header in tab.evaluate(TABLES_CLIPPED) if is_clipped]


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_no_table_is_clipped_on_the_widest_pages(browser, big_server, big, width, height):
    with offline_tab(browser, big_server, width, height) as tab:
        for table in [*_widest_tables(big[0]), "users"]:
            tab.goto(f"/schema/{table}/")
            assert _clipped(tab) == [], f"{table} at {width}"
        tab.goto("/DATABASE_SCHEMA/", timeout=180_000)  # 500 tables: 3 MB of HTML
        assert _clipped(tab) == [], f"DATABASE_SCHEMA at {width}"


def test_database_schema_has_a_table_of_contents_and_a_map_of_the_groups(browser, big_server):
    with offline_tab(browser, big_server) as tab:
        tab.goto("/DATABASE_SCHEMA/", timeout=180_000)
        toc = tab.locator(".md-sidebar--secondary nav.md-nav--secondary")
        assert toc.is_visible()
        assert toc.locator("a").count() > 500
        _diagrams_drawn(tab)
        assert tab.locator(".docgen-diagram svg g.node").count() == 10  # the groups


def test_search_sends_a_column_to_its_row_and_finds_table_dot_column(browser, big_server, big):
    index = json.loads((big[1] / "search" / "search_index.json").read_text())
    assert not [d["location"] for d in index["docs"] if "erDiagram" in d["text"]]  # no diagram source
    with offline_tab(browser, big_server) as tab:
        tab.goto("/")
        search(tab, "users.email", wait_ms=10_000)
        result = tab.locator(".md-search-result__item a").first
        assert "schema/users/" in result.get_attribute("href")  # the table's page first, the column in it
        column = tab.locator('.md-search-result a[href$="schema/users/#users.email"]').first
        assert column.is_visible()
        column.click()
        tab.wait_for_url(re.compile(r"/schema/users/#users\.email$"))
        row = tab.locator("article table tr:has(a[id]:target)")
        assert row.locator("td").first.inner_text().strip() == "email"


def test_a_page_without_a_diagram_loads_no_mermaid(browser, big_server):
    with offline_tab(browser, big_server) as tab:
        loaded: list[str] = []
        tab.on("request", lambda request: loaded.append(request.url))
        tab.goto("/")
        tab.wait_for_load_state("networkidle")
        assert any(url.endswith("docgen.js") for url in loaded)
        assert not any("mermaid" in url for url in loaded)
