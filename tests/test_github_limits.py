"""The GitHub format stays within what GitHub keeps, and says where the rest is.

GitHub's documented limits: a step's summary (``$GITHUB_STEP_SUMMARY``) may
hold at most 1 MiB — a bigger one is dropped whole ("upload aborted, supports
content up to a size of 1024k"); a step shows at most 10 error annotations.
"""

from __future__ import annotations

from conftest import run_docgen, write_project

from docgen.formats import github

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
    assert "does not fit in the job summary" in text and "this step's log" in text
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == github.ANNOTATIONS_PER_STEP
    assert f"and {TABLES + 2 - 9} more stale file(s)" in annotations[-1] and "step's log" in annotations[-1]


def test_a_summary_that_fits_is_written_whole(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github.append_step_summary("## all of it\n", "## shorter\n")
    assert summary.read_text() == "## all of it\n"
