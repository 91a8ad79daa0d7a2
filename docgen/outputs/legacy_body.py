"""Reading a legacy document: its headings, and what a table section's body holds.

A heading names a table once numbering, remarks, bold, backticks and the word
"table" are stripped (:func:`name_of_heading`); headings inside fenced code are
text. A section *documents columns* when it has a Markdown table whose first header
cell is ``Column``/``Name``/``Field``..., a bullet list of ``name (type)`` /
``name: type`` items, a ``Columns:`` line or a list of columns in a line. Its
prose is everything else: sub-headings moved below the notes file's table
level, a column table's Notes/Description cells kept as ``- `column`: note``
lines, column lists and emptied "Columns" sub-headings left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import fences

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[ivxIVX]+[.)])[ \t]+")
_REMARK = re.compile(r"[ \t]*(?:\([^()]*\)|\[[^\[\]]*\]|[—–-]+[ \t]+.*)$")
_BOLD = re.compile(r"^(\*\*|__)(.+)\1$")
_TABLE_WORD = re.compile(r"^(?:table[ \t]*:?[ \t]+)?(.*?)(?:[ \t]+table)?$", re.IGNORECASE)
_IDENTIFIER = re.compile(r"^[^\W\d]\w*(?:\$\w*)*(?:\.[^\W\d]\w*)?$")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_SQL_TYPE = (
    r"(?:big|small|tiny|medium)?(?:int|integer|serial)\d*|text|(?:var)?char(?:acter)?|string|str|bool(?:ean)?|"
    r"date|time|datetime|timestamp(?:tz)?|interval|uuid|jsonb?|float\d*|double|real|numeric|decimal|number|"
    r"bytea|blob|binary|enum|array|money|inet|bit|citext|vector|geometry|fk|pk"
)
_COLUMN_ITEM = re.compile(
    rf"^[ \t]*[-*+][ \t]+(?:\*\*|`)?[A-Za-z_]\w*(?:\*\*|`)?[ \t]*(?:\([ \t]*`?(?:{_SQL_TYPE})\b[^)]*\)|:[ \t]*`?(?:{_SQL_TYPE})\b)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_COLUMNS_LINE = re.compile(r"(?:\*\*|__)?\bcolumns?(?:\*\*|__)?[ \t]*:(?:\*\*|__)?", re.IGNORECASE)
_NAME_TYPE = r"`[^`\n]+`(?:[ \t]*\([^()\n]*\))?"
_INLINE_COLUMNS = re.compile(rf":[ \t]*(?:{_NAME_TYPE}[ \t]*,[ \t]*)+(?:and[ \t]+)?{_NAME_TYPE}[ \t]*\.?[ \t]*$")
_SENTENCE_END = re.compile(r".*[.!?](?=\s|$)")
_COLUMN_HEADERS = {"column", "columns", "column name", "name", "field", "fields", "field name", "attribute", "col"}
_NOTE_HEADERS = {"notes", "note", "description", "comment", "comments", "remarks", "meaning", "details"}
_FACT_CELL = re.compile(
    r"^(?:|-+|—|pk|primary key|fk\b.*|foreign key\b.*|references\b.*|→.*|unique|uq|not null|nullable|null|"
    r"required|optional|indexed|index|auto[ -]?increment|serial|(?:pk|fk|unique|not null)(?:\s*,\s*(?:pk|fk\b[^,]*|unique|not null))+)$",
    re.IGNORECASE,
)
STRUCTURE_HEADINGS = {
    "columns", "fields", "attributes", "indexes", "indices", "foreign keys", "constraints", "keys",
    "relations", "relationships", "references", "referenced by", "check constraints", "unique constraints",
}  # fmt: skip


@dataclass(frozen=True)
class Heading:
    index: int  # line index
    level: int
    text: str  # the heading's text
    written: str  # the whole heading line as written, "#" marks included
    name: str | None  # the identifier it names once decorations are stripped, or None
    marked: bool  # written like a table name: backticks, bold or the word "table"


def headings(lines: list[str]) -> list[Heading]:
    """The ATX headings of ``lines`` outside fenced code."""
    headings = []
    fence: str | None = None
    for index, line in enumerate(lines):
        bare = line.rstrip("\r\n")
        if fence is not None:
            if fences.closes(bare, fence):
                fence = None
            continue
        if (fence := fences.opening(bare)) is not None:
            continue
        match = HEADING.match(bare)
        if match:
            name, marked = name_of_heading(match.group(2))
            headings.append(Heading(index, len(match.group(1)), match.group(2).strip(), bare.strip(), name, marked))
    return headings


def name_of_heading(text: str) -> tuple[str | None, bool]:
    """(the identifier a heading names once numbering, remarks, bold, backticks and "table" are stripped,
    or None; whether it was written like a table name)."""
    name = _NUMBERING.sub("", text.strip())
    marked = False
    for _ in range(3):  # decorations nest: **`orders` table** (deprecated)
        before = name
        name = _REMARK.sub("", name).strip()
        bold = _BOLD.match(name)
        if bold:
            name, marked = bold.group(2).strip(), True
        if name.startswith("`") and name.endswith("`") and len(name) > 2:
            name, marked = name.strip("`").strip(), True
        worded = _TABLE_WORD.match(name).group(1).strip()  # type: ignore[union-attr]
        if worded != name and worded:
            name, marked = worded, True
        if "`" in name and name.count("`") == 2:
            name, marked = name.replace("`", "").strip(), True
        if name == before:
            break
    return (name if _IDENTIFIER.match(name) else None), marked


def documents_columns(body: list[str]) -> str | None:
    """What in ``body`` documents columns ("a column table", ...), or None."""
    stripped = [line.rstrip("\r\n") for line in body]
    for first, second in zip(stripped, stripped[1:]):
        if _TABLE_ROW.match(first) and _DELIMITER_ROW.match(second):
            cell = first.strip().strip("|").split("|")[0].strip().strip("*_`").strip().lower()
            if cell in _COLUMN_HEADERS:
                return "a column table"
    items = sum(1 for line in stripped if _COLUMN_ITEM.match(line))
    bullets = sum(1 for line in stripped if _BULLET.match(line))
    if items >= 2 or (items and items == bullets):
        return "a list of columns"
    if any(_COLUMNS_LINE.search(line) for line in stripped):
        return "a Columns: line"
    if any(_INLINE_COLUMNS.search(line) for line in stripped):
        return "a list of columns in a line"
    return None


def _without_column_list(line: str) -> str | None:
    """``line`` without the list of columns it ends with ("Columns: `id`, ...", "Sessions: `id`, `minutes` (int).").

    What comes before the list is kept up to its last full sentence (a bare
    label like "Sessions" goes with its list). None when the line has no such list.
    """
    found = _COLUMNS_LINE.search(line) or _INLINE_COLUMNS.search(line)
    if found is None:
        return None
    before = _SENTENCE_END.match(line[: found.start()])
    return before.group().rstrip() if before else ""


def section_prose(body: list[str], level: int) -> str:
    """The hand-written prose of a table section's ``body``: all but its column tables and column lists.

    Sub-headings keep their text, moved to level 3 and below (the notes file
    uses level 2 for tables); "Columns"-like sub-headings left empty go.
    """
    out: list[str] = []
    lines = [line.rstrip("\r\n") for line in body]
    column_list = documents_columns(lines) == "a list of columns"
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        opened = fences.opening(line) if fence is None else None
        if fence is not None or opened is not None:
            fence = opened if fence is None else (None if fences.closes(line, fence) else fence)
            out.append(line)
            index += 1
            continue
        if _TABLE_ROW.match(line) and index + 1 < len(lines) and _DELIMITER_ROW.match(lines[index + 1]):
            end = index + 2
            while end < len(lines) and _TABLE_ROW.match(lines[end]):
                end += 1
            if documents_columns(lines[index : index + 2]) != "a column table":
                out.extend(lines[index:end])
            else:
                out.extend(_column_notes(lines[index:end]))
            index = end
            continue
        if column_list and _COLUMN_ITEM.match(line):
            index += 1
            continue
        shortened = _without_column_list(line)
        heading = HEADING.match(line)
        if heading:
            line = "#" * min(6, max(3, len(heading.group(1)) - level + 2)) + " " + heading.group(2)
        if shortened is None:
            out.append(line)
        elif shortened:
            out.append(shortened)
        index += 1
    return _squeeze_blank_lines(_drop_empty_structure("\n".join(out))).strip()


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _column_notes(table: list[str]) -> list[str]:
    """The ``- `column`: note`` lines kept from an old column table's Notes/Description column.

    Cells that only restate a fact docgen shows itself (PK, FK ..., unique, nullable) are left out.
    """
    header = [cell.strip("*_` ").lower() for cell in _cells(table[0])]
    wanted = [i for i, cell in enumerate(header) if cell in _NOTE_HEADERS]
    notes = []
    for row in table[2:]:
        cells = _cells(row)
        name = cells[0].strip("*_` ") if cells else ""
        for i in wanted:
            cell = cells[i] if i < len(cells) else ""
            if name and not _FACT_CELL.match(cell):
                notes.append(f"- `{name}`: {cell}")
    return notes


def _squeeze_blank_lines(text: str) -> str:
    """Runs of blank lines left where column tables were become one (fenced code stays as it is)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        fence = fences.opening(line) if fence is None else (None if fences.closes(line, fence) else fence)
        if fence is None and not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return "\n".join(out)


def _drop_empty_structure(text: str) -> str:
    """Remove sub-headings like "Columns" whose content was the column table (now empty)."""
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading and heading.group(2).strip("*_` ").lower() in STRUCTURE_HEADINGS:
            rest = next((later for later in lines[index + 1 :] if later.strip()), None)
            if rest is None or HEADING.match(rest):
                continue
        out.append(line)
    return "\n".join(out)
