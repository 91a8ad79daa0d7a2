"""`docgen history` says what each revision changed, from the database after each one (never the code).

The shop chain (tests/migration_chains.py) plus a revision that changes every kind of fact. The
migrations run once, in one go: the reused enum type works on PostgreSQL as with `alembic upgrade`.
"""

from __future__ import annotations

import json

from conftest import run_docgen
from migration_chains import revision, shop

EVERYTHING = revision("005", "004", "Tighten orders", (
    '    op.alter_column("orders", "note", type_=sa.String(500), server_default="none")\n'
    '    op.create_check_constraint("ck_invoices_total", "invoices", "total >= 0")\n'
    '    op.create_unique_constraint("uq_users_email", "users", ["email"])\n'
    '    op.create_index("ix_orders_open", "orders", ["user_id"], postgresql_where=sa.text("note IS NULL"),\n'
    '                    sqlite_where=sa.text("note IS NULL"))\n'
    '    op.drop_constraint("orders_user_id_fkey", "orders", type_="foreignkey")\n'
    '    op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"], ondelete="SET NULL")\n'
    '    op.drop_table("audit_log")'), date="2024-02-01 09:30:00")

SHOP_HISTORY = """\
001   2024-01-01 10:00:00  Users with a status
  users: table added (id, email, status)
002b  2024-01-03 10:00:00  Orders reuse the status type
  orders: table added (id, user_id, status)
a1    2024-01-05 10:00:00  Audit log
  audit_log: table added (id, user_id, action)
002a  2024-01-02 10:00:00  Invoices
  invoices: table added (id, total)
003   2024-01-04 10:00:00  Merge billing and orders
  (no schema change)
004   2024-01-06 10:00:00  Order notes; status required
  orders: column added: note VARCHAR(200)
  orders: column status: nullable NULL → NOT NULL
"""


def test_each_revision_of_a_chain_with_branches_and_a_merge_on_sqlite(tmp_path):
    result = run_docgen("history", cwd=shop(tmp_path / "shop"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ("migrations: alembic.ini, run in a temporary SQLite database\n" + SHOP_HISTORY
                             + "history: 6 revision(s), 5 changed the schema\n")


def test_a_revision_whose_file_has_no_create_date_says_so(tmp_path):
    """A hand-written revision file need not carry alembic's ``Create Date:`` line."""
    project = shop(tmp_path / "shop")
    (project / "migrations" / "versions" / "005_handmade.py").write_text(
        revision("005", "004", "Hand-made", '    op.add_column("users", sa.Column("name", sa.String(80)))')
        .replace("Create Date: 2024-01-01 10:00:00\n", ""))
    result = run_docgen("history", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("005   (no date)  Hand-made\n  users: column added: name VARCHAR(80)\n"
                                  "history: 7 revision(s), 6 changed the schema\n")
    markdown = run_docgen("history", "--format", "markdown", cwd=project).stdout
    assert "\n## 005: Hand-made\n\n- users: column added: name VARCHAR(80)\n\n## 004:" in markdown


def test_every_kind_of_change_on_postgresql(tmp_path, pg_server):
    project = shop(tmp_path / "shop")
    (project / "migrations" / "versions" / "005_tighten.py").write_text(EVERYTHING)
    result = run_docgen("history", "--database-url", pg_server.url(), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SHOP_HISTORY in result.stdout
    assert result.stdout.split("Tighten orders\n", 1)[1] == (
        "  audit_log: table removed (id, user_id, action)\n"
        "  invoices: check added: ck_invoices_total total >= 0::numeric\n"
        "  orders: column note: type VARCHAR(200) → VARCHAR(500)\n"
        "  orders: column note: default (none) → 'none'::character varying\n"
        "  orders: foreign key added: fk_orders_user (user_id) → users(id) ON DELETE SET NULL\n"
        "  orders: foreign key removed: orders_user_id_fkey (user_id) → users(id) ON DELETE CASCADE\n"
        "  orders: index added: ix_orders_open (user_id) WHERE note IS NULL\n"
        "  users: unique added: uq_users_email (email)\n"
        "history: 7 revision(s), 6 changed the schema\n"
    )


def test_json_and_markdown(tmp_path):
    project = shop(tmp_path / "shop")
    data = json.loads(run_docgen("history", "--format", "json", cwd=project).stdout)
    assert [r["revision"] for r in data["revisions"]] == ["001", "002b", "a1", "002a", "003", "004"]
    assert data["revisions"][5] == {
        "revision": "004", "message": "Order notes; status required", "date": "2024-01-06 10:00:00",
        "changes": [
            {"action": "added", "subject": "column", "table": "orders", "name": "note", "aspect": None,
             "old": None, "new": "VARCHAR(200)"},
            {"action": "changed", "subject": "column", "table": "orders", "name": "status", "aspect": "nullable",
             "old": "NULL", "new": "NOT NULL"}]}
    markdown = run_docgen("history", "--format", "markdown", cwd=project).stdout
    assert markdown.startswith("# Schema history\n\nWhat each revision of `alembic.ini` changed, newest first.\n\n"
                               "## 004: Order notes; status required\n\n2024-01-06 10:00:00\n\n"
                               "- orders: column added: note VARCHAR(200)\n")
    assert "\n## 003: Merge billing and orders\n\n2024-01-04 10:00:00\n\nNo schema change.\n\n## 002a:" in markdown


def test_a_failing_revision_is_one_line_exit_2(tmp_path):
    project = shop(tmp_path / "shop")
    (project / "migrations" / "versions" / "005_broken.py").write_text(
        revision("005", "004", "Broken", '    op.execute("DROP TABLE nowhere")'))
    result = run_docgen("history", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == "docgen: error: migration 005 (Broken) failed: OperationalError: no such table: nowhere\n"
    assert result.stdout == ""


def test_the_guide_shows_the_real_history_of_the_example():
    """docs/drift.md quotes the first revisions of `docgen history` on the example verbatim."""
    from conftest import REPO

    result = run_docgen("history", "--migrations", "examples/coaching/alembic.ini", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    excerpt = "\n".join(result.stdout.splitlines()[:15]) + "\n  ...\n" + result.stdout.splitlines()[-1] + "\n"
    assert excerpt in (REPO / "docs" / "drift.md").read_text()
