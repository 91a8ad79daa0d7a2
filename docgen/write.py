"""Carry out a plan on disk: all-or-nothing, atomic per file.

Every new text is first written to a temporary file next to its target; only
when all of them succeeded are they renamed into place (and stale generated
files deleted). A failure before that leaves the tree exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError
from .plan import Plan


def apply(plan: Plan) -> list[Path]:
    """Write what changed, delete what is stale; return the paths touched."""
    changed = list(plan.writes)
    staged: list[tuple[str, Path]] = []
    try:
        for path in changed:
            data = plan.writes[path]
            if path in plan.crlf:
                data = data.replace(b"\n", b"\r\n")
            staged.append((_stage(path, data), path))
    except BaseException:
        for temp, _ in staged:
            os.unlink(temp)
        raise
    for temp, path in staged:
        os.replace(temp, path)
    for path in plan.deletes:
        path.unlink(missing_ok=True)
    return changed + list(plan.deletes)


def _stage(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    if path.exists():
        os.chmod(temp, path.stat().st_mode & 0o7777)
    else:
        os.chmod(temp, 0o666 & ~_umask())
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
