"""Where the schema comes from: imported models (or, see ``reflect``, a live database).

``load_models("pkg.mod:attr", root, imports)`` imports the user's models the
way their app would (``root`` on ``sys.path``). First the ``imports`` (module
names; ``pkg.models.*`` is every submodule of ``pkg.models``), so registries
that fill up as modules are imported are complete. A target may be a
``MetaData``, a ``registry``, anything with a ``.metadata`` (a declarative
base, SQLModel and its subclasses, Flask-SQLAlchemy's ``db.Model``) or a
Flask-SQLAlchemy ``db`` (the metadata of all its binds); a dotted attribute
after the colon is allowed (``mod:Base.metadata``). Several targets,
comma-separated, are merged; a table name in two of them is an error. A
foreign key to a table that was not loaded is an error naming the module that
defines it. Every failure is a :class:`UsageError` with one line. What the
models print while being imported goes to stderr: stdout is docgen's
(``inspect --json`` must stay JSON).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import orm

from .. import model
from ..errors import UsageError, describe
from . import progress, relationships, scan
from .guard import stdout_to_stderr

_ENTRY_POINT = "__main__"  # a package's `python -m` entry point: runs a program, defines no models
WORKS = "a MetaData, a declarative base or registry, a class or object with .metadata, or a Flask-SQLAlchemy db"


@dataclass(frozen=True)
class Models:
    metadata: sa.MetaData
    class_docs: dict[str, str]  # table key -> docstring of the mapped class
    classes: dict[str, tuple[str, str]]  # table key -> (file of the mapped class relative to root, its qualname)
    modules: dict[str, str]  # table key -> the module of its mapped class (also outside the project)
    relationships: dict[str, tuple[model.OrmRelationship, ...]]  # table key -> its ORM-only references


def load_models(spec: str, root: Path, imports: tuple[str, ...] = (), allow_empty: bool = False) -> Models:
    targets = [target.strip() for target in spec.split(",") if target.strip()]
    if not targets:
        raise UsageError(f"invalid models path {spec!r}: expected 'package.module:attribute'")
    found: dict[int, tuple[str, sa.MetaData]] = {}  # the same MetaData reached twice counts once
    with progress.shown("importing the models"):
        import_project(root, imports)
        with stdout_to_stderr():  # what the models print (print or fd 1) must not mix with docgen's output
            for target in targets:
                for metadata in _metadatas_of(_resolve(target), target):
                    found.setdefault(id(metadata), (target, metadata))
    metadata = _merged(list(found.values()))
    mappers = _mappers([m for _, m in found.values()])
    class_docs, classes = _class_docs(mappers), _classes(mappers, root)
    if not metadata.tables and not allow_empty:
        raise UsageError(f"no tables found in {spec!r}: is the module that defines the models imported? "
                         "(list it under import, e.g. import = [\"yourpackage.models.*\"]; "
                         "set allow-empty = true if the schema is really empty)")
    _check_references(metadata, targets, root)
    with stdout_to_stderr():
        references = relationships.orm_only(mappers, {id(t) for _, m in found.values() for t in m.tables.values()})
    return Models(metadata, class_docs, classes, _modules(mappers), references)


def import_project(root: Path, imports: tuple[str, ...] = ()) -> None:
    """Make the project's code importable as its app would (``root`` on ``sys.path``) and import the
    ``imports``: before the models, and before a Flask app is loaded without them (``docgen history``)."""
    root_str = str(root)
    if root_str not in sys.path:
        sys.path.insert(0, root_str)
    with stdout_to_stderr():
        for name in imports:
            import_pattern(name)


def import_pattern(name: str) -> None:
    """Import the modules ``name`` names: a module (``pkg.models``), every module below a package
    (``pkg.models.*``), or one module per package of a level (``pkg.*.models``: ``*`` in the middle is one
    package name). Entry points (``__main__``) are never imported by a pattern."""
    parts = name.split(".")
    if not all(part == "*" or part.isidentifier() for part in parts) or parts[0] == "*":
        raise UsageError(f"invalid import {name!r}: expected a module name, 'package.*' for all its submodules "
                         "or 'package.*.module' for that module of each subpackage")
    found = list(_matching(name, parts[:1], parts[1:]))
    if "*" in parts[:-1] and not found:
        raise UsageError(f"import {name!r} matches no module")
    for module in found:
        _import(module)


def _matching(name: str, done: list[str], rest: list[str]) -> Iterator[str]:
    """The modules ``done`` + ``rest`` names, ``done`` being literal so far (packages are imported to list them)."""
    while rest and rest[0] != "*":
        done, rest = [*done, rest[0]], rest[1:]
    if not rest:
        yield ".".join(done)
        return
    package_name = ".".join(done)
    path = getattr(_import(package_name), "__path__", None)
    if path is None:
        raise UsageError(f"invalid import {name!r}: {package_name!r} is a module, not a package")
    if len(rest) == 1:  # a trailing *: every module below

        def failed(submodule: str) -> None:
            raise UsageError(f"importing {submodule!r} (from import {name!r}) failed: {describe(sys.exc_info()[1])}")

        yield from (info.name for info in pkgutil.walk_packages(path, package_name + ".", onerror=failed)
                    if _ENTRY_POINT not in info.name.split("."))
        return
    for info in sorted(pkgutil.iter_modules(path), key=lambda info: info.name):
        if info.ispkg and (rest[1] == "*" or _has_module(info, f"{package_name}.{info.name}.{rest[1]}")):
            yield from _matching(name, [*done, info.name], rest[1:])


def _has_module(package: pkgutil.ModuleInfo, module_name: str) -> bool:
    """Whether the package ``package`` has the submodule ``module_name``, found without importing the package."""
    directory = getattr(package.module_finder, "path", None)
    if directory is None:  # not a directory on disk (a zip file, ...): ask the import system
        return importlib.util.find_spec(module_name) is not None
    return importlib.machinery.PathFinder.find_spec(module_name, [os.path.join(directory, package.name)]) is not None


def _import(module_name: str, what: str = "module"):
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise UsageError(f"{what} {module_name!r} not found (searched from {sys.path[0]})") from None
        raise UsageError(f"importing {what} {module_name!r} failed: {describe(exc)}") from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # an Exception, sys.exit(), GeneratorExit, ...: the module's own doing
        raise UsageError(f"importing {what} {module_name!r} failed: {describe(exc)}") from None


def _resolve(target: str) -> object:
    module_name, sep, attr_path = target.partition(":")
    if not sep or not module_name or not attr_path:
        raise UsageError(f"invalid models path {target!r}: expected 'package.module:attribute'")
    obj = _import(module_name, "models module")
    for part in attr_path.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UsageError(f"{target!r}: module {module_name!r} has no attribute {attr_path!r}") from None
        except Exception as exc:  # a property of the user's code that raises
            raise UsageError(f"{target!r}: reading {part!r} failed: {describe(exc)}") from None
    return obj


def _metadatas_of(obj: object, target: str) -> list[sa.MetaData]:
    if isinstance(obj, sa.MetaData):
        return [obj]
    binds = getattr(obj, "metadatas", None)  # Flask-SQLAlchemy: one MetaData per bind key
    if isinstance(binds, dict) and binds and all(isinstance(m, sa.MetaData) for m in binds.values()):
        return [binds[key] for key in sorted(binds, key=lambda key: (key is not None, str(key)))]
    metadata = getattr(obj, "metadata", None)
    if isinstance(metadata, sa.MetaData):  # registry, declarative base, SQLModel, db.Model
        return [metadata]
    kind = obj.__name__ if isinstance(obj, type) else type(obj).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    what = f"the class {kind}" if isinstance(obj, type) else f"{article} {kind}"
    raise UsageError(f"{target!r} is {what}, not {WORKS}; {_suggestion(target)}")


def _suggestion(target: str) -> str:
    """Targets in the same module that would work (a db, then MetaData, then bases), else the forms that do."""
    module_name = target.partition(":")[0]
    ranked = sorted(
        (rank, name) for name, value in vars(sys.modules.get(module_name) or object).items()
        if not name.startswith("_") and (rank := _target_rank(value)) is not None
    )
    if ranked:
        return "try " + " or ".join(f"'{module_name}:{name}'" for _, name in ranked[:3])
    return "point models at e.g. 'app.models:Base', 'app.models:metadata' or 'app:db'"


def _target_rank(value: object) -> int | None:
    """How good a target ``value`` is: 0 a Flask-SQLAlchemy db, 1 a MetaData, 2 a base; None for no target."""
    try:
        if isinstance(value, sa.MetaData):
            return 1
        if isinstance(getattr(value, "metadatas", None), dict):
            return 0
        if isinstance(getattr(value, "metadata", None), sa.MetaData) and not hasattr(value, "__table__"):
            return 2
    except Exception:  # a property of the user's code that raises: not a target
        pass
    return None


def _merged(found: list[tuple[str, sa.MetaData]]) -> sa.MetaData:
    """One MetaData holding the tables of all ``found``; a table name in two of them is an error."""
    if len(found) == 1:
        return found[0][1]
    merged = sa.MetaData()
    origin: dict[str, str] = {}
    for target, metadata in found:
        for key, table in metadata.tables.items():
            if key in origin:
                raise UsageError(f"table {key!r} is defined twice: in {origin[key]!r} and in {target!r} "
                                 "(two models targets may not share a table name)")
            origin[key] = target
            table.to_metadata(merged)
    return merged


def _check_references(metadata: sa.MetaData, targets: list[str], root: Path) -> None:
    """A foreign key to a table that is not loaded: name the module that defines it, to import first."""
    for table in metadata.tables.values():
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            try:
                fk.column  # noqa: B018  (resolving the target is the check)
            except sa.exc.NoReferencedTableError as exc:
                missing = exc.table_name
            except sa.exc.NoReferencedColumnError:
                continue  # the table is loaded; the converter names the missing column
            else:
                continue
            packages = sorted({target.split(":")[0].split(".")[0] for target in targets})
            module = scan.module_defining_table(root, packages, missing.rsplit(".", 1)[-1])
            package = packages[0]
            example = f", e.g. import = [\"{package}.*\"]" if (root / package).is_dir() else ""
            hint = (f"add import = [\"{module}\"] (or --import {module})" if module
                    else f"list the module that defines it under import{example}")
            raise UsageError(f"foreign key {table.key}.{fk.parent.name} references table {missing!r}, "
                             f"which is not loaded: {hint}")


def _mappers(metadatas: list[sa.MetaData]) -> list[orm.Mapper]:
    """The mappers, of any live registry, whose table is one of ``metadatas``', by class name."""
    from sqlalchemy.orm.mapper import (
        _all_registries,  # the only list of live registries
    )

    tables = {id(table) for metadata in metadatas for table in metadata.tables.values()}
    return sorted(
        (m for registry in _all_registries() for m in registry.mappers if id(m.local_table) in tables),
        key=lambda m: (m.class_.__module__, m.class_.__qualname__),
    )


def _class_docs(mappers: list[orm.Mapper]) -> dict[str, str]:
    """Docstrings of mapped classes by table key (the first class mapping a table wins)."""
    docs: dict[str, str] = {}
    for mapper in mappers:
        table = mapper.local_table
        doc = mapper.class_.__dict__.get("__doc__")
        if isinstance(table, sa.Table) and doc and table.key not in docs:
            docs[table.key] = doc
    return docs


def _classes(mappers: list[orm.Mapper], root: Path) -> dict[str, tuple[str, str]]:
    """Where each table's mapped class is defined: (its file relative to ``root``, its qualified name).

    Only files inside the project are named (annotations point into the repository);
    the line is looked up when a finding needs it (``docgen.lint.locate``), not here.
    """
    files: dict[str, str | None] = {}
    classes: dict[str, tuple[str, str]] = {}
    for mapper in mappers:
        table, cls = mapper.local_table, mapper.class_
        if not isinstance(table, sa.Table) or table.key in classes:
            continue
        if cls.__module__ not in files:
            files[cls.__module__] = _relative_file(sys.modules.get(cls.__module__), root)
        if files[cls.__module__]:
            classes[table.key] = (files[cls.__module__], cls.__qualname__)
    return classes


def _modules(mappers: list[orm.Mapper]) -> dict[str, str]:
    """The module each table's mapped class is defined in (the first class mapping a table wins), installed
    packages too: what groups the tables of a package docgen documents from outside its tree."""
    modules: dict[str, str] = {}
    for mapper in mappers:
        if isinstance(mapper.local_table, sa.Table):
            modules.setdefault(mapper.local_table.key, mapper.class_.__module__)
    return modules


def _relative_file(module: object, root: Path) -> str | None:
    file = getattr(module, "__file__", None)
    if not file:
        return None
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
