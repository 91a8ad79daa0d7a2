"""What the ``docgen`` MkDocs plugin sets up in a site: docgen's stylesheet and script, the offline
Mermaid, the ``mermaid`` fence, and the search index's column entries.

- :func:`configure` adds ``docgen.css`` and ``docgen.js`` (served from :data:`SITE_ASSETS`) unless the
  site lists its own copies, and the SuperFences ``mermaid`` fence docgen.js draws; it warns when
  Material would load its fonts from Google (the site then does not work offline).
- :func:`assets` are the files to ship: the two above and ``mermaid.min.js`` next to docgen.js (in
  the wheel when it was built after ``make build``; else the site's own copy, else a warning).
- :data:`FENCE` is the ``mermaid`` fence: a diagram's source as ``<pre class="docgen-mermaid">`` that
  search leaves out of its index (:func:`docgen.outputs.fence.mermaid_fence`).
- :func:`column_entries` are search entries, one per column, that land on the column's row:
  "users.email" finds the column, and a column's name its row rather than the whole table.
- :func:`group_nav` lists the table pages in the navigation by group, a folded section each.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from ..model import Schema
from . import markdown
from .fence import mermaid_fence

log = logging.getLogger("mkdocs.plugins.docgen")

ASSETS = Path(__file__).resolve().parent.parent / "assets"  # docgen/assets/
SITE_ASSETS = "assets/docgen"  # where in the site docgen.css, docgen.js and mermaid.min.js are served
MERMAID = "mermaid.min.js"
COLUMN_BOOST = 2
# The smallest mkdocs.yml of a Material site that shows docgen's pages as they are meant to be read
# (docs/guide/mkdocs-site.md shows it; the tests and benchmarks/site.py build it).
MINIMAL_MKDOCS_YML = """\
site_name: {name}
theme:
  name: material
  font: false
  features:
    - navigation.prune
plugins:
  - search
  - docgen
"""  # a column's entry ranks above its page's "Columns" section


FENCE = {"name": "mermaid", "class": "docgen-mermaid", "format": mermaid_fence}


def configure(config) -> bool:
    """Set the site up for docgen's pages; whether the plugin ships docgen's assets (the site has none)."""
    ships = not any(str(script).endswith("docgen.js") for script in config.extra_javascript)
    if ships:  # served from SITE_ASSETS by on_files: see assets()
        config.extra_css.append(f"{SITE_ASSETS}/docgen.css")
        config.extra_javascript.append(f"{SITE_ASSETS}/docgen.js")
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = [f for f in superfences.get("custom_fences", []) if f.get("name") != "mermaid"]
    superfences["custom_fences"] = [*fences, FENCE]
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    theme = config.theme
    if theme.name == "material" and theme.get("font") is not False:
        log.warning("docgen: Material loads its fonts from Google Fonts: set theme.font to false "
                    "for a site that works offline and sends no request out")
    return ships


def assets(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """(path in the site, file) of each asset to ship; a missing Mermaid is a warning, diagrams stay text."""
    for name in ("docgen.css", "docgen.js"):
        yield f"{SITE_ASSETS}/{name}", ASSETS / name
    mermaid = next((p for p in (ASSETS / MERMAID, docs_dir / "assets" / MERMAID) if p.is_file()), None)
    if mermaid is None:
        log.warning(f"docgen: no {MERMAID} to serve, diagrams stay text: npm install mermaid@11, then copy "
                    f"node_modules/mermaid/dist/{MERMAID} to {docs_dir / 'assets'}")
    else:
        yield f"{SITE_ASSETS}/{MERMAID}", mermaid


def column_entries(schema: Schema, page_urls: dict[str, str]) -> Iterator[dict]:
    """A search entry per column of every table with a page (``page_urls``: table -> its page's URL)."""
    for table in schema.tables:
        url = page_urls.get(table.qualified_name)
        if url is None:
            continue
        for column in table.columns:
            facts = [column.type, "nullable" if column.nullable else "not null"]
            facts += [column.comment] if column.comment else []
            yield {
                "location": f"{url}#{markdown.column_anchor(table.qualified_name, column.name)}",
                "title": html.escape(f"{table.qualified_name}.{column.name}"),
                "text": "<p>" + html.escape(" · ".join(facts)) + "</p>",
                "boost": COLUMN_BOOST,
            }


def add_to_search_index(site_dir: Path, entries: list[dict]) -> None:
    """Append ``entries`` to Material's (or MkDocs') search index in ``site_dir``, when there is one."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file() or not entries:
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"].extend(entries)
    index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def group_nav(nav, groups: list[tuple[str, str, list[str]]]) -> None:
    """The navigation's table pages by group: where the nav lists them (flat, hundreds of them), a
    section per group (``groups``: its title, its page's and its tables' ``src_uri`` s) holding its
    page and its tables, folded by the theme until opened. Other items stay where they are."""
    wanted = {uri for _, page, tables in groups for uri in (page, *tables)}
    holding = _list_holding(nav.items, wanted)
    if holding is None:
        return
    items, owner = holding
    found: dict[str, Page] = {}
    kept = [item for item in list(items) if not _take(item, wanted, found)]
    sections = []
    for title, page, tables in groups:
        members = [found[uri] for uri in (page, *tables) if uri in found]
        if members:
            section = Section(title, members)
            for member in members:
                member.parent = section
            section.parent = owner
            sections.append(section)
    items[:] = kept + sections
    nav.pages = list(_pages(nav.items))


def _list_holding(items: list, wanted: set[str], owner: Section | None = None) -> tuple[list, Section | None] | None:
    """The first item list (the nav's, or a section's children) with a page in ``wanted``, and its section."""
    if any(isinstance(item, Page) and item.file.src_uri in wanted for item in items):
        return items, owner
    for item in items:
        if isinstance(item, Section):
            found = _list_holding(item.children, wanted, item)
            if found is not None:
                return found
    return None


def _take(item, wanted: set[str], found: dict[str, Page]) -> bool:
    """Whether ``item`` is all docgen's (a page in ``wanted``, or a section of only such); its pages go
    into ``found`` and out of the sections they were in."""
    if isinstance(item, Page):
        if item.file.src_uri in wanted:
            found[item.file.src_uri] = item
            return True
        return False
    if not isinstance(item, Section):
        return False
    taken = [_take(child, wanted, found) for child in item.children]
    item.children = [child for child, gone in zip(item.children, taken) if not gone]
    return not item.children


def _pages(items: list) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)
