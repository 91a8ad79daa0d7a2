"""docgen init: finds the models by reading the project, writes [tool.docgen] keeping pyproject.toml's text, builds."""

from __future__ import annotations

import tomllib

from conftest import run_docgen
from test_discovery import FLASK_APP, SHOP, SQLMODEL_APP, assert_one_line_error

# SQLModel keeps every table in one metadata per process: two projects' ``hero`` tables clash in one (mutmut's).
SQLMODEL_HAS_ONE_METADATA = True
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


def test_dry_run_shows_the_table_and_writes_nothing(tmp_path):
    root = project(tmp_path, SHOP)
    result = run_docgen("init", "--dry-run", cwd=root)
    assert result.returncode == 0, result.stderr
    assert 'would append to pyproject.toml:\n[tool.docgen]\nmodels = "shop.models.base:Base"\n' in result.stdout
    assert "then `docgen build` would import shop.models.base, shop.models.* and write the docs" in result.stdout
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
    result = run_docgen("init", cwd=root, own_process=SQLMODEL_HAS_ONE_METADATA)
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


# --- issue 21, item 2: pyproject.toml is kept as build keeps the doc ----------------------------

def test_a_crlf_group_writable_pyproject_keeps_its_bytes_line_endings_and_mode(tmp_path):
    root = project(tmp_path, SHOP, pyproject=None)
    original = PYPROJECT.replace("\n", "\r\n").encode()
    (root / "pyproject.toml").write_bytes(original)
    (root / "pyproject.toml").chmod(0o664)
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    written = (root / "pyproject.toml").read_bytes()
    assert written.startswith(original)
    assert written[len(original):] == b'\r\n[tool.docgen]\r\nmodels = "shop.models.base:Base"\r\nimport = ["shop.models.*"]\r\n'
    assert (root / "pyproject.toml").stat().st_mode & 0o777 == 0o664


def test_a_symlinked_pyproject_is_written_through_its_link(tmp_path):
    root = project(tmp_path, SHOP, pyproject=None)
    shared = tmp_path / "shared" / "pyproject.toml"
    shared.parent.mkdir()
    shared.write_text(PYPROJECT, encoding="utf-8")
    (root / "pyproject.toml").symlink_to(shared)
    assert run_docgen("init", cwd=root).returncode == 0
    assert (root / "pyproject.toml").is_symlink()
    assert tomllib.loads(shared.read_text(encoding="utf-8"))["tool"]["docgen"]["models"] == "shop.models.base:Base"


def test_a_read_only_pyproject_is_refused_and_nothing_is_written(tmp_path):
    root = project(tmp_path, SHOP)
    (root / "pyproject.toml").chmod(0o444)
    assert_one_line_error(run_docgen("init", cwd=root), "pyproject.toml is read-only")
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    assert (root / "pyproject.toml").stat().st_mode & 0o777 == 0o444
    assert not (root / "docs").exists()


# --- issue 21, item 3: init runs no code it should not ------------------------------------------

def _marker(name: str) -> str:
    """Source that leaves a file named ``name`` in the working directory when it runs."""
    return f"open({name!r}, 'w').close()\n"


APP_WITH_ENTRY_POINT_TESTS_AND_MIGRATIONS = {
    "app/__init__.py": "",
    "app/base.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
    "app/users/__init__.py": "",
    "app/users/models.py": ("import sqlalchemy as sa\nfrom app.base import Base\n\n\nclass User(Base):\n"
                            "    __tablename__ = 'users'\n    id = sa.Column(sa.Integer, primary_key=True)\n" + _marker("imported-users")),
    "app/orders/__init__.py": "",
    "app/orders/models.py": ("import sqlalchemy as sa\nfrom app.base import Base\n\n\nclass Order(Base):\n"
                             "    __tablename__ = 'orders'\n    id = sa.Column(sa.Integer, primary_key=True)\n"),
    "app/__main__.py": _marker("ran-main"),
    "app/conftest.py": _marker("ran-conftest"),
    "app/test_models.py": "import sqlalchemy as sa\nsa.Table('fixture', sa.MetaData())\n" + _marker("ran-test-module"),
    "app/tests/__init__.py": "",
    "app/tests/test_users.py": "import sqlalchemy as sa\nsa.Table('fixture', sa.MetaData())\n" + _marker("ran-tests"),
    "app/migrations/versions/001_first.py": "import sqlalchemy as sa\nsa.Table('users', sa.MetaData())\n" + _marker("ran-migration"),
}


def test_dry_run_imports_nothing_and_shows_the_table_and_what_build_would_do(tmp_path):
    root = project(tmp_path, APP_WITH_ENTRY_POINT_TESTS_AND_MIGRATIONS)
    result = run_docgen("init", "--dry-run", cwd=root)
    assert result.returncode == 0, result.stderr
    assert 'would append to pyproject.toml:\n[tool.docgen]\nmodels = "app.base:Base"\n' in result.stdout
    assert "nothing imported" in result.stdout and "nothing written" in result.stdout
    assert sorted(p.name for p in root.iterdir()) == ["app", "pyproject.toml"]  # no marker, no docs
    assert len(result.stdout.splitlines()) < 15


def test_init_imports_the_model_modules_and_never_entry_points_tests_or_migrations(tmp_path):
    root = project(tmp_path, APP_WITH_ENTRY_POINT_TESTS_AND_MIGRATIONS)
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docgen"] == {
        "models": "app.base:Base", "import": ["app.*.models"]}
    assert sorted(p.name for p in root.iterdir()) == ["app", "docs", "imported-users", "pyproject.toml"]
    assert sorted(p.name for p in (root / "docs" / "schema").iterdir()) == ["index.md", "orders.md", "users.md"]
    assert run_docgen("check", cwd=root).returncode == 0


def test_a_star_import_never_runs_an_entry_point(tmp_path):
    root = project(tmp_path, {**APP_WITH_ENTRY_POINT_TESTS_AND_MIGRATIONS, "app/migrations/versions/001_first.py": ""},
                   pyproject='[tool.docgen]\nmodels = "app.base:Base"\nimport = ["app.users.*", "app.orders.*"]\n')
    (root / "app" / "users" / "__main__.py").write_text(_marker("ran-users-main"))
    assert run_docgen("build", cwd=root).returncode == 0
    assert not (root / "ran-users-main").exists()


def test_a_glob_in_the_middle_of_an_import_matches_one_package_level_and_something(tmp_path):
    root = project(tmp_path, APP_WITH_ENTRY_POINT_TESTS_AND_MIGRATIONS,
                   pyproject='[tool.docgen]\nmodels = "app.base:Base"\nimport = ["app.*.models"]\n')
    assert run_docgen("build", cwd=root).returncode == 0
    assert sorted(p.name for p in (root / "docs" / "schema").iterdir()) == ["index.md", "orders.md", "users.md"]
    assert sorted(p.name for p in root.iterdir()) == ["app", "docs", "imported-users", "pyproject.toml"]
    nothing = run_docgen("build", "--import", "app.*.schema", cwd=root)
    assert_one_line_error(nothing, "import 'app.*.schema' matches no module")


# --- issue 21, item 13: init finds what users have ------------------------------------------------

HERO_BASE = '''\
from sqlmodel import Field, SQLModel


class HeroBase(SQLModel):
    name: str
    secret_name: str


class Hero(HeroBase, table=True):
    """A hero of the story."""
    id: int | None = Field(default=None, primary_key=True)


class HeroCreate(HeroBase):
    pass
'''

FLASK_ON_A_BASE = '''\
import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    id = sa.Column(sa.Integer, primary_key=True)
'''


def test_sqlmodel_tables_inheriting_through_a_non_table_base_are_found(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/base.py": "from sqlmodel import SQLModel\n\n\nclass Base(SQLModel):\n    pass\n",
                              "app/heroes.py": HERO_BASE.replace("class HeroBase(SQLModel)", "class HeroBase(Base)")
                              .replace("from sqlmodel import Field, SQLModel", "from sqlmodel import Field\nfrom app.base import Base")})
    result = run_docgen("init", cwd=root, own_process=SQLMODEL_HAS_ONE_METADATA)
    assert result.returncode == 0, result.stderr
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docgen"] == {"models": "app.heroes:Hero"}
    assert sorted(p.name for p in (root / "docs" / "schema").iterdir()) == ["hero.md", "index.md"]


def test_the_sqlmodel_tutorials_hero_base_pattern_is_found(tmp_path):
    root = project(tmp_path, {"heroes.py": HERO_BASE})
    result = run_docgen("init", cwd=root, own_process=SQLMODEL_HAS_ONE_METADATA)
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "schema" / "hero.md").is_file()


def test_a_flask_db_and_the_base_it_is_built_on_are_one_choice(tmp_path):
    root = project(tmp_path, {"app.py": FLASK_ON_A_BASE})
    result = run_docgen("init", cwd=root)
    assert result.returncode == 0, result.stderr
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docgen"] == {"models": "app:db"}
