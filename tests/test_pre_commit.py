"""The pre-commit hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a git repository.

The project's ``.pre-commit-config.yaml`` names docgen's repository and a
revision, as a user's does; pre-commit builds the hooks' virtualenv from it
once (in a module-wide ``PRE_COMMIT_HOME``). ``pre-commit try-repo`` would
test the same hooks but builds a new virtualenv on every call (its store is
a temporary directory): four calls took six minutes here.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, require, run_docgen, write_project

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
IMPORTED = "app models imported"
MODELS = f"import sqlalchemy as sa\nprint({IMPORTED!r})\nmetadata = sa.MetaData()\nsa.Table('notes', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
# What a copy of the repository needs for pip to install docgen from it.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", "build", "dist", "__pycache__", ".pytest_cache",
                                     ".hypothesis", "artifacts", ".work", "*.egg-info", "coaching.db", ".docgen_cache")


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory) -> tuple[Path, str]:
    """docgen's working tree as a git repository, as pre-commit fetches it (committed, whatever the checkout is)."""
    require(shutil.which("git") is not None, "git")
    require(importlib.util.find_spec("pre_commit") is not None, "pre-commit (the test extra)")
    repo = tmp_path_factory.mktemp("docgen-hooks") / "docgen"
    shutil.copytree(REPO, repo, ignore=_NOT_COPIED)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "docgen", cwd=repo)
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
    return repo, revision.stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the module: the hooks' virtualenv is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def run_hook(hook: str, project: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", *args],
        # CI="": the hooks as a developer runs them, with their cache (off under CI=true).
        cwd=project, env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "CI": ""},
        capture_output=True, text=True, timeout=600,
    )


def test_check_hook_passes_on_fresh_docs_fails_on_stale_and_build_hook_fixes_them(tmp_path, hooks_repo, pre_commit_home):
    repo, revision = hooks_repo
    config = (f"repos:\n  - repo: {repo}\n    rev: {revision}\n    hooks:\n"
              "      - id: docgen-check\n      - id: docgen-build\n        stages: [manual]\n")
    project = write_project(tmp_path / "app", 'models = "app:metadata"',
                            {"app.py": MODELS, ".pre-commit-config.yaml": config})
    assert run_docgen("build", cwd=project).returncode == 0
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "app with docs", cwd=project)

    started = time.monotonic()
    fresh = run_hook("docgen-check", project, pre_commit_home)
    print(f"first pre-commit run (builds the hooks' virtualenv): {time.monotonic() - started:.1f} s")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "database docs are fresh" in fresh.stdout and "Passed" in fresh.stdout
    cached = run_hook("docgen-check", project, pre_commit_home, "--verbose")
    assert cached.returncode == 0 and "docs are fresh" in cached.stdout, cached.stdout + cached.stderr
    assert IMPORTED not in cached.stdout + cached.stderr, "nothing changed: the hook answers from its cache"
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert (project / ".docgen_cache").is_dir() and status == "", "the cache is there, and git ignores it"

    (project / "app.py").write_text(MODELS.replace("primary_key=True)", "primary_key=True), sa.Column('body', sa.Text)"))
    git("add", "app.py", cwd=project)
    stale = run_hook("docgen-check", project, pre_commit_home)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "docs are stale" in stale.stdout

    built = run_hook("docgen-build", project, pre_commit_home, "--hook-stage", "manual")
    assert built.returncode == 1  # pre-commit fails a hook that changed files: the user stages them
    assert "files were modified by this hook" in built.stdout
    assert '| <a id="notes.body"></a>body |' in (project / "docs" / "schema" / "notes.md").read_text(encoding="utf-8")
    git("add", "-A", cwd=project)
    again = run_hook("docgen-check", project, pre_commit_home)
    assert again.returncode == 0, again.stdout + again.stderr
