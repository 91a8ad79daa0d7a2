"""Where the schema comes from: an imported models module (or, see ``reflect``, a live database).

``load_models("pkg.mod:attr", root)`` imports the user's models the way their
app would (``root`` on ``sys.path``) and accepts a ``MetaData``, a declarative
base or a ``registry``; a dotted attribute after the colon is allowed
(``mod:Base.metadata``). Every failure is a :class:`UsageError` with one line.
What the models print while being imported goes to stderr: stdout is docgen's
(``inspect --json`` must stay JSON).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import orm

from .errors import UsageError, describe


@dataclass(frozen=True)
class Models:
    metadata: sa.MetaData
    class_docs: dict[str, str]  # table key -> docstring of the mapped class


def load_models(spec: str, root: Path, allow_empty: bool = False) -> Models:
    module_name, sep, attr_path = spec.partition(":")
    if not sep or not module_name or not attr_path:
        raise UsageError(f"invalid models path {spec!r}: expected 'package.module:attribute'")
    with contextlib.redirect_stdout(sys.stderr):  # what the models print must not mix with docgen's output
        module = _import(module_name, root)
        obj = module
        for part in attr_path.split("."):
            try:
                obj = getattr(obj, part)
            except AttributeError:
                raise UsageError(f"{spec!r}: module {module_name!r} has no attribute {attr_path!r}") from None
            except Exception as exc:  # a property of the user's code that raises
                raise UsageError(f"{spec!r}: reading {part!r} failed: {describe(exc)}") from None
    metadata, registry = _metadata_of(obj, spec)
    if not metadata.tables and not allow_empty:
        raise UsageError(f"no tables found in {spec!r}: is the module that defines the models imported? "
                         "(set allow-empty = true if the schema is really empty)")
    return Models(metadata, _class_docs(metadata, registry))


def _import(module_name: str, root: Path):
    root_str = str(root)
    if root_str not in sys.path:
        sys.path.insert(0, root_str)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise UsageError(f"models module {module_name!r} not found (searched from {root_str})") from None
        raise UsageError(f"importing models module {module_name!r} failed: {describe(exc)}") from None
    except (Exception, SystemExit) as exc:
        raise UsageError(f"importing models module {module_name!r} failed: {describe(exc)}") from None


def _metadata_of(obj: object, spec: str) -> tuple[sa.MetaData, orm.registry | None]:
    if isinstance(obj, sa.MetaData):
        return obj, None
    if isinstance(obj, orm.registry):
        return obj.metadata, obj
    registry = getattr(obj, "registry", None)
    metadata = getattr(obj, "metadata", None)
    if isinstance(registry, orm.registry) and isinstance(metadata, sa.MetaData):
        return metadata, registry
    raise UsageError(
        f"{spec!r} is a {type(obj).__name__}, not a SQLAlchemy MetaData, declarative base or registry"
    )


def _class_docs(metadata: sa.MetaData, registry: orm.registry | None) -> dict[str, str]:
    """Docstrings of mapped classes, from the given registry or any registry sharing ``metadata``."""
    registries = [registry] if registry is not None else _registries_of(metadata)
    mappers = sorted(
        (m for reg in registries for m in reg.mappers),
        key=lambda m: (m.class_.__module__, m.class_.__qualname__),
    )
    docs: dict[str, str] = {}
    for mapper in mappers:
        table = mapper.local_table
        doc = mapper.class_.__dict__.get("__doc__")
        if isinstance(table, sa.Table) and doc and table.key not in docs:
            docs[table.key] = doc
    return docs


def _registries_of(metadata: sa.MetaData) -> list[orm.registry]:
    from sqlalchemy.orm.mapper import _all_registries  # the only list of live registries

    return [r for r in _all_registries() if r.metadata is metadata]
