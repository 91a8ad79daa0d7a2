"""Carry out a plan on disk: every file whole, and nothing written when anything fails first.

Every new text is first written into a hidden staging directory
(``.docgen-XXXXXXXX.tmp``) next to its target. Only when all of them are
staged are they renamed into place, one ``os.replace`` each (a file always has
either its old or its new text, never part of one), then stale generated files
are deleted and the staging directories removed. A failure while staging — a
full disk, a read-only file — leaves the docs exactly as they were and removes
what was staged.

What cannot be all-or-nothing: a process killed (``kill -9``) while renaming
leaves some files new and some old (each whole) and a staging directory. The
next build removes leftover staging directories — only docgen's own, by their
name — and rewrites whatever is still stale; ``check`` reports it meanwhile.

Two builds of one project at once would mix their files (each one's cleanup
deleting the other's staging directory): a build holds the project's lock
(:func:`one_build_at_a_time`) from its plan to its last rename, so the last
one to take it wins whole.

A target that is a symbolic link is written through: its target gets the new
text, the link stays (a dangling link's target is created).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from . import files
from .errors import UsageError
from .plan import Plan

_STAGING_PREFIX, _STAGING_SUFFIX = ".docgen-", ".tmp"
# Names of docgen's own leftovers: staging directories (tempfile's 8 random characters), and the
# temporary files ".<page>.XXXXXXXX.tmp" that docgen before 0.2 wrote next to each page.
_LEFTOVER = re.compile(r"\.docgen-[a-z0-9_]{8}\.tmp|\..+\.md\.[a-z0-9_]{8}\.tmp")


@contextlib.contextmanager
def one_build_at_a_time(root: Path):
    """Hold the build lock of the project at ``root``: an exclusive ``flock`` on its directory (no file is
    made); another build waits for it, saying so on stderr. Without ``flock`` (Windows) there is no lock."""
    try:
        import fcntl
        handle = os.open(root, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"docgen: waiting for another docgen build of {root} to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def apply(plan: Plan) -> list[Path]:
    """Write what changed, delete what is stale; return the paths touched."""
    changed = list(plan.writes)
    targets = {path: through_links(path) for path in changed}
    for directory in sorted({*plan.places, *(target.parent for target in targets.values())}):
        remove_leftovers(directory)
    for path in [*changed, *plan.deletes]:
        _refuse_read_only(path, targets.get(path, path))
    staging: dict[Path, Path] = {}  # target directory -> its staging directory
    try:
        staged = []
        for number, path in enumerate(changed):
            data = plan.writes[path]
            if path in plan.crlf:
                data = data.replace(b"\n", b"\r\n")
            target = targets[path]
            if target.parent not in staging:
                staging[target.parent] = _staging_directory(target.parent, path)
            staged.append((_stage(staging[target.parent] / str(number), data, target, path), target))
        for temp, target in staged:
            _replace(temp, target)
        for path in plan.deletes:
            path.unlink(missing_ok=True)
    finally:
        for directory in staging.values():
            shutil.rmtree(directory, ignore_errors=True)
    return changed + list(plan.deletes)


def replace(path: Path, data: bytes) -> None:
    """Write one file as :func:`apply` writes each: whole, through links, its mode kept; refused when read-only."""
    target = through_links(path)
    _refuse_read_only(path, target)
    staging = _staging_directory(target.parent, path)
    try:
        _replace(_stage(staging / "0", data, target, path), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def through_links(path: Path) -> Path:
    """The file that writing ``path`` must change: the final target when ``path`` is a symbolic link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def remove_leftovers(directory: Path) -> None:
    """Remove what an interrupted docgen run left in ``directory`` (its own staging directories and temp files)."""
    try:
        entries = list(os.scandir(directory))
    except OSError:  # not there (yet), or not readable: nothing of docgen's can be in it
        return
    for entry in entries:
        if _LEFTOVER.fullmatch(entry.name):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                Path(entry.path).unlink(missing_ok=True)


def _refuse_read_only(path: Path, target: Path) -> None:
    """A file without write permission is not docgen's to replace or delete; nor is a FIFO, a device, ..."""
    files.refuse_special(path)  # named as given, "through a symbolic link" when it is one
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # not there yet
    if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise UsageError(f"{path} is read-only: docgen does not replace it (make it writable, then run again)")


def _staging_directory(directory: Path, path: Path) -> Path:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, suffix=_STAGING_SUFFIX, dir=directory))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def _stage(temp: Path, data: bytes, target: Path, path: Path) -> Path:
    try:
        temp.write_bytes(data)
        os.chmod(temp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
    except OSError as exc:  # a full disk (ENOSPC), a quota, a file too big
        raise UsageError(f"cannot write {path}: {exc.strerror}; nothing was written") from None
    return temp


def _replace(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
