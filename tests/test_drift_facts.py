"""`docgen drift` compares every fact the docs show that the database reports, one line per difference.

The database is created from a drifted copy of the models: a foreign key's ON DELETE and ON UPDATE, a UNIQUE's
columns, a column-level CHECK gone, a partial index without its WHERE, another index method, another expression,
another fillfactor (the index's definition: the same index as PostgreSQL reports it, ``ON public.items USING
btree ... WITH (fillfactor='70')``, is no drift).
On PostgreSQL and SQLite, as far as each reports the fact (SQLite has no index methods and does not
reflect expression indexes).
"""

from __future__ import annotations

import json

from conftest import create_from_models, run_docgen, write_project

MODELS = '''\
import sqlalchemy as sa

DRIFTED = {drifted}
metadata = sa.MetaData()
owners = sa.Table("owners", metadata, sa.Column("id", sa.Integer, primary_key=True))
items = sa.Table("items", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id", name="fk_items_owner",
                                                    ondelete="SET NULL" if DRIFTED else "CASCADE")),
    sa.Column("maker_id", sa.Integer, sa.ForeignKey("owners.id", ondelete="CASCADE",
                                                    onupdate="CASCADE" if DRIFTED else None)),
    sa.Column("sku", sa.String(20), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("qty", sa.Integer, *([] if DRIFTED else [sa.CheckConstraint("qty >= 0", name="ck_items_qty")])),
    sa.Column("deleted_at", sa.DateTime),
    sa.UniqueConstraint("sku", *([] if DRIFTED else ["owner_id"]), name="uq_items_sku"),
)
live = None if DRIFTED else items.c.deleted_at.is_(None)
sa.Index("ix_items_live_sku", items.c.sku, sqlite_where=live, postgresql_where=live)
active = items.c.status == "active"
sa.Index("ix_items_active", items.c.owner_id, sqlite_where=active, postgresql_where=active)
sa.Index("ix_items_owner", items.c.owner_id, postgresql_using="btree" if DRIFTED else "hash")
sa.Index("ix_items_lower_sku", (sa.func.upper if DRIFTED else sa.func.lower)(items.c.sku))
sa.Index("ix_items_status", items.c.status, postgresql_with={{"fillfactor": 80 if DRIFTED else 70}})
'''


def _drift_against(tmp_path, url: str, *, drifted: bool):
    project = write_project(tmp_path / "facts", 'models = "facts:metadata"', {"facts.py": MODELS.format(drifted=False)})
    create_from_models(MODELS.format(drifted=drifted), url)
    return run_docgen("drift", "--database-url", url, cwd=project)


def test_in_sync_partial_indexes_methods_and_expressions_are_no_drift_on_postgresql(tmp_path, pg_url):
    result = _drift_against(tmp_path, pg_url, drifted=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no drift" in result.stdout


def test_each_fact_that_differs_is_one_line_on_postgresql(tmp_path, pg_url):
    result = _drift_against(tmp_path, pg_url, drifted=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.split("items:\n", 1)[1] == (
        "  foreign key differs: fk_items_owner: models (owner_id) → owners(id) ON DELETE CASCADE, "
        "database (owner_id) → owners(id) ON DELETE SET NULL\n"
        "  foreign key differs: items_maker_id_fkey: models (maker_id) → owners(id) ON DELETE CASCADE, "
        "database (maker_id) → owners(id) ON DELETE CASCADE ON UPDATE CASCADE\n"
        "  unique constraint differs: uq_items_sku: models (sku, owner_id), database (sku)\n"
        "  index differs: ix_items_lower_sku: models (lower(sku)), database (upper(sku::text))\n"
        "  partial-index WHERE differs: ix_items_live_sku: models deleted_at IS NULL, database (none)\n"
        "  index method differs: ix_items_owner: models hash, database btree\n"
        "  index definition differs: ix_items_status: models CREATE INDEX ix_items_status ON items (status) "
        "WITH (fillfactor = 70), database CREATE INDEX ix_items_status ON public.items USING btree (status) "
        "WITH (fillfactor='80')\n"
        "  check constraint missing in the database: ck_items_qty: qty >= 0\n"
        "drift: 8 difference(s) in 1 table(s)\n"
    )


def test_each_fact_sqlite_reports_is_compared_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'facts.db'}"
    assert _drift_against(tmp_path / "clean", f"sqlite:///{tmp_path / 'clean.db'}", drifted=False).returncode == 0
    result = _drift_against(tmp_path, url, drifted=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.split("items:\n", 1)[1] == (
        "  foreign key differs: models (maker_id) → owners(id) ON DELETE CASCADE, "
        "database (maker_id) → owners(id) ON DELETE CASCADE ON UPDATE CASCADE\n"  # unnamed: the same columns
        "  foreign key differs: fk_items_owner: models (owner_id) → owners(id) ON DELETE CASCADE, "
        "database (owner_id) → owners(id) ON DELETE SET NULL\n"
        "  unique constraint differs: uq_items_sku: models (sku, owner_id), database (sku)\n"
        "  partial-index WHERE differs: ix_items_live_sku: models deleted_at IS NULL, database (none)\n"
        "  check constraint missing in the database: ck_items_qty: qty >= 0\n"
        "drift: 5 difference(s) in 1 table(s)\n"
    )




DOTTED = '''\
import sqlalchemy as sa
metadata = sa.MetaData()
for name in ("v1.items", "items"):
    sa.Table(name, metadata, sa.Column("status", sa.String(10), sa.CheckConstraint("status IN ('a', 'b')")))
'''


def test_a_column_check_is_the_one_postgresql_named_after_the_table_whose_name_holds_a_dot(tmp_path, pg_url):
    """PostgreSQL rewrites an IN list (``= ANY (ARRAY[...])``) and names an unnamed column-level CHECK
    ``<table>_<column>_check`` after the table's whole name, dots and all: that CHECK is the models' one."""
    project = write_project(tmp_path / "dotted", 'models = "dotted:metadata"', {"dotted.py": DOTTED})
    create_from_models(DOTTED, pg_url)
    result = run_docgen("drift", "--database-url", pg_url, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no drift" in result.stdout


IN_A_SCHEMA = '''\
import sqlalchemy as sa
metadata = sa.MetaData(schema="shop")
owners = sa.Table("owners", metadata, sa.Column("id", sa.Integer, primary_key=True))
sa.Table("items", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("owner_id", sa.Integer, sa.ForeignKey("shop.owners.id", ondelete="no action")),
         sa.Column("sku", sa.String(10), comment="stock keeping unit"),
         sa.Column("stamped_at", sa.DateTime(timezone=True)), sa.Column("note", sa.Text), comment="Things for sale")
sa.Index("ix_items_sku_or_none", sa.func.coalesce(metadata.tables["shop.items"].c.sku, "none"))
sa.Table("calendar_events", metadata, sa.Column("id", sa.Integer, primary_key=True))
'''


def test_what_is_in_a_schema_is_named_with_it_on_postgresql(tmp_path, pg_server, pg_url):
    """A foreign key's target, a rename hint, columns, table comments, a UNIQUE, indexes, a CHECK and a type of the
    database, all in schema ``shop``; an ON DELETE NO ACTION said in the models is what goes without saying."""
    project = write_project(tmp_path / "schema", 'models = "in_shop:metadata"', {"in_shop.py": IN_A_SCHEMA})
    database = pg_url.rsplit("/", 1)[1]
    pg_server.execute("CREATE SCHEMA shop; CREATE TABLE shop.owners (id integer PRIMARY KEY);"
                      "CREATE TABLE shop.items (id integer PRIMARY KEY, owner_id integer, sku varchar(10), "
                      "stamped_at timestamp, legacy text, CONSTRAINT ck_items_id CHECK (id > 0),"
                      " CONSTRAINT uq_items_sku UNIQUE (sku));"
                      "CREATE INDEX ix_items_stamped ON shop.items (stamped_at);"
                      "COMMENT ON TABLE shop.owners IS 'People';"
                      "CREATE TABLE shop.calendar (id integer PRIMARY KEY);"
                      "CREATE DOMAIN shop.score AS integer CHECK (VALUE > 0);", database=database)
    result = run_docgen("drift", "--database-url", pg_url, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[2:] == [
        "tables only in the models (1): shop.calendar_events",
        "tables only in the database (1):",
        "  shop.calendar (looks like a rename of shop.calendar_events)",
        "shop.items:",
        "  column missing in the database: note TEXT NULL",
        "  column only in the database: legacy TEXT NULL",
        "  column type differs: stamped_at: models TIMESTAMP WITH TIME ZONE, database TIMESTAMP WITHOUT TIME ZONE",
        "  column comment differs: sku: models stock keeping unit, database (none)",
        "  table comment differs: shop.items: models Things for sale, database (none)",
        "  foreign key missing in the database: (owner_id) → shop.owners(id)",
        "  unique constraint only in the database: uq_items_sku (sku)",
        "  index missing in the database: ix_items_sku_or_none (coalesce(sku, 'none'))",  # as the docs show it
        "  index only in the database: ix_items_stamped (stamped_at)",
        "  check constraint only in the database: ck_items_id: id > 0",
        "shop.owners:",
        "  table comment differs: shop.owners: models (none), database People",  # what alembic does not say
        "shop.score:",
        "  type only in the database: domain integer",
        "drift: 14 difference(s) in 5 table(s)",
    ]
    only = run_docgen("drift", "--database-url", pg_url, "--include", "shop.items", "--format", "json", cwd=project)
    found = json.loads(only.stdout)
    assert found["tables_in_models"] == 1 and {f["table"] for f in found["findings"]} == {"shop.items"}
