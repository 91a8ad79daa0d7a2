"""Two builds at once never mix their files: the last one wins whole.

Real processes, started together on one project with different models: each
must exit 0, and afterwards the document and every page are those of one of
them — ``check`` with that one's models finds nothing stale, no page of the
other is left, and no staging directory remains.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import write_project


def _models(prefix: str, tables: int) -> str:
    lines = ["import sqlalchemy as sa", "metadata = sa.MetaData()"]
    lines += [f"sa.Table('{prefix}_{n}', metadata, sa.Column('id', sa.Integer, primary_key=True), "
              f"sa.Column('name_{prefix}', sa.String(20)))" for n in range(tables)]
    return "\n".join(lines) + "\n"


def test_concurrent_builds_with_different_models_leave_the_files_of_one_of_them(tmp_path):
    project = write_project(tmp_path / "p", 'models = "ma:metadata"',
                            {"ma.py": _models("a", 300), "mb.py": _models("b", 300)})
    starts = [("ma:metadata" if n % 2 else "mb:metadata") for n in range(6)]
    processes = [subprocess.Popen([sys.executable, "-m", "docgen", "build", "--quiet", "--models", models],
                                  cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for models in starts]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _ in results] == [0] * 6, results
    pages = sorted(p.name for p in (project / "docs" / "schema").iterdir())
    winner = "a" if "a_0.md" in pages else "b"
    assert pages == sorted(["index.md", *(f"{winner}_{n}.md" for n in range(300))])
    check = subprocess.run([sys.executable, "-m", "docgen", "check", "--quiet", "--models", f"m{winner}:metadata"],
                           cwd=project, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    leftovers = [name for directory in (project / "docs", project / "docs" / "schema")
                 for name in os.listdir(directory) if name.startswith(".docgen-")]
    assert leftovers == []
