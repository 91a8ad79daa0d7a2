"""The comparing command: ``drift``, the models against a database or the database the migrations build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..formats import FORMATS
from ..pipeline import load_drift
from . import options
from .exits import EXIT_STALE, echo, usage_errors_fail


@click.command()
@options.comparing
@click.option("--migrations", type=click.Path(path_type=Path, dir_okay=False),
              help="alembic.ini of the project: run its migrations in a throwaway database (a temporary "
              "SQLite file, or a new database on the --database-url PostgreSQL server) and compare that.")
@click.option("--revision", default=None,
              help="With --migrations: migrate up to this revision instead of every head.")
@click.option("--flask-app", metavar="IMPORT",
              help="With --migrations of a Flask-Migrate project: where the Flask app is, as FLASK_APP says it "
              "(module:app, module:create_app()); default: FLASK_APP, else wsgi.py or app.py in the project root.")
@options.format_option("drift")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json (kept for scripts).")
@usage_errors_fail
def drift(config_path, migrations, revision, output_format, as_json, **flags):
    """Compare the models with a database (or migrations); exit 1 when they differ.

    Reports tables only in the models or only in the database (with rename
    hints), columns missing, extra or different in type or nullability, and
    missing or extra foreign keys, unique constraints, indexes and check
    constraints. Exit codes: 0 no drift, 1 drift, 2 usage or input error.
    """
    cfg = options.config_from(config_path, one_source=False, **flags)
    if revision and not migrations:
        raise UsageError("--revision needs --migrations")
    the_drift, database_label = load_drift(cfg, migrations, revision)
    echo(FORMATS["json" if as_json else output_format].drift(the_drift, cfg.models or "", database_label))
    if not the_drift.clean:
        sys.exit(EXIT_STALE)
