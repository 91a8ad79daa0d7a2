"""Markdown text helpers: escaping for table cells and headings, and heading anchors.

The escaping works in GitHub (CommonMark + GFM tables) and in Python-Markdown
(MkDocs) alike: characters both treat specially are backslash-escaped (``_`` only where
it could start or end emphasis), ``<``,
``>`` and ``&`` become entities, line breaks become ``<br>``.
"""

from __future__ import annotations

import re

# ``_`` between two letters or digits is never emphasis (CommonMark and Python-Markdown agree),
# so ``user_id`` stays readable in the raw file; every other ``_`` is escaped.
_BACKSLASHED = re.compile(r"([\\`*\[\]|#]|(?<![^\W_])_|_(?![^\W_]))")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_ENTITY_RE = re.compile("[&<>~]")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# Matches wherever one of the three substitutions above would: text without a match is returned as is
# (most names, types and comments), which saves three regex passes per table cell.
_ANY_SPECIAL = re.compile("|".join((_ENTITY_RE.pattern, _BACKSLASHED.pattern, r"[\r\n]")))


def escape(text: object) -> str:
    """Escape ``text`` so it shows literally inside a Markdown table cell or heading."""
    if text is None:
        return ""
    s = str(text).strip()
    if not _ANY_SPECIAL.search(s):
        return s
    s = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], s)
    s = _BACKSLASHED.sub(r"\\\1", s)
    return _NEWLINES.sub("<br>", s)


def anchor(heading: str) -> str:
    """The id GitHub and MkDocs both give a heading made of ``heading`` (ASCII names)."""
    slug = re.sub(r"[^\w\s-]", "", heading.strip().lower(), flags=re.ASCII)
    return re.sub(r"\s+", "-", slug)
