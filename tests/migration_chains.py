"""A shop project whose migrations are written the way real projects write them, for the drift and history tests.

- 001 creates ``users`` with a native enum type ``status``;
- 002a (branch ``billing``) creates ``invoices``; 002b creates ``orders`` reusing the enum type
  (only one ``alembic upgrade`` run knows it exists: applied run by run, PostgreSQL says DuplicateObject);
- 003 merges 002a and 002b;
- a1 is a second head on its own branch (``audit``) that depends on 001;
- 004 changes ``orders`` in batch mode (SQLite recreates the table to make a column NOT NULL).

alembic.ini names ``script_location`` relative to itself and ``prepend_sys_path = .`` so env.py imports
``shop`` from the ini's directory; env.py sets ``transaction_per_migration``.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_project

MODELS = '''\
import sqlalchemy as sa

metadata = sa.MetaData()
STATUS = sa.Enum("active", "blocked", name="status")

users = sa.Table("users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(200), nullable=False),
    sa.Column("status", STATUS, nullable=False))
orders = sa.Table("orders", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("status", STATUS, nullable=False),
    sa.Column("note", sa.String(200)))
invoices = sa.Table("invoices", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("total", sa.Numeric(10, 2), nullable=False))
audit_log = sa.Table("audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
    sa.Column("action", sa.String(50), nullable=False))
'''

INI = """\
[alembic]
script_location = migrations
prepend_sys_path = .
sqlalchemy.url = sqlite:///never-used.db
"""

ENV = '''\
from alembic import context
from sqlalchemy import engine_from_config, pool

from shop.models import metadata

config = context.config


def run(connection):
    context.configure(connection=connection, target_metadata=metadata, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                            poolclass=pool.NullPool).connect() as connection:
        run(connection)
'''


def revision(rev: str, down: str | tuple | None, message: str, body: str, *, date: str = "2024-01-01 10:00:00",
             branch: str | None = None, depends: str | None = None) -> str:
    """A revision file as ``alembic revision`` writes one."""
    return (f'"""{message}\n\nRevision ID: {rev}\nRevises: {down}\nCreate Date: {date}\n"""\n'
            "import sqlalchemy as sa\nfrom alembic import op\n\n"
            f"revision = {rev!r}\ndown_revision = {down!r}\nbranch_labels = {(branch,) if branch else None!r}\n"
            f"depends_on = {depends!r}\n\n\ndef upgrade():\n{body}\n\n\ndef downgrade():\n    pass\n")


REVISIONS = {
    "001_users.py": revision("001", None, "Users with a status", (
        '    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),\n'
        '                    sa.Column("email", sa.String(200), nullable=False),\n'
        '                    sa.Column("status", sa.Enum("active", "blocked", name="status"), nullable=False))')),
    "002a_invoices.py": revision("002a", "001", "Invoices", (
        '    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True),\n'
        '                    sa.Column("total", sa.Numeric(10, 2), nullable=False))'),
        date="2024-01-02 10:00:00", branch="billing"),
    "002b_orders.py": revision("002b", "001", "Orders reuse the status type", (
        '    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True),\n'
        '                    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),\n'
        '                              nullable=False),\n'
        '                    sa.Column("status", sa.Enum("active", "blocked", name="status")))'),
        date="2024-01-03 10:00:00"),
    "003_merge.py": revision("003", ("002a", "002b"), "Merge billing and orders", "    pass",
                             date="2024-01-04 10:00:00"),
    "a1_audit.py": revision("a1", None, "Audit log", (
        '    op.create_table("audit_log", sa.Column("id", sa.Integer, primary_key=True),\n'
        '                    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),\n'
        '                    sa.Column("action", sa.String(50), nullable=False))'),
        date="2024-01-05 10:00:00", branch="audit", depends="001"),
    "004_order_notes.py": revision("004", "003", "Order notes; status required", (
        '    with op.batch_alter_table("orders") as batch:\n'
        '        batch.add_column(sa.Column("note", sa.String(200)))\n'
        '        batch.alter_column("status", existing_type=sa.Enum("active", "blocked", name="status"),\n'
        '                           nullable=False)'),
        date="2024-01-06 10:00:00"),
}


def shop(root: Path) -> Path:
    """The shop project in ``root`` (pyproject.toml names the models; alembic.ini at the root)."""
    write_project(root, 'models = "shop.models:metadata"', {
        "shop/__init__.py": "", "shop/models.py": MODELS, "alembic.ini": INI, "migrations/env.py": ENV,
        **{f"migrations/versions/{name}": text for name, text in REVISIONS.items()},
    })
    return root
