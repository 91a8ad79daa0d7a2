"""``docgen init``: find the project's models target and write ``[tool.docgen]`` into pyproject.toml.

The project's source is parsed (``docgen.scan``), nothing is imported to
choose. One candidate is taken without a question; several are listed and
the user picks one with ``--models``. Modules that define tables outside the
target's module go under ``import`` (their common package as ``pkg.*``). The
table is appended to ``pyproject.toml`` as text, so the rest of the file
keeps its formatting byte for byte; the result is parsed back with
``tomllib`` before anything is written.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from .. import files
from ..errors import UsageError
from . import scan


def choose(root: Path, models: str | None) -> tuple[str, tuple[str, ...]]:
    """(the models target, the modules to import first) for the project at ``root``."""
    found = scan.candidates(root)
    if models:
        chosen = next((c for c in found if c.target == models), scan.Candidate(models, "given"))
    elif not found:
        raise UsageError(f"no models found under {root} (no declarative_base(), DeclarativeBase subclass, "
                         "MetaData(), registry(), SQLAlchemy() or SQLModel table): pass --models package.module:attribute")
    elif len(found) > 1:
        listed = "; ".join(f"{c.target} ({c.kind})" for c in found)
        raise UsageError(f"found {len(found)} possible models targets: {listed}; "
                         f"choose one: docgen init --models {found[0].target}")
    else:
        chosen = found[0]
    module = chosen.target.partition(":")[0]
    others = [m for m in scan.table_modules(root) if m != module]
    return chosen.target, chosen.imports or _patterns(root, others)


def _patterns(root: Path, modules: list[str]) -> tuple[str, ...]:
    """The fewest imports that load ``modules`` and nothing that runs on import (entry points, tests,
    migrations): ``pkg.*`` for modules sharing a package that holds only such modules, ``pkg.*.models``
    for the same module in each package of one level, else the modules themselves."""
    if not modules:
        return ()
    split = [m.split(".") for m in modules]
    common = os.path.commonprefix([parts[:-1] for parts in split])
    if common and scan.only_models_below(root, common):
        return (".".join(common) + ".*",)
    last, prefix = split[0][-1], split[0][:-2]
    if prefix and all(len(parts) == len(split[0]) and parts[-1] == last and parts[:-2] == prefix for parts in split):
        level = root.joinpath(*prefix)
        each = {".".join([*prefix, d.name, last]) for d in level.iterdir()
                if (d / "__init__.py").is_file() and ((d / f"{last}.py").is_file() or (d / last).is_dir())}
        if each == set(modules):
            return (".".join(prefix) + ".*." + last,)
    return tuple(modules)


def table_text(models: str, imports: tuple[str, ...]) -> str:
    lines = ["[tool.docgen]", f"models = {json.dumps(models)}"]
    if imports:
        lines.append(f"import = [{', '.join(json.dumps(m) for m in imports)}]")
    return "\n".join(lines) + "\n"


def new_pyproject(pyproject: Path, table: str) -> bytes:
    """The file's bytes with ``table`` appended (in the file's line endings); an error if it already
    configures docgen or would not parse."""
    raw = files.read_bytes(pyproject) or b""
    try:
        existing = raw.decode("utf-8")
        current = tomllib.loads(existing)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{pyproject}: invalid TOML: {exc}") from None
    if "docgen" in current.get("tool", {}):
        raise UsageError(f"{pyproject} already has [tool.docgen]: edit it, or run docgen build")
    newline = "\r\n" if "\r\n" in existing else "\n"
    separator = "" if not existing else (newline if existing.endswith("\n") else newline * 2)
    text = existing + separator + table.replace("\n", newline)
    try:
        written = tomllib.loads(text)["tool"]["docgen"]
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise UsageError(f"{pyproject}: appending [tool.docgen] would not parse ({exc}); add it by hand") from None
    if written != tomllib.loads(table)["tool"]["docgen"]:
        raise UsageError(f"{pyproject}: appending [tool.docgen] would merge with its other keys; add it by hand")
    return text.encode("utf-8")
