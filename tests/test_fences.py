"""One reader of fenced code everywhere (CommonMark's rules), and docgen never writes what it cannot read back.

A fence opens with three or more backticks or tildes, indented at most three
spaces; a backtick fence's info string may not hold a backtick (```` ```js`x ````
is text, not a fence), a tilde fence's may; it closes with a run of the same
character, at least as long, followed by nothing but spaces. Notes, the
document's markers and a legacy document's headings are read by that one rule,
so what ``build`` writes, the next run reads the same way.
"""

from __future__ import annotations

import pytest
from conftest import run_docgen, write_project
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import assert_usage_error

from docgen import fences

MODELS = ("import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
          "sa.Table('users', metadata, sa.Column('id', sa.Integer, primary_key=True))\n")


def _project(tmp_path, config: str = "", **files: str):
    return write_project(tmp_path / "p", f'models = "m:metadata"\n{config}', {"m.py": MODELS, **files})


@pytest.mark.parametrize(("line", "opens"), [
    ("```", "```"), ("   ~~~~ py", "~~~~"), ("```js", "```"), ("~~~js`x", "~~~"),
    ("```js`x", None), ("    ```", None), ("``", None), ("\t```", None), ("text ```", None),
])
def test_a_line_opens_a_fence_by_commonmarks_rules(line, opens):
    assert fences.opening(line) == opens


@pytest.mark.parametrize(("line", "fence", "closes"), [
    ("```", "```", True), ("````  ", "```", True), ("``", "```", False), ("~~~", "```", False),
    ("``` x", "```", False), ("   ```", "```", True), ("    ```", "```", False),
])
def test_a_line_closes_a_fence_by_commonmarks_rules(line, fence, closes):
    assert fences.closes(line, fence) is closes


def _spans_line_by_line(text: str) -> list[tuple[int, int]]:
    """The blocks as the rules read them, one line at a time: what the fast scan must find."""
    found, fence, start, offset = [], None, 0, 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        line += "\n" if n < len(lines) - 1 else ""
        if fence is None:
            if (fence := fences.opening(line)) is not None:
                start = offset
        elif fences.closes(line, fence):
            found.append((start, offset + len(line)))
            fence = None
        offset += len(line)
    return found + ([(start, len(text))] if fence is not None else [])


LINES = ["```", "````", "~~~", "~~~~", "   ```", "    ```", "```js`x", "~~~a`", "``` a", "text ```", "``", "\t```", ""]
TEXTS = st.one_of(st.text(alphabet="`~ \ta\n", max_size=80),
                  st.lists(st.sampled_from(LINES), max_size=12).map("\n".join))


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_the_blocks_found_in_a_text_are_those_its_lines_open_and_close(text):
    assert fences.spans(text) == _spans_line_by_line(text)


def test_a_hand_written_doc_with_an_unclosed_fence_is_refused_not_written_into(tmp_path):
    doc = "# Our database\n\nSet it up:\n\n```sh\nmake db\n"
    project = _project(tmp_path, **{"docs/DATABASE_SCHEMA.md": doc})
    for command in ("build", "check"):
        assert_usage_error(run_docgen(command, cwd=project), "DATABASE_SCHEMA.md, line 5: a code fence that is never "
                           "closed (docgen's block would land inside it): close it, then run again")
    assert (project / "docs" / "DATABASE_SCHEMA.md").read_text() == doc
    assert not (project / "docs" / "schema").exists()


def test_notes_read_a_backtick_in_a_backtick_info_string_as_text_like_the_document_does(tmp_path):
    notes = "# Notes\n\n## users\n\n```js`x\nprose, not code\n```\n"
    project = _project(tmp_path, 'notes = "docs/notes.md"', **{"docs/notes.md": notes})
    result = run_docgen("build", cwd=project)
    assert_usage_error(result, "notes.md", "line 7", "never closed")
    assert not (project / "docs" / "DATABASE_SCHEMA.md").exists()


def test_notes_with_tilde_fences_holding_backticks_build_and_read_back(tmp_path):
    notes = "# Notes\n\n## users\n\n~~~js`x\n## not_a_table\n~~~\n\nAfter the code.\n"
    project = _project(tmp_path, 'notes = "docs/notes.md"', **{"docs/notes.md": notes})
    assert run_docgen("build", cwd=project).returncode == 0
    check = run_docgen("check", cwd=project)
    assert check.returncode == 0 and "not_a_table" not in check.stdout + check.stderr
    assert "After the code." in (project / "docs" / "DATABASE_SCHEMA.md").read_text()
