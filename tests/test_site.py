"""The MkDocs Material site as a reader sees it: built strictly, served locally, read in Chromium.

The site is the repository's own (mkdocs.yml at the root: the user guide and the
example app's generated schema). The browser is Debian's Chromium driven by
Playwright. The site serves Mermaid itself (`make build` copies it from npm into
docgen/assets/, the docgen plugin serves it); every request that leaves the local server is refused, so every
diagram drawn here is drawn offline. Screenshots land in tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO, mermaid_blocks, require, run_docgen

CHROMIUM = Path(os.environ.get("DOCGEN_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Mermaid as the site serves it, put there by `make build` (npm ci, then a copy); axe-core from the same npm install.
SITE_MERMAID = REPO / "docgen" / "assets" / "mermaid.min.js"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Sites drawn by Material's own Mermaid loader (not docgen.js) ask this URL; local_context answers it locally.
MERMAID_CDN = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
# Material draws Mermaid into a closed shadow root; open it so a test can see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""
EXAMPLE_TABLES = ["backburner_items", "calendar_events", "checkins", "conversation_embeddings", "conversations",
                  "goals", "metrics", "milestones", "open_tasks", "pattern_tracking", "tasks", "users", "wheel_categories",
                  "wheel_scores", "work_sessions"]


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
    )


@functools.cache
def npm_parts() -> bool:
    """Mermaid in docgen/assets/ and axe-core in node_modules/, as `make build` installs them; False without npm."""
    if not (SITE_MERMAID.is_file() and AXE.is_file()) and shutil.which("npm") and shutil.which("make"):
        subprocess.run(["make", "-C", str(REPO), "docgen/assets/mermaid.min.js"], capture_output=True, timeout=600)
    return SITE_MERMAID.is_file() and AXE.is_file()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's site, built with ``mkdocs build --strict`` (with its Mermaid when npm is here)."""
    npm_parts()
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(REPO / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def broken_links(site: Path) -> list[str]:
    """Every link or asset of the site's pages that lands nowhere: a missing file, or an anchor (``#id``) that
    the target page does not have. Links leaving the site (``https:``, ``mailto:``) are not followed."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', page.read_text(encoding="utf-8"))}
        return ids[page]

    broken = []
    for page in sorted(site.rglob("*.html")):
        base = "/" + page.relative_to(site).as_posix()
        for link in re.findall(r'\s(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            link = html.unescape(link)
            if re.match(r"[a-z][a-z0-9+.-]*:", link):
                continue
            target = urllib.parse.urlsplit(urllib.parse.urljoin(base, link))
            file = site / urllib.parse.unquote(target.path).lstrip("/")
            file = file / "index.html" if target.path.endswith("/") else file
            if not file.is_file():
                broken.append(f"{base}: {link} (no file)")
            elif target.fragment and urllib.parse.unquote(target.fragment) not in anchors(file):
                broken.append(f"{base}: {link} (no such anchor)")
    return broken


def column_rows(page: Path) -> list[list[str]]:
    """The rows of a table page's Columns table as a reader sees them: each cell's text."""
    text = page.read_text(encoding="utf-8")
    body = text[text.index('id="columns"'):]
    body = body[body.index("<tbody>"):body.index("</tbody>")]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def models_columns(metadata) -> dict[str, list[tuple[str, str]]]:
    """Each table's (column name, "yes"/"no" nullable) as SQLAlchemy itself reports them."""
    return {t.name: [(c.name, "yes" if c.nullable else "no") for c in t.columns] for t in metadata.sorted_tables}


def test_the_repository_site_builds_strictly_every_link_lands_and_each_page_shows_its_columns(site):
    """No broken link or anchor on any page, and each table page lists the columns the models have."""
    from docgen.sources.models import load_models

    assert broken_links(site) == []
    tables = models_columns(load_models("examples.coaching.models:Base", REPO).metadata)
    from examples.coaching.models.views import open_tasks  # the view: its query's columns, as SQLAlchemy has them

    tables["open_tasks"] = [(c.name, "yes") for c in open_tasks.selected_columns]  # a view promises no NOT NULL
    assert sorted(tables) == EXAMPLE_TABLES
    for table, columns in tables.items():
        shown = [(row[0], row[2]) for row in column_rows(site / "schema" / table / "index.html")]
        assert shown == columns, table
    assert "docgen build" in (site / "guide" / "cli" / "index.html").read_text()  # generated by mkdocs-click


def test_the_home_page_and_the_cli_reference_show_every_command_with_real_defaults(site):
    """No click placeholder (Sentinel.UNSET, a bare None) stands in for a default; --pages says its default."""
    from docgen.cli import main

    home, reference = (html.unescape(re.sub(r"<[^>]+>", "", (site / page).read_text()))
                       for page in ("index.html", "guide/cli/index.html"))
    for command in main.commands:
        assert f"docgen {command}" in home, command
        assert re.search(rf"Usage:\s*docgen {command} \[OPTIONS\]", reference), command
    assert "Sentinel" not in reference and "UNSET" not in reference
    assert re.search(r"--pages / --no-pages\s+Write one page per table .*\(default: on\)", reference, re.S)


def test_strict_site_build_fails_on_a_link_to_a_missing_table_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [users](schema/users.md).\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: {name: material}\n")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "schema/users.md" in result.stdout + result.stderr


def test_pages_with_odd_names_build_a_strict_site(odd_names):
    """Spaces, unicode, % and a table called "index" still give working links between pages."""
    assert run_docgen("build", cwd=odd_names).returncode == 0
    (odd_names / "mkdocs.yml").write_text("site_name: odd\ntheme: {name: material}\n")
    result = mkdocs_build(odd_names / "mkdocs.yml", odd_names / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.name for p in (odd_names / "site" / "schema").iterdir())
    assert "order items" in pages and "Ünïcödé" in pages and "index-2" in pages


def test_the_navigation_follows_tables_as_they_come_and_go_without_editing_mkdocs_yml(coaching):
    """The repository's mkdocs.yml on a project whose tables change: the nav lists exactly its pages."""
    shutil.copy(REPO / "mkdocs.yml", coaching / "mkdocs.yml")
    # The hand-written guide; the schema pages are the project's own, from its docgen build.
    shutil.copytree(REPO / "docs", coaching / "docs", ignore=shutil.ignore_patterns("schema", "DATABASE_SCHEMA.md"))

    def nav_tables() -> list[str]:
        assert run_docgen("build", cwd=coaching).returncode == 0
        result = mkdocs_build(coaching / "mkdocs.yml", coaching / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        home = (coaching / "site" / "index.html").read_text()
        return sorted(set(re.findall(r'href="schema/([^"/]+)/"', home)))

    assert nav_tables() == EXAMPLE_TABLES
    init = coaching / "coaching" / "models" / "__init__.py"
    init.write_text(init.read_text().replace("    backburner,\n", ""))
    (coaching / "coaching" / "models" / "backburner.py").unlink()
    assert nav_tables() == [t for t in EXAMPLE_TABLES if t != "backburner_items"]


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mermaid_js() -> Path:
    """The Mermaid the site serves (package.json pins it)."""
    require(npm_parts(), "Mermaid and axe-core from npm (make docgen/assets/mermaid.min.js runs npm ci)")
    return SITE_MERMAID


@pytest.fixture(scope="module")
def server(site):
    """The built site on a local HTTP server (127.0.0.1, a free port)."""
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.is_file(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def offline_tab(browser, server: str, width: int = 1440, height: int = 900, scheme: str = "light"):
    """A fresh tab that reaches only the local server: every other request is refused (and listed)."""
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server, color_scheme=scheme)
    refused: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(server):
            return request_route.continue_()
        refused.append(url)
        return request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
    assert refused == [], f"requests that left the machine: {refused}"


@pytest.fixture
def page(browser, server, mermaid_js):
    """A fresh desktop-sized (1440×900) light tab that can reach only the local server."""
    with offline_tab(browser, server) as tab:
        yield tab


def local_context(browser, server: str, mermaid_js: Path, **options):
    """A context for a site drawn by Material's own Mermaid loader (not docgen.js): it reaches only
    ``server``, the CDN copy of Mermaid Material asks for is answered locally, shadow roots are open."""
    context = browser.new_context(base_url=server, **options)
    context.add_init_script(OPEN_SHADOW_ROOTS)

    def route(request_route):
        url = request_route.request.url
        if url.startswith(server):
            return request_route.continue_()
        if url == MERMAID_CDN:
            return request_route.fulfill(path=str(mermaid_js), content_type="text/javascript")
        return request_route.abort()  # nothing leaves the machine (web fonts fall back to the system's)

    context.route("**/*", route)
    return context


def _title(page) -> str:
    """The page's heading as a reader reads it (without the permalink sign)."""
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def test_a_table_page_shows_its_columns_table_with_the_right_rows(page):
    page.goto("/schema/goals/")
    assert _title(page) == "goals"
    columns = page.locator("article table").first
    assert [h.strip() for h in columns.locator("thead th").all_inner_texts()] == [
        "Column", "Type", "Nullable", "Default", "Key", "Referenced by", "Description"]
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in columns.locator("tbody tr").all()]
    assert [row[0] for row in rows] == ["id", "user_id", "category", "title", "description", "target_date",
                                        "created_at", "completed_at", "status", "progress", "extra_data"]
    assert rows[0] == ["id", "INTEGER", "no", "", "PK", "tasks.goal_id", ""]
    assert rows[1] == ["user_id", "INTEGER", "no", "", "FK → users.id", "", ""]
    assert rows[9] == ["progress", "INTEGER", "no", "0", "", "", "Percent complete, 0-100"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "table-page-goals.png"), full_page=True)


def test_clicking_a_foreign_key_link_lands_on_the_referenced_column(page):
    _lands_on_the_column(page, "/schema/work_sessions/", "tasks.id", r"/schema/tasks/#tasks\.id$", "id")
    assert _title(page) == "tasks"


def test_a_referenced_column_links_back_to_the_columns_that_reference_it(page):
    _lands_on_the_column(page, "/schema/tasks/", "work_sessions.task_id",
                         r"/schema/work_sessions/#work_sessions\.task_id$", "task_id")


def _lands_on_the_column(page, start: str, link: str, url: str, column: str) -> None:
    """From ``start``, the link ``link`` in the columns table opens ``url`` with ``column``'s row in view, marked."""
    page.goto(start)
    page.locator("article table").first.get_by_role("link", name=link).click()
    page.wait_for_url(re.compile(url))
    row = page.locator("article table tr:has(a[id]:target)")
    assert row.locator("td").first.inner_text().strip() == column
    assert _below_the_header(page, row)


def test_links_in_the_whole_schema_document_land_on_the_table_and_the_column(page):
    page.goto("/DATABASE_SCHEMA/")
    page.locator("article table").get_by_role("link", name="work_sessions", exact=True).first.click()
    page.wait_for_url(re.compile(r"/DATABASE_SCHEMA/#work_sessions-table$"))
    heading = page.locator("article h2:has(a#work_sessions-table)")
    assert heading.inner_text().replace("¶", "").strip() == "work_sessions"
    assert _below_the_header(page, heading)
    page.locator("#work_sessions\\.task_id").locator("xpath=ancestor::tr").get_by_role("link", name="tasks.id").click()
    page.wait_for_url(re.compile(r"/DATABASE_SCHEMA/#tasks\.id$"))
    assert _below_the_header(page, page.locator("article table tr:has(a[id]:target)"))


def _below_the_header(page, locator) -> bool:
    """Whether ``locator`` is in the viewport and not hidden under Material's sticky header."""
    box = locator.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    return box is not None and box["y"] >= header["y"] + header["height"] - 1 and box["y"] < page.viewport_size["height"]


def search(page, words: str, wait_ms: int = 5_000) -> None:
    """Type ``words`` into the site's search box (from the page open now) until results show."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__item a").first
    for attempt in range(3):  # the search index loads in a worker: type again if it was not ready
        box.fill("")
        box.press_sequentially(words, delay=30)
        try:
            result.wait_for(timeout=wait_ms)
            return
        except Exception:
            if attempt == 2:
                raise


def test_the_search_box_finds_a_column_name(page):
    page.goto("/")
    search(page, "resurfaced_at")
    assert "resurfaced_at" in page.locator(".md-search-result").inner_text()
    # The table's page ranks first (its front matter boosts it above DATABASE_SCHEMA's section).
    assert "/schema/backburner_items/" in page.locator(".md-search-result__item a").first.get_attribute("href")
    page.locator('.md-search-result__item a[href*="schema/backburner_items/"]').first.click()
    page.wait_for_url(re.compile(r"/schema/backburner_items/"))
    assert _title(page) == "backburner_items"


def _drawn(page, which: int = 0):
    """The first diagram's SVG (or the ``which``-th, -1 the last) once docgen.js has drawn it."""
    diagram = page.locator(".docgen-diagram svg").nth(which)
    diagram.wait_for(timeout=30_000)
    return diagram


def test_the_er_diagram_of_a_table_page_is_drawn_offline_and_its_boxes_open_their_pages(page):
    page.goto("/schema/tasks/")
    diagram = _drawn(page)
    labels = diagram.text_content()
    for table in ("tasks", "goals", "users", "milestones", "work_sessions"):
        assert table in labels, table
    assert diagram.locator(".edgeLabel").count() >= 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".docgen-diagram").first.screenshot(path=str(ARTIFACTS / "er-diagram-tasks.png"))
    diagram.locator('a[aria-label="goals"]').click()
    page.wait_for_url(re.compile(r"/schema/goals/$"))
    assert _title(page) == "goals"


def test_the_whole_schema_diagram_opens_full_size_with_zoom_and_its_boxes_open_their_tables(page):
    page.goto("/schema/")
    diagram = _drawn(page, -1)  # after the map of the groups
    for table in EXAMPLE_TABLES:
        assert diagram.locator(f'a[aria-label="{table}"]').count() == 1, table
    page.get_by_role("button", name="Open full size").last.click()
    overlay = page.locator("dialog.docgen-overlay")
    stage = overlay.locator(".docgen-overlay__stage")
    before = stage.bounding_box()["width"]
    page.mouse.move(700, 450)
    page.mouse.wheel(0, -600)  # zoom in
    page.wait_for_function("([selector, before]) => document.querySelector(selector).getBoundingClientRect().width"
                           " > before * 1.5", arg=["dialog.docgen-overlay .docgen-overlay__stage", before],
                           timeout=5_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "er-diagram-whole-schema-full-size.png"))
    page.keyboard.press("Escape")
    overlay.wait_for(state="detached", timeout=5_000)
    diagram.locator('a[aria-label="work_sessions"]').click()
    page.wait_for_url(re.compile(r"/schema/work_sessions/$"))


EXAMPLE_PAGES = ["/DATABASE_SCHEMA/", "/schema/", *(f"/schema/{table}/" for table in EXAMPLE_TABLES)]
# Per table: (whether it is clipped: wider than what shows of it, or cut by the page), its first header.
TABLES_CLIPPED = """() => Array.from(document.querySelectorAll('article table'), (table) => {
    const shown = table.closest('.md-typeset__scrollwrap') || table;
    const page = document.querySelector('article').getBoundingClientRect();
    const box = table.getBoundingClientRect();
    const clipped = table.scrollWidth > table.clientWidth + 1 || shown.scrollWidth > shown.clientWidth + 1
        || box.right > page.right + 1;
    return [clipped, table.querySelector('th') && table.querySelector('th').textContent];
})"""
# Per diagram: the smallest text as drawn on screen (px), and whether the frame shows it whole or scrolls.
DIAGRAM_TEXT = """() => Array.from(document.querySelectorAll('.docgen-diagram svg'), (svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = Array.from(svg.querySelectorAll('text, foreignObject span, foreignObject p'),
        (label) => parseFloat(getComputedStyle(label).fontSize) * scale).filter((size) => size > 0);
    return Math.min(...sizes);
})"""


# Desktop and phone; light and dark (the scheme changes colours only, axe checks them below in both).
@pytest.mark.parametrize("width, height, scheme", [(1440, 900, "light"), (390, 844, "dark")])
def test_every_example_page_fits_and_draws_legible_diagrams_offline(browser, server, mermaid_js, width, height, scheme):
    """No clipped table, every diagram drawn (offline) with text of 10 px or more; on a phone, labelled values."""
    with offline_tab(browser, server, width, height, scheme) as tab:
        for path in EXAMPLE_PAGES:
            tab.goto(path)
            assert tab.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
            clipped = [header for is_clipped, header in tab.evaluate(TABLES_CLIPPED) if is_clipped]
            assert clipped == [], f"{path} at {width}: clipped tables {clipped}"
            frames = tab.locator(".docgen-diagram")
            for n in range(frames.count()):
                frames.nth(n).locator("svg").wait_for(timeout=30_000)
            assert tab.locator("pre.docgen-mermaid").count() == 0, f"{path}: a diagram was not drawn"
            smallest = tab.evaluate(DIAGRAM_TEXT)
            assert all(size >= 10 for size in smallest), f"{path} at {width}: diagram text {smallest} px"
            if width == 390:  # on a phone every value is shown with its column's name
                labels = tab.evaluate("""() => Array.from(document.querySelectorAll('article table[data-docgen-stack] td'),
                    (td) => getComputedStyle(td, '::before').content)""")
                if path == "/schema/":  # no column table there: its lists of tables stay tables
                    assert labels == [], path
                else:
                    assert labels and all(label not in ("none", "normal", '""') for label in labels), path
        ARTIFACTS.mkdir(exist_ok=True)
        for path, name in (("/schema/work_sessions/", "table-page"), ("/schema/users/", "hub-page")):
            tab.goto(path)
            _drawn(tab)
            tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{scheme}.png"), full_page=True)


def axe_violations(browser, server: str, paths: list[str], scheme: str = "light") -> dict[str, list[str]]:
    """axe-core's violations (injected into the page, its diagrams drawn) in the content docgen generates
    on each of ``paths``: tables, headings, diagrams. Pages without any are left out."""
    violations = {}
    with offline_tab(browser, server, 1440, 900, scheme) as tab:
        for path in paths:
            tab.goto(path, timeout=180_000)
            frames = tab.locator(".docgen-diagram")
            for n in range(frames.count()):
                frames.nth(n).locator("svg").wait_for(timeout=60_000)
            tab.add_script_tag(path=str(AXE))
            found = tab.evaluate("""async () => (await axe.run(document.querySelector('article'))).violations
                .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', '))""")
            if found:
                violations[path] = found
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_docgens_content(browser, server, mermaid_js, scheme):
    violations = axe_violations(browser, server, [
        "/DATABASE_SCHEMA/", "/schema/", "/schema/groups/planning/", "/schema/users/", "/schema/work_sessions/",
        "/schema/open_tasks/", "/schema/history/"], scheme)
    assert violations == {}, "\n".join(f"{path}: {found}" for path, found in violations.items())


def test_every_table_is_in_the_navigation_by_group_folded_until_opened(page, server):
    """The sidebar lists the tables in a section per group, folded until the reader opens it."""
    page.goto("/")
    for table in EXAMPLE_TABLES:
        assert page.locator(f'nav.md-nav--primary a[href="schema/{table}/"]').count() == 1, table
    assert not page.locator('nav.md-nav--primary a[href="schema/wheel_scores/"]').is_visible()
    page.locator('nav.md-nav--primary a[href="schema/"]').first.click()
    page.wait_for_url(f"{server}/schema/")
    tracking = page.locator('nav.md-nav--primary label.md-nav__link', has_text="tracking")
    assert [t.strip() for t in page.locator('nav.md-nav--primary label.md-nav__link').all_inner_texts()][-4:] == [
        "people", "planning", "conversations", "tracking"]
    tracking.click()
    page.locator('nav.md-nav--primary a[href="wheel_scores/"]').click()
    page.wait_for_url(f"{server}/schema/wheel_scores/")
    assert _title(page) == "wheel_scores"


def test_the_reader_can_switch_between_light_and_dark(page):
    page.goto("/schema/users/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator('label[title="Switch to dark mode"]').first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator('label[title="Switch to light mode"]').first.click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_mermaid_accepts_and_draws_the_diagrams_of_odd_names(browser, mermaid_js, odd_names):
    """Every diagram docgen writes for odd names parses in Mermaid 11 and renders every entity."""
    assert run_docgen("build", cwd=odd_names).returncode == 0
    documents = [odd_names / "docs" / "DATABASE_SCHEMA.md", *sorted((odd_names / "docs" / "schema").glob("*.md"))]
    diagrams = [d for doc in documents for d in mermaid_blocks(doc.read_text())]
    assert len(diagrams) == 10  # the whole schema (in the document and on the index page) and one per table
    tab = browser.new_page()
    try:
        tab.set_content("<!doctype html><body></body>")
        tab.add_script_tag(path=str(mermaid_js))
        tab.evaluate("mermaid.initialize({startOnLoad: false})")
        for n, diagram in enumerate(diagrams):
            outcome = tab.evaluate(
                """async ([id, text]) => {
                    try { await mermaid.parse(text); } catch (e) { return 'parse error: ' + e.message; }
                    const { svg } = await mermaid.render(id, text);
                    const box = document.createElement('div'); box.innerHTML = svg;
                    document.body.appendChild(box);
                    return box.innerText;
                }""",
                [f"d{n}", diagram],
            )
            assert not outcome.startswith("parse error"), f"{outcome}\n{diagram}"
            names = re.findall(r'^    "([^"]+)"', diagram, re.MULTILINE)
            for name in names:
                assert name in outcome, f"{name!r} not drawn:\n{diagram}"
    finally:
        tab.close()
