"""`docgen diff` names every fact the docs show that changed, one line each, whatever the source.

A snapshot of models (`docgen inspect --json`) against the models after an edit that changes every fact
of tables, columns, keys, constraints, indexes, triggers, named types and sequences; the reverse diff
says the opposite. Two SQLite databases for a view and a trigger as a database holds them. The comparison
is the one drift and history use (docgen/drift/changes.py); it runs in-process.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from conftest import docgen_in_process, write_project

from docgen.drift.changes import Change, table_changes
from docgen.model import Partition, Table

MODELS = '''\
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg

AFTER = {after}
metadata = sa.MetaData(naming_convention={{"pk": "pk_%(table_name)s"}})  # none for indexes: sa.Index(None, ...)
mood = sa.Enum("low", "high", *(["it's ok"] if AFTER else []), name="mood")
level = pg.DOMAIN("level", sa.SmallInteger, check="VALUE < 10") if AFTER else sa.Enum("a", "b", name="level")
score = pg.DOMAIN("score", sa.BigInteger if AFTER else sa.Integer, check="VALUE > 0" if AFTER else "VALUE >= 0")
sa.Sequence("invoice_numbers", start=500 if AFTER else 1000, increment=10 if AFTER else 1, metadata=metadata)
if AFTER:
    sa.Sequence("ticket_numbers", start=7, metadata=metadata)
    sa.Sequence("receipt_numbers", increment=5, metadata=metadata)
    sa.Sequence("bare_numbers", metadata=metadata)  # no fact of its own: the line ends at "added"
owners = sa.Table("owners", metadata,
    sa.Column("id", sa.Integer, sa.Sequence("owners_id_seq", metadata=None if AFTER else metadata)),
    sa.Column("code", sa.String(10)),
    sa.PrimaryKeyConstraint("id", name="pk_owners_v2" if AFTER else "pk_owners"))
if AFTER:
    sa.Sequence("owners_id_seq", metadata=metadata)
tags = sa.Table("tags", metadata, sa.Column("name", sa.Text, primary_key=AFTER), sa.Column("kind", sa.Text),
               postgresql_partition_by="LIST (kind)" if AFTER else "list(kind)")  # spelled otherwise: the same
links = sa.Table("links", metadata, sa.Column("a", sa.Integer, primary_key=True),
                 sa.Column("b", sa.Integer, primary_key=AFTER), postgresql_partition_by="HASH (a)" if AFTER else None)
items = sa.Table("items", metadata,
    sa.Column("id", sa.Integer, sa.Identity(start=1 if AFTER else 100), primary_key=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.code" if AFTER else "owners.id", name="fk_items_owner",
              ondelete="SET NULL" if AFTER else "CASCADE", onupdate="CASCADE" if AFTER else None,
              deferrable=AFTER)),
    sa.Column("maker_id", sa.Integer),
    sa.Column("buyer_id", sa.Integer, *([sa.ForeignKey("owners.id")] if AFTER else [])),
    sa.Column("sku", sa.String(20 if AFTER else 10), nullable=AFTER, server_default="none" if AFTER else "x",
              comment="stock keeping unit" if AFTER else "SKU"),
    sa.Column("code", sa.String(10)),
    sa.Column("created_at", sa.DateTime, server_default=sa.text("NOW()" if AFTER else "now()")),
    sa.Column("qty", sa.Integer, sa.Computed("id * 3" if AFTER else "id * 2")),
    sa.Column("price", sa.Numeric, *([] if AFTER else [sa.CheckConstraint("price >= 0")])),
    sa.Column("weight", sa.Integer, sa.CheckConstraint("weight >= 0" if AFTER else "weight > 0")),
    sa.Column("mood", mood),
    sa.Column("level", level),
    sa.Column("score", score),
    *([sa.Column("zeta", sa.Text), sa.Column("alpha", sa.Integer)] if AFTER else [sa.Column("gone", sa.Text)]),
    # the same foreign key twice but for its ON DELETE (databases allow it), declared unsorted
    *([] if AFTER else [sa.ForeignKeyConstraint(["maker_id"], ["owners.id"], ondelete="CASCADE"),
                        sa.ForeignKeyConstraint(["maker_id"], ["owners.id"])]),
    sa.CheckConstraint("(PRICE <= 1000)" if AFTER else "price <= 1000", name="ck_items_price_max"),
    sa.CheckConstraint("id >= 1" if AFTER else "id > 0"),
    *([sa.CheckConstraint("price > 0", name="items_price_check")] if AFTER else []),
    sa.UniqueConstraint("sku", *(["owner_id"] if AFTER else [])),
    sa.UniqueConstraint("code", *(["owner_id"] if AFTER else []), name="uq_items_code"),
    comment="Things for sale" if AFTER else "Things sold",
)
sa.Index(None, items.c.buyer_id if AFTER else items.c.maker_id)
sa.event.listen(items, "after_create", sa.DDL(
    f"create trigger items_touch after {{'update' if AFTER else 'insert'}} on items begin select 1; end"))
sa.Index("ix_items_sku", items.c.sku, *([items.c.code] if AFTER else []), unique=AFTER,
         postgresql_where=items.c.qty > (1 if AFTER else 0), postgresql_using="hash" if AFTER else "btree",
         postgresql_include=["qty"] if AFTER else [], postgresql_with={{"fillfactor": 80 if AFTER else 70}})
'''

EVERY_FACT = [
    "bare_numbers: sequence added",
    "invoice_numbers: sequence: start 1000 → 500",
    "invoice_numbers: sequence: increment 1 → 10",
    "items: table comment: Things sold → Things for sale",
    "items: column added: alpha INTEGER",
    "items: column removed: gone TEXT",
    "items: column id: identity GENERATED BY DEFAULT AS IDENTITY (START WITH 100) → "
    "GENERATED BY DEFAULT AS IDENTITY (START WITH 1)",
    "items: column level: type ENUM level ('a', 'b') → level",
    "items: column mood: type ENUM mood ('low', 'high') → ENUM mood ('low', 'high', 'it''s ok')",
    "items: column qty: computed GENERATED ALWAYS AS (id * 2) → GENERATED ALWAYS AS (id * 3)",
    "items: column sku: comment SKU → stock keeping unit",
    "items: column sku: type VARCHAR(10) → VARCHAR(20)",
    "items: column sku: nullable NOT NULL → NULL",
    "items: column sku: default 'x' → 'none'",
    "items: column added: zeta TEXT",
    "items: foreign key added: (buyer_id) → owners(id)",
    "items: foreign key removed: (maker_id) → owners(id)",
    "items: foreign key removed: (maker_id) → owners(id) ON DELETE CASCADE",
    "items: foreign key fk_items_owner: references (owner_id) → owners(id) → (owner_id) → owners(code)",
    "items: foreign key fk_items_owner: on delete CASCADE → SET NULL",
    "items: foreign key fk_items_owner: on update NO ACTION → CASCADE",
    "items: foreign key fk_items_owner: options NOT DEFERRABLE → DEFERRABLE",
    "items: unique removed: (sku)",
    "items: unique added: (sku, owner_id)",
    "items: unique uq_items_code: columns (code) → (code, owner_id)",
    "items: check removed: id > 0",
    "items: check added: id >= 1",
    # an unnamed column-level CHECK and the name PostgreSQL gives it (<table>_<column>_check) are one CHECK
    "items: check items_price_check: text price >= 0 → price > 0",
    "items: check removed: weight > 0",
    "items: check added: weight >= 0",
    "items: index added: (buyer_id)",  # unnamed (no naming convention for indexes): called by their columns
    "items: index removed: (maker_id)",
    "items: index ix_items_sku: expressions (sku) → (sku, code)",
    "items: index ix_items_sku: unique not unique → UNIQUE",
    "items: index ix_items_sku: where qty > 0 → qty > 1",
    "items: index ix_items_sku: method btree → hash",
    "items: index ix_items_sku: include (none) → qty",
    "items: index ix_items_sku: definition CREATE INDEX ix_items_sku ON items USING btree (sku) "
    "WITH (fillfactor = 70) WHERE qty > 0 → CREATE UNIQUE INDEX ix_items_sku ON items USING hash (sku, code) "
    "INCLUDE (qty) WITH (fillfactor = 80) WHERE qty > 1",
    "items: trigger items_touch: definition items_touch after insert on items begin select 1; end → "
    "items_touch after update on items begin select 1; end",
    "level: type: kind enum → domain",
    "level: type: values ('a', 'b') → (none)",
    "level: type: base (none) → SMALLINT",
    "level: type: checks (none) → CHECK (VALUE < 10)",
    "links: partition key: (none) → HASH (a)",
    "links: column b: nullable NULL → NOT NULL",
    "links: primary key: (a) → (a, b)",
    "mood: type: values ('low', 'high') → ('low', 'high', 'it''s ok')",
    "owners: primary key: name pk_owners → pk_owners_v2",
    "owners_id_seq: sequence: owner owners.id → (none)",
    "receipt_numbers: sequence added INCREMENT BY 5",
    "score: type: base INTEGER → BIGINT",
    "score: type: checks CHECK (VALUE >= 0) → CHECK (VALUE > 0)",
    "tags: column name: nullable NULL → NOT NULL",
    "tags: primary key: (none) → (name)",
    "ticket_numbers: sequence added START 7",
    "diff: 55 change(s) in 4 table(s) and 8 type(s) or sequence(s)",
]


def _before_and_after(tmp_path, monkeypatch):
    """A project whose models.json is the snapshot of its models before the edit; its models are after it."""
    project = write_project(tmp_path / "shop", 'models = "shop:metadata"\ndialect = "postgresql"',
                            {"shop.py": MODELS.format(after=False)})
    before = docgen_in_process("inspect", "--json", cwd=project, monkeypatch=monkeypatch)
    assert before.exit_code == 0, before.output
    (project / "before.json").write_text(before.stdout)
    (project / "shop.py").write_text(MODELS.format(after=True))
    return project


def test_every_fact_that_changed_is_one_line_sorted_by_table_subject_and_name(tmp_path, monkeypatch):
    """Unchanged but respelled: a CHECK and a default in another case, with parentheses (databases rewrite
    them), is no change."""
    project = _before_and_after(tmp_path, monkeypatch)
    result = docgen_in_process("diff", "before.json", "models", cwd=project, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == ["old: before.json", "new: models", *EVERY_FACT]
    changes = json.loads(docgen_in_process("diff", "before.json", "models", "--format", "json", cwd=project,
                                           monkeypatch=monkeypatch).stdout)["changes"]
    assert {"action": "changed", "subject": "table comment", "table": "items", "name": None, "aspect": "comment",
            "old": "Things sold", "new": "Things for sale"} in changes


def test_the_order_a_snapshot_lists_things_in_changes_nothing(tmp_path, monkeypatch):
    """Keys, constraints and indexes listed the other way round (a snapshot written elsewhere, or edited):
    the same lines in the same order, the two foreign keys that differ only in their ON DELETE included."""
    project = _before_and_after(tmp_path, monkeypatch)
    snapshot = json.loads((project / "before.json").read_text())
    for table in snapshot["tables"]:
        for things in ("foreign_keys", "uniques", "checks", "indexes"):
            table[things].reverse()
    (project / "reversed.json").write_text(json.dumps(snapshot))
    result = docgen_in_process("diff", "reversed.json", "models", cwd=project, monkeypatch=monkeypatch)
    assert result.stdout.splitlines()[2:] == EVERY_FACT


def test_the_reverse_diff_says_the_opposite(tmp_path, monkeypatch):
    project = _before_and_after(tmp_path, monkeypatch)
    after = docgen_in_process("inspect", "--json", cwd=project, monkeypatch=monkeypatch)
    (project / "after.json").write_text(after.stdout)
    result = docgen_in_process("diff", "after.json", "before.json", cwd=project, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == EVERY_FACT[-1]
    for line in ("items: check price >= 0: text price > 0 → price >= 0",  # the unnamed one is called by its text
                 "items: foreign key removed: (buyer_id) → owners(id)",
                 "owners: primary key: name pk_owners_v2 → pk_owners",
                 "tags: primary key: (name) → (none)", "receipt_numbers: sequence removed INCREMENT BY 5"):
        assert line in lines, line
    added = [line for line in lines if line.startswith("items: foreign key added: (maker_id)")]
    assert added == ["items: foreign key added: (maker_id) → owners(id)",
                     "items: foreign key added: (maker_id) → owners(id) ON DELETE CASCADE"]


def test_a_view_added_and_a_trigger_redefined_between_two_sqlite_databases(tmp_path, monkeypatch):
    """A trigger is compared by what it does: its statement without the words that create it (SQLite keeps
    the statement as written, but for the leading keywords, which it writes in upper case)."""
    old, new = (f"sqlite:///{tmp_path / name}" for name in ("old.db", "new.db"))
    for url, event, view in ((old, "insert", ""), (new, "update", "create view open_orders as select * from orders")):
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("create table orders (id integer primary key, status text)")
            connection.exec_driver_sql(f"create trigger orders_touch after {event} on orders "
                                       "begin update orders set status = 'seen'; end")
            if view:
                connection.exec_driver_sql(view)
        engine.dispose()
    result = docgen_in_process("diff", old, new, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[2:] == [
        "open_orders: view added (id, status)",
        "orders: trigger orders_touch: definition orders_touch after insert on orders begin update orders set "
        "status = 'seen'; end → orders_touch after update on orders begin update orders set status = 'seen'; end",
        "diff: 2 change(s) in 2 table(s)",
    ]


def test_changes_of_one_thing_are_ordered_by_what_they_say_not_by_the_order_they_were_found_in():
    """Two unnamed indexes on the same columns (no naming convention for indexes: called by their columns), added
    and removed: by the text of each side, the same on every run."""
    found = [Change("added", "index", "t", "(a)", new="(a) WHERE x > 0"), Change("added", "index", "t", "(a)", new="(a)"),
             Change("removed", "index", "t", "(a)", old="(a) WHERE x > 0"), Change("removed", "index", "t", "(a)", old="(a)")]
    assert sorted(found, key=Change.sort_key) == [found[1], found[0], found[3], found[2]]


def test_a_partition_key_or_a_partitions_bound_that_changed_is_one_change_each():
    """What ``diff --format json`` lists for a table partitioned anew and a partition attached with another bound."""
    before = Table("events", partition_key="RANGE (at)", partitions=(
        Partition("events_2026", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"),
        Partition("events_old", "DEFAULT")))
    after = Table("events", partition_key="LIST (kind)", partitions=(
        Partition("events_2026", "FOR VALUES IN ('a')"), Partition("events_old", "DEFAULT", parent="events_2026")))
    assert table_changes(before, after) == [
        Change("changed", "partition key", "events", aspect="key", old="RANGE (at)", new="LIST (kind)"),
        Change("changed", "partition", "events", "events_2026", "bound",
               "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", "FOR VALUES IN ('a')"),
        Change("changed", "partition", "events", "events_old", "parent", None, "events_2026")]
