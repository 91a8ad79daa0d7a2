"""Where a table is defined in the models: the line of its class, found when a finding needs it.

The models source records each mapped class's file (relative to the project
root) and qualified name; the line is looked up here, once per file, and only
for the tables that have findings. A class statement is found by a scan of the
file's lines (parsing a big model file costs more than the rest of lint); only
when that scan is ambiguous (nested classes, the name also inside a string) is
the file parsed. Tables declared with ``Table(...)`` have no known place.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path


class Locator:
    def __init__(self, root: Path, classes: Mapping[str, tuple[str, str]]):
        self.root = root
        self.classes = classes

    def __call__(self, table: str) -> tuple[str, int | None] | None:
        """(file, line of the class) of ``table``'s model, or None when it is not known."""
        where = self.classes.get(table)
        if where is None:
            return None
        file, qualname = where
        return file, _line(self.root / file, qualname)


@cache
def _line(path: Path, qualname: str) -> int | None:
    """The line of the class ``qualname`` in the file at ``path``: scanned for, parsed for when ambiguous."""
    return _scanned_line(_source(path), qualname) or _class_lines(path).get(qualname)


@cache
def _source(path: Path) -> str:
    """The text of the Python file at ``path`` ("" if unreadable)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _scanned_line(source: str, qualname: str) -> int | None:
    """The line of the one ``class <qualname>`` statement in ``source``; None when not exactly one."""
    if "." in qualname:
        return None
    found = list(re.finditer(rf"^[ \t]*class[ \t]+{re.escape(qualname)}\b", source, re.MULTILINE))
    return source.count("\n", 0, found[0].start()) + 1 if len(found) == 1 else None


@cache
def _class_lines(path: Path) -> dict[str, int]:
    """Qualified name -> line of every class statement in the Python file at ``path`` (empty if unreadable)."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                qualname = prefix + child.name
                lines.setdefault(qualname, child.lineno)
                visit(child, qualname + ".")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, f"{prefix}{child.name}.<locals>.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return lines
