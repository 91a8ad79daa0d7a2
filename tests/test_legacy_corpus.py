"""Hand-written docs of every style are adopted without loss: stale tables gone, prose kept, per-table prose in the notes.

The corpus (tests/legacy_corpus/*.md) covers headings at levels 2-4, numbered,
backticked, bold, "Table: x", "x table", schema-qualified, with remarks; column
tables and column lists; a table of contents; stale tables in each style;
prose sections named like tables; fenced code; the legacy-tables/legacy-prose
decisions. Each adopts to golden files: the document, the report, the notes.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import docgen_in_process, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import report, write
from docgen import config as config_module
from docgen.plan import plan
from docgen.sources.convert import from_metadata

CORPUS = Path(__file__).resolve().parent / "legacy_corpus"

MODELS = """\
import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String(255)),
         sa.Column("name", sa.String(100)))
sa.Table("tasks", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")), sa.Column("title", sa.String(200)),
         sa.Column("status", sa.String(20)))
sa.Table("milestones", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.id")), sa.Column("title", sa.String(200)))
sa.Table("bill", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("amount", sa.Integer),
         sa.Column("paid_at", sa.DateTime))
sa.Table("order_items", metadata, sa.Column("id", sa.Integer, primary_key=True),
         sa.Column("bill_id", sa.Integer, sa.ForeignKey("bill.id")), sa.Column("quantity", sa.Integer))
sa.Table("stores", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("city", sa.Text), schema="retail")
"""

DECISIONS = {"decided": 'legacy-tables = ["scratch"]\nlegacy-prose = ["bill", "sessions_v1", "nothing_here"]'}

# What each style must do, stated independently of the golden files.
STALE = {
    "level2_plain": {"reminders"},
    "level3_backticks": {"pattern_hypotheses", "user_feedback"},
    "level4_numbered": {"audit_log"},
    "bold": {"user_feedback"},
    "table_colon": {"reminders"},
    "x_table": {"reminders"},
    "schema_qualified": {"retail.kiosks"},
    "column_lists": {"pattern_hypotheses"},
    "toc": {"reminders"},
    "remarks": {"reminders"},
    "mixed_levels": {"sessions"},
    "fenced": {"reminders"},
    "decided": {"scratch"},
}
KEPT_HEADINGS = {
    "level2_plain": ["## Summary table", "## TODO"],
    "level3_backticks": ["## `TODO`"],
    "level4_numbered": ["### 1. Overview", "### 2. Conventions"],
    "bold": ["### **Notes**"],
    "table_colon": ["## Table: Summary"],
    "x_table": ["### Summary table"],
    "column_lists": ["### Conventions"],
    "toc": ["## Conventions"],
    "mixed_levels": ["## Reporting", "#### daily_totals"],
    "decided": ["### bill", "#### sessions_v1"],
}


def corpus_cases() -> list[str]:
    return sorted(path.stem for path in CORPUS.glob("*.md"))


def test_the_corpus_has_every_style():
    assert len(corpus_cases()) >= 10
    assert set(corpus_cases()) == set(STALE)


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("corpus") / "p", 'models = "m:metadata"\npages = false', {"m.py": MODELS})


@pytest.mark.parametrize("case", corpus_cases())
def test_legacy_style_adopts_to_golden_document_report_and_notes_and_check_is_fresh(
    corpus_project, case, golden, tmp_path, monkeypatch
):
    project = tmp_path / "p"
    shutil.copytree(corpus_project, project)
    if case in DECISIONS:
        (project / "pyproject.toml").write_text(f'[tool.docgen]\nmodels = "m:metadata"\npages = false\n{DECISIONS[case]}\n')
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    legacy = (CORPUS / f"{case}.md").read_text()
    doc.write_text(legacy)
    built = docgen_in_process("build", cwd=project, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.output
    text = doc.read_text()
    notes_path = project / "docs" / "schema-notes.md"
    notes = notes_path.read_text() if notes_path.exists() else ""
    golden(f"legacy/{case}/document.md", text)
    golden(f"legacy/{case}/report.txt", built.output)
    golden(f"legacy/{case}/notes.md", notes or "(no notes file written)\n")

    removed = re.search(r"removed \(stale: documented but not in the schema\): (.*)", built.output)
    assert set(removed.group(1).split(", ") if removed else ()) == STALE[case]
    outside = text[: text.index("<!-- docgen:begin -->")] + text[text.index("<!-- docgen:end -->") :]
    for heading in KEPT_HEADINGS.get(case, []):
        assert f"\n{heading}\n" in outside  # prose sections stay, outside the generated block
    checked = docgen_in_process("check", cwd=project, monkeypatch=monkeypatch)
    assert checked.exit_code == 0, checked.output


# The property: whatever the style, every sentence ends up in the document, the notes or the report.

KNOWN = ["users", "bill", "retail.stores"]
WORDS = ["alpha", "bravo", "delta", "gamma", "kilo", "lima", "oscar", "sierra", "tango", "zulu"]


def _metadata() -> sa.MetaData:
    metadata = sa.MetaData()
    sa.Table("users", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("bill", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("stores", metadata, sa.Column("id", sa.Integer, primary_key=True), schema="retail")
    return metadata


SCHEMA = from_metadata(_metadata())

heading_styles = st.sampled_from(
    ["{n}", "`{n}`", "**{n}**", "Table: {n}", "{n} table", "3. {n}", "{n} (deprecated)", "`{n}` table", "{N}"]
)
names = st.sampled_from([*KNOWN, "stores", "public.users", "reminders", "user_feedback", "Summary", "TODO",
                         "Overview", "Conventions", "notes"])
column_block = st.sampled_from([
    "",
    "| Column | Type |\n|---|---|\n| id | int |\n",
    "- id (integer)\n- name (text)\n",
    "- `id`: integer\n- `name`: text\n",
    "Columns: `id`, `name`.\n",
])


@st.composite
def legacy_docs(draw) -> tuple[str, list[str]]:
    sentences: list[str] = []

    def sentence() -> str:
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        text = f"Sentence {len(sentences)} says {' '.join(words)}."
        sentences.append(text)
        return text

    parts = [f"# Title\n\n{sentence()}\n"]
    for _ in range(draw(st.integers(1, 6))):
        level = draw(st.integers(2, 4))
        name = draw(names)
        title = draw(heading_styles).format(n=name, N=name.upper())
        body = [sentence()]
        if draw(st.booleans()):
            body.append(f"```\n## {name}\n{sentence()}\n```")
        body.insert(draw(st.integers(0, len(body))), draw(column_block).rstrip("\n"))
        if draw(st.booleans()):
            body.append(f"{'#' * min(6, level + 1)} Details\n\n{sentence()}")
        parts.append(f"{'#' * level} {title}\n\n" + "\n\n".join(b for b in body if b) + "\n")
    text = "\n".join(parts)
    return (text.replace("\n", "\r\n") if draw(st.booleans()) else text), sentences


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(legacy_docs())
def test_every_sentence_of_a_legacy_doc_ends_up_in_the_document_the_notes_or_the_report(doc_and_sentences):
    """And the first build leaves fresh docs: a second plan finds nothing to write."""
    legacy, sentences = doc_and_sentences
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "docs").mkdir()
        (root / "docs" / "DATABASE_SCHEMA.md").write_bytes(legacy.encode())
        cfg = config_module.load(None, root, {"pages": False})
        the_plan = plan(SCHEMA, cfg)
        written = {path.name: data.decode() for path, data in the_plan.writes.items()}
        told = "\n".join(report.adoption_note(the_plan, cfg))
        everywhere = written["DATABASE_SCHEMA.md"] + written.get("schema-notes.md", "") + told
        lost = [s for s in sentences if s not in everywhere]
        assert not lost, (legacy, lost)
        write.apply(the_plan)
        assert plan(SCHEMA, cfg).stale_files == ()


def test_check_and_dry_run_report_the_same_adoption_as_build_and_write_nothing(corpus_project, tmp_path, monkeypatch):
    project = tmp_path / "p"
    shutil.copytree(corpus_project, project)
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text((CORPUS / "mixed_levels.md").read_text())
    dry = docgen_in_process("build", "--dry-run", cwd=project, monkeypatch=monkeypatch)
    checked = docgen_in_process("check", cwd=project, monkeypatch=monkeypatch)
    assert checked.exit_code == 1
    assert not (project / "docs" / "schema-notes.md").exists()
    assert doc.read_text() == (CORPUS / "mixed_levels.md").read_text()
    for told in (dry.output, checked.output):
        assert 'line 35 "### sessions": removed, stale table sessions; its prose, not kept anywhere:' in told
        assert "      A table we document but never created." in told
        assert 'line 26 "#### daily_totals": kept as prose, looks like a table (a column table, but at level 4' in told
        assert '+## users\n' in told  # the notes file to be written is in the diff


def test_legacy_flags_decide_headings_like_the_config_keys(corpus_project, tmp_path, monkeypatch):
    project = tmp_path / "p"
    shutil.copytree(corpus_project, project)
    doc = project / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text((CORPUS / "mixed_levels.md").read_text())
    built = docgen_in_process(
        "build", "--legacy-table", "daily_totals", "--legacy-prose", "### sessions", cwd=project, monkeypatch=monkeypatch
    )
    assert built.exit_code == 0, built.output
    assert "removed (stale: documented but not in the schema): daily_totals\n" in built.output
    text = doc.read_text()
    assert "Built by a nightly job" not in text and "Built by a nightly job" in built.output  # reported with its text
    assert "### sessions\n\nA table we document but never created.\n" in text  # kept as prose, as decided
    assert "kept as prose, looks like a table" not in built.output
