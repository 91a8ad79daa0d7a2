"""Every input a user can get wrong: one clear line on stderr, exit code 2, nothing written."""

from __future__ import annotations

import pytest
from conftest import run_docgen, write_project

TABLE = "from sqlalchemy import Column, Integer, MetaData, Table\nmetadata = MetaData()\nTable('t', metadata, Column('id', Integer, primary_key=True))\n"


def assert_usage_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one line, never a traceback
    assert lines[0].startswith("docgen: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


CASES = {
    "import path without a colon": ('models = "app.models"', {}, ["invalid models path 'app.models'", "package.module:attribute"]),
    "module not found": ('models = "nowhere.models:Base"', {}, ["models module 'nowhere.models' not found"]),
    "attribute missing": ('models = "models:Base"', {"models.py": TABLE}, ["module 'models' has no attribute 'Base'"]),
    "attribute of the wrong kind": (
        'models = "models:Table"',
        {"models.py": TABLE},
        ["'models:Table' is the class Table, not a MetaData, a declarative base or registry", "try 'models:metadata'"],
    ),
    "models module raises on import": (
        'models = "models:metadata"',
        {"models.py": "raise RuntimeError('DATABASE_URL is not set')\n"},
        ["importing models module 'models' failed: RuntimeError: DATABASE_URL is not set"],
    ),
    "models module imports a missing package": (
        'models = "models:metadata"',
        {"models.py": "import geoalchemy9\n"},
        ["importing models module 'models' failed: ModuleNotFoundError: No module named 'geoalchemy9'"],
    ),
    "no tables": (
        'models = "models:metadata"',
        {"models.py": "from sqlalchemy import MetaData\nmetadata = MetaData()\n"},
        ["no tables found in 'models:metadata'"],
    ),
    "foreign key to a table that is not loaded": (
        'models = "models:metadata"',
        {"models.py": TABLE + "from sqlalchemy import ForeignKey\n"
                              "Table('orders', metadata, Column('id', Integer, primary_key=True), "
                              "Column('customer_id', Integer, ForeignKey('customers.id')))\n"},
        ["foreign key orders.customer_id references table 'customers'", "which is not loaded", "import"],
    ),
    "no source configured": ("", {}, ["no schema source", "--models"]),
    "unknown config key": ('models = "models:metadata"\nouptut = "x.md"', {"models.py": TABLE}, ["unknown key 'ouptut'"]),
    "config value of the wrong type": ('models = "models:metadata"\ner-max-tables = "many"', {"models.py": TABLE}, ["er-max-tables must be an integer", "'many'"]),
    "templates directory missing": ('models = "models:metadata"\ntemplates = "mytemplates"', {"models.py": TABLE}, ["templates directory", "mytemplates does not exist"]),
    "unknown dialect": ('models = "models:metadata"\ndialect = "oracle9"', {"models.py": TABLE}, ["unknown dialect 'oracle9'"]),
    "user template with a syntax error": (
        'models = "models:metadata"\ntemplates = "tpl"',
        {"models.py": TABLE, "tpl/table.md.j2": "# {{ table.name }}\n\n{% for c in table.columns %}\n{{ c.name }\n"},
        ["template error in", "table.md.j2, line 4", "unexpected '}'"],
    ),
}


@pytest.mark.parametrize("config, files, fragments", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("command", ["build", "check"])
def test_bad_project_input_is_one_line_and_exit_2(tmp_path, command, config, files, fragments):
    project = write_project(tmp_path / "p", config, files)
    result = run_docgen(command, cwd=project)
    assert_usage_error(result, *fragments)
    assert not (project / "docs").exists()


def test_invalid_toml_names_the_file(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.docgen\nmodels = 1\n")
    assert_usage_error(run_docgen("build", cwd=project), "pyproject.toml: invalid TOML")


def test_invalid_models_flag_overrides_config(tmp_path):
    project = write_project(tmp_path / "p", 'models = "models:metadata"', {"models.py": TABLE})
    assert_usage_error(run_docgen("build", "--models", "models", cwd=project), "invalid models path 'models'")


@pytest.mark.parametrize(
    "doc, fragment",
    [
        ("# S\n<!-- docgen:begin -->\nold\n", "unbalanced or duplicated docgen markers"),
        ("# S\nold\n<!-- docgen:end -->\n", "unbalanced or duplicated docgen markers"),
        ("<!-- docgen:end -->\n<!-- docgen:begin -->\n", "unbalanced or duplicated docgen markers"),
        ("<!-- docgen:begin -->\n<!-- docgen:end -->\n<!-- docgen:begin -->\n<!-- docgen:end -->\n", "2 × <!-- docgen:begin -->"),
    ],
    ids=["begin only", "end only", "end before begin", "duplicated"],
)
def test_broken_markers_are_reported_and_the_doc_is_left_alone(tmp_path, doc, fragment):
    project = write_project(tmp_path / "p", 'models = "models:metadata"', {"models.py": TABLE, "docs/DATABASE_SCHEMA.md": doc})
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, cwd=project), "docs/DATABASE_SCHEMA.md: ", fragment)
    assert (project / "docs" / "DATABASE_SCHEMA.md").read_text() == doc


def test_existing_doc_that_is_not_utf8_is_left_alone(tmp_path):
    project = write_project(tmp_path / "p", 'models = "models:metadata"', {"models.py": TABLE})
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_bytes(b"# Sch\xe9ma\n")
    assert_usage_error(run_docgen("build", cwd=project), "DATABASE_SCHEMA.md is not UTF-8 text")
    assert doc.read_bytes() == b"# Sch\xe9ma\n"


def test_unwritable_output_writes_nothing(tmp_path):
    project = write_project(tmp_path / "p", 'models = "models:metadata"', {"models.py": TABLE, "blocker": "a file\n"})
    result = run_docgen("build", "--output", "blocker/DATABASE_SCHEMA.md", cwd=project)
    assert_usage_error(result, "blocker/DATABASE_SCHEMA.md")
    assert (project / "blocker").read_text() == "a file\n"
    assert sorted(p.name for p in project.iterdir()) == ["blocker", "models.py", "pyproject.toml"]


def test_output_that_is_a_directory(tmp_path):
    project = write_project(tmp_path / "p", 'models = "models:metadata"', {"models.py": TABLE})
    (project / "docs" / "DATABASE_SCHEMA.md").mkdir(parents=True)
    assert_usage_error(run_docgen("build", cwd=project), "is a directory")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["build", "--bogus"], "No such option '--bogus'"),
        (["frob"], "No such command 'frob'"),
        (["check", "--er-max-tables", "-1"], "Invalid value for '--er-max-tables'"),
    ],
)
def test_command_line_mistakes_are_one_line_too(tmp_path, args, fragment):
    # The program itself turns click's usage errors into one line: always a process.
    assert_usage_error(run_docgen(*args, cwd=tmp_path, own_process=True), fragment)
