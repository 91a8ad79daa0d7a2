"""Mermaid ``erDiagram`` text: the whole schema, a group, the map of the groups, one table's neighbourhood.

A table's diagram stays legible however many tables it links to: the table
shows all its columns, its neighbours are compact boxes (their name only), at
most :data:`NEIGHBOURS` of them (the nearest; the rest are returned, for the
page to list as links), laid out left to right. A group's diagram shows its
tables with their key columns and its nearest outside neighbours as compact
boxes; the map shows the groups as boxes and the foreign keys between them.
The whole-schema diagram shows every table with its key columns, top to bottom.
A view's box starts with a ``VIEW kind`` row (``MATERIALIZED_VIEW kind``), and a
dashed ``reads`` line joins it to each table or view it reads.

Every foreign key is one relationship, drawn from the referenced (parent)
table to the referencing (child) one. Cardinality comes from the schema:
the parent end is "exactly one" when the foreign key columns are NOT NULL and
"zero or one" when they are nullable; the child end is "zero or one" when the
foreign key columns are unique (a primary key, unique constraint or unique
index on exactly those columns) and "zero or more" otherwise. The line is
solid (identifying) when the foreign key is part of the child's primary key.
An ORM-only reference (a ``relationship()`` join no foreign key backs) is
drawn the same way, always dashed and labelled ``(ORM-only)``.

Any table or column name must give valid Mermaid, also for GitHub's older
renderer. So entity names are always double-quoted (Mermaid's quoted names take
anything but ``"``, ``%``, ``\\`` and line breaks, which become ``_``, as do
other control characters). Quoted labels and attribute comments spell ``%`` as
``％`` (U+FF05): Mermaid takes ``%%{init: ...}%%`` anywhere in a diagram as a
directive that restyles it, and a line starting with ``%%`` as a comment.
Attribute types and names can never be quoted: they are reduced to ASCII
letters, digits and ``_`` (``VARCHAR(200)`` -> ``VARCHAR_200``), never equal to
the key words PK/FK/UK (or ``direction``), and a column whose name had to change keeps its real
name as the attribute's comment.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from ..model import Column, ForeignKey, OrmRelationship, Schema, Table

# Control characters and Unicode line separators are never written: some tools break lines at them.
_NOT_IN_QUOTED_NAME = re.compile('["%\\\\\x00-\x1f\x7f\x85\u2028\u2029]')
_CONTROL = re.compile('[\x00-\x1f\x7f\x85\u2028\u2029]')
# Mermaid's lexer reads "direction TB" (and BT, RL, LR) anywhere on a line as a layout statement.
_DIRECTION = re.compile(r"(direction)\s+(?=(?:TB|BT|RL|LR))", re.IGNORECASE)
_NOT_IN_WORD = re.compile(r"[^A-Za-z0-9_]+")
# Attribute words Mermaid would read as something else: key markers, and a type "direction".
_RESERVED_WORDS = {"pk", "fk", "uk", "direction"}
# A table's diagram and a group's show this many neighbours at most; the rest are listed as links.
NEIGHBOURS = 12
# A group's diagram shows its tables' key columns up to this many tables, names only past it.
GROUP_COLUMNS = 30


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class Diagrams:
    """The ER diagrams of one schema.

    Entity names and table order are worked out once, here, for every diagram
    drawn from the schema: a table has the same entity name in each of them,
    and drawing a page per table stays linear in the number of tables.
    """

    def __init__(self, schema: Schema):
        self.schema = schema
        tables = [t.qualified_name for t in schema.tables]
        targets = [ref.target_table for t in schema.tables for ref in _references(t)]
        self.names = entity_names([*tables, *targets])  # targets outside the schema are named last
        self.position = {name: i for i, name in enumerate(tables)}
        # Each table's entity and each foreign key's line appear in several diagrams: drawn once.
        self._entities: dict[tuple[str, bool | None], str] = {}
        self._edges: dict[tuple[str, ForeignKey], str] = {}

    def whole(self) -> str:
        """The whole schema: every table with its key columns, every foreign key, what every view reads."""
        shown = {t.qualified_name: False for t in self.schema.tables}
        reads = [(t, name) for t in self.schema.tables for name in t.reads if name in self.position]
        return self._diagram(shown, [(t, ref) for t in self.schema.tables for ref in _references(t)], reads)

    def of_table(self, table: Table, limit: int = NEIGHBOURS) -> tuple[str, tuple[str, ...]]:
        """``table`` with all its columns, left to right with the nearest ``limit`` tables it references
        or is referenced by, or (a view) reads or is read by, as compact boxes; and the neighbours left
        out, in schema order.

        Nearest: the tables it references or reads first (what a row of it needs), then those that
        reference or read it, each in schema order; a hub's diagram stays a screen or two high, however
        many children it has.
        """
        name = table.qualified_name
        ordered = [n for n in self._linked(table) if n != name]
        shown = self._in_order({name, *ordered[:limit]})
        edges = [(table, ref) for ref in _references(table) if ref.target_table in shown]
        edges += [(other, ref) for other, ref in (*self.schema.referenced_by(name), *self.schema.orm_referenced_by(name))
                  if other.qualified_name != name and other.qualified_name in shown]
        reads = [(table, n) for n in table.reads if n in shown and n != name]
        reads += [(view, name) for view in self.schema.read_by(name)
                  if view.qualified_name != name and view.qualified_name in shown]
        diagram = self._diagram({n: n == name or None for n in shown}, edges, reads, "LR")
        return diagram, tuple(self._in_order(set(ordered[limit:])))

    def of_group(self, members: tuple[str, ...], limit: int = NEIGHBOURS) -> tuple[str, tuple[str, ...]]:
        """A group's tables (key columns; names only past :data:`GROUP_COLUMNS` tables) and the nearest
        ``limit`` tables outside it that they reference, read or are referenced or read by, as compact
        boxes; and the outside neighbours left out."""
        inside = set(members)
        # Each outside neighbour, and how many of the group's tables it is linked to.
        outside = Counter(other for name in members for other in self._linked(self.schema.table(name))
                          if other not in inside)
        nearest = sorted(outside, key=lambda n: (-outside[n], self.position[n]))
        columns = False if len(members) <= GROUP_COLUMNS else None
        shown = {n: columns if n in inside else None for n in self._in_order(inside | set(nearest[:limit]))}
        among = set(shown)
        edges = [(self.schema.table(n), ref) for n in shown for ref in _references(self.schema.table(n))
                 if ref.target_table in among]
        reads = [(self.schema.table(n), read) for n in shown for read in self.schema.table(n).reads if read in among]
        return self._diagram(shown, edges, reads), tuple(self._in_order(set(nearest[limit:])))

    def groups_map(self, groups: dict[str, tuple[str, ...]]) -> str:
        """The groups as boxes (names only) and, between two groups, one line labelled with the number
        of foreign keys from the tables of one to those of the other."""
        group_of = {table: group for group, tables in groups.items() for table in tables}
        names = entity_names(groups)
        links: dict[tuple[str, str], int] = {}
        for table in self.schema.tables:
            for fk in table.foreign_keys:
                parent, child = group_of.get(fk.target_table), group_of.get(table.qualified_name)
                if parent and child and parent != child:
                    links[parent, child] = links.get((parent, child), 0) + 1
        lines = ["erDiagram", *(f"    {names[group]}" for group in groups)]
        lines += [f"    {names[parent]} ||..o{{ {names[child]} : {quoted_text(_count(n, 'foreign key'))}"
                  for (parent, child), n in sorted(links.items(), key=lambda item: (
                      list(groups).index(item[0][0]), list(groups).index(item[0][1])))]
        return "\n".join(lines) + "\n"

    def _linked(self, table: Table) -> list[str]:
        """The documented tables ``table`` references or reads, then those that reference or read it (once each)."""
        name = table.qualified_name
        linked = [ref.target_table for ref in _references(table)] + list(table.reads)
        linked += [other.qualified_name for other, _ in (*self.schema.referenced_by(name),
                                                         *self.schema.orm_referenced_by(name))]
        linked += [view.qualified_name for view in self.schema.read_by(name)]
        return list(dict.fromkeys(n for n in linked if n in self.position))

    def _in_order(self, names: set[str]) -> list[str]:
        return sorted(names, key=self.position.__getitem__)

    def _diagram(self, shown: dict[str, bool | None], edges: list[tuple[Table, ForeignKey | OrmRelationship]],
                 reads: list[tuple[Table, str]] = (), direction: str | None = None) -> str:
        """Entities of the tables in ``shown`` (True: all columns, False: key columns, None: none), then ``edges``,
        then a dashed "reads" line from each table a view reads to the view."""
        lines = ["erDiagram", *([f"    direction {direction}"] if direction else [])]
        lines += [self._entity(name, columns) for name, columns in shown.items()]
        lines += [self._edge(child, fk) for child, fk in edges]
        lines += [f"    {self.names[read]} }}o..o{{ {self.names[view.qualified_name]} : \"reads\"" for view, read in reads]
        return "\n".join(lines) + "\n"

    def _entity(self, qualified_name: str, all_columns: bool | None) -> str:
        key = (qualified_name, all_columns)
        if key not in self._entities:
            table = self.schema.table(qualified_name)
            columns = () if all_columns is None else table.columns if all_columns else _key_columns(table)
            self._entities[key] = "\n".join(_entity(self.names[qualified_name], table, columns))
        return self._entities[key]

    def _edge(self, child: Table, fk: ForeignKey | OrmRelationship) -> str:
        key = (child.qualified_name, fk)
        if key not in self._edges:
            names = self.names
            label = ", ".join(fk.columns) + ("" if isinstance(fk, ForeignKey) else " (ORM-only)")
            self._edges[key] = (f"    {names[fk.target_table]} {relationship(child, fk)} "
                                f"{names[child.qualified_name]} : {quoted_text(label)}")
        return self._edges[key]


def _entity(name: str, table: Table, columns: tuple[Column, ...]) -> list[str]:
    if not columns and not table.is_view:
        return [f"    {name}"]
    fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
    lines = [f"    {name} {{"]
    if table.is_view:  # a view's box says so in its first row, whatever else it shows
        lines.append(f"        {table.kind.upper().replace(' ', '_')} kind")
    for column in columns:
        keys = [k for k, on in (("PK", column.primary_key), ("FK", column.name in fk_columns),
                                ("UK", column.unique)) if on]
        name_word = word(column.name, "column")
        attribute = f"{word(column.type, 'type')} {name_word}"
        if keys:
            attribute += " " + ", ".join(keys)
        if name_word != column.name:
            attribute += " " + quoted_text(column.name)
        lines.append(f"        {attribute}")
    lines.append("    }")
    return lines


def _references(table: Table) -> tuple[ForeignKey | OrmRelationship, ...]:
    """A table's foreign keys, then its ORM-only references: the lines drawn from it."""
    return (*table.foreign_keys, *table.orm_relationships)


def _key_columns(table: Table) -> tuple[Column, ...]:
    fk_columns = {c for ref in _references(table) for c in ref.columns}
    return tuple(c for c in table.columns if c.primary_key or c.name in fk_columns)


def relationship(child: Table, fk: ForeignKey | OrmRelationship) -> str:
    """The Mermaid cardinality and line between ``fk``'s target (left) and ``child`` (right): solid when the
    key is part of the child's primary key (identifying), else dashed, as an ORM-only reference always is."""
    columns = [child.column(name) for name in fk.columns]
    parent_end = "|o" if any(c is None or c.nullable for c in columns) else "||"
    child_end = "o|" if _is_unique(child, fk.columns) else "o{"
    line = "--" if isinstance(fk, ForeignKey) and set(fk.columns) <= set(child.primary_key) else ".."
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
    """A relationship label or attribute comment: double-quoted, without what would end it, and without ``%``
    (Mermaid reads ``%%{...}%%`` anywhere as a directive, ``%%`` at a line's start as a comment): ``％``."""
    return '"' + _DIRECTION.sub(r"\1_", _CONTROL.sub(" ", text).replace('"', "'").replace("%", "\uff05")) + '"'


@functools.lru_cache(maxsize=65536)  # types and column names repeat across tables
def word(text: str, fallback: str) -> str:
    """``text`` as a Mermaid attribute word: ASCII letters, digits and ``_``, starting with a letter or ``_``."""
    result = _NOT_IN_WORD.sub("_", text.replace("[]", " ARRAY")).strip("_") or fallback
    if not (result[0].isascii() and (result[0].isalpha() or result[0] == "_")):
        result = "_" + result
    if result.lower() in _RESERVED_WORDS:
        result += "_"
    return result
