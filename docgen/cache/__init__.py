"""The cache of answers: when nothing a full run read has changed, its answer without the run.

``key`` computes the digest of everything an answer depends on, by content;
``store`` keeps entries in ``.docgen_cache/`` at the project root — the
neutral :class:`~docgen.model.Schema` (with its lint facts) a full run made,
and what a check that found the docs fresh saw — and reads them back, treating
anything it cannot trust (corrupt, truncated, foreign, unreadable) as absent.
``docgen.pipeline`` decides when the cache is used and what goes into the key.

May import: ``docgen.model``, ``docgen.files``, ``docgen.errors``. Nothing here imports SQLAlchemy: a cached run
never pays for it.
"""
