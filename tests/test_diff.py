"""`docgen diff OLD NEW` says what changed between two schemas, one line per change; exit 0 same, 1 differ, 2 error.

OLD and NEW are `docgen inspect --json` snapshots (of the example app, before and after a change to its
models) or databases. The comparison is the one drift and history use. The comparisons run in-process
(``docgen_in_process``: ``make mutate`` sees them); a git revision's models are read in a subprocess anyway.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa
from conftest import docgen_in_process, run_docgen

CHANGED_TASKS = {
    '    description: Mapped[str | None] = mapped_column(Text)\n':
        '    description: Mapped[str | None] = mapped_column(Text)\n    note: Mapped[str | None] = mapped_column(Text)\n',
    'ForeignKey("goals.id", ondelete="SET NULL"), index=True)': 'ForeignKey("goals.id", ondelete="CASCADE"))',
    'title: Mapped[str] = mapped_column(String(200))\n    description':
        'title: Mapped[str | None] = mapped_column(String(300))\n    description',
    'CheckConstraint("priority BETWEEN 1 AND 5", name="ck_tasks_priority"),':
        'CheckConstraint("priority BETWEEN 1 AND 9", name="ck_tasks_priority"),',
}

EXPECTED = [
    "open_tasks: column title: type VARCHAR(200) → VARCHAR(300)",  # the view reads tasks.title
    "tasks: column added: note TEXT",
    "tasks: column title: type VARCHAR(200) → VARCHAR(300)",
    "tasks: column title: nullable NOT NULL → NULL",
    "tasks: foreign key (goal_id) → goals(id): on delete SET NULL → CASCADE",
    "tasks: check ck_tasks_priority: text priority BETWEEN 1 AND 5 → priority BETWEEN 1 AND 9",
    "tasks: index removed: ix_tasks_goal_id (goal_id)",
]


def _change_tasks(models: Path) -> None:
    """The example's task model changed as a pull request would (CHANGED_TASKS)."""
    tasks = models / "coaching" / "models" / "task.py"
    text = tasks.read_text()
    for old, new in CHANGED_TASKS.items():
        assert old in text, old
        text = text.replace(old, new)
    tasks.write_text(text)


def _snapshots(coaching):
    """(before, after): the example's `inspect --json`, before and after CHANGED_TASKS (two snapshots
    of the example, as a pull request changes its models)."""
    before = run_docgen("inspect", "--json", cwd=coaching)
    assert before.returncode == 0, before.stderr
    (coaching / "before.json").write_text(before.stdout)
    _change_tasks(coaching)
    after = run_docgen("inspect", "--json", cwd=coaching)
    assert after.returncode == 0, after.stderr
    (coaching / "after.json").write_text(after.stdout)


def test_two_snapshots_of_the_example_name_every_change(coaching, monkeypatch):
    _snapshots(coaching)
    result = docgen_in_process("diff", "before.json", "after.json", cwd=coaching, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == ["old: before.json", "new: after.json", *EXPECTED,
                                          "diff: 7 change(s) in 2 table(s)"]
    same = docgen_in_process("diff", "after.json", "after.json", cwd=coaching, monkeypatch=monkeypatch)
    assert (same.exit_code, same.stdout.splitlines()[-1]) == (0, "no changes: the schemas are the same (15 tables)")


def test_json_markdown_and_github_say_the_same(coaching, tmp_path, monkeypatch):
    _snapshots(coaching)

    def diff(*args: str, env: dict[str, str] | None = None):
        return docgen_in_process("diff", "before.json", "after.json", *args, cwd=coaching, monkeypatch=monkeypatch,
                                 env=env)

    data = json.loads(diff("--format", "json").stdout)
    assert data["differ"] is True and len(data["changes"]) == 7
    assert {"action": "changed", "subject": "foreign key", "table": "tasks", "name": "(goal_id) → goals(id)",
            "aspect": "on delete", "old": "SET NULL", "new": "CASCADE"} in data["changes"]
    markdown = diff("--format", "markdown").stdout
    assert markdown.startswith("### docgen diff\n\n`before.json` → `after.json`: 7 change(s) in 2 table(s).\n\n"
                               "- open_tasks: column title: type VARCHAR(200) → VARCHAR(300)\n")
    summary = tmp_path / "summary.md"
    github = diff("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert github.exit_code == 1
    assert "\n::notice title=docgen diff::tasks: column added: note TEXT\n" in github.stdout
    assert summary.read_text() .startswith("### docgen diff\n")


def test_two_databases(tmp_path, monkeypatch):
    old, new = (f"sqlite:///{tmp_path / name}" for name in ("old.db", "new.db"))
    for url, extra in ((old, ""), (new, ", note TEXT")):
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE TABLE orders (id INTEGER PRIMARY KEY{extra})")
            connection.exec_driver_sql("CREATE INDEX ix_orders_id ON orders (id)" if url == old else "SELECT 1")
        engine.dispose()
    result = docgen_in_process("diff", old, new, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[2:] == ["orders: column added: note TEXT",
                                              "orders: index removed: ix_orders_id (id)",
                                              "diff: 2 change(s) in 1 table(s)"]


def test_what_is_not_a_snapshot_is_one_line_exit_2(coaching, monkeypatch):
    (coaching / "broken.json").write_text("{")
    (coaching / "other.json").write_text('{"tables": []}')
    for args, message in ((("nowhere.json", "broken.json"), "nowhere.json: no such file"),
                          (("broken.json", "broken.json"), "broken.json: cannot read it as JSON"),
                          (("other.json", "other.json"), "other.json: not a `docgen inspect --json` snapshot")):
        result = docgen_in_process("diff", *args, cwd=coaching, monkeypatch=monkeypatch)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"docgen: error: {message}") and result.stderr.count("\n") == 1
        assert result.stdout == ""


def test_a_snapshot_of_another_format_says_how_to_make_it_again(coaching, monkeypatch):
    """A snapshot kept from an older docgen lacks the facts its format did not hold: compared as it is, every
    one of them would look changed; docgen refuses it and says what to do."""
    current = json.loads(docgen_in_process("inspect", "--json", cwd=coaching, monkeypatch=monkeypatch).stdout)
    for made, which in ((current["format"] - 1, "an older"), (current["format"] + 1, "a newer")):
        (coaching / "kept.json").write_text(json.dumps({**current, "format": made}))
        result = docgen_in_process("diff", "kept.json", "models", cwd=coaching, monkeypatch=monkeypatch)
        assert (result.exit_code, result.stdout) == (2, ""), result.output
        assert result.stderr == (
            f"docgen: error: kept.json: a snapshot of format {made}, written by {which} docgen (this one reads "
            f"format {current['format']}): make it again with this docgen's `docgen inspect --json`, or compare "
            "git:REV, which reads the models at that revision\n")


def _git(cwd: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.org", *arguments],
                   cwd=cwd, check=True, capture_output=True)


def _committed(project: Path) -> Path:
    _git(project, "init", "--quiet")
    _git(project, "add", ".")
    _git(project, "commit", "--quiet", "-m", "the example")
    return project


def test_a_branch_against_main_from_git_and_the_models_now(coaching):
    _committed(coaching)
    _change_tasks(coaching)  # the branch's edit, not committed yet
    result = run_docgen("diff", "git:HEAD", "models", cwd=coaching)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["old: git:HEAD", "new: models", *EXPECTED, "diff: 7 change(s) in 2 table(s)"]
    _git(coaching, "commit", "--quiet", "-am", "tasks changed")
    assert run_docgen("diff", "git:HEAD~1", "git:HEAD", cwd=coaching).stdout.splitlines()[2:-1] == EXPECTED
    same = run_docgen("diff", "git:HEAD", "models", cwd=coaching)
    assert same.returncode == 0, same.stdout + same.stderr
    assert not (coaching / "docs").exists() and _status(coaching) == ""  # nothing written, the tree untouched


def _status(project: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout


def test_a_revision_whose_models_come_from_the_working_tree_is_refused(coaching):
    """With the package on PYTHONPATH (as an editable install puts it), the revision's copy is not what
    imports: comparing the working tree with itself would say "no change"."""
    (coaching / "src").mkdir()
    shutil.move(coaching / "coaching", coaching / "src" / "coaching")
    _committed(coaching)
    result = run_docgen("diff", "git:HEAD", "models", cwd=coaching, env={"PYTHONPATH": str(coaching / "src")})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("docgen: error: git:HEAD: the models imported src/coaching/") \
        and result.stderr.count("\n") == 1


def test_a_revision_that_is_not_there_is_one_line_exit_2(coaching, tmp_path):
    outside = run_docgen("diff", "git:HEAD", "models", cwd=coaching)
    assert outside.returncode == 2 and outside.stderr.count("\n") == 1, outside.stderr
    assert "not a git repository" in outside.stderr
    _committed(coaching)
    for source, message in (("git:nope", "git:nope: no such revision in "), ("git:", "git:: name a revision"),
                            ("git:--output=x", "git:--output=x: name a revision")):
        result = run_docgen("diff", source, "models", cwd=coaching)
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.startswith(f"docgen: error: {message}") and result.stderr.count("\n") == 1
    (coaching / "pyproject.toml").write_text("[tool.docgen]\n")
    result = run_docgen("diff", "git:HEAD", "models", cwd=coaching)
    assert result.returncode == 2 and "no models in [tool.docgen]" in result.stderr, result.stderr


OBJECTS_BEFORE = """
CREATE TYPE mood AS ENUM ('low', 'high');
CREATE TYPE old_kind AS ENUM ('a', 'b');
CREATE SEQUENCE invoice_numbers START 1000;
CREATE TABLE orders (id serial PRIMARY KEY, status text, stamped_at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamped_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_stamp BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
"""
OBJECTS_AFTER = """
CREATE TYPE mood AS ENUM ('low', 'it''s ok', 'high');
CREATE DOMAIN score AS integer CHECK (VALUE > 0) CHECK (VALUE < 100);
CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;
CREATE SEQUENCE ticket_numbers;
CREATE TABLE orders (id serial PRIMARY KEY, status text, stamped_at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.stamped_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_stamp BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE TRIGGER orders_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION stamp();
"""


OBJECT_MODELS = """
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg
metadata = sa.MetaData()
score = pg.DOMAIN("score", sa.Integer, check="value>0")  # PostgreSQL says CHECK (VALUE > 0)
rank = pg.DOMAIN("rank", sa.SmallInteger, check="VALUE < 10", not_null=True)
sa.Sequence("ticket_numbers", metadata=metadata)
sa.Sequence("invoice_numbers", start=1000, increment=10, metadata=metadata)
sa.Sequence("countdown", increment=-1, metadata=metadata)  # a descending one starts at -1
sa.Table("orders", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
         sa.Column("score", score), sa.Column("rank", rank, nullable=False),
         sa.Column("mood", sa.Enum("low", "high", name="mood")))
"""


def test_the_models_and_a_postgresql_database_made_from_them_hold_the_same_types_and_sequences(tmp_path, pg_url):
    """PostgreSQL reports a domain's base type in its own spelling and NOT NULL, its CHECKs as ``CHECK (...)``,
    a sequence's start and increment where the models leave them to it: no change."""
    from conftest import create_from_models, write_project

    project = write_project(tmp_path / "p", 'models = "objects:metadata"\ndialect = "postgresql"',
                            {"objects.py": OBJECT_MODELS})
    create_from_models(OBJECT_MODELS, pg_url)
    result = run_docgen("diff", "models", pg_url, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_triggers_named_types_and_sequences_that_changed_between_two_postgresql_databases(
        tmp_path, pg_server, monkeypatch):
    """What a migration does beside the tables: an enum value added, a type created or dropped, a trigger
    added or redefined, a sequence's increment changed."""
    old, new = pg_server.create_database(), pg_server.create_database()
    pg_server.execute(OBJECTS_BEFORE, database=old)
    pg_server.execute(OBJECTS_AFTER, database=new)
    result = docgen_in_process("diff", pg_server.url(old), pg_server.url(new), cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[2:] == [
        "invoice_numbers: sequence: increment 1 → 10",
        "mood: type: values ('low', 'high') → ('low', 'it''s ok', 'high')",
        "old_kind: type removed enum ('a', 'b')",
        "orders: trigger added: orders_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION stamp()",
        "orders: trigger orders_stamp: definition orders_stamp BEFORE INSERT ON orders FOR EACH ROW EXECUTE "
        "FUNCTION stamp() → orders_stamp BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp()",
        "score: type added domain integer CHECK (VALUE > 0) AND CHECK (VALUE < 100)",
        "ticket_numbers: sequence added",  # START 1 INCREMENT BY 1: what goes without saying
        "diff: 7 change(s) in 1 table(s) and 5 type(s) or sequence(s)",
    ]
    same = docgen_in_process("diff", pg_server.url(new), pg_server.url(new), cwd=tmp_path, monkeypatch=monkeypatch)
    assert same.exit_code == 0, same.output
    pg_server.drop_database(old)
    pg_server.drop_database(new)
