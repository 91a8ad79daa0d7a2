"""Names from a database are data: in the built MkDocs Material site no table, schema, column or
comment runs as script, and each reads as the text it is.

Tables, schemas, columns and comments are named with payloads that set ``window.pwned`` if they
ever run (a comment closer ``--->``, ``</title>``, ``<script>``, ``<img onerror>``, a ``javascript:``
link, docgen's own markers). The site is built with ``mkdocs build --strict`` and every page is
opened in headless Chromium (Mermaid answered from a local copy, nothing else leaves the machine).
"""

from __future__ import annotations

import html

import pytest
from conftest import run_docgen, write_project
from test_site import browser, local_context, mermaid_js, mkdocs_build, serve  # noqa: F401 (fixtures)

PAYLOADS = [
    "a---><script>window.pwned='comment'</script>",
    "</title><script>window.pwned='title'</script>",
    "<img src=x onerror=\"window.pwned='img'\">",
    "javascript:window.pwned='link'",
    "[click](javascript:window.pwned='md-link')",
    "<!-- docgen:end -->",
]
SCHEMA = "s</title><script>window.pwned='schema'</script>"
MODELS = f'''\
import sqlalchemy as sa

PAYLOADS = {PAYLOADS!r}
metadata = sa.MetaData()
tables = [sa.Table(name, metadata, sa.Column("id", sa.Integer, primary_key=True),
                   comment=PAYLOADS[(i + 3) % len(PAYLOADS)]) for i, name in enumerate(PAYLOADS)]
for i, table in enumerate(tables):
    other = tables[(i + 1) % len(tables)]
    table.append_column(sa.Column(other.name, sa.String(20), comment=PAYLOADS[(i + 2) % len(PAYLOADS)],
                                  server_default=other.name))
    table.append_column(sa.Column("ref", sa.Integer, sa.ForeignKey(other.c.id)))
schema_table = sa.Table(PAYLOADS[1], metadata, sa.Column("id", sa.Integer, primary_key=True), schema={SCHEMA!r})
sa.Table("plain", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("up", sa.Integer, sa.ForeignKey(schema_table.c.id)), comment=PAYLOADS[0])
'''
MKDOCS_YML = """\
site_name: hostile names
theme:
  name: material
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The docs of the hostile models, built twice (the second build writes nothing), and their site."""
    project = write_project(tmp_path_factory.mktemp("hostile") / "p", 'models = "hostile:metadata"',
                            {"hostile.py": MODELS, "mkdocs.yml": MKDOCS_YML})
    first = run_docgen("build", cwd=project)
    assert first.returncode == 0, first.stderr
    assert run_docgen("build", cwd=project).stdout.endswith("docs already up to date: nothing written\n")
    assert run_docgen("check", cwd=project).returncode == 0
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serve(hostile_site / "site") as url:
        yield url


def test_the_table_marks_keep_every_name_inside_its_comment(hostile_site):
    """Each ``docgen:table`` mark is one line and one comment: no name closes it, no phantom table appears."""
    text = (hostile_site / "docs" / "DATABASE_SCHEMA.md").read_text()
    marks = [line for line in text.splitlines() if line.startswith("<!-- docgen:table ")]
    assert len(marks) == len(PAYLOADS) + 2
    for mark in marks:
        assert mark.endswith(" -->") and mark.count("-->") == 1 and "<" not in mark[4:], mark
    report = run_docgen("build", "--dry-run", cwd=hostile_site).stdout
    assert f"0 added, 0 removed (stale), 0 changed, {len(PAYLOADS) + 2} unchanged" in report


def test_no_name_runs_as_script_on_any_page_and_every_name_reads_as_text(browser, hostile_site, hostile_server,
                                                                         mermaid_js):
    context = local_context(browser, hostile_server, mermaid_js)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted((hostile_site / "site").rglob("index.html"))
    titles: dict[str, str] = {}
    try:
        for page in pages:
            path = "/" + page.relative_to(hostile_site / "site").parent.as_posix() + "/"
            tab.goto(path.replace("/./", "/"))
            if tab.locator("div.mermaid").count():
                tab.locator("div.mermaid svg").first.wait_for(timeout=30_000)
            for link in tab.locator("a[href^='javascript:' i]").all():
                link.click()  # a name must never have become a javascript: link; if one did, it must not run
            assert tab.evaluate("window.pwned") is None, (path, tab.evaluate("window.pwned"))
            titles[path] = tab.title()
            article = tab.locator("article").inner_text()
            if path.startswith("/schema/") and path != "/schema/":
                heading = tab.locator("article h1").first.inner_text().replace("¶", "").strip()
                assert tab.title() == f"{heading} - hostile names"
                assert heading in [*PAYLOADS, f"{SCHEMA}.{PAYLOADS[1]}", "plain"], heading
            else:
                for payload in PAYLOADS:
                    assert payload in article, (path, tab.url, payload)
    finally:
        context.close()
    assert dialogs == []
    # Every table has its page, titled with its name as text.
    assert sorted(t.removesuffix(" - hostile names") for p, t in titles.items() if p.count("/") == 3) == sorted(
        [*PAYLOADS, f"{SCHEMA}.{PAYLOADS[1]}", "plain"])


def test_a_page_title_is_its_name_html_escaped_in_the_front_matter(hostile_site):
    """MkDocs themes print the title as HTML (Material's striptags even unescapes a heading's entities)."""
    import yaml

    titles = []
    for page in (hostile_site / "docs" / "schema").glob("*.md"):
        title = yaml.safe_load(page.read_text().split("---\n")[1])["title"]
        assert "<" not in title and ">" not in title, title
        titles.append(html.unescape(title))
    assert sorted(titles) == sorted([*PAYLOADS, f"{SCHEMA}.{PAYLOADS[1]}", "plain", "Tables"])
