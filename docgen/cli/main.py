"""The ``docgen`` command line: a thin click layer over the library.

Exit codes: 0 done / docs fresh / no drift / no findings, 1 docs stale
(``check``), drift (``drift``), findings (``lint``) or coverage below ``--min``
(``coverage``), 2 usage or input error (one line on stderr, nothing written) — and
any unforeseen exception too: one line saying it is a bug in docgen, the
traceback only with ``--traceback`` or ``DOCGEN_TRACEBACK=1``. A reader that
closes docgen's stdout early (``docgen build | head -2``) is not an error: the
command goes on, its output is dropped, its exit code is the same.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import traceback
from pathlib import Path

import click

from . import config as config_module
from . import check_formats, database, github, notes, report, write
from .errors import UsageError, describe, printable
from .pipeline import load_drift, load_schema
from .plan import plan

EXIT_STALE = 1
EXIT_USAGE = 2


_SOURCE_OPTIONS = (
    click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                 help="pyproject.toml to read [tool.docgen] from (default: the nearest one)."),
    click.option("--models", help="Import path of the models: package.module:attribute (a MetaData, "
                 "declarative base or registry, anything with .metadata such as SQLModel or db.Model, or a "
                 "Flask-SQLAlchemy db); several, comma-separated, are merged."),
    click.option("--import", "imports", multiple=True, metavar="MODULE",
                 help="Module to import before reading the models (repeatable); pkg.models.* imports "
                 "every submodule of pkg.models."),
    click.option("--database-url", help="A live database, e.g. postgresql+psycopg://user:password@host/db "
                 "or sqlite:///app.db: documented instead of the models (build, check, inspect) or "
                 "compared with them (drift)."),
    click.option("--schema", "schemas", multiple=True,
                 help="Database schema to read (repeatable; default: the default schema; drift: the "
                 "schemas the models use)."),
    click.option("--include", multiple=True, metavar="GLOB",
                 help="Document and compare only tables matching this glob (repeatable; name or "
                 "schema.name)."),
    click.option("--exclude", multiple=True, metavar="GLOB",
                 help="Leave out tables matching this glob (repeatable; a live database's "
                 "alembic_version is left out unless included)."),
)
_DIALECT_OPTION = click.option("--dialect", help="SQL dialect that spells types and expressions, e.g. "
                               "postgresql (default: generic).")
_NOTES_OPTION = click.option(
    "--notes", type=click.Path(path_type=Path, dir_okay=False),
    help="Markdown file of notes about tables and columns, shown next to the generated facts "
    "(default: docs/schema-notes.md; it need not exist).",
)
_OUTPUT_OPTIONS = (
    click.option("--output", type=click.Path(path_type=Path),
                 help="The Markdown file to generate (default: docs/DATABASE_SCHEMA.md)."),
    click.option("--pages-dir", type=click.Path(path_type=Path, file_okay=False),
                 help="Directory of the per-table pages and their index (default: docs/schema)."),
    click.option("--pages/--no-pages", default=None,
                 help="Write one page per table under the pages directory (default: on)."),
    click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
                 help="Directory of templates that override the built-in ones."),
    click.option("--er-max-tables", type=click.IntRange(min=0),
                 help="Above this many tables the whole-schema ER diagram is left out (default: 60)."),
    click.option("--allow-empty/--no-allow-empty", default=None,
                 help="Document a schema that has no tables (default: off, an empty schema is an error "
                 "and the docs are kept)."),
    _NOTES_OPTION,
    click.option("--legacy-table", "legacy_tables", multiple=True, metavar="HEADING",
                 help="Adopting a hand-written document: replace the section under this heading as a "
                 "table section (repeatable)."),
    click.option("--legacy-prose", multiple=True, metavar="HEADING",
                 help="Adopting a hand-written document: keep the section under this heading as prose "
                 "(repeatable)."),
)


FORMATS = ("text", "json", "github")
# The one --format option of check, drift, lint and coverage.
FORMAT_OPTION = click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
    help="text for people; json: one stable JSON document on stdout; github: the text plus GitHub Actions "
    "error annotations, and a Markdown summary appended to $GITHUB_STEP_SUMMARY when it is set.")
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="Print errors and the verdict line only.")


def _with(options, command):
    for option in reversed(options):
        command = option(command)
    return command


def _source_options(command):
    """The options shared by the documenting commands: where the config, the schema and the docs are."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION,) + _OUTPUT_OPTIONS, command)


def _inspect_options(command):
    """The options of ``inspect``: where the config and the schema are, and how types are spelled."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION,), command)


def _schema_options(command):
    """The options of ``lint`` and ``coverage``: where the config, the schema and the notes are; the dialect."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION, _NOTES_OPTION), command)


def _compare_options(command):
    """The options of ``drift``: where the config, the models and the database are."""
    return _with(_SOURCE_OPTIONS, command)


def _handle_usage_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            _error(str(exc))

    return wrapper


def _config(config_path: Path | None, one_source: bool = True, **flags) -> config_module.Config:
    cwd = Path.cwd()
    paths = {"output", "pages_dir", "templates", "notes"}
    flags["import"] = flags.pop("imports", None)
    for repeatable in ("schemas", "legacy_tables", "legacy_prose", "import", "include", "exclude"):
        flags[repeatable] = list(flags.get(repeatable) or ()) or None
    values = {
        key.replace("_", "-"): (str((cwd / value).resolve()) if key in paths and value is not None else value)
        for key, value in flags.items()
    }
    if values.get("database-url"):
        values["database-url"] = database.anchored(values["database-url"], cwd)
    cfg = config_module.load(config_path, cwd, values)
    return _source_from_flags(cfg, flags) if one_source else cfg


def _source_from_flags(cfg: config_module.Config, flags: dict) -> config_module.Config:
    """A source given as a flag replaces the other source set in pyproject.toml."""
    if flags.get("database_url") and not flags.get("models"):
        return dataclasses.replace(cfg, models=None)
    if flags.get("models") and not flags.get("database_url"):
        return dataclasses.replace(cfg, database_url=None)
    return cfg


def _notes(cfg: config_module.Config) -> notes.Notes:
    """The project's notes (none when the file does not exist)."""
    return notes.read(cfg.notes, cfg.relative(cfg.notes))


def _error(message: str) -> None:
    """Exit 2 with ``message`` as one line on stderr."""
    click.echo(f"docgen: error: {printable(message)}", err=True)
    sys.exit(EXIT_USAGE)


def run() -> None:
    """The console entry point: click's usage errors and unforeseen exceptions become one line too, exit code 2."""
    sys.stdout = _DroppedWhenClosed(sys.stdout)
    options = {"traceback": os.environ.get("DOCGEN_TRACEBACK", "") not in ("", "0")}
    try:
        main(standalone_mode=False, obj=options)
    except click.exceptions.NoArgsIsHelpError as exc:  # plain `docgen`: show the help
        click.echo(exc.ctx.get_help())
    except click.UsageError as exc:
        hint = f" (see docgen {exc.ctx.command.name} --help)" if exc.ctx and exc.ctx.parent else " (see docgen --help)"
        _error(f"{exc.format_message()}{hint}")
    except click.ClickException as exc:
        _error(exc.format_message())
    except click.Abort:
        click.echo("docgen: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug in docgen, or in a library it uses: still one line and exit 2
        if options["traceback"]:
            traceback.print_exc()
            sys.exit(EXIT_USAGE)
        _error(f"internal error, a bug in docgen: {describe(exc)} "
               "(run again with --traceback or DOCGEN_TRACEBACK=1 to see the traceback, and report it)")


class _DroppedWhenClosed:
    """stdout that, once its reader is gone (EPIPE), sends the rest of the output to /dev/null."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._drop_the_rest()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="schema-docgen", prog_name="docgen")
@click.option("--traceback", "show_traceback", is_flag=True,
              help="On an internal error (a bug in docgen), print the traceback (also: DOCGEN_TRACEBACK=1).")
@click.pass_context
def main(ctx: click.Context, show_traceback: bool) -> None:
    """Keep database documentation true to the SQLAlchemy models.

    Configure once under [tool.docgen] in pyproject.toml; every key also has a
    flag. Exit codes: 0 done/fresh/no drift/no findings, 1 stale (check), drift
    (drift), findings (lint) or coverage below --min (coverage), 2 usage or input
    error, or an internal error (one line; --traceback shows where). Names and
    comments from the models or a database are text and never run; user
    templates and the models are code and run as code.
    """
    options = ctx.ensure_object(dict)
    options["traceback"] = options.get("traceback", False) or show_traceback


@main.command()
@_source_options
@click.option("--dry-run", is_flag=True, help="Show the report and the diff; write nothing.")
@QUIET_OPTION
@_handle_usage_errors
def build(config_path, dry_run, quiet, **flags):
    """Write the schema docs from the models (or a live database), removing stale tables."""
    _build(_config(config_path, **flags), dry_run, quiet)


def _build(cfg: config_module.Config, dry_run: bool, quiet: bool, schema=None) -> None:
    the_plan = plan(schema or load_schema(cfg), cfg)
    if not quiet:
        for line in report.adoption_note(the_plan, cfg) + report.table_summary(the_plan) + report.notes_note(the_plan, cfg):
            click.echo(line)
    if dry_run:
        if not quiet:
            click.echo(report.unified_diff(the_plan, cfg), nl=False)
        click.echo(f"dry run: {len(the_plan.stale_files):,} file(s) would change; nothing written")
        return
    for line in report.written(write.apply(the_plan), the_plan, cfg, quiet):
        click.echo(line)


@main.command()
@click.option("--models", help="The models target to write (package.module:attribute), when docgen finds "
              "several or none.")
@click.option("--dry-run", is_flag=True, help="Show the [tool.docgen] table and the build; write nothing.")
@_handle_usage_errors
def init(models, dry_run):
    """Find the models in this project, write [tool.docgen] into pyproject.toml, then build.

    The project's source is parsed (not imported) for declarative bases,
    MetaData, registries, Flask-SQLAlchemy db objects and SQLModel tables.
    One candidate is used as is; several are listed (exit 2): pick one with
    --models. The table is appended to pyproject.toml (the rest of the file is
    kept as it is), and the usual `docgen build` follows.
    """
    from . import init_project

    root = Path.cwd()
    pyproject = root / "pyproject.toml"
    target, imports = init_project.choose(root, models)
    table = init_project.table_text(target, imports)
    text = init_project.new_pyproject_text(pyproject, table)
    cfg = config_module.load(None, root, {"models": target, "import": list(imports)})
    schema = load_schema(cfg)  # the target must load before pyproject.toml changes
    click.echo(f"{'would append' if dry_run else 'appended'} to {pyproject.name}:\n{table}")
    if not dry_run:
        init_project.replace_file(pyproject, text)
    _build(cfg, dry_run, quiet=False, schema=schema)


@main.command()
@_source_options
@FORMAT_OPTION
@QUIET_OPTION
@_handle_usage_errors
def check(config_path, output_format, quiet, **flags):
    """Exit 1 (with a diff) when the committed docs differ from the schema; never writes."""
    cfg = _config(config_path, **flags)
    the_plan = plan(load_schema(cfg), cfg)
    if output_format == "json":
        click.echo(check_formats.as_json(the_plan, cfg))
    else:
        _check_text(the_plan, cfg, quiet)
    if output_format == "github":
        for line in check_formats.annotations(the_plan, cfg):
            click.echo(line)
        github.append_step_summary(check_formats.step_summary(the_plan, cfg))
    if the_plan.stale_files:
        sys.exit(EXIT_STALE)


def _check_text(the_plan, cfg, quiet: bool) -> None:
    stale = the_plan.stale_files
    if not stale:
        click.echo(f"docs are fresh: {len(the_plan.tables.unchanged)} tables, {the_plan.checked} file(s) checked")
        for line in [] if quiet else report.notes_note(the_plan, cfg):
            click.echo(line)
        return
    if quiet:
        click.echo(f"docs are stale: {len(stale)} file(s) differ from the schema: run `docgen build` and commit the result")
        return
    click.echo(f"docs are stale: {len(stale)} file(s) differ from the schema")
    for line in report.adoption_note(the_plan, cfg) + report.table_summary(the_plan) + report.notes_note(the_plan, cfg):
        click.echo(line)
    click.echo(report.unified_diff(the_plan, cfg), nl=False)
    click.echo("run `docgen build` and commit the result")


@main.command()
@_inspect_options
@click.option("--json", "as_json", is_flag=True, help="Print the schema as stable JSON (sorted keys).")
@_handle_usage_errors
def inspect(config_path, as_json, **flags):
    """Print the schema docgen sees (as JSON with --json) for other tools."""
    schema = load_schema(_config(config_path, **flags))
    if as_json:
        click.echo(json.dumps(schema.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
        return
    for table in schema.tables:
        click.echo(f"{printable(table.qualified_name)}: {len(table.columns)} columns, "
                   f"{len(table.foreign_keys)} foreign keys, {len(table.indexes)} indexes")


@main.command()
@_compare_options
@click.option("--migrations", type=click.Path(path_type=Path, dir_okay=False),
              help="alembic.ini of the project: run its migrations in a throwaway database (a temporary "
              "SQLite file, or a new database on the --database-url PostgreSQL server) and compare that.")
@click.option("--revision", default=None,
              help="With --migrations: migrate up to this revision instead of head.")
@FORMAT_OPTION
@click.option("--json", "as_json", is_flag=True, help="The same as --format json (kept for scripts).")
@_handle_usage_errors
def drift(config_path, migrations, revision, output_format, as_json, **flags):
    """Compare the models with a database (or migrations); exit 1 when they differ.

    Reports tables only in the models or only in the database (with rename
    hints), columns missing, extra or different in type or nullability, and
    missing or extra foreign keys, unique constraints, indexes and check
    constraints. Exit codes: 0 no drift, 1 drift, 2 usage or input error.
    """
    cfg = _config(config_path, one_source=False, **flags)
    if revision and not migrations:
        raise UsageError("--revision needs --migrations")
    the_drift, database_label = load_drift(cfg, migrations, revision)
    from . import drift_report  # imports alembic: only drift needs it (build and check start faster)

    models_label = cfg.models or ""
    if as_json or output_format == "json":
        click.echo(drift_report.as_json(the_drift, models_label, database_label))
    else:
        for line in drift_report.text(the_drift, models_label, database_label):
            click.echo(line)
    if output_format == "github":
        for line in drift_report.annotations(the_drift):
            click.echo(line)
        github.append_step_summary(drift_report.step_summary(the_drift, models_label, database_label))
    if not the_drift.clean:
        sys.exit(EXIT_STALE)


@main.command("lint")
@_schema_options
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for tools, github for workflow annotations.")
@click.option("--enable", multiple=True, metavar="RULE", help="Run only this rule (repeatable).")
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule (repeatable).")
@click.option("--min-description-length", type=click.IntRange(min=1),
              help="Descriptions shorter than this many characters count as missing (default: 1).")
@click.option("--list-rules", is_flag=True, help="List the rules (id and what each finds) and exit.")
@_handle_usage_errors
def lint_command(config_path, output_format, enable, disable, min_description_length, list_rules, **flags):
    """Check the schema against quality rules; exit 1 when there are findings.

    Rules, options and what they ignore are set under [tool.docgen.lint];
    a table or column opts out with info={"docgen": {"lint-ignore": [RULE, ...]}}.
    Exit codes: 0 no findings, 1 findings, 2 usage or input error.
    """
    from .lint import engine, locate, report, settings
    from .lint.registry import RULES

    if list_rules:
        for rule in RULES.values():
            click.echo(f"{rule.id}: {rule.summary}")
        return
    cfg = _config(config_path, **flags)
    options = {"min-description-length": min_description_length} if min_description_length else {}
    chosen = settings.read(cfg.lint, tuple(enable), tuple(disable), options)
    schema = load_schema(cfg)
    findings = engine.lint(schema, chosen, _notes(cfg), cfg.relative(cfg.notes))
    locator = locate.Locator(cfg.root, schema.lint.classes)
    tables = len(schema.tables)
    if output_format == "json":
        click.echo(report.as_json(findings, chosen.rules, tables, locator))
    else:
        show = report.annotations if output_format == "github" else report.text
        for line in show(findings, chosen.rules, tables, locator):
            click.echo(line)
    if findings:
        sys.exit(EXIT_STALE)


@main.command("coverage")
@_schema_options
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "github"]),
              default="text", show_default=True,
              help="text, json, a markdown table (to commit or for a job summary), or github: the text, "
              "the table added to $GITHUB_STEP_SUMMARY and an error annotation below --min.")
@click.option("--min", "minimum", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 when the overall coverage is below PCT percent.")
@_handle_usage_errors
def coverage_command(config_path, output_format, minimum, **flags):
    """Show the share of tables and columns with a description; with --min, exit 1 below it.

    A description is a comment, a model class docstring (tables), doc= (columns)
    or a note. The overall figure is described tables and columns over all
    tables and columns. Exit codes: 0 done, 1 below --min, 2 usage or input error.
    """
    from . import coverage, github

    cfg = _config(config_path, **flags)
    measured = coverage.measure(load_schema(cfg), _notes(cfg))
    failed = coverage.below(measured, minimum)
    if output_format == "json":
        click.echo(coverage.as_json(measured))
    elif output_format == "markdown":
        click.echo(coverage.markdown_table(measured), nl=False)
    else:
        for line in coverage.text(measured):
            click.echo(line)
    if output_format == "github":
        github.append_step_summary(coverage.markdown_table(measured))
        if failed:
            click.echo(github.annotation("error", f"documentation coverage {measured.percent:.1f}% is below "
                                         f"the minimum {minimum:g}%", title="docgen coverage"))
    if failed:
        click.echo(f"coverage {measured.percent:.1f}% is below the minimum {minimum:g}%", err=True)
        sys.exit(EXIT_STALE)
