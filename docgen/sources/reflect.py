"""The live-database source: reflect a database into a ``MetaData`` with SQLAlchemy.

``reflect(url, schemas)`` returns the reflected ``MetaData`` and the engine's
dialect; :func:`docgen.convert.from_metadata` turns it into the same neutral
Schema the models give, so the output has the same format.

What comes through: columns (type, nullability, server default, comment),
primary keys, foreign keys with ON DELETE / ON UPDATE, UNIQUE and CHECK
constraints, indexes and table comments, where the database reports them;
views and materialized views as tables marked as views, with what the
database's catalog says about them and about its triggers, named types and
sequences (:mod:`.catalog`). On a database server the catalog is read on a
second connection while the tables are reflected: the server answers those
few queries while SQLAlchemy is busy with the reflection's rows, so they add
almost no time (with no second connection to be had, they run after, on the first).
CHECK constraints come with SQLAlchemy's own ``Table`` reflection (one
``get_multi_check_constraints`` per schema); asking again table by table
would cost a query per table, which is what a live database must not cost.

Unique constraints versus unique indexes: PostgreSQL backs every UNIQUE
constraint with a unique index and reports both; SQLAlchemy drops the index
that ``duplicates_constraint``, so a UNIQUE constraint appears once, as a
unique constraint, and only stand-alone ``CREATE UNIQUE INDEX`` appear as
unique indexes. SQLite reports its internal ``sqlite_autoindex_*`` indexes
nowhere. Tables of the default schema keep no schema name (a ``--schema``
naming the default schema is the same as none), so the qualified names match
the models'.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect, Engine

from ..errors import UsageError
from . import catalog, database


_SERVERS = ("postgresql", "mysql", "mariadb")  # the dialects whose catalog a second connection reads meanwhile


def reflect(url: str, schemas: tuple[str, ...] = ()) -> tuple[sa.MetaData, Dialect]:
    """Reflect every table of ``schemas`` (default: the default schema) of the database at ``url``."""
    parsed = database.parse_url(url)
    with database.connect(parsed) as connection:
        try:
            metadata = reflect_connection(connection, schemas, catalog_beside=connection.dialect.name in _SERVERS)
        except sa.exc.DBAPIError as exc:
            raise UsageError(f"reading the schema of {database.shown(parsed)} failed: "
                             f"{database.describe_error(exc, parsed)}") from None
        return metadata, connection.dialect


def reflect_connection(connection: Connection, schemas: tuple[str, ...] = (),
                       catalog_beside: bool = False) -> sa.MetaData:
    """The tables, views and catalog of ``schemas``; with ``catalog_beside``, the catalog is read on a second
    connection meanwhile (only where the first holds nothing uncommitted, which another could not see)."""
    resolved = resolve_schemas(connection, schemas)
    with ThreadPoolExecutor(max_workers=1) as beside:
        pending = beside.submit(_catalog_on_own_connection, connection.engine, resolved) if catalog_beside else None
        metadata = sa.MetaData()
        for schema in resolved:
            metadata.reflect(connection, schema=schema, views=True)
        read = pending.result() if pending else None
        catalog.attach(metadata, read or catalog.read(connection, resolved))
    return metadata


def _catalog_on_own_connection(engine: Engine, schemas: list[str | None]) -> catalog.Catalog | None:
    """The catalog read on a connection of its own; None when the server gives no second one (a connection limit)."""
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError:
        return None
    with connection:
        return catalog.read(connection, schemas)


def resolve_schemas(connection: Connection, schemas: tuple[str, ...]) -> list[str | None]:
    """The schemas to read, ``None`` standing for the default one; unknown names are errors."""
    if not schemas:
        return [None]
    inspector = sa.inspect(connection)
    known = inspector.get_schema_names()
    default = inspector.default_schema_name
    resolved: list[str | None] = []
    for name in dict.fromkeys(schemas):
        if name not in known:
            where = database.shown(connection.engine.url)
            raise UsageError(f"schema {name!r} does not exist in {where} (schemas: {', '.join(sorted(known))})")
        resolved.append(None if name == default else name)
    return list(dict.fromkeys(resolved))
