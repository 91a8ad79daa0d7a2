"""The docgen MkDocs plugin: a real `mkdocs build` of a site that commits no generated pages."""

from __future__ import annotations

import shutil

from conftest import run_docgen
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

