"""A document checked out with CRLF line endings reads exactly like the LF one: same counts, same changes."""

from __future__ import annotations

import json

from conftest import run_docgen, write_project
from test_bad_input import assert_usage_error

MODELS = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
          "sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
          "sa.Table('goals', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")


def _to_crlf(path):
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_a_crlf_document_counts_its_tables_and_reports_a_changed_table_as_changed(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": MODELS})
    assert run_docgen("build", cwd=project).returncode == 0
    for path in [project / "docs" / "DATABASE_SCHEMA.md", *(project / "docs" / "schema").iterdir()]:
        _to_crlf(path)
    fresh = run_docgen("check", cwd=project)
    assert fresh.returncode == 0 and "docs are fresh: 2 tables" in fresh.stdout, fresh.stdout
    (project / "m.py").write_text(MODELS.replace("sa.Table('goals', metadata, sa.Column('id', sa.Integer, primary_key=True))",
                                                 "sa.Table('goals', metadata, sa.Column('id', sa.BigInteger, primary_key=True))"))
    stale = run_docgen("check", "--format", "json", cwd=project)
    assert stale.returncode == 1
    tables = json.loads(stale.stdout)["tables"]
    assert (tables["added"], tables["removed"], tables["changed"], tables["unchanged"]) == ([], [], ["goals"], 1)
    assert run_docgen("build", cwd=project).returncode == 0
    for path in [project / "docs" / "DATABASE_SCHEMA.md", *(project / "docs" / "schema").iterdir()]:
        data = path.read_bytes()  # each rewritten file keeps its CRLF line endings, every line of it
        assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n"), path
    assert run_docgen("check", cwd=project).returncode == 0


def test_a_document_or_notes_with_cr_alone_is_refused_not_read_as_one_line(tmp_path):
    """Read as one line, a CR-only document had no markers and no sections: build appended a second block."""
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": MODELS})
    assert run_docgen("build", cwd=project).returncode == 0
    for name in ("DATABASE_SCHEMA.md", "schema-notes.md"):
        path = project / "docs" / name
        before = path.read_bytes() if path.exists() else b"## users\n\nPeople.\n"
        path.write_bytes(cr_only := before.replace(b"\n", b"\r"))
        for command in ("build", "check"):
            assert_usage_error(run_docgen(command, cwd=project), name, "CR alone", "LF or CRLF")
        assert path.read_bytes() == cr_only
        path.write_bytes(before)
