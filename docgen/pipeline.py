"""From configuration to results: pick the sources, load them, convert or compare them.

Two sources, one converter: imported models (config ``models``) or a live
database (config ``database-url``, with ``schemas``). Types of a reflected
database are spelled by its own dialect. Drift needs both: the models, and a
database — the configured one, or a throwaway one the migrations ran in.
A source without tables is an error unless ``allow-empty`` is set: a wrong
URL or an empty database must not wipe the docs.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .errors import UsageError
from .model import Schema
from .sources import database
from .sources.convert import from_metadata
from .sources.guard import user_code
from .sources.models import load_models
from .sources.reflect import reflect
from .sources.selection import Selection
from .sources.spelling import dialect_named

if TYPE_CHECKING:
    from .drift.compare import Drift


def load_schema(config: Config) -> Schema:
    if config.models and config.database_url:
        raise UsageError("give either models or database-url, not both")
    if config.models:
        with user_code("reading the models"):  # the import, and type compilation, @compiles hooks, defaults
            models = load_models(config.models, config.root, config.imports, allow_empty=config.allow_empty)
            _settle()
            schema = from_metadata(models.metadata, dialect_named(config.dialect), models.class_docs, models.classes)
        return _selected(Selection(config.include, config.exclude), schema, config)
    if config.database_url:
        metadata, dialect = reflect(config.database_url, config.schemas)
        if not metadata.tables and not config.allow_empty:
            schemas = f" (schemas: {', '.join(config.schemas)})" if config.schemas else ""
            raise UsageError(
                f"no tables in {database.shown(config.database_url)}{schemas}: is it the right database? "
                "Documenting it would delete every page; set allow-empty = true (--allow-empty) "
                "if the schema is really empty"
            )
        _settle()
        return _selected(Selection.for_database(config.include, config.exclude), from_metadata(metadata, dialect), config)
    raise UsageError(
        "no schema source: set models = \"package.module:Base\" (or database-url) under [tool.docgen] "
        "in pyproject.toml, or pass --models / --database-url"
    )


def _selected(selection: Selection, schema: Schema, config: Config) -> Schema:
    """The tables ``include`` / ``exclude`` keep; none left is an error unless ``allow-empty`` is set."""
    selected = selection.of(schema)
    if schema.tables and not selected.tables and not config.allow_empty:
        raise UsageError(f"include/exclude leave none of the {len(schema.tables)} tables: documenting that would "
                         "delete every page; check the globs (or set allow-empty = true)")
    return selected


def _settle() -> None:
    """Take what exists now (the loaded models, SQLAlchemy) out of the cyclic garbage collector's scans.

    A big model package leaves millions of objects that live until the process
    ends. The objects docgen creates next would trigger full collections that
    scan them all: one costs more than all of docgen's own work (1.3 s at 5,000
    tables). ``gc.freeze`` moves them to a generation that is never scanned;
    reference counting still frees them.
    """
    gc.freeze()


def load_drift(config: Config, migrations: Path | None = None, revision: str | None = None) -> tuple[Drift, str]:
    """Compare the models with the configured database, or with ``migrations`` run in a throwaway one.

    Returns the drift and how to name the database compared to the user.
    """
    if not config.models:
        raise UsageError("drift compares the models with a database: set models under [tool.docgen] or pass --models")
    with user_code("comparing the models"):
        return _load_drift(config, migrations, revision)


def _load_drift(config: Config, migrations: Path | None, revision: str | None) -> tuple[Drift, str]:
    # alembic is imported here, not at the top: build and check must not pay for it.
    from .drift.migrations import upgrade
    from .drift.scratch import throwaway_database

    models = load_models(config.models, config.root, config.imports)
    _settle()
    selection = Selection.for_database(config.include, config.exclude)
    if migrations is not None:
        with throwaway_database(config.database_url) as (url, where):
            reached = upgrade(migrations, url, revision or "head")  # under the guard: its prints go to stderr
            label = f"migrations {migrations} at {revision or 'head'}"
            label += f" ({reached})" if reached != revision else ""
            return _compare(models.metadata, url, config.schemas, selection), f"{label}, in a {where}"
    if not config.database_url:
        raise UsageError("drift needs a database: pass --database-url URL or --migrations path/to/alembic.ini")
    url = database.parse_url(config.database_url)
    return _compare(models.metadata, url, config.schemas, selection), database.shown(url)


def _compare(metadata, url, schemas: tuple[str, ...], selection: Selection) -> Drift:
    from .drift.compare import compare

    with database.connect(url) as connection:
        try:
            return compare(metadata, connection, schemas, selection.keeps)
        except UsageError:
            raise
        except Exception as exc:  # reflection or comparison hit something the database did not like
            raise UsageError(f"comparing with {database.shown(url)} failed: {database.describe_error(exc, url)}") from None
