"""Run a project's alembic migrations into a given database the way ``alembic upgrade`` does: in one go.

One ``upgrade`` to the wanted revision (default: every head, so branches and
merge revisions run as ``alembic upgrade heads`` runs them), through the
project's own ``env.py`` with everything it configures
(``transaction_per_migration``, ``render_as_batch``, include hooks, its own
``on_version_apply``): applying revisions one by one in separate runs is not
the same thing (a native enum type created by one revision and reused by a
later one is only known to exist within one run). Alembic runs from the
directory of the ini, so a relative ``script_location`` or
``prepend_sys_path`` resolves as it does for the project's own ``alembic``
command, wherever docgen runs.

The database is handed to ``env.py`` both ways alembic documents:
``config.attributes["connection"]`` and the ``sqlalchemy.url`` option
(``configure_logger`` is False for env.py files that honour it). An env.py
that needs a Flask app (Flask-Migrate's) runs inside one pointed at the same
database (:mod:`.flask_app`). ``after_each`` sees the database after each
revision, inside the same run (``docgen history``). A failing revision is
named by its file on the traceback. Afterwards the database must be at the
wanted revision: an env.py that connected elsewhere is an error.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.runtime.environment import EnvironmentContext
from alembic.script import Script, ScriptDirectory
from alembic.script.revision import ResolutionError, RevisionError
from alembic.util import CommandError
from sqlalchemy import pool
from sqlalchemy.engine import URL, Connection

from ..errors import UsageError
from ..sources import database
from . import flask_app

AfterEach = Callable[[Script, Connection], None]


def upgrade(ini: Path, url: URL, revision: str | None = None, after_each: AfterEach | None = None,
            app: str | None = None, root: Path | None = None) -> str:
    """Upgrade the database at ``url`` to ``revision`` (default: every head); return the revision(s) reached.

    ``app`` is where the Flask app is (as ``FLASK_APP`` says it), for an env.py that needs one; it is
    looked for from ``root`` (the project root; default: the current directory).
    """
    here = Path.cwd()
    root = (root or here).absolute()
    config = _config(ini, url)  # ``ini`` as the user gave it: the messages name it so
    target = revision or "heads"
    with _in_directory(ini.absolute().parent):
        scripts = _scripts(config, ini)
        _check_revisions(scripts, ini, target)
        engine = database.create_engine(url, poolclass=pool.NullPool)
        try:
            env_py = Path(scripts.dir) / "env.py"
            with flask_app.pointed_at(env_py, os.path.relpath(env_py, here), app, url, root):
                _run(config, scripts, target, engine, after_each, ini, url)
            with engine.connect() as connection:
                current = set(MigrationContext.configure(connection).get_current_heads())
        finally:
            config.attributes.pop("connection", None)
            engine.dispose()
        expected = _heads_of(scripts, target)
    if not expected <= current:
        raise UsageError(
            f"{ini}: env.py did not migrate the database docgen gave it; it must use "
            "config.attributes['connection'] or the sqlalchemy.url option"
        )
    return ", ".join(sorted(expected)) or "base"


def _heads_of(scripts: ScriptDirectory, target: str) -> set[str]:
    """The revisions the database is at after upgrading to ``target``."""
    return {script.revision for script in scripts.get_revisions(target) if script is not None}


def _run(config: Config, scripts: ScriptDirectory, target: str, engine, after_each: AfterEach | None,
         ini: Path, url: URL) -> None:
    """``alembic upgrade target`` on one connection, ``after_each`` called after every revision."""

    def upgrade_steps(rev, context):
        return scripts._upgrade_revs(target, rev)

    with engine.connect() as connection:
        config.attributes["connection"] = connection
        try:
            with EnvironmentContext(config, scripts, fn=upgrade_steps, destination_rev=target) as environment:
                if after_each is not None:
                    _also_after_each(environment, after_each)
                scripts.run_env()
            connection.commit()
        except UsageError:
            raise
        except Exception as exc:  # the user's env.py and migration code: anything can fail
            raise UsageError(_failure(ini, scripts, exc, url)) from None


def _also_after_each(environment: EnvironmentContext, after_each: AfterEach) -> None:
    """Add ``after_each`` to the ``on_version_apply`` callbacks env.py configures (keeping its own)."""
    configure = environment.configure

    def configure_too(*args, **kwargs):
        def applied(*, ctx, step, heads, run_args):
            for revision in step.up_revision_ids if step.is_upgrade else ():
                after_each(ctx.script.get_revision(revision), ctx.connection)

        kwargs["on_version_apply"] = (*kwargs.get("on_version_apply", ()), applied)
        return configure(*args, **kwargs)

    environment.configure = configure_too  # alembic.context's functions call the instance's methods


@contextmanager
def _in_directory(directory: Path) -> Iterator[None]:
    """Run alembic from ``directory``, as the project does, and come back."""
    before = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(before)


@contextmanager
def quiet_logging() -> Iterator[None]:
    """Meanwhile no INFO logs: alembic's "Running upgrade ..." lines (env.py's fileConfig turns them on,
    for the comparison after the run too) are not docgen's output; warnings still are."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def _config(ini: Path, url: URL) -> Config:
    if not ini.is_file():
        raise UsageError(f"alembic config {ini} not found")
    config = Config(str(ini.absolute()))
    try:
        location = config.get_main_option("script_location")
    except Exception as exc:  # configparser errors
        raise UsageError(f"{ini}: cannot read it: {str(exc).splitlines()[0]}") from None
    if location is None and (ini.absolute().parent / "env.py").is_file():
        config.set_main_option("script_location", str(ini.absolute().parent))  # Flask-Migrate's: the ini beside env.py
    # configparser interpolates %, so a literal % in the URL (e.g. an escaped password) is doubled.
    config.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def _scripts(config: Config, ini: Path) -> ScriptDirectory:
    try:
        scripts = ScriptDirectory.from_config(config)
    except CommandError as exc:
        raise UsageError(f"{ini}: broken script_location: {_sentence(exc)}") from None
    if not (Path(scripts.dir) / "env.py").is_file():
        raise UsageError(f"{ini}: script_location {scripts.dir} has no env.py (a relative script_location is "
                         "relative to the ini's directory; %(here)s is that directory too)")
    return scripts


def _check_revisions(scripts: ScriptDirectory, ini: Path, target: str) -> None:
    """Revisions exist, load, and lead to ``target``: else one line saying what is wrong."""
    try:
        if not scripts.get_heads():
            raise UsageError(f"{ini}: script_location {scripts.dir} has no revisions "
                             f"(looked in {', '.join(scripts.version_locations)})")
        list(scripts.iterate_revisions(target, "base"))
    except UsageError:
        raise
    except ResolutionError:
        raise UsageError(f"{ini}: unknown revision {target!r}") from None
    except (CommandError, RevisionError) as exc:
        raise UsageError(f"{ini}: {_sentence(exc)}") from None
    except Exception as exc:  # a revision file that does not import
        raise UsageError(f"{ini}: cannot load the migrations: {type(exc).__name__}: {_sentence(exc)}") from None


def _failure(ini: Path, scripts: ScriptDirectory, exc: Exception, url: URL) -> str:
    """Blame the revision whose file is on the traceback, else the project's env.py."""
    error = database.describe_error(exc, url)
    by_file = {Path(s.path).resolve(): s for s in scripts.walk_revisions()}
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        script = by_file.get(Path(frame.filename).resolve())
        if script is not None:
            return f"migration {script.revision} ({title(script)}) failed: {error}"
    return f"{ini}: running env.py failed: {error}"


def title(script: Script) -> str:
    """The revision's message: the first line of its docstring, unless that is alembic's header already
    (``Revision ID: …``: a docstring without a message, as many hand-written revisions have)."""
    first = (script.doc or "").strip().split("\n", 1)[0].rstrip(".")
    return first if first and not first.startswith("Revision ID:") else "no description"


def _sentence(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text.split(". ", 1)[0].rstrip(".")
