"""docgen finds the models where projects keep them: Flask-SQLAlchemy, SQLModel, several targets,
registries filled by importing many modules, and include/exclude globs."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import require, run_docgen, write_project

FLASK_APP = '''\
import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
engine = sa.create_engine("sqlite://")


class User(db.Model):
    """People who sign in."""
    id = sa.Column(sa.Integer, primary_key=True)


class PageView(db.Model):
    """One view of a page, kept in the analytics database."""
    __bind_key__ = "analytics"
    id = sa.Column(sa.Integer, primary_key=True)
'''

SQLMODEL_APP = '''\
from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    """A hero of the story."""
    id: int | None = Field(default=None, primary_key=True)
    name: str
'''

SHOP = {
    "shop/__init__.py": "",
    "shop/models/__init__.py": "",
    "shop/models/base.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
    "shop/models/users.py": (
        "import sqlalchemy as sa\nfrom .base import Base\n\n\n"
        "class User(Base):\n    __tablename__ = 'users'\n    id = sa.Column(sa.Integer, primary_key=True)\n"
    ),
    "shop/models/orders.py": (
        "import sqlalchemy as sa\nfrom .base import Base\nfrom . import history\n\n\n"
        "class Order(Base):\n    __tablename__ = 'orders'\n    id = sa.Column(sa.Integer, primary_key=True)\n"
        "    user_id = sa.Column(sa.ForeignKey('users.id'))\n"
    ),
    "shop/models/history.py": (
        "import sqlalchemy as sa\nfrom .base import Base\n\n\n"
        "class OrderVersion(Base):\n    __tablename__ = 'orders_version'\n"
        "    id = sa.Column(sa.Integer, primary_key=True)\n"
    ),
}


def tables(project, *args: str) -> list[str]:
    result = run_docgen("inspect", "--json", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return [t["qualified_name"] for t in json.loads(result.stdout)["tables"]]


def assert_one_line_error(result, *fragments: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("docgen: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def flask_app(tmp_path):
    require(importlib.util.find_spec("flask_sqlalchemy") is not None, "flask-sqlalchemy (the test extra)")
    return write_project(tmp_path / "flask", 'models = "app:db"', {"app.py": FLASK_APP})


def test_a_flask_sqlalchemy_db_documents_the_tables_of_all_its_binds(flask_app):
    result = run_docgen("inspect", "--json", cwd=flask_app)
    data = {t["name"]: t for t in json.loads(result.stdout)["tables"]}
    assert sorted(data) == ["page_view", "user"]
    assert data["page_view"]["comment"] == "One view of a page, kept in the analytics database."


def test_db_model_documents_the_default_bind(flask_app):
    assert tables(flask_app, "--models", "app:db.Model") == ["user"]


def test_a_refused_target_names_its_type_and_a_target_that_works(flask_app):
    result = run_docgen("build", "--models", "app:engine", cwd=flask_app)
    assert_one_line_error(result, "'app:engine' is an Engine, not a MetaData", "try 'app:db'")
    assert not (flask_app / "docs").exists()


@pytest.fixture
def sqlmodel_app(tmp_path):
    require(importlib.util.find_spec("sqlmodel") is not None, "sqlmodel (the test extra)")
    return write_project(tmp_path / "sqlm", 'models = "heroes:SQLModel"', {"heroes.py": SQLMODEL_APP})


@pytest.mark.parametrize("target", ["heroes:SQLModel", "heroes:Hero"])
def test_sqlmodel_and_its_table_classes_are_targets(sqlmodel_app, target):
    assert tables(sqlmodel_app, "--models", target) == ["hero"]


def test_sqlmodel_itself_with_the_models_module_imported_first(sqlmodel_app):
    assert tables(sqlmodel_app, "--models", "sqlmodel:SQLModel", "--import", "heroes") == ["hero"]


TWO_METADATA = {
    "a.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('accounts', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
    "b.py": ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
             "sa.Table('ledger', metadata, sa.Column('id', sa.Integer, primary_key=True), sa.Column('note', sa.Text, comment='why'))\n"),
    "c.py": "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('accounts', metadata, sa.Column('id', sa.Integer, primary_key=True))\n",
}


def test_several_targets_are_merged(tmp_path):
    project = write_project(tmp_path / "p", 'models = ["a:metadata", "b:metadata"]', TWO_METADATA)
    result = run_docgen("inspect", "--json", cwd=project)
    data = {t["name"]: t for t in json.loads(result.stdout)["tables"]}
    assert sorted(data) == ["accounts", "ledger"]
    assert data["ledger"]["columns"][1]["comment"] == "why"
    assert tables(project, "--models", "a:metadata,b:metadata") == ["accounts", "ledger"]


def test_merged_targets_sharing_a_table_name_are_refused_naming_both(tmp_path):
    project = write_project(tmp_path / "p", 'models = ["a:metadata", "c:metadata"]', TWO_METADATA)
    assert_one_line_error(run_docgen("build", cwd=project), "table 'accounts' is defined twice", "'a:metadata'", "'c:metadata'")
    assert not (project / "docs").exists()


def test_import_star_loads_every_model_module_of_a_package(tmp_path):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"\nimport = ["shop.models.*"]', SHOP)
    assert tables(project) == ["orders", "orders_version", "users"]


def test_a_base_whose_models_are_not_imported_says_to_import_them(tmp_path):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"', SHOP)
    assert_one_line_error(run_docgen("check", cwd=project), "no tables found", 'import = ["yourpackage.models.*"]')


def test_a_foreign_key_to_a_table_not_loaded_names_the_module_to_import(tmp_path):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"', SHOP)
    result = run_docgen("build", "--import", "shop.models.orders", cwd=project)
    assert_one_line_error(result, "foreign key orders.user_id references table 'users', which is not loaded",
                          'import = ["shop.models.users"]')
    assert not (project / "docs").exists()


def test_a_module_that_fails_under_import_star_is_named(tmp_path):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"\nimport = ["shop.models.*"]',
                            {**SHOP, "shop/models/broken.py": "raise RuntimeError('needs SECRET_KEY')\n"})
    assert_one_line_error(run_docgen("check", cwd=project),
                          "importing module 'shop.models.broken' failed: RuntimeError: needs SECRET_KEY")


@pytest.mark.parametrize("bad", ["shop.**.models", "*", "*.models", "shop..models"])
def test_an_import_that_is_not_a_module_name_is_refused(tmp_path, bad):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"', SHOP)
    assert_one_line_error(run_docgen("check", "--import", bad, cwd=project), f"invalid import {bad!r}")


def test_exclude_leaves_tables_out_of_the_document_the_pages_and_inspect(tmp_path):
    project = write_project(
        tmp_path / "shop", 'models = "shop.models.base:Base"\nimport = ["shop.models.*"]\nexclude = ["*_version"]', SHOP)
    assert tables(project) == ["orders", "users"]
    assert run_docgen("build", cwd=project).returncode == 0
    document = (project / "docs" / "DATABASE_SCHEMA.md").read_text(encoding="utf-8")
    assert "orders_version" not in document and "## orders" in document
    assert sorted(p.name for p in (project / "docs" / "schema").iterdir()) == ["index.md", "orders.md", "users.md"]
    assert run_docgen("check", cwd=project).returncode == 0
    assert tables(project, "--include", "user*", "--include", "orders") == ["orders", "users"]
    assert tables(project, "--include", "o*", "--exclude", "orders") == ["orders_version"]


def sqlite_file(path, *statements: str):
    """A SQLite database file at ``path`` made by ``statements``."""
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()
    return path


def test_a_live_database_leaves_out_alembic_version_unless_included(tmp_path):
    database = sqlite_file(tmp_path / "app.db", "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                           "CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    project = write_project(tmp_path / "p", f'database-url = "sqlite:///{database.as_posix()}"')
    assert tables(project) == ["notes"]
    assert tables(project, "--include", "*") == ["alembic_version", "notes"]


def test_drift_compares_only_the_selected_tables(tmp_path):
    database = sqlite_file(tmp_path / "shop.db", "CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY)",
                           "CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"\nimport = ["shop.models.*"]', SHOP)
    url = f"sqlite:///{database.as_posix()}"
    everything = run_docgen("drift", "--database-url", url, cwd=project)
    assert everything.returncode == 1
    assert "tables only in the models (2): orders, orders_version" in everything.stdout
    selected = run_docgen("drift", "--database-url", url, "--include", "users", cwd=project)
    assert selected.returncode == 0, selected.stdout
    assert "(1 tables)" in selected.stdout


def test_include_exclude_that_leave_no_table_are_an_error_not_an_empty_site(tmp_path):
    project = write_project(tmp_path / "shop", 'models = "shop.models.base:Base"\nimport = ["shop.models.*"]', SHOP)
    assert_one_line_error(run_docgen("build", "--include", "nothing*", cwd=project),
                          "include/exclude leave none of the 3 tables")
    assert not (project / "docs").exists()
