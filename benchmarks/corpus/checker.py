"""The corpus's independent checker: is every fact SQLAlchemy reports in the generated Markdown?

It shares no code with docgen (it never imports it): the facts come from the
``MetaData`` and from the dialect's own DDL compiler, the Markdown is parsed
here with plain line parsing. A fact is found only in its own table's section
(the heading that names the table, up to the next heading of the same level):

- the table itself, and each column with its type as the dialect's DDL spells it
  (``dialect.type_compiler_instance.process(type, type_expression=column)``, the
  call ``CREATE TABLE`` makes — so a non-native ``Enum`` is its ``VARCHAR(n)``)
  and its nullability, in that column's row. A type the dialect cannot spell
  (MySQL: ``String()`` without a length) makes a table it cannot create: the
  column must show the declared (generic) spelling and is listed as
  ``uncreatable``, as is a MySQL key on a TEXT / BLOB / JSON column without a length;
- foreign keys with the referenced table and columns, ON DELETE and ON UPDATE;
- UNIQUE and CHECK constraints (table- and column-level, type-bound ones) that
  ``CREATE TABLE`` on the dialect emits: a constraint counts when the compiler's
  rendering of it is part of the table's DDL;
- indexes (name, unique) that the dialect creates, with the ``WHERE`` of
  ``CREATE INDEX``; on MySQL an index with key-part lengths, ``FULLTEXT`` /
  ``SPATIAL`` or a parser (``mysql_length``, ``mysql_prefix``,
  ``mysql_with_parser``) with its whole ``CREATE INDEX``, and ``mysql_using``'s method;
- table and column comments;
- and the other way round: every row of a "Check constraints" table is a CHECK
  the dialect creates (a type's CHECK for another dialect is a false fact), every
  row of an "Indexes" table an index it creates (``ddl_if``).

SQL and comments are compared with runs of white space collapsed. Run as a
script inside a case's venv (``python checker.py MODULE:ATTR MARKDOWN
--dialect NAME``) it prints a JSON summary; ``check(metadata, dialect, text)``
is the library form.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.schema import CreateIndex, CreateTable

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# An empty HTML anchor (``<a id="users.email"></a>``) shows nothing: a reader does not see it.
_EMPTY_ANCHOR = re.compile(r'<a\s+(?:id|name)="[^"<>]*"\s*>\s*</a>', re.IGNORECASE)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SPACE = re.compile(r"\s+")


@dataclass
class Grid:
    """A Markdown table: the heading it is under (lower case), its header cells (lower case), its rows."""

    heading: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    """One table's part of the Markdown: its prose lines and its Markdown tables (header, rows)."""

    lines: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)

    def text(self) -> str:
        return squash(" ".join(unescape(line) for line in self.lines))

    def rows(self, under: str) -> list[tuple[list[str], list[str]]]:
        """Rows (with their table's header) of the tables under a sub-heading containing ``under``."""
        return [(g.header, row) for g in self.grids if under in g.heading for row in g.rows]


@dataclass
class Result:
    total: int = 0
    missing: list[str] = field(default_factory=list)
    uncreatable: list[str] = field(default_factory=list)  # columns whose type the dialect cannot spell

    @property
    def found(self) -> int:
        return self.total - len(self.missing)

    def expect(self, ok: bool, what: str) -> None:
        self.total += 1
        if not ok:
            self.missing.append(what)


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def unescape(text: str) -> str:
    """What a Markdown cell or heading shows: escapes, entities and ``<br>`` undone, empty anchors dropped."""
    text = _EMPTY_ANCHOR.sub("", _BREAK.sub("\n", text))
    text = _BACKSLASH_ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def sections(markdown: str) -> dict[str, Section]:
    """Sections by heading text; where a heading text repeats, the outermost one wins.

    A sub-heading that starts with its table's name ("checkins: Columns") is read without it.
    """
    found: dict[str, tuple[int, Section]] = {}
    open_: list[tuple[int, Section, str]] = []
    in_fence = False
    grid: Grid | None = None
    heading = ""
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            level = len(match.group(1))
            open_ = [(lvl, s, n) for lvl, s, n in open_ if lvl < level]
            section = Section()
            name = squash(unescape(match.group(2)))
            heading = name.lower()
            for _, _, outer in open_:
                heading = heading.removeprefix(outer.lower() + ": ")
            open_.append((level, section, name))
            if name not in found or found[name][0] > level:
                found[name] = (level, section)
            grid = None
            continue
        cells = _cells(line) if not in_fence else None
        for _, section, _ in open_:
            section.lines.append(line)
        if cells is None:
            grid = None
        elif grid is None:
            grid = Grid(heading, [c.lower() for c in cells])
            for _, section, _ in open_:
                section.grids.append(grid)
        elif not all(set(c) <= set("-: ") for c in cells):
            grid.rows.append(cells)
    return {name: section for name, (_, section) in found.items()}


def _cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not stripped.startswith("|"):
        return None
    parts = _CELL_SPLIT.split(stripped)[1:]
    if parts and parts[-1].strip() == "":
        parts = parts[:-1]
    return [squash(_LINK.sub(r"\1", unescape(p))) for p in parts]


def _cell(header: list[str], row: list[str], title: str) -> str | None:
    return row[header.index(title)] if title in header and header.index(title) < len(row) else None


def _names(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(",")]


def dialect_named(name: str | None) -> sa.engine.Dialect:
    if not name:
        return StrCompileDialect()
    loaded = sa.dialects.registry.load(name)
    return loaded if isinstance(loaded, sa.engine.Dialect) else loaded()  # "mariadb" loads as an instance


def check(metadata: sa.MetaData, dialect: sa.engine.Dialect, markdown: str) -> Result:
    """Every fact of every table in ``metadata`` looked up in its section of ``markdown``."""
    result = Result()
    by_heading = sections(markdown)
    for table in sorted(metadata.tables.values(), key=lambda t: (t.schema or "", t.name)):
        qualified = f"{table.schema}.{table.name}" if table.schema else table.name
        section = by_heading.get(qualified)
        result.expect(section is not None, f"{qualified}: table section")
        _check_table(table, qualified, section or Section(), dialect, result)
    return result


def _table_ddl(table: sa.Table, dialect) -> tuple[sa.sql.compiler.DDLCompiler, str | None]:
    """The DDL compiler with ``CREATE TABLE``'s text; None for a table the dialect cannot create."""
    try:
        ddl = CreateTable(table, include_foreign_key_constraints=[]).compile(dialect=dialect)
    except sa.exc.CompileError:  # the column is listed as uncreatable
        return dialect.ddl_compiler(dialect, None), None
    return ddl, squash(str(ddl))


def _check_table(table: sa.Table, qualified: str, section: Section, dialect, result: Result) -> None:
    ddl, ddl_text = _table_ddl(table, dialect)
    prose = section.text()
    if table.comment:
        result.expect(squash(table.comment) in prose, f"{qualified}: table comment")
    for column in table.columns:
        _check_column(column, qualified, section.rows("columns"), ddl, result)
    for fk in sorted(table.foreign_key_constraints, key=lambda fk: [e.parent.name for e in fk.elements]):
        _check_foreign_key(fk, qualified, section.rows("foreign"), result)
    conditions = set()
    emitted = _emitted(table, ddl, ddl_text)
    for body, constraint in emitted:
        if isinstance(constraint, sa.CheckConstraint):
            condition = body.split("CHECK (", 1)[1].rsplit(")", 1)[0]
            conditions.add(condition)
            result.expect(_shows_check(condition, section), f"{qualified}: CHECK ({condition})")
        else:
            columns = [c.name for c in constraint.columns]
            result.expect(_has_unique(columns, section), f"{qualified}: UNIQUE ({', '.join(columns)})")
    for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
        _check_index(index, qualified, section.rows("index"), ddl, result)
    if dialect.name in ("mysql", "mariadb"):
        _refused_keys(table, qualified, [c for _, c in emitted if isinstance(c, sa.UniqueConstraint)], ddl, result)
    for header, row in section.rows("check"):  # and nothing the dialect does not create
        shown = _cell(header, row, "condition") or row[-1]
        result.expect(shown in conditions, f"{qualified}: CHECK shown but not created: {shown}")
    created = {str(index.name) for index in table.indexes if _created(index, ddl)}
    for _, row in section.rows("index"):
        result.expect(row[0] in created, f"{qualified}: index shown but not created: {row[0]}")


def _emitted(table: sa.Table, ddl, ddl_text: str | None) -> list[tuple[str, sa.Constraint]]:
    """UNIQUE and CHECK constraints (table- and column-level) as ``CREATE TABLE`` on the dialect emits them
    (without its text, those the compiler renders)."""
    emitted = []
    for constraint in table.constraints | {c for col in table.columns for c in col.constraints}:
        if not isinstance(constraint, (sa.UniqueConstraint, sa.CheckConstraint)):
            continue
        if not constraint._should_create_for_compiler(ddl):
            continue  # conditional DDL (``ddl_if``, a type's create rule) that skips this dialect
        body = squash(ddl.process(constraint))
        if body and (ddl_text is None or body in ddl_text):
            emitted.append((body, constraint))
    return sorted(emitted, key=lambda pair: pair[0])


_UNKEYABLE = re.compile(r"((TINY|MEDIUM|LONG)?(TEXT|BLOB)|JSON)\b")


def _refused_keys(table: sa.Table, qualified: str, uniques: list, ddl, result: Result) -> None:
    """MySQL refuses a key on a TEXT / BLOB / JSON column without a key-part length, and with it the table or
    index: listed as uncreatable. MariaDB (10.11) refuses the primary key, makes an index a prefix or hash one."""
    keys = [("primary key", table.primary_key.columns, None)]
    keys += [(f"UNIQUE {c.name or ''}".strip(), c.columns, None) for c in uniques]
    keys += [(f"index {ix.name}", [e for e in ix.expressions if isinstance(e, sa.Column)],
              ix.dialect_options["mysql"]["length"]) for ix in table.indexes if _created(ix, ddl)]
    for what, columns, length in keys:
        for column in (c for c in columns if not isinstance(length, int) and c.name not in (length or {})):
            try:
                spelled = ddl.dialect.type_compiler_instance.process(column.type, type_expression=column)
            except Exception:
                continue  # already listed: the table cannot be created at all
            if _UNKEYABLE.match(spelled):
                mariadb = "MariaDB too" if what == "primary key" else "MariaDB indexes a prefix or hash"
                result.uncreatable.append(f"{qualified}: {what} on {column.name} {spelled} (a TEXT / BLOB / JSON "
                                          f"key part without a length: MySQL refuses it; {mariadb})")


def _check_column(column: sa.Column, qualified: str, rows, ddl, result: Result) -> None:
    where = f"{qualified}.{column.name}"
    header, cells = next(((h, r) for h, r in rows if r and r[0] == column.name), ([], []))
    result.expect(bool(cells), f"{where}: column row")
    try:
        spelled = squash(ddl.dialect.type_compiler_instance.process(column.type, type_expression=column))
    except Exception as exc:  # the dialect cannot spell it, nor create the table: the declared type
        spelled = squash(StrCompileDialect().type_compiler_instance.process(column.type, type_expression=column))
        reason = "no compilation handler" if isinstance(exc, sa.exc.UnsupportedCompilationError) else str(exc)
        result.uncreatable.append(f"{where}: {spelled} ({reason})")
    type_cell = _cell(header, cells, "type") or ""
    result.expect(_shows_type(spelled, type_cell), f"{where}: type {spelled}")
    nullable = _cell(header, cells, "nullable")
    result.expect(nullable == ("yes" if column.nullable else "no"), f"{where}: nullable {bool(column.nullable)}")
    if column.comment:
        result.expect(squash(column.comment) in " ".join(cells), f"{where}: comment")


def _shows_type(spelled: str, cell: str) -> bool:
    """The spelling as a whole word of the cell (``INTEGER`` is not in ``INTEGER[]`` nor ``BIGINTEGER``)."""
    return re.search(rf"(?<![\w\[.]){re.escape(spelled)}(?![\w\[(.])", cell) is not None


def _shows_check(condition: str, section: Section) -> bool:
    """A cell that is the condition, or holds ``CHECK (condition)``, in any table of the section."""
    cells = (cell for grid in section.grids for row in grid.rows for cell in row)
    return any(cell == condition or f"CHECK ({condition})" in cell for cell in cells)


def _check_foreign_key(fk: sa.ForeignKeyConstraint, qualified: str, rows, result: Result) -> None:
    columns = [e.parent.name for e in fk.elements]
    targets = [e.target_fullname.rsplit(".", 1) for e in fk.elements]
    reference = f"{targets[0][0]}({', '.join(column for _, column in targets)})"
    what = f"{qualified}: FK ({', '.join(columns)}) -> {reference}"
    row = next((r for h, r in rows if r and _names(r[0]) == columns and reference in " ".join(r)), None)
    result.expect(row is not None, what)
    for action in ("ondelete", "onupdate"):
        value = getattr(fk, action)
        if value:
            shown = [cell.upper() for cell in row or ()]
            result.expect(value.upper() in shown, f"{what}: {action} {value}")


def _has_unique(columns: list[str], section: Section) -> bool:
    """A UNIQUE constraint's row, or for one column the ``UQ`` mark in its Key cell."""
    if any(_names(_cell(h, r, "columns") or "") == columns for h, r in section.rows("unique")):
        return True
    return len(columns) == 1 and any(
        r and r[0] == columns[0] and "UQ" in (_cell(h, r, "key") or "").split()
        for h, r in section.rows("columns")
    )


def _created(index: sa.Index, ddl) -> bool:
    """Whether the dialect creates the index (``ddl_if``)."""
    conditional = getattr(index, "_ddl_if", None)
    return conditional is None or conditional._should_execute(CreateIndex(index), index, None, compiler=ddl)


def _check_index(index: sa.Index, qualified: str, rows, ddl, result: Result) -> None:
    if not _created(index, ddl):
        return
    statement = CreateIndex(index)
    what = f"{qualified}: index {index.name}"
    try:
        created = squash(str(statement.compile(dialect=ddl.dialect)))
    except sa.exc.SQLAlchemyError as exc:  # e.g. a name too long for the dialect: CREATE INDEX would fail too
        created = ""
        print(f"checker: {what}: CREATE INDEX does not compile ({type(exc).__name__}: {exc})", file=sys.stderr)
    header, row = next(((h, r) for h, r in rows if r and r[0] == index.name), ([], []))
    result.expect(bool(row), what)
    if not row:
        return
    unique = _cell(header, row, "unique")
    result.expect(unique == ("yes" if index.unique else "no"), f"{what}: unique {bool(index.unique)}")
    if " WHERE " in created:
        condition = created.split(" WHERE ", 1)[1]
        result.expect(condition in " ".join(row), f"{what}: WHERE {condition}")
    if ddl.dialect.name in ("mysql", "mariadb"):
        _check_mysql_options(index, created, what, " ".join(row), result)


def _check_mysql_options(index: sa.Index, created: str, what: str, shown: str, result: Result) -> None:
    """Key-part lengths, FULLTEXT / SPATIAL, a parser: the row holds MySQL's CREATE INDEX; USING: the method."""
    options = {key.split("_", 1)[1]: value for key, value in index.dialect_kwargs.items()
               if key.split("_", 1)[0] in ("mysql", "mariadb") and value is not None}
    if options.keys() & {"length", "prefix", "with_parser"}:
        result.expect(bool(created) and created in shown, f"{what}: {created}")
    if "using" in options:
        result.expect(str(options["using"]).lower() in shown.lower(), f"{what}: USING {options['using']}")


def load(target: str, root: Path) -> sa.MetaData:
    """The MetaData at ``module:attribute`` (``.metadata`` of a base or registry taken)."""
    sys.path.insert(0, str(root))
    module_name, _, attribute = target.partition(":")
    obj = importlib.import_module(module_name)
    for part in attribute.split("."):
        obj = getattr(obj, part)
    return obj if isinstance(obj, sa.MetaData) else obj.metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", help="module:attribute of the MetaData (imported from --root)")
    parser.add_argument("markdown", type=Path)
    parser.add_argument("--dialect", default=None)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args()
    with contextlib.redirect_stdout(sys.stderr):  # what the models print is not the summary
        metadata = load(args.models, args.root)
    result = check(metadata, dialect_named(args.dialect), args.markdown.read_text(encoding="utf-8"))
    json.dump({"tables": len(metadata.tables), "total": result.total, "found": result.found,
               "missing": result.missing, "uncreatable": result.uncreatable}, sys.stdout)


if __name__ == "__main__":
    main()
