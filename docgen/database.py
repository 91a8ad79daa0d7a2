"""Opening a user's database: URL parsing, driver and connection errors as one clear line.

Every message names the database by its URL with the password hidden
(``render_as_string(hide_password=True)``); the password itself is also
scrubbed from driver messages, so it is never printed. A SQLite URL must name
an existing file: connecting would otherwise create an empty database.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from .errors import UsageError

# Driver modules whose pip package has another name.
_PIP_PACKAGES = {
    "psycopg": "'psycopg[binary]'",
    "psycopg2": "psycopg2-binary",
    "MySQLdb": "mysqlclient",
}
CONNECT_TIMEOUT_SECONDS = 10


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except Exception:  # the message would repeat the URL, password included
        raise UsageError(
            "invalid database URL: expected dialect+driver://user:password@host:port/database "
            "or sqlite:///path/to/file.db"
        ) from None


def shown(url: URL | str) -> str:
    """The URL as it may be printed: password replaced by ``***``."""
    url = url if isinstance(url, URL) else parse_url(url)
    return url.render_as_string(hide_password=True)


def scrub(message: str, url: URL) -> str:
    """One line of ``message`` with the URL's password (if any) masked."""
    line = " ".join(part.strip() for part in message.strip().splitlines() if part.strip())
    if url.password:
        line = line.replace(str(url.password), "***")
    return line


def create_engine(url: URL | str, **kwargs) -> Engine:
    """An engine for ``url``; unknown dialects and missing drivers are usage errors."""
    url = url if isinstance(url, URL) else parse_url(url)
    if url.get_backend_name() == "postgresql":
        kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
    try:
        return sa.create_engine(url, **kwargs)
    except sa.exc.NoSuchModuleError:
        raise UsageError(f"unknown database dialect or driver {url.drivername!r} in {shown(url)}") from None
    except ImportError as exc:
        module = (exc.name or str(exc)).split(".")[0]
        package = _PIP_PACKAGES.get(module, module)
        raise UsageError(
            f"the database driver for {url.drivername!r} is not installed: pip install {package}"
        ) from None
    except sa.exc.ArgumentError as exc:
        raise UsageError(f"cannot use database {shown(url)}: {scrub(str(exc), url)}") from None


def require_sqlite_file(url: URL) -> None:
    """A SQLite URL must name an existing file (connecting would create an empty one)."""
    if url.get_backend_name() != "sqlite":
        return
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    if not Path(database).is_file():
        raise UsageError(f"SQLite database file {database} does not exist")


@contextmanager
def connect(url: URL | str, **engine_kwargs):
    """A connection to ``url`` (closed and disposed after use); failures are usage errors."""
    url = url if isinstance(url, URL) else parse_url(url)
    require_sqlite_file(url)
    engine = create_engine(url, **engine_kwargs)
    try:
        try:
            connection = engine.connect()
        except sa.exc.DBAPIError as exc:
            raise UsageError(f"cannot connect to {shown(url)}: {scrub(str(exc.orig), url)}") from None
        with connection:
            yield connection
    finally:
        engine.dispose()


def describe_error(exc: BaseException, url: URL) -> str:
    """``ErrorType: first line`` of a database error, without SQLAlchemy's SQL/background lines."""
    if isinstance(exc, sa.exc.DBAPIError) and exc.orig is not None:
        return f"{type(exc.orig).__name__}: {scrub(str(exc.orig), url)}"
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    return f"{type(exc).__name__}: {scrub(lines[0], url)}" if lines else type(exc).__name__
