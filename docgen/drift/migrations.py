"""Run a project's alembic migrations, one revision at a time, into a given database.

The database is handed to the project's ``env.py`` both ways alembic
documents: ``config.attributes["connection"]`` and the ``sqlalchemy.url``
option (``configure_logger`` is set to False for env.py files that honour
it). Revisions are applied one by one in order, so a failing migration is
named with its error. Afterwards the database must be at the wanted revision;
an env.py that connected elsewhere is an error.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from alembic.script.revision import ResolutionError, RevisionError
from alembic.util import CommandError
from sqlalchemy import pool
from sqlalchemy.engine import URL

from ..errors import UsageError
from ..sources import database


def upgrade(ini: Path, url: URL, revision: str = "head") -> str:
    """Upgrade the database at ``url`` to ``revision``; return the revision id reached."""
    config = _config(ini, url)
    scripts = _revisions(config, ini, revision)
    engine = database.create_engine(url, poolclass=pool.NullPool)
    try:
        for script in scripts:
            with engine.connect() as connection:
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, script.revision)
                    connection.commit()
                except Exception as exc:  # the user's migration code: anything can fail
                    raise UsageError(_failure(ini, script, exc, url)) from None
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    finally:
        config.attributes.pop("connection", None)
        engine.dispose()
    reached = scripts[-1].revision if scripts else None
    if reached and reached not in current:
        raise UsageError(
            f"{ini}: env.py did not migrate the database docgen gave it; it must use "
            "config.attributes['connection'] or the sqlalchemy.url option"
        )
    return reached or "base"


def _config(ini: Path, url: URL) -> Config:
    if not ini.is_file():
        raise UsageError(f"alembic config {ini} not found")
    config = Config(str(ini))
    try:
        config.get_main_option("script_location")
    except Exception as exc:  # configparser errors
        raise UsageError(f"{ini}: cannot read it: {str(exc).splitlines()[0]}") from None
    # configparser interpolates %, so a literal % in the URL (e.g. an escaped password) is doubled.
    config.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def _revisions(config: Config, ini: Path, revision: str) -> list[Script]:
    """The revisions from base up to ``revision``, in the order they are applied."""
    try:
        scripts = ScriptDirectory.from_config(config)
    except CommandError as exc:
        raise UsageError(f"{ini}: broken script_location: {_sentence(exc)}") from None
    where = f"{ini}: script_location {scripts.dir}"
    if not (Path(scripts.dir) / "env.py").is_file():
        raise UsageError(f"{where} has no env.py (a relative script_location is relative to the current "
                         "directory, as for alembic; %(here)s is the ini's directory)")
    try:
        if not scripts.get_heads():
            raise UsageError(f"{where} has no revisions (looked in {', '.join(scripts.version_locations)})")
        found = list(scripts.iterate_revisions(revision, "base"))
    except UsageError:
        raise
    except ResolutionError:
        raise UsageError(f"{ini}: unknown revision {revision!r}") from None
    except (CommandError, RevisionError) as exc:
        raise UsageError(f"{ini}: {_sentence(exc)}") from None
    except Exception as exc:  # a revision file that does not import
        raise UsageError(f"{ini}: cannot load the migrations: {type(exc).__name__}: {_sentence(exc)}") from None
    return list(reversed(found))


def _failure(ini: Path, script: Script, exc: Exception, url: URL) -> str:
    """Blame the revision when its file is on the traceback, else the project's env.py."""
    error = database.describe_error(exc, url)
    files = {Path(frame.filename).resolve() for frame in traceback.extract_tb(exc.__traceback__)}
    if Path(script.path).resolve() in files:
        return f"migration {script.revision} ({_title(script)}) failed: {error}"
    return f"{ini}: running env.py for revision {script.revision} failed: {error}"


def _title(script: Script) -> str:
    return (script.doc or "").strip().splitlines()[0].rstrip(".") if script.doc else "no description"


def _sentence(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text.split(". ", 1)[0].rstrip(".")
