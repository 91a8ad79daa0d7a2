"""Models using every construct whose DDL depends on the dialect (imported by tests/test_ddl_truth.py).

Each one is created by ``create_all`` on PostgreSQL and SQLite alike; the
custom ``GenerateUUID`` element compiles only there, as in real packages.
"""

import datetime
import uuid

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class GenerateUUID(FunctionElement):
    """A server-side UUID: only PostgreSQL and SQLite know how to write it."""

    type = sa.Uuid()
    inherit_cache = True


@compiles(GenerateUUID, "postgresql")
def _uuid_on_postgresql(element, compiler, **kw):
    return "gen_random_uuid()"


@compiles(GenerateUUID, "sqlite")
def _uuid_on_sqlite(element, compiler, **kw):
    return "(lower(hex(randomblob(16))))"


metadata = sa.MetaData()

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, sa.Identity(start=100, increment=5), primary_key=True),
    sa.Column("token", sa.Uuid, server_default=GenerateUUID(), nullable=False),
    sa.Column("energy", sa.Integer, sa.CheckConstraint("energy BETWEEN 1 AND 10", name="ck_accounts_energy")),
    sa.Column("nickname", sa.String(40), sa.CheckConstraint(
        "nickname <> ''\n    AND nickname NOT LIKE '%$%'\n    AND nickname NOT LIKE '%?%'"), server_default=""),
    sa.Column("status", sa.Enum("active", "closed", native_enum=False, length=20, create_constraint=True,
                                name="account_status"), nullable=False, server_default="active"),
    sa.Column("kind", sa.Enum("person", "company", name="account_kind")),
    sa.Column("verified", sa.Boolean(create_constraint=True, name="ck_accounts_verified"), server_default=sa.false()),
    sa.Column("attributes", sa.JSON().with_variant(JSONB(), "postgresql")),
    sa.Column("price", sa.Numeric(10, 2)),
    sa.Column("half_price", sa.Numeric(10, 2), sa.Computed("price / 2", persisted=True)),
    sa.Column("created_at", sa.DateTime, default=lambda: datetime.datetime.now(datetime.timezone.utc)),
    sa.Column("imported_at", sa.DateTime, default=datetime.datetime.now()),  # a slip real packages make
    sa.Column("reference", sa.Uuid, default=uuid.uuid4()),
    sa.Column("email", sa.String(200), nullable=False),
    sa.Column("deleted_at", sa.DateTime),
    sa.CheckConstraint("price >= 0", name="ck_accounts_price"),
)
sa.Index("ix_accounts_email_live", accounts.c.email, unique=True,
         postgresql_where=accounts.c.deleted_at.is_(None), sqlite_where=accounts.c.deleted_at.is_(None))
sa.Index("ix_accounts_user_id", accounts.c.attributes[("user", "id")])
sa.Index("ix_accounts_attributes", accounts.c.attributes, postgresql_using="gin").ddl_if(dialect="postgresql")
sa.Index("ix_accounts_price", accounts.c.price.desc(), accounts.c.id, postgresql_include=["email"])
sa.Index("ix_accounts_deleted_at", accounts.c.deleted_at.desc().nulls_last()).ddl_if(dialect="postgresql")
accounts.append_constraint(sa.CheckConstraint("price < 1000000", name="ck_accounts_price_cap").ddl_if(dialect="oracle"))

transfers = sa.Table(
    "transfers",
    metadata,
    sa.Column("id", sa.Integer, sa.Sequence("transfers_id_seq", start=1000), primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("amount", sa.Numeric(10, 2), sa.CheckConstraint("amount <> 0", name="ck_transfers_amount")),
    sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_transfers_account", ondelete="CASCADE",
                            deferrable=True, initially="DEFERRED"),
    sa.insert_sentinel("sentinel"),
)
