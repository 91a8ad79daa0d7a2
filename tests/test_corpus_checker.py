"""The corpus's checker (benchmarks/corpus/checker.py) finds every fact in true docs and names each missing one.

``make corpus`` trusts it to prove docgen's docs true on real model sets, so it
must pass on the committed example docs and fail where a fact is gone.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import sqlalchemy as sa
from conftest import REPO

from benchmarks.corpus import checker

EXAMPLE_MODELS = "examples.coaching.models:Base"
EXAMPLE_DOCS = REPO / "docs" / "DATABASE_SCHEMA.md"


@pytest.fixture(scope="module")
def example():
    return checker.load(EXAMPLE_MODELS, REPO), EXAMPLE_DOCS.read_text(encoding="utf-8")


def test_every_fact_of_the_example_is_in_its_committed_docs():
    """Run as make corpus runs it (its own process, JSON out): nothing missing, hundreds of facts counted."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "corpus" / "checker.py"), EXAMPLE_MODELS,
         str(EXAMPLE_DOCS), "--dialect", "postgresql", "--root", str(REPO)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["missing"] == []
    assert summary["found"] == summary["total"] > 20 * summary["tables"] > 0


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (lambda md: re.sub(r"^\| ck_pattern_tracking_confidence \|.*\n", "", md, flags=re.M),
         "pattern_tracking: CHECK (confidence >= 0 AND confidence <= 1)"),
        (lambda md: md.replace("| SET NULL |", "|  |", 1), "ondelete SET NULL"),
        (lambda md: md.replace("AI-written summary of the conversation", "A summary"), "conversations.summary: comment"),
        (lambda md: re.sub(r'^\| (<a id="[^"]*"></a>)?summary \| TEXT \|', "| summary | VARCHAR |", md, flags=re.M),
         "conversations.summary: type TEXT"),
    ],
    ids=["check", "on-delete", "column-comment", "type"],
)
def test_a_fact_taken_out_of_the_docs_is_reported_missing(example, change, missing):
    metadata, markdown = example
    changed = change(markdown)
    assert changed != markdown
    result = checker.check(metadata, checker.dialect_named("postgresql"), changed)
    assert len(result.missing) == 1 and missing in result.missing[0], result.missing


def test_a_table_without_its_section_misses_the_table_and_all_its_facts(example):
    metadata, markdown = example
    result = checker.check(metadata, checker.dialect_named("postgresql"), markdown.replace('## <a id="goals-table"></a>goals\n', "## goal\n"))
    assert "goals: table section" in result.missing
    assert all(m.startswith("goals") for m in result.missing) and len(result.missing) > len(metadata.tables["goals"].c)


FIXTURE = """\
## readings

### Columns

| Column | Type | Nullable |
| --- | --- | --- |
| id | INTEGER | no |
| level | INTEGER | yes |
| kind | VARCHAR(10) | no |
{extra}"""
CHECKS = """
### Check constraints

| Name | Condition |
| --- | --- |
|  | level BETWEEN 1 AND 10 |
|  | kind IN ('a', 'b') |
"""
INDEXES = """
### Indexes

| Name | Columns | Unique |
| --- | --- | --- |
| ix_readings_open | level | no |
"""


def _readings() -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table(
        "readings", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("level", sa.Integer, sa.CheckConstraint("level BETWEEN 1 AND 10")),
        sa.Column("kind", sa.Enum("a", "b", native_enum=False, length=10, create_constraint=True), nullable=False),
        sa.Index("ix_readings_open", "level", postgresql_where=sa.text("level > 5")),
    )
    return metadata


def test_column_level_and_type_bound_checks_are_facts_the_dialect_ddl_decides():
    """Column-level CHECKs count; a partial index's WHERE counts only where the dialect creates it."""
    generic, postgresql = checker.dialect_named(None), checker.dialect_named("postgresql")
    without_checks = FIXTURE.format(extra=INDEXES)
    assert checker.check(_readings(), generic, without_checks).missing == [
        "readings: CHECK (kind IN ('a', 'b'))", "readings: CHECK (level BETWEEN 1 AND 10)"]  # sorted
    complete = FIXTURE.format(extra=CHECKS + INDEXES)
    assert checker.check(_readings(), generic, complete).missing == []
    assert checker.check(_readings(), postgresql, complete).missing == [
        "readings: index ix_readings_open: WHERE level > 5"]
    assert checker.check(_readings(), postgresql, complete.replace("| level | no |", "| level WHERE level > 5 | no |")).missing == []


def test_a_check_shown_that_the_dialect_does_not_create_is_reported():
    """A type's CHECK that no dialect here emits (``Boolean(create_constraint=True)``) must not be shown."""
    metadata = _readings()
    metadata.tables["readings"].append_column(sa.Column("flag", sa.Boolean(create_constraint=True)))
    shown = FIXTURE.format(extra="| flag | BOOLEAN | yes |\n" + CHECKS + "|  | flag IN (0, 1) |\n" + INDEXES)
    assert checker.check(metadata, checker.dialect_named(None), shown).missing == [
        "readings: CHECK shown but not created: flag IN (0, 1)"]


MYSQL_DOCS = """\
## notes

### Columns

| Column | Type | Nullable |
| --- | --- | --- |
| slug | TEXT | no |
| title | {title} | yes |
| mood | {mood} | yes |

### Indexes

| Name | Columns | Unique | Definition |
| --- | --- | --- | --- |
| ix_notes_title | title | no | {definition} |
"""


def _notes(title_type: sa.types.TypeEngine) -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table("notes", metadata, sa.Column("slug", sa.Text, primary_key=True), sa.Column("title", title_type),
             sa.Column("mood", sa.Enum("low", "it's ok", name="mood")),
             sa.Index("ix_notes_title", "title", mysql_length=20))
    return metadata


def test_mysql_facts_are_mysqls_own_enum_key_part_lengths_and_what_it_cannot_create():
    """On MySQL an enum is ``ENUM('a','b')``, an index on a prefix shows its CREATE INDEX, and a table MySQL
    cannot create (``String()`` without a length; a TEXT primary key) is still checked, listed as uncreatable."""
    mysql = checker.dialect_named("mysql")
    definition = "CREATE INDEX ix_notes_title ON notes (title(20))"
    true = MYSQL_DOCS.format(title="VARCHAR(200)", mood="ENUM('low','it''s ok')", definition=definition)
    result = checker.check(_notes(sa.String(200)), mysql, true)
    assert (result.missing, result.total) == ([], 14)
    assert result.uncreatable == ["notes: primary key on slug TEXT (a TEXT / BLOB / JSON key part without a "
                                  "length: MySQL refuses it; MariaDB too)"]
    assert checker.check(_notes(sa.String(200)), mysql, true.replace(definition, "")).missing == [
        f"notes: index ix_notes_title: {definition}"]
    assert checker.check(_notes(sa.String(200)), mysql, true.replace("'it''s ok'", "'it''s fine'")).missing == [
        "notes.mood: type ENUM('low','it''s ok')"]
    unsized = checker.check(_notes(sa.String()), mysql, true.replace("VARCHAR(200)", "VARCHAR"))
    assert unsized.missing == []
    assert unsized.uncreatable[0] == "notes.title: VARCHAR (VARCHAR requires a length on dialect mysql)"


def test_mariadb_is_checked_as_its_own_dialect():
    """SQLAlchemy's registry gives the mariadb dialect as an instance, the others as classes."""
    mariadb = checker.dialect_named("mariadb")
    assert mariadb.name == "mariadb"
    docs = MYSQL_DOCS.format(title="VARCHAR(201)", mood="ENUM('low','it''s ok')", definition="")
    assert "notes.title: type VARCHAR(200)" in checker.check(_notes(sa.String(200)), mariadb, docs).missing


def test_an_index_shown_that_the_dialect_does_not_create_is_reported():
    """An index made only on PostgreSQL (``ddl_if``) is a false fact in the MySQL docs, a true one in PostgreSQL's."""
    metadata = _readings()
    sa.Index("ix_readings_kind", metadata.tables["readings"].c.kind).ddl_if(dialect="postgresql")
    shown = FIXTURE.format(extra=CHECKS + INDEXES + "| ix_readings_kind | kind | no |\n")
    assert checker.check(metadata, checker.dialect_named("mysql"), shown).missing == [
        "readings: index shown but not created: ix_readings_kind"]
    assert checker.check(metadata, checker.dialect_named("postgresql"), shown.replace(
        "| level | no |", "| level WHERE level > 5 | no |")).missing == []
