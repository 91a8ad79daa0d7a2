"""Opening a user's database: URL parsing, driver and connection errors as one clear line.

Every message names the database by its URL with the password hidden
(``render_as_string(hide_password=True)``, and query parameters such as
``?password=`` masked too); the secrets themselves are also
scrubbed from driver messages, so none is ever printed. A SQLite URL must name
an existing file (in the ``file:`` URI form too): connecting would otherwise
create an empty database. :func:`anchored` resolves a relative SQLite path.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from ..errors import UsageError, describe

# Driver modules whose pip package has another name.
_PIP_PACKAGES = {
    "psycopg": "'psycopg[binary]'",
    "psycopg2": "psycopg2-binary",
    "MySQLdb": "mysqlclient",
}
CONNECT_TIMEOUT_SECONDS = 10
# Query parameters that can carry a password (libpq's password/sslpassword, MySQL's passwd, ODBC's PWD=...).
_SECRET_PARAMETER = re.compile(r"pass|pwd|secret|token|odbc_connect", re.IGNORECASE)


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except Exception:  # the message would repeat the URL, password included
        raise UsageError(
            "invalid database URL: expected dialect+driver://user:password@host:port/database "
            "or sqlite:///path/to/file.db"
        ) from None


def shown(url: URL | str) -> str:
    """The URL as it may be printed: password and secret query parameters replaced by ``***``."""
    url = url if isinstance(url, URL) else parse_url(url)
    masked = {key: "***" for key in url.query if _SECRET_PARAMETER.search(key)}
    return url.update_query_dict(masked).render_as_string(hide_password=True).replace("%2A%2A%2A", "***")


def scrub(message: str, url: URL) -> str:
    """One line of ``message`` with the URL's secrets (password, secret query parameters) masked."""
    line = " ".join(part.strip() for part in message.strip().splitlines() if part.strip())
    for secret in sorted(_secrets(url), key=len, reverse=True):
        line = line.replace(secret, "***").replace(quote_plus(secret), "***")
    return line


def _secrets(url: URL) -> list[str]:
    values = [str(url.password)] if url.password else []
    for key, value in url.query.items():
        if _SECRET_PARAMETER.search(key):
            values.extend([value] if isinstance(value, str) else value)
    return [value for value in values if value]


def create_engine(url: URL | str, **kwargs) -> Engine:
    """An engine for ``url``; unknown dialects and missing drivers are usage errors."""
    url = url if isinstance(url, URL) else parse_url(url)
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:  # the URL's own comes first
        kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
    try:
        return sa.create_engine(url, **kwargs)
    except sa.exc.NoSuchModuleError:
        raise UsageError(f"unknown database dialect or driver {url.drivername!r} in {shown(url)}") from None
    except ImportError as exc:
        if exc.name is None:  # the driver is there but does not load (a C library it needs is missing, say)
            raise UsageError(
                f"the database driver for {url.drivername!r} does not load: {scrub(str(exc), url)}"
            ) from None
        module = exc.name.split(".")[0]  # a missing part of a package: the package to (re)install
        package = _PIP_PACKAGES.get(module, module)
        raise UsageError(
            f"the database driver for {url.drivername!r} is not installed: pip install {package}"
        ) from None
    except (sa.exc.ArgumentError, ValueError) as exc:  # e.g. ?timeout=soon: a query parameter the driver refuses
        raise UsageError(f"cannot use database {shown(url)}: {scrub(str(exc), url)}") from None


def require_sqlite_file(url: URL) -> None:
    """A SQLite URL must name an existing file (connecting would create an empty one)."""
    file = _sqlite_file(url)
    if file is not None and not file.is_file():
        raise UsageError(f"SQLite database file {file} does not exist")


def anchored(url: str, directory: Path) -> str:
    """``url`` with a relative SQLite file path made absolute against ``directory``; other URLs as they are."""
    parsed = parse_url(url)
    file = _sqlite_file(parsed)
    if file is None or file.is_absolute():
        return url
    if _is_uri(parsed):  # sqlite:///file:x.db?uri=true: the path is part of a file: URI
        database = "file:" + quote(str(directory / file)) + urlsplit(parsed.database or "")._replace(
            scheme="", path="").geturl()
    else:
        database = str(directory / file)
    return parsed.set(database=database).render_as_string(hide_password=False)


def _sqlite_file(url: URL) -> Path | None:
    """The file a SQLite URL opens; None for other databases and in-memory ones."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if not _is_uri(url):
        return Path(database)  # "file:x.db" too: without uri=true SQLite takes it as a file name
    uri = urlsplit(database)
    if uri.scheme != "file" or "memory" in (url.query.get("mode"), dict(parse_qsl(uri.query)).get("mode")):
        return None
    return Path(unquote(uri.path))


def _is_uri(url: URL) -> bool:
    return sa.util.asbool(url.query.get("uri", False)) and (url.database or "").startswith("file:")


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
    return scrub(describe(exc), url)
