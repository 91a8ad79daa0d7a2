"""The comparing commands: ``drift`` (the models against a database or the database the migrations
build), ``history`` (what each migration changed) and ``diff`` (what changed between two schemas)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..formats import FORMATS
from .. import snapshots
from ..pipeline import load_drift, load_history
from . import options
from .exits import EXIT_STALE, echo, usage_errors_fail


_FLASK_APP = click.option(
    "--flask-app", metavar="IMPORT",
    help="With --migrations of a Flask-Migrate project: where the Flask app is, as FLASK_APP says it "
    "(module:app, module:create_app()); default: FLASK_APP, else wsgi.py or app.py in the project root.")


@click.command()
@options.comparing
@click.option("--migrations", type=click.Path(path_type=Path, dir_okay=False),
              help="alembic.ini of the project: run its migrations in a throwaway database (a temporary "
              "SQLite file, or a new database on the --database-url PostgreSQL server) and compare that.")
@click.option("--revision", default=None,
              help="With --migrations: migrate up to this revision instead of every head.")
@_FLASK_APP
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


@click.command()
@options.comparing
@click.option("--migrations", type=click.Path(path_type=Path, dir_okay=False),
              help="alembic.ini of the project: its migrations run in a throwaway database (a temporary SQLite "
              "file, or a new database on the --database-url PostgreSQL server); default: the history setting, "
              "else alembic.ini.")
@_FLASK_APP
@options.format_option("history")
@usage_errors_fail
def history(config_path, migrations, output_format, **flags):
    """What each migration changed in the schema: tables, columns, keys, constraints, indexes.

    Runs the migrations once, from base to every head, and compares the
    database after each revision with the one before (the migration code is
    never read, only run). Each revision is listed with its id, date and
    message from its file. The migrations run in a temporary SQLite database,
    or in a new database on the PostgreSQL server --database-url names
    (dropped afterwards). Exit codes: 0 done, 2 usage or input error.
    """
    cfg = options.config_from(config_path, one_source=False, **flags)
    migrations = migrations or (cfg.relative(cfg.history) if cfg.history else "alembic.ini")
    revisions, database = load_history(cfg, Path(migrations), cfg.database_url)
    echo(FORMATS[output_format].history(revisions, str(migrations), database))


@click.command()
@click.argument("old")
@click.argument("new")
@options.format_option("diff")
@usage_errors_fail
def diff(old, new, output_format):
    """What changed from the OLD schema to the NEW one; exit 1 when they differ.

    OLD and NEW are each a `docgen inspect --json` snapshot, a database URL,
    `models` (the project's models as they are now) or `git:REV` (the
    project's models as committed at REV: `docgen diff git:main models` is
    what a branch changes). Lists
    tables, columns (type, nullability, default, comment), primary keys,
    foreign keys (with ON DELETE / ON UPDATE), UNIQUE and CHECK constraints,
    indexes (with WHERE and method), partition keys and partitions, triggers,
    named types and sequences added, removed or changed. Exit codes: 0 the
    same, 1 they differ, 2 usage or input error.
    """
    from ..drift.changes import compare

    before, after = snapshots.load(old, Path.cwd()), snapshots.load(new, Path.cwd())
    changes = compare(before, after)
    echo(FORMATS[output_format].diff(changes, _shown(old), _shown(new), len(after.tables)))
    if changes:
        sys.exit(EXIT_STALE)


def _shown(source: str) -> str:
    from ..sources.database import shown

    return shown(source) if "://" in source else source
