"""What CI reads: check/drift --format json|github (annotations, step summary), --quiet, summarised reports."""

from __future__ import annotations

import json

import pytest
from conftest import run_docgen, write_project


def test_check_json_is_fresh_then_names_the_stale_file_and_its_first_differing_line(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    fresh = run_docgen("check", "--format", "json", cwd=coaching)
    assert fresh.returncode == 0
    data = json.loads(fresh.stdout)
    assert (data["fresh"], data["stale_files"], data["format"]) == (True, [], 1)
    assert data["tables"]["unchanged"] == 15 and data["files_checked"] == 17

    page = coaching / "docs" / "schema" / "goals.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[6] = "hand edit"  # line 7
    page.write_text("\n".join(lines), encoding="utf-8")
    (coaching / "docs" / "schema" / "users.md").unlink()
    stale = run_docgen("check", "--format", "json", cwd=coaching)
    assert stale.returncode == 1
    data = json.loads(stale.stdout)  # stdout is the JSON document and nothing else
    assert data["fresh"] is False
    assert data["stale_files"] == [
        {"path": "docs/schema/goals.md", "status": "changed", "line": 7},
        {"path": "docs/schema/users.md", "status": "missing", "line": 1},
    ]
    assert data["tables"]["changed"] == ["goals", "users"]


def test_check_github_annotates_each_stale_file_and_writes_the_step_summary(coaching, tmp_path):
    assert run_docgen("build", cwd=coaching).returncode == 0
    page = coaching / "docs" / "schema" / "tasks.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[2] = "stale text"
    page.write_text("\n".join(lines), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step\n", encoding="utf-8")
    result = run_docgen("check", "--format", "github", cwd=coaching, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert "docs are stale: 1 file(s) differ" in result.stdout  # the text report is kept for the log
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=docs/schema/tasks.md,line=3,title=docgen check%3A docs are stale::"
        "docs/schema/tasks.md differs from the schema: run `docgen build` and commit the result"
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## earlier step\n### docgen check: docs are stale\n")
    assert "| changed | 1 | tasks |" in text
    assert "<details><summary>Diff</summary>\n\n```diff\n--- docs/schema/tasks.md (on disk)\n" in text
    assert "-stale text\n" in text and text.endswith("\n```\n\n</details>\n")


def test_check_github_outside_actions_prints_annotations_only(coaching):
    result = run_docgen("check", "--format", "github", cwd=coaching, env={"GITHUB_STEP_SUMMARY": ""})
    assert result.returncode == 1
    assert "::error file=docs/DATABASE_SCHEMA.md,line=1," in result.stdout


def test_drift_formats_json_is_the_old_json_flag_and_github_annotates_findings(coaching, tmp_path):
    ini = "coaching/alembic.ini"
    as_format = run_docgen("drift", "--migrations", ini, "--revision", "002", "--format", "json", cwd=coaching)
    as_flag = run_docgen("drift", "--migrations", ini, "--revision", "002", "--json", cwd=coaching)
    assert as_format.returncode == as_flag.returncode == 1
    assert as_format.stdout == as_flag.stdout
    findings = json.loads(as_format.stdout)["findings"]

    summary = tmp_path / "summary.md"
    result = run_docgen("drift", "--migrations", ini, "--revision", "002", "--format", "github", cwd=coaching,
                        env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    if len(findings) <= 10:
        assert len(annotations) == len(findings)
    else:  # GitHub shows 10 annotations per step: the first nine, then one counting the rest
        assert len(annotations) == 10 and f"and {len(findings) - 9} more finding(s)" in annotations[-1]
    assert "::error title=docgen drift::backburner: table only in the database (looks like a rename of backburner_items)" in annotations[:9]
    text = summary.read_text(encoding="utf-8")
    assert f"**Drift: {len(findings)} difference(s).**" in text and "<details><summary>Findings</summary>" in text


def test_quiet_prints_the_verdict_only(coaching):
    build = run_docgen("build", "--quiet", cwd=coaching)
    assert build.returncode == 0
    assert build.stdout == "wrote 1 file and 16 pages\n"
    check = run_docgen("check", "-q", cwd=coaching)
    assert check.stdout == "docs are fresh: 15 tables, 17 file(s) checked\n"
    (coaching / "docs" / "schema" / "goals.md").unlink()
    stale = run_docgen("check", "-q", cwd=coaching)
    assert stale.returncode == 1
    assert stale.stdout == "docs are stale: 1 file(s) differ from the schema: run `docgen build` and commit the result\n"


def test_a_big_build_is_summarised_not_listed_file_by_file(tmp_path):
    models = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
              "for n in range(40):\n    sa.Table(f't{n:02}', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")
    project = write_project(tmp_path / "big", 'models = "big:metadata"', {"big.py": models})
    result = run_docgen("build", cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "wrote 1 file and 41 pages"
    assert "  added: t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, … (40 in all)" in result.stdout
    (project / "big.py").write_text(models.replace("range(40)", "range(5)"), encoding="utf-8")
    again = run_docgen("build", cwd=project)
    assert again.stdout.splitlines()[-1] == "wrote 1 file and 1 page; deleted 35 stale pages"


def test_inspect_help_lists_only_options_that_apply_to_it(tmp_path):
    result = run_docgen("inspect", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for applies in ("--models", "--database-url", "--include", "--exclude", "--dialect", "--json"):
        assert applies in result.stdout
    for other in ("--output", "--pages-dir", "--templates", "--er-max-tables", "--notes", "--legacy-table"):
        assert other not in result.stdout


def test_json_spells_names_as_written_not_as_escapes(tmp_path):
    """People read the JSON in CI logs too: a name outside ASCII is written as it is (UTF-8), not as \\u escapes."""
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": (
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
        "sa.Table('Ünïcödé', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")})
    result = run_docgen("check", "--format", "json", cwd=project)
    assert result.returncode == 1
    assert '"added": [\n      "Ünïcödé"\n    ]' in result.stdout


def test_check_says_which_notes_are_stale_unless_quiet(tmp_path):
    """A note about a table no longer in the schema is kept in the notes file: every check says so."""
    models = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
    project = write_project(tmp_path / "p", 'models = "m:metadata"\nnotes = "docs/notes.md"',
                            {"m.py": models, "docs/notes.md": "# Notes\n\n## gone\n\nA table since dropped.\n"})
    assert run_docgen("build", cwd=project).returncode == 0
    note = "docs/notes.md: 1 stale note(s), kept (edit or delete them):\n"
    fresh, quiet = run_docgen("check", cwd=project), run_docgen("check", "--quiet", cwd=project)
    assert (fresh.returncode, quiet.returncode) == (0, 0)
    assert note in fresh.stdout and "stale note" not in quiet.stdout
    (project / "m.py").write_text(models.replace("primary_key=True)", "primary_key=True), sa.Column('x', sa.Text)"))
    stale = run_docgen("check", cwd=project)
    assert stale.returncode == 1 and note in stale.stdout


def _tables(*names: str, extra: str = "") -> str:
    """Models of one table per name (``extra``: more of the first table's columns)."""
    tables = [f"sa.Table({name!r}, metadata, sa.Column('id', sa.Integer, primary_key=True){extra if i == 0 else ''})\n"
              for i, name in enumerate(names)]
    return "import sqlalchemy as sa\nmetadata = sa.MetaData()\n" + "".join(tables)


def _check_summary(project, tmp_path) -> str:
    """The step summary ``check --format github`` writes for a stale project."""
    summary = tmp_path / "summary.md"
    result = run_docgen("check", "--format", "github", cwd=project, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1, result.stdout + result.stderr
    return summary.read_text(encoding="utf-8")


def test_check_summary_counts_and_names_each_kind_of_table_change_in_a_table(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"\npages = false',
                            {"m.py": _tables("changed_one", "dropped", "left_out")})
    assert run_docgen("build", cwd=project).returncode == 0
    (project / "pyproject.toml").write_text('[tool.docgen]\nmodels = "m:metadata"\npages = false\n'
                                            'exclude = ["left_out"]\n', encoding="utf-8")
    (project / "m.py").write_text(_tables("changed_one", "left_out", "new_one", extra=", sa.Column('x', sa.Text)"))
    summary = _check_summary(project, tmp_path)
    assert summary.split("<details>")[0] == (
        "### docgen check: docs are stale\n\n"
        "1 file(s) differ from the schema: run `docgen build` and commit the result.\n\n"
        "| Tables | Count | Names |\n| --- | ---: | --- |\n"
        "| added | 1 | new_one |\n| removed | 1 | dropped |\n| left out by include/exclude | 1 | left_out |\n"
        "| changed | 1 | changed_one |\n\n"
    )
    # The diff holds the diagram's ``` fence: its own fence is one backtick longer, so it stays whole.
    assert "\n ```\n" in summary  # a context line of the diff: the end of the diagram
    assert summary.endswith("\n````\n\n</details>\n") and "<details><summary>Diff</summary>\n\n````diff\n" in summary


@pytest.mark.parametrize("count", [100, 102])
def test_check_summary_names_a_hundred_tables_and_counts_the_rest(tmp_path, count):
    names = [f"t{n:03}" for n in range(count)]
    project = write_project(tmp_path / "p", 'models = "m:metadata"\npages = false', {"m.py": _tables(*names)})
    more = ", … and 2 more" if count > 100 else ""
    assert f"| added | {count} | {', '.join(names[:100])}{more} |\n" in _check_summary(project, tmp_path)


def test_drift_summary_says_what_was_compared_and_counts_each_kind_of_finding(tmp_path):
    """The drift step summary: no drift in one line, else a count per kind of finding and the findings folded."""
    import sqlite3

    project = write_project(tmp_path / "p", 'models = "m:metadata"\ndatabase-url = "sqlite:///app.db"',
                            {"m.py": _tables("users", "orders")})
    with sqlite3.connect(project / "app.db") as connection:
        connection.executescript("CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY);\n"
                                 "CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY);\n")
    connection.close()
    summary = tmp_path / "summary.md"

    def drift(code: int) -> str:
        summary.write_text("", encoding="utf-8")
        result = run_docgen("drift", "--format", "github", cwd=project, env={"GITHUB_STEP_SUMMARY": str(summary)})
        assert result.returncode == code, result.stdout + result.stderr
        return summary.read_text(encoding="utf-8")

    head = f"### docgen drift\n\nModels `m:metadata` compared with sqlite:///{project / 'app.db'}.\n\n"
    assert drift(0) == head + "No drift: the database matches the models (2 tables).\n"
    (project / "m.py").write_text(_tables("users", "orders", extra=", sa.Column('x', sa.Text), sa.Column('y', sa.Text)"))
    with sqlite3.connect(project / "app.db") as connection:
        connection.execute("CREATE TABLE audit (id INTEGER NOT NULL PRIMARY KEY)")
    connection.close()
    assert drift(1) == head + (
        "**Drift: 3 difference(s).**\n\n| Finding | Count |\n| --- | ---: |\n"
        "| table only in the database | 1 |\n| column missing in the database | 2 |\n\n"
        "<details><summary>Findings</summary>\n\n- audit: table only in the database\n"
        "- users: column missing in the database: x TEXT NULL\n- users: column missing in the database: y TEXT NULL\n"
        "\n</details>\n")
