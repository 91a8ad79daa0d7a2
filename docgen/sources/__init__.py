"""Where the facts come from, and the one way they become the neutral :class:`~docgen.model.Schema`.

``models`` imports a project's models (targets, ``--import``, merged
MetaData) and ``scan`` finds them in its source without running it (for
``init``: ``discover``); ``database`` opens a user's database and ``reflect``
reads one. Both end in ``convert``, the walk over tables and columns, which
asks ``spelling`` how the dialect's DDL writes each thing and ``defaults`` how
a Python-side default is named. ``selection`` keeps the tables the config
includes; ``notes`` reads the people's words about tables and columns, an
input like the config.

May import: ``docgen.model``, ``docgen.errors``. Nothing here imports SQLAlchemy's
results past ``convert``: what leaves is a ``Schema``.
"""
