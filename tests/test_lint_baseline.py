"""A lint baseline lets a team adopt lint on an existing schema: accepted findings pass, new ones fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import IN_CI, require, run_docgen, write_project
from test_bad_input import assert_usage_error
from test_trust import _file_size_limit

OLD = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
       "sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('email', sa.String(80)))\n")
NEW_TABLE = "sa.Table('goals', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"


def test_a_baseline_accepts_todays_findings_and_fails_only_on_new_ones(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": OLD})
    assert run_docgen("lint", cwd=project).returncode == 1  # out of the box: findings
    written = run_docgen("lint", "--write-baseline", "lint-baseline.json", cwd=project)
    assert written.returncode == 0, written.stderr
    accepted = json.loads((project / "lint-baseline.json").read_text())["accepted"]
    assert {"rule": "table-description", "subject": "users"} in accepted
    passing = run_docgen("lint", "--baseline", "lint-baseline.json", cwd=project)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert f"{len(accepted)} finding(s) accepted by the baseline lint-baseline.json" in passing.stderr
    assert "users" not in passing.stdout
    (project / "m.py").write_text(OLD + NEW_TABLE)
    failing = run_docgen("lint", "--baseline", "lint-baseline.json", cwd=project)
    assert failing.returncode == 1
    assert "goals" in failing.stdout and "users" not in failing.stdout
    as_json = run_docgen("lint", "--baseline", "lint-baseline.json", "--format", "json", cwd=project)
    assert {f["table"] for f in json.loads(as_json.stdout)["findings"]} == {"goals"}


def test_the_baseline_can_live_in_the_config_and_fixed_entries_are_counted(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"\n[tool.docgen.lint]\nbaseline = "lint-baseline.json"',
                            {"m.py": OLD + NEW_TABLE})
    assert run_docgen("lint", "--write-baseline", "lint-baseline.json", cwd=project).returncode == 0
    (project / "m.py").write_text(OLD)
    result = run_docgen("lint", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no longer found" in result.stderr


def test_a_missing_or_foreign_baseline_is_one_line(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": OLD, "other.json": '{"a": 1}'})
    assert_usage_error(run_docgen("lint", "--baseline", "nope.json", cwd=project), "nope.json not found", "--write-baseline")
    assert_usage_error(run_docgen("lint", "--baseline", "other.json", cwd=project), "not a docgen lint baseline")


def test_a_baseline_the_disk_cannot_take_is_one_line_naming_it_and_leaves_nothing_behind(tmp_path):
    """A read-only file system, then a full one: tmpfs mounts (root). Where mounting is not allowed, CI uses a
    file size limit instead (EFBIG: a write failing part-way all the same)."""
    tables = "".join(f"sa.Table('t{n}', metadata, sa.Column('id', sa.Integer, primary_key=True))\n" for n in range(300))
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": OLD + tables})
    disk = tmp_path / "disk"
    disk.mkdir()
    baseline = disk / "lint-baseline.json"
    for options, reason in (("ro", "Read-only file system"), ("size=8k", "No space left on device")):
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(disk)], capture_output=True)
        if mounted.returncode != 0 and IN_CI:  # a container without CAP_SYS_ADMIN: the file size limit instead
            result = subprocess.run([sys.executable, "-m", "docgen", "lint", "--write-baseline", str(baseline)],
                                    cwd=project, capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit)
            assert_usage_error(result, f"cannot write {baseline}: File too large; nothing was written")
            assert list(disk.iterdir()) == []
            return
        require(mounted.returncode == 0, "a tmpfs mount (root) for a read-only and a full disk")
        try:
            assert_usage_error(run_docgen("lint", "--write-baseline", str(baseline), cwd=project),
                               f"cannot write {baseline}: {reason}")
            assert list(disk.iterdir()) == []
        finally:
            subprocess.run(["umount", str(disk)], check=True)


def test_a_baseline_path_that_links_to_a_fifo_is_refused_by_the_name_given(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": OLD})
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (project / "lint-baseline.json").symlink_to(fifo)
    assert_usage_error(run_docgen("lint", "--write-baseline", "lint-baseline.json", cwd=project),
                       "lint-baseline.json is a FIFO (named pipe) (through a symbolic link), not a regular file")


def test_a_baseline_file_that_can_only_be_appended_to_is_one_line_and_left_as_it_was(tmp_path):
    """``chattr +a``: writable, so every check before the write passes; the rename onto it fails (EPERM)."""
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": OLD, "lint-baseline.json": "kept\n"})
    baseline = project / "lint-baseline.json"
    appended = subprocess.run(["chattr", "+a", str(baseline)], capture_output=True, text=True)
    require(appended.returncode == 0, f"chattr +a (root, a file system with attributes): {appended.stderr.strip()}")
    try:
        assert_usage_error(run_docgen("lint", "--write-baseline", "lint-baseline.json", cwd=project),
                           "cannot write lint-baseline.json: Operation not permitted")
    finally:
        subprocess.run(["chattr", "-a", str(baseline)], check=True)
    assert baseline.read_text() == "kept\n"
    assert sorted(p.name for p in project.iterdir()) == ["lint-baseline.json", "m.py", "pyproject.toml"]
