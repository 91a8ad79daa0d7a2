"""`docgen drift --migrations` runs a project's migrations as `alembic upgrade heads` runs them: in one go.

The shop project (tests/migration_chains.py) has what real chains have: a native enum type created in one
revision and reused in a later one, a branch and its merge revision, a second head that depends on
another branch, a batch-mode SQLite migration, transaction_per_migration, and a relative script_location.
"""

from __future__ import annotations

from conftest import run_docgen
from migration_chains import shop


def _drift(cwd, *args: str):
    result = run_docgen("drift", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result


def test_a_chain_with_a_reused_enum_branches_merges_and_two_heads_has_no_drift_on_postgresql(tmp_path, pg_server):
    project = shop(tmp_path / "shop")
    result = _drift(project, "--migrations", "alembic.ini", "--database-url", pg_server.url())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "at head (004, a1)" in result.stdout
    assert result.stdout.endswith("no drift: the database matches the models (4 tables)\n")
    one_head = _drift(project, "--migrations", "alembic.ini", "--revision", "004", "--database-url", pg_server.url())
    assert one_head.stdout.endswith("tables only in the models (1): audit_log\ndrift: 1 difference(s) in 1 table(s)\n")


def test_the_same_chain_in_batch_mode_on_sqlite_has_no_drift(tmp_path):
    project = shop(tmp_path / "shop")
    result = _drift(project, "--migrations", "alembic.ini")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no drift: the database matches the models (4 tables)" in result.stdout


def test_a_revision_on_one_branch_leaves_the_other_head_out(tmp_path):
    project = shop(tmp_path / "shop")
    result = _drift(project, "--migrations", "alembic.ini", "--revision", "002b")
    assert result.returncode == 1
    assert "at 002b, in a temporary SQLite database" in result.stdout
    assert "tables only in the models (2): audit_log, invoices" in result.stdout
    assert "orders:\n  column missing in the database: note VARCHAR(200) NULL\n" \
           "  column nullability differs: status: models NOT NULL, database NULL\n" in result.stdout


def test_relative_script_location_resolves_from_the_ini_wherever_docgen_runs(tmp_path):
    project = shop(tmp_path / "shop")
    elsewhere = project / "docs"
    elsewhere.mkdir()
    result = _drift(elsewhere, "--migrations", "../alembic.ini")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "database: migrations ../alembic.ini at head (004, a1)" in result.stdout


def test_a_failing_revision_after_others_committed_is_named_on_postgresql(tmp_path, pg_server):
    project = shop(tmp_path / "shop")
    (project / "migrations" / "versions" / "005_broken.py").write_text(
        '"""Status again."""\nimport sqlalchemy as sa\nfrom alembic import op\n\nrevision = "005"\n'
        'down_revision = "004"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n'
        '    op.execute("CREATE TYPE status AS ENUM (\'x\')")\n')
    result = run_docgen("drift", "--migrations", "alembic.ini", "--database-url", pg_server.url(), cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == ('docgen: error: migration 005 (Status again) failed: DuplicateObject: '
                             'type "status" already exists\n')


def test_the_configured_database_of_the_project_is_never_created(tmp_path):
    project = shop(tmp_path / "shop")
    assert _drift(project, "--migrations", "alembic.ini").returncode == 0
    assert not (project / "never-used.db").exists()
