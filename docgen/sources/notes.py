"""Notes: people's words about tables and columns, kept in a Markdown file docgen reads as input.

The notes file (config ``notes``, default ``docs/schema-notes.md``) has one
``## table`` section per table (``## retail.stores`` for a table in a
database schema; backticks around the name are fine). A section holds free
Markdown prose and, optionally, one line per column of the form
``- `column`: note`` (the ``-`` is optional). Text before the first ``##``
heading is for the reader of the file and is not shown anywhere.

docgen renders each section next to the generated facts of its table (in
``DATABASE_SCHEMA.md`` and on the table's page; a column note next to the
column) and never rewrites the file except to append prose it moved there
when adopting a hand-written document. Sections naming no table, and column
notes naming no column, are *stale* and are reported, never dropped.

The notes are the project's own Markdown, rendered as written (like the rest
of its docs); they may not hold docgen's markers, and every code fence in them
must be closed, so they cannot break the generated block they are shown in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import files
from ..errors import UsageError

_SECTION = re.compile(r"^##[ \t]+(.*?)[ \t#]*$")
_COLUMN_NOTE = re.compile(r"^(?:[-*+][ \t]+)?`([^`]+)`[ \t]*:[ \t]*(\S.*?)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKER = "<!-- docgen:"

NEW_FILE_HEAD = (
    "# Schema notes\n\n"
    "Notes about the tables, shown next to the generated facts in the schema docs.\n"
    "One `## table` section per table: free Markdown prose, and `` - `column`: note `` lines\n"
    "for notes about single columns. Edit this file, then run `docgen build`.\n"
)


@dataclass(frozen=True)
class TableNotes:
    """One ``## table`` section of the notes file."""

    table: str  # the heading, backticks removed: the table's qualified name when it is not stale
    line: int  # 1-based line of the heading in the notes file
    prose: str  # the section's Markdown without its column notes, stripped ("" when none)
    columns: dict[str, str] = field(default_factory=dict)  # column name -> one-line Markdown note
    column_lines: dict[str, int] = field(default_factory=dict, compare=False)  # column name -> its note's line

    def column(self, name: str) -> str | None:
        """The note about column ``name``, or None."""
        return self.columns.get(name)


@dataclass(frozen=True)
class Notes:
    """The parsed notes file (empty when there is none)."""

    text: str | None = None  # the file's text with ``\\n`` line endings, None when it does not exist
    sections: tuple[TableNotes, ...] = ()

    def table(self, qualified_name: str) -> TableNotes | None:
        """The notes about the table ``qualified_name`` (its section, or None)."""
        return self.by_table.get(qualified_name)

    @functools.cached_property
    def by_table(self) -> dict[str, TableNotes]:
        """Table name -> its section."""
        return {section.table: section for section in self.sections}

    def stale(self, tables: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
        """What the notes say about things not in the schema: one line each, in file order.

        ``tables`` gives each table's qualified name and its column names.
        """
        columns = {name: set(cols) for name, cols in tables}
        lines = []
        for section in self.sections:
            if section.table not in columns:
                lines.append(f"line {section.line}: `## {section.table}` names no table in the schema")
                continue
            for column in section.columns:
                if column not in columns[section.table]:
                    lines.append(f"line {section.column_lines[column]}: `{column}` is not a column of {section.table}")
        return lines


def parse(text: str, where: str) -> Notes:
    """The notes in ``text`` (``\\n`` line endings); ``where`` names the file in errors."""
    sections: list[TableNotes] = []
    current: tuple[str, int, list[str], dict[str, str], dict[str, int]] | None = None
    fence: str | None = None
    fence_line = 0
    seen: dict[str, int] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if _MARKER in line:
            raise UsageError(f"{where}, line {number}: notes may not hold docgen markers (`{_MARKER}...`)")
        fence_mark = _FENCE.match(line)
        if fence is not None:
            if fence_mark and fence_mark.group(1).startswith(fence) and not line[fence_mark.end():].strip():
                fence = None
        elif fence_mark:
            fence, fence_line = fence_mark.group(1), number
        elif heading := _SECTION.match(line):
            if current:
                sections.append(_section(*current))
            name = heading.group(1).replace("`", "").strip()
            if name in seen:
                raise UsageError(f"{where}, line {number}: a second section for {name} (the first is on line {seen[name]})")
            seen[name] = number
            current = (name, number, [], {}, {})
            continue
        elif current and (note := _COLUMN_NOTE.match(line)):
            current[3][note.group(1).strip()] = note.group(2)
            current[4][note.group(1).strip()] = number
            continue
        if current:
            current[2].append(line)
    if fence is not None:
        raise UsageError(f"{where}, line {fence_line}: a code fence that is never closed")
    if current:
        sections.append(_section(*current))
    return Notes(text=text, sections=tuple(sections))


def _section(table: str, line: int, prose: list[str], columns: dict[str, str], lines: dict[str, int]) -> TableNotes:
    return TableNotes(table=table, line=line, prose="\n".join(prose).strip(), columns=columns, column_lines=lines)


def read(path: Path | None, where: str) -> Notes:
    """The notes file at ``path``, ``where`` naming it in errors (no notes when ``path`` is None or the file
    does not exist)."""
    if path is None:
        return Notes()
    raw = files.read_bytes(path, f"notes {where}")
    if raw is None:
        return Notes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"notes {where} is not UTF-8 text (byte {exc.start})") from None
    return parse(text.replace("\r\n", "\n"), where)


def with_prose(notes: Notes, additions: dict[str, str]) -> str:
    """The notes file's text with ``additions`` (table -> Markdown prose) appended to the tables' sections.

    A table without a section gets one at the end of the file; prose already in
    its section is not added twice. A new file starts with a short explanation.
    """
    lines = (notes.text if notes.text is not None else NEW_FILE_HEAD).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    ends = _section_ends(notes, len(lines))
    inserts: dict[int, list[str]] = {}
    appended: list[str] = []
    for table, prose in additions.items():
        existing = notes.table(table)
        if existing is not None:
            if prose.strip() not in existing.prose:
                inserts.setdefault(ends[table], []).extend(["", prose.strip()])
        else:
            appended.extend(["", f"## {table}", "", prose.strip()])
    out: list[str] = []
    for index, line in enumerate(lines):
        if index in inserts:
            _trim_blank_tail(out)
            out.extend([*inserts[index], ""])
        out.append(line)
    if len(lines) in inserts:
        _trim_blank_tail(out)
        out.extend(inserts[len(lines)])
    _trim_blank_tail(out)
    return "\n".join(out + appended) + "\n"


def _section_ends(notes: Notes, line_count: int) -> dict[str, int]:
    """Table -> index of the line after its section (the next section's heading, or the end)."""
    starts = [section.line - 1 for section in notes.sections] + [line_count]
    return {section.table: starts[i + 1] for i, section in enumerate(notes.sections)}


def _trim_blank_tail(lines: list[str]) -> None:
    while lines and not lines[-1].strip():
        lines.pop()
