"""Markdown text helpers: escaping for table cells and headings, anchors, tables without empty columns.

The escaping works in GitHub (CommonMark + GFM tables) and in Python-Markdown
(MkDocs) alike: characters both treat specially are backslash-escaped (``_`` only where
it could start or end emphasis), ``<``, ``>``, ``&`` and ``~`` become entities,
line breaks become ``<br>``.

Names also go where escaping for Markdown is not enough: into an HTML comment
(:func:`comment_text`, percent-encoded, so no name can close the comment or
break its line) and into a page's title (:func:`page_title`, HTML text in a
YAML front matter that MkDocs themes print as it is).

Anchors: a heading's own id (:func:`anchor`) is numbered by GitHub and MkDocs
when two headings slug alike, and shifts when one is added. So tables and
columns get explicit ids (``<a id="...">``) from :func:`table_anchor` and
:func:`column_anchor`: the same on GitHub and in MkDocs, distinct for distinct
names (``Users`` and ``users``, ``a/b`` and ``a\\b``), unchanged when other
tables come or go.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from urllib.parse import quote, unquote

# One pass over the text, so an entity written here is never escaped again.
# ``_`` between two letters or digits is never emphasis (CommonMark and
# Python-Markdown agree), so ``user_id`` stays readable in the raw file.
_SPECIAL = re.compile(r"\r\n|[\r\n&<>~\\`*\[\]|#]|(?<![^\W_])_|_(?![^\W_])")
_NOT_IN_ANCHOR = re.compile(r"[^\w\s-]", re.ASCII)
_SPACES = re.compile(r"\s+")
# A name made of these is its own id part; any other name is spelled by its slug plus a digest.
_PLAIN_NAME = re.compile(r"[a-z0-9_]+")
_NOT_IN_ID = re.compile(r"[^a-z0-9_]+")
_BACKTICK_RUNS = re.compile(r"`+")
_SECTION_MARK_LINE = re.compile(r"^(<!-- docgen:)", re.MULTILINE)
# A Markdown table's cell borders: a "|" at the line's start or after a space (escaped pipes follow a "\\").
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


# In escaped text: a span between two escaped backticks, on one line (a docstring's `name`).
_CODE_SPAN = re.compile(r"\\`([^`\n]+?)\\`")


def prose(text: object) -> str:
    """A description (a comment or docstring): escaped like :func:`escape`, its `code` spans shown as code.

    The span's text stays escaped (``<code>`` holds entities, never a tag), so it shows as written.
    """
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(text))


def anchor(heading: str) -> str:
    """The id GitHub and MkDocs both give a heading made of ``heading`` (ASCII names)."""
    return _SPACES.sub("-", _NOT_IN_ANCHOR.sub("", heading.strip().lower()))


def _id_part(name: str) -> str:
    """``name`` as part of an id: itself when plain lowercase ASCII, else its slug, ``-`` and 8 hex digits.

    A plain part never holds ``-`` or ``.``; a digested one always ends in ``-`` and
    its digest: so two names never give the same part.
    """
    if _PLAIN_NAME.fullmatch(name):
        return name
    slug = _NOT_IN_ID.sub("-", name.lower()).strip("-")
    return f"{slug or 'x'}-{hashlib.blake2b(name.encode(), digest_size=4).hexdigest()}"


def table_anchor(qualified_name: str) -> str:
    """The explicit id of a table's section in DATABASE_SCHEMA.md (``users-table``).

    It ends in ``-table``, which no id part ends in, and holds no ``.``: it is
    never a column's anchor, nor another table's.
    """
    return _id_part(qualified_name) + "-table"


def group_anchor(name: str) -> str:
    """The explicit id of a group's section in DATABASE_SCHEMA.md (``billing-group``): never a table's or a column's."""
    return _id_part(name) + "-group"


def column_anchor(qualified_name: str, column: str) -> str:
    """The explicit id of a column's row (``users.email``), the same in DATABASE_SCHEMA.md and on the page.

    The only ``.`` is the one between the parts, and heading ids never hold a ``.``.
    """
    return f"{_id_part(qualified_name)}.{_id_part(column)}"


def drop_empty_columns(table: str) -> str:
    """A Markdown table (header, delimiter, rows) without the columns that are empty in every row.

    Cells are read as docgen's templates write them: ``| a | b |``, with ``|``
    inside a cell escaped. Text before or after the table lines is kept.
    """
    lines = table.split("\n")
    rows = [i for i, line in enumerate(lines) if line.startswith("|")]
    if len(rows) < 2:
        return table
    # A border is the line's first ``|`` and each `` |`` after it (a ``|`` in a cell is escaped: ``\\|``);
    # a cell is split off without the space before its closing border, and written back with it.
    cells = {i: lines[i][1:].split(" |")[:-1] for i in rows}
    body = [cells[i] for i in rows[2:]]
    width = len(cells[rows[0]])
    keep = [c for c in range(width) if not body or any(len(row) > c and row[c].strip() for row in body)]
    if len(keep) == width:
        return table
    for i in rows:
        lines[i] = "|" + "|".join(cells[i][c] + " " for c in keep if c < len(cells[i])) + "|"
    return "\n".join(lines)


def fence_for(text: str) -> str:
    """A backtick code fence for ``text``: at least three, and longer than any run of backticks in it."""
    return "`" * max(3, 1 + max((len(run) for run in _BACKTICK_RUNS.findall(text)), default=0))


def code_block(text: str, language: str = "sql") -> str:
    """``text`` as a fenced code block: the fence longer than any backtick run in it, and no line
    starting like a docgen section mark (a leading space keeps the document's sections whole).

    The block is ``{.sql .no-copy}``: Material for MkDocs gives every copyable block an unnamed
    ``<nav>``, and two on a page are landmarks no screen reader can tell apart (axe: landmark-unique).
    """
    fence = fence_for(text)
    body = _SECTION_MARK_LINE.sub(r" \1", text.replace("\r\n", "\n").replace("\r", "\n"))
    return f"{fence}{{.{language} .no-copy}}\n{body}\n{fence}"


def comment_text(name: str) -> str:
    """``name`` percent-encoded where it could end an HTML comment or its line; :func:`from_comment_text` reverses it."""
    return _NOT_IN_COMMENT.sub(lambda m: quote(m.group(), safe=""), name)


def from_comment_text(text: str) -> str:
    """The name :func:`comment_text` encoded (a mark edited into bytes that are not UTF-8 names no table)."""
    return unquote(text)


def page_title(name: str) -> str:
    """``name`` as the value of a YAML front matter ``title``: a quoted scalar holding HTML text.

    MkDocs themes print a page's title into ``<title>`` and the navigation as HTML
    (Material's ``striptags`` would even turn the entities of an escaped heading
    back into tags), so the title is given explicitly, HTML-escaped, with every
    character YAML would not take as it is written as a character reference.
    """
    escaped = _NOT_IN_YAML.sub(lambda m: f"&#{ord(m.group())};", html.escape(name, quote=True))
    return f"'{escaped}'"
