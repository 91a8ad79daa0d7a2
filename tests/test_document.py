"""DATABASE_SCHEMA.md is shared with people: fenced examples, mixed line endings and a BOM survive builds."""

from __future__ import annotations

import pytest
from conftest import docgen_in_process, run_docgen, write_project

from docgen.errors import UsageError
from docgen.outputs import document, legacy

BLOCK = "## t\n\ngenerated\n"
WRAPPED = f"{document.BEGIN}\n{BLOCK}{document.END}\n"
FENCED_EXAMPLE = f"Mark the generated part like this:\n\n```markdown\n{document.BEGIN}\n...\n{document.END}\n```\n\n"


def test_markers_inside_a_fenced_code_block_are_text():
    existing = f"# Doc\n\n{FENCED_EXAMPLE}{document.BEGIN}\nold\n{document.END}\n\nThe end.\n"
    composed = document.compose(existing, BLOCK, "doc.md")
    assert composed.text == f"# Doc\n\n{FENCED_EXAMPLE}{WRAPPED}\nThe end.\n"


def test_a_legacy_doc_showing_the_markers_in_a_fence_is_adopted_with_the_example_intact():
    existing = f"# Doc\n\n{FENCED_EXAMPLE}~~~\n## users\n~~~\n"
    assert not document.has_markers(existing)
    adoption = legacy.adopt(existing, {"users"})
    assert adoption.sections == ()  # the heading in the fence is text
    composed = document.compose(existing, BLOCK, "doc.md", adoption)
    assert composed.text == existing + "\n" + WRAPPED


def test_mixed_line_endings_keep_each_hand_written_line_as_it_was():
    head = "# Doc\r\n\nwritten on Windows\r\nand on Linux\n\n"
    tail = "\nend\r\nof file\n"
    existing = head + f"{document.BEGIN}\nold\n{document.END}\n" + tail
    composed = document.compose(existing, BLOCK, "doc.md")
    assert composed.text == head + WRAPPED + tail


def test_a_crlf_begin_marker_gets_a_crlf_block_and_is_fresh_when_only_endings_differ():
    existing = "# Doc\r\n\r\n" + WRAPPED.replace("\n", "\r\n") + "tail\n"
    assert document.compose(existing, BLOCK, "doc.md").text is existing  # fresh, no copy
    stale = "# Doc\r\n\r\n" + f"{document.BEGIN}\r\nold\r\n{document.END}\r\n" + "tail\n"
    assert document.compose(stale, BLOCK, "doc.md").text == existing


def test_a_byte_order_mark_before_the_begin_marker_works_and_is_kept():
    existing = "\ufeff" + f"{document.BEGIN}\nold\n{document.END}\n"
    assert document.compose(existing, BLOCK, "doc.md").text == "\ufeff" + WRAPPED


def test_a_byte_order_mark_right_before_the_begin_marker_on_disk_is_kept_and_check_is_fresh(tmp_path):
    models = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
    root = write_project(tmp_path / "p", 'models = "m:metadata"\npages = false', {"m.py": models})
    doc = root / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_bytes(f"\ufeff{document.BEGIN}\nold\n{document.END}\nmine\n".encode())
    built = run_docgen("build", cwd=root)
    assert built.returncode == 0, built.stderr
    assert "adopting" not in built.stdout
    written = doc.read_bytes()
    assert written.startswith(f"\ufeff{document.BEGIN}\n".encode()) and written.endswith(f"{document.END}\nmine\n".encode())
    assert run_docgen("check", cwd=root).returncode == 0


def test_bom_and_mixed_endings_on_disk_survive_build_and_check_is_fresh(tmp_path):
    models = "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
    root = write_project(tmp_path / "p", 'models = "m:metadata"\npages = false', {"m.py": models})
    doc = root / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    head = "\ufeff# Ours\r\n\nkeep\r\n\n".encode()
    fence = f"```\n{document.END}\n```\n".encode()
    doc.write_bytes(head + fence + f"{document.BEGIN}\nold\n{document.END}\n".encode() + b"tail\r\nend\n")
    assert run_docgen("build", cwd=root).returncode == 0
    written = doc.read_bytes()
    assert written.startswith(head + fence + document.BEGIN.encode() + b"\n")
    assert written.endswith(document.END.encode() + b"\ntail\r\nend\n")
    assert b"old" not in written
    assert run_docgen("check", cwd=root).returncode == 0


def test_a_section_mark_edited_into_bytes_that_are_not_utf8_is_a_stale_section_that_build_repairs(tmp_path,
                                                                                                  monkeypatch):
    """A hand edit or a merge leaves ``<!-- docgen:table t%FF -->``: check says the docs are stale (exit 1,
    never an internal error) and build writes the mark back."""
    project = write_project(tmp_path / "p", 'models = "marked:metadata"', {"marked.py": (
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer))\n")})
    assert docgen_in_process("build", cwd=project, monkeypatch=monkeypatch).exit_code == 0
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    built = doc.read_text(encoding="utf-8")
    doc.write_text(built.replace("<!-- docgen:table t -->", "<!-- docgen:table t%FF -->"), encoding="utf-8")
    checked = docgen_in_process("check", cwd=project, monkeypatch=monkeypatch)
    assert checked.exit_code == 1, checked.output
    assert "-<!-- docgen:table t%FF -->\n+<!-- docgen:table t -->" in checked.stdout
    assert docgen_in_process("build", cwd=project, monkeypatch=monkeypatch).exit_code == 0
    assert doc.read_text(encoding="utf-8") == built


def test_a_table_whose_name_would_end_the_section_comment_is_named_as_it_is_when_it_changes(tmp_path, monkeypatch):
    """Each table's section starts with a comment naming it (``<!-- docgen:table ... -->``); a name holding
    ``-->``, ``<`` or ``%`` is encoded there, and read back as itself: check names the table that changed."""
    name = "a-->b <%>"
    models = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
              f"sa.Table({name!r}, metadata, sa.Column('id', sa.Integer, primary_key=True))\n"
              "sa.Table('other', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")
    project = write_project(tmp_path / "p", 'models = "odd:metadata"\npages = false', {"odd.py": models})
    assert docgen_in_process("build", cwd=project, monkeypatch=monkeypatch).exit_code == 0
    (project / "odd.py").write_text(models.replace("primary_key=True))", "primary_key=True), sa.Column('n', sa.Text))",
                                                   1), encoding="utf-8")
    checked = docgen_in_process("check", cwd=project, monkeypatch=monkeypatch)
    assert checked.exit_code == 1, checked.output
    assert "tables: 0 added, 0 removed (stale), 1 changed, 1 unchanged\n  changed: a-->b <%>\n" in checked.stdout


def test_a_marker_indented_up_to_three_spaces_is_a_marker_and_a_tab_or_four_spaces_make_it_code():
    """CommonMark: up to three spaces indent a line of text; four, or a tab, make it code."""
    existing = f"# Doc\n\n   {document.BEGIN}\nold\n  {document.END}\n"
    assert document.has_markers(existing)
    assert document.compose(existing, BLOCK, "doc.md").text == f"# Doc\n\n{WRAPPED}"
    for code in ("\t", "    "):
        assert not document.has_markers(f"# Doc\n\n{code}{document.BEGIN}\n{code}old\n{code}{document.END}\n")


def test_a_blank_first_line_before_the_block_is_kept():
    existing = f"\n{WRAPPED}tail\n"
    assert document.compose(existing, BLOCK, "doc.md").text is existing  # fresh
    stale = f"\n{document.BEGIN}\nold\n{document.END}\ntail\n"
    assert document.compose(stale, BLOCK, "doc.md").text == existing


def test_a_begin_marker_on_the_first_line_without_its_end_is_refused_not_adopted():
    for existing in (f"{document.BEGIN}\nold\n", f"{document.BOM}{document.BEGIN}\nold\n"):
        assert document.has_markers(existing)
        with pytest.raises(UsageError, match=r"doc.md: unbalanced or duplicated docgen markers \(1 × "):
            document.compose(existing, BLOCK, "doc.md")


def test_a_block_of_the_same_length_but_other_text_is_rewritten():
    existing = f"{document.BEGIN}\n## t\n\ngeneratex\n{document.END}\n"
    assert document.compose(existing, BLOCK, "doc.md").text == WRAPPED


def test_a_block_whose_lines_end_both_ways_is_fresh_when_only_its_endings_differ():
    """A checkout or an editor may leave some lines CRLF: the text is the same, nothing to rewrite."""
    existing = f"# Doc\n\n{document.BEGIN}\n## t\r\n\ngenerated\r\n{document.END}\n"
    assert document.compose(existing, BLOCK, "doc.md").text is existing
    assert document.compose(existing.replace("generated", "other"), BLOCK, "doc.md").text == f"# Doc\n\n{WRAPPED}"


def test_table_sections_are_the_marks_at_a_line_start_within_the_block():
    text = ("<!-- docgen:table a -->\nA, see <!-- docgen:table b -->\n<!-- docgen:table c -->\nC\n"
            f"{document.END}\n<!-- docgen:table d -->\nhand-written after the block\n")
    assert list(document.section_digests(text, 0, text.index(document.END))) == ["a", "c"]
