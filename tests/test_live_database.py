"""`--database-url` documents a live database (PostgreSQL, SQLite) in the same format as the models.

The models, created in a real database and reflected back, give the same
facts as the models themselves, up to what reflection cannot know: Python-side
defaults, class docstrings, the names the database gives unnamed constraints,
and its own canonical spelling of defaults, CHECK texts and FLOAT.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import sqlalchemy as sa
from conftest import docgen_in_process, run_docgen, write_project

from docgen.errors import UsageError
from docgen.sources.database import (
    anchored, connect, create_engine, describe_error, parse_url, require_sqlite_file, scrub, shown,
)
from docgen.sources.models import load_models


def _create_models(project, url: str) -> None:
    models = load_models("coaching.models:Base", project)
    engine = sa.create_engine(url)
    models.metadata.create_all(engine)
    engine.dispose()


def _inspect(project, *source: str) -> dict:
    result = run_docgen("inspect", "--json", *source, cwd=project)
    assert result.returncode == 0, result.stderr
    return {t["name"]: t for t in json.loads(result.stdout)["tables"]}


def _server_default(text: str | None) -> str | None:
    """A server default without PostgreSQL's casts and without quotes (it writes `true`, the models `'true'`)."""
    if text is None:
        return None
    return re.sub(r"::[a-z ]+$", "", text).strip("'")


def test_models_created_in_postgresql_and_reflected_back_give_the_same_facts(coaching, pg_url):
    _create_models(coaching, pg_url)
    modelled = _inspect(coaching)
    reflected = _inspect(coaching, "--database-url", pg_url)
    assert sorted(reflected) == sorted(modelled)
    engine = sa.create_engine(pg_url)
    with engine.connect() as connection:
        held_checks = dict(connection.exec_driver_sql(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'c' AND conrelid <> 0 AND connamespace = 'public'::regnamespace").all())
    engine.dispose()
    assert sorted(held_checks) == sorted(c["name"] for t in modelled.values() for c in t["checks"])
    for name, want in modelled.items():
        got = reflected[name]
        assert got["schema"] is None
        assert got["comment"] is None  # the models' descriptions are class docstrings
        assert [c["name"] for c in got["columns"]] == [c["name"] for c in want["columns"]], name
        for want_col, got_col in zip(want["columns"], got["columns"]):
            where = f"{name}.{want_col['name']}"
            want_type = {"FLOAT": "DOUBLE PRECISION"}.get(want_col["type"], want_col["type"])  # PostgreSQL's float8
            assert got_col["type"] == want_type, where
            for field in ("nullable", "primary_key", "comment", "unique"):
                assert got_col[field] == want_col[field], (where, field)
            assert got_col["default"] is None, where  # Python-side defaults live in the app only
            if want_col["primary_key"] and want_col["type"] == "INTEGER":
                assert got_col["server_default"] == f"nextval('{name}_id_seq'::regclass)", where
            else:
                assert _server_default(got_col["server_default"]) == _server_default(want_col["server_default"]), where
        assert [
            (f["columns"], f["target_table"], f["target_columns"], f["ondelete"], f["onupdate"])
            for f in got["foreign_keys"]
        ] == [
            (f["columns"], f["target_table"], f["target_columns"], f["ondelete"], f["onupdate"])
            for f in sorted(want["foreign_keys"], key=lambda f: f"{name}_{'_'.join(f['columns'])}_fkey")
        ], name
        assert all(f["name"] == f"{name}_{'_'.join(f['columns'])}_fkey" for f in got["foreign_keys"])
        if got["kind"] == "table":  # the database names the primary key; a view has none
            assert (got["primary_key_name"], want["primary_key_name"]) == (f"{name}_pkey", None)
        assert [u["columns"] for u in got["uniques"]] == [u["columns"] for u in _by_db_name(name, want["uniques"])]
        assert [u["name"] for u in got["uniques"]] == [
            u["name"] or f"{name}_{'_'.join(u['columns'])}_key" for u in _by_db_name(name, want["uniques"])
        ]
        assert [c["name"] for c in got["checks"]] == [c["name"] for c in want["checks"]], name
        for got_check, want_check in zip(got["checks"], want["checks"]):
            # PostgreSQL rewrites the text: it is what the server holds (up to parentheses), and says what
            # the models said
            held = held_checks[got_check["name"]].removeprefix("CHECK ")
            assert _unbracketed(got_check["sqltext"]) == _unbracketed(held), (got_check, held)
            assert _literals(want_check["sqltext"]) <= _literals(got_check["sqltext"]), got_check
        assert got["indexes"] == want["indexes"], name  # a plain index: no definition on either side


def _unbracketed(sql: str) -> str:
    """``sql`` without parentheses and with single spaces between its words."""
    return re.sub(r"\s+", " ", re.sub(r"\s*[()]\s*", " ", sql)).strip().replace(" ::", "::")


def _literals(sql: str) -> set[str]:
    """The quoted strings, numbers and lower-case names of a CHECK text (not its key words or casts)."""
    return set(re.findall(r"'[^']*'|\b[0-9]+\b|\b[a-z_][a-z0-9_]*\b", re.sub(r"::[a-z]+( [a-z]+)*(\[\])?", "", sql)))


def _by_db_name(table: str, uniques: list[dict]) -> list[dict]:
    return sorted(uniques, key=lambda u: u["name"] or f"{table}_{'_'.join(u['columns'])}_key")


def test_a_sqlite_file_is_documented_with_checks_uniques_indexes_and_fk_actions(coaching, tmp_path):
    db = tmp_path / "app.db"
    _create_models(coaching, f"sqlite:///{db}")
    url = f"sqlite:///{db}"
    reflected = _inspect(coaching, "--database-url", url)
    modelled = _inspect(coaching)
    for name, want in modelled.items():
        got = reflected[name]
        assert [c["name"] for c in got["columns"]] == [c["name"] for c in want["columns"]]
        assert [(c["name"], c["sqltext"]) for c in got["checks"]] == [(c["name"], c["sqltext"]) for c in want["checks"]]
        assert [(i["name"], i["expressions"], i["unique"]) for i in got["indexes"]] == [
            (i["name"], i["expressions"], i["unique"]) for i in want["indexes"]
        ]
        assert got["uniques"] == want["uniques"]
        assert [(f["columns"], f["target_table"], f["ondelete"]) for f in got["foreign_keys"]] == [
            (f["columns"], f["target_table"], f["ondelete"]) for f in want["foreign_keys"]
        ]
    built = run_docgen("build", "--database-url", url, cwd=coaching)
    assert built.returncode == 0, built.stderr
    doc = (coaching / "docs" / "DATABASE_SCHEMA.md").read_text()
    assert "ck_checkins_type" in doc and "CASCADE" in doc
    assert "ix_backburner_items_user_id" in doc
    assert "uq_calendar_events_user_external_source" in doc
    checked = run_docgen("check", "--database-url", url, cwd=coaching)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert run_docgen("inspect", "--json", "--database-url", url, cwd=coaching).stdout == \
        run_docgen("inspect", "--json", "--database-url", url, cwd=coaching).stdout


def test_database_url_in_the_config_is_a_source_and_a_flag_source_replaces_the_configured_one(coaching, tmp_path):
    db = tmp_path / "app.db"
    _create_models(coaching, f"sqlite:///{db}")
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE only_in_db (id INTEGER PRIMARY KEY)")
    engine.dispose()
    by_flag = run_docgen("inspect", "--database-url", f"sqlite:///{db}", cwd=coaching)  # models set in pyproject
    assert by_flag.returncode == 0, by_flag.stderr
    assert "only_in_db: 1 columns" in by_flag.stdout
    pyproject = coaching / "pyproject.toml"
    pyproject.write_text(f'[tool.docgen]\ndatabase-url = "sqlite:///{db}"\n')
    by_config = run_docgen("inspect", cwd=coaching)
    assert by_config.stdout == by_flag.stdout
    by_models_flag = run_docgen("inspect", "--models", "coaching.models:Base", cwd=coaching)
    assert "only_in_db" not in by_models_flag.stdout


def test_schema_option_reads_several_postgresql_schemas(coaching, pg_url):
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE users (id integer PRIMARY KEY, email text UNIQUE)")
        connection.exec_driver_sql("CREATE UNIQUE INDEX ix_users_lower_email ON users (lower(email))")
        connection.exec_driver_sql("CREATE SCHEMA reporting")
        connection.exec_driver_sql(
            "CREATE TABLE reporting.daily (id integer PRIMARY KEY, user_id integer REFERENCES users (id) "
            "ON DELETE CASCADE)"
        )
        connection.exec_driver_sql("COMMENT ON TABLE reporting.daily IS 'One row per user and day'")
    engine.dispose()
    tables = json.loads(run_docgen("inspect", "--json", "--database-url", pg_url, "--schema", "public",
                                   "--schema", "reporting", cwd=coaching).stdout)["tables"]
    assert [(t["schema"], t["name"]) for t in tables] == [(None, "users"), ("reporting", "daily")]
    users, daily = tables
    # a UNIQUE constraint shows once (not also as its backing index); a stand-alone unique index shows as one
    assert users["uniques"] == [{"name": "users_email_key", "columns": ["email"]}]
    assert users["indexes"] == [{"name": "ix_users_lower_email", "expressions": ["lower(email)"], "unique": True,
                                 "where": None, "using": None, "include": None, "definition": None}]
    assert daily["comment"] == "One row per user and day"
    assert [(f["target_table"], f["ondelete"]) for f in daily["foreign_keys"]] == [("users", "CASCADE")]
    default_only = run_docgen("inspect", "--database-url", pg_url, cwd=coaching)
    assert "daily" not in default_only.stdout


def _fails_with(project, *args: str, message: str, secret: str | None = None) -> str:
    result = run_docgen(*args, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert lines[0].startswith("docgen: error: ")
    assert message in lines[0], lines[0]
    if secret:
        assert secret not in result.stderr
    return lines[0]


def test_unreachable_host_is_one_line_without_the_password(coaching, pg_server):
    closed = sa.engine.make_url(pg_server.url()).set(port=1, password="hunter2-secret")
    line = _fails_with(coaching, "inspect", "--database-url", closed.render_as_string(hide_password=False),
                       message="cannot connect to postgresql+psycopg://docgen:***@127.0.0.1:1/postgres",
                       secret="hunter2-secret")
    assert "refused" in line


def test_wrong_password_is_named_but_never_printed(coaching, pg_server):
    _fails_with(coaching, "inspect", "--database-url", pg_server.url(password="wrong-pw-1234"),
                message='password authentication failed for user "docgen"', secret="wrong-pw-1234")


def test_database_that_does_not_exist(coaching, pg_server):
    from pg import PASSWORD

    _fails_with(coaching, "inspect", "--database-url", pg_server.url("no_such_db"),
                message='database "no_such_db" does not exist', secret=PASSWORD)


def test_schema_that_does_not_exist(coaching, pg_url):
    from pg import PASSWORD

    _fails_with(coaching, "inspect", "--database-url", pg_url, "--schema", "nope",
                message="schema 'nope' does not exist in postgresql+psycopg://docgen:***@", secret=PASSWORD)


def test_unknown_driver_names_the_package_to_install(coaching):
    _fails_with(coaching, "inspect", "--database-url", "mysql+mysqldb://app:pw-42@db.example/app",
                message="the database driver for 'mysql+mysqldb' is not installed: pip install mysqlclient",
                secret="pw-42")
    _fails_with(coaching, "inspect", "--database-url", "nosuchdb://app:pw-42@db.example/app",
                message="unknown database dialect or driver 'nosuchdb'", secret="pw-42")


def test_unparsable_url_and_missing_sqlite_file(coaching, tmp_path):
    _fails_with(coaching, "inspect", "--database-url", "not a url pw-42", message="invalid database URL",
                secret="pw-42")
    _fails_with(coaching, "build", "--database-url", f"sqlite:///{tmp_path / 'missing.db'}",
                message="missing.db does not exist")
    assert not (tmp_path / "missing.db").exists()  # connecting did not create it


def test_a_driver_message_that_repeats_the_secret_is_printed_with_the_secret_masked(coaching):
    """libpq echoes a bad ``sslmode`` value; here it is the password, pasted into the wrong parameter: the
    line names the problem, the secret is never printed."""
    secret = "pw 42&x"
    url = f"postgresql+psycopg://app:{quote(secret, safe='')}@127.0.0.1:1/app?sslmode={quote_plus(secret)}"
    line = _fails_with(coaching, "inspect", "--database-url", url,
                       message="cannot connect to postgresql+psycopg://app:***@127.0.0.1:1/app", secret=secret)
    assert line.endswith('invalid sslmode value: "***"'), line


def test_scrub_masks_every_secret_of_the_url_and_keeps_the_message_on_one_line():
    url = sa.engine.make_url("postgresql+psycopg://app:hunter2@db/app?sslpassword=key%2Bpass&api_token=t0k&sslmode=require")
    message = "FATAL:  bad login hunter2\n\tkey+pass / key%2Bpass token t0k\n  sslmode require\n"
    assert scrub(message, url) == "FATAL:  bad login *** *** / *** token *** sslmode require"
    overlapping = sa.engine.make_url("postgresql+psycopg://app:abc@db/app?password=abcdef")
    assert scrub("abcdef then abc", overlapping) == "*** then ***"  # the longer secret first: no "***def"


@pytest.mark.parametrize("url, printed", [
    ("postgresql+psycopg://app:hunter2@db:5432/app", "postgresql+psycopg://app:***@db:5432/app"),
    ("postgresql+psycopg://app@db/app?sslpassword=k3y&sslmode=require&PWD=x&api_token=t&odbc_connect=c",
     "postgresql+psycopg://app@db/app?PWD=***&api_token=***&odbc_connect=***&sslmode=require&sslpassword=***"),
    ("sqlite:///app.db", "sqlite:///app.db"),
])
def test_a_url_is_printed_with_every_secret_masked(url, printed):
    assert shown(url) == printed


def test_a_relative_sqlite_path_is_anchored_at_the_project_and_other_urls_stay(tmp_path):
    assert anchored("sqlite:///app.db", tmp_path) == f"sqlite:///{tmp_path / 'app.db'}"
    assert anchored(f"sqlite:///{tmp_path / 'abs.db'}", Path("/elsewhere")) == f"sqlite:///{tmp_path / 'abs.db'}"
    uri = sa.engine.make_url(anchored("sqlite:///file:app.db?uri=true&mode=ro", tmp_path))
    assert (uri.database, dict(uri.query)) == (f"file:{tmp_path / 'app.db'}", {"mode": "ro", "uri": "true"})
    inner = sa.engine.make_url(anchored("sqlite:///file:app.db%3Fcache%3Dshared?uri=true", tmp_path))
    assert inner.database == f"file:{tmp_path / 'app.db'}?cache=shared"  # the file URI's own query is kept
    assert anchored("sqlite+pysqlcipher://:s3cret@/app.db", tmp_path) == \
        f"sqlite+pysqlcipher://:s3cret@/{tmp_path / 'app.db'}"  # the passphrase stays: it opens the file
    for kept in ("sqlite://", "sqlite:///:memory:", "postgresql+psycopg://app:pw@db/app"):
        assert anchored(kept, tmp_path) == kept


def test_a_sqlite_url_must_name_an_existing_file_unless_it_is_in_memory(tmp_path):
    (tmp_path / "there.db").write_bytes(b"")
    for fine in (f"sqlite:///{tmp_path / 'there.db'}", "sqlite://", "sqlite:///:memory:",
                 f"sqlite:///file:{tmp_path / 'there.db'}?uri=true", "sqlite:///file:x?mode=memory&uri=true",
                 "sqlite:///file:x%3Fmode%3Dmemory?uri=true", "sqlite:///file::memory:?uri=true",
                 "postgresql+psycopg://app@db/app"):
        require_sqlite_file(sa.engine.make_url(fine))
    gone = tmp_path / "gone.db"
    for missing, file in ((f"sqlite:///{gone}", gone), (f"sqlite:///file:{gone}?uri=true", gone),
                          (f"sqlite:///file:{gone}?uri=false", f"file:{gone}"),  # without uri=true: a file name
                          (f"sqlite:///file:{gone}", f"file:{gone}")):
        with pytest.raises(UsageError) as refused:
            require_sqlite_file(sa.engine.make_url(missing))
        uri_hint = " (a file: URI needs ?uri=true)" if str(file).startswith("file:") else ""
        assert str(refused.value) == f"SQLite database file {file} does not exist{uri_hint}"


def test_a_sqlite_url_naming_a_directory_or_a_fifo_is_refused_as_no_existing_file(tmp_path, monkeypatch):
    """Connecting would fail later with SQLite's "unable to open database file", or block on the FIFO."""
    os.mkfifo(tmp_path / "pipe.db")
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
                                                                     "sa.Table('t', metadata, sa.Column('id', sa.Integer))\n"})
    for url, message in (
            (f"sqlite:///{tmp_path}", f"SQLite database file {tmp_path} is a directory: name the database file in it"),
            (f"sqlite:///{tmp_path / 'pipe.db'}", f"SQLite database file {tmp_path / 'pipe.db'} is a FIFO (named pipe), "
             "not a regular file: docgen reads and writes only regular files (or links to one)")):
        result = docgen_in_process("drift", "--database-url", url, cwd=project, monkeypatch=monkeypatch)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"docgen: error: {message}\n")


def test_an_unparsable_url_is_refused_without_repeating_it():
    with pytest.raises(UsageError) as refused:
        parse_url("postgresql://app:pw-42@db:notaport/app")
    assert str(refused.value) == ("invalid database URL: expected dialect+driver://user:password@host:port/database "
                                  "or sqlite:///path/to/file.db")


def test_scrub_masks_the_longest_secret_first_every_value_of_a_repeated_parameter_and_nothing_else():
    assert scrub("abc", sa.engine.make_url("postgresql://app:b@db/app?password=abc")) == "***"
    assert scrub("a then b", sa.engine.make_url("postgresql://app@db/app?password=a&password=b")) == "*** then ***"
    assert scrub("None of it", sa.engine.make_url("postgresql://app@db/app")) == "None of it"


def test_an_unknown_dialect_or_a_missing_driver_is_a_usage_error_naming_what_to_install():
    with pytest.raises(UsageError) as unknown:
        create_engine("nosuchdb://app:pw-42@db/app")
    assert str(unknown.value) == "unknown database dialect or driver 'nosuchdb' in nosuchdb://app:***@db/app"
    for url, package in (("oracle+oracledb://app:pw-42@db/app", "oracledb"),
                         ("postgresql+psycopg2://app:pw-42@db/app", "psycopg2-binary"),
                         ("mysql+mysqldb://app:pw-42@db/app", "mysqlclient")):
        with pytest.raises(UsageError) as missing:
            create_engine(url)
        driver = url.partition(":")[0]
        assert str(missing.value) == f"the database driver for {driver!r} is not installed: pip install {package}"


class _DriverThatDoesNotLoad(sa.engine.default.DefaultDialect):
    """A third-party dialect whose driver fails to import: ``error`` is what its import raises."""

    name = "docgenbroken"
    error: ImportError = ImportError()

    @classmethod
    def import_dbapi(cls):
        raise cls.error


@pytest.mark.parametrize("error, message", [
    (ModuleNotFoundError("No module named 'psycopg2._psycopg'", name="psycopg2._psycopg"),
     "the database driver for 'docgenbroken' is not installed: pip install psycopg2-binary"),
    (ImportError("no pq wrapper available: libpq.so.5 not found for app:pw-42"),
     "the database driver for 'docgenbroken' does not load: no pq wrapper available: libpq.so.5 not found for app:***"),
])
def test_a_missing_driver_part_names_the_package_and_a_driver_that_does_not_load_says_why(error, message):
    sa.dialects.registry.register("docgenbroken", __name__, "_DriverThatDoesNotLoad")
    _DriverThatDoesNotLoad.error = error
    with pytest.raises(UsageError) as refused:
        create_engine("docgenbroken://app:pw-42@db/app")
    assert str(refused.value) == message


def test_a_url_option_the_driver_refuses_is_a_usage_error_with_the_secrets_masked(tmp_path):
    sqlite3.connect(tmp_path / "app.db").close()
    for option, why in (("timeout=soon", "could not convert string to float: 'soon'"),
                        ("check_same_thread=maybe", "String is not true/false: 'maybe'")):
        url = f"sqlite:///{tmp_path / 'app.db'}?{option}&secret_token=t0k"
        with pytest.raises(UsageError) as refused:
            create_engine(url)
        assert str(refused.value) == f"cannot use database {shown(url)}: {why}"
        assert "t0k" not in str(refused.value)
    line = _fails_with(tmp_path, "inspect", "--database-url", f"sqlite:///{tmp_path / 'app.db'}?timeout=soon",
                       message="cannot use database sqlite:///")
    assert line.endswith("could not convert string to float: 'soon'"), line


def test_a_postgresql_server_that_never_answers_is_given_up_after_the_connect_timeout():
    """A host that accepts the connection and then says nothing (a firewall, a stuck server): docgen does not
    hang, it fails after ten seconds with one line, or after the URL's own ``connect_timeout``."""
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"postgresql+psycopg://app:pw-42@127.0.0.1:{silent.getsockname()[1]}/app"
        for query, at_least, at_most in (("", 9, 30), ("?connect_timeout=3", 2, 8)):
            started = time.monotonic()
            with pytest.raises(UsageError) as gave_up, connect(url + query):
                pass
            waited = time.monotonic() - started
            assert str(gave_up.value) == f"cannot connect to {shown(url + query)}: connection timeout expired"
            assert at_least < waited < at_most, (query, waited)


def test_a_database_error_is_its_type_and_first_line_with_the_secrets_masked(tmp_path):
    url = sa.engine.make_url(f"sqlite:///{tmp_path / 'app.db'}?secret_token=t0k")
    sqlite3.connect(tmp_path / "app.db").close()
    with connect(f"sqlite:///{tmp_path / 'app.db'}") as connection, pytest.raises(sa.exc.DBAPIError) as failed:
        connection.exec_driver_sql("SELECT * FROM t0k_table")
    assert describe_error(failed.value, url) == "OperationalError: no such table: ***_table"
    assert describe_error(ValueError("bad t0k\nsecond line"), url) == "ValueError: bad ***"



SHOP = """
import sqlalchemy as sa
from sqlalchemy import event, DDL

metadata = sa.MetaData()
customers = sa.Table(
    "customers", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(200), nullable=False, unique=True, comment="Login address"),
    sa.Column("tier", sa.Enum("free", "paid", name="tier"), nullable=False),
    sa.Column("profile", sa.JSON),
    comment="Someone who buys",
)
orders = sa.Table(
    "orders", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("customer_id", sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("total", sa.Numeric(10, 2), nullable=False),
    sa.Column("placed_at", sa.DateTime, server_default=sa.func.now()),
    sa.CheckConstraint("total >= 0", name="ck_orders_total"),
    sa.UniqueConstraint("customer_id", "placed_at", name="uq_orders_customer_placed"),
)
event.listen(orders, "after_create", DDL(
    "CREATE TRIGGER orders_not_negative BEFORE INSERT ON orders FOR EACH ROW SET NEW.total = GREATEST(NEW.total, 0)"
).execute_if(dialect="mysql"))
"""


def test_models_created_in_mariadb_and_reflected_back_give_the_same_facts(tmp_path, mariadb_url):
    """Models on MariaDB: every table, key, constraint, index and trigger comes back; drift is clean."""
    project = write_project(tmp_path / "shop", 'models = "shop:metadata"\ndialect = "mysql"', {"shop.py": SHOP})
    engine = sa.create_engine(mariadb_url)
    load_models("shop:metadata", project).metadata.create_all(engine)
    engine.dispose()
    modelled = _inspect(project)
    reflected = _inspect(project, "--database-url", mariadb_url)
    assert sorted(reflected) == sorted(modelled) == ["customers", "orders"]
    for name, want in modelled.items():
        got = reflected[name]
        assert [(c["name"], _without_display_width(c["type"]), c["nullable"], c["primary_key"], c["comment"])
                for c in got["columns"]] == [
            (c["name"], c["type"], c["nullable"], c["primary_key"], c["comment"]) for c in want["columns"]], name
        # MySQL keeps a UNIQUE constraint as a unique index of the same name: reflected as one
        unique_sets = [u["columns"] for u in want["uniques"]]  # column-level unique=True among them
        assert sorted(i["expressions"] for i in got["indexes"] if i["unique"]) == sorted(unique_sets), name
        assert got["comment"] == want["comment"]
        assert [(f["columns"], f["target_table"], f["target_columns"], f["ondelete"]) for f in got["foreign_keys"]] \
            == [(f["columns"], f["target_table"], f["target_columns"], f["ondelete"]) for f in want["foreign_keys"]]
        assert [c["name"] for c in got["checks"]] == [c["name"] for c in want["checks"]], name
        assert [(i["name"], i["expressions"]) for i in got["indexes"] if not i["unique"]] == [
            (i["name"], i["expressions"]) for i in want["indexes"]], name
        assert [(t["name"], t["timing"], t["events"]) for t in got["triggers"]] == [
            (t["name"], t["timing"], t["events"]) for t in want["triggers"]], name
    drift = run_docgen("drift", "--database-url", mariadb_url, cwd=project)
    assert drift.returncode == 0, drift.stdout + drift.stderr


def _without_display_width(type_: str) -> str:
    """MariaDB reports an integer with its display width (``INTEGER(11)``), which the models never give,
    JSON as what it is there (LONGTEXT with a binary collation) and NUMERIC as its synonym DECIMAL."""
    if type_ == "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin":
        return "JSON"
    type_ = re.sub(r"^DECIMAL\(", "NUMERIC(", type_)
    return re.sub(r"^(INTEGER|BIGINT|SMALLINT)\(\d+\)", r"\1", type_)


@pytest.mark.parametrize("dialect", ["mysql", "mariadb"])
def test_a_mysql_enum_is_shown_as_mariadb_holds_it(tmp_path, mariadb_url, dialect):
    """MySQL's enum is inline, its values part of the type: the models' column (``dialect = "mysql"``, or
    ``"mariadb"``) shows the type as the server reports it once created, quotes doubled, not docgen's own."""
    models = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('moods', metadata, " \
             "sa.Column('mood', sa.Enum('low', \"it's ok\", name='mood')))\n"
    project = write_project(tmp_path / "moods", f'models = "moods:metadata"\ndialect = "{dialect}"', {"moods.py": models})
    engine = sa.create_engine(mariadb_url)
    try:
        load_models("moods:metadata", project).metadata.create_all(engine)
        with engine.connect() as connection:
            held = connection.exec_driver_sql("SELECT COLUMN_TYPE FROM information_schema.COLUMNS "
                                              "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'moods'").scalar()
    finally:
        engine.dispose()
    assert held == "enum('low','it''s ok')"
    assert _inspect(project)["moods"]["columns"][0]["type"] == "ENUM('low','it''s ok')"
    assert _inspect(project, "--database-url", mariadb_url)["moods"]["columns"][0]["type"] == "ENUM('low','it''s ok')"
