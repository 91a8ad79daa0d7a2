"""Where docgen finds its configuration, and how flags and paths combine."""

from __future__ import annotations

from conftest import run_docgen, write_project

TABLE = "from sqlalchemy import Column, Integer, MetaData, Table\nmetadata = MetaData()\nTable('{name}', metadata, Column('id', Integer, primary_key=True))\n"


def test_run_from_a_subdirectory_uses_the_nearest_pyproject_and_its_root(tmp_path):
    project = write_project(
        tmp_path / "p", 'models = "app.models:metadata"\noutput = "docs/schema.md"',
        {"app/__init__.py": "", "app/models.py": TABLE.format(name="orders"), "app/sub/x.txt": ""},
    )
    result = run_docgen("build", cwd=project / "app" / "sub")
    assert result.returncode == 0, result.stderr
    assert "wrote docs/schema.md" in result.stdout
    assert "## orders" in (project / "docs" / "schema.md").read_text()


def test_flags_win_over_the_file_and_relative_flag_paths_are_from_the_working_directory(tmp_path):
    project = write_project(
        tmp_path / "p", 'models = "a:metadata"',
        {"a.py": TABLE.format(name="from_a"), "b.py": TABLE.format(name="from_b"), "out/.keep": ""},
    )
    result = run_docgen("build", "--models", "b:metadata", "--output", "here.md", cwd=project / "out")
    assert result.returncode == 0, result.stderr
    text = (project / "out" / "here.md").read_text()
    assert "## from_b" in text and "from_a" not in text


def test_config_option_picks_another_pyproject(tmp_path):
    project = write_project(tmp_path / "p", 'models = "a:metadata"', {"a.py": TABLE.format(name="picked")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_docgen("build", "--config", str(project / "pyproject.toml"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "## picked" in (project / "docs" / "DATABASE_SCHEMA.md").read_text()


def test_user_templates_override_a_single_builtin_template(tmp_path):
    project = write_project(
        tmp_path / "p", 'models = "a:metadata"\ntemplates = "tpl"',
        {"a.py": TABLE.format(name="orders"), "tpl/table.md.j2": "## {{ table.name }} (custom)\n"},
    )
    assert run_docgen("build", cwd=project).returncode == 0
    text = (project / "docs" / "DATABASE_SCHEMA.md").read_text()
    assert "## orders (custom)" in text
    assert "| [orders](#orders-table) | 1 |" in text  # schema.md.j2 is still the built-in one


def test_a_template_is_rendered_whole_however_many_empty_pieces_it_yields(tmp_path):
    """Rendered text is joined in batches (memory); a long run of empty output must not end it early."""
    template = '{% for i in range(20000) %}{{ "" }}{% endfor %}## {{ table.name }} after the empty pieces\n'
    project = write_project(
        tmp_path / "p", 'models = "a:metadata"\ntemplates = "tpl"',
        {"a.py": TABLE.format(name="orders"), "tpl/table.md.j2": template},
    )
    assert run_docgen("build", "--no-pages", cwd=project).returncode == 0
    assert "## orders after the empty pieces" in (project / "docs" / "DATABASE_SCHEMA.md").read_text()
