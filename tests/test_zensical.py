"""A docgen site built by Zensical, Material for MkDocs' successor: it reads mkdocs.yml but runs no MkDocs
plugin. What ``plugins: [docgen]`` alone gives there (no schema), and the guide's setup for it
(docs/guide/mkdocs-site.md, "Zensical"), taken from the guide as written, built with a real
``zensical build --strict`` and read in Chromium offline. Zensical is in the test extras: under CI=true a
missing one fails."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO, require, run_docgen
from test_site import (  # noqa: F401 (fixtures)
    TABLES_CLIPPED, broken_links, browser, mermaid_js, mkdocs_build, offline_tab, serve,
)

from docgen.outputs.site import MINIMAL_MKDOCS_YML

GUIDE = REPO / "docs" / "guide" / "mkdocs-site.md"


def zensical_build(project: Path) -> subprocess.CompletedProcess:
    """``zensical build --strict`` of ``project``'s mkdocs.yml, into ``project/site``."""
    require(importlib.util.find_spec("zensical") is not None, "zensical (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"], cwd=project,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})


def guide_setup() -> tuple[str, str]:
    """The command that copies docgen's assets and the mkdocs.yml, as the guide's Zensical section shows them."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("\n## Zensical"):]
    section = section[:section.index("\n## ", 1)]
    blocks = dict(re.findall(r"```(bash|yaml)\n(.*?)\n *```", section, re.S))
    return textwrap.dedent(blocks["bash"]), textwrap.dedent(blocks["yaml"])


def test_zensical_ignores_the_plugin_so_a_site_of_plugins_docgen_alone_has_no_schema(coaching):
    """What the guide warns of: the minimal site builds, strictly, with its home page and nothing of docgen's."""
    (coaching / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML.format(name="the app"))
    (coaching / "docs").mkdir()
    (coaching / "docs" / "index.md").write_text("# Coaching\n")
    result = zensical_build(coaching)
    assert result.returncode == 0, result.stdout + result.stderr
    site = coaching / "site"
    assert (site / "index.html").is_file()
    assert not (site / "DATABASE_SCHEMA").exists() and not (site / "schema").exists()
    assert not (site / "assets" / "docgen").exists()


def test_the_guides_zensical_setup_draws_the_diagrams_offline_and_every_link_lands(coaching, browser, mermaid_js):
    """Committed pages, the assets copied by the guide's command, its mkdocs.yml: Zensical's site draws each
    diagram with the site's own Mermaid (a box opens its table's page), tables fit, links land, the diagram
    source stays out of search; and MkDocs builds the same mkdocs.yml strictly, running the plugin."""
    copy, mkdocs_yml = guide_setup()
    assert run_docgen("build", cwd=coaching).returncode == 0
    python = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "-c", copy], cwd=coaching, env=python, check=True, timeout=60)
    assert sorted(p.name for p in (coaching / "docs" / "assets" / "docgen").iterdir()) == [
        "docgen.css", "docgen.js", "mermaid.min.js"]
    (coaching / "mkdocs.yml").write_text(mkdocs_yml)
    (coaching / "docs" / "index.md").write_text("# Coaching\n\nSee the [schema](DATABASE_SCHEMA.md).\n")
    result = zensical_build(coaching)
    assert result.returncode == 0, result.stdout + result.stderr
    site = coaching / "site"
    assert broken_links(site) == []
    index = json.loads((site / "search.json").read_text())["items"]
    assert [i["location"] for i in index if "schema/users/#columns" == i["location"]]  # the pages are searched
    assert not [i["location"] for i in index if "erDiagram" in i["text"]]  # the diagrams' source is not

    with serve(site) as url:
        with offline_tab(browser, url, 390, 844) as phone:  # the columns as cards, none clipped
            phone.goto("/schema/tasks/")
            phone.locator(".docgen-diagram svg").first.wait_for(timeout=30_000)
            assert phone.locator("article table[data-docgen-stack]").count() == 1
            assert [header for clipped, header in phone.evaluate(TABLES_CLIPPED) if clipped] == []
        with offline_tab(browser, url) as tab:
            tab.goto("/schema/tasks/")
            diagram = tab.locator(".docgen-diagram svg").first
            diagram.wait_for(timeout=30_000)
            assert tab.locator("pre.docgen-mermaid").count() == 0
            for table in ("tasks", "goals", "users", "milestones", "work_sessions"):
                assert diagram.locator(f'a[aria-label="{table}"]').count() == (table != "tasks"), table
            assert [header for clipped, header in tab.evaluate(TABLES_CLIPPED) if clipped] == []
            tab.get_by_role("button", name="Open full size").click()
            tab.locator("dialog.docgen-overlay svg").wait_for(timeout=5_000)
            tab.keyboard.press("Escape")
            tab.locator("dialog.docgen-overlay").wait_for(state="detached", timeout=5_000)
            diagram.locator('a[aria-label="goals"]').click()
            tab.wait_for_url(re.compile(r"/schema/goals/$"))
            tab.locator("article table").first.get_by_role("link", name="users.id").click()
            tab.wait_for_url(re.compile(r"/schema/users/#users\.id$"))
            assert tab.locator("article table tr:has(a[id]:target) td").first.inner_text().strip() == "id"

    # The fence imports no MkDocs (a Zensical-only install has none); MkDocs builds the same file, plugin and all.
    probe = "import sys, docgen.outputs.fence; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "[]"
    result = mkdocs_build(coaching / "mkdocs.yml", coaching / "mkdocs-site")
    assert result.returncode == 0, result.stdout + result.stderr
    entries = json.loads((coaching / "mkdocs-site" / "search" / "search_index.json").read_text())["docs"]
    assert [e for e in entries if e["location"] == "schema/users/#users.email"]  # the plugin's entry per column
