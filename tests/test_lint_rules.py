"""Each lint rule finds what it names, on a schema that trips it, and nothing on one that does not.

The schemas are real SQLAlchemy metadata, converted as `docgen lint` converts
the models (PostgreSQL dialect: its reserved words and 63-byte names).
"""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from docgen.lint import engine, settings
from docgen.lint.registry import RULES
from docgen.sources.convert import from_metadata
from docgen.sources.notes import parse
from docgen.sources.spelling import dialect_named


def _users(metadata: sa.MetaData, *extra: sa.SchemaItem) -> sa.Table:
    return sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True), *extra)


def _child(fk_options: dict | None = None, nullable: bool = False, *extra: sa.SchemaItem) -> sa.MetaData:
    """users, and tasks referencing it by user_id."""
    metadata = sa.MetaData()
    _users(metadata)
    sa.Table("tasks", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", **(fk_options or {})), nullable=nullable),
             *extra)
    return metadata


def no_pk_trip():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("at", sa.DateTime))
    return metadata


def no_pk_clean():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", sa.DateTime))
    return metadata


def implied_trip():
    metadata = sa.MetaData()
    _users(metadata)
    sa.Table("categories", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("posts", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("userId", sa.Integer), sa.Column("category_id", sa.Integer))
    return metadata


def implied_clean():
    metadata = sa.MetaData()
    _users(metadata)
    sa.Table("posts", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")), sa.Column("visitor_id", sa.Integer))
    return metadata


def _accounts(handle_nullable: bool) -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table("accounts", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("org", sa.Integer, nullable=False),
             sa.Column("handle", sa.String(50), nullable=handle_nullable),
             sa.UniqueConstraint("org", "handle", name="uq_accounts_org_handle"))
    return metadata


def nullable_unique_trip():
    return _accounts(handle_nullable=True)


def nullable_unique_clean():
    return _accounts(handle_nullable=False)


def unindexed_fk_trip():
    return _child()


def unindexed_fk_clean():
    metadata = _child()
    sa.Index("ix_tasks_user_id_id", metadata.tables["tasks"].c.user_id, metadata.tables["tasks"].c.id)
    return metadata


def redundant_trip():
    metadata = sa.MetaData()
    table = sa.Table("logs", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))
    sa.Index("ix_logs_a", table.c.a)
    sa.Index("ix_logs_a_b", table.c.a, table.c.b)
    sa.Index("ix_logs_id", table.c.id)
    return metadata


def redundant_clean():
    metadata = sa.MetaData()
    table = sa.Table("logs", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))
    sa.Index("uq_logs_a", table.c.a, unique=True)  # a unique prefix enforces something: not redundant
    sa.Index("ix_logs_a_b", table.c.a, table.c.b)
    sa.Index("ix_logs_b_a", table.c.b, table.c.a)
    return metadata


def unnamed_trip():
    metadata = sa.MetaData()
    sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer),
             sa.Column("b", sa.Integer), sa.UniqueConstraint("a", name="uq_t_a"), sa.UniqueConstraint("b"))
    return metadata


def unnamed_clean():  # nothing of its kind is named, and no naming convention: a consistent choice
    metadata = sa.MetaData()
    sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer),
             sa.Column("b", sa.Integer), sa.UniqueConstraint("a"), sa.UniqueConstraint("b"))
    return metadata


def reserved_trip():
    metadata = sa.MetaData()
    sa.Table("user", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("order", sa.Integer))
    return metadata


def reserved_clean():
    metadata = sa.MetaData()
    sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("position", sa.Integer))
    return metadata


def _names_of_bytes(extra: int) -> sa.MetaData:
    """A column, a unique constraint (counted in UTF-8 bytes, not characters), a CHECK and an index whose
    names are 63 + ``extra`` bytes long."""
    metadata = sa.MetaData()
    sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("x" * (63 + extra), sa.Integer),
             sa.Column("a", sa.Integer),
             sa.UniqueConstraint("a", name="uq_" + "é" * 30 + "u" * (extra or 0)),
             sa.CheckConstraint("a > 0", name="ck_" + "c" * (60 + extra)),
             sa.Index("ix_" + "i" * (60 + extra), "a"))
    return metadata


def too_long_trip():
    return _names_of_bytes(1)


def too_long_clean():
    return _names_of_bytes(0)


def table_description_trip():
    return no_pk_clean()


def table_description_clean():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True), comment="What happened when")
    return metadata


def column_description_trip():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True, comment="Row id"),
             sa.Column("at", sa.DateTime))
    return metadata


def column_description_clean():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True, comment="Row id"),
             sa.Column("at", sa.DateTime, doc="When it happened"))
    return metadata


def import_time_trip():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("at", sa.DateTime, default=datetime.datetime.utcnow()))
    return metadata


def import_time_clean():
    metadata = sa.MetaData()
    sa.Table("events", metadata, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("at", sa.DateTime, default=datetime.datetime.utcnow),
             sa.Column("on", sa.Date, server_default=sa.func.current_date()))
    return metadata


def nullable_cascade_trip():
    return _child({"ondelete": "CASCADE"}, nullable=True)


def nullable_cascade_clean():
    return _child({"ondelete": "CASCADE"}, nullable=False)


NOTES = """# Notes

## events

What happened, and when.

- `at`: when it happened
- `place`: where it happened

## reminders

Gone since 003.
"""


def stale_note_trip():
    return column_description_trip(), NOTES


def stale_note_clean():
    return column_description_trip(), NOTES.split("- `place`")[0]


CASES = {
    "no-primary-key": (no_pk_trip, no_pk_clean, ["table events has no primary key"]),
    "implied-relationship": (implied_trip, implied_clean, [
        "column posts.userId looks like a reference to users.id but has no foreign key",
        "column posts.category_id looks like a reference to categories.id but has no foreign key",
    ]),
    "nullable-unique": (nullable_unique_trip, nullable_unique_clean, [
        "column accounts.handle is nullable but part of the unique constraint uq_accounts_org_handle "
        "(org, handle): rows where it is NULL are never duplicates",
    ]),
    "nullable-cascade-foreign-key": (nullable_cascade_trip, nullable_cascade_clean, [
        "column tasks.user_id is nullable, yet its foreign key to users deletes the row ON DELETE CASCADE",
    ]),
    "unindexed-foreign-key": (unindexed_fk_trip, unindexed_fk_clean, [
        "foreign key tasks(user_id) → users has no index whose leading columns are exactly its columns",
    ]),
    "redundant-index": (redundant_trip, redundant_clean, [
        "index ix_logs_a on logs(a) is redundant: a leading prefix of index ix_logs_a_b (a, b)",
        "index ix_logs_id on logs(id) is redundant: covered by the primary key (id)",
    ]),
    "unnamed-constraint": (unnamed_trip, unnamed_clean, [
        "unique constraint t(b) has no name, while other unique constraints of the schema are named",
    ]),
    "reserved-word": (reserved_trip, reserved_clean, [
        "table user is named with 'user', a reserved word of the postgresql dialect",
        "column user.order is named with 'order', a reserved word of the postgresql dialect",
    ]),
    "identifier-too-long": (too_long_trip, too_long_clean, [
        f"column t.{'x' * 64}: the name is 64 bytes long, more than the 63 the postgresql dialect keeps",
        f"unique constraint uq_{'é' * 30}u of t: the name is 64 bytes long, more than the 63 the postgresql "
        "dialect keeps",
        f"check constraint ck_{'c' * 61} of t: the name is 64 bytes long, more than the 63 the postgresql dialect keeps",
        f"index ix_{'i' * 61} of t: the name is 64 bytes long, more than the 63 the postgresql dialect keeps",
    ]),
    "table-description": (table_description_trip, table_description_clean, ["table events has no description"]),
    "column-description": (column_description_trip, column_description_clean, [
        "column events.at has no description",
    ]),
    "import-time-default": (import_time_trip, import_time_clean, [
        "column events.at defaults to a date/time value computed once, when the models were imported",
    ]),
    "stale-note": (stale_note_trip, stale_note_clean, [
        "the notes describe column events.place, which is not in the schema",
        "the notes describe table reminders, which is not in the schema",
    ]),
}


def _messages(metadata: sa.MetaData | tuple[sa.MetaData, str], rule: str, **lint_table) -> list[str]:
    """The messages of ``rule`` on ``metadata`` (with the text of a notes file, when a pair)."""
    metadata, notes = metadata if isinstance(metadata, tuple) else (metadata, None)
    schema = from_metadata(metadata, dialect_named("postgresql"))
    found = engine.lint(schema, settings.read({"enable": [rule], **lint_table}),
                        parse(notes, "notes.md") if notes else None, "notes.md")
    return [f.message for f in found]


def test_notes_describe_tables_and_columns():
    assert _messages((no_pk_clean(), "## events\n\nWhat happened.\n"), "table-description") == []
    assert _messages((column_description_trip(), NOTES), "column-description") == []


def test_every_rule_has_a_tripping_and_a_clean_case():
    assert sorted(CASES) == sorted(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_reports_exactly_what_trips_it(rule):
    trip, _, expected = CASES[rule]
    assert _messages(trip(), rule) == expected


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_quiet_where_nothing_trips_it(rule):
    _, clean, _ = CASES[rule]
    assert _messages(clean(), rule) == []


def test_a_short_description_counts_as_missing_below_the_minimum_length():
    messages = _messages(column_description_clean(), "column-description", **{"min-description-length": 10})
    assert messages == ["column events.id has a description shorter than 10 characters"]


def test_duplicate_indexes_report_the_second_one():
    metadata = sa.MetaData()
    table = sa.Table("logs", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))
    sa.Index("ix_logs_a", table.c.a)
    sa.Index("ix_logs_a_again", table.c.a)
    assert _messages(metadata, "redundant-index") == [
        "index ix_logs_a_again on logs(a) is redundant: a duplicate of index ix_logs_a"
    ]


def test_an_unnamed_constraint_is_reported_when_the_metadata_has_a_naming_convention():
    metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})
    sa.Table("t", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer),
             sa.CheckConstraint("a > 0"))
    assert _messages(metadata, "unnamed-constraint") == [
        "check constraint t(a > 0) has no name, while the MetaData has a naming convention"
    ]


def test_a_composite_foreign_key_is_covered_by_an_index_on_its_columns_in_any_order():
    metadata = sa.MetaData()
    sa.Table("p", metadata, sa.Column("a", sa.Integer, primary_key=True),
             sa.Column("b", sa.Integer, primary_key=True))
    child = sa.Table("c", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("a", sa.Integer), sa.Column("b", sa.Integer),
                     sa.ForeignKeyConstraint(["a", "b"], ["p.a", "p.b"]))
    assert _messages(metadata, "unindexed-foreign-key") == [
        "foreign key c(a, b) → p has no index whose leading columns are exactly its columns"
    ]
    sa.Index("ix_c_b_a", child.c.b, child.c.a)
    assert _messages(metadata, "unindexed-foreign-key") == []
