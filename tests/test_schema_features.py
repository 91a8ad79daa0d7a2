"""The facts docgen shows for every kind of schema a real project has.

Self-references, composite keys, cycles, several database schemas, enums,
comments and callable defaults: each is converted and rendered, and the full
Markdown is compared with a reviewed golden file.
"""

from __future__ import annotations

import datetime
import enum
import uuid

import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

from docgen.outputs.markdown import anchor
from docgen.outputs.render import Renderer
from docgen.sources.convert import from_metadata
from docgen.sources.models import load_models
from docgen.sources.spelling import dialect_named


class Mood(enum.Enum):
    happy = "happy"
    sad = "sad"


def next_code() -> str:
    return "X"


def features_metadata() -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table(
        "employees",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("manager_id", sa.ForeignKey("employees.id", ondelete="SET NULL"), comment="Self-reference"),
        sa.Column("mood", sa.Enum(Mood, name="mood"), nullable=False, default=Mood.happy),
        sa.Column("hired_at", sa.DateTime, default=datetime.datetime.now, server_default=sa.func.now()),
        sa.Column("token", sa.Uuid, default=uuid.uuid4, unique=True),
        sa.Column("code", sa.String(10), default=next_code, onupdate=next_code),
        sa.Column("team_id", sa.Integer),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_employees_team", use_alter=True),
        comment="People | with `pipes` and <b>tags</b>",
    )
    sa.Table(
        "teams",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("lead_id", sa.ForeignKey("employees.id", name="fk_teams_lead", onupdate="CASCADE")),
        sa.Column("status", sa.Enum("open", "closed", native_enum=False, create_constraint=True, name="team_status")),
    )
    sa.Table(
        "accounts",
        metadata,
        sa.Column("region", sa.String(2), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("balance", sa.Numeric(12, 2), nullable=False, server_default=sa.text("0")),
        sa.CheckConstraint("balance >= 0", name="ck_accounts_balance"),
        schema="billing",
    )
    sa.Table(
        "entries",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(2), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.ForeignKeyConstraint(
            ["region", "number"], ["billing.accounts.region", "billing.accounts.number"], ondelete="CASCADE"
        ),
        sa.UniqueConstraint("region", "number", "amount"),
        sa.Index("ix_entries_amount_desc", sa.text("amount DESC")),
        sa.Index("ix_entries_account", "region", "number", unique=True),
        schema="billing",
    )
    return metadata


def test_composite_keys_cycles_and_schemas_are_converted_faithfully():
    schema = from_metadata(features_metadata())
    # default schema first, then by schema and name
    assert [t.qualified_name for t in schema.tables] == ["employees", "teams", "billing.accounts", "billing.entries"]
    accounts = schema.table("billing.accounts")
    assert accounts.primary_key == ("region", "number")
    (composite,) = schema.table("billing.entries").foreign_keys
    assert composite.columns == ("region", "number")
    assert composite.target_table == "billing.accounts"
    assert composite.target_columns == ("region", "number")
    assert composite.ondelete == "CASCADE"
    employees = schema.table("employees")
    self_ref = next(fk for fk in employees.foreign_keys if fk.columns == ("manager_id",))
    assert self_ref.target_table == "employees" and self_ref.ondelete == "SET NULL"
    # the cycle employees -> teams -> employees shows from both ends
    assert [t.name for t, _ in schema.referenced_by("teams")] == ["employees"]
    assert [t.name for t, _ in schema.referenced_by("employees")] == ["employees", "teams"]


def test_callable_and_sql_defaults_are_named_never_repr_with_an_address():
    employees = from_metadata(features_metadata()).table("employees")
    defaults = {c.name: (c.default, c.server_default) for c in employees.columns}
    assert defaults["hired_at"] == ("datetime.datetime.now()", "now()")
    assert defaults["token"] == ("uuid.uuid4()", None)
    assert defaults["code"] == ("test_schema_features.next_code()", None)
    assert defaults["mood"] == ("Mood.happy", None)
    rendered = Renderer().schema_block(from_metadata(features_metadata()), link=lambda n, column=None: "#" + anchor(n))
    assert " at 0x" not in rendered


def test_enum_types_list_their_values_a_non_native_one_as_its_real_varchar():
    schema = from_metadata(features_metadata(), dialect_named("postgresql"))
    assert schema.table("employees").column("mood").type == "ENUM mood ('happy', 'sad')"
    ddl = str(CreateTable(features_metadata().tables["teams"]).compile(dialect=dialect_named("postgresql")))
    assert "status VARCHAR(6)" in ddl  # native_enum=False: PostgreSQL creates a VARCHAR, not the enum type
    assert schema.table("teams").column("status").type == "VARCHAR(6) ('open', 'closed')"


NOTES_MODELS = '''
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    """A note.

    Second paragraph is not shown.
    """

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(doc="The text")
    title: Mapped[str] = mapped_column(comment="Shown first", doc="not this")
'''


def test_model_docstrings_and_column_docs_become_descriptions(tmp_path):
    (tmp_path / "notes_models.py").write_text(NOTES_MODELS)
    for spec in ("notes_models:Base", "notes_models:Base.metadata", "notes_models:Base.registry"):
        models = load_models(spec, tmp_path)
        table = from_metadata(models.metadata, class_docs=models.class_docs).table("notes")
        assert table.comment == "A note."
        assert table.column("body").comment == "The text"
        assert table.column("title").comment == "Shown first"


def test_rendered_features_match_the_reviewed_golden_file(golden):
    schema = from_metadata(features_metadata(), dialect_named("postgresql"))
    golden("features.md", Renderer().schema_block(schema, link=lambda n, column=None: "#" + anchor(n)))
