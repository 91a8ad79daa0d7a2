"""The GitHub format stays within what GitHub keeps, and says where the rest is.

GitHub's documented limits: a step's summary (``$GITHUB_STEP_SUMMARY``) may
hold at most 1 MiB — a bigger one is dropped whole ("upload aborted, supports
content up to a size of 1024k"); a step shows at most 10 error annotations.
"""

from __future__ import annotations

import re
import sqlite3

from conftest import run_docgen, write_project

from docgen.formats import commands, github

TABLES = 700


def _models(letter: str) -> str:
    lines = ["import sqlalchemy as sa", "metadata = sa.MetaData()"]
    lines += [f"sa.Table('t{n}', metadata, sa.Column('id', sa.Integer, primary_key=True), comment={letter * 900!r})"
              for n in range(TABLES)]
    return "\n".join(lines) + "\n"


def test_a_huge_change_gives_a_summary_under_1_mib_and_ten_annotations_saying_where_the_rest_is(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": _models("a")})
    assert run_docgen("build", "--quiet", cwd=project).returncode == 0
    (project / "m.py").write_text(_models("b"))
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step\n", encoding="utf-8")
    result = run_docgen("check", "--format", "github", cwd=project, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert len(result.stdout.encode()) > 2 * github.SUMMARY_LIMIT  # the whole diff is in the log
    written = summary.read_bytes()
    assert len(written) <= github.SUMMARY_LIMIT
    text = written.decode()
    assert text.startswith("## earlier step\n### docgen check: docs are stale\n")
    assert ("The diff does not fit in the job summary (GitHub keeps at most 1 MiB per step): it is in this step's "
            "log.\n") in text
    names = sorted(f"t{n}" for n in range(TABLES))
    assert f"| changed | {TABLES} | {', '.join(names[:100])}, … and {TABLES - 100} more |\n" in text
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == github.ANNOTATIONS_PER_STEP
    assert f"and {TABLES + 2 - 9} more stale file(s)" in annotations[-1] and "step's log" in annotations[-1]


def test_a_summary_that_fits_is_written_whole(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github.append_step_summary("## all of it\n", "## shorter\n")
    assert summary.read_text() == "## all of it\n"


def test_a_summary_that_fills_the_room_left_exactly_is_written_and_one_byte_more_is_not(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    whole, shorter = "## all of it\n", "## shorter\n"
    summary.write_bytes(b"x" * (github.SUMMARY_LIMIT - len(whole)))
    github.append_step_summary(whole, shorter)
    assert summary.read_bytes().endswith(b"x## all of it\n") and summary.stat().st_size == github.SUMMARY_LIMIT
    summary.write_bytes(b"x" * (github.SUMMARY_LIMIT - len(whole) + 1))
    github.append_step_summary(whole, shorter)
    assert summary.read_bytes().endswith(b"x## shorter\n") and summary.stat().st_size <= github.SUMMARY_LIMIT


def test_a_summary_that_does_not_fit_leaves_one_line_saying_how_big_it_is_and_where_it_is(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    summary.write_bytes(b"x" * (github.SUMMARY_LIMIT - 300))
    line = ("docgen's summary (5 KiB) does not fit in the job summary (GitHub keeps at most 1 MiB per step): "
            "it is in this step's log.\n")
    github.append_step_summary("y" * 5 * 1024)  # 5 KiB, no shorter form
    assert summary.read_bytes()[github.SUMMARY_LIMIT - 300:].decode() == line
    github.append_step_summary("z" * 5 * 1024, "also too long " * 30)  # neither fits: the line
    assert summary.read_bytes()[github.SUMMARY_LIMIT - 300:].decode() == line * 2


def test_ten_annotations_are_all_shown_and_the_eleventh_makes_the_tenth_count_the_rest():
    ten = [f"::error::finding {n}" for n in range(10)]
    assert github.capped(ten, "finding(s)", "docgen lint") == ten
    capped = github.capped([*ten, "::error::finding 10"], "finding(s)", "docgen lint")
    assert capped[:9] == ten[:9] and len(capped) == 10
    assert commands.inert(capped[9]) == ("::error title=docgen lint%3A more::and 2 more finding(s): GitHub shows 10 "
                                         "annotations per step; all are listed in this step's log")


def test_drift_and_lint_past_ten_findings_count_the_rest_in_the_tenth_annotation(tmp_path):
    tables = "".join(f"sa.Table('t{n}', metadata, sa.Column('id', sa.Integer, primary_key=True))\n" for n in range(12))
    project = write_project(tmp_path / "p", 'models = "m:metadata"',
                            {"m.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\n" + tables})
    database = tmp_path / "empty.db"
    sqlite3.connect(database).close()
    drift = run_docgen("drift", "--database-url", f"sqlite:///{database}", "--format", "github", cwd=project)
    lint = run_docgen("lint", "--format", "github", cwd=project)
    for result, title in ((drift, "docgen drift"), (lint, "docgen lint")):
        assert result.returncode == 1, result.stderr
        annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
        assert len(annotations) == github.ANNOTATIONS_PER_STEP
        assert annotations[-1].startswith(f"::error title={title}%3A more::and ")
        assert re.search(r"::and \d+ more finding\(s\): GitHub shows 10 annotations per step", annotations[-1])
