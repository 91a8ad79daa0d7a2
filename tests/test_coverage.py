"""`docgen coverage`: the share of tables and columns with a description; --min fails CI below it."""

from __future__ import annotations

import json

import pytest
from conftest import run_docgen, write_project

MODELS = '''\
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Author(Base):
    """Someone who writes."""

    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True, comment="Row id")
    name: Mapped[str] = mapped_column(doc="Full name")
    born: Mapped[int | None] = mapped_column(comment="   ")


sa.Table("tags|x", Base.metadata, sa.Column("id", sa.Integer, primary_key=True))
'''
# authors: described, 2 of 3 columns (a blank comment is no description); tags|x: not described, 0 of 1.
# Items: 2 tables + 4 columns = 6, described 1 + 2 = 3: 50 %.


@pytest.fixture
def library(tmp_path):
    return write_project(tmp_path / "library", 'models = "library:Base"', {"library.py": MODELS})


def test_text_shows_each_table_and_the_overall_share(library):
    result = run_docgen("coverage", cwd=library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "table    described  columns  coverage",
        "authors  yes            2/3     75.0%",
        "tags|x   no             0/1      0.0%",
        "coverage: 50.0% (1 of 2 tables, 2 of 4 columns described)",
    ]


def test_the_columns_line_up_under_their_headings_when_every_name_is_shorter_than_table(tmp_path):
    project = write_project(tmp_path / "p", 'models = "short:metadata"', {"short.py": (
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
        "sa.Table('a', metadata, sa.Column('id', sa.Integer, primary_key=True, comment='Row id'))\n")})
    result = run_docgen("coverage", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "table  described  columns  coverage",
        "a      no             1/1     50.0%",
        "coverage: 50.0% (0 of 1 tables, 1 of 1 columns described)",
    ]


def test_an_empty_schema_that_is_allowed_has_nothing_undescribed(tmp_path):
    project = write_project(tmp_path / "p", 'models = "empty:metadata"\nallow-empty = true',
                            {"empty.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"})
    result = run_docgen("coverage", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "table  described  columns  coverage",
        "coverage: 100.0% (0 of 0 tables, 0 of 0 columns described)",
    ]


@pytest.mark.parametrize("minimum, code", [("50", 0), ("50.1", 1), ("0", 0)])
def test_min_fails_below_the_threshold_only(library, minimum, code):
    result = run_docgen("coverage", "--min", minimum, cwd=library)
    assert result.returncode == code, result.stdout + result.stderr
    assert ("below the minimum" in result.stderr) == (code == 1)


def test_json_holds_the_counts(library):
    result = run_docgen("coverage", "--format", "json", cwd=library)
    data = json.loads(result.stdout)
    assert data["coverage"] == 50.0
    assert data["tables"] == {"described": 1, "total": 2}
    assert data["columns"] == {"described": 2, "total": 4}
    assert data["per_table"][1] == {"table": "tags|x", "described": False, "coverage": 0.0,
                                    "columns": {"described": 0, "total": 1}}


def test_markdown_table_escapes_names_and_totals_the_schema(library):
    result = run_docgen("coverage", "--format", "markdown", cwd=library)
    assert result.stdout.splitlines() == [
        "| Table | Description | Columns described | Coverage |",
        "| --- | :---: | ---: | ---: |",
        "| authors | ✓ | 2 / 3 | 75.0 % |",
        "| tags\\|x | ✗ | 0 / 1 | 0.0 % |",
        "| **All 2 tables** | 1 / 2 | 2 / 4 | **50.0 %** |",
    ]


def test_github_format_adds_the_table_to_the_job_summary_and_annotates_a_failure(library, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_docgen("coverage", "--format", "github", "--min", "80", cwd=library,
                        env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert "::error title=docgen coverage::documentation coverage 50.0%25 is below the minimum 80%25" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n| Table | Description |") and "**50.0 %**" in text


def test_the_pages_index_shows_the_coverage(library):
    assert run_docgen("build", cwd=library).returncode == 0
    index = (library / "docs" / "schema" / "index.md").read_text(encoding="utf-8")
    assert "Documented: 1 of 2 tables and 2 of 4 columns have a description (50.0 %).\n" in index


def test_notes_count_as_descriptions(library):
    (library / "docs").mkdir()
    (library / "docs" / "schema-notes.md").write_text("## tags|x\n\nLabels.\n\n- `id`: the label\n", encoding="utf-8")
    result = run_docgen("coverage", cwd=library)
    assert result.stdout.splitlines()[-1] == "coverage: 83.3% (2 of 2 tables, 3 of 4 columns described)"
