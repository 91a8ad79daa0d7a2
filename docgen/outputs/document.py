"""DATABASE_SCHEMA.md as a document docgen shares with people.

docgen owns only the text between ``<!-- docgen:begin -->`` and
``<!-- docgen:end -->``; everything outside stays byte for byte, each line
with its own line ending (the generated block takes the begin marker line's).
Markers inside fenced code blocks are text; a UTF-8 byte order mark at the
start of the file is kept.

A file without markers is a *legacy* hand-written doc: :mod:`docgen.legacy`
finds its table sections; they are replaced by the generated block, placed
where the first of them stood, and the prose around them is kept.

No other character than ``\\n`` ends a line here, so a comment holding, say, a
form feed stays inside its table cell.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from . import markdown
from .legacy import Adoption

BEGIN = "<!-- docgen:begin -->"
END = "<!-- docgen:end -->"
BOM = "\ufeff"
# Searched for as literals (fast), then kept only where they start a line: no "^" in the patterns.
_TABLE_MARKS = re.compile(r"<!-- docgen:table (.+) -->$\n?", re.MULTILINE)
_MARKERS = re.compile(f"{re.escape(BEGIN)}|{re.escape(END)}")
_FENCE_RUNS = re.compile(r"`{3,}|~{3,}")

NEW_DOCUMENT_TITLE = "# Database schema\n\n"


@dataclass(frozen=True)
class Composed:
    text: str  # the whole document, with its line endings as they are to be written
    old_sections: dict[str, bytes]  # table name -> digest() of its documentation before this build
    adoption: Adoption | None  # what taking over a legacy (marker-less) document did, None when it was not one

    @property
    def adopted(self) -> bool:
        return self.adoption is not None


def section_digests(block: str, start: int = 0, end: int | None = None) -> dict[str, bytes]:
    """Table name -> :func:`digest` of its section in ``block[start:end]`` (split at ``docgen:table`` marks).

    Only digests are kept, not the texts: enough to tell changed tables from unchanged ones.
    """
    hashes: dict[str, Any] = {}
    for name, text in _sections(block, start, len(block) if end is None else end):
        hashes.setdefault(name, hashlib.blake2b(digest_size=16)).update(text.replace("\r\n", "\n").encode())
    return {name: h.digest() for name, h in hashes.items()}


def digest(text: str) -> bytes:
    """A fingerprint of a section's text, for telling changed tables from unchanged ones."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _sections(text: str, start: int, end: int) -> Iterator[tuple[str, str]]:
    """(table name, text) of each ``docgen:table`` section of ``text[start:end]``, in order."""
    candidates = _TABLE_MARKS.finditer(text, start, end)  # one regex pass instead of a match per line
    marks = [m for m in candidates if m.start() == start or text[m.start() - 1] == "\n"]  # at a line start
    for mark, following in zip(marks, [*marks[1:], None]):
        yield markdown.from_comment_text(mark.group(1).rstrip("\r")), text[mark.end() : following.start() if following else end]


def has_markers(text: str) -> bool:
    """Whether ``text`` has a docgen marker line outside fenced code (else it is a legacy document)."""
    begins, ends = _marker_lines(text[1:] if text.startswith(BOM) else text)
    return bool(begins or ends)


def compose(existing: str | None, block: str, where: str, adoption: Adoption | None = None) -> Composed:
    """The full text of the document with ``block`` as its generated part.

    ``existing`` is the document on disk as read (any line endings; None when
    there is none) and ``adoption`` what :func:`docgen.legacy.adopt` found in it
    when it has no markers.
    """
    if existing is None:
        return Composed(NEW_DOCUMENT_TITLE + _wrap(block), {}, adoption=None)
    bom = BOM if existing.startswith(BOM) else ""
    if adoption is not None:
        return Composed(bom + adoption.compose(_wrap(block)), adoption.old_sections, adoption)
    body = existing[len(bom):] if bom else existing  # copied only when there is a mark
    begins, ends = _marker_lines(body)
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        raise UsageError(
            f"{where}: unbalanced or duplicated docgen markers "
            f"({len(begins)} × {BEGIN}, {len(ends)} × {END}); fix them by hand, then run again"
        )
    (start, after_begin), (before_end, stop) = begins[0], ends[0]
    old_sections = section_digests(body, after_begin, before_end)
    newline = "\r\n" if body.startswith("\r\n", after_begin - 2) else "\n"
    wrapped = _wrap(block) if newline == "\n" else _wrap(block).replace("\n", "\r\n")
    if _holds(body, start, stop, wrapped) or (
        "\r" in body and _normalized(body[start:stop]) == _normalized(wrapped)  # a mixed file, fresh once normalized
    ):
        return Composed(existing, old_sections, adoption=None)  # fresh: no second copy of a big document
    text = "".join((bom, body[:start], wrapped, body[stop:]))
    return Composed(text, old_sections, adoption=None)


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n")


def _holds(existing: str, start: int, stop: int, wrapped: str) -> bool:
    """Whether ``existing[start:stop]`` is exactly ``wrapped`` (compared in place, nothing copied)."""
    return stop - start == len(wrapped) and existing.startswith(wrapped, start)


def _wrap(block: str) -> str:
    return f"{BEGIN}\n{block}{END}\n"


def _marker_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) offsets of the lines that are the begin marker, and of those that are the end marker.

    A marker line is one whose stripped text is the marker, outside fenced code. Only the lines
    holding a marker or a fence are looked at: no list of every line of a big document.
    """
    spans: dict[str, list[tuple[int, int]]] = {BEGIN: [], END: []}
    marks = list(_MARKERS.finditer(text))
    fenced = fenced_spans(text) if marks else []
    fence_starts = [start for start, _ in fenced]
    for mark in marks:
        start = text.rfind("\n", 0, mark.start()) + 1
        stop = text.find("\n", mark.end()) + 1 or len(text)
        if text[start:stop].strip() != mark.group():
            continue
        inside = bisect.bisect_right(fence_starts, start) - 1
        if inside >= 0 and fenced[inside][0] < start < fenced[inside][1]:
            continue
        spans[mark.group()].append((start, stop))
    return spans[BEGIN], spans[END]


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each fenced code block: from its opening line to the end of its closing line.

    A fence is three or more backticks or tildes at the start of a line (up to
    three spaces in); it is closed by a line of the same character, at least as
    many, and nothing else; an unclosed fence runs to the end of the text.
    Fence runs are found by a literal search, not a per-line scan.
    """
    spans: list[tuple[int, int]] = []
    opening: tuple[int, str] | None = None  # (start of the opening line, its fence run)
    for run in _FENCE_RUNS.finditer(text):
        line_start = text.rfind("\n", 0, run.start()) + 1
        indent = text[line_start : run.start()]
        if len(indent) > 3 or indent.strip(" "):
            continue
        line_end = text.find("\n", run.end()) + 1 or len(text)
        fence = run.group()
        if opening is None:
            if fence[0] == "`" and "`" in text[run.end() : line_end]:
                continue  # an info string with a backtick: inline code, not a fence
            opening = (line_start, fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]) and not text[run.end() : line_end].strip():
            spans.append((opening[0], line_end))
            opening = None
    if opening is not None:
        spans.append((opening[0], len(text)))
    return spans
