"""Shared test fixtures: running the real CLI, example projects, golden files, required parts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "coaching"
GOLDEN = Path(__file__).resolve().parent / "golden"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


def require(available: bool, what: str) -> None:
    """Skip when a real part (server, browser, ...) is missing — but fail under CI=true."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required when CI=true (.ci/run installs it)")
    pytest.skip(f"{what} is not available on this machine")


@pytest.fixture
def golden(request):
    """``golden(name, text)`` compares ``text`` with tests/golden/<name>; --update-golden rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.is_file(), f"missing golden file {path}; run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path.name} (pytest --update-golden)"

    return check


def run_docgen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``docgen`` command line in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def write_project(root: Path, docgen_table: str, models: dict[str, str] | None = None) -> Path:
    """A project in ``root``: pyproject.toml with ``[tool.docgen]`` and model modules by file name."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f"[tool.docgen]\n{docgen_table}\n", encoding="utf-8")
    for name, source in (models or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


@pytest.fixture
def coaching(tmp_path) -> Path:
    """A copy of the example coaching app as its own project (models importable as ``coaching``)."""
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root / "coaching", ignore=shutil.ignore_patterns("__pycache__"))
    return write_project(root, 'models = "coaching.models:Base"\ndialect = "postgresql"')


from pg import pg_server, pg_url  # noqa: E402,F401  (the real PostgreSQL fixtures, see tests/pg.py)
