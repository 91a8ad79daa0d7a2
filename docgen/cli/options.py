"""The flags the commands share, and the configuration they make with ``[tool.docgen]``.

Every config key has a flag; a flag wins over the key. A source given as a
flag (``--models`` or ``--database-url``) replaces the other source set in
pyproject.toml. ``--format`` is one option whose choices are the formats that
serve the command (:func:`docgen.formats.serving`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from .. import config as config_module
from .. import files
from ..formats import FORMATS, serving
from ..sources import notes

_SOURCE_OPTIONS = (
    click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                 help="pyproject.toml to read [tool.docgen] from (default: the nearest one)."),
    click.option("--models", help="Import path of the models: package.module:attribute (a MetaData, "
                 "declarative base or registry, anything with .metadata such as SQLModel or db.Model, or a "
                 "Flask-SQLAlchemy db); several, comma-separated, are merged."),
    click.option("--import", "imports", multiple=True, metavar="MODULE",
                 help="Module to import before reading the models (repeatable); pkg.models.* imports "
                 "every submodule of pkg.models, pkg.*.models the models module of each package in pkg."),
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
_CACHE_OPTIONS = (
    click.option("--cache", type=click.Choice(["on", "off", "always"]), is_flag=False, flag_value="on",
                 help="Use the cache of the schema in .docgen_cache/: when nothing the models' import read has "
                 "changed (project files, installed packages, Python, docgen, config, templates, notes, the "
                 "--cache-env variables), skip the import; a live database is read every time, and check skips "
                 "rendering when it and the docs are unchanged. --cache alone is 'on': not when CI=true; "
                 "'always': in CI too; 'off' (default). build refreshes the cache."),
    click.option("--cache-env", "cache_env", multiple=True, metavar="NAME",
                 help="An environment variable the models read: its value is part of the cache key (repeatable)."),
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
    click.option("--history", type=click.Path(path_type=Path, dir_okay=False),
                 help="alembic.ini of the project: add a Schema history page (what each revision changed) and a "
                 "History section to each table's page; the migrations run in a temporary SQLite database."),
    click.option("--legacy-table", "legacy_tables", multiple=True, metavar="HEADING",
                 help="Adopting a hand-written document: replace the section under this heading as a "
                 "table section (repeatable)."),
    click.option("--legacy-prose", multiple=True, metavar="HEADING",
                 help="Adopting a hand-written document: keep the section under this heading as prose "
                 "(repeatable)."),
)
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="Print errors and the verdict line only.")


def format_option(command: str):
    """The one ``--format`` option: the formats that serve ``command``, each saying what it prints."""
    choices = serving(command)
    return click.option(
        "--format", "output_format", type=click.Choice(choices), default="text", show_default=True,
        help="; ".join(_help(FORMATS[name], command) for name in choices) + ".")


def _help(module, command: str) -> str:
    """What a format prints for ``command``: its own words for it (``HELP_FOR``), else the format's."""
    return getattr(module, "HELP_FOR", {}).get(command, module.HELP)


def _with(options, command):
    for option in reversed(options):
        command = option(command)
    return command


def documenting(command):
    """The options of the documenting commands: where the config, the schema and the docs are."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION,) + _CACHE_OPTIONS + _OUTPUT_OPTIONS, command)


def reading(command):
    """The options of ``inspect``: where the config and the schema are, and how types are spelled."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION,) + _CACHE_OPTIONS, command)


def measuring(command):
    """The options of ``lint`` and ``coverage``: where the config, the schema and the notes are; the dialect."""
    return _with(_SOURCE_OPTIONS + (_DIALECT_OPTION,) + _CACHE_OPTIONS + (_NOTES_OPTION,), command)


def comparing(command):
    """The options of ``drift``: where the config, the models and the database are."""
    return _with(_SOURCE_OPTIONS, command)


def config_from(config_path: Path | None, one_source: bool = True, **flags) -> config_module.Config:
    """The configuration: ``[tool.docgen]`` of ``config_path`` (or the nearest pyproject.toml), flags winning."""
    cwd = Path.cwd()
    paths = {"output", "pages_dir", "templates", "notes", "history"}
    flags["import"] = flags.pop("imports", None)
    for repeatable in ("schemas", "legacy_tables", "legacy_prose", "import", "include", "exclude", "cache_env"):
        flags[repeatable] = list(flags.get(repeatable) or ()) or None
    values = {
        key.replace("_", "-"): (str(files.resolved(cwd / value)) if key in paths and value is not None else value)
        for key, value in flags.items()
    }
    if values.get("database-url"):
        from ..sources import database  # SQLAlchemy: only when a database is named

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


def notes_of(cfg: config_module.Config) -> notes.Notes:
    """The project's notes (none when the file does not exist)."""
    return notes.read(cfg.notes, cfg.relative(cfg.notes))
