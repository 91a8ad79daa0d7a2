"""The docgen MkDocs plugin: a real `mkdocs build` of a site that commits no generated pages."""

from __future__ import annotations

import json
import shutil

from conftest import run_docgen

from docgen.outputs.site import MINIMAL_MKDOCS_YML
from test_site import mkdocs_build

SITE_CONFIG = """\
site_name: coaching
theme: {name: material, font: false}
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
    assert "schema/users/index.html" in built and "schema/index.html" in built
    assert (coaching / "site" / "DATABASE_SCHEMA" / "index.html").is_file()
    assert 'id="users.email"' in built["schema/users/index.html"]

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



# The guide's minimal mkdocs.yml (docs/guide/mkdocs-site.md): the plugin brings everything else.
MINIMAL = MINIMAL_MKDOCS_YML.format(name="the app")


def _build_with(project, mkdocs_yml: str):
    """``mkdocs build --strict`` of ``project`` with ``mkdocs_yml`` and a home page (only), into site/."""
    (project / "mkdocs.yml").write_text(mkdocs_yml)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Coaching\n\nSee the [schema](DATABASE_SCHEMA.md).\n")
    return mkdocs_build(project / "mkdocs.yml", project / "site")


def test_the_plugin_alone_sets_the_site_up_styles_script_mermaid_fence_and_search(coaching):
    """The guide's minimal mkdocs.yml: no extra_css, no fence, no copied assets, and a strict build passes."""
    result = _build_with(coaching, MINIMAL)
    assert result.returncode == 0, result.stdout + result.stderr
    site = coaching / "site"
    assert sorted(p.name for p in (site / "assets" / "docgen").iterdir()) == ["docgen.css", "docgen.js", "mermaid.min.js"]
    users = (site / "schema" / "users" / "index.html").read_text()
    assert 'href="../../assets/docgen/docgen.css"' in users and 'src="../../assets/docgen/docgen.js"' in users
    assert '<pre data-search-exclude class="docgen-mermaid"><code>erDiagram' in users
    index = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    assert not [d["location"] for d in index if "erDiagram" in d["text"]]
    email = [d for d in index if d["location"] == "schema/users/#users.email"]
    assert email and email[0]["title"] == "users.email"


def test_the_plugin_warns_when_material_would_load_fonts_from_google(coaching):
    result = _build_with(coaching, MINIMAL.replace("  font: false\n", ""))
    assert result.returncode != 0  # --strict: the warning fails the build
    assert "docgen: Material loads its fonts from Google Fonts" in result.stdout + result.stderr
