"""docgen init: finds the models by reading the project, writes [tool.docgen] keeping pyproject.toml's text, builds."""

from __future__ import annotations

import tomllib

from conftest import run_docgen
from test_discovery import FLASK_APP, SHOP, SQLMODEL_APP, assert_one_line_error

PYPROJECT = '[project]\nname = "shop"   # a comment docgen keeps\nversion = "1.0"\n\n[tool.black]\nline-length = 100\n'


def project(tmp_path, files: dict[str, str], pyproject: str | None = PYPROJECT):
    root = tmp_path / "proj"
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return root


def test_one_base_is_configured_with_its_model_modules_and_built(tmp_path):
    root = project(tmp_path, SHOP)
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith(PYPROJECT)  # the user's text, byte for byte
    assert tomllib.loads(text)["tool"]["docgen"] == {"models": "shop.models.base:Base", "import": ["shop.models.*"]}
    assert sorted(p.name for p in (root / "docs" / "schema").iterdir()) == [
        "index.md", "orders.md", "orders_version.md", "users.md"]
    assert run_docgen("check", cwd=root).returncode == 0
    again = run_docgen("init", cwd=root)
    assert_one_line_error(again, "already has [tool.docgen]")


def test_dry_run_shows_the_table_and_the_build_and_writes_nothing(tmp_path):
    root = project(tmp_path, SHOP)
    result = run_docgen("init", "--dry-run", cwd=root)
    assert result.returncode == 0, result.stderr
    assert 'would append to pyproject.toml:\n[tool.docgen]\nmodels = "shop.models.base:Base"\n' in result.stdout
    assert '+## <a id="users-table"></a>users' in result.stdout and "dry run: 5 file(s) would change; nothing written" in result.stdout
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    assert not (root / "docs").exists()


def test_a_flask_app_without_pyproject_gets_one_naming_db(tmp_path):
    root = project(tmp_path, {"app.py": FLASK_APP}, pyproject=None)
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == '[tool.docgen]\nmodels = "app:db"\n'
    assert (root / "docs" / "schema" / "page_view.md").is_file()


def test_sqlmodel_tables_in_two_modules_are_found_and_both_imported(tmp_path):
    teams = SQLMODEL_APP.replace("Hero", "Team").replace("A hero of the story", "A team of heroes")
    root = project(tmp_path, {"heroes.py": SQLMODEL_APP, "teams.py": teams})
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    written = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docgen"]
    assert written == {"models": "heroes:SQLModel", "import": ["teams"]}
    assert sorted(p.name for p in (root / "docs" / "schema").iterdir()) == ["hero.md", "index.md", "team.md"]


def test_several_candidates_are_listed_and_models_chooses(tmp_path):
    files = {"a.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('x', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
             "b.py": "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n"}
    root = project(tmp_path, files)
    listed = run_docgen("init", cwd=root)
    assert_one_line_error(listed, "found 2 possible models targets: a:metadata (MetaData); b:Base (declarative base)",
                          "docgen init --models a:metadata")
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    chosen = run_docgen("init", "--models", "a:metadata", cwd=root)
    assert chosen.returncode == 0, chosen.stderr
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docgen"] == {"models": "a:metadata"}


def test_no_models_found_is_an_error_and_a_target_that_does_not_load_writes_nothing(tmp_path):
    root = project(tmp_path, {"util.py": "x = 1\n"})
    assert_one_line_error(run_docgen("init", cwd=root), "no models found", "--models")
    assert_one_line_error(run_docgen("init", "--models", "util:x", cwd=root), "'util:x' is an int")
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
