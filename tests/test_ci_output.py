"""What CI reads: check/drift --format json|github (annotations, step summary), --quiet, summarised reports."""

from __future__ import annotations

import json

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
    assert "<details><summary>Diff</summary>" in text and "-stale text\n" in text


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
