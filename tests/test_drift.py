"""`docgen drift` shows what differs between the models and a database or the migrations; exit 0/1/2.

The example's migrations reproduce the seed's drift at 002 and fix it at 003 (004 adds what lint found, 005 a view, an enum type and a trigger);
they run in a throwaway SQLite file by default and in a throwaway PostgreSQL
database when given a server, which is always dropped afterwards.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import sqlalchemy as sa
from conftest import REPO, run_docgen

from docgen.drift.compare import Finding, rename_candidates
from docgen.sources.models import load_models

INI = "coaching/alembic.ini"
MISSING_TABLES = ("backburner_items, calendar_events, checkins, conversation_embeddings, goals, metrics, "
                  "pattern_tracking, wheel_categories, wheel_scores")


def _assert_seed_findings_at_002(out: str, postgresql: bool = False) -> None:
    assert f"tables only in the models (9): {MISSING_TABLES}" in out
    assert "  backburner (looks like a rename of backburner_items)\n" in out
    assert "  calendar (looks like a rename of calendar_events)\n" in out
    assert "  wheel (looks like a rename of wheel_categories or wheel_scores)\n" in out
    work_sessions = out[out.index("work_sessions:\n"):]
    assert "  column only in the database: task_name TEXT NULL\n" in work_sessions
    assert "  column only in the database: minutes INTEGER NULL\n" in work_sessions
    for column in ("task_id INTEGER NULL", "started_at", "duration_minutes INTEGER NULL", "effectiveness_rating"):
        assert f"  column missing in the database: {column}" in work_sessions
    assert "  foreign key missing in the database: (task_id) → tasks(id) ON DELETE SET NULL\n" in work_sessions
    assert "  check constraint missing in the database: ck_work_sessions_energy: " in work_sessions
    assert "  index missing in the database: ix_work_sessions_user_id (user_id)\n" in work_sessions
    effort = "ENUM task_effort" if postgresql else "VARCHAR(6)"
    assert f"tasks:\n  column missing in the database: effort {effort} ('small', 'medium', 'large') NULL\n" \
           "  foreign key missing in the database: (goal_id) → goals(id) ON DELETE SET NULL\n" in out
    assert "open_tasks:\n  view missing in the database: view reading goals, tasks\n" in out  # 005 creates it
    assert "users" not in out.replace("tables only", "")  # 002 added the users columns the seed missed
    # 004 indexes the foreign keys lint found unindexed, two of them on tables 002 already has
    assert "  foreign key missing in the database: (goal_id) → goals(id) ON DELETE SET NULL\n" \
           "  index missing in the database: ix_tasks_goal_id (goal_id)\n" in out
    assert "  index missing in the database: ix_work_sessions_task_id (task_id)\n" in work_sessions
    if postgresql:  # a native enum type there, which 005 creates
        assert "task_effort:\n  type missing in the database: enum ('small', 'medium', 'large')\n" in out
    assert out.endswith("drift: 36 difference(s) in 16 table(s)\n" if postgresql else
                        "drift: 35 difference(s) in 15 table(s)\n")


def test_migrations_at_002_show_the_seed_drift_in_a_temporary_sqlite_file(coaching):
    result = run_docgen("drift", "--migrations", INI, "--revision", "002", cwd=coaching)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    assert "database: migrations coaching/alembic.ini at 002, in a temporary SQLite database\n" in result.stdout
    _assert_seed_findings_at_002(result.stdout)


def test_migrations_at_head_005_have_no_drift(coaching):
    result = run_docgen("drift", "--migrations", INI, cwd=coaching)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("at head (005), in a temporary SQLite database\n"
                                  "no drift: the database matches the models (14 tables)\n")


def _databases(pg_server) -> set[str]:
    engine = sa.create_engine(pg_server.url())
    with engine.connect() as connection:
        names = {row[0] for row in connection.exec_driver_sql("SELECT datname FROM pg_database")}
    engine.dispose()
    return names


def test_migrations_on_postgresql_run_in_a_fresh_database_that_is_dropped(coaching, pg_server, pg_url):
    before = _databases(pg_server)
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE precious (id integer)")
        connection.exec_driver_sql("INSERT INTO precious VALUES (42)")
    at_002 = run_docgen("drift", "--migrations", INI, "--revision", "002", "--database-url", pg_url, cwd=coaching)
    assert at_002.returncode == 1, at_002.stdout + at_002.stderr
    assert "in a throwaway database on postgresql+psycopg://docgen:***@127.0.0.1:" in at_002.stdout
    _assert_seed_findings_at_002(at_002.stdout, postgresql=True)
    at_head = run_docgen("drift", "--migrations", INI, "--database-url", pg_url, cwd=coaching)
    assert at_head.returncode == 0, at_head.stdout + at_head.stderr
    assert "no drift" in at_head.stdout
    assert _databases(pg_server) == before  # nothing left behind
    with engine.connect() as connection:  # and the given database untouched
        assert connection.exec_driver_sql("SELECT id FROM precious").scalar() == 42
        assert not sa.inspect(connection).has_table("users")
    engine.dispose()


# What drift prints for a live database the models' tables were changed in (PostgreSQL and SQLite alike).
LIVE_DRIFT = [
    "tables only in the models (1): calendar_events",
    "tables only in the database (1):",
    "  calendar (looks like a rename of calendar_events)",
    "goals:",
    "  column only in the database: legacy_flag BOOLEAN NULL",
    "  column type differs: category: models VARCHAR(50), database VARCHAR(80)",
    "  column nullability differs: title: models NOT NULL, database NULL",
    "  index only in the database: ix_goals_title (title)",
    "  check constraint missing in the database: ck_goals_progress: progress >= 0 AND progress <= 100",
    "users:",
    "  unique constraint missing in the database: (email)",
    "drift: 8 difference(s) in 4 table(s)",
]


def test_a_live_database_that_differs_from_the_models(coaching, pg_url):
    models = load_models("coaching.models:Base", coaching)
    engine = sa.create_engine(pg_url)
    models.metadata.create_all(engine)
    assert run_docgen("drift", "--database-url", pg_url, cwd=coaching).returncode == 0
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE goals DROP CONSTRAINT ck_goals_progress")
        connection.exec_driver_sql("ALTER TABLE goals ADD COLUMN legacy_flag boolean")
        connection.exec_driver_sql("ALTER TABLE goals ALTER COLUMN title DROP NOT NULL")
        connection.exec_driver_sql("ALTER TABLE goals ALTER COLUMN category TYPE varchar(80)")
        connection.exec_driver_sql("ALTER TABLE users DROP CONSTRAINT users_email_key")
        connection.exec_driver_sql("CREATE INDEX ix_goals_title ON goals (title)")
        connection.exec_driver_sql("ALTER TABLE calendar_events RENAME TO calendar")
    engine.dispose()
    result = run_docgen("drift", "--database-url", pg_url, cwd=coaching)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[2:] == LIVE_DRIFT


SMALL_MODELS = """\
import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("email", sa.String(200), nullable=False, unique=True))
sa.Table("goals", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
         sa.Column("title", sa.String(200), nullable=False),
         sa.Column("category", sa.String(50)),
         sa.Column("progress", sa.Integer),
         sa.CheckConstraint("progress >= 0 AND progress <= 100", name="ck_goals_progress"))
sa.Table("calendar_events", metadata, sa.Column("id", sa.Integer, primary_key=True))
"""


def test_a_live_sqlite_database_that_differs_from_the_models(tmp_path, monkeypatch):
    """The PostgreSQL test above, on a SQLite file: none of these findings is PostgreSQL's own (run in-process,
    so ``make mutate`` sees it)."""
    from conftest import docgen_in_process, write_project

    project = write_project(tmp_path / "p", 'models = "drift_twin_models:metadata"\ndatabase-url = "sqlite:///app.db"',
                            {"drift_twin_models.py": SMALL_MODELS})
    with sqlite3.connect(project / "app.db") as connection:
        connection.executescript(
            "CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL);\n"
            "CREATE TABLE goals (id INTEGER NOT NULL PRIMARY KEY,"
            " user_id INTEGER NOT NULL REFERENCES users (id), title VARCHAR(200), category VARCHAR(80),"
            " progress INTEGER, legacy_flag BOOLEAN);\n"
            "CREATE INDEX ix_goals_title ON goals (title);\n"
            "CREATE TABLE calendar (id INTEGER NOT NULL PRIMARY KEY);\n"
        )
    connection.close()
    result = docgen_in_process("drift", cwd=project, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[2:] == LIVE_DRIFT


def _drift_of_a_sqlite_file(tmp_path, tables: str, sql: str) -> list[str]:
    """What ``docgen drift`` prints after its first two lines: models holding ``tables`` (sa.Table calls on
    ``metadata``) against a SQLite file ``sql`` made; it exits 1."""
    from conftest import write_project

    project = write_project(tmp_path / "p", 'models = "small:metadata"\ndatabase-url = "sqlite:///app.db"',
                            {"small.py": f"import sqlalchemy as sa\nmetadata = sa.MetaData()\n{tables}"})
    with sqlite3.connect(project / "app.db") as connection:
        connection.executescript(sql)
    connection.close()
    result = run_docgen("drift", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout.splitlines()[2:]


def test_a_table_only_in_the_database_with_no_likely_rename_is_listed_by_name_alone(tmp_path):
    assert _drift_of_a_sqlite_file(
        tmp_path, "sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
        "CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY);\n"
        "CREATE TABLE zz_archive (id INTEGER NOT NULL PRIMARY KEY, at TEXT); CREATE INDEX ix_zz_at ON zz_archive (at);\n",
    ) == ["tables only in the database (1):", "  zz_archive", "drift: 1 difference(s) in 1 table(s)"]  # no more of it


def test_a_table_only_in_the_database_whose_name_extends_one_only_in_the_models_looks_like_its_rename(tmp_path):
    """The hint goes both ways: ``events`` kept as ``events_archive``, as ``wheel`` split into ``wheel_scores``."""
    assert _drift_of_a_sqlite_file(
        tmp_path, "sa.Table('events', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
        "CREATE TABLE events_archive (id INTEGER NOT NULL PRIMARY KEY);\n",
    ) == ["tables only in the models (1): events", "tables only in the database (1):",
          "  events_archive (looks like a rename of events)", "drift: 2 difference(s) in 2 table(s)"]


def test_a_rename_hint_names_at_most_three_close_spellings_and_none_less_alike(tmp_path):
    """``items`` is 80 % or more like four tables only in the models: the three likest are named; ``persons_old``
    is 70 % like ``person`` (and no prefix of it): no hint."""
    tables = "".join(f"sa.Table('{name}', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
                     for name in ("itemss", "itemz", "itens", "iteme", "person"))
    assert _drift_of_a_sqlite_file(
        tmp_path, tables, "CREATE TABLE items (id INTEGER PRIMARY KEY); CREATE TABLE persons_old (id INTEGER);\n",
    )[1:4] == ["tables only in the database (2):", "  items (looks like a rename of itemss or itemz or itens)",
               "  persons_old"]


def test_an_index_and_a_view_on_one_side_say_what_they_are(tmp_path):
    """A UNIQUE index on two columns the database lacks; a view of the database that reads no table."""
    assert _drift_of_a_sqlite_file(
        tmp_path, "t = sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('a', sa.Integer),"
                  " sa.Column('b', sa.Integer))\nsa.Index('ix_t_ab', t.c.a, t.c.b, unique=True)\n",
        "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, a INTEGER, b INTEGER);"
        "CREATE VIEW constants AS SELECT 1 AS one;\n",
    ) == ["constants:", "  view only in the database: view", "t:",
          "  index missing in the database: ix_t_ab UNIQUE (a, b)", "drift: 2 difference(s) in 2 table(s)"]


def test_a_sqlite_key_column_that_can_never_hold_null_is_not_null_however_it_was_declared(tmp_path):
    """SQLite reports ``id INTEGER PRIMARY KEY`` (the rowid) and a ``WITHOUT ROWID`` table's key nullable, though
    neither can hold NULL: no drift. Its other key columns can (``INT PRIMARY KEY`` is no rowid): drift."""
    tables = "".join(f"sa.Table('{name}', metadata, sa.Column('{column}', sa.{kind}, primary_key=True))\n"
                     for name, column, kind in (("users", "id", "Integer"), ("codes", "code", "Text"),
                                                ("ints", "id", "Integer"), ("tags", "name", "Text")))
    tables += "sa.Table('notes', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('note', sa.Text))\n"
    assert _drift_of_a_sqlite_file(
        tmp_path, tables, "CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE ints (id INT PRIMARY KEY);"
        "CREATE TABLE codes (code TEXT PRIMARY KEY) without rowid; CREATE TABLE tags (name TEXT PRIMARY KEY);"
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT NOT NULL);",
    ) == ["ints:", "  column nullability differs: id: models NOT NULL, database NULL",
          "notes:", "  column nullability differs: note: models NULL, database NOT NULL",
          "tags:", "  column nullability differs: name: models NOT NULL, database NULL",
          "drift: 3 difference(s) in 3 table(s)"]
    shown = json.loads(run_docgen("inspect", "--json", "--database-url", "sqlite:///app.db", cwd=tmp_path / "p").stdout)
    nullable = {t["name"]: t["columns"][0]["nullable"] for t in shown["tables"]}
    assert nullable == {"codes": False, "ints": True, "notes": False, "tags": True, "users": False}


def test_what_sqlite_cannot_hold_is_no_drift_a_table_comment_and_a_unique_made_only_on_postgresql(tmp_path):
    assert _drift_of_a_sqlite_file(
        tmp_path, "t = sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('a', sa.Integer),"
                  " comment='Things')\nt.append_constraint(sa.UniqueConstraint('a', name='uq_t_a')"
                  ".ddl_if(dialect='postgresql'))\n",
        "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, a INTEGER, legacy TEXT);\n",
    ) == ["t:", "  column only in the database: legacy TEXT NULL", "drift: 1 difference(s) in 1 table(s)"]


def test_a_rename_hint_compares_the_last_part_of_dotted_names():
    """A table moved to another schema, or into a dotted name (``v1.calendar_events``), is still hinted."""
    assert rename_candidates("archive.calendar", {"shop.v1.calendar_events", "shop.v1.items"}) == [
        "shop.v1.calendar_events"]
    assert rename_candidates("shop.v1.calendar_events", {"archive.calendar"}) == ["archive.calendar"]


def test_findings_of_one_kind_list_the_unnamed_first_then_by_name_then_by_what_each_side_says():
    """The order is the output's, the same on every run: never the order the comparison found them in."""
    found = [Finding("missing_unique", "t", "AK_t_b", models="(b)"), Finding("missing_unique", "t", models="(d)"),
             Finding("missing_unique", "t", models="(c)"), Finding("extra_unique", "t", database="(f)"),
             Finding("extra_unique", "t", database="(e)")]
    assert sorted(found, key=Finding.sort_key) == [found[2], found[1], found[0], found[4], found[3]]


def test_a_missing_thing_has_the_models_side_and_an_extra_one_the_databases(tmp_path):
    """UNIQUEs and indexes on one side only (an index as the docs show it, ``DESC`` and all), in text and JSON."""
    tables = ("t = sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True),"
              " sa.Column('a', sa.Integer, unique=True), sa.Column('b', sa.Integer), sa.Column('Level', sa.Integer))\n"
              "sa.Index('ix_t_level', t.c.Level)\nsa.Index('ix_t_b', t.c.b.desc())\n")
    assert _drift_of_a_sqlite_file(
        tmp_path, tables, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, Level INTEGER, c TEXT, UNIQUE (b));"
        "CREATE INDEX ix_t_level ON t (Level); CREATE INDEX ix_t_c ON t (c);",
    ) == ["t:", "  column only in the database: c TEXT NULL", "  unique constraint missing in the database: (a)",
          "  unique constraint only in the database: (b)", "  index missing in the database: ix_t_b (b DESC)",
          "  index only in the database: ix_t_c (c)", "drift: 5 difference(s) in 1 table(s)"]
    findings = json.loads(run_docgen("drift", "--format", "json", cwd=tmp_path / "p").stdout)["findings"]
    assert [(f["kind"], f["models"], f["database"]) for f in findings] == [
        ("extra_column", None, "TEXT NULL"), ("missing_unique", "(a)", None), ("extra_unique", None, "(b)"),
        ("missing_index", "(b DESC)", None), ("extra_index", None, "(c)")]


def test_a_foreign_key_moved_to_another_column_is_one_missing_and_one_extra(tmp_path):
    """Unnamed on both sides (SQLite): paired only when the same columns point at the same target."""
    tables = ("sa.Table('p', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
              "sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True),"
              " sa.Column('a', sa.Integer, sa.ForeignKey('p.id')), sa.Column('b', sa.Integer))\n")
    assert _drift_of_a_sqlite_file(
        tmp_path, tables, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER REFERENCES p (id));",
    ) == ["t:", "  foreign key missing in the database: (a) → p(id)", "  foreign key only in the database: (b) → p(id)",
          "drift: 2 difference(s) in 1 table(s)"]


def test_a_warning_from_alembic_or_sqlalchemy_is_one_line_of_docgens(tmp_path):
    """SQLite does not reflect expression indexes; alembic warns that it skips them, as a Python warning (its
    file, line and source): the program says it in one line, as its own warnings."""
    from conftest import write_project

    models = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
              "t = sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.Text))\n"
              "sa.Index('ix_t_lower', sa.func.lower(t.c.name))\n")
    project = write_project(tmp_path / "p", 'models = "small:metadata"\ndatabase-url = "sqlite:///app.db"',
                            {"small.py": models})
    with sqlite3.connect(project / "app.db") as connection:
        connection.executescript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);")
    connection.close()
    result = run_docgen("drift", cwd=project, own_process=True)  # the warning's form is the program's
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("docgen: warning: UserWarning: autogenerate skipping metadata-specified expression-based "
                           "index 'ix_t_lower'; dialect 'sqlite'"), line


def test_a_table_named_empty_still_heads_its_findings(tmp_path):
    """SQLite lets a table be named "" (and SQLAlchemy maps it): its findings are under a heading of their own."""
    assert _drift_of_a_sqlite_file(
        tmp_path, "sa.Table('', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
        'CREATE TABLE "" (id INTEGER NOT NULL PRIMARY KEY, extra TEXT);\n',
    ) == [":", "  column only in the database: extra TEXT NULL", "drift: 1 difference(s) in 1 table(s)"]


def test_json_output_has_a_stable_shape(coaching):
    result = run_docgen("drift", "--migrations", INI, "--revision", "002", "--json", cwd=coaching)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert sorted(data) == ["counts", "database", "drift", "findings", "models", "tables_in_models"]
    assert data["drift"] is True and data["models"] == "coaching.models:Base" and data["tables_in_models"] == 14
    assert data["counts"]["missing_table"] == 9 and data["counts"]["extra_table"] == 3
    assert sum(data["counts"].values()) == len(data["findings"]) == 35
    assert {"kind": "extra_table", "table": "calendar", "name": None, "models": None, "database": None,
            "hint": "looks like a rename of calendar_events"} in data["findings"]
    assert {"kind": "extra_column", "table": "work_sessions", "name": "task_name", "models": None,
            "database": "TEXT NULL", "hint": None} in data["findings"]
    again = run_docgen("drift", "--migrations", INI, "--revision", "002", "--json", cwd=coaching)
    assert again.stdout == result.stdout
    clean = json.loads(run_docgen("drift", "--migrations", INI, "--json", cwd=coaching).stdout)
    assert (clean["drift"], clean["findings"], clean["counts"]) == (False, [], {})


def _fails_with(project, *args: str, message: str) -> str:
    result = run_docgen("drift", *args, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("docgen: error: "), result.stderr
    assert message in lines[0], lines[0]
    return lines[0]


def test_alembic_ini_missing(coaching):
    _fails_with(coaching, "--migrations", "nowhere/alembic.ini", message="alembic config nowhere/alembic.ini not found")


def test_broken_script_location(coaching):
    ini = coaching / INI
    ini.write_text(ini.read_text().replace("%(here)s/migrations", "%(here)s/no_such_dir"))
    line = _fails_with(coaching, "--migrations", INI, message="coaching/alembic.ini: broken script_location: ")
    assert "no_such_dir" in line


def test_a_script_location_without_env_py_is_an_error_not_zero_migrations(coaching):
    (coaching / "coaching" / "migrations" / "env.py").unlink()
    line = _fails_with(coaching, "--migrations", INI, message="has no env.py")
    assert str(coaching / "coaching" / "migrations") in line


def test_a_script_location_without_revisions_is_an_error_not_every_table_missing(coaching):
    shutil.rmtree(coaching / "coaching" / "migrations" / "versions")
    (coaching / "coaching" / "migrations" / "versions").mkdir()
    _fails_with(coaching, "--migrations", INI, message="has no revisions (looked in ")


def test_a_failing_migration_is_named_with_its_error(coaching):
    versions = coaching / "coaching" / "migrations" / "versions"
    (versions / "006_broken.py").write_text(
        '"""Add reminders back.\n"""\nfrom alembic import op\n\nrevision = "006"\ndown_revision = "005"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        '    op.execute("CREATE TABLEX reminders (id INTEGER PRIMARY KEY)")\n'
    )
    line = _fails_with(coaching, "--migrations", INI, message="migration 006 (Add reminders back) failed: ")
    assert line.endswith('failed: OperationalError: near "TABLEX": syntax error')


def test_a_failing_env_py_is_blamed_not_the_revision(coaching):
    env = coaching / "coaching" / "migrations" / "env.py"
    env.write_text(env.read_text().replace("from coaching.models import Base", "from coaching.modelz import Base"))
    _fails_with(coaching, "--migrations", INI,
                message="coaching/alembic.ini: running env.py failed: ModuleNotFoundError: "
                "No module named 'coaching.modelz'")


def test_an_env_py_that_migrates_another_database_is_an_error(coaching, tmp_path):
    env = coaching / "coaching" / "migrations" / "env.py"
    elsewhere = tmp_path / "elsewhere.db"
    text = env.read_text().replace('connection = config.attributes.get("connection")', "connection = None")
    text = text.replace('engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",',
                        f'engine = engine_from_config({{"sqlalchemy.url": "sqlite:///{elsewhere}"}}, prefix="sqlalchemy.",')
    env.write_text(text)
    _fails_with(coaching, "--migrations", INI, message="coaching/alembic.ini: env.py did not migrate the database "
                "docgen gave it; it must use config.attributes['connection'] or the sqlalchemy.url option")


def test_a_failing_migration_on_postgresql(coaching, pg_server):
    versions = coaching / "coaching" / "migrations" / "versions"
    (versions / "006_broken.py").write_text(
        '"""Index a column that does not exist."""\nfrom alembic import op\n\nrevision = "006"\n'
        'down_revision = "005"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n'
        '    op.create_index("ix_goals_nope", "goals", ["nope"])\n'
    )
    before = _databases(pg_server)
    line = _fails_with(coaching, "--migrations", INI, "--database-url", pg_server.url(),
                       message="migration 006 (Index a column that does not exist) failed: UndefinedColumn: ")
    assert 'column "nope" does not exist' in line
    assert _databases(pg_server) == before


def test_unknown_revision_and_misused_options(coaching, tmp_path):
    _fails_with(coaching, "--migrations", INI, "--revision", "999", message="coaching/alembic.ini: unknown revision '999'")
    _fails_with(coaching, "--revision", "002", message="--revision needs --migrations")
    _fails_with(coaching, message="drift needs a database: pass --database-url URL or --migrations")
    _fails_with(coaching, "--migrations", INI, "--database-url", f"sqlite:///{tmp_path / 'x.db'}",
                message="with --migrations, --database-url names a PostgreSQL server")


def test_the_guide_shows_the_real_output_at_002_and_005():
    """docs/drift.md quotes `docgen drift` on the example verbatim; this keeps it true."""
    guide = (REPO / "docs" / "drift.md").read_text()
    for revision, code in (("002", 1), ("005", 0)):
        result = run_docgen("drift", "--migrations", "examples/coaching/alembic.ini", "--revision", revision, cwd=REPO)
        assert result.returncode == code, result.stdout + result.stderr
        assert result.stdout in guide, f"docs/drift.md does not show the output at {revision}"


def test_example_database_file_is_not_created_by_drift(coaching):
    shutil.rmtree(coaching / "coaching" / "__pycache__", ignore_errors=True)
    assert run_docgen("drift", "--migrations", INI, cwd=coaching).returncode == 0
    assert not (coaching / "coaching" / "coaching.db").exists()  # the ini's own sqlalchemy.url is never used


def test_drift_compares_the_schemas_the_models_use_unless_schema_names_others(tmp_path, pg_url):
    """By default the models' schemas (public and reporting), not scratch; --schema names them instead."""
    from conftest import write_project

    project = write_project(tmp_path / "p", 'models = "app.models:metadata"', {
        "app/__init__.py": "",
        "app/models.py": (
            "import sqlalchemy as sa\n"
            "metadata = sa.MetaData()\n"
            "users = sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
            "daily = sa.Table('daily', metadata, sa.Column('id', sa.Integer, primary_key=True),\n"
            "    sa.Column('user_id', sa.ForeignKey('users.id')), schema='reporting')\n"
        ),
    })
    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE SCHEMA reporting")
        connection.exec_driver_sql("CREATE SCHEMA scratch")
        connection.exec_driver_sql("CREATE TABLE users (id serial PRIMARY KEY)")
        connection.exec_driver_sql("CREATE TABLE reporting.daily (id serial PRIMARY KEY, user_id integer REFERENCES users (id))")
        connection.exec_driver_sql("CREATE TABLE scratch.junk (id integer)")
    engine.dispose()
    by_default = run_docgen("drift", "--database-url", pg_url, cwd=project)
    assert by_default.returncode == 0, by_default.stdout + by_default.stderr
    assert "no drift" in by_default.stdout and "junk" not in by_default.stdout
    both = run_docgen("drift", "--database-url", pg_url, "--schema", "public", "--schema", "reporting", cwd=project)
    assert both.returncode == 0, both.stdout + both.stderr
    public_only = run_docgen("drift", "--database-url", pg_url, "--schema", "public", cwd=project)
    assert public_only.returncode == 1
    assert "tables only in the models (1): reporting.daily" in public_only.stdout
