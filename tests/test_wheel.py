"""The built wheel is complete: installed alone into a fresh venv, `docgen build` works."""

from __future__ import annotations

import subprocess
import zipfile

from conftest import write_project

MODELS = """
from sqlalchemy import Column, Integer, MetaData, Table
metadata = MetaData()
Table("things", metadata, Column("id", Integer, primary_key=True), comment="Things we keep")
"""


def test_wheel_ships_the_templates_and_runs_from_a_fresh_venv(tmp_path, wheel_venv):
    wheel, env_dir = wheel_venv
    names = zipfile.ZipFile(wheel).namelist()
    assert "docgen/templates/table.md.j2" in names and "docgen/templates/schema.md.j2" in names

    project = write_project(tmp_path / "project", 'models = "models:metadata"', {"models.py": MODELS})
    result = subprocess.run(
        [str(env_dir / "bin" / "docgen"), "build"], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "| [things](#things-table) | 1 | Things we keep |" in (project / "docs" / "DATABASE_SCHEMA.md").read_text()
