"""The example app's documentation, byte for byte, as reviewed (pytest --update-golden to refresh)."""

from __future__ import annotations

from conftest import EXAMPLE, run_docgen


def test_fresh_build_of_the_example_matches_golden(coaching, golden):
    assert run_docgen("build", cwd=coaching).returncode == 0
    golden("coaching/DATABASE_SCHEMA.md", (coaching / "docs" / "DATABASE_SCHEMA.md").read_text())


def test_adopting_the_legacy_doc_matches_golden(coaching, golden):
    doc = coaching / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text((EXAMPLE / "DATABASE_SCHEMA.md").read_text())
    result = run_docgen("build", cwd=coaching)
    assert result.returncode == 0, result.stderr
    golden("coaching/adopted_legacy.md", doc.read_text())
    golden("coaching/adoption_report.txt", result.stdout)
    golden("coaching/adopted_notes.md", (coaching / "docs" / "schema-notes.md").read_text())


def test_inspect_json_matches_golden(coaching, golden):
    result = run_docgen("inspect", "--json", cwd=coaching)
    assert result.returncode == 0, result.stderr
    golden("coaching/inspect.json", result.stdout)
