"""The cache directory: ``.docgen_cache/`` at the project root, one JSON file per entry.

An entry holds the key it was made under; a reader that finds any other key,
or a file that is not a whole entry of this format (corrupt, truncated, from
another tool or another version of this format, unreadable), gets None: a
full run follows, never an error. Writes are atomic (a temporary file in the
directory, then a rename) and best effort: a directory that cannot be written
leaves the answer as it is. The directory holds a ``.gitignore`` of ``*`` (git
never sees it) and a ``CACHEDIR.TAG`` (backup tools skip it).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import files
from ..errors import UsageError
from ..model import LintFacts, Schema

DIRECTORY = ".docgen_cache"
FORMAT = "docgen-cache-1"  # changed whenever an entry's shape changes
_MARKERS = {
    ".gitignore": "# created by docgen: its cache, never committed\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This file is a cache directory tag created by docgen.\n",
}


def read(root: Path, name: str) -> dict[str, Any] | None:
    """The entry ``name`` (its ``key`` says what it was made under); None when there is none to trust."""
    try:
        data = json.loads(files.read_bytes(root / DIRECTORY / name) or b"")
    except (UsageError, ValueError, RecursionError):  # not a regular file, unreadable, not JSON (truncated, foreign)
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("key"), str):
        return None
    return data


def write(root: Path, name: str, key: str, data: dict[str, Any]) -> bool:
    """Keep ``data`` as the entry ``name`` made under ``key``; False when the directory cannot be written."""
    directory = root / DIRECTORY
    temporary = None
    try:
        directory.mkdir(exist_ok=True)
        for marker, text in _MARKERS.items():
            if not (directory / marker).exists():
                (directory / marker).write_text(text, encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".writing-", suffix=".json")
        with os.fdopen(handle, "wb") as file:
            file.write(json.dumps({"format": FORMAT, "key": key, **data}, ensure_ascii=True).encode())
        os.replace(temporary, directory / name)
        return True
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False


def schema_data(schema: Schema) -> dict[str, Any]:
    """``schema`` with its lint facts as JSON data (:func:`schema_from` reads it back, exactly)."""
    return {"schema": schema.to_dict(), "lint": schema.lint.to_dict()}


def schema_from(entry: dict[str, Any]) -> Schema | None:
    """The schema an entry holds; None when it does not hold a whole one."""
    try:
        return Schema.from_dict(entry["schema"], LintFacts.from_dict(entry["lint"]))
    except (KeyError, TypeError, ValueError):
        return None
