"""Fenced code blocks, by CommonMark's rules: the one reader for notes, the document's markers and legacy headings.

A fence opens with a run of three or more backticks or tildes, indented at
most three spaces (a tab is four columns: not a fence); a backtick fence's
info string may not contain a backtick (```` ```js`x ```` is text). It is
closed by a run of the same character at least as long as the opening one,
indented at most three spaces and followed by nothing but spaces and tabs. A
fence never closed runs to the end of the document. (Fences inside block
quotes and list items are not followed: docgen's files put none there.)
"""

from __future__ import annotations

import re

_RUN = re.compile(r" {0,3}(`{3,}|~{3,})")


def opening(line: str) -> str | None:
    """The fence run (```` ``` ````, ``~~~~``, ...) when ``line`` opens a fenced code block, else None."""
    match = _RUN.match(line)
    if not match:
        return None
    run = match.group(1)
    if run[0] == "`" and "`" in line[match.end():]:
        return None
    return run


def closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes the block opened by ``fence``."""
    match = _RUN.match(line)
    return bool(match) and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
        and not line[match.end():].strip(" \t\r\n")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each fenced code block of ``text``: its opening line to the end of its closing
    line (the end of the text when never closed). Fence runs are found by a literal search, not line by line."""
    closed, unclosed = _scan(text)
    return closed + ([(unclosed, len(text))] if unclosed is not None else [])


def unclosed_line(text: str) -> int | None:
    """The line number (from 1) of the fence in ``text`` that is never closed, or None."""
    unclosed = _scan(text)[1]
    return None if unclosed is None else text.count("\n", 0, unclosed) + 1


def _scan(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """(the closed blocks' spans, the start of a block never closed or None)."""
    found: list[tuple[int, int]] = []
    fence: str | None = None
    start = 0
    for run_start, run_end in _runs(text):
        line_start = text.rfind("\n", 0, run_start) + 1
        if run_start - line_start > 3:
            continue
        line_end = text.find("\n", run_end) + 1 or len(text)
        line = text[line_start:line_end]
        if fence is None:
            fence = opening(line)
            start = line_start
        elif closes(line, fence):
            found.append((start, line_end))
            fence = None
    return found, (start if fence is not None else None)


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of three or more backticks or tildes, in order. ``str.find`` skips the text
    between them several times faster than a regular expression scans it: a document of 1,000 tables is
    megabytes with a few dozen runs."""
    found = []
    for mark in ("```", "~~~"):
        at = text.find(mark)
        while at != -1:
            end = at + 3
            while end < len(text) and text[end] == mark[0]:
                end += 1
            found.append((at, end))
            at = text.find(mark, end)
    return sorted(found)
