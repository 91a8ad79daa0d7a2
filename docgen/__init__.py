"""docgen keeps a project's database documentation true to its SQLAlchemy models.

Library entry points: :func:`docgen.pipeline.load_schema` (config -> neutral
schema) and :func:`docgen.plan.plan` (schema -> files to write); the ``docgen``
command line is a thin layer over them.
"""
