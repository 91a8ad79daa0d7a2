"""A schema of 500 tables as a reader sees it: the site the guide's minimal mkdocs.yml builds
(``plugins: [search, docgen]``, nothing else), in Chromium, offline, at 1440×900 and 390×844.

The schema (tests/big_schema.py) has ten model modules of fifty tables and real hubs: ``users`` is
referenced by a third of the tables. Every table must be in some drawn diagram, a hub's page must
open on the hub's own box, no table may be clipped on the widest pages, DATABASE_SCHEMA must have
a table of contents, search must send a column to its row, and no request may leave the machine.
The checks are tests/site_checks.py's, also run on real packages (tests/test_real_sites.py).
"""

from __future__ import annotations

import big_schema
import pytest
import site_checks
from conftest import require
from site_checks import VIEWPORTS
from test_mkdocs_plugin import MINIMAL
from test_site import (  # noqa: F401 (fixtures)
    axe_violations, browser, mermaid_js, mkdocs_build, npm_parts, offline_tab, serve,
)


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


def test_every_table_is_in_some_drawn_diagram(browser, big_server, big):
    tables = {name for names in big_schema.table_names(10, 50).values() for name in names}
    groups = site_checks.group_pages(big[1])
    assert len(groups) == 10
    assert tables - site_checks.boxes_drawn(browser, big_server, groups) == set()


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_a_hubs_page_opens_its_diagram_on_the_hubs_own_box(browser, big_server, width, height):
    seen = site_checks.hub_seen_on_opening(browser, big_server, "/schema/users/", "users", width, height)
    assert seen["inside"], seen
    assert seen["svgHeight"] < 3000, seen  # capped: never the 14,000 px of a hub's every child
    assert len(seen["more"]) == 1 and seen["more"][0] > 100


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_no_table_is_clipped_on_the_widest_pages(browser, big_server, big, width, height):
    pages = [f"/schema/{t}/" for t in [*site_checks.widest_tables(big[1]), "users"]] + ["/DATABASE_SCHEMA/"]
    assert site_checks.clipped_tables(browser, big_server, pages, width, height) == {}


def test_database_schema_has_a_table_of_contents_and_a_map_of_the_groups(browser, big_server):
    assert site_checks.database_schema_toc_links(browser, big_server) > 500
    with offline_tab(browser, big_server) as tab:
        tab.goto("/DATABASE_SCHEMA/", timeout=180_000)
        site_checks.diagrams_drawn(tab)
        assert tab.locator(".docgen-diagram svg g.node").count() == 10  # the groups


def test_search_sends_a_column_to_its_row_and_finds_table_dot_column(browser, big_server, big):
    site_checks.search_lands_on_the_row(browser, big_server, big[1], "schema/users/", "users.email", "email")


def test_a_page_without_a_diagram_loads_no_mermaid(browser, big_server):
    with offline_tab(browser, big_server) as tab:
        loaded: list[str] = []
        tab.on("request", lambda request: loaded.append(request.url))
        tab.goto("/")
        tab.wait_for_load_state("networkidle")
        assert any(url.endswith("docgen.js") for url in loaded)
        assert not any("mermaid" in url for url in loaded)


def test_axe_finds_no_violation_in_docgens_content_of_a_big_schema(browser, big_server, big):
    """The pages that grow with the schema: the index listing 500 tables by group, a group page, the hub with its
    capped diagram and folded "Referenced by", and the widest table page. (DATABASE_SCHEMA holds the same
    sections as the pages, checked on the example: axe takes many minutes over its 500 of them.)"""
    pages = ["/schema/", site_checks.group_pages(big[1])[0], "/schema/users/",
             f"/schema/{site_checks.widest_tables(big[1], 1)[0]}/"]
    violations = axe_violations(browser, big_server, pages)
    assert violations == {}, "\n".join(f"{path}: {found}" for path, found in violations.items())
