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
import tempfile
import tomllib
from pathlib import Path

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
    return chosen.target, chosen.imports or _patterns(others)


def _patterns(modules: list[str]) -> tuple[str, ...]:
    """``pkg.*`` for modules sharing a package, else the modules themselves."""
    if not modules:
        return ()
    common = os.path.commonprefix([m.split(".")[:-1] for m in modules])
    return (".".join(common) + ".*",) if common else tuple(modules)


def table_text(models: str, imports: tuple[str, ...]) -> str:
    lines = ["[tool.docgen]", f"models = {json.dumps(models)}"]
    if imports:
        lines.append(f"import = [{', '.join(json.dumps(m) for m in imports)}]")
    return "\n".join(lines) + "\n"


def new_pyproject_text(pyproject: Path, table: str) -> str:
    """The file with ``table`` appended; an error if it already configures docgen or would not parse."""
    try:
        existing = pyproject.read_text(encoding="utf-8") if pyproject.exists() else ""
        current = tomllib.loads(existing)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{pyproject}: invalid TOML: {exc}") from None
    if "docgen" in current.get("tool", {}):
        raise UsageError(f"{pyproject} already has [tool.docgen]: edit it, or run docgen build")
    separator = "" if not existing else ("\n" if existing.endswith("\n") else "\n\n")
    text = existing + separator + table
    try:
        written = tomllib.loads(text)["tool"]["docgen"]
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise UsageError(f"{pyproject}: appending [tool.docgen] would not parse ({exc}); add it by hand") from None
    if written != tomllib.loads(table)["tool"]["docgen"]:
        raise UsageError(f"{pyproject}: appending [tool.docgen] would merge with its other keys; add it by hand")
    return text


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it)."""
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
