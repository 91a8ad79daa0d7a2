"""Files that are not files: docgen reads and writes only regular files (or links to one), and never blocks.

A FIFO, a device or a socket at the output, a page, the notes or
pyproject.toml — directly or behind a symbolic link — is refused with one
line and exit 2 before anything is read from it or written to it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_project
from migration_chains import shop
from test_bad_input import assert_usage_error

MODELS = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command line, with a short timeout: a run that blocks on a FIFO fails the test instead of hanging."""
    return subprocess.run([sys.executable, "-m", "docgen", *args], cwd=cwd, capture_output=True, text=True, timeout=30)


def _project(tmp_path: Path, extra: str = "") -> Path:
    return write_project(tmp_path / "p", f'models = "m:metadata"\n{extra}', {"m.py": MODELS})


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_fifo_as_the_document_is_refused_without_blocking(tmp_path, command):
    project = _project(tmp_path)
    _fifo(project / "docs" / "DATABASE_SCHEMA.md")
    assert_usage_error(_run(command, cwd=project), "docs/DATABASE_SCHEMA.md", "not a regular file", "FIFO")
    assert not (project / "docs" / "DATABASE_SCHEMA.md").is_file()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_link_to_a_fifo_as_the_document_is_refused_and_the_fifo_stays(tmp_path, command):
    project = _project(tmp_path)
    fifo = _fifo(tmp_path / "elsewhere" / "pipe")
    (project / "docs").mkdir()
    (project / "docs" / "DATABASE_SCHEMA.md").symlink_to(fifo)
    assert_usage_error(_run(command, cwd=project), "not a regular file")
    assert fifo.is_fifo()
    assert (project / "docs" / "DATABASE_SCHEMA.md").is_symlink()


def test_a_link_to_a_character_device_is_never_replaced(tmp_path):
    """The case of ``ln -s /dev/null docs/DATABASE_SCHEMA.md`` as root, with a device of the test's own."""
    project = _project(tmp_path)
    (project / "docs").mkdir()
    (project / "docs" / "DATABASE_SCHEMA.md").symlink_to("/dev/zero")  # endless to read: a reader would not stop
    assert_usage_error(_run("build", cwd=project), "not a regular file", "character device")
    assert Path("/dev/zero").is_char_device()
    assert not list((project / "docs").glob(".docgen-*"))


def test_a_fifo_as_the_notes_is_refused_without_blocking(tmp_path):
    project = _project(tmp_path, 'notes = "docs/notes.md"')
    _fifo(project / "docs" / "notes.md")
    assert_usage_error(_run("check", cwd=project), "docs/notes.md", "not a regular file")


def test_a_fifo_where_a_page_goes_is_refused_without_blocking_and_other_fifos_are_left_alone(tmp_path):
    project = _project(tmp_path)
    assert _run("build", cwd=project).returncode == 0
    _fifo(project / "docs" / "schema" / "not-ours.md")  # no header: not docgen's, never opened
    assert _run("check", cwd=project).returncode == 0
    (project / "docs" / "schema" / "t.md").unlink()
    _fifo(project / "docs" / "schema" / "t.md")
    assert_usage_error(_run("check", cwd=project), "docs/schema/t.md", "not a regular file")
    assert_usage_error(_run("build", cwd=project), "docs/schema/t.md", "not a regular file")
    assert (project / "docs" / "schema" / "t.md").is_fifo()


def test_a_socket_as_pyproject_is_refused_without_blocking(tmp_path):
    project = _project(tmp_path)
    os.rename(project / "pyproject.toml", project / "real.toml")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(project / "pyproject.toml"))
        assert_usage_error(_run("build", "--config", "pyproject.toml", cwd=project), "pyproject.toml", "not a regular file")
    finally:
        server.close()


@pytest.mark.parametrize("where", ["alembic.ini", "migrations/env.py", "migrations/versions/005_pipe.py"])
def test_a_fifo_among_the_migrations_is_refused_without_blocking(tmp_path, where):
    """``history`` and ``drift --migrations`` hand the ini, env.py and the revision files to alembic, whose
    reads would block on a FIFO: each is checked first."""
    project = shop(tmp_path / "shop")
    (project / where).unlink(missing_ok=True)
    _fifo(project / where)
    assert_usage_error(_run("history", cwd=project), where, "FIFO", "not a regular file")
    assert_usage_error(_run("drift", "--migrations", "alembic.ini", cwd=project), where, "FIFO")


def test_a_fifo_as_a_diff_snapshot_is_refused_without_blocking(tmp_path):
    project = _project(tmp_path)
    (project / "old.json").write_text(_run("inspect", "--json", cwd=project).stdout, encoding="utf-8")
    _fifo(project / "new.json")
    assert_usage_error(_run("diff", "old.json", "new.json", cwd=project), "new.json", "FIFO")
