"""Markdown text helpers: escaping for table cells and headings, and heading anchors.

The escaping works in GitHub (CommonMark + GFM tables) and in Python-Markdown
(MkDocs) alike: characters both treat specially are backslash-escaped (``_`` only where
it could start or end emphasis), ``<``, ``>``, ``&`` and ``~`` become entities,
line breaks become ``<br>``.
"""

from __future__ import annotations

import functools
import re

# One pass over the text, so an entity written here is never escaped again.
# ``_`` between two letters or digits is never emphasis (CommonMark and
# Python-Markdown agree), so ``user_id`` stays readable in the raw file.
_SPECIAL = re.compile(r"\r\n|[\r\n&<>~\\`*\[\]|#]|(?<![^\W_])_|_(?![^\W_])")
_NOT_IN_ANCHOR = re.compile(r"[^\w\s-]", re.ASCII)
_SPACES = re.compile(r"\s+")
_REPLACEMENTS = {"\r\n": "<br>", "\r": "<br>", "\n": "<br>", "&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}


def escape(text: object) -> str:
    """Escape ``text`` so it shows literally inside a Markdown table cell or heading."""
    if text is None:
        return ""
    return _escaped(str(text))


@functools.cache  # a name, type or comment is escaped once, however often it is shown
def _escaped(text: str) -> str:
    return _SPECIAL.sub(_replace, text.strip())


def _replace(match: re.Match) -> str:
    char = match.group()
    return _REPLACEMENTS.get(char) or "\\" + char


def anchor(heading: str) -> str:
    """The id GitHub and MkDocs both give a heading made of ``heading`` (ASCII names)."""
    return _SPACES.sub("-", _NOT_IN_ANCHOR.sub("", heading.strip().lower()))
