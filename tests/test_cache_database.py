"""A cached check of a live database (``--cache`` with ``database-url``): the database is read every time,
and when what was read, the config, docgen and the docs on disk are as when the docs were last found fresh,
the check answers from that verdict without rendering; the cache never holds the URL's password.

Every run is the real command line, against a real SQLite file and the tests' real PostgreSQL server.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import run_docgen, write_project
from pg import PASSWORD

OUTSIDE_CI = {"CI": ""}  # cache = true is off under CI=true


def _sql(database: Path, statement: str) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute(statement)
    connection.close()


def _check(project: Path) -> tuple[int, str]:
    result = run_docgen("check", cwd=project, env=OUTSIDE_CI)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout


def test_a_live_database_is_read_every_time_and_a_fresh_verdict_is_kept_for_what_was_read(tmp_path):
    project = write_project(tmp_path / "app", 'database-url = "sqlite:///app.db"\ncache = true')
    _sql(project / "app.db", "CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    assert run_docgen("build", cwd=project, env=OUTSIDE_CI).returncode == 0
    assert _check(project)[0] == 0, "the first check renders, finds the docs fresh and keeps the verdict"

    (verdict,) = (project / ".docgen_cache").glob("fresh-*.json")
    kept = json.loads(verdict.read_text(encoding="utf-8"))
    verdict.write_text(json.dumps({**kept, "checked": 999}), encoding="utf-8")
    assert _check(project) == (0, "docs are fresh: 1 tables, 999 file(s) checked\n"), \
        "nothing changed: the answer is the kept verdict (a rendering would count the files itself)"

    _sql(project / "app.db", "ALTER TABLE orders ADD COLUMN total INTEGER")
    code, out = _check(project)
    assert code == 1 and "total" in out, "the database is read again: a new column makes the docs stale"
    assert run_docgen("build", cwd=project, env=OUTSIDE_CI).returncode == 0
    assert _check(project)[0] == 0

    page = project / "docs/schema/orders.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert _check(project)[0] == 1, "a page edited by hand is stale whatever the cache kept"


def test_the_cache_of_a_postgresql_database_never_holds_its_password(tmp_path, pg_url):
    import sqlalchemy as sa

    engine = sa.create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE orders (id integer PRIMARY KEY, name text NOT NULL)"))
    engine.dispose()
    project = write_project(tmp_path / "app", "cache = true")
    for command in ("build", "check", "check"):
        result = run_docgen(command, "--database-url", pg_url, cwd=project, env=OUTSIDE_CI)
        assert result.returncode == 0, result.stderr
    entries = list((project / ".docgen_cache").iterdir())
    assert any(e.name.startswith("fresh-") for e in entries)
    for entry in entries:
        assert PASSWORD.encode() not in entry.read_bytes(), entry.name
