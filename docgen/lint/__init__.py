"""``docgen lint``: schema quality rules over the neutral :class:`~docgen.model.Schema`.

Rules are data: each family module (``keys``, ``indexes``, ``naming``,
``descriptions``, ``defaults``) declares :class:`~docgen.lint.rule.Rule`
values, ``registry`` lists them all, ``settings`` reads ``[tool.docgen.lint]``,
``engine`` runs the enabled rules and drops what is silenced, ``report`` shows
the findings as text, JSON or GitHub annotations.
"""
