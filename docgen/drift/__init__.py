"""Drift, history and diff: comparing schemas, and running a project's migrations to get one.

``changes`` is the one comparison of two neutral schemas (drift, history and
diff share it); ``compare`` compares the models with a database (alembic's
comparison plus ``changes``); ``migrations`` runs a project's alembic
migrations as ``alembic upgrade`` does (``flask_app`` for Flask-Migrate), in a
throwaway database from ``scratch``; ``history`` is what each revision
changed; ``report`` names each finding and change in words every format
shares. Only ``drift`` and ``history`` import alembic (it costs ``build`` and
``check`` start-up time); ``changes`` and ``report`` are cheap.

May import: ``docgen.sources``, ``docgen.model``, ``docgen.errors``.
"""
