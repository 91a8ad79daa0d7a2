"""The example app's documentation, byte for byte, as reviewed (pytest --update-golden to refresh).

Run in-process (``docgen_in_process``): ``make mutate`` sees every byte of the example's output.
"""

from __future__ import annotations

from conftest import EXAMPLE, docgen_in_process


def test_fresh_build_of_the_example_matches_golden(coaching, golden, monkeypatch):
    built = docgen_in_process("build", cwd=coaching, monkeypatch=monkeypatch)
    assert built.exit_code == 0, built.output
    golden("coaching/DATABASE_SCHEMA.md", (coaching / "docs" / "DATABASE_SCHEMA.md").read_text())


def test_adopting_the_legacy_doc_matches_golden(coaching, golden, monkeypatch):
    doc = coaching / "docs" / "DATABASE_SCHEMA.md"
    doc.parent.mkdir()
    doc.write_text((EXAMPLE / "DATABASE_SCHEMA.md").read_text())
    result = docgen_in_process("build", cwd=coaching, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    golden("coaching/adopted_legacy.md", doc.read_text())
    golden("coaching/adoption_report.txt", result.stdout)
    golden("coaching/adopted_notes.md", (coaching / "docs" / "schema-notes.md").read_text())


def test_inspect_json_matches_golden(coaching, golden, monkeypatch):
    result = docgen_in_process("inspect", "--json", cwd=coaching, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    golden("coaching/inspect.json", result.stdout)
