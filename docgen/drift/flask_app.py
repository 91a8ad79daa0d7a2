"""Flask-Migrate: run a project's env.py inside its Flask app, the app's database pointed at docgen's.

Flask-Migrate's ``env.py`` takes its engine from ``current_app`` (the
Flask-SQLAlchemy ``db`` the ``Migrate`` extension holds), not from the
connection docgen hands over. An env.py that imports ``flask`` therefore runs
inside the app's context. The app is found the way ``flask`` finds it: the
``flask-app`` setting (``--flask-app``), else ``FLASK_APP`` (also from
``.flaskenv`` / ``.env``, as ``flask`` reads them), else ``wsgi.py``
or ``app.py`` in the project root; ``module:create_app()`` calls a factory,
and a module with a ``create_app`` or ``make_app`` factory is found too.
Creating the app runs the project's code; then its default database (the
``SQLALCHEMY_DATABASE_URI`` and, for Flask-SQLAlchemy 3, the engine it
already made) is replaced by docgen's scratch database, so the migrations
never touch the database the app is configured with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from ..errors import UsageError, describe
from ..sources import database

_IMPORTS_FLASK = re.compile(r"^\s*(from\s+flask\s+import|import\s+flask\b)", re.MULTILINE)
_WHAT_TO_SET = ("set FLASK_APP (module:app or module:create_app()) or flask-app under [tool.docgen] "
                "(--flask-app)")


@contextmanager
def pointed_at(env_py: Path, shown: str, where: str | None, url: URL, root: Path) -> Iterator[None]:
    """Inside the Flask app's context, its database replaced by ``url``, when env.py needs an app.

    ``shown`` is how the messages name env.py; ``where`` the app as ``FLASK_APP`` says it."""
    if not (where or os.environ.get("FLASK_APP")
            or _IMPORTS_FLASK.search(env_py.read_text(encoding="utf-8", errors="replace"))):
        yield
        return
    app = _load(where, shown, root)
    with app.app_context():
        engine = _point(app, url)
        try:
            yield
        finally:
            if engine is not None:
                engine.dispose()


def _load(where: str | None, env_py: str, root: Path):
    """The Flask app, found from ``root`` as ``flask`` finds it from the current directory (``.flaskenv``
    and ``.env`` read as it reads them, when python-dotenv is installed)."""
    try:
        from flask.cli import NoAppException, ScriptInfo, load_dotenv
    except ImportError:
        raise UsageError(f"{env_py} runs inside a Flask app (Flask-Migrate), but flask is not installed") from None
    before = Path.cwd()
    os.chdir(root)
    try:
        load_dotenv()
        where = where or os.environ.get("FLASK_APP")
        return ScriptInfo(app_import_path=where, set_debug_flag=False).load_app()
    except NoAppException as exc:
        said = " ".join(str(exc).split()).split(". ")[0].rstrip(".")
        found = f"cannot load the Flask app {where!r} ({said})" if where else "cannot find its Flask app"
        raise UsageError(f"{env_py} runs inside a Flask app (Flask-Migrate) and docgen {found}: "
                         f"{_WHAT_TO_SET}") from None
    except Exception as exc:  # the app's own code failed while importing or in its factory
        raise UsageError(f"cannot load the Flask app {where or 'of ' + str(root)}: {describe(exc)}") from None
    finally:
        os.chdir(before)


def _point(app, url: URL) -> sa.Engine | None:
    """Make ``url`` the app's default database; return the engine docgen made for it (to dispose of)."""
    db = app.extensions.get("sqlalchemy")
    if db is None:
        raise UsageError("the Flask app has no Flask-SQLAlchemy extension: docgen cannot point its database "
                         "at the throwaway one")
    app.config["SQLALCHEMY_DATABASE_URI"] = url.render_as_string(hide_password=False)
    engines = getattr(db, "_app_engines", {}).get(app)
    if engines is None:  # Flask-SQLAlchemy 2 makes its engine from the configuration when it is asked
        return None
    if set(engines) - {None}:
        raise UsageError("the Flask app has several databases (SQLALCHEMY_BINDS): docgen runs migrations "
                         "into one throwaway database")
    configured, engines[None] = engines[None], database.create_engine(url, poolclass=sa.pool.NullPool)
    configured.dispose()
    return engines[None]
