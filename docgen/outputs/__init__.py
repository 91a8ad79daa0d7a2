"""What docgen writes: the Markdown document, the per-table pages, the ER diagrams, the site's assets.

``render`` fills the Jinja2 templates (a user's directory first); ``document``
puts the generated block between the markers of ``DATABASE_SCHEMA.md`` and
``legacy`` (with ``legacy_body``) adopts a hand-written one; ``groups`` sorts
the tables into subject areas; ``pages`` names and renders the page of each
table and group; ``er`` draws the Mermaid diagrams; ``markdown`` escapes names
for tables, anchors and titles; ``site`` sets up an MkDocs site for them (assets,
fence, search entries, navigation) and ``fence`` is that ``mermaid`` fence, which
imports no MkDocs (a Zensical build names it). The CSS and script of the site are in
``docgen/assets`` (data, not code); the MkDocs plugin, which plans like
``build``, sits beside the CLI in ``docgen.mkdocs_plugin``.

May import: ``docgen.model``, ``docgen.errors``, ``docgen.config`` (the groups'
settings), ``docgen.sources.notes`` and ``docgen.sources.selection`` (table globs),
and ``docgen.lint.coverage`` (the coverage line of the index).
"""
