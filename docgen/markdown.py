"""Markdown text helpers: escaping for table cells and headings, and heading anchors.

The escaping works in GitHub (CommonMark + GFM tables) and in Python-Markdown
(MkDocs) alike: characters both treat specially are backslash-escaped (``_`` only where
it could start or end emphasis), ``<``, ``>``, ``&`` and ``~`` become entities,
line breaks become ``<br>``.

Names also go where escaping for Markdown is not enough: into an HTML comment
(:func:`comment_text`, percent-encoded, so no name can close the comment or
break its line) and into a page's title (:func:`page_title`, HTML text in a
YAML front matter that MkDocs themes print as it is).
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import quote, unquote

# One pass over the text, so an entity written here is never escaped again.
# ``_`` between two letters or digits is never emphasis (CommonMark and
# Python-Markdown agree), so ``user_id`` stays readable in the raw file.
_SPECIAL = re.compile(r"\r\n|[\r\n&<>~\\`*\[\]|#]|(?<![^\W_])_|_(?![^\W_])")
_NOT_IN_ANCHOR = re.compile(r"[^\w\s-]", re.ASCII)
_SPACES = re.compile(r"\s+")
# Characters that could end an HTML comment or its line ("-->", "--!>", "<!--"), and "%" itself.
_NOT_IN_COMMENT = re.compile(r"[%<>&\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Characters YAML does not allow as they are (or takes for line breaks), lone surrogates included.
_NOT_IN_YAML = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
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


def comment_text(name: str) -> str:
    """``name`` percent-encoded where it could end an HTML comment or its line; :func:`from_comment_text` reverses it."""
    return _NOT_IN_COMMENT.sub(lambda m: quote(m.group(), safe="", errors="surrogatepass"), name)


def from_comment_text(text: str) -> str:
    """The name :func:`comment_text` encoded."""
    return unquote(text, errors="surrogatepass")


def page_title(name: str) -> str:
    """``name`` as the value of a YAML front matter ``title``: a quoted scalar holding HTML text.

    MkDocs themes print a page's title into ``<title>`` and the navigation as HTML
    (Material's ``striptags`` would even turn the entities of an escaped heading
    back into tags), so the title is given explicitly, HTML-escaped, with every
    character YAML would not take as it is written as a character reference.
    """
    escaped = _NOT_IN_YAML.sub(lambda m: f"&#{ord(m.group())};", html.escape(name, quote=True))
    return f"'{escaped}'"
