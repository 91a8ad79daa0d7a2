"""GitHub Actions output: annotations that a schema's names cannot break, and the step summary."""

from __future__ import annotations

import locale

import pytest

from docgen.formats.github import annotation, append_step_summary


def test_annotation_names_file_line_and_title():
    line = annotation("error", "docs are stale", file="docs/DATABASE_SCHEMA.md", line=12, title="docgen check")
    assert line == "::error file=docs/DATABASE_SCHEMA.md,line=12,title=docgen check::docs are stale"


def test_annotation_without_properties_is_a_plain_command():
    assert annotation("warning", "look") == "::warning::look"


def test_newlines_and_percent_in_a_message_cannot_end_the_command():
    line = annotation("error", "50% done\r\n::error::forged")
    assert line == "::error::50%25 done%0D%0A::error::forged"
    assert "\n" not in line


def test_colons_and_commas_in_properties_are_escaped():
    line = annotation("notice", "m", file="a,b:c.md", title="x: y, z")
    assert line == "::notice file=a%2Cb%3Ac.md,title=x%3A y%2C z::m"


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError):
        annotation("fatal", "m")


def test_step_summary_is_appended_to_the_file_github_names(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    append_step_summary("## docgen\n")
    append_step_summary("more")
    assert summary.read_text(encoding="utf-8") == "earlier step\n## docgen\nmore\n"


def test_step_summary_outside_github_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    append_step_summary("## docgen\n")
    assert list(tmp_path.iterdir()) == []


def test_step_summary_is_utf8_whatever_the_locale_says(tmp_path, monkeypatch):
    """GitHub reads the summary as UTF-8: a runner whose locale says ASCII (``LANG=C``) or cp1252 (Windows)
    changes nothing in what docgen writes."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        append_step_summary("| tâble | ✓ |")
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert summary.read_bytes() == "| tâble | ✓ |\n".encode()
