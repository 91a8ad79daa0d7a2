"""The documenting commands: ``build``, ``check``, ``init`` and ``inspect``.

``build`` and ``check`` both plan every file docgen owns; ``build`` writes the
plan, ``check`` compares it with the disk and never writes.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from .. import config as config_module
from .. import report, write
from ..errors import printable
from ..formats import FORMATS
from ..fresh import plan_of, remembered
from ..pipeline import Loaded, load, load_schema
from . import options
from .exits import EXIT_STALE, echo, usage_errors_fail


@click.command()
@options.documenting
@click.option("--dry-run", is_flag=True, help="Show the report and the diff; write nothing.")
@options.QUIET_OPTION
@usage_errors_fail
def build(config_path, dry_run, quiet, **flags):
    """Write the schema docs from the models (or a live database), removing stale tables."""
    _build(options.config_from(config_path, **flags), dry_run, quiet)


def _build(cfg: config_module.Config, dry_run: bool, quiet: bool, loaded: Loaded | None = None) -> None:
    loaded = loaded or load(cfg, refresh=True)  # build refreshes the cache
    # One build of a project at a time, from its plan to its last rename: two never mix their files.
    with contextlib.nullcontext() if dry_run else write.one_build_at_a_time(cfg.root):
        the_plan = plan_of(loaded, cfg)
        if not quiet:
            for line in report.adoption_note(the_plan, cfg) + report.table_summary(the_plan) + report.notes_note(the_plan, cfg):
                click.echo(line)
        if dry_run:
            if not quiet:
                echo(report.unified_diff(the_plan, cfg))
            click.echo(f"dry run: {len(the_plan.stale_files):,} file(s) would change; nothing written")
            return
        for line in report.written(write.apply(the_plan), the_plan, cfg, quiet):
            click.echo(line)


@click.command()
@click.option("--models", help="The models target to write (package.module:attribute), when docgen finds "
              "several or none.")
@click.option("--dry-run", is_flag=True, help="Show the [tool.docgen] table init would write; import and write nothing.")
@usage_errors_fail
def init(models, dry_run):
    """Find the models in this project, write [tool.docgen] into pyproject.toml, then build.

    The project's source is parsed (not imported) for declarative bases,
    MetaData, registries, Flask-SQLAlchemy db objects and SQLModel tables;
    entry points (__main__), tests, conftest and migrations are never
    proposed for import. One candidate is used as is; several are listed
    (exit 2): pick one with --models. The table is appended to pyproject.toml
    (the rest of the file is kept byte for byte, its line endings, mode and
    links too), and the usual `docgen build` follows. With --dry-run nothing
    is imported or written.
    """
    from ..sources import discover

    root = Path.cwd()
    pyproject = root / "pyproject.toml"
    target, imports = discover.choose(root, models)
    table = discover.table_text(target, imports)
    data = discover.new_pyproject(pyproject, table)
    if dry_run:
        click.echo(f"would append to {pyproject.name}:\n{table}")
        modules = ", ".join([target.partition(":")[0], *imports])
        click.echo(f"then `docgen build` would import {modules} and write the docs")
        click.echo("dry run: nothing imported, nothing written")
        return
    cfg = config_module.load(None, root, {"models": target, "import": list(imports)})
    loaded = load(cfg)  # the target must load before pyproject.toml changes
    write.replace(pyproject, data)
    click.echo(f"appended to {pyproject.name}:\n{table}")
    _build(cfg, dry_run=False, quiet=False, loaded=loaded)


@click.command()
@options.documenting
@options.format_option("check")
@options.QUIET_OPTION
@usage_errors_fail
def check(config_path, output_format, quiet, **flags):
    """Exit 1 (with a diff) when the committed docs differ from the schema; never writes."""
    cfg = options.config_from(config_path, **flags)
    the_plan = remembered(cfg)
    if the_plan is None:
        loaded = load(cfg)
        the_plan = remembered(cfg, loaded) or plan_of(loaded, cfg)
    echo(FORMATS[output_format].check(the_plan, cfg, quiet))
    if the_plan.stale_files:
        sys.exit(EXIT_STALE)


@click.command()
@options.reading
@click.option("--json", "as_json", is_flag=True, help="Print the schema as stable JSON (sorted keys).")
@usage_errors_fail
def inspect(config_path, as_json, **flags):
    """Print the schema docgen sees (as JSON with --json) for other tools."""
    schema = load_schema(options.config_from(config_path, **flags))
    if as_json:
        click.echo(json.dumps(schema.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
        return
    for table in schema.tables:
        click.echo(f"{printable(table.qualified_name)}: {len(table.columns)} columns, "
                   f"{len(table.foreign_keys)} foreign keys, {len(table.indexes)} indexes")
