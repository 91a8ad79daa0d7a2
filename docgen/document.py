"""DATABASE_SCHEMA.md as a document docgen shares with people.

docgen owns only the text between ``<!-- docgen:begin -->`` and
``<!-- docgen:end -->``; everything outside stays byte for byte. A file
without markers is a *legacy* hand-written doc: its table sections (headings
naming a table, see :func:`table_name_of_heading`) are replaced by the
generated block, placed where the first of them stood, and the prose around
them is kept. Every section taken out is returned so it can be reported.

Lines end at ``\n`` (docgen reads files with CRLF already turned into
``\n``); no other character ends a line here, so a comment holding, say, a
form feed stays inside its table cell.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import markdown
from .errors import UsageError

BEGIN = "<!-- docgen:begin -->"
END = "<!-- docgen:end -->"
# Searched for as literals (fast), then kept only where they start a line: no "^" in the patterns.
_TABLE_MARKS = re.compile(r"<!-- docgen:table (.+) -->$\n?", re.MULTILINE)
_MARKERS = re.compile(f"{re.escape(BEGIN)}|{re.escape(END)}")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_HEADING = re.compile(r"^(#{2,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NUMBERING = re.compile(r"^\d+[.)]\s*")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")
_TABLE_WORD = re.compile(r"^(?:table:?\s+)?(.*?)(?:\s+table)?$", re.IGNORECASE)

NEW_DOCUMENT_TITLE = "# Database schema\n\n"


@dataclass(frozen=True)
class Composed:
    text: str
    old_sections: dict[str, bytes]  # table name -> digest() of its documentation before this build
    adopted: bool  # True when a legacy (marker-less) document was taken over


def section_digests(block: str, start: int = 0, end: int | None = None) -> dict[str, bytes]:
    """Table name -> :func:`digest` of its section in ``block[start:end]`` (split at ``docgen:table`` marks).

    Only digests are kept, not the texts: enough to tell changed tables from unchanged ones.
    """
    hashes: dict[str, Any] = {}
    for name, text in _sections(block, start, len(block) if end is None else end):
        hashes.setdefault(name, hashlib.blake2b(digest_size=16)).update(text.encode())
    return {name: h.digest() for name, h in hashes.items()}


def digest(text: str) -> bytes:
    """A fingerprint of a section's text, for telling changed tables from unchanged ones."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _sections(text: str, start: int, end: int) -> Iterator[tuple[str, str]]:
    """(table name, text) of each ``docgen:table`` section of ``text[start:end]``, in order."""
    candidates = _TABLE_MARKS.finditer(text, start, end)  # one regex pass instead of a match per line
    marks = [m for m in candidates if m.start() == start or text[m.start() - 1] == "\n"]  # at a line start
    for mark, following in zip(marks, [*marks[1:], None]):
        yield markdown.from_comment_text(mark.group(1)), text[mark.end() : following.start() if following else end]


def compose(existing: str | None, block: str, known_tables: set[str], where: str) -> Composed:
    """The full text of the document with ``block`` as its generated part."""
    if existing is None:
        return Composed(NEW_DOCUMENT_TITLE + _wrap(block), {}, adopted=False)
    begins, ends = _marker_lines(existing)
    if not begins and not ends:
        return _adopt(_LINES.findall(existing), _wrap(block), known_tables)
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        raise UsageError(
            f"{where}: unbalanced or duplicated docgen markers "
            f"({len(begins)} × {BEGIN}, {len(ends)} × {END}); fix them by hand, then run again"
        )
    (start, after_begin), (before_end, stop) = begins[0], ends[0]
    old_sections = section_digests(existing, after_begin, before_end)
    if _holds(existing, start, stop, block):  # fresh: no second copy of a big document
        return Composed(existing, old_sections, adopted=False)
    text = "".join((existing[:start], BEGIN, "\n", block, END, "\n", existing[stop:]))  # = _wrap(block), one copy
    return Composed(text, old_sections, adopted=False)


def _holds(existing: str, start: int, stop: int, block: str) -> bool:
    """Whether ``existing[start:stop]`` is exactly ``_wrap(block)`` (compared in place, nothing copied)."""
    head, tail = f"{BEGIN}\n", f"{END}\n"
    return (
        stop - start == len(head) + len(block) + len(tail)
        and existing.startswith(head, start)
        and existing.startswith(block, start + len(head))
        and existing.startswith(tail, stop - len(tail))
    )


def _wrap(block: str) -> str:
    return f"{BEGIN}\n{block}{END}\n"


def _marker_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) offsets of the lines that are the begin marker, and of those that are the end marker.

    A marker line is one whose stripped text is the marker. Only the lines holding a marker are
    looked at: no list of every line of a big document.
    """
    spans: dict[str, list[tuple[int, int]]] = {BEGIN: [], END: []}
    for mark in _MARKERS.finditer(text):
        start = text.rfind("\n", 0, mark.start()) + 1
        stop = text.find("\n", mark.end()) + 1 or len(text)
        if text[start:stop].strip() == mark.group():
            spans[mark.group()].append((start, stop))
    return spans[BEGIN], spans[END]


def table_name_of_heading(heading: str, known_tables: set[str]) -> str | None:
    """The table a legacy heading documents, or None for prose headings.

    A heading names a table when, without numbering ("3. "), backticks and the
    word "table", it is one identifier that is a known table, or that was
    written in backticks or next to the word "table" (``### `reminders` ``).
    """
    text = _NUMBERING.sub("", heading.strip())
    marked = "`" in text or re.search(r"\btable\b", text, re.IGNORECASE) is not None
    name = _TABLE_WORD.match(text.replace("`", "").strip()).group(1).strip()  # type: ignore[union-attr]
    if not _IDENTIFIER.match(name):
        return None
    known = {t.lower(): t for t in known_tables}
    if name.lower() in known:
        return known[name.lower()]
    return name if marked else None


def _adopt(lines: list[str], wrapped: str, known_tables: set[str]) -> Composed:
    kept: list[str] = []
    sections: dict[str, str] = {}
    insert_at: int | None = None
    section: tuple[str, int] | None = None  # (table, heading level) being removed
    fence: str | None = None
    for line in lines:
        fence_mark = _FENCE.match(line)
        heading = None if fence else _HEADING.match(line.rstrip("\n"))
        if fence_mark and (fence is None or fence_mark.group(1).startswith(fence)):
            fence = None if fence else fence_mark.group(1)[:3]
        if heading:
            level = len(heading.group(1))
            if section and level <= section[1]:
                section = None
            if section is None:
                table = table_name_of_heading(heading.group(2), known_tables)
                if table is not None:
                    section = (table, level)
                    insert_at = len(kept) if insert_at is None else insert_at
                    sections.setdefault(table, "")
        if section:
            sections[section[0]] += line
        else:
            kept.append(line)
    if insert_at is None:
        insert_at = len(kept)
        if kept and not kept[-1].endswith("\n"):
            kept[-1] += "\n"
        if kept and kept[-1].strip():
            kept.append("\n")
    after = kept[insert_at:]
    separator = "\n" if after and after[0].strip() else ""
    text = "".join(kept[:insert_at]) + wrapped + separator + "".join(after)
    return Composed(text, {name: digest(section) for name, section in sections.items()}, adopted=True)
