"""What a reader of a big schema's site must get, checked in Chromium (offline) on a built site:
shared by the generated 500-table schema (tests/test_big_site.py) and real packages from PyPI
(tests/test_real_sites.py). Each check takes the browser, the site's local URL and what to look at."""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_site import TABLES_CLIPPED, offline_tab, search

VIEWPORTS = [(1440, 900), (390, 844)]
BOX_NAMES = """() => Array.from(document.querySelectorAll('.docgen-diagram svg g.node'),
    (box) => box.querySelector('.nodeLabel, .label, text').textContent.trim())"""
SMALLEST_TEXT = """() => Math.min(...Array.from(document.querySelectorAll('.docgen-diagram svg text, .docgen-diagram svg span'),
    (label) => parseFloat(getComputedStyle(label).fontSize)).filter((size) => size > 0))"""


def diagrams_drawn(tab) -> None:
    frames = tab.locator(".docgen-diagram")
    tab.locator(".docgen-diagram svg").first.wait_for(timeout=60_000)
    for n in range(frames.count()):
        frames.nth(n).locator("svg").wait_for(timeout=60_000)


def boxes_drawn(browser, url: str, paths: list[str]) -> set[str]:
    """The names in the boxes of the diagrams drawn on ``paths``; each page's text at least 9 px."""
    boxes: set[str] = set()
    with offline_tab(browser, url) as tab:
        for path in paths:
            tab.goto(path)
            diagrams_drawn(tab)
            boxes |= set(tab.evaluate(BOX_NAMES))
            smallest = tab.evaluate(SMALLEST_TEXT)
            assert smallest >= 9, f"{path}: text of {smallest} px"
    return boxes


def group_pages(site: Path) -> list[str]:
    """The group pages' paths; none when the tables are one group."""
    groups = site / "schema" / "groups"
    return [f"/schema/groups/{p.name}/" for p in sorted(groups.iterdir())] if groups.is_dir() else []


def hub_seen_on_opening(browser, url: str, page: str, hub: str, width: int, height: int) -> dict:
    """Where the hub's own box is when its page (``/schema/users/``) opens, against the diagram's frame;
    the SVG's height; the number of links in each "Also linked to" paragraph."""
    with offline_tab(browser, url, width, height) as tab:
        tab.goto(page)
        diagrams_drawn(tab)
        tab.locator(".docgen-diagram").first.scroll_into_view_if_needed()
        return tab.evaluate("""(hub) => {
            const frame = document.querySelector('.docgen-diagram__scroll').getBoundingClientRect();
            const name = Array.from(document.querySelectorAll('.docgen-diagram svg g.node .nodeLabel')).find(
                (label) => label.textContent.trim() === hub);
            const at = name.getBoundingClientRect();
            const svg = document.querySelector('.docgen-diagram svg').getBoundingClientRect();
            return {inside: at.left >= frame.left && at.right <= frame.right && at.top >= frame.top
                            && at.bottom <= frame.bottom, svgHeight: svg.height, at: [at.left, at.top],
                    frame: [frame.left, frame.top, frame.right, frame.bottom],
                    more: Array.from(document.querySelectorAll('article p')).filter(
                        (p) => p.textContent.includes('Also linked to')).map((p) => p.querySelectorAll('a').length)};
        }""", hub)


def widest_tables(site: Path, n: int = 10) -> list[str]:
    """The tables whose pages are widest: most columns, then most references (the most HTML)."""
    pages = sorted((site / "schema").glob("*/index.html"), key=lambda p: -len(p.read_text()))
    return [p.parent.name for p in pages if p.parent.name not in ("groups", "history")][:n]


def clipped_tables(browser, url: str, paths: list[str], width: int, height: int) -> dict[str, list[str]]:
    """Per path: the first header of each table clipped there (wider than what shows of it, or cut)."""
    clipped = {}
    with offline_tab(browser, url, width, height) as tab:
        for path in paths:
            tab.goto(path, timeout=180_000)  # DATABASE_SCHEMA of hundreds of tables: megabytes of HTML
            found = [header for is_clipped, header in tab.evaluate(TABLES_CLIPPED) if is_clipped]
            if found:
                clipped[path] = found
    return clipped


def database_schema_toc_links(browser, url: str) -> int:
    """How many links the table of contents beside DATABASE_SCHEMA shows (0: none visible)."""
    with offline_tab(browser, url) as tab:
        tab.goto("/DATABASE_SCHEMA/", timeout=180_000)
        toc = tab.locator(".md-sidebar--secondary nav.md-nav--secondary")
        return toc.locator("a").count() if toc.is_visible() else 0


def search_lands_on_the_row(browser, url: str, site: Path, page: str, anchor: str, column: str) -> None:
    """``anchor`` (``table.column``) typed into search: the table's page (``page``: ``schema/users/``) is the
    first hit, the column's hit opens its row; no diagram source is in the index."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not [d["location"] for d in index["docs"] if "erDiagram" in d["text"]]
    with offline_tab(browser, url) as tab:
        tab.goto("/")
        search(tab, anchor, wait_ms=10_000)
        assert page in tab.locator(".md-search-result__item a").first.get_attribute("href")
        hit = tab.locator(f'.md-search-result a[href$="{page}#{anchor}"]').first
        assert hit.is_visible()
        hit.click()
        tab.wait_for_url(re.compile(rf"/{re.escape(page)}#{re.escape(anchor)}$"))
        row = tab.locator("article table tr:has(a[id]:target)")
        assert row.locator("td").first.inner_text().strip() == column
