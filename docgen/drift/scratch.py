"""Throwaway databases for ``docgen drift --migrations``: created empty, always removed.

By default a SQLite file in a temporary directory. Given a PostgreSQL server
URL, a fresh database with a random ``docgen_drift_`` name is created on that
server (the URL's own database is only used to issue ``CREATE``/``DROP
DATABASE``) and dropped afterwards, so no existing data is ever touched.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from ..errors import UsageError
from ..sources import database


@contextmanager
def throwaway_database(server_url: str | None) -> Iterator[tuple[URL, str]]:
    """(URL of an empty database, how to name it to the user); removed on exit."""
    if server_url is None:
        with tempfile.TemporaryDirectory(prefix="docgen-drift-") as directory:
            yield URL.create("sqlite", database=str(Path(directory) / "drift.db")), "temporary SQLite database"
        return
    url = database.parse_url(server_url)
    if url.get_backend_name() != "postgresql":
        raise UsageError(
            f"with --migrations, --database-url names a PostgreSQL server to create a throwaway database on, "
            f"not {url.get_backend_name()} (leave it out for a temporary SQLite file)"
        )
    name = f"docgen_drift_{secrets.token_hex(6)}"
    with database.connect(url, isolation_level="AUTOCOMMIT") as admin:
        _execute(admin, f'CREATE DATABASE "{name}"', f"cannot create a throwaway database on {database.shown(url)}")
        try:
            yield url.set(database=name), f"throwaway database on {database.shown(url._replace(database=None))}"
        finally:
            _execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                     f"cannot drop the throwaway database {name} on {database.shown(url)}")


def _execute(connection: sa.Connection, sql: str, failure: str) -> None:
    try:
        connection.exec_driver_sql(sql)
    except sa.exc.DBAPIError as exc:
        raise UsageError(f"{failure}: {database.describe_error(exc, connection.engine.url)}") from None
