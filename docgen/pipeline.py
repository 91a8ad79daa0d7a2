"""From configuration to results: pick the sources, load them, convert or compare them.

Two sources, one converter: imported models (config ``models``) or a live
database (config ``database-url``, with ``schemas``). Types of a reflected
database are spelled by its own dialect. Drift needs both: the models, and a
database — the configured one, or a throwaway one the migrations ran in.
A source without tables is an error unless ``allow-empty`` is set: a wrong
URL or an empty database must not wipe the docs.

With the cache on (config ``cache``; never under ``CI=true`` unless it is
``always``), the schema of the models comes from ``.docgen_cache/`` when the
key of everything it depends on is unchanged (:mod:`docgen.cache`), and the
models are not imported; a full run stores it. SQLAlchemy is imported only
for a full run: a cached one never pays for it. A live database is read every
time; the digest of what was read stands in for the model files in its key.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import key, store
from .config import BUILTIN_TEMPLATES, Config
from .errors import UsageError
from .model import Schema
from .sources.guard import user_code
from .sources.selection import Selection

if TYPE_CHECKING:
    from .drift.compare import Drift
    from .drift.history import Revision

# A module file modified after the import started (less this margin, in nanoseconds: the kernel stamps
# files with a clock that may lag the one read here by a tick) may have changed while it was imported.
_CLOCK_TICK = 10_000_000


@dataclass(frozen=True)
class Loaded:
    """A schema, and the cache key of everything it (and a plan of it) depends on; None: the cache is off."""

    schema: Schema
    key: str | None = None
    manifest: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the loaded files and their directories
    read: str | None = None  # a live database: the digest of the schema read from it

    def key_now(self, config: Config) -> str | None:
        """The key of what is on disk now (None: the cache is off): equal to ``key`` when nothing changed since."""
        return None if self.key is None else key_of(config, *self.manifest, read=self.read)


def load_schema(config: Config, refresh: bool = False) -> Schema:
    return load(config, refresh).schema


def cache_used(config: Config) -> bool:
    """Whether the cache is read and written: ``always``, or ``on`` outside CI (``CI`` unset, empty, 0 or false)."""
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return config.cache == "always" or (config.cache == "on" and not in_ci)


def cache_applies(config: Config) -> bool:
    """Whether the cache is used for this source (the models or a live database), with the cache on."""
    return bool(config.models or config.database_url) and cache_used(config)


def load(config: Config, refresh: bool = False) -> Loaded:
    """The schema; from the cache when it is used, its key matches and not ``refresh`` (then it is stored anew).

    A live database is read every time (it is the truth, and only reading it tells what it holds); its
    key is a digest of what was read, so that a check can remember finding the docs fresh for it.
    """
    if not cache_applies(config):
        return Loaded(_load_schema(config))
    if config.database_url:
        schema = _load_schema(config)
        read = _digest_of(schema)
        return Loaded(schema, key_of(config, (), (), read=read), read=read)
    name = entry_name(config, "schema")
    entry = None if refresh else store.read(config.root, name)
    manifest = manifest_of(entry)
    if entry is not None and manifest is not None and entry["key"] == key_of(config, *manifest):
        schema = store.schema_from(entry)
        if schema is not None:
            return Loaded(schema, entry["key"], manifest=manifest)
    started = time.time_ns()
    installed = key.installed(config.root)  # before the import: what the models do to sys.path is theirs
    schema = _load_schema(config)
    files, directories = key.loaded_files(config.root)
    manifest = (tuple(files), tuple(directories))
    if any(_changed_since(file, started - _CLOCK_TICK) for file in files):
        return Loaded(schema)  # an edit during the import: what was imported is unknown, keep nothing
    digest = key_of(config, *manifest, installed=installed)
    store.write(config.root, name, digest, {"files": files, "directories": directories, **store.schema_data(schema)})
    return Loaded(schema, digest, manifest=manifest)


def _digest_of(schema: Schema) -> str:
    """A digest of everything in ``schema``: the repr of its records (frozen dataclasses of strings, numbers
    and tuples, so equal reprs mean equal records; a seventh of the cost of ``to_dict``) and its lint facts."""
    records = repr((schema.tables, schema.types, schema.sequences)).encode()
    facts = json.dumps(schema.lint.to_dict(), sort_keys=True).encode()
    return hashlib.sha256(len(records).to_bytes(8, "big") + records + facts).hexdigest()


def manifest_of(entry: dict | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The files an entry's key covers and their directories; None when the entry holds no such lists."""
    if entry is None:
        return None
    files, directories = entry.get("files"), entry.get("directories")
    if not all(isinstance(x, list) and all(isinstance(i, str) for i in x) for x in (files, directories)):
        return None
    return tuple(files), tuple(directories)


def entry_name(config: Config, kind: str) -> str:
    """One entry per configuration: ``check`` and ``check --no-pages`` keep theirs apart."""
    return f"{kind}-{hashlib.sha256(json.dumps(_config_data(config)).encode()).hexdigest()[:20]}.json"


def _config_data(config: Config) -> dict:
    """The configuration as JSON data, without the cache mode (``on`` and ``always`` share their entries)
    and with the database URL's secrets masked (nothing in the cache may give a password away)."""
    values = dataclasses.asdict(config)
    values.pop("cache")
    if config.database_url:
        from .sources.database import shown

        values["database_url"] = shown(config.database_url)
    return json.loads(json.dumps(values, sort_keys=True, default=str))


def key_of(config: Config, files: tuple[str, ...], directories: tuple[str, ...],
           installed: list[tuple[str, bytes]] | None = None, read: str | None = None) -> str:
    """The key: the Python and docgen that run, the config, the named environment variables, what is installed,
    the loaded files and the module names of their directories (or what was ``read`` from a live database),
    the notes, the templates (built-in and user)."""
    parts = {
        "python": [sys.version, sys.implementation.cache_tag, sys.platform],
        "config": _config_data(config),
        "environment": {name: os.environ.get(name) for name in config.cache_env},
        "read": read,
    }
    trees = [Path(__file__).resolve().parent, BUILTIN_TEMPLATES] + ([config.templates] if config.templates else [])
    if config.history:  # the history page's revisions
        tree = key.migration_tree(config.history)
        files, trees = (*files, str(config.history)), trees + ([tree] if tree else [])
    installed = key.installed(config.root) if installed is None else installed
    return key.digest(parts, installed, (*files, str(config.notes)), directories, trees)


def _changed_since(file: str, moment: int) -> bool:
    try:
        return os.stat(file).st_mtime_ns >= moment
    except OSError:
        return True


def _load_schema(config: Config) -> Schema:
    from .sources.convert import from_metadata

    if config.models and config.database_url:
        raise UsageError("give either models or database-url, not both")
    if config.models:
        from .sources.models import load_models  # SQLAlchemy's ORM: only for models (a database needs none)
        from .sources.spelling import dialect_named

        with user_code("reading the models"):  # the import, and type compilation, @compiles hooks, defaults
            models = load_models(config.models, config.root, config.imports, allow_empty=config.allow_empty)
            _settle()
            schema = from_metadata(models.metadata, dialect_named(config.dialect), models.class_docs, models.classes,
                                   models.relationships, models.modules)
        return _selected(Selection(config.include, config.exclude), schema, config)
    if config.database_url:
        from .sources import database
        from .sources.reflect import reflect

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
    from .drift.migrations import quiet_logging, upgrade
    from .drift.scratch import throwaway_database
    from .sources import database
    from .sources.models import load_models

    models = load_models(config.models, config.root, config.imports)
    _settle()
    selection = Selection.for_database(config.include, config.exclude)
    if migrations is not None:
        with throwaway_database(config.database_url) as (url, where), quiet_logging():
            reached = upgrade(migrations, url, revision, app=config.flask_app, root=config.root)  # guarded: prints go to stderr
            label = f"migrations {migrations} at {revision or 'head'}"
            label += f" ({reached})" if reached != revision else ""
            return _compare(models.metadata, url, config.schemas, selection), f"{label}, in a {where}"
    if not config.database_url:
        raise UsageError("drift needs a database: pass --database-url URL or --migrations path/to/alembic.ini")
    url = database.parse_url(config.database_url)
    return _compare(models.metadata, url, config.schemas, selection), database.shown(url)


def documented_history(config: Config) -> tuple[Revision, ...] | None:
    """The revisions the docs show (config ``history``), run in a temporary SQLite database; None when unset."""
    return None if config.history is None else load_history(config, config.history, None)[0]


def load_history(config: Config, migrations: Path, server_url: str | None) -> tuple[tuple[Revision, ...], str]:
    """What each revision of ``migrations`` changed, run in a throwaway database (on ``server_url``, a
    PostgreSQL server, else a temporary SQLite file); and how to name that one."""
    from .drift.history import history
    from .drift.migrations import quiet_logging
    from .drift.scratch import throwaway_database
    from .sources.models import import_project

    selection = Selection.for_database(config.include, config.exclude)
    with throwaway_database(server_url) as (url, where), quiet_logging(), user_code("running the migrations"):
        import_project(config.root, config.imports)  # as drift has before a Flask app is loaded
        revisions = history(migrations, url, schemas=config.schemas, keeps=selection.keeps,
                            app=config.flask_app, root=config.root)
    return revisions, where


def load_database_snapshot(url: str, cwd: Path) -> Schema:
    """The schema of the database at ``url`` (``docgen diff``), every table of its default schema."""
    from .sources import database
    from .sources.convert import from_metadata
    from .sources.reflect import reflect

    metadata, dialect = reflect(database.anchored(url, cwd), ())
    return Selection.for_database((), ()).of(from_metadata(metadata, dialect))


def _compare(metadata, url, schemas: tuple[str, ...], selection: Selection) -> Drift:
    from .drift.compare import compare
    from .sources import database

    with database.connect(url) as connection:
        try:
            return compare(metadata, connection, schemas, selection.keeps)
        except UsageError:
            raise
        except Exception as exc:  # reflection or comparison hit something the database did not like
            raise UsageError(f"comparing with {database.shown(url)} failed: {database.describe_error(exc, url)}") from None
