"""Files that are not files: docgen reads and writes only regular files (or symbolic links to one).

A FIFO, a device, a socket or a directory where docgen expects a document,
a page, the notes or ``pyproject.toml`` is a mistake (or an attack: as root,
``ln -s /dev/null docs/DATABASE_SCHEMA.md`` would turn ``/dev/null`` into a
regular file). :func:`read_bytes` opens without blocking (``O_NONBLOCK``: a
FIFO with no writer would hang the read forever) and checks what it opened
before reading a byte; :func:`refuse_special` checks a file before it is
replaced. Both raise a :class:`UsageError` naming the kind of file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UsageError

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def kind(mode: int) -> str:
    """What a file of ``mode`` is, in words (``a FIFO (named pipe)``, ...)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse(path: Path, mode: int, name: str | None) -> None:
    if not stat.S_ISREG(mode):
        link = " (through a symbolic link)" if path.is_symlink() else ""
        raise UsageError(f"{name or path} is {kind(mode)}{link}, not a regular file: docgen reads and writes "
                         "only regular files (or links to one)")


def read_bytes(path: Path, name: str | None = None, size: int = -1) -> bytes | None:
    """The bytes of the regular file at ``path`` (through links), None when it does not exist; never blocks.

    ``name`` is how errors call the file (``notes docs/notes.md``), ``path`` by default; ``size``, when
    given, is how many bytes to read at most.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        _refuse(path, stat.S_IFDIR, name)
        raise  # unreachable: a directory is always refused
    except OSError as exc:  # a socket (ENXIO), a permission, a symbolic link loop (ELOOP)
        try:
            _refuse(path, os.stat(path).st_mode, name)
        except OSError:
            pass
        raise UsageError(f"cannot read {name or path}: {exc.strerror}") from None
    try:
        _refuse(path, os.fstat(fd).st_mode, name)
    except UsageError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(size)
        except OSError as exc:
            raise UsageError(f"cannot read {name or path}: {exc.strerror}") from None


def refuse_special(path: Path, name: str | None = None) -> None:
    """An error when ``path`` (through links) exists and is not a regular file; nothing when it is or is missing."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:  # a symbolic link loop, a permission
        raise UsageError(f"cannot use {name or path}: {exc.strerror}") from None
    _refuse(path, mode, name)


def resolved(path: Path) -> Path:
    """``path`` made absolute, its symbolic links followed; a loop of links is a :class:`UsageError`."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # "Symlink loop" (Python < 3.13), ELOOP
        raise UsageError(f"{path} is a symbolic link loop (its links lead back to themselves): "
                         "point it at a file") from None
