"""The benchmark keeps working: a smoke run at 50 tables (no timing assertions, no peer)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, run_docgen


def _python_m(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def _tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generator_writes_the_same_bytes_for_the_same_number_of_tables(tmp_path):
    for name in ("a", "b"):
        assert _python_m("benchmarks.generate", "60", str(tmp_path / name)).returncode == 0
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    assert {"pyproject.toml", "bench_models/__init__.py", "bench_models/m000.py", "bench_models/m001.py"} <= set(first)


def test_smoke_run_measures_every_command_and_writes_the_performance_page(tmp_path):
    work, page = tmp_path / "work", tmp_path / "performance.md"
    result = _python_m("benchmarks.run", "--sizes", "50", "--runs", "1", "--no-peer",
                       "--work", str(work), "--output", str(page))
    assert result.returncode == 0, result.stdout + result.stderr

    process_table, phases_table = result.stdout.split("\n\n")
    rows = [line for line in process_table.splitlines() if line.replace(" ", "").startswith("|50|")]
    commands = {row.split("|")[2].strip() for row in rows}
    expected = {"import models (floor)", "docgen build", "docgen check", "docgen build --no-pages", "docgen check --no-pages",
                "docgen lint", "docgen coverage", "docgen check --cache (2nd run)", "docgen lint --cache (2nd run)",
                "docgen coverage --cache (2nd run)"}
    assert commands == expected
    phase_rows = [line.split("|")[2:-1] for line in phases_table.splitlines() if line.replace(" ", "").startswith("|50|")]
    assert {cells[0].strip() for cells in phase_rows} == {"docgen check", "docgen check --no-pages"}
    for cells in phase_rows:  # every phase took some time, and own is the sum of docgen's phases
        runs, models, *phases, own, per_table, share = (float(c) for c in cells[1:])
        assert models > 0 and all(p > 0 for p in phases)
        assert own == pytest.approx(sum(phases), abs=0.002)
        half = 0.0005  # every figure is printed to 3 decimals, so each is off by at most half a unit
        assert (own - half) / 50 * 1000 - half <= per_table <= (own + half) / 50 * 1000 + half
        assert (own - half) / (models + half) - half <= share <= (own + half) / (models - half) + half
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n")
    assert all(row in text for row in rows) and phases_table in text
    assert "| SQLAlchemy |" in text

    project = work / "n50"  # the generated models import, and docgen documents them
    imported = subprocess.run([sys.executable, "-c", "import bench_models; print(len(bench_models.Base.metadata.tables))"],
                              cwd=project, capture_output=True, text=True, timeout=300)
    assert imported.stdout.strip() == "50", imported.stderr
    assert run_docgen("build", cwd=project).returncode == 0
    checked = run_docgen("check", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "docs are fresh: 50 tables" in checked.stdout


def test_live_database_smoke_run_against_a_real_postgresql_server(pg_url):
    """``make bench``'s live-database part on a real server (the tests' own): every command measured, a verdict
    per command. ``--url`` is the empty database the fixture made."""
    result = _python_m("benchmarks.live_database", "--url", pg_url, "--runs", "1", "20")
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in result.stdout.splitlines() if line.replace(" ", "").startswith("|20|"))
    assert len(row.strip("|").split("|")) == 9 and all(cell.strip() for cell in row.strip("|").split("|"))
    assert [line.split("`")[1] for line in result.stdout.splitlines() if "× (wall)" in line] == [
        "docgen check", "docgen check --cache (kept verdict)"]
    assert pg_url.split("@")[0].split(":")[-1] not in result.stdout + result.stderr  # the password


def test_build_and_check_leave_the_migration_machinery_unimported(coaching):
    """alembic (drift only) costs import time and memory that build and check must not pay."""
    script = (
        "import sys\nfrom docgen.cli import main\n"
        "for command in ('build', 'check'):\n"
        "    sys.argv = ['docgen', command]\n"
        "    try:\n        main()\n    except SystemExit as exc:\n        assert not exc.code, exc.code\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=coaching, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False"


def test_linearity_is_judged_only_where_both_own_times_were_measurable():
    """A docgen process that ends before the floor's has a negative own time: no ratio to judge."""
    from benchmarks import table
    from benchmarks.measure import Sample

    def result(n: int, command: str, seconds: float, floor: float) -> table.Result:
        return table.Result(n, command, Sample(seconds, seconds, 1), Sample(floor, floor, 1), runs=3)

    results = [
        result(1000, "docgen check", 5.5, 5.0), result(5000, "docgen check", 28.0, 25.0),  # 0.5 vs 0.6 ms
        result(1000, "docgen build", 4.9, 5.0), result(5000, "docgen build", 26.0, 25.0),  # below the floor at 1,000
    ]
    lines = table.goal_lines(results)
    start = next(i for i, line in enumerate(lines) if line.startswith("- linear"))
    end = next((i for i, line in enumerate(lines) if i > start and line.startswith("- ")), len(lines))
    assert lines[start + 1:end] == ["    - **pass** N = 5,000, `docgen check`: 0.600 vs 0.500 ms"]
