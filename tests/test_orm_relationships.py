"""Relationships only the ORM declares: `relationship()` joins on columns no foreign key links.

They are how the app really joins, so the docs show them, marked ORM-only: in the referencing column's
Key cell, in the referenced column's and table's Referenced by, in a table section of their own, and as
dashed lines labelled "(ORM-only)" in the diagrams. Lint's implied-relationship rule does not ask for a
foreign key the ORM already declares.
"""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import docgen_in_process, run_docgen

MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column("code|<b>", sa.String(20), unique=True)
    orders = relationship("Order", primaryjoin="Customer.code == foreign(Order.customer_code)",
                          back_populates="customer", viewonly=True)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_code: Mapped[str | None] = mapped_column(sa.String(20))
    user_id: Mapped[int]  # no foreign key: the ORM joins on it
    account_id: Mapped[int | None]  # no foreign key, no relationship: lint asks for one
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    customer = relationship(Customer, primaryjoin="Customer.code == foreign(Order.customer_code)",
                            back_populates="orders", viewonly=True)
    user = relationship(User, primaryjoin="foreign(Order.user_id) == User.id")
    owner = relationship(User, foreign_keys=[owner_id])  # a foreign key: not ORM-only
'''


@pytest.fixture
def shop(tmp_path):
    (tmp_path / "shop.py").write_text(textwrap.dedent(MODELS))
    return tmp_path


def test_orm_only_relationships_are_read_with_the_attributes_declaring_them(shop):
    result = run_docgen("inspect", "--json", "--models", "shop:Base", cwd=shop)
    assert result.returncode == 0, result.stderr
    tables = {t["name"]: t for t in json.loads(result.stdout)["tables"]}
    assert tables["orders"]["orm_relationships"] == [
        {"columns": ["customer_code"], "target_table": "customers", "target_columns": ["code|<b>"],
         "attributes": ["Customer.orders", "Order.customer"]},  # both sides of one join: one reference
        {"columns": ["user_id"], "target_table": "users", "target_columns": ["id"], "attributes": ["Order.user"]},
    ]
    assert [f["columns"] for f in tables["orders"]["foreign_keys"]] == [["owner_id"]]
    assert all(not tables[name]["orm_relationships"] for name in ("customers", "users", "accounts"))


def test_the_docs_show_them_marked_orm_only(shop):
    result = run_docgen("build", "--models", "shop:Base", "--output", "SCHEMA.md", "--pages-dir", "schema",
                        cwd=shop)
    assert result.returncode == 0, result.stderr
    orders = (shop / "schema" / "orders.md").read_text()
    assert "| ORM-only → [users.id](users.md#users.id) |" in orders
    assert "ORM-only → [customers.code\\|&lt;b&gt;](customers.md#customers.code-b-081b77dd) |" in orders  # escaped
    assert "FK → [users.id](users.md#users.id)" in orders
    assert "## ORM-only relationships" in orders
    assert "| user_id | [users](users.md)(id) | Order.user |" in orders
    assert '"users" ||..o{ "orders" : "user_id (ORM-only)"' in orders  # dashed, labelled
    assert '"users" ||..o{ "orders" : "owner_id"' in orders
    users = (shop / "schema" / "users.md").read_text()
    # the column's Referenced by: the foreign key, then the ORM-only join
    assert "| [orders.owner_id](orders.md#orders.owner_id), [orders.user_id](orders.md#orders.user_id) (ORM-only) |" in users
    assert "| [orders](orders.md) | owner_id | id |\n| [orders](orders.md) | user_id (ORM-only: Order.user) | id |" in users
    assert "**ORM-only →:**" in users  # the legend says what the mark means
    whole = (shop / "SCHEMA.md").read_text()
    assert '"customers" |o..o{ "orders" : "customer_code (ORM-only)"' in whole
    without = run_docgen("build", "--models", "shop:Base", "--output", "PLAIN.md", "--no-pages",
                         "--exclude", "orders", cwd=shop)
    assert without.returncode == 0, without.stderr
    assert "ORM-only" not in (shop / "PLAIN.md").read_text()  # no such join left: no legend line either


def test_lint_asks_a_foreign_key_only_where_the_orm_declares_no_join(shop):
    result = run_docgen("lint", "--models", "shop:Base", "--enable", "implied-relationship", "--format", "json",
                        cwd=shop)
    found = [(f["table"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("orders", "account_id")], result.stdout + result.stderr


BROKEN = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class Thing(Base):
    __tablename__ = "things"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner = relationship("Nowhere")
'''


def test_broken_mappers_left_in_the_process_by_an_earlier_import_do_not_hide_them(tmp_path, shop, monkeypatch):
    """`mkdocs serve` imports the models again on each rebuild: the mappers of an earlier import that did not
    configure (a typo since fixed) are still in memory, and must not hide the relationships of the models now."""
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "broken.py").write_text(BROKEN)
    earlier = docgen_in_process("inspect", "--json", "--models", "broken:Base", cwd=tmp_path / "broken",
                                monkeypatch=monkeypatch)
    assert "ORM relationships not read" in earlier.stderr
    now = docgen_in_process("inspect", "--json", "--models", "shop:Base", cwd=shop, monkeypatch=monkeypatch)
    assert (now.exit_code, now.stderr) == (0, ""), now.output
    tables = {t["name"]: t for t in json.loads(now.stdout)["tables"]}
    assert [r["attributes"] for r in tables["orders"]["orm_relationships"]] == [
        ["Customer.orders", "Order.customer"], ["Order.user"]]


def test_mappers_that_cannot_be_configured_leave_the_tables_documented(tmp_path):
    (tmp_path / "broken.py").write_text(BROKEN)
    result = run_docgen("inspect", "--json", "--models", "broken:Base", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [t["name"] for t in json.loads(result.stdout)["tables"]] == ["things"]
    assert result.stderr.startswith("docgen: warning: ORM relationships not read: the mappers cannot be configured")
    assert len(result.stderr.splitlines()) == 1
