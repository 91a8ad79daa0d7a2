"""Smaller things a user trips over, each said the way it is (issue 21, item 12, the part that is done)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_docgen, write_project
from test_bad_input import assert_usage_error

TABLE = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
         "sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")


def test_a_sqlite_url_naming_a_directory_says_it_is_a_directory(tmp_path):
    project = write_project(tmp_path / "p", "", {"data/keep": ""})
    assert_usage_error(run_docgen("inspect", "--database-url", "sqlite:///data", cwd=project), "data", "is a directory")


def test_an_unknown_rule_given_as_a_flag_blames_the_flag_not_the_config_file(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": TABLE})
    result = run_docgen("lint", "--enable", "nope", cwd=project)
    assert_usage_error(result, "--enable/--disable", "unknown lint rule 'nope'")
    assert "[tool.docgen.lint]" not in result.stderr


def test_a_lint_glob_with_an_unclosed_bracket_is_refused(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"\n[tool.docgen.lint]\nexclude = ["[unclosed"]',
                            {"m.py": TABLE})
    assert_usage_error(run_docgen("lint", cwd=project), "[tool.docgen.lint]", "'[unclosed'", "unclosed [")


def test_a_marker_in_an_indented_code_block_is_text(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": TABLE})
    assert run_docgen("build", cwd=project).returncode == 0
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.write_text("Mark it like this:\n\n    <!-- docgen:begin -->\n    <!-- docgen:end -->\n\n" + doc.read_text())
    assert run_docgen("check", cwd=project).returncode == 0
    assert run_docgen("build", cwd=project).returncode == 0


def test_a_dangling_foreign_key_into_a_plain_module_suggests_that_module(tmp_path):
    models = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
              "sa.Table('orders', metadata, sa.Column('id', sa.Integer, primary_key=True), "
              "sa.Column('user_id', sa.ForeignKey('users.id')))\n")
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": models})
    result = run_docgen("check", cwd=project)
    assert_usage_error(result, "references table 'users'")
    assert "m.*" not in result.stderr


def test_sqlite_in_memory_uris_are_in_memory_and_a_file_uri_without_uri_true_says_what_is_missing(tmp_path):
    """``file::memory:`` and ``mode=memory`` (with ``uri=true``) are SQLite's in-memory databases: nothing to
    find on disk, so docgen says they are empty, as for ``:memory:``; without ``uri=true`` SQLite takes
    ``file:...`` for a file name, and docgen says that is what is missing."""
    project = write_project(tmp_path / "p", "")
    for url in ("sqlite:///file::memory:?uri=true", "sqlite:///file:db1?mode=memory&uri=true", "sqlite:///:memory:"):
        assert_usage_error(run_docgen("inspect", "--database-url", url, cwd=project), "no tables in")
    assert_usage_error(run_docgen("inspect", "--database-url", "sqlite:///file::memory:", cwd=project),
                       "does not exist", "a file: URI needs ?uri=true")
    assert list(project.iterdir()) == [project / "pyproject.toml"]  # no database file made


def test_a_fifo_as_the_sqlite_database_is_named_a_fifo(tmp_path):
    project = write_project(tmp_path / "p", "")
    os.mkfifo(project / "app.db")
    assert_usage_error(run_docgen("inspect", "--database-url", "sqlite:///app.db", cwd=project),
                       "app.db is a FIFO (named pipe), not a regular file")


@pytest.mark.parametrize("begin, end, top", [("<!--docgen:begin-->", "<!--docgen:end-->", "# Schema\n"),
                                             ("<!-- DOCGEN:BEGIN -->", "<!-- DOCGEN:END -->", "\n# Schema\n"),
                                             ("<!-- docgen:begin -->", "<!-- Docgen: End -->", "# Schema\n")])
def test_a_marker_written_another_way_is_named_not_ignored(tmp_path, begin, end, top):
    """Taken for a legacy document, it would get a second block after the user's own: refused, line named."""
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": TABLE})
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text(text := f"{top}\nIntro.\n\n{begin}\nold\n{end}\n")
    wrong, exactly = (begin, "<!-- docgen:begin -->") if begin != "<!-- docgen:begin -->" else (end, "<!-- docgen:end -->")
    line = text.splitlines().index(wrong) + 1
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, cwd=project), f"DATABASE_SCHEMA.md, line {line}: {wrong!r} is not "
                           f"docgen's marker: write it exactly {exactly}")
    assert doc.read_text() == text


def test_a_marker_written_another_way_inside_code_is_text(tmp_path):
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": TABLE})
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text("# Schema\n\n```\n<!--docgen:begin-->\n```\n\n    <!-- DOCGEN:END -->\n")
    assert run_docgen("build", cwd=project).returncode == 0
    assert doc.read_text().count("<!-- docgen:begin -->") == 1 and "<!--docgen:begin-->" in doc.read_text()


def test_tables_left_out_by_exclude_are_said_so_not_removed(tmp_path):
    """A documented table that --exclude (or include/exclude in the config) leaves out is not gone from the
    schema: check says it is left out (text, JSON, step summary), and a table really gone is still removed."""
    models = TABLE + "sa.Table('audit_log', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
    project = write_project(tmp_path / "p", 'models = "m:metadata"', {"m.py": models + (
        "sa.Table('old_table', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")})
    assert run_docgen("build", cwd=project).returncode == 0
    (project / "m.py").write_text(models)
    text = run_docgen("check", "--exclude", "audit_*", cwd=project)
    assert text.returncode == 1
    assert "tables: 0 added, 1 removed (stale), 1 left out by include/exclude, 0 changed, 1 unchanged\n" in text.stdout
    assert "  left out by include/exclude (documented, their docs go): audit_log\n" in text.stdout
    assert "  removed (stale: documented but not in the schema): old_table\n" in text.stdout
    tables = json.loads(run_docgen("check", "--exclude", "audit_*", "--format", "json", cwd=project).stdout)["tables"]
    assert (tables["removed"], tables["excluded"]) == (["old_table"], ["audit_log"])
    summary = tmp_path / "summary.md"
    run_docgen("check", "--exclude", "audit_*", "--format", "github", cwd=project,
               env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert "| left out by include/exclude | 1 | audit_log |\n" in summary.read_text()
