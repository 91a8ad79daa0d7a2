"""Mermaid ``erDiagram`` text: the whole schema, or one table and its direct neighbours.

Every foreign key is one relationship, drawn from the referenced (parent)
table to the referencing (child) one. Cardinality comes from the schema:
the parent end is "exactly one" when the foreign key columns are NOT NULL and
"zero or one" when they are nullable; the child end is "zero or one" when the
foreign key columns are unique (a primary key, unique constraint or unique
index on exactly those columns) and "zero or more" otherwise. The line is
solid (identifying) when the foreign key is part of the child's primary key.

Any table or column name must give valid Mermaid, also for GitHub's older
renderer. So entity names are always double-quoted (Mermaid's quoted names take
anything but ``"``, ``%``, ``\\`` and line breaks, which become ``_``, as do
other control characters).
Attribute types and names can never be quoted: they are reduced to ASCII
letters, digits and ``_`` (``VARCHAR(200)`` -> ``VARCHAR_200``), never equal to
the key words PK/FK/UK (or ``direction``), and a column whose name had to change keeps its real
name as the attribute's comment.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable

from .model import Column, ForeignKey, Schema, Table

# Control characters and Unicode line separators are never written: some tools break lines at them.
_NOT_IN_QUOTED_NAME = re.compile('["%\\\\\x00-\x1f\x7f\x85\u2028\u2029]')
_CONTROL = re.compile('[\x00-\x1f\x7f\x85\u2028\u2029]')
# Mermaid's lexer reads "direction TB" (and BT, RL, LR) anywhere on a line as a layout statement.
_DIRECTION = re.compile(r"(direction)\s+(?=(?:TB|BT|RL|LR))", re.IGNORECASE)
_NOT_IN_WORD = re.compile(r"[^A-Za-z0-9_]+")
# Attribute words Mermaid would read as something else: key markers, and a type "direction".
_RESERVED_WORDS = {"pk", "fk", "uk", "direction"}
# Facts about the last schema drawn (see _schema_facts), keyed by its id; one entry at most.
_SCHEMA_FACTS: dict[int, tuple[weakref.ref, dict[str, str], dict[str, int]]] = {}


def schema_diagram(schema: Schema) -> str:
    """The whole schema: every table with its key columns, every foreign key."""
    shown = {t.qualified_name: _key_columns(t) for t in schema.tables}
    edges = [(t, fk) for t in schema.tables for fk in t.foreign_keys]
    return _diagram(schema, shown, edges)


def table_diagram(schema: Schema, table: Table) -> str:
    """``table`` with all its columns, and the tables it references or is referenced by."""
    name = table.qualified_name
    edges = [(table, fk) for fk in table.foreign_keys]
    edges += [(other, fk) for other, fk in schema.referenced_by(name) if other.qualified_name != name]
    shown: dict[str, tuple[Column, ...]] = {}
    for child, fk in edges:
        for neighbour in (child.qualified_name, fk.target_table):
            other = schema.table(neighbour)
            if neighbour != name and other is not None:
                shown[neighbour] = _key_columns(other)
    shown[name] = table.columns
    position = _schema_facts(schema)[1]
    ordered = {n: shown[n] for n in sorted(shown, key=position.__getitem__)}  # in schema order
    return _diagram(schema, ordered, edges)


def _diagram(schema: Schema, shown: dict[str, tuple[Column, ...]], edges: list[tuple[Table, ForeignKey]]) -> str:
    # Named over the whole schema, so a table has the same entity name in every diagram.
    names = _entity_names_of(schema, edges)
    lines = ["erDiagram"]
    for qualified, columns in shown.items():
        table = schema.table(qualified)
        lines.extend(_entity(names[qualified], table, columns) if table else [f"    {names[qualified]}"])
    for child, fk in edges:
        lines.append(f"    {names[fk.target_table]} {relationship(schema, child, fk)} "
                     f"{names[child.qualified_name]} : {quoted_text(', '.join(fk.columns))}")
    return "\n".join(lines) + "\n"


def _schema_facts(schema: Schema) -> tuple[dict[str, str], dict[str, int]]:
    """(entity name, position) of every table of ``schema`` by qualified name, computed once per schema.

    Every page's diagram needs them; computing them again for each page made ``build`` quadratic
    in the number of tables.
    """
    entry = _SCHEMA_FACTS.get(id(schema))
    if entry is None or entry[0]() is not schema:
        _SCHEMA_FACTS.clear()
        qualified = [t.qualified_name for t in schema.tables]
        entry = (weakref.ref(schema), entity_names(qualified), {n: i for i, n in enumerate(qualified)})
        _SCHEMA_FACTS[id(schema)] = entry
    return entry[1], entry[2]


def _entity_names_of(schema: Schema, edges: list[tuple[Table, ForeignKey]]) -> dict[str, str]:
    """``entity_names`` of every table of ``schema``, then of ``edges``' targets."""
    names = _schema_facts(schema)[0]
    if all(fk.target_table in names for _, fk in edges):
        return names  # what naming tables + targets gives: targets already named are skipped
    return entity_names([*(t.qualified_name for t in schema.tables), *(fk.target_table for _, fk in edges)])


def _entity(name: str, table: Table, columns: tuple[Column, ...]) -> list[str]:
    if not columns:
        return [f"    {name}"]
    fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
    lines = [f"    {name} {{"]
    for column in columns:
        keys = [k for k, on in (("PK", column.primary_key), ("FK", column.name in fk_columns),
                                ("UK", column.unique)) if on]
        attribute = f"{word(column.type, 'type')} {word(column.name, 'column')}"
        if keys:
            attribute += " " + ", ".join(keys)
        if word(column.name, "column") != column.name:
            attribute += " " + quoted_text(column.name)
        lines.append(f"        {attribute}")
    lines.append("    }")
    return lines


def _key_columns(table: Table) -> tuple[Column, ...]:
    fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
    return tuple(c for c in table.columns if c.primary_key or c.name in fk_columns)


def relationship(schema: Schema, child: Table, fk: ForeignKey) -> str:
    """The Mermaid cardinality and line between ``fk``'s target (left) and ``child`` (right)."""
    columns = [child.column(name) for name in fk.columns]
    parent_end = "|o" if any(c is None or c.nullable for c in columns) else "||"
    child_end = "o|" if _is_unique(child, fk.columns) else "o{"
    line = "--" if set(fk.columns) <= set(child.primary_key) else ".."
    return f"{parent_end}{line}{child_end}"


def _is_unique(table: Table, columns: tuple[str, ...]) -> bool:
    wanted = set(columns)
    candidates: list[Iterable[str]] = [table.primary_key, *(u.columns for u in table.uniques)]
    candidates += [i.expressions for i in table.indexes if i.unique]
    candidates += [(c.name,) for c in table.columns if c.unique]
    return any(set(cols) == wanted for cols in candidates if cols)


def entity_names(qualified_names: Iterable[str]) -> dict[str, str]:
    """A distinct double-quoted Mermaid entity name for each table name (first come, first served)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for qualified in qualified_names:
        if qualified in names:
            continue
        base = _DIRECTION.sub(r"\1_", _NOT_IN_QUOTED_NAME.sub("_", qualified)).strip() or "_"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        names[qualified] = f'"{candidate}"'
    return names


def quoted_text(text: str) -> str:
    """A relationship label or attribute comment: double-quoted, without what would end it."""
    return '"' + _DIRECTION.sub(r"\1_", _CONTROL.sub(" ", text).replace('"', "'")) + '"'


def word(text: str, fallback: str) -> str:
    """``text`` as a Mermaid attribute word: ASCII letters, digits and ``_``, starting with a letter or ``_``."""
    result = _NOT_IN_WORD.sub("_", text.replace("[]", " ARRAY")).strip("_") or fallback
    if not (result[0].isascii() and (result[0].isalpha() or result[0] == "_")):
        result = "_" + result
    if result.lower() in _RESERVED_WORDS:
        result += "_"
    return result
