"""The sites of real packages from PyPI with more than 100 tables, as a reader sees them: the same
checks as the generated 500-table schema's (tests/site_checks.py), in Chromium, offline, at
1440×900 and 390×844, on the site the guide's minimal mkdocs.yml builds (``plugins: [search, docgen]``).

The packages are corpus cases (benchmarks/corpus/cases.py: ``BIG_SITES``), installed at their pinned
versions into the corpus's venvs, with MkDocs Material. Installing them takes minutes, so these tests
run only with ``--real-sites`` (``make corpus-site``), like ``make corpus``: not in ``make test``.
The hub is what SQLAlchemy says: the table most foreign keys reference.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import site_checks
from conftest import REPO, require
from site_checks import VIEWPORTS
from test_mkdocs_plugin import MINIMAL
from test_site import axe_violations, browser, mermaid_js, npm_parts, serve  # noqa: F401 (fixtures)

from benchmarks.corpus.cases import BIG_SITES
from benchmarks.corpus.run import ensure_venv

# Run by the package's venv: its tables, the most referenced one and that one's first column past its key.
FACTS = """
import json, corpus_entry
tables = list(corpus_entry.metadata.tables.values())
refs = {t.fullname: 0 for t in tables}
for t in tables:
    for fk in t.foreign_keys:
        refs[fk.column.table.fullname] = refs.get(fk.column.table.fullname, 0) + 1
hub = max(tables, key=lambda t: (refs[t.fullname], t.fullname))
column = next(c.name for c in hub.columns if not c.primary_key)
print(json.dumps({"tables": sorted(refs), "hub": hub.fullname, "column": column, "references": refs[hub.fullname]}))
"""


@pytest.fixture(scope="module", params=[case.name for case in BIG_SITES])
def real(request, tmp_path_factory):
    """(the built site's directory, its local URL, the facts of its tables) for one package."""
    if not request.config.getoption("--real-sites"):
        pytest.skip("real packages' sites: make corpus-site (installs them from PyPI)")
    require(npm_parts(), "Mermaid from npm (make build)")
    case = next(c for c in BIG_SITES if c.name == request.param)
    python = ensure_venv(case.venv) / "bin" / "python"
    project = tmp_path_factory.mktemp(case.name)
    (project / "corpus_entry.py").write_text(case.entry)
    (project / "pyproject.toml").write_text('[tool.docgen]\nmodels = "corpus_entry:metadata"\n')
    (project / "mkdocs.yml").write_text(MINIMAL)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(f"# {case.name}\n\nThe [schema](DATABASE_SCHEMA.md).\n")
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1",
           **{k: v.format(project=project) for k, v in case.env.items()}}
    facts = json.loads(subprocess.run([str(python), "-c", FACTS], cwd=project, env=env, capture_output=True,
                                      text=True, check=True).stdout)
    built = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stdout + built.stderr
    with serve(project / "site") as url:
        yield project / "site", url, facts


def test_the_package_has_more_than_100_tables_and_a_hub(real):
    _, _, facts = real
    assert len(facts["tables"]) >= 100 and facts["references"] >= 20, facts["hub"]


def test_every_table_is_in_some_drawn_diagram(browser, real):
    """In its group's diagram; when the tables are one group (no group pages), in its own page's."""
    site, url, facts = real
    pages = site_checks.group_pages(site) or [f"/schema/{t}/" for t in facts["tables"]]
    assert set(facts["tables"]) - site_checks.boxes_drawn(browser, url, pages) == set()


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_a_hubs_page_opens_its_diagram_on_the_hubs_own_box(browser, real, width, height):
    _, url, facts = real
    seen = site_checks.hub_seen_on_opening(browser, url, f"/schema/{facts['hub']}/", facts["hub"], width, height)
    assert seen["inside"], seen
    assert seen["svgHeight"] < 3000, seen


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_no_table_is_clipped_on_the_widest_pages(browser, real, width, height):
    site, url, facts = real
    pages = [f"/schema/{t}/" for t in dict.fromkeys([*site_checks.widest_tables(site), facts["hub"]])]
    assert site_checks.clipped_tables(browser, url, [*pages, "/DATABASE_SCHEMA/"], width, height) == {}


def test_database_schema_has_a_table_of_contents(browser, real):
    _, url, facts = real
    assert site_checks.database_schema_toc_links(browser, url) > len(facts["tables"])


def test_search_sends_a_column_to_its_row(browser, real):
    site, url, facts = real
    hub, column = facts["hub"], facts["column"]
    site_checks.search_lands_on_the_row(browser, url, site, f"schema/{hub}/", f"{hub}.{column}", column)


def test_axe_finds_no_violation_in_docgens_content(browser, real):
    """The index, the first group's page, the hub's page and the widest table page, with the package's own
    names and docstrings in them."""
    site, url, facts = real
    pages = ["/schema/", *site_checks.group_pages(site)[:1], f"/schema/{facts['hub']}/",
             f"/schema/{site_checks.widest_tables(site, 1)[0]}/"]
    violations = axe_violations(browser, url, list(dict.fromkeys(pages)))
    assert violations == {}, "\n".join(f"{path}: {found}" for path, found in violations.items())
