"""Adopting a hand-written (legacy) DATABASE_SCHEMA.md: which sections document tables, and what to keep.

A heading starts a *table section* when

- it names a known table: bare or schema-qualified (``### stores`` for
  ``retail.stores``, ``### public.users`` for ``users``), in any case, with
  numbering (``3.``, ``2.1``), backticks, bold, the words ``Table:`` / ``table``
  or a trailing remark in parentheses or brackets (``(deprecated)``); or
- it is a single identifier-like name whose section documents columns (a
  Markdown table whose first header cell is ``Column``/``Name``/``Field``..., a
  bullet list of ``name (type)`` / ``name: type`` items, a ``Columns:`` line),
  or is written like a table name (backticks, bold, the word table), **and**
  it sits at a heading level where known tables sit (any level when none is
  known). These are stale tables: documented, not in the schema.

Prose headings (Summary, Conventions, TODO, Overview, ...) are never table
sections. Anything else that looks like a table is kept as prose and
reported, and the config keys ``legacy-tables`` / ``legacy-prose`` decide
such headings either way. Headings inside fenced code are text.

A table section runs to the next heading of the same or a higher level (or
the next table section). Its hand-written prose, everything but the heading
and the old column table or list, is moved into the notes of its table; the
prose of a stale table is reported with its text. How headings and section
bodies are read is :mod:`.legacy_body`'s part; the decisions are made here.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .legacy_body import (
    HEADING,
    STRUCTURE_HEADINGS,
    Heading,
    documents_columns,
    section_prose,
)
from .legacy_body import headings as read_headings
from .markdown import anchor

_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_LINK = re.compile(r"\]\((#[^)\s]+)\)")
PROSE_HEADINGS = {
    "about", "appendix", "architecture", "background", "changelog", "changes", "contents", "conventions",
    "deprecated", "description", "diagram", "erd", "examples", "faq", "general", "glossary", "history",
    "index", "intro", "introduction", "legend", "migrations", "misc", "naming", "notes", "operations",
    "other", "overview", "purpose", "questions", "references", "relationships", "roadmap", "schema",
    "scope", "security", "setup", "status", "summary", "tables", "terminology", "todo", "usage",
}  # fmt: skip


@dataclass(frozen=True)
class Section:
    """A legacy table section that the generated block replaces."""

    heading: str  # the heading line as written
    line: int  # its 1-based line number
    table: str  # the known table it documents, or the stale table's name
    stale: bool  # documented but not in the schema
    prose: str  # its hand-written prose (all but the heading and the column table or list), "" when none


@dataclass(frozen=True)
class Kept:
    """A heading that looks like a table but is kept as prose."""

    heading: str
    line: int
    name: str  # the name it would have as a table
    why: str  # what makes it look like a table, and why it was kept


@dataclass(frozen=True)
class Adoption:
    """What adopting a legacy document found: its table sections, the kept prose, where the block goes."""

    sections: tuple[Section, ...]
    kept_headings: tuple[Kept, ...]
    unused_decisions: tuple[str, ...]  # legacy-tables / legacy-prose entries that match no heading
    dead_links: tuple[tuple[int, str, str | None], ...]  # (line, #anchor of a replaced heading, the table's new anchor)
    kept_lines: tuple[str, ...]
    insert_at: int  # index into kept_lines where the generated block goes
    newline: str  # the line ending most lines of the document use
    old_sections: dict[str, bytes]  # table -> digest of its old section (for the table summary)

    @property
    def moved_prose(self) -> dict[str, str]:
        """Known table -> the prose of its legacy section(s), for its notes."""
        moved: dict[str, list[str]] = {}
        for section in self.sections:
            if section.prose and not section.stale:
                moved.setdefault(section.table, []).append(section.prose)
        return {table: "\n\n".join(parts) for table, parts in moved.items()}

    def compose(self, wrapped: str) -> str:
        """The document with the generated ``wrapped`` block in place of the table sections."""
        kept = list(self.kept_lines)
        insert_at = self.insert_at
        if not self.sections:
            if kept and not kept[-1].endswith("\n"):
                kept[-1] += self.newline
            if kept and kept[-1].strip():
                kept.append(self.newline)
            insert_at = len(kept)
        after = kept[insert_at:]
        separator = self.newline if after and after[0].strip() else ""
        if self.newline != "\n":
            wrapped = wrapped.replace("\n", self.newline)
        return "".join(kept[:insert_at]) + wrapped + separator + "".join(after)


def adopt(
    text: str,
    known_tables: Iterable[str],
    legacy_tables: Iterable[str] = (),
    legacy_prose: Iterable[str] = (),
) -> Adoption:
    """Find the table sections of the legacy document ``text`` (any line endings, no byte order mark)."""
    lines = _LINES.findall(text)
    headings = read_headings(lines)
    known = _KnownTables(known_tables)
    decide = _Decisions(legacy_tables, legacy_prose)
    tables: dict[int, tuple[str, bool]] = {}  # heading index -> (table, stale)
    for heading in headings:
        table = known.match(heading.name) if heading.name and not decide.forces_prose(heading) else None
        if table is not None or decide.forces_table(heading):
            tables[heading.index] = (table or heading.name or heading.text, table is None)
    known_levels = {h.level for h in headings if h.index in tables and not tables[h.index][1]}
    kept_headings: list[Kept] = []
    ends = _own_ends(headings, len(lines))
    for position, heading in enumerate(headings):
        if heading.index in tables or heading.name is None or heading.level == 1 or decide.forces_prose(heading):
            continue
        body = _body_with_structure(lines, headings, position, ends)
        evidence = documents_columns(body) or ("written like a table name" if heading.marked else None)
        sibling = not known_levels or heading.level in known_levels
        if evidence and sibling and heading.name.lower() not in PROSE_HEADINGS:
            tables[heading.index] = (heading.name, True)
        elif evidence or (sibling and known_levels and heading.name.lower() not in PROSE_HEADINGS):
            kept_headings.append(_kept(heading, lines, evidence, sibling, known_levels))
    spans = _section_spans(headings, tables, len(lines))
    sections, kept, insert_at, digests = _cut(lines, tables, spans)
    starts = [start for start, _, _ in spans]
    kept_headings = [k for k in kept_headings if not _inside(k.line - 1, spans, starts)]
    return Adoption(
        sections=tuple(sections),
        kept_headings=tuple(kept_headings),
        unused_decisions=decide.unused(headings),
        dead_links=_dead_links(lines, spans, sections),
        kept_lines=tuple(kept),
        insert_at=insert_at,
        newline="\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n",
        old_sections=digests,
    )


def _inside(index: int, spans: list[tuple[int, int, int]], starts: list[int]) -> bool:
    """Whether line ``index`` is inside one of the table section ``spans`` (``starts``: their first lines)."""
    at = bisect.bisect_right(starts, index) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _dead_links(
    lines: list[str], spans: list[tuple[int, int, int]], sections: list[Section]
) -> tuple[tuple[int, str, str | None], ...]:
    """Links in the kept text (a table of contents) to the anchor of a replaced heading that no heading will have.

    Each is (line, the old ``#anchor``, the table's anchor in the generated block or None for a stale table).
    """
    gone: dict[str, str | None] = {}
    for section in sections:
        old = "#" + anchor(HEADING.match(section.heading).group(2))  # type: ignore[union-attr]
        new = None if section.stale else "#" + anchor(section.table)
        if old != new:
            gone.setdefault(old, new)
    found = []
    in_section = iter(spans)
    span = next(in_section, None)
    for index, line in enumerate(lines):
        while span and index >= span[1]:
            span = next(in_section, None)
        if span and span[0] <= index < span[1]:
            continue
        for link in _LINK.finditer(line):
            if link.group(1) in gone:
                found.append((index + 1, link.group(1), gone[link.group(1)]))
    return tuple(found)


def _kept(heading: Heading, lines: list[str], evidence: str | None, sibling: bool, levels: set[int]) -> Kept:
    at = ", ".join(f"level {level}" for level in sorted(levels))
    if evidence is None:
        why = f"a single name among the table headings ({at})"
    elif heading.name and heading.name.lower() in PROSE_HEADINGS:
        why = f"{evidence}, but its heading is a prose heading"
    elif not sibling:
        why = f"{evidence}, but at level {heading.level} while the known tables are at {at}"
    else:
        why = evidence
    return Kept(heading=lines[heading.index].rstrip("\r\n"), line=heading.index + 1, name=heading.name or "", why=why)


class _KnownTables:
    """Known table names, matched case-insensitively, bare or schema-qualified."""

    def __init__(self, names: Iterable[str]):
        self.exact: dict[str, str] = {}
        self.bare: dict[str, list[str]] = {}
        for name in sorted(names):
            self.exact.setdefault(name.lower(), name)
            self.bare.setdefault(name.rpartition(".")[2].lower(), []).append(name)

    def match(self, name: str) -> str | None:
        lowered = name.lower()
        if lowered in self.exact:
            return self.exact[lowered]
        schema, _, bare = lowered.rpartition(".")
        if schema and bare in self.exact:  # `public.users` documents the default schema's `users`
            return self.exact[bare]
        candidates = self.bare.get(lowered, [])
        return candidates[0] if not schema and len(candidates) == 1 else None  # `stores` is `retail.stores`


class _Decisions:
    """The user's decisions: ``legacy-tables`` (replace as table sections) and ``legacy-prose`` (keep)."""

    def __init__(self, tables: Iterable[str], prose: Iterable[str]):
        self.tables = {t.strip().lower(): t for t in tables}
        self.prose = {p.strip().lower(): p for p in prose}

    @staticmethod
    def _keys(heading: Heading) -> set[str]:
        return {heading.written.lower(), heading.text.lower(), (heading.name or "").lower()} - {""}

    def forces_table(self, heading: Heading) -> bool:
        return bool(self._keys(heading) & self.tables.keys())

    def forces_prose(self, heading: Heading) -> bool:
        return bool(self._keys(heading) & self.prose.keys())

    def unused(self, headings: list[Heading]) -> tuple[str, ...]:
        used = set().union(*(self._keys(h) for h in headings)) if headings else set()
        return tuple(
            [f"legacy-tables: {v}" for k, v in self.tables.items() if k not in used]
            + [f"legacy-prose: {v}" for k, v in self.prose.items() if k not in used]
        )


def _own_ends(headings: list[Heading], line_count: int) -> list[int]:
    """For each heading, the index of the line where its own body ends (the next heading)."""
    return [h.index for h in headings[1:]] + [line_count]


def _body_with_structure(lines: list[str], headings: list[Heading], position: int, ends: list[int]) -> list[str]:
    """The heading's own body, plus the bodies of the "Columns"-like sub-headings right under it."""
    heading = headings[position]
    body = lines[heading.index + 1 : ends[position]]
    for later in range(position + 1, len(headings)):
        sub = headings[later]
        if sub.level <= heading.level or sub.text.strip("*_` ").lower() not in STRUCTURE_HEADINGS:
            break
        body += lines[sub.index + 1 : ends[later]]
    return body


def _cut(
    lines: list[str], tables: dict[int, tuple[str, bool]], spans: list[tuple[int, int, int]]
) -> tuple[list[Section], list[str], int, dict[str, bytes]]:
    """Split ``lines`` into the table ``spans`` and the lines kept; where the first section stood."""
    sections: list[Section] = []
    kept: list[str] = []
    insert_at: int | None = None
    digests: dict[str, Any] = {}
    cursor = 0
    for start, stop, level in spans:
        kept.extend(lines[cursor:start])
        insert_at = len(kept) if insert_at is None else insert_at
        table, stale = tables[start]
        text = "".join(lines[start:stop])
        digests.setdefault(table, hashlib.blake2b(digest_size=16)).update(text.replace("\r\n", "\n").encode())
        prose = section_prose(lines[start + 1 : stop], level)
        sections.append(Section(lines[start].rstrip("\r\n"), start + 1, table, stale, prose))
        cursor = stop
    kept.extend(lines[cursor:])
    return sections, kept, len(kept) if insert_at is None else insert_at, {t: h.digest() for t, h in digests.items()}


def _section_spans(
    headings: list[Heading], tables: dict[int, tuple[str, bool]], line_count: int
) -> list[tuple[int, int, int]]:
    """(first line, line after the last, heading level) of each table section, in order."""
    spans = []
    open_section: tuple[int, int] | None = None
    for heading in headings:
        if open_section and (heading.level <= open_section[1] or heading.index in tables):
            spans.append((open_section[0], heading.index, open_section[1]))
            open_section = None
        if open_section is None and heading.index in tables:
            open_section = (heading.index, heading.level)
    if open_section:
        spans.append((open_section[0], line_count, open_section[1]))
    return spans
