"""Drift: what differs between the models and a database, or the database the migrations build.

``compare`` is the engine (alembic's comparison plus docgen's own facts);
``migrations`` runs a project's alembic migrations, in a throwaway database
from ``scratch``; ``report`` names each finding in words every format shares.
Only ``docgen drift`` imports the engine (alembic costs ``build`` and ``check``
start-up time); ``report`` is cheap.

May import: ``docgen.sources``, ``docgen.model``, ``docgen.errors``.
"""
