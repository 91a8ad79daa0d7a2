"""`docgen drift --migrations` on a Flask-Migrate project, made by the real `flask db init` / `flask db migrate`.

Flask-Migrate's env.py takes its engine from the Flask app (``current_app``): docgen finds the app as
``flask`` does (``--flask-app`` / ``flask-app``, ``FLASK_APP``, ``app.py``), runs env.py in its context with
the app's database pointed at the throwaway one, and never touches the database the app is configured with.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_docgen, write_project

BLOG = '''\
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
migrate = Migrate()


class Author(db.Model):
    __tablename__ = "authors"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, unique=True)


class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("authors.id", ondelete="CASCADE"), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///blog.db"
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    return app
'''


def _flask(project: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "blog", *args], cwd=project, check=True,
                   capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def made_blog(tmp_path_factory) -> Path:
    """The blog project with the migrations Flask-Migrate itself wrote (init, then autogenerate)."""
    project = write_project(tmp_path_factory.mktemp("made") / "blog", 'models = "blog:db"', {"blog/__init__.py": BLOG})
    _flask(project, "db", "init")
    _flask(project, "db", "migrate", "-m", "Authors and posts")
    return project


@pytest.fixture
def blog(made_blog, tmp_path) -> Path:
    project = tmp_path / "blog"
    shutil.copytree(made_blog, project)
    return project


def _app_tables(project: Path) -> list[str]:
    """The tables of the database the app is configured with (Flask-SQLAlchemy puts it in instance/;
    ``flask db migrate`` made its version table)."""
    with sqlite3.connect(project / "instance" / "blog.db") as connection:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def test_a_flask_migrate_project_with_its_app_named_has_no_drift(blog):
    before = _app_tables(blog)
    result = run_docgen("drift", "--migrations", "migrations/alembic.ini", "--flask-app", "blog", cwd=blog)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("no drift: the database matches the models (2 tables)\n")
    assert result.stderr == ""
    assert _app_tables(blog) == before == ["alembic_version"]  # the app's own database: never migrated


def test_the_app_is_found_from_flask_app_in_the_environment_or_the_config(blog):
    by_env = run_docgen("drift", "--migrations", "migrations/alembic.ini", cwd=blog, env={"FLASK_APP": "blog"})
    assert by_env.returncode == 0, by_env.stdout + by_env.stderr
    (blog / "pyproject.toml").write_text('[tool.docgen]\nmodels = "blog:db"\nflask-app = "blog:create_app()"\n')
    by_config = run_docgen("drift", "--migrations", "migrations/alembic.ini", cwd=blog)
    assert by_config.returncode == 0, by_config.stdout + by_config.stderr


def test_a_model_change_after_the_migration_is_drift(blog):
    module = blog / "blog" / "__init__.py"
    module.write_text(module.read_text().replace(
        '    title = db.Column(db.String(200), nullable=False)\n',
        '    title = db.Column(db.String(200), nullable=False)\n    summary = db.Column(db.Text)\n'))
    result = run_docgen("drift", "--migrations", "migrations/alembic.ini", "--flask-app", "blog", cwd=blog)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "posts:\n  column missing in the database: summary TEXT NULL\n" in result.stdout


def test_an_app_that_cannot_be_found_is_one_line_saying_what_to_set(blog):
    result = run_docgen("drift", "--migrations", "migrations/alembic.ini", cwd=blog, env={"FLASK_APP": ""})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("docgen: error: ")
    assert "docgen: error: migrations/env.py runs inside a Flask app (Flask-Migrate) and docgen cannot find its Flask app: " \
           "set FLASK_APP (module:app or module:create_app()) or flask-app under [tool.docgen] (--flask-app)\n" \
           in result.stderr


def test_an_app_that_fails_to_load_is_named_with_its_error(blog):
    result = run_docgen("drift", "--migrations", "migrations/alembic.ini", "--flask-app", "nosuch", cwd=blog)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("docgen: error: ") and result.stderr.count("\n") == 1
    assert "cannot load the Flask app 'nosuch'" in result.stderr


def test_a_flask_migrate_project_on_postgresql(blog, pg_server):
    result = run_docgen("drift", "--migrations", "migrations/alembic.ini", "--flask-app", "blog",
                        "--database-url", pg_server.url(), cwd=blog)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in a throwaway database on postgresql" in result.stdout


NO_MESSAGE = '''\
"""

Revision ID: 0002
Revises: {down}
Create Date: 2024-03-01 12:00:00

"""
from alembic import op
import sqlalchemy as sa

import blog  # a revision using the app's own code, as many do

revision = "0002"
down_revision = "{down}"


def upgrade():
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("body", sa.Text()))


def downgrade():
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("body")
'''


def test_history_as_the_installed_docgen_program_runs_it(blog):
    """`docgen` (not `python -m docgen`: no current directory on sys.path) imports a revision that imports the
    app's package, as `flask db upgrade` does from the project; a docstring without a message is no message
    (pgAdmin's revisions: their first line is alembic's "Revision ID:")."""
    program = Path(sys.executable).with_name("docgen")
    assert program.is_file(), f"{program}: the docgen program is installed with the package"
    (first,) = (blog / "migrations" / "versions").glob("*_authors_and_posts.py")
    down = first.name.split("_", 1)[0]
    (blog / "migrations" / "versions" / "0002_.py").write_text(NO_MESSAGE.format(down=down))
    result = subprocess.run([str(program), "history", "--migrations", "migrations/alembic.ini", "--flask-app", "blog"],
                            cwd=blog, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "migrations: migrations/alembic.ini, run in a temporary SQLite database"
    assert lines[1].startswith(down) and lines[1].endswith("  Authors and posts")
    assert lines[-3:] == ["0002          2024-03-01 12:00:00  no description",
                          "  posts: column added: body TEXT",
                          "history: 2 revision(s), 2 changed the schema"]
