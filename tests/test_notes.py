"""People's notes about tables and columns (the notes file) show next to the facts and survive every build."""

from __future__ import annotations

import re
import sqlite3

import pytest
from conftest import docgen_in_process, run_docgen, write_project

from docgen.errors import UsageError
from docgen.sources import notes

MODELS = """\
import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("bill", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("amount", sa.Integer, comment="Total"), sa.Column("paid_at", sa.DateTime))
sa.Table("stores", metadata, sa.Column("id", sa.Integer, primary_key=True), schema="retail")
"""

NOTES = """\
# Our notes

This text is for whoever edits the file.

## bill

IMPORTANT: amounts are in cents.

- `amount`: never negative | not even for refunds
- `paid_at`: set by the payment webhook

## `retail.stores`

Stores we own, not franchises.
"""


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "p", 'models = "notes_models:metadata"', {"notes_models.py": MODELS})
    (root / "docs").mkdir()
    (root / "docs" / "schema-notes.md").write_text(NOTES)
    return root


def test_notes_show_next_to_the_facts_in_the_document_and_on_the_page(project):
    assert run_docgen("build", cwd=project).returncode == 0
    for path in ("docs/DATABASE_SCHEMA.md", "docs/schema/bill.md"):
        text = (project / path).read_text()
        assert "Notes\n\nIMPORTANT: amounts are in cents.\n" in text
        # (the Default column is empty in every row: left out)
        assert '| <a id="bill.amount"></a>amount | INTEGER | yes |  | Total<br>never negative \\| not even for refunds |' in text
        assert '| <a id="bill.paid_at"></a>paid_at | DATETIME | yes |  | set by the payment webhook |' in text
        assert "This text is for whoever edits the file." not in text
    assert "Stores we own, not franchises." in (project / "docs" / "schema" / "retail.stores.md").read_text()
    assert run_docgen("check", cwd=project).returncode == 0


def test_editing_the_notes_makes_check_stale_until_build(project):
    assert run_docgen("build", cwd=project).returncode == 0
    path = project / "docs" / "schema-notes.md"
    path.write_text(path.read_text().replace("in cents", "in euro cents"))
    stale = run_docgen("check", cwd=project)
    assert stale.returncode == 1
    assert "+IMPORTANT: amounts are in euro cents." in stale.stdout
    assert run_docgen("build", cwd=project).returncode == 0
    assert run_docgen("check", cwd=project).returncode == 0
    assert path.read_text() == NOTES.replace("in cents", "in euro cents")  # build never rewrites the notes


def test_notes_about_missing_tables_and_columns_are_reported_by_build_and_check(project, monkeypatch):
    path = project / "docs" / "schema-notes.md"
    path.write_text(NOTES + "\n## reminders\n\nSent at a set time.\n\n## stores\n\n- `city`: where\n")
    built = docgen_in_process("build", cwd=project, monkeypatch=monkeypatch)  # in-process: make mutate sees it
    assert built.exit_code == 0, built.stderr
    expected = [
        "docs/schema-notes.md: 2 stale note(s), kept (edit or delete them):",
        "  line 16: `## reminders` names no table in the schema",
        "  line 20: `## stores` names no table in the schema",
    ]
    assert "\n".join(expected) in built.stdout
    checked = docgen_in_process("check", cwd=project, monkeypatch=monkeypatch)
    assert checked.exit_code == 0
    assert "\n".join(expected) in checked.stdout
    assert "Sent at a set time." in path.read_text()  # never dropped
    path.write_text(NOTES.replace("`paid_at`", "`paid_on`"))
    assert "  line 10: `paid_on` is not a column of bill" in \
        docgen_in_process("check", cwd=project, monkeypatch=monkeypatch).stdout


def test_notes_saved_by_a_windows_editor_read_like_any_other(project, monkeypatch):
    """A byte order mark and CRLF line endings: the sections and column notes are found by build, lint and
    coverage alike (in-process: make mutate sees it)."""
    path = project / "docs" / "schema-notes.md"
    path.write_bytes(b"\xef\xbb\xbf" + "## bill\n\nAmounts in cents.\n\n- `paid_at`: set by the webhook\n"
                     "\n## retail.stores\n\nOwned.\n".replace("\n", "\r\n").encode())
    built = docgen_in_process("build", cwd=project, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.stderr
    assert "stale note" not in built.stdout
    text = (project / "docs" / "DATABASE_SCHEMA.md").read_text()
    assert "Notes\n\nAmounts in cents.\n" in text
    assert '| <a id="bill.paid_at"></a>paid_at | DATETIME | yes |  | set by the webhook |' in text
    covered = docgen_in_process("coverage", cwd=project, monkeypatch=monkeypatch)
    assert covered.stdout.splitlines()[-1] == "coverage: 66.7% (2 of 2 tables, 2 of 4 columns described)"
    path.unlink()
    bare = docgen_in_process("coverage", cwd=project, monkeypatch=monkeypatch)  # no notes file: no notes
    assert bare.exit_code == 0, bare.stderr
    assert bare.stdout.splitlines()[-1] == "coverage: 16.7% (0 of 2 tables, 1 of 4 columns described)"


def test_notes_that_are_not_utf8_are_one_error_line_naming_the_file(project, monkeypatch):
    (project / "docs" / "schema-notes.md").write_bytes(b"## bill\n\nCo\xfbt\n")
    for command in ("coverage", "lint", "build"):
        result = docgen_in_process(command, cwd=project, monkeypatch=monkeypatch)
        assert result.exit_code == 2, (command, result.stdout)
        assert result.stderr.startswith("docgen: error: ") and result.stderr.count("\n") == 1, result.stderr
        assert "docs/schema-notes.md" in result.stderr and "UTF-8" in result.stderr, result.stderr
    assert not (project / "docs" / "DATABASE_SCHEMA.md").exists()


def test_lint_and_coverage_name_the_notes_file_in_each_error_as_build_does(project, monkeypatch):
    path = project / "docs" / "schema-notes.md"
    path.write_text("## bill\n\n```\nunclosed\n")
    for command in ("lint", "coverage"):
        result = docgen_in_process(command, cwd=project, monkeypatch=monkeypatch)
        assert (result.exit_code, result.stderr) == (
            2, "docgen: error: docs/schema-notes.md, line 3: a code fence that is never closed\n"), command
    path.unlink()
    path.mkdir()
    result = docgen_in_process("coverage", cwd=project, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.startswith("docgen: error: notes docs/schema-notes.md is a directory, not a regular file")


def test_notes_work_for_a_live_database(tmp_path):
    root = write_project(tmp_path / "db", 'database-url = "sqlite:///app.db"\nnotes = "notes.md"')
    with sqlite3.connect(root / "app.db") as connection:
        connection.execute("CREATE TABLE bill (id INTEGER PRIMARY KEY, amount INTEGER)")
    (root / "notes.md").write_text("## bill\n\nAmounts are in cents.\n\n`amount`: never negative\n")
    assert run_docgen("build", cwd=root).returncode == 0
    text = (root / "docs" / "DATABASE_SCHEMA.md").read_text()
    assert "Amounts are in cents." in text
    assert '| <a id="bill.amount"></a>amount | INTEGER | yes |  | never negative |' in text
    assert run_docgen("check", cwd=root).returncode == 0


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("## bill\n\n<!-- docgen:end -->\n", "line 3: notes may not hold docgen markers"),
        ("## bill\n\n```sql\nselect 1\n", "line 3: a code fence that is never closed"),
        ("## bill\n\nx\n\n## `bill`\n", "line 5: a second section for bill (the first is on line 1)"),
    ],
)
def test_notes_that_would_break_the_document_are_refused(text, fragment):
    with pytest.raises(UsageError, match=re.escape(fragment)):
        notes.parse(text, "notes.md")


def test_a_broken_notes_file_is_one_line_and_exit_2_nothing_written(project):
    (project / "docs" / "schema-notes.md").write_text("## bill\n\n```\nunclosed\n")
    result = run_docgen("build", cwd=project)
    assert result.returncode == 2
    assert result.stderr == "docgen: error: docs/schema-notes.md, line 3: a code fence that is never closed\n"
    assert not (project / "docs" / "DATABASE_SCHEMA.md").exists()


def test_notes_in_the_output_file_itself_are_refused(project):
    result = run_docgen("build", "--notes", "docs/DATABASE_SCHEMA.md", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "docgen: error: notes and output are the same file (docs/DATABASE_SCHEMA.md); give the notes a file of their own\n"
    )
    assert not (project / "docs" / "DATABASE_SCHEMA.md").exists()


def test_headings_and_column_lines_inside_code_fences_are_prose():
    parsed = notes.parse("## bill\n\n```\n## not a table\n- `x`: y\n```\n", "notes.md")
    assert [s.table for s in parsed.sections] == ["bill"]
    assert parsed.table("bill").columns == {}
    assert "## not a table\n- `x`: y" in parsed.table("bill").prose


def test_adopted_prose_is_appended_to_the_tables_section_once():
    existing = notes.parse("# N\n\n## bill\n\nOld words.\n\n## other\n\nMore.\n", "n.md")
    text = notes.with_prose(existing, {"bill": "New words.", "stores": "Owned."})
    assert text == "# N\n\n## bill\n\nOld words.\n\nNew words.\n\n## other\n\nMore.\n\n## stores\n\nOwned.\n"
    again = notes.parse(text, "n.md")
    assert notes.with_prose(again, {"bill": "New words."}) == text


def test_column_notes_take_each_markdown_bullet_or_none_and_the_rest_is_prose():
    """``-``, ``*`` and ``+`` bullets (and a bare line) are column notes; a bullet without the backticked
    name, or another mark, stays prose."""
    parsed = notes.parse(
        "## bill\n\n- `a`: dash\n* `b`: star\n+ `c`: plus\n`d`:  bare  \n> `e`: quoted\n- f: no backticks\n",
        "notes.md",
    )
    section = parsed.table("bill")
    assert section.columns == {"a": "dash", "b": "star", "c": "plus", "d": "bare"}
    assert section.column_lines == {"a": 3, "b": 4, "c": 5, "d": 6}
    assert section.prose == "> `e`: quoted\n- f: no backticks"


def test_adopted_prose_of_several_lines_starts_a_new_file_or_joins_its_section_whatever_the_file_ends_with():
    assert notes.with_prose(notes.Notes(), {"bill": "Line one.\nLine two."}) == \
        notes.NEW_FILE_HEAD + "\n## bill\n\nLine one.\nLine two.\n"
    existing = notes.parse("## bill\n\nOld.\n", "n.md")
    assert notes.with_prose(existing, {"bill": "A.\nB.", "other": "C.\nD."}) == \
        "## bill\n\nOld.\n\nA.\nB.\n\n## other\n\nC.\nD.\n"
    for ending in ("", "\n", "\n\n\n"):
        assert notes.with_prose(notes.parse("## bill\n\nOld." + ending, "n.md"), {"bill": "A."}) == "## bill\n\nOld.\n\nA.\n"
        assert notes.with_prose(notes.parse("## bill\n\nOld." + ending, "n.md"), {"new": "B."}) == \
            "## bill\n\nOld.\n\n## new\n\nB.\n"
