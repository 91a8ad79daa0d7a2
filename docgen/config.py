"""Configuration: ``[tool.docgen]`` in ``pyproject.toml``, overridden by CLI flags.

Every key has a flag of the same name (``--pages-dir`` for ``pages-dir``);
flags win. Unknown keys and values of the wrong type are errors naming the
key. Relative paths — a SQLite file in ``database-url`` too — are relative to
the directory of ``pyproject.toml`` (the project root), which is also where
models are imported from; relative paths given as flags are relative to the
current directory.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files
from .errors import UsageError

_PACKAGE_DIR = Path(__file__).resolve().parent  # docgen/
# The built-in templates: inside the wheel they sit in the package; in a source checkout, next to it.
BUILTIN_TEMPLATES = next(
    (p for p in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates") if p.is_dir()),
    _PACKAGE_DIR / "templates",
)
_CACHE_MODES = {True: "on", False: "off", "on": "on", "off": "off", "always": "always"}

DEFAULTS: dict[str, Any] = {
    "models": None,
    "database-url": None,
    "output": "docs/DATABASE_SCHEMA.md",
    "pages-dir": "docs/schema",
    "templates": None,
    "dialect": None,
    "er-max-tables": 60,
    "pages": True,
    "schemas": [],
    "notes": "docs/schema-notes.md",
    "legacy-tables": [],
    "legacy-prose": [],
    "allow-empty": False,
    "import": [],
    "include": [],
    "exclude": [],
    "flask-app": None,
    "history": None,
    "lint": {},
    "cache": False,
    "cache-env": [],
}
_TYPES: dict[str, type] = {
    "models": str,
    "database-url": str,
    "output": str,
    "pages-dir": str,
    "templates": str,
    "dialect": str,
    "er-max-tables": int,
    "pages": bool,
    "schemas": list,
    "notes": str,
    "legacy-tables": list,
    "legacy-prose": list,
    "allow-empty": bool,
    "import": list,
    "include": list,
    "exclude": list,
    "flask-app": str,
    "history": str,
    "lint": dict,
    "cache": bool,  # or "always"
    "cache-env": list,
}

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean (true or false)", list: "a list of strings",
               dict: "a table"}


@dataclass(frozen=True)
class Config:
    root: Path
    models: str | None
    database_url: str | None
    output: Path
    pages_dir: Path
    templates: Path | None
    dialect: str | None
    er_max_tables: int
    pages: bool  # write one page per table under pages_dir
    schemas: tuple[str, ...]  # database schemas to reflect (database-url source)
    notes: Path  # the notes file (people's words about tables; it need not exist)
    legacy_tables: tuple[str, ...]  # legacy headings to replace as table sections when adopting
    legacy_prose: tuple[str, ...]  # legacy headings to keep as prose when adopting
    lint: dict[str, Any]  # [tool.docgen.lint] as written: docgen.lint.settings reads it
    allow_empty: bool = False  # a schema without tables is documented (else: an error, the docs are kept)
    imports: tuple[str, ...] = ()  # modules imported before the models ("pkg.models.*": every submodule)
    include: tuple[str, ...] = ()  # table globs to document (none: every table)
    exclude: tuple[str, ...] = ()  # table globs to leave out
    flask_app: str | None = None  # where a Flask-Migrate project's app is, as FLASK_APP says it
    history: Path | None = None  # alembic.ini whose revisions the docs show (a Schema history page)
    cache: str = "off"  # "on" (not under CI=true), "always" or "off": see docgen.pipeline.cache_used
    cache_env: tuple[str, ...] = ()  # environment variables the models read: part of the cache key

    def relative(self, path: Path) -> str:
        """``path`` as the user would write it: relative to the project root when inside it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or a parent directory."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_table(pyproject: Path) -> dict[str, Any]:
    """The ``[tool.docgen]`` table of ``pyproject`` (empty when absent)."""
    try:
        raw = files.read_bytes(pyproject, f"config file {pyproject}")
        if raw is None:
            raise UsageError(f"config file {pyproject} not found")
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{pyproject}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("docgen", {})
    if not isinstance(table, dict):
        raise UsageError(f"{pyproject}: [tool.docgen] must be a table")
    return table


def load(pyproject: Path | None, cwd: Path, flags: dict[str, Any]) -> Config:
    """Merge defaults, ``[tool.docgen]`` of ``pyproject`` (or the nearest one) and ``flags``."""
    pyproject = pyproject or find_pyproject(cwd)
    file_values = read_table(pyproject) if pyproject else {}
    where = f"{pyproject} [tool.docgen]" if pyproject else "config"
    for key, value in file_values.items():
        if key not in DEFAULTS:
            raise UsageError(f"{where}: unknown key {key!r} (known: {', '.join(DEFAULTS)})")
        _check_type(where, key, value)
    root = (pyproject.parent if pyproject else cwd).resolve()
    if file_values.get("database-url"):  # a relative SQLite path in pyproject.toml is relative to the root
        from .sources.database import anchored

        file_values["database-url"] = anchored(file_values["database-url"], root)
    if isinstance(file_values.get("models"), list):  # several targets, merged
        file_values["models"] = ", ".join(file_values["models"])
    values = {**DEFAULTS, **file_values, **{k: v for k, v in flags.items() if v is not None}}
    if values["er-max-tables"] < 0:
        raise UsageError(f"{where}: er-max-tables must be 0 or more, got {values['er-max-tables']}")
    return Config(
        root=root,
        models=values["models"],
        database_url=values["database-url"],
        output=root / values["output"],
        pages_dir=root / values["pages-dir"],
        templates=root / values["templates"] if values["templates"] else None,
        dialect=values["dialect"],
        er_max_tables=values["er-max-tables"],
        pages=values["pages"],
        schemas=tuple(values["schemas"]),
        notes=root / values["notes"],
        legacy_tables=tuple(values["legacy-tables"]),
        legacy_prose=tuple(values["legacy-prose"]),
        allow_empty=values["allow-empty"],
        imports=tuple(values["import"]),
        include=tuple(values["include"]),
        exclude=tuple(values["exclude"]),
        flask_app=values["flask-app"],
        history=root / values["history"] if values["history"] else None,
        lint=values["lint"],
        cache=_CACHE_MODES[values["cache"]],
        cache_env=tuple(values["cache-env"]),
    )


def _check_type(where: str, key: str, value: Any) -> None:
    if key == "cache":
        if not (isinstance(value, bool) or value == "always"):
            raise UsageError(f"{where}: cache must be true, false or \"always\", got {value!r}")
        return
    expected = list if key == "models" and isinstance(value, list) else _TYPES[key]
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise UsageError(f"{where}: {key} must be {_TYPE_NAMES[expected]}, got {value!r}")
    if expected is list and not all(isinstance(item, str) for item in value):
        raise UsageError(f"{where}: {key} must be a list of strings, got {value!r}")
