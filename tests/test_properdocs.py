"""ProperDocs, the continuation of MkDocs 1.x that `mkdocs build` now points to (MkDocs 2.0 is announced
without plugins), builds the repository's site with docgen's plugin: strictly, every link landing, its
diagrams drawn offline and their boxes opening their tables' pages."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

from conftest import REPO, require
from test_site import broken_links, browser, mermaid_js, npm_parts, offline_tab, serve  # noqa: F401 (fixtures)


def test_properdocs_builds_the_site_with_the_plugin_and_its_diagrams_draw(tmp_path, browser, mermaid_js):  # noqa: F811
    require(importlib.util.find_spec("properdocs") is not None, "ProperDocs (pip install properdocs)")
    npm_parts()
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_links(site) == []
    with serve(site) as url, offline_tab(browser, url) as tab:
        tab.goto("/schema/tasks/")
        diagram = tab.locator(".docgen-diagram svg").first
        diagram.wait_for(timeout=30_000)
        labels = diagram.text_content()
        assert all(table in labels for table in ("tasks", "goals", "users")), labels
        diagram.locator('a[aria-label="goals"]').click()
        tab.wait_for_url(re.compile(r"/schema/goals/$"))
