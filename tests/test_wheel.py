"""The built wheel is complete: installed alone into a fresh venv, `docgen build` works."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

from conftest import REPO, write_project

MODELS = """
from sqlalchemy import Column, Integer, MetaData, Table
metadata = MetaData()
Table("things", metadata, Column("id", Integer, primary_key=True), comment="Things we keep")
"""


def test_wheel_ships_the_templates_and_runs_from_a_fresh_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = dist.glob("schema_docgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "docgen/templates/table.md.j2" in names and "docgen/templates/schema.md.j2" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600)
    project = write_project(tmp_path / "project", 'models = "models:metadata"', {"models.py": MODELS})
    result = subprocess.run(
        [str(env_dir / "bin" / "docgen"), "build"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "| [things](#things-table) | 1 | Things we keep |" in (project / "docs" / "DATABASE_SCHEMA.md").read_text()
