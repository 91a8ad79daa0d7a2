"""DATABASE_SCHEMA.md as a document docgen shares with people.

docgen owns only the text between ``<!-- docgen:begin -->`` and
``<!-- docgen:end -->``; everything outside stays byte for byte. A file
without markers is a *legacy* hand-written doc: its table sections (headings
naming a table, see :func:`table_name_of_heading`) are replaced by the
generated block, placed where the first of them stood, and the prose around
them is kept. Every section taken out is returned so it can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError

BEGIN = "<!-- docgen:begin -->"
END = "<!-- docgen:end -->"
_TABLE_MARK = re.compile(r"^<!-- docgen:table (.+) -->$")
_HEADING = re.compile(r"^(#{2,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NUMBERING = re.compile(r"^\d+[.)]\s*")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$")
_TABLE_WORD = re.compile(r"^(?:table:?\s+)?(.*?)(?:\s+table)?$", re.IGNORECASE)

NEW_DOCUMENT_TITLE = "# Database schema\n\n"


@dataclass(frozen=True)
class Composed:
    text: str
    old_sections: dict[str, str]  # table name -> its documentation before this build
    adopted: bool  # True when a legacy (marker-less) document was taken over


def split_sections(block: str) -> dict[str, str]:
    """Table name -> section text, for a generated block (split at ``docgen:table`` marks)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []  # text before the first mark belongs to no table
    for line in block.splitlines(keepends=True):
        mark = _TABLE_MARK.match(line.rstrip("\n"))
        if mark:
            current = sections.setdefault(mark.group(1), [])
        else:
            current.append(line)
    return {name: "".join(lines) for name, lines in sections.items()}


def compose(existing: str | None, block: str, known_tables: set[str], where: str) -> Composed:
    """The full text of the document with ``block`` as its generated part."""
    wrapped = f"{BEGIN}\n{block}{END}\n"
    if existing is None:
        return Composed(NEW_DOCUMENT_TITLE + wrapped, {}, adopted=False)
    lines = existing.splitlines(keepends=True)
    begins = [i for i, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if not begins and not ends:
        return _adopt(lines, wrapped, known_tables)
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        raise UsageError(
            f"{where}: unbalanced or duplicated docgen markers "
            f"({len(begins)} × {BEGIN}, {len(ends)} × {END}); fix them by hand, then run again"
        )
    start, stop = begins[0], ends[0]
    old_block = "".join(lines[start + 1 : stop])
    text = "".join(lines[:start]) + wrapped + "".join(lines[stop + 1 :])
    return Composed(text, split_sections(old_block), adopted=False)


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
    return Composed(text, sections, adopted=True)
