"""The ``mermaid`` fence of a docgen site: a diagram's source as ``<pre class="docgen-mermaid">`` for
docgen.js to draw, left out of the search index (``data-search-exclude``: Material's search and
Zensical's honour it).

Its own module, importing no MkDocs: a site built without the docgen plugin (Zensical, which does not
run MkDocs plugins) names it in mkdocs.yml (``format: !!python/name:docgen.outputs.fence.mermaid_fence``)
where MkDocs may not be installed at all.
"""

from __future__ import annotations

from pymdownx.superfences import fence_code_format


def mermaid_fence(source, language, css_class, options, md, **kwargs) -> str:
    """SuperFences format of the ``mermaid`` fence: the source as text for docgen.js, left out of search."""
    return fence_code_format(source, language, css_class, options, md, **kwargs).replace(
        "<pre ", "<pre data-search-exclude ", 1)
