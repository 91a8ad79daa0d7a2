"""``docgen lint``: schema quality rules over the neutral :class:`~docgen.model.Schema`.

Rules are data: each family module (``keys``, ``indexes``, ``naming``,
``descriptions``, ``defaults``) declares :class:`~docgen.lint.rule.Rule`
values, ``registry`` lists them all, ``settings`` reads ``[tool.docgen.lint]``,
``engine`` runs the enabled rules and drops what is silenced, ``locate`` finds
the model class line a finding points at. ``coverage`` measures the share of
tables and columns that are described. How findings and coverage are printed
is :mod:`docgen.formats`' business.

May import: ``docgen.model``, ``docgen.errors``, ``docgen.sources.notes``.
"""
