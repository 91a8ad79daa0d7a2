"""The docgen MkDocs plugin: a real `mkdocs build` of a site that commits no generated pages, a real `mkdocs serve`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from conftest import run_docgen, wait_until
from test_site import broken_links, column_rows, mkdocs_build, models_columns

from docgen.sources.models import load_models

SITE_CONFIG = """\
site_name: coaching
theme: {name: material}
plugins:
  - docgen
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: docgen-mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def _site_pages(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text() for p in sorted(site.glob("schema/**/index.html"))}


def test_mkdocs_build_with_the_plugin_generates_the_schema_docs_into_the_site_only(coaching):
    """The site gets DATABASE_SCHEMA and every table page; docs/ stays without them."""
    (coaching / "mkdocs.yml").write_text(SITE_CONFIG)
    (coaching / "docs").mkdir()
    (coaching / "docs" / "index.md").write_text("# Coaching\n\nSee the [schema](DATABASE_SCHEMA.md).\n")
    result = mkdocs_build(coaching / "mkdocs.yml", coaching / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (coaching / "docs").iterdir()) == ["index.md"]  # nothing written
    built = _site_pages(coaching / "site")
    # What a reader sees: every link lands, and each table's page lists the columns SQLAlchemy reports.
    assert broken_links(coaching / "site") == []
    tables = models_columns(load_models("coaching.models:Base", coaching).metadata)
    for table, columns in tables.items():
        assert [(row[0], row[2]) for row in column_rows(coaching / "site" / "schema" / table / "index.html")] == \
            columns, table
    schema_page = (coaching / "site" / "DATABASE_SCHEMA" / "index.html").read_text()
    assert all(f'href="#{table}-table"' in schema_page for table in tables)

    # The same site from committed pages (docgen build, then the plugin finds them fresh): the same HTML.
    assert run_docgen("build", cwd=coaching).returncode == 0
    result = mkdocs_build(coaching / "mkdocs.yml", coaching / "site-committed")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _site_pages(coaching / "site-committed") == built


def test_the_plugin_replaces_stale_committed_pages_and_leaves_out_pages_of_dropped_tables(coaching):
    (coaching / "mkdocs.yml").write_text(SITE_CONFIG)
    assert run_docgen("build", cwd=coaching).returncode == 0
    pages = coaching / "docs" / "schema"
    shutil.copy(pages / "users.md", pages / "reminders.md")  # a generated page of a table that is gone
    (pages / "goals.md").write_text((pages / "goals.md").read_text().replace("Percent complete", "Stale words"))
    result = mkdocs_build(coaching / "mkdocs.yml", coaching / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (coaching / "site" / "schema" / "reminders").exists()
    goals = (coaching / "site" / "schema" / "goals" / "index.html").read_text()
    assert "Percent complete" in goals and "Stale words" not in goals
    assert "Stale words" in (pages / "goals.md").read_text()  # the committed file is not touched


def test_a_bad_docgen_config_fails_the_site_build_with_one_line(coaching):
    (coaching / "mkdocs.yml").write_text(SITE_CONFIG)
    (coaching / "docs").mkdir()
    (coaching / "docs" / "index.md").write_text("# Home\n")
    pyproject = coaching / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("coaching.models:Base", "coaching.nowhere:Base"))
    result = mkdocs_build(coaching / "mkdocs.yml", coaching / "site")
    assert result.returncode != 0
    assert "docgen: models module 'coaching.nowhere' not found" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr



def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(url: str) -> str | None:
    """The page at ``url``, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_mkdocs_serve_rebuilds_when_a_model_file_changes_and_shows_the_new_column(coaching):
    """A real ``mkdocs serve``: the models live outside docs_dir, so only the plugin's watch sees the edit,
    and only importing the models afresh shows the new column on the served page."""
    (coaching / "mkdocs.yml").write_text(SITE_CONFIG)
    (coaching / "docs").mkdir()
    (coaching / "docs" / "index.md").write_text("# Coaching\n")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=coaching,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/schema/goals/"
        page = wait_until(lambda: server.poll() is None and _served(url), "mkdocs serve to serve the goals page")
        assert 'id="goals.progress"' in page and 'id="goals.mood"' not in page
        model = coaching / "coaching" / "models" / "goal.py"
        model.write_text(model.read_text() + '    mood: Mapped[str | None] = mapped_column(String(20), '
                                              'comment="How the user feels about it")\n')
        page = wait_until(lambda: 'id="goals.mood"' in (_served(url) or "") and _served(url),
                          "the served goals page to show the new column mood", timeout=90)
        rows = {row[0]: row for row in _page_rows(page)}
        assert rows["mood"][1:3] == ["VARCHAR(20)", "yes"]
        assert rows["mood"][-1] == "How the user feels about it"
        assert server.poll() is None, "mkdocs serve stopped"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=60)
    assert "Traceback" not in errors, errors


def _page_rows(page: str) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "index.html"
        path.write_text(page, encoding="utf-8")
        return column_rows(path)
