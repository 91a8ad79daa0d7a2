"""Views, triggers, named types and sequences: from a live PostgreSQL and SQLite database and from the models.

Each is documented where a reader looks for it: a view gets its own page
(marked as a view, its definition, the tables it reads as links, a box in the
diagrams with dashed "reads" lines), a table's page lists the views reading
it and its triggers, the index lists the named types and sequences.
"""

from __future__ import annotations

import json
import sqlite3
import textwrap

import pytest
from sqlalchemy.engine import make_url
from conftest import docgen_in_process, run_docgen

SQLITE_SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total NUMERIC);
CREATE VIEW big_orders AS
  WITH big AS (SELECT * FROM orders WHERE total > 100)
  SELECT big.id, u.name, 'FROM payments' AS note FROM big JOIN Users u ON u.id = big.user_id;
CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN UPDATE users SET name = name WHERE id = NEW.user_id; END;
"""


def _inspect(project, *source: str) -> dict:
    result = run_docgen("inspect", "--json", *source, cwd=project)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _sqlite(tmp_path, script: str = SQLITE_SCHEMA) -> str:
    connection = sqlite3.connect(tmp_path / "app.db")
    connection.executescript(script)
    connection.close()
    return f"sqlite:///{tmp_path / 'app.db'}"


def test_a_sqlite_view_and_trigger_are_documented(tmp_path):
    url = _sqlite(tmp_path)
    data = _inspect(tmp_path, "--database-url", url)
    tables = {t["name"]: t for t in data["tables"]}
    view = tables["big_orders"]
    assert view["kind"] == "view"
    assert [c["name"] for c in view["columns"]] == ["id", "name", "note"]
    assert view["definition"].startswith("CREATE VIEW big_orders AS")
    # parsed: the WITH name is no table, a string is no table, "Users" is the table users
    assert view["reads"] == ["orders", "users"]
    assert tables["orders"]["kind"] == "table"
    [trigger] = tables["orders"]["triggers"]
    assert (trigger["name"], trigger["timing"], trigger["events"]) == ("orders_touch", "AFTER", ["INSERT"])
    assert "UPDATE users SET name" in trigger["definition"]

    result = run_docgen("build", "--database-url", url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "schema" / "big_orders.md").read_text()
    assert "View. It reads:\n\n- [orders](orders.md)\n- [users](users.md)\n" in page
    assert "## Definition\n\n```{.sql .no-copy}\nCREATE VIEW big_orders AS" in page
    assert '"orders" }o..o{ "big_orders" : "reads"' in page
    assert '"big_orders" {\n        VIEW kind\n' in page
    orders = (tmp_path / "schema" / "orders.md").read_text()
    assert "## Read by views\n\n| View | Kind |\n| --- | --- |\n| [big_orders](big_orders.md) | view |" in orders
    assert "| orders_touch | AFTER | INSERT |" in orders
    index = (tmp_path / "schema" / "index.md").read_text()
    assert "| [big_orders](big_orders.md) (view) | 3 |" in index
    assert run_docgen("check", "--database-url", url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                      cwd=tmp_path).returncode == 0


def test_hostile_view_names_and_definitions_stay_text(tmp_path):
    url = _sqlite(tmp_path, textwrap.dedent('''
        CREATE TABLE "t|<b>" (id INTEGER PRIMARY KEY);
        CREATE VIEW "</title><script>alert(1)</script>" AS SELECT id,
        '```
        <!-- docgen:table t -->
        <!-- docgen:end -->' AS x FROM "t|<b>";
        CREATE TRIGGER "tr|<i>" BEFORE DELETE ON "t|<b>" BEGIN SELECT '````'; END;
    '''))
    result = run_docgen("build", "--database-url", url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = (tmp_path / "SCHEMA.md").read_text()
    assert "[&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;](#" in document
    assert "\n````{.sql .no-copy}\nCREATE VIEW" in document  # a fence longer than the backticks it holds
    assert "\n <!-- docgen:table t -->\n" in document  # no line that starts a section of the document
    assert "\n`````{.sql .no-copy}\nCREATE TRIGGER" in document
    assert "| tr\\|&lt;i&gt; | BEFORE | DELETE |" in document
    page = next(p for p in (tmp_path / "schema").iterdir() if "title" in p.name)
    assert "title: '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'" in page.read_text()
    check = run_docgen("check", "--database-url", url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                       cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


PG_SCHEMA = """
CREATE TYPE mood AS ENUM ('low', 'it''s ok', 'high');
CREATE DOMAIN score AS integer NOT NULL CHECK (VALUE BETWEEN 1 AND 10);
CREATE TABLE users (id serial PRIMARY KEY, name text, mood mood);
CREATE TABLE checkins (id serial PRIMARY KEY, user_id integer REFERENCES users(id), rating score, updated_at timestamptz);
CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;
CREATE VIEW happy_users AS SELECT u.id, u.name FROM users u WHERE u.mood = 'high';
CREATE MATERIALIZED VIEW ratings AS SELECT h.id, avg(c.rating) AS average
  FROM happy_users h JOIN checkins c ON c.user_id = h.id GROUP BY h.id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER checkins_touch BEFORE INSERT OR UPDATE ON checkins FOR EACH ROW EXECUTE FUNCTION touch();
"""


def test_a_postgresql_database_is_documented_with_every_object(tmp_path, pg_server, pg_url):
    pg_server.execute(PG_SCHEMA, database=pg_url.rsplit("/", 1)[1])
    data = _inspect(tmp_path, "--database-url", pg_url)
    tables = {t["name"]: t for t in data["tables"]}
    assert (tables["happy_users"]["kind"], tables["happy_users"]["reads"]) == ("view", ["users"])
    assert "WHERE u.mood = 'high'::mood" in tables["happy_users"]["definition"]
    assert (tables["ratings"]["kind"], tables["ratings"]["reads"]) == ("materialized view", ["checkins", "happy_users"])
    [trigger] = tables["checkins"]["triggers"]
    assert (trigger["name"], trigger["timing"], trigger["events"]) == ("checkins_touch", "BEFORE", ["INSERT", "UPDATE"])
    assert trigger["definition"].startswith("CREATE TRIGGER checkins_touch BEFORE INSERT OR UPDATE ON")
    assert "NEW.updated_at := now()" in trigger["function"]
    types = {t["name"]: t for t in data["types"]}
    assert (types["mood"]["kind"], types["mood"]["values"], types["mood"]["columns"]) == (
        "enum", ["low", "it's ok", "high"], [["users", "mood"]])
    assert tables["users"]["columns"][2]["type"] == "ENUM mood ('low', 'it''s ok', 'high')"  # SQL's quoting
    assert (types["score"]["kind"], types["score"]["base"], types["score"]["columns"]) == (
        "domain", "integer NOT NULL", [["checkins", "rating"]])
    assert types["score"]["checks"] == ["CHECK (VALUE >= 1 AND VALUE <= 10)"]
    sequences = {s["name"]: s for s in data["sequences"]}
    assert sequences["users_id_seq"]["owner"] == ["users", "id"]
    assert (sequences["invoice_numbers"]["owner"], sequences["invoice_numbers"]["start"],
            sequences["invoice_numbers"]["increment"]) == (None, 1000, 10)

    result = run_docgen("build", "--database-url", pg_url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "schema" / "index.md").read_text()
    assert "| mood | enum | 'low', 'it''s ok', 'high' | [users.mood](users.md#users.mood) |" in index
    assert "| users_id_seq | [users.id](users.md#users.id) | 1 | 1 |" in index
    assert "Materialized view. It reads:\n\n- [checkins](checkins.md)\n- [happy_users](happy_users.md)\n" in (
        tmp_path / "schema" / "ratings.md").read_text()


def test_a_role_allowed_one_connection_still_gets_every_object(tmp_path, pg_server, pg_url):
    """docgen reads the catalog on a second connection while it reflects the tables; a role the server allows
    one connection only (CONNECTION LIMIT 1) gets the same documentation, read on the one connection."""
    database = pg_url.rsplit("/", 1)[1]
    pg_server.execute(PG_SCHEMA + "CREATE ROLE solo LOGIN PASSWORD 'solo-pw' CONNECTION LIMIT 1;", database=database)
    solo_url = make_url(pg_url).set(username="solo", password="solo-pw").render_as_string(hide_password=False)
    assert _inspect(tmp_path, "--database-url", solo_url) == _inspect(tmp_path, "--database-url", pg_url)


def _more_tables(count: int, start: int) -> str:
    """``count`` tables with every kind of fact a table can hold, a trigger and a view each."""
    return "".join(f"""
CREATE TABLE t{i} (id serial PRIMARY KEY, user_id integer REFERENCES users(id) ON DELETE CASCADE,
  n integer CHECK (n > 0) UNIQUE, note text, updated_at timestamptz);
CREATE INDEX t{i}_note ON t{i} (note text_pattern_ops) WHERE note IS NOT NULL;
COMMENT ON TABLE t{i} IS 'table {i}';
COMMENT ON COLUMN t{i}.n IS 'n of {i}';
CREATE TRIGGER t{i}_touch BEFORE UPDATE ON t{i} FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW v{i} AS SELECT id, n FROM t{i};
""" for i in range(start, start + count))


def _statements_beyond_reflection(url: str, project, monkeypatch) -> int:
    """How many more statements ``docgen inspect`` sends to the database than SQLAlchemy's own reflection of it."""
    import sqlalchemy as sa
    from sqlalchemy.engine import Engine

    sent = []

    def count(*_args) -> None:
        sent.append(1)

    sa.event.listen(Engine, "before_cursor_execute", count)
    try:
        result = docgen_in_process("inspect", "--json", "--database-url", url, cwd=project, monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
        by_docgen = len(sent)
        engine = sa.create_engine(url)
        sa.MetaData().reflect(engine, views=True)
        engine.dispose()
    finally:
        sa.event.remove(Engine, "before_cursor_execute", count)
    return by_docgen - (len(sent) - by_docgen)


def test_reading_a_postgresql_database_costs_a_fixed_number_of_queries_beyond_reflection_at_any_size(
        tmp_path, pg_server, pg_url, monkeypatch):
    """One query per kind of object per schema, never one per table: 40 more tables (each with its FK, CHECK,
    UNIQUE, partial index, comments, trigger and view) cost docgen no statement more than SQLAlchemy's own
    reflection of them."""
    database = pg_url.rsplit("/", 1)[1]
    pg_server.execute(PG_SCHEMA + _more_tables(2, 0), database=database)
    small = _statements_beyond_reflection(pg_url, tmp_path, monkeypatch)
    pg_server.execute(_more_tables(40, 2), database=database)
    assert _statements_beyond_reflection(pg_url, tmp_path, monkeypatch) == small


@pytest.fixture
def view_models(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent('''
        import sqlalchemy as sa
        from sqlalchemy import DDL, event

        metadata = sa.MetaData()
        users = sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True),
                         sa.Column("active", sa.Boolean))
        event.listen(users, "after_create", DDL(
            "CREATE TRIGGER users_guard BEFORE DELETE ON %(table)s BEGIN SELECT RAISE(ABORT, 'no'); END"
        ).execute_if(dialect="sqlite"))
        active_users = sa.Table("active_users", metadata, sa.Column("id", sa.Integer),
                                info={"docgen": {"view": "SELECT id FROM users WHERE active"}})
    '''))
    return tmp_path


def test_views_and_triggers_declared_in_the_models(view_models):
    data = _inspect(view_models, "--models", "app.models:metadata", "--dialect", "sqlite")
    tables = {t["name"]: t for t in data["tables"]}
    assert (tables["active_users"]["kind"], tables["active_users"]["reads"]) == ("view", ["users"])
    [trigger] = tables["users"]["triggers"]
    assert (trigger["name"], trigger["timing"], trigger["events"]) == ("users_guard", "BEFORE", ["DELETE"])
    assert "ON users BEGIN" in trigger["definition"]
    # the trigger is SQLite's: another dialect's documentation does not show it
    other = _inspect(view_models, "--models", "app.models:metadata", "--dialect", "postgresql")
    assert [t["triggers"] for t in other["tables"]] == [[], []]


def test_drift_compares_views_by_name_and_leaves_them_out_of_the_tables(view_models):
    url = _sqlite(view_models, """
        CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, active BOOLEAN);
        CREATE VIEW inactive_users AS SELECT id FROM users WHERE NOT active;
    """)
    result = run_docgen("drift", "--models", "app.models:metadata", "--database-url", url, "--format", "json",
                        cwd=view_models)
    assert result.returncode == 1, result.stderr
    findings = {(f["kind"], f["table"]) for f in json.loads(result.stdout)["findings"]}
    assert findings == {("missing_view", "active_users"), ("extra_view", "inactive_users")}


def test_lint_does_not_ask_a_view_for_keys(view_models):
    result = run_docgen("lint", "--models", "app.models:metadata", "--format", "json", cwd=view_models)
    found = {(f["rule"], f["table"]) for f in json.loads(result.stdout)["findings"]}
    assert ("no-primary-key", "active_users") not in found
    assert ("table-description", "active_users") in found  # a view is documented like a table


MARIADB_SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100), mood ENUM('low', 'high'));
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total DECIMAL(10, 2),
                     FOREIGN KEY (user_id) REFERENCES users (id));
CREATE VIEW big_orders AS SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.user_id WHERE o.total > 100;
CREATE TRIGGER orders_total BEFORE INSERT ON orders FOR EACH ROW SET NEW.total = GREATEST(NEW.total, 0);
"""


def test_a_mariadb_database_is_documented_with_its_views_and_triggers(tmp_path, mariadb_server, mariadb_url):
    mariadb_server.execute(MARIADB_SCHEMA, database=mariadb_url.rsplit("/", 1)[1])
    data = _inspect(tmp_path, "--database-url", mariadb_url)
    tables = {t["name"]: t for t in data["tables"]}
    view = tables["big_orders"]
    assert (view["kind"], view["reads"], [c["name"] for c in view["columns"]]) == ("view", ["orders", "users"],
                                                                                  ["id", "name"])
    assert view["definition"].startswith("select ")
    [trigger] = tables["orders"]["triggers"]
    assert (trigger["name"], trigger["timing"], trigger["events"]) == ("orders_total", "BEFORE", ["INSERT"])
    assert "GREATEST" in trigger["definition"].upper()
    assert tables["users"]["columns"][2]["type"] == "ENUM('low','high')"  # inline: no named type
    assert data["types"] == []
    assert [(f["columns"], f["target_table"]) for f in tables["orders"]["foreign_keys"]] == [(["user_id"], "users")]
    result = run_docgen("build", "--database-url", mariadb_url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "View. It reads:\n\n- [orders](orders.md)\n- [users](users.md)\n" in (tmp_path / "schema" / "big_orders.md").read_text()
    assert run_docgen("check", "--database-url", mariadb_url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                      cwd=tmp_path).returncode == 0


def test_drift_against_mariadb_finds_a_missing_view(view_models, mariadb_server, mariadb_url):
    mariadb_server.execute("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, active BOOL)",
                           database=mariadb_url.rsplit("/", 1)[1])
    result = run_docgen("drift", "--models", "app.models:metadata", "--database-url", mariadb_url,
                        "--format", "json", cwd=view_models)
    findings = {(f["kind"], f["table"]) for f in json.loads(result.stdout)["findings"]}
    assert findings == {("missing_view", "active_users")}, result.stdout + result.stderr


PARTITIONED = '''
import sqlalchemy as sa

metadata = sa.MetaData()
users = sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True))
events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("user_id", sa.ForeignKey("users.id")),
    postgresql_partition_by="RANGE (at)",
)
'''
PARTITIONS = """
CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE "events|x" PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE events_2026_03 PARTITION OF events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01') PARTITION BY HASH (id);
CREATE TABLE events_2026_03_a PARTITION OF events_2026_03 FOR VALUES WITH (MODULUS 1, REMAINDER 0);
CREATE TABLE events_default PARTITION OF events DEFAULT;
"""


def test_a_partitioned_postgresql_table_is_documented_with_its_partitions_which_are_no_tables(
        tmp_path, pg_server, pg_url):
    """Partitions (made by migrations or a partition manager, by the dozen) are listed with their table and
    its partition key, not documented as tables nor reported by drift as tables the models lack; drift compares
    the partition key, diff the partitions too."""
    project = tmp_path / "timeline"
    project.mkdir()
    (project / "timeline.py").write_text(PARTITIONED)
    models = {t["name"]: t for t in _inspect(project, "--models", "timeline:metadata", "--dialect",
                                               "postgresql")["tables"]}
    assert (models["events"]["partition_key"], models["events"]["partitions"]) == ("RANGE (at)", [])
    generic = {t["name"]: t for t in _inspect(project, "--models", "timeline:metadata")["tables"]}
    assert generic["events"]["partition_key"] is None  # only PostgreSQL's DDL writes it

    import sqlalchemy as sa
    from docgen.sources.models import load_models

    engine = sa.create_engine(pg_url)
    load_models("timeline:metadata", project).metadata.create_all(engine)
    engine.dispose()
    database = pg_url.rsplit("/", 1)[1]
    (project / "before.json").write_text(json.dumps(_inspect(project, "--database-url", pg_url)))
    pg_server.execute(PARTITIONS, database=database)
    drift = run_docgen("drift", "--models", "timeline:metadata", "--database-url", pg_url, cwd=project)
    assert drift.returncode == 0, drift.stdout + drift.stderr
    (project / "by_kind.py").write_text(PARTITIONED.replace('"RANGE (at)"', '"LIST (kind)"'))
    drift = run_docgen("drift", "--models", "by_kind:metadata", "--database-url", pg_url, cwd=project)
    assert drift.stdout.splitlines()[2:] == ["events:", "  partition key differs: events: models LIST (kind), "
                                             "database RANGE (at)", "drift: 1 difference(s) in 1 table(s)"]
    diff = run_docgen("diff", "before.json", pg_url, cwd=project)
    assert diff.stdout.splitlines()[2:] == [
        "events: partition added: events_2026_01 FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')",
        "events: partition added: events_2026_03 FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00')",
        "events: partition added: events_2026_03_a PARTITION OF events_2026_03 FOR VALUES WITH (modulus 1, remainder 0)",
        "events: partition added: events_default DEFAULT",
        "events: partition added: events|x FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')",
        "diff: 5 change(s) in 1 table(s)"]

    pg_server.execute("CREATE TABLE audits (id serial PRIMARY KEY, event_id bigint, at timestamptz, "
                      "FOREIGN KEY (event_id, at) REFERENCES events_default (id, at));", database=database)
    tables = {t["name"]: t for t in _inspect(project, "--database-url", pg_url)["tables"]}
    assert sorted(tables) == ["audits", "events", "events_default", "users"]  # a foreign key's target stays
    assert tables["events"]["partition_key"] == "RANGE (at)"
    assert [(p["name"], p["bound"], p["parent"]) for p in tables["events"]["partitions"]] == [
        ("events_2026_01", "FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')", None),
        ("events_2026_03", "FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00')", None),
        ("events_2026_03_a", "FOR VALUES WITH (modulus 1, remainder 0)", "events_2026_03"),
        ("events_default", "DEFAULT", None),
        ("events|x", "FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')", None),
    ]
    result = run_docgen("build", "--database-url", pg_url, "--pages-dir", "schema", "--output", "SCHEMA.md",
                        cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "schema").glob("*.md")) == [
        "audits.md", "events.md", "events_default.md", "index.md", "users.md"]
    page = (project / "schema" / "events.md").read_text()
    assert "## Partitions\n\nPartitioned by RANGE (at).\n\n| Partition | Bound | Partition of |\n" in page
    assert "| events_2026_03_a | FOR VALUES WITH (modulus 1, remainder 0) | events_2026_03 |\n" in page
    assert "| [events_default](events_default.md) | DEFAULT |  |\n" in page
    assert "| events\\|x | FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00') |  |\n" in page


PARTITIONED_IN_A_SCHEMA = '''
import sqlalchemy as sa

metadata = sa.MetaData(schema="shop")
sa.Table("events", metadata, sa.Column("id", sa.BigInteger, primary_key=True),
         sa.Column("at", sa.DateTime(timezone=True), primary_key=True), postgresql_partition_by="RANGE (at)")
'''


def test_a_partition_in_a_schema_is_no_table_the_models_lack(tmp_path, pg_server, pg_url):
    from conftest import create_from_models

    project = tmp_path / "shop"
    project.mkdir()
    (project / "shop_models.py").write_text(PARTITIONED_IN_A_SCHEMA)
    database = pg_url.rsplit("/", 1)[1]
    pg_server.execute("CREATE SCHEMA shop;", database=database)
    create_from_models(PARTITIONED_IN_A_SCHEMA, pg_url)
    pg_server.execute("CREATE TABLE shop.events_2026 PARTITION OF shop.events "
                      "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');", database=database)
    drift = run_docgen("drift", "--models", "shop_models:metadata", "--database-url", pg_url, cwd=project)
    assert drift.returncode == 0, drift.stdout + drift.stderr


INDEXED = '''
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()
docs = sa.Table(
    "docs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("tags", postgresql.JSONB),
    sa.Column("slug", sa.String(50)),
    sa.Column("title", sa.String(50)),
    sa.PrimaryKeyConstraint("id", name="docs_pk"),
    sa.Index("ix_docs_tags", "tags", postgresql_using="gin", postgresql_ops={"tags": "jsonb_path_ops"},
             postgresql_with={"fastupdate": "off"}),
    sa.Index("ix_docs_slug", "slug", unique=True, postgresql_nulls_not_distinct=True),
    sa.Index("ix_docs_title", "title", postgresql_where=sa.text("title IS NOT NULL")),
    sa.Index("ix_docs_title_pattern", "title", postgresql_ops={"title": "text_pattern_ops"},
             postgresql_with={"fillfactor": 70}, postgresql_where=sa.text("slug > 'a'")),
)
'''


def test_index_definitions_and_constraint_names_as_postgresql_creates_and_reports_them(tmp_path, pg_url):
    project = tmp_path / "indexed"
    project.mkdir()
    (project / "indexed.py").write_text(INDEXED)
    modelled = _inspect(project, "--models", "indexed:metadata", "--dialect", "postgresql")["tables"][0]
    assert modelled["primary_key_name"] == "docs_pk"
    assert {i["name"]: i["definition"] for i in modelled["indexes"]} == {
        "ix_docs_slug": "CREATE UNIQUE INDEX ix_docs_slug ON docs (slug) NULLS NOT DISTINCT",
        "ix_docs_tags": "CREATE INDEX ix_docs_tags ON docs USING gin (tags jsonb_path_ops) WITH (fastupdate = off)",
        "ix_docs_title": None,  # its columns, method and WHERE say all the definition would
        "ix_docs_title_pattern":
            "CREATE INDEX ix_docs_title_pattern ON docs (title text_pattern_ops) WITH (fillfactor = 70) WHERE slug > 'a'",
    }
    generic = _inspect(project, "--models", "indexed:metadata")["tables"][0]  # no dialect: labelled by dialect
    assert {i["name"]: i["definition"] for i in generic["indexes"]}["ix_docs_slug"] == (
        "postgresql: CREATE UNIQUE INDEX ix_docs_slug ON docs (slug) NULLS NOT DISTINCT")
    run_docgen("build", "--models", "indexed:metadata", "--dialect", "postgresql", "--output", "SCHEMA.md",
               "--no-pages", cwd=project)
    document = (project / "SCHEMA.md").read_text()
    assert "Primary key: docs_pk (id)." in document
    assert "| CREATE INDEX ix_docs_tags ON docs USING gin (tags jsonb_path_ops) WITH (fastupdate = off) |" in document
    assert "| ix_docs_title | title | no | title IS NOT NULL |  |  |  |" in document

    import sqlalchemy as sa
    from docgen.sources.models import load_models

    engine = sa.create_engine(pg_url)
    load_models("indexed:metadata", project).metadata.create_all(engine)
    reflected = _inspect(project, "--database-url", pg_url)["tables"][0]
    assert reflected["primary_key_name"] == "docs_pk"
    assert {i["name"]: i["definition"] for i in reflected["indexes"]} == {
        "ix_docs_slug": "CREATE UNIQUE INDEX ix_docs_slug ON public.docs USING btree (slug) NULLS NOT DISTINCT",
        "ix_docs_tags": "CREATE INDEX ix_docs_tags ON public.docs USING gin (tags jsonb_path_ops) WITH (fastupdate=off)",
        "ix_docs_title": None,
        "ix_docs_title_pattern": "CREATE INDEX ix_docs_title_pattern ON public.docs USING btree (title text_pattern_ops)"
                                 " WITH (fillfactor='70') WHERE ((slug)::text > 'a'::text)",
    }
    # the two spellings of one index are no drift: pg_get_indexdef names the schema and the default method
    drift = run_docgen("drift", "--models", "indexed:metadata", "--database-url", pg_url, "--format", "json",
                       cwd=project)
    assert drift.returncode == 0, drift.stdout + drift.stderr
    (project / "before.json").write_text(run_docgen("inspect", "--json", "--database-url", pg_url, cwd=project).stdout)
    with engine.begin() as connection:  # the index loses its operator class and storage parameter
        connection.execute(sa.text("DROP INDEX ix_docs_tags; CREATE INDEX ix_docs_tags ON docs USING gin (tags);"
                                   "ALTER TABLE docs RENAME CONSTRAINT docs_pk TO docs_pkey"))
    (project / "after.json").write_text(run_docgen("inspect", "--json", "--database-url", pg_url, cwd=project).stdout)
    diff = run_docgen("diff", "before.json", "after.json", cwd=project)
    assert diff.stdout.splitlines()[2:-1] == [
        "docs: primary key: name docs_pk → docs_pkey",
        "docs: index ix_docs_tags: definition CREATE INDEX ix_docs_tags ON public.docs USING gin (tags jsonb_path_ops)"
        " WITH (fastupdate=off) → (none)"], diff.stdout + diff.stderr
    drift = run_docgen("drift", "--models", "indexed:metadata", "--database-url", pg_url, "--format", "json",
                       cwd=project)
    assert drift.returncode == 1, drift.stdout + drift.stderr
    assert [(f["kind"], f["name"], f["database"]) for f in json.loads(drift.stdout)["findings"]] == [
        ("index_definition", "ix_docs_tags", None)]
    engine.dispose()
