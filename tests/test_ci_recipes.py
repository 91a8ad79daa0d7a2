"""The guide's CI recipes do what they say: their commands, run in a fresh venv with docgen's wheel
against a copy of the example project, pass on fresh docs and fail (with annotations) on stale ones."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from conftest import EXAMPLE, REPO, write_project

GUIDE = REPO / "docs" / "guide" / "integrations"


def yaml_block(page: Path) -> dict:
    (block,) = re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)
    return yaml.safe_load(block)


def github_steps() -> list[str]:
    (job,) = yaml_block(GUIDE / "github-actions.md")["jobs"].values()
    return [step["run"] for step in job["steps"] if "run" in step]


def gitlab_steps() -> list[str]:
    (job,) = yaml_block(GUIDE / "gitlab.md").values()
    return job["script"]


def app(tmp_path: Path) -> Path:
    """The example app as a user's repository: its models, requirements.txt, committed docs."""
    root = tmp_path / "app"
    shutil.copytree(EXAMPLE, root / "coaching", ignore=shutil.ignore_patterns("__pycache__", "*.db"))
    (root / "requirements.txt").write_text("SQLAlchemy>=2.0\n", encoding="utf-8")
    return write_project(root, 'models = "coaching.models:Base"\ndialect = "postgresql"')


def run_steps(steps: list[str], cwd: Path, env_dir: Path, wheel: Path) -> subprocess.CompletedProcess:
    """The steps in one shell, as CI runs them: the venv first on PATH, DOCGEN naming the wheel."""
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}", "DOCGEN": str(wheel),
           "VIRTUAL_ENV": str(env_dir), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    script = "set -e\n" + "\n".join(steps) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_github_and_gitlab_recipes_pass_on_fresh_docs_and_fail_on_stale(tmp_path, wheel_venv):
    wheel, env_dir = wheel_venv
    assert any("$DOCGEN" in step for step in github_steps()) and any("$DOCGEN" in step for step in gitlab_steps())
    project = app(tmp_path)
    built = subprocess.run([str(env_dir / "bin" / "docgen"), "build", "--quiet"], cwd=project,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr

    for steps in (github_steps(), gitlab_steps()):
        fresh = run_steps(steps, project, env_dir, wheel)
        assert fresh.returncode == 0, fresh.stdout + fresh.stderr
        assert "docs are fresh: 15 tables" in fresh.stdout

    (project / "docs" / "schema" / "goals.md").unlink()
    stale = run_steps(github_steps(), project, env_dir, wheel)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "::error file=docs/schema/goals.md,line=1,title=docgen check%3A docs are stale::" in stale.stdout
    assert run_steps(gitlab_steps(), project, env_dir, wheel).returncode == 1


def test_shell_completion_as_documented(tmp_path, wheel_venv):
    _, env_dir = wheel_venv
    env = {**os.environ, "COMP_WORDS": "docgen ch", "COMP_CWORD": "1", "_DOCGEN_COMPLETE": "bash_complete"}
    completion = subprocess.run([str(env_dir / "bin" / "docgen")], env=env, capture_output=True, text=True, timeout=60)
    assert "plain,check" in completion.stdout.splitlines()
    source = subprocess.run([str(env_dir / "bin" / "docgen")], env={**os.environ, "_DOCGEN_COMPLETE": "bash_source"},
                            capture_output=True, text=True, timeout=60)
    assert "complete -o nosort -F _docgen_completion docgen" in source.stdout
    assert '_DOCGEN_COMPLETE=bash_source docgen' in (REPO / "docs" / "guide" / "cli.md").read_text(encoding="utf-8")
