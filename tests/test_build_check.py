"""`docgen build` writes the schema docs; `docgen check` fails CI exactly when they are stale."""

from __future__ import annotations

import os
import stat

from conftest import EXAMPLE, run_docgen


def test_build_then_check_is_fresh(coaching):
    built = run_docgen("build", cwd=coaching)
    assert built.returncode == 0, built.stderr
    assert "wrote docs/DATABASE_SCHEMA.md" in built.stdout
    checked = run_docgen("check", cwd=coaching)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "docs are fresh: 15 tables" in checked.stdout


def test_check_fails_after_a_column_is_added_and_passes_after_build(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    model = coaching / "coaching" / "models" / "goal.py"
    model.write_text(
        model.read_text().replace(
            "    extra_data:", "    owner_note: Mapped[str | None] = mapped_column(Text)\n    extra_data:"
        )
    )
    stale = run_docgen("check", cwd=coaching)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "changed: goals" in stale.stdout
    assert '+| <a id="goals.owner_note"></a>owner_note | TEXT | yes |' in stale.stdout  # the unified diff shows the new row
    assert run_docgen("build", cwd=coaching).returncode == 0
    assert run_docgen("check", cwd=coaching).returncode == 0


def test_a_hand_edit_of_one_tables_page_makes_that_table_changed_and_build_puts_it_back(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    page = coaching / "docs" / "schema" / "goals.md"
    built = page.read_text()
    page.write_text(built + "A line someone added by hand.\n")
    stale = run_docgen("check", cwd=coaching)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "tables: 0 added, 0 removed (stale), 1 changed, 14 unchanged\n  changed: goals\n" in stale.stdout
    assert run_docgen("build", cwd=coaching).returncode == 0
    assert page.read_text() == built


def test_new_files_get_the_mode_the_umask_gives_as_any_written_file_does(coaching):
    mask = os.umask(0o022)
    try:
        assert run_docgen("build", cwd=coaching).returncode == 0
    finally:
        os.umask(mask)
    for path in (coaching / "docs" / "DATABASE_SCHEMA.md", coaching / "docs" / "schema" / "goals.md"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_check_never_writes(coaching):
    result = run_docgen("check", cwd=coaching)
    assert result.returncode == 1
    assert "added: backburner_items" in result.stdout
    assert not (coaching / "docs").exists()


def test_crlf_checkout_counts_as_fresh(coaching):
    assert run_docgen("build", cwd=coaching).returncode == 0
    doc = coaching / "docs" / "DATABASE_SCHEMA.md"
    doc.write_bytes(doc.read_bytes().replace(b"\n", b"\r\n"))
    assert run_docgen("check", cwd=coaching).returncode == 0
    rebuilt = run_docgen("build", cwd=coaching)
    assert "nothing written" in rebuilt.stdout
    assert b"\r\n" in doc.read_bytes()


def test_legacy_document_is_adopted_stale_tables_named_and_prose_kept(coaching):
    doc = coaching / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    legacy = (EXAMPLE / "DATABASE_SCHEMA.md").read_text()
    doc.write_text(legacy)

    dry = run_docgen("build", "--dry-run", cwd=coaching)
    assert dry.returncode == 0, dry.stderr
    assert doc.read_text() == legacy  # dry run writes nothing
    assert "-### `reminders`" in dry.stdout  # ... but shows the diff

    result = run_docgen("build", cwd=coaching)
    assert result.returncode == 0, result.stderr
    assert "removed (stale: documented but not in the schema): pattern_hypotheses, reminders, user_feedback" in result.stdout
    assert "now generated: conversations, milestones, tasks, users, work_sessions" in result.stdout
    assert "adopting a hand-written document" in result.stdout
    text = doc.read_text()
    for gone in ("reminders", "pattern_hypotheses`", "user_feedback", "remind_at", "task_name"):
        assert gone not in text
    notes = (coaching / "docs" / "schema-notes.md").read_text()
    assert "## milestones\n\nEach task can have milestones (`task_id` → `tasks.id`).\n" in notes  # the prose moved
    assert "Reminders the coach sends at a set time." in result.stdout  # a stale table's prose is shown
    assert run_docgen("check", cwd=coaching).returncode == 0
    prose_before = legacy[: legacy.index("### users")]
    prose_after = legacy[legacy.index("## Operations") :]
    assert text.startswith(prose_before)
    assert text.endswith(prose_after)


def test_text_outside_the_markers_survives_every_build_byte_for_byte(coaching):
    doc = coaching / "docs" / "DATABASE_SCHEMA.md"
    assert run_docgen("build", cwd=coaching).returncode == 0
    head = "# Our schema\n\nWritten by us — keep *this*.  \n\n"
    tail = "\n## Notes\n\ntrailing   spaces  \n\n\nand no final newline"
    generated = doc.read_text()
    doc.write_text(head + generated[generated.index("<!-- docgen:begin -->") :] + tail)
    model = coaching / "coaching" / "models" / "user.py"
    model.write_text(model.read_text().replace('comment="IANA time zone name"', 'comment="IANA zone"'))
    result = run_docgen("build", cwd=coaching)
    assert "changed: users" in result.stdout
    text = doc.read_text()
    assert text.startswith(head + "<!-- docgen:begin -->\n")
    assert text.endswith("<!-- docgen:end -->\n" + tail)
    assert "IANA zone" in text
