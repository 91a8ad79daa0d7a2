"""What changed from one ``Schema`` to another: the one comparison behind drift, history and diff.

Both sides are docgen's neutral schema, so the facts compared are the facts
the docs show: tables (and their comments), columns (type, nullability,
default, comment, computed, identity), the primary key, foreign keys (target,
ON DELETE / ON UPDATE, options), UNIQUE and CHECK constraints (table- and
column-level), and indexes (columns or expressions, UNIQUE, the partial-index
WHERE, the method, INCLUDE columns, the definition where it says more), and a
primary key's name when both sides name it, a PostgreSQL table's partition key
and partitions (bound, parent). Comparing whole schemas (history,
diff) also covers each table's triggers (their statements) and the named types
(an enum's values, a domain's base and CHECKs) and sequences (owner, start,
increment), each under its own qualified name; drift, which compares models
that rarely declare triggers, uses :func:`table_changes` alone. Nothing here
imports SQLAlchemy or alembic.

Constraints and indexes are paired by name when both sides name them, then
by what they are (their columns, their CHECK text): a database names what a
model leaves unnamed. SQL text (CHECK, WHERE, expressions) is compared
normalised: case, spaces, parentheses and PostgreSQL's ``::type`` casts
aside, since databases rewrite it. An unnamed column-level CHECK also pairs
with the name PostgreSQL gives it (``<table>_<column>_check``). Each
difference is one :class:`Change`; a table added or removed is one change,
its columns are not listed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

from .. import model

# What a change is about, in the order a table's changes are listed.
SUBJECTS = ("table", "view", "type", "sequence", "table comment", "partition key", "column", "primary key",
            "foreign key", "unique", "check", "index", "trigger", "partition")
# Subjects that are schema objects of their own, not tables: a change's ``table`` is then the object's name.
OBJECTS = ("type", "sequence")
# The facts of a changed thing, in the order its changes are listed.
ASPECTS = (None, "comment", "columns", "type", "nullable", "default", "computed", "identity", "references", "on delete",
           "on update", "options", "text", "expressions", "unique", "where", "method", "include",
           "definition", "name", "kind", "values", "base", "checks", "owner", "start", "increment", "key", "parent",
           "bound")


@dataclass(frozen=True)
class Change:
    action: str  # "added", "removed" or "changed"
    subject: str  # one of SUBJECTS
    table: str  # qualified table name
    name: str | None = None  # the column, constraint or index (unnamed constraints: their columns or text)
    aspect: str | None = None  # for "changed": the fact that differs (type, nullable, default, where, ...)
    old: str | None = None  # the fact before (None: nothing)
    new: str | None = None  # the fact after

    def sort_key(self) -> tuple:
        return (self.table, SUBJECTS.index(self.subject), self.name or "", ASPECTS.index(self.aspect), self.action,
                self.old or "", self.new or "")

    def to_dict(self) -> dict:
        return asdict(self)


def compare(old: model.Schema, new: model.Schema) -> tuple[Change, ...]:
    """Every difference from ``old`` to ``new``, sorted by table, subject and name."""
    changes: list[Change] = []
    for name in sorted({t.qualified_name for t in old.tables} | {t.qualified_name for t in new.tables}):
        before, after = old.table(name), new.table(name)
        if before is None:
            changes.append(Change("added", _subject(after), name, new=_columns_text(after.columns)))
        elif after is None:
            changes.append(Change("removed", _subject(before), name, old=_columns_text(before.columns)))
        else:
            changes += table_changes(before, after)
            changes += _paired(name, "trigger", before.triggers, after.triggers, lambda t: t.name,
                               lambda t: t.name, _trigger_facts)
    changes += _objects("type", old.types, new.types, _type_facts)
    changes += _objects("sequence", old.sequences, new.sequences, _sequence_facts)
    return tuple(sorted(changes, key=Change.sort_key))


def _objects(subject: str, old: Sequence, new: Sequence, facts_of: Callable[[object], dict]) -> list[Change]:
    """The named types or sequences only on one side, and every fact that differs in those on both."""
    before, after = {o.qualified_name: o for o in old}, {o.qualified_name: o for o in new}
    changes = []
    for name in sorted(before.keys() | after.keys()):
        was, now = before.get(name), after.get(name)
        if now is None:
            changes.append(Change("removed", subject, name, old=_facts_text(facts_of(was))))
        elif was is None:
            changes.append(Change("added", subject, name, new=_facts_text(facts_of(now))))
        else:
            facts, now_facts = facts_of(was), facts_of(now)
            changes += [Change("changed", subject, name, aspect=aspect, old=facts[aspect], new=now_facts[aspect])
                        for aspect in facts if _differs(aspect, facts[aspect], now_facts[aspect])]
    return changes


def _subject(table: model.Table) -> str:
    return "view" if table.is_view else "table"


def table_changes(old: model.Table, new: model.Table) -> list[Change]:
    """What differs between two versions of one table."""
    table = new.qualified_name
    changes = []
    if old.comment != new.comment:
        changes.append(Change("changed", "table comment", table, aspect="comment", old=old.comment, new=new.comment))
    if normalized(old.partition_key) != normalized(new.partition_key):
        changes.append(Change("changed", "partition key", table, aspect="key", old=old.partition_key,
                              new=new.partition_key))
    changes += _paired(table, "column", old.columns, new.columns, lambda c: c.name, lambda c: c.name, _column_facts)
    if old.primary_key != new.primary_key:
        changes.append(Change("changed", "primary key", table, aspect="columns",
                              old=_tuple_text(old.primary_key) if old.primary_key else None,
                              new=_tuple_text(new.primary_key) if new.primary_key else None))
    if old.primary_key_name and new.primary_key_name and old.primary_key_name != new.primary_key_name:
        changes.append(Change("changed", "primary key", table, aspect="name", old=old.primary_key_name,
                              new=new.primary_key_name))  # unnamed on one side: the database named it
    changes += _paired(table, "foreign key", old.foreign_keys, new.foreign_keys, lambda f: f.name,
                       lambda f: (f.columns, f.target_table), _fk_facts)
    changes += _paired(table, "unique", old.uniques, new.uniques, lambda u: u.name, lambda u: u.columns,
                       lambda u: {"columns": _tuple_text(u.columns)})
    changes += _paired(table, "check", old.checks, new.checks, lambda c: c.name, lambda c: normalized(c.sqltext),
                       lambda c: {"text": c.sqltext}, same=_check_named_by_postgresql(new.name))
    changes += _paired(table, "index", old.indexes, new.indexes, lambda i: i.name,
                       lambda i: tuple(normalized(e) for e in i.expressions), _index_facts)
    changes += _paired(table, "partition", old.partitions, new.partitions, lambda p: p.name, lambda p: p.name,
                       lambda p: {"parent": p.parent, "bound": p.bound})
    return changes


def normalized(sql: str | None) -> str | None:
    """SQL text as databases do not rewrite it: lower case, without spaces, parentheses and ``::type`` casts."""
    if sql is None:
        return None
    sql = re.sub(r"::\s*[a-z_][a-z0-9_ ]*?(\[\])*(?=[\s),]|$)", "", sql.lower())
    return "".join(ch for ch in sql if not ch.isspace() and ch not in "()")


def _paired(table: str, subject: str, old: Sequence, new: Sequence, name_of: Callable, identity_of: Callable,
            facts_of: Callable[[object], dict], same: Callable | None = None) -> list[Change]:
    """The items only on one side, and every fact that differs within each pair of ``old`` and ``new`` items."""
    pairs = _pairs(old, new, name_of, lambda a, b: identity_of(a) == identity_of(b) or bool(same and same(a, b)))
    changes = []
    for before, after in pairs:
        if after is None:
            changes.append(Change("removed", subject, table, _label(before, name_of, facts_of),
                                  old=_facts_text(facts_of(before))))
        elif before is None:
            changes.append(Change("added", subject, table, _label(after, name_of, facts_of),
                                  new=_facts_text(facts_of(after))))
        else:
            was, now = facts_of(before), facts_of(after)
            changes += [Change("changed", subject, table, _label(after, name_of, facts_of), aspect, was[aspect],
                               now[aspect])
                        for aspect in was if _differs(aspect, was[aspect], now[aspect])]
    return changes


def _pairs(old: Sequence, new: Sequence, name_of: Callable, alike: Callable) -> list[tuple]:
    """(old, new) pairs: same name when both are named; else (one side unnamed) ``alike``; (x, None) and
    (None, y) for the items left over."""
    left = list(new)
    pairs = []
    for item in old:
        match = next((n for n in left if name_of(item) and name_of(item) == name_of(n)), None)
        if match is None:
            match = next((n for n in left if not (name_of(item) and name_of(n)) and alike(item, n)), None)
        if match is not None:
            left.remove(match)
        pairs.append((item, match))
    return pairs + [(None, item) for item in left]


def _label(item, name_of: Callable, facts_of: Callable) -> str:
    """An item's name; an unnamed one is called by its first fact (its columns, its text)."""
    return name_of(item) or next(iter(facts_of(item).values()))


def _differs(aspect: str, old: str | None, new: str | None) -> bool:
    """Whether a fact differs: SQL text (and a type as a domain's base) beyond how the two sides spell it."""
    return old != new and not _same_sql(aspect, old, new)


def _same_sql(aspect: str, old: str | None, new: str | None) -> bool:
    if aspect == "definition":
        return _index_definition(old) == _index_definition(new)
    return aspect in ("text", "where", "expressions", "default", "base", "checks") and normalized(old) == normalized(new)


def _index_definition(sql: str | None) -> str | None:
    """A ``CREATE INDEX`` as written and as PostgreSQL reports it (``ON public.t USING btree``,
    ``WITH (fillfactor='70')``) alike: the table's schema, the default method and quotes aside, normalised."""
    if sql is None:
        return None
    sql = re.sub(r" ON \S+?\.(?=[^.\s]+ )", " ON ", sql)
    return normalized(sql.replace(" USING btree", "").replace("'", ""))


def _check_named_by_postgresql(table: str) -> Callable[[model.Check, model.Check], bool]:
    """Whether an unnamed column-level CHECK is the other one, named as PostgreSQL names it after the
    table's own name (dots and all, not its schema)."""

    def same(one: model.Check, other: model.Check) -> bool:
        column = one.column or other.column
        named = other.name if one.column else one.name
        return bool(column and named and re.fullmatch(rf"{re.escape(table)}_{re.escape(column)}_check\d*", named))

    return same


def _column_facts(column: model.Column) -> dict[str, str | None]:
    default = column.server_default or column.default
    return {"type": column.type, "nullable": "NULL" if column.nullable else "NOT NULL", "default": default,
            "comment": column.comment, "computed": column.computed, "identity": column.identity}


def _fk_facts(fk: model.ForeignKey) -> dict[str, str | None]:
    return {"references": f"{_tuple_text(fk.columns)} → {fk.target_table}{_tuple_text(fk.target_columns)}",
            "on delete": _action(fk.ondelete), "on update": _action(fk.onupdate), "options": fk.options}


def _action(action: str | None) -> str:
    return (action or "NO ACTION").upper()


def _index_facts(index: model.Index) -> dict[str, str | None]:
    return {"expressions": _tuple_text(index.expressions), "unique": "UNIQUE" if index.unique else "not unique",
            "where": index.where, "method": (index.using or "btree").lower(), "include": index.include,
            "definition": index.definition}


def _trigger_facts(trigger: model.Trigger) -> dict[str, str | None]:
    """Its statement, which says its timing, events and what it runs, without the words that name it."""
    return {"definition": re.sub(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+", "",
                                 trigger.definition, flags=re.IGNORECASE)}


def _type_facts(named: model.NamedType) -> dict[str, str | None]:
    values = f"({model.sql_literals(named.values)})" if named.values else None
    return {"kind": named.kind, "values": values, "base": named.base,
            "checks": " AND ".join(named.checks) if named.checks else None}


def _sequence_facts(sequence: model.Sequence) -> dict[str, str | None]:
    """Its owner, start and increment; where the models leave the last two to the database, the database's own
    defaults (an increment of 1; an ascending sequence starts at 1, a descending one at -1)."""
    increment = 1 if sequence.increment is None else sequence.increment
    start = (1 if increment > 0 else -1) if sequence.start is None else sequence.start
    return {"owner": ".".join(sequence.owner) if sequence.owner else None, "start": str(start),
            "increment": str(increment)}


def _columns_text(columns: Iterable[model.Column]) -> str:
    return _tuple_text(c.name for c in columns)


def _tuple_text(items: Iterable[str]) -> str:
    return "(" + ", ".join(items) + ")"


_QUIET = {"nullable": "NULL", "unique": "not unique", "method": "btree", "on delete": "NO ACTION",
          "on update": "NO ACTION", "start": "1", "increment": "1"}  # what goes without saying
_KEYWORD = {"default": "DEFAULT ", "comment": "COMMENT ", "where": "WHERE ", "method": "USING ",
            "include": "INCLUDE ", "on delete": "ON DELETE ", "on update": "ON UPDATE ",
            "owner": "OWNED BY ", "start": "START ", "increment": "INCREMENT BY ", "parent": "PARTITION OF "}


def _facts_text(facts: dict[str, str | None]) -> str:
    """What an item is, in one line: its facts that say something (not the defaults), as DDL words them."""
    return " ".join(_KEYWORD.get(aspect, "") + value for aspect, value in facts.items()
                    if value is not None and _QUIET.get(aspect) != value)
