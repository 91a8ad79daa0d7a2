"""The ``docgen`` command line: a thin click layer over the library.

Exit codes: 0 done / docs fresh, 1 docs stale (``check``), 2 usage or input
error (one line on stderr, nothing written).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from . import config as config_module
from . import report, write
from .errors import UsageError
from .pipeline import load_schema
from .plan import plan

EXIT_STALE = 1
EXIT_USAGE = 2


def _source_options(command):
    """The options shared by every command: where the config, the schema and the docs are."""
    options = [
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="pyproject.toml to read [tool.docgen] from (default: the nearest one)."),
        click.option("--models", help="Import path of the models: package.module:attribute "
                     "(a MetaData, declarative base or registry)."),
        click.option("--output", type=click.Path(path_type=Path),
                     help="The Markdown file to generate (default: docs/DATABASE_SCHEMA.md)."),
        click.option("--pages-dir", type=click.Path(path_type=Path, file_okay=False),
                     help="Directory of the per-table pages and their index (default: docs/schema)."),
        click.option("--pages/--no-pages", default=None,
                     help="Write one page per table under the pages directory (default: on)."),
        click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
                     help="Directory of templates that override the built-in ones."),
        click.option("--dialect", help="SQL dialect that spells types and expressions, e.g. postgresql "
                     "(default: generic)."),
        click.option("--er-max-tables", type=click.IntRange(min=0),
                     help="Above this many tables the whole-schema ER diagram is left out (default: 60)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _handle_usage_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            click.echo(f"docgen: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)

    return wrapper


def _config(config_path: Path | None, **flags) -> config_module.Config:
    cwd = Path.cwd()
    paths = {"output", "pages_dir", "templates"}
    values = {
        key.replace("_", "-"): (str((cwd / value).resolve()) if key in paths and value is not None else value)
        for key, value in flags.items()
    }
    return config_module.load(config_path, cwd, values)


def run() -> None:
    """The console entry point: click's own usage errors become one line too, exit code 2."""
    try:
        main(standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # plain `docgen`: show the help
        click.echo(exc.ctx.get_help())
    except click.UsageError as exc:
        hint = f" (see docgen {exc.ctx.command.name} --help)" if exc.ctx and exc.ctx.parent else " (see docgen --help)"
        click.echo(f"docgen: error: {exc.format_message()}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"docgen: error: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except click.Abort:
        click.echo("docgen: aborted", err=True)
        sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="schema-docgen", prog_name="docgen")
def main() -> None:
    """Keep database documentation true to the SQLAlchemy models.

    Configure once under [tool.docgen] in pyproject.toml; every key also has a
    flag. Exit codes: 0 done/fresh, 1 stale (check), 2 usage or input error.
    """


@main.command()
@_source_options
@click.option("--dry-run", is_flag=True, help="Show the report and the diff; write nothing.")
@_handle_usage_errors
def build(config_path, dry_run, **flags):
    """Write the schema docs from the models, removing stale tables."""
    cfg = _config(config_path, **flags)
    the_plan = plan(load_schema(cfg), cfg)
    for line in report.adoption_note(the_plan, cfg) + report.table_summary(the_plan):
        click.echo(line)
    if dry_run:
        click.echo(report.unified_diff(the_plan, cfg), nl=False)
        click.echo("dry run: nothing written")
        return
    touched = write.apply(the_plan)
    for path in touched:
        verb = "deleted" if path in the_plan.deletes else "wrote"
        click.echo(f"{verb} {cfg.relative(path)}")
    if not touched:
        click.echo("docs already up to date: nothing written")


@main.command()
@_source_options
@_handle_usage_errors
def check(config_path, **flags):
    """Exit 1 (with a diff) when the committed docs differ from the models; never writes."""
    cfg = _config(config_path, **flags)
    the_plan = plan(load_schema(cfg), cfg)
    stale = the_plan.stale_files
    if not stale:
        files = len(the_plan.writes)
        click.echo(f"docs are fresh: {len(the_plan.tables.unchanged)} tables, {files} file(s) checked")
        return
    click.echo(f"docs are stale: {len(stale)} file(s) differ from the schema")
    for line in report.adoption_note(the_plan, cfg) + report.table_summary(the_plan):
        click.echo(line)
    click.echo(report.unified_diff(the_plan, cfg), nl=False)
    click.echo("run `docgen build` and commit the result")
    sys.exit(EXIT_STALE)


@main.command()
@_source_options
@click.option("--json", "as_json", is_flag=True, help="Print the schema as stable JSON (sorted keys).")
@_handle_usage_errors
def inspect(config_path, as_json, **flags):
    """Print the schema docgen sees (as JSON with --json) for other tools."""
    schema = load_schema(_config(config_path, **flags))
    if as_json:
        click.echo(json.dumps(schema.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
        return
    for table in schema.tables:
        click.echo(f"{table.qualified_name}: {len(table.columns)} columns, "
                   f"{len(table.foreign_keys)} foreign keys, {len(table.indexes)} indexes")
