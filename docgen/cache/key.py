"""The key of a cached answer: one digest of everything the answer depends on.

A full run records what it read — the ``parts`` it was given (the
configuration, the Python version, the named environment variables), and,
after importing the models, every module file the import loaded that no
installed distribution's version accounts for (:func:`loaded_files`: the
project's own modules, an editable install's sources elsewhere) with the
directories they were found in (a new module there can change what imports).
:func:`digest` hashes all of that by content, together with every installed
distribution (the name and version in each ``*.dist-info`` / ``*.egg-info``
directory on ``sys.path``, its ``RECORD`` of installed files and their hashes,
and the ``.pth`` files that extend the path), the trees given (docgen's own
files, the templates) and the files given (the notes). Nothing is taken from
a file's size or modification time: equal bytes, equal key, and no other way.
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import site
import sys
import sysconfig
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import files
from ..errors import UsageError

_MODULE_SUFFIXES = (".py", ".pyc", ".pyw", ".so", ".pyd")
_INSTALLED = (".dist-info", ".egg-info")
_ABSENT = b"\0absent"  # what a missing file or directory hashes as (a file's bytes are marked with \1)
_UNREADABLE = b"\0unreadable"


def loaded_files(root: Path) -> tuple[list[str], list[str]]:
    """(files, directories): every file of a loaded module that versions do not cover, and where each was found.

    A module is covered when it lies in the standard library or a
    site-packages directory (outside ``root``): the Python version and the
    installed distributions account for it. Everything else — the project's
    modules, a path entry of plain modules, an editable install's sources —
    is hashed by content. Namespace packages add their directories.
    """
    covered = [d for d in _covered_directories() if not inside(str(root), d)]  # never the project itself
    files: set[str] = set()
    directories: set[str] = {str(root)}
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        places = [os.path.dirname(file)] if isinstance(file, str) else []
        if isinstance(file, str) and os.path.isfile(file):
            real = os.path.realpath(file)
            if not any(inside(real, d) for d in covered):
                files.add(real)
                directories.add(os.path.dirname(real))
        path = getattr(module, "__path__", None)
        if isinstance(path, Iterable) and not isinstance(path, str):
            places += [p for p in list(path) if isinstance(p, str)]
        for place in places:
            real = os.path.realpath(place)
            if os.path.isdir(real) and not any(inside(real, d) for d in covered):
                directories.add(real)
    return sorted(files), sorted(directories)


def _covered_directories() -> list[str]:
    paths = sysconfig.get_paths()
    found = [paths[name] for name in ("stdlib", "platstdlib", "purelib", "platlib") if name in paths]
    found += site.getsitepackages() + [site.getusersitepackages()]
    return sorted({os.path.realpath(p) for p in found})


def inside(path: str, directory: str) -> bool:
    """Whether ``path`` is ``directory`` or lies under it (both spelled alike: real paths, or neither)."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def digest(parts: Mapping[str, object], installed: list[tuple[str, bytes]], files: Iterable[str],
           directories: Iterable[str], trees: Iterable[Path]) -> str:
    """The key: ``parts`` (JSON data), what is ``installed``, the bytes of ``files``, the module names
    in ``directories`` and every file under ``trees``."""
    hashed = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        for piece in (label.encode("utf-8", "surrogateescape"), data):
            hashed.update(len(piece).to_bytes(8, "big"))
            hashed.update(piece)

    add("parts", json.dumps(parts, sort_keys=True, ensure_ascii=True).encode())
    for file in files:
        add("file " + file, _read(file))
    for directory in directories:
        add("directory " + directory, "\0".join(_module_names(directory)).encode("utf-8", "surrogateescape"))
    for tree in trees:
        add("tree " + str(tree), b"directory" if os.path.isdir(tree) else _ABSENT)
        for file in _tree_files(tree):
            add("tree " + file, _read(file))
    for label, data in installed:
        add(label, data)
    return hashed.hexdigest()


def _read(file: str) -> bytes:
    """The bytes of ``file``, marked; one mark for a missing file, one for what is not a readable regular file
    (a FIFO would block an ordinary read for ever)."""
    try:
        data = files.read_bytes(Path(file))
    except UsageError:
        return _UNREADABLE
    return _ABSENT if data is None else b"\1" + data


def _module_names(directory: str) -> list[str]:
    """What ``directory`` offers to import: its module files and packages (sorted).

    A directory without ``__init__.py`` (``docs/``) is left out: the import system takes a module or
    package found anywhere on the path before it, so it shadows nothing that imported.
    """
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return [_ABSENT.decode()]
    return sorted(e.name for e in entries if e.name.endswith(_MODULE_SUFFIXES) or _is_package(e))


def _is_package(entry: os.DirEntry) -> bool:
    try:
        return entry.name.isidentifier() and entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py"))
    except OSError:
        return False


def migration_tree(ini: Path) -> Path | None:
    """The directory of the migrations configured by ``ini`` (their env.py and versions): its
    ``script_location`` resolved as alembic resolves it (``%(here)s`` and relative paths from the ini's
    directory), else the ini's own directory, as Flask-Migrate keeps it. A location in a package
    (``pkg:dir``) gives the ini's directory too: that package's files are among the loaded ones."""
    here = ini.absolute().parent
    parser = configparser.ConfigParser(defaults={"here": str(here)})
    try:
        parser.read_string((files.read_bytes(ini) or b"").decode("utf-8"))
        location = parser.get("alembic", "script_location", fallback=None)
    except (configparser.Error, UsageError, UnicodeDecodeError):
        location = None
    if not location:
        return here
    return None if ":" in location.replace(str(here), "") else here / location


def _tree_files(tree: Path) -> list[str]:
    """Every file under ``tree`` (sorted; none when it does not exist), caches of Python left out."""
    found = []
    for directory, subdirectories, names in os.walk(tree):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        found += [os.path.join(directory, name) for name in sorted(names)]
    return found


def installed(root: Path) -> list[tuple[str, bytes]]:
    """The import path as the models see it (``root`` first, as docgen puts it there), and per directory on it
    each installed distribution (its directory's name-version) with its RECORD, and each .pth file.

    Taken before the import: what the models do to ``sys.path`` is theirs, and they do it again.
    """
    path = sys.path if str(root) in sys.path else [str(root), *sys.path]
    found: list[tuple[str, bytes]] = [("sys.path", "\0".join(path).encode("utf-8", "surrogateescape"))]
    for entry in path:
        try:
            names = sorted(e.name for e in os.scandir(entry or "."))
        except OSError:
            continue
        for name in names:
            path = os.path.join(entry or ".", name)
            if name.endswith(_INSTALLED):
                found.append(("installed " + path, _read(os.path.join(path, "RECORD"))))
            elif name.endswith((".pth", ".egg-link")):
                found.append(("path file " + path, _read(path)))
    return found
