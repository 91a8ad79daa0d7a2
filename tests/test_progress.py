"""A long import shows progress on stderr when stderr is a terminal — and nothing when it is not (CI logs, pipes)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import write_project

SLOW = ("import time\nimport sqlalchemy as sa\ntime.sleep(3.5)\nmetadata = sa.MetaData()\n"
        "sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")


def _inspect(project, stderr) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", "inspect", "--json"], cwd=project, stdout=subprocess.PIPE,
                          stderr=stderr, timeout=120, env={**os.environ, "TERM": "xterm"})


def test_a_slow_import_shows_progress_on_a_terminal_and_clears_it(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": SLOW})
    leader, follower = pty.openpty()
    try:
        result = _inspect(project, follower)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert b"docgen: importing the models" in shown
    assert shown.rstrip(b"\r\n").endswith(b"\x1b[K")  # the line is cleared once the import is done
    assert result.stdout.startswith(b"{")  # stdout stays JSON


def test_a_slow_import_shows_nothing_when_stderr_is_not_a_terminal(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": SLOW})
    result = _inspect(project, subprocess.PIPE)
    assert result.returncode == 0
    assert result.stderr == b""
