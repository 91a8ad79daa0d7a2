"""From configuration to neutral schema: pick the source, load it, convert it.

Two sources, one converter: imported models (config ``models``) or a live
database (config ``database-url``, with ``schemas``). Types of a reflected
database are spelled by its own dialect.
"""

from __future__ import annotations

from .config import Config
from .convert import dialect_named, from_metadata
from .errors import UsageError
from .model import Schema
from .reflect import reflect
from .source import load_models


def load_schema(config: Config) -> Schema:
    if config.models and config.database_url:
        raise UsageError("give either models or database-url, not both")
    if config.models:
        models = load_models(config.models, config.root)
        return from_metadata(models.metadata, dialect_named(config.dialect), models.class_docs)
    if config.database_url:
        metadata, dialect = reflect(config.database_url, config.schemas)
        return from_metadata(metadata, dialect)
    raise UsageError(
        "no schema source: set models = \"package.module:Base\" (or database-url) under [tool.docgen] "
        "in pyproject.toml, or pass --models / --database-url"
    )
