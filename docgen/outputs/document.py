"""DATABASE_SCHEMA.md as a document docgen shares with people.

docgen owns only the text between ``<!-- docgen:begin -->`` and
``<!-- docgen:end -->``; everything outside stays byte for byte, each line
with its own line ending (the generated block takes the begin marker line's).
Markers inside fenced code blocks are text; a UTF-8 byte order mark at the
start of the file is kept.

A file without markers is a *legacy* hand-written doc: :mod:`docgen.legacy`
finds its table sections; they are replaced by the generated block, placed
where the first of them stood, and the prose around them is kept. One with a
line that means a marker but is not one (``<!--docgen:begin-->``, upper case)
is refused: it would get a second block.

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

from .. import fences
from ..errors import UsageError
from . import markdown
from .legacy import Adoption

BEGIN = "<!-- docgen:begin -->"
END = "<!-- docgen:end -->"
BOM = "\ufeff"
# Searched for as literals (fast), then kept only where they start a line: no "^" in the patterns.
_TABLE_MARKS = re.compile(r"<!-- docgen:table (.+?) -->\r?$\n?", re.MULTILINE)  # CRLF checkouts too
_MARKERS = re.compile(f"{re.escape(BEGIN)}|{re.escape(END)}")
_VARIANTS = re.compile(r"<!--\s*docgen\s*:\s*(?:begin|end)\s*-->", re.IGNORECASE)  # what a person may write

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
        yield markdown.from_comment_text(mark.group(1)), text[mark.end() : following.start() if following else end]


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
    if adoption is not None:
        _refuse_marker_variants(existing, where)
    composed = _composed(existing, block, where, adoption)
    _refuse_unreadable(existing, composed.text, where)
    return composed


def _refuse_unreadable(existing: str, text: str, where: str) -> None:
    """Never write what the next run cannot read: the new text must show its one block outside fenced code."""
    begins, ends = _marker_lines(text.removeprefix(BOM))
    if len(begins) == 1 and len(ends) == 1 and begins[0] < ends[0]:
        return
    line = fences.unclosed_line(existing)
    if line is not None:
        raise UsageError(f"{where}, line {line}: a code fence that is never closed (docgen's block would land "
                         "inside it): close it, then run again")
    raise UsageError(f"{where}: docgen's block would not be readable where it goes; fix the document by hand")


def _composed(existing: str, block: str, where: str, adoption: Adoption | None) -> Composed:
    bom = BOM if existing.startswith(BOM) else ""
    if adoption is not None:
        return Composed(bom + adoption.compose(_wrap(block)), adoption.old_sections, adoption)
    body = existing[len(bom):] if bom else existing  # copied only when there is a mark
    begins, ends = _marker_lines(body)
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        _refuse_marker_variants(body, where)
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
    for mark, line in _lines_of(text, _MARKERS):
        spans[mark.group()].append(line)
    return spans[BEGIN], spans[END]


def _refuse_marker_variants(text: str, where: str) -> None:
    """A document without docgen's markers but with a line that means one (``<!--docgen:begin-->``, upper
    case) is refused: taken as a legacy document, it would get a second block."""
    for mark, (start, _) in _lines_of(text, _VARIANTS):
        if mark.group() in (BEGIN, END):
            continue
        raise UsageError(f"{where}, line {text.count(chr(10), 0, start) + 1}: {mark.group()!r} is not docgen's "
                         f"marker: write it exactly {BEGIN if 'begin' in mark.group().lower() else END}")


def _lines_of(text: str, pattern: re.Pattern) -> Iterator[tuple[re.Match, tuple[int, int]]]:
    """Each match of ``pattern`` alone on its line outside code (fenced, or indented four spaces or a tab),
    with the (start, end) offsets of its line."""
    marks = list(pattern.finditer(text))
    fenced = fences.spans(text) if marks else []
    fence_starts = [start for start, _ in fenced]
    for mark in marks:
        start = text.rfind("\n", 0, mark.start()) + 1
        stop = text.find("\n", mark.end()) + 1 or len(text)
        line = text[start:stop]
        if line.strip() != mark.group() or len(line) - len(line.lstrip(" ")) > 3 or line.startswith("\t"):
            continue
        inside = bisect.bisect_right(fence_starts, start) - 1
        if not (inside >= 0 and fenced[inside][0] < start < fenced[inside][1]):
            yield mark, (start, stop)
