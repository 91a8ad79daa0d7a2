"""The corpus: docgen on real open-source model sets, every fact checked (``make corpus``).

``cases`` pins the packages and says how each one's MetaData is obtained,
``checker`` compares SQLAlchemy's facts with the generated Markdown without
importing docgen, ``run`` installs the venvs, runs docgen and prints the table
(docs/corpus.md).
"""
