"""The package's imports point one way: cli → formats → plan → outputs / lint / drift → sources → model.

A contributor who imports upwards (a source importing an output, a format
imported by the plan) makes a circle the next change trips over; this test
names the import and the rule it breaks. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "docgen"

# Higher imports lower; equal ranks only inside one package. The guide's "How docgen is built" draws this.
RANKS = {
    "docgen.__main__": 10,
    "docgen.cli": 9, "docgen.mkdocs_plugin": 9,
    "docgen.formats": 8,
    "docgen.report": 7, "docgen.write": 7, "docgen.fresh": 7,
    "docgen.plan": 6, "docgen.snapshots": 6,
    "docgen.outputs": 5, "docgen.pipeline": 5,
    "docgen.lint": 4, "docgen.drift": 4, "docgen.config": 4,
    "docgen.sources": 3,
    "docgen.cache": 3,
    "docgen.model": 1, "docgen.errors": 1, "docgen.files": 2, "docgen.fences": 2,
    "docgen": 0,  # the package's face: a version string, imports nothing
}


def _unit(module: str) -> str:
    """The ranked unit a module belongs to: its subpackage, or the top-level module itself."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every docgen import in ``path``, relative ones resolved."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            found += [(node.lineno, t) for t in targets if t.startswith("docgen")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("docgen")]
    return found


def test_every_module_of_the_package_has_a_rank():
    unranked = sorted({_unit(_module_name(p)) for p in PACKAGE.rglob("*.py")} - RANKS.keys())
    assert not unranked, f"give these a place in RANKS (and in the guide's picture): {unranked}"


def test_imports_never_run_back_up_or_sideways_between_packages():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _unit(_module_name(path))
        for line, target in _imports(path):
            imported = _unit(target)
            if imported != importer and RANKS[imported] >= RANKS[importer]:
                wrong.append(f"{path.relative_to(REPO)}:{line} imports {target} ({importer} may not import {imported})")
    assert not wrong, "\n".join(wrong)


def test_no_module_outgrows_what_one_reader_holds():
    long = [f"{p.relative_to(REPO)}: {n} lines" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 380]
    assert not long, long
