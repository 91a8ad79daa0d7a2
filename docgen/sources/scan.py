"""Finding models in a project's source by parsing it with ``ast`` (nothing is imported or run).

``candidates(root)`` lists the objects ``docgen init`` can point ``models`` at:
``X = declarative_base()`` / ``registry()`` / ``MetaData()`` / ``SQLAlchemy()``
assignments, ``class Base(DeclarativeBase)`` classes, and SQLModel table
classes (``class Hero(SQLModel, table=True)``). ``module_defining_table``
finds the module whose source names a table (``__tablename__ = "x"`` or
``Table("x", ...)``), for the hint when a foreign key points at a table that
was not loaded.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Directories that hold no model code: virtual environments, caches, builds, VCS; tests and migrations
# (code that runs when imported, and often defines throwaway tables).
_SKIPPED = {"node_modules", "site-packages", "build", "dist", "__pycache__", "migrations", "alembic", "tests", "test"}


def _not_models(stem: str) -> bool:
    """Whether a module named ``stem`` is an entry point or a test: never a place for models, never imported."""
    return stem in ("__main__", "conftest") or stem.startswith("test_") or stem.endswith("_test")
_FACTORIES = {"declarative_base": "declarative base", "registry": "registry", "MetaData": "MetaData",
              "SQLAlchemy": "Flask-SQLAlchemy db"}
_BASES = {"DeclarativeBase", "DeclarativeBaseNoMeta"}


@dataclass(frozen=True)
class Candidate:
    target: str  # e.g. "app.models:Base"
    kind: str  # what it is, for the user: "declarative base", "MetaData", ...
    imports: tuple[str, ...] = ()  # modules to import first (SQLModel tables in other modules)


def python_modules(root: Path, directory: Path | None = None) -> Iterator[tuple[str, Path]]:
    """(module name, file) of every Python file under ``directory`` (default ``root``), sorted by path."""
    directory = directory or root
    for path in sorted(directory.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if any(part.startswith(".") or part in _SKIPPED or "venv" in part for part in parts[:-1]):
            continue
        if _not_models(parts[-1]):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and all(part.isidentifier() for part in parts):
            yield ".".join(parts), path


def only_models_below(root: Path, package: list[str]) -> bool:
    """Whether importing every module of ``package`` runs no entry point, test, conftest or migration."""
    directory = root.joinpath(*package)
    for path in directory.rglob("*.py"):
        parts = path.relative_to(directory).with_suffix("").parts
        if _not_models(parts[-1]) or any(part in _SKIPPED for part in parts[:-1]):
            return False
    return True


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_bytes(), str(path))
    except (SyntaxError, ValueError, OSError):
        return None


def _called_name(node: ast.AST) -> str | None:
    """``f`` of ``f(...)`` / ``mod.f(...)``."""
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return None


def _base_names(cls: ast.ClassDef) -> set[str]:
    return {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in cls.bases}


def candidates(root: Path) -> list[Candidate]:
    """The model targets defined at the top level of the project's modules, sorted by target.

    SQLModel tables are found through non-table bases too (the tutorial's ``class Hero(HeroBase, table=True)``
    with ``class HeroBase(SQLModel)``); a declarative base that a Flask-SQLAlchemy ``db`` is built on
    (``SQLAlchemy(model_class=Base)``) is not a second choice: the ``db`` covers it.
    """
    found: list[Candidate] = []
    classes: list[tuple[str, ast.ClassDef]] = []  # (module, class) of every top-level class
    built_on: set[str] = set()  # names given as model_class= to SQLAlchemy()
    has_sqlmodel: set[str] = set()  # modules where the name SQLModel is bound (imported)
    for module, path in python_modules(root):
        tree = _parse(path)
        for node in tree.body if tree else ():
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                kind = _FACTORIES.get(_called_name(node.value) or "")
                if kind:
                    found.append(Candidate(f"{module}:{node.targets[0].id}", kind))
                    built_on |= {getattr(k.value, "id", None) for k in node.value.keywords if k.arg == "model_class"}
            elif isinstance(node, ast.ImportFrom) and any(a.name == "SQLModel" and not a.asname for a in node.names):
                has_sqlmodel.add(module)
            elif isinstance(node, ast.ClassDef):
                classes.append((module, node))
                if _base_names(node) & _BASES:
                    found.append(Candidate(f"{module}:{node.name}", "declarative base"))
    found = [c for c in found if not (c.kind == "declarative base" and c.target.partition(":")[2] in built_on)]
    tables = _sqlmodel_tables(classes)  # module -> its first table class
    if tables:
        first, *others = tables
        target = f"{first}:{'SQLModel' if first in has_sqlmodel else tables[first]}"  # a table class has .metadata
        found.append(Candidate(target, "SQLModel tables", tuple(others)))
    return sorted(set(found), key=lambda c: c.target)


def _sqlmodel_tables(classes: list[tuple[str, ast.ClassDef]]) -> dict[str, str]:
    """Module -> its first SQLModel table class (``table=True``), derived directly or through the project's bases."""
    models = {"SQLModel"}
    while True:  # every class whose bases are SQLModel or one of its subclasses found so far, by name
        more = {cls.name for _, cls in classes if _base_names(cls) & models} - models
        if not more:
            break
        models |= more
    tables: dict[str, str] = {}
    for module, cls in classes:
        if _base_names(cls) & models and any(k.arg == "table" and getattr(k.value, "value", None) is True
                                             for k in cls.keywords):
            tables.setdefault(module, cls.name)
    return tables


def table_modules(root: Path) -> list[str]:
    """The project's modules whose source defines a table (``__tablename__ = ...`` or ``Table(...)``)."""
    return [module for module, path in python_modules(root)
            if (tree := _parse(path)) and any(_names_table(node, None) for node in ast.walk(tree))]


def module_defining_table(root: Path, packages: list[str], table: str) -> str | None:
    """The first module (by path) of ``packages`` under ``root`` whose source names the table ``table``."""
    for package in packages:
        directory = root / package
        files = python_modules(root, directory) if directory.is_dir() else ()
        for module, path in files:
            tree = _parse(path)
            if tree and any(_names_table(node, table) for node in ast.walk(tree)):
                return module
    return None


def _names_table(node: ast.AST, table: str | None) -> bool:
    """Whether ``node`` names the table ``table`` (any table when None)."""
    if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__tablename__" for t in node.targets):
        name = getattr(node.value, "value", None)
    elif _called_name(node) == "Table" and node.args:
        name = getattr(node.args[0], "value", None)
    else:
        return False
    return isinstance(name, str) and (table is None or name == table)
