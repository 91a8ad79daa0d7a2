"""Drift: what differs between the models and a database.

The comparison is alembic's autogenerate (:func:`alembic.autogenerate.compare_metadata`, types
included): tables, columns (type, nullability, comment), foreign keys, UNIQUE constraints and
indexes. The models' side is what the database's dialect creates from them: an index or constraint
its DDL leaves out (``.ddl_if(dialect=...)``, a type-bound CHECK on a native type) is not expected.
A SQLite key column that can never hold NULL (the rowid) is not nullable, whatever SQLite reports.
What alembic does not compare is compared on docgen's neutral schema of both sides (:mod:`.changes`,
the comparison ``history`` and ``diff`` use): table comments (alembic's report of one the models lack
does not say the database's), a PostgreSQL table's partition key, a UNIQUE only the database has that
has no name (alembic reports named ones only), CHECK constraints (table- and column-level) — by name
when both are named (databases rewrite the text: PostgreSQL turns ``IN (...)`` into ``= ANY
(ARRAY[...])``), an unnamed column-level CHECK also by the name PostgreSQL gives it, otherwise by text
— and, of an index both sides have, its columns or expressions, partial-index WHERE, method and
INCLUDE columns (SQL text normalised as for CHECKs). Server defaults are not compared (alembic's
default: a model and a database rarely spell them alike). Views (the models' are the tables marked as
views) and named types (native enums, domains) are compared by name. A PostgreSQL partition is part
of its partitioned table (migrations or a partition manager make them), not a table the models lack.

Findings are facts in both directions: *missing* means in the models but not in the database,
*extra* in the database but not in the models. A table only in the database whose name looks like
one only in the models gets a rename hint (``calendar`` → ``calendar_events``). Tables only on one
side are one finding each: their columns and constraints are not listed again.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection, Dialect

from .. import model
from ..sources import catalog
from ..sources.convert import check_references, from_metadata
from ..sources.objects import is_view
from ..sources.reflect import reflect_connection, resolve_schemas
from ..sources.spelling import Spelling, type_name
from .changes import Change, table_changes

# Finding kinds, in the order a table's findings are listed.
KINDS = (
    "missing_table", "extra_table",
    "missing_column", "extra_column", "column_type", "column_nullable", "column_comment", "table_comment",
    "partition_key",
    "missing_foreign_key", "extra_foreign_key", "foreign_key_differs",
    "missing_unique", "extra_unique", "unique_differs",
    "missing_index", "extra_index", "index_differs", "index_expressions", "index_where", "index_method", "index_include",
    "index_definition",
    "missing_check", "extra_check",
    "missing_view", "extra_view", "missing_type", "extra_type",
)
# An aspect of an index both sides have (docgen's comparison) and its finding kind.
INDEX_ASPECTS = {"expressions": "index_expressions", "where": "index_where", "method": "index_method",
                 "include": "index_include", "definition": "index_definition"}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    table: str  # qualified table name
    name: str | None = None  # the column, constraint or index (None for a whole table)
    models: str | None = None  # what the models say (None: nothing)
    database: str | None = None  # what the database has (None: nothing)
    hint: str | None = None

    def sort_key(self) -> tuple:
        return (self.table, KINDS.index(self.kind), self.name or "", self.models or "", self.database or "")


@dataclass(frozen=True)
class Drift:
    findings: tuple[Finding, ...]
    tables_compared: int  # tables in the models

    @property
    def clean(self) -> bool:
        return not self.findings

    def of_kind(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    def to_dict(self) -> dict:
        counts = {kind: len(self.of_kind(kind)) for kind in KINDS if self.of_kind(kind)}
        return {
            "drift": not self.clean,
            "tables_in_models": self.tables_compared,
            "counts": counts,
            "findings": [asdict(f) for f in self.findings],
        }


def compare(
    metadata: sa.MetaData,
    connection: Connection,
    schemas: tuple[str, ...] = (),
    keeps: Callable[[str], bool] = lambda table: True,
) -> Drift:
    """Compare the models' ``metadata`` with the database behind ``connection``.

    ``schemas`` default to those the models' tables use (that exist in the
    database); only tables whose qualified name ``keeps`` are compared.
    """
    check_references(metadata)
    schemas = schemas or models_schemas(metadata, connection)
    wanted = set(resolve_schemas(connection, schemas))
    reflected = reflect_connection(connection, schemas)
    partitions = catalog.partition_names(reflected) - set(metadata.tables)  # unless the models declare one
    opts = {
        "include_schemas": wanted != {None},
        "include_name": lambda name, type_, parents: (type_ != "schema" or name in wanted) and (
            type_ != "table" or catalog.model_key(parents.get("schema_name"), name) not in partitions),
        # views the models declare (the info marker) are compared below, by name: alembic knows only tables
        "include_object": lambda item, name, type_, reflected, other: type_ != "table" or not is_view(item),
    }
    context = MigrationContext.configure(connection, opts=opts)
    dialect = connection.dialect
    not_created = _not_created(metadata, dialect)
    diffs = [d for d in compare_metadata(context, metadata) if not _left_out(d, not_created)]
    # both sides as docgen's neutral schema: how the docs show what alembic reports, and what it does not compare
    shown, have = from_metadata(metadata, dialect), from_metadata(reflected, dialect)
    findings = [f for f in _from_alembic(diffs, dialect, shown, have) if not _null_never_stored(f, reflected)]
    only_in_models = {f.table for f in findings if f.kind == "missing_table"}
    only_in_db = {f.table for f in findings if f.kind == "extra_table"}
    findings = [f for f in findings if f.kind.endswith("_table") or f.table not in only_in_models | only_in_db]
    findings = _merged(findings)
    reported = {(f.table, f.name) for f in findings if f.kind == "index_differs"}  # not the index's aspects again
    findings += _schema_findings(_as_reported(shown, dialect), have, dialect, reported)
    findings = [_with_rename_hint(f, only_in_models) for f in findings if keeps(f.table)]
    compared = sum(1 for table in metadata.tables.values() if keeps(_qualified(table.schema, table.name)))
    return Drift(tuple(sorted(set(findings), key=Finding.sort_key)), compared)


def _null_never_stored(finding: Finding, reflected: sa.MetaData) -> bool:
    """A column alembic finds nullable that can never hold NULL (docgen's reflection says it is NOT NULL, as the
    models do): SQLite's rowid and the key columns of its ``WITHOUT ROWID`` tables (:mod:`..sources.catalog`)."""
    if finding.kind != "column_nullable" or finding.models != "NOT NULL":
        return False
    table = reflected.tables.get(finding.table)
    column = table.columns.get(finding.name) if table is not None else None
    return column is not None and not column.nullable


def _merged(findings: list[Finding]) -> list[Finding]:
    """A foreign key, UNIQUE or index alembic reports missing and extra at once (the same name; for a
    foreign key, else the same columns and target) is one thing that differs: one finding, both sides."""
    merged = list(findings)
    for thing in ("foreign_key", "unique", "index"):
        extra = [f for f in merged if f.kind == f"extra_{thing}"]
        for missing in [f for f in merged if f.kind == f"missing_{thing}"]:
            match = next((e for e in extra if e.table == missing.table and _one_thing(missing, e)), None)
            if match is not None:
                extra.remove(match)
                merged = [f for f in merged if f not in (missing, match)]
                merged.append(Finding(f"{thing}_differs", missing.table, missing.name or match.name,
                                      models=missing.models, database=match.database))
    return merged


def _one_thing(missing: Finding, extra: Finding) -> bool:
    if missing.name and extra.name:
        return missing.name == extra.name
    return missing.kind == "missing_foreign_key" and \
        (missing.models or "").split(" ON ")[0] == (extra.database or "").split(" ON ")[0]


def models_schemas(metadata: sa.MetaData, connection: Connection) -> tuple[str, ...]:
    """The database schemas the models' tables live in, those the database has (default schema by name)."""
    inspector = sa.inspect(connection)
    default = inspector.default_schema_name
    used = {table.schema or default for table in metadata.tables.values()}
    return tuple(sorted(name for name in used if name in set(inspector.get_schema_names())))


def _not_created(metadata: sa.MetaData, dialect: Dialect) -> set[tuple[str, str]]:
    """(table key, name) of the indexes and constraints the dialect's DDL leaves out."""
    creates = Spelling(dialect).creates
    return {
        (table.key, item.name)
        for table in metadata.tables.values()
        for item in (*table.indexes, *table.constraints)
        if isinstance(item.name, str) and not creates(item)
    }


def _left_out(diff, not_created: set[tuple[str, str]]) -> bool:
    """An alembic "add" of an index or constraint the dialect does not create (alembic ignores ``ddl_if``)."""
    if not (isinstance(diff, tuple) and diff[0] in ("add_index", "add_constraint")):
        return False
    item = diff[1]
    return (item.table.key, item.name) in not_created


def rename_candidates(name: str, others: set[str]) -> list[str]:
    """Names in ``others`` that ``name`` looks like a rename of (shared prefix or close spelling)."""
    bare = name.rsplit(".", 1)[-1]

    def prefixed(other: str) -> bool:
        o = other.rsplit(".", 1)[-1]
        return o.startswith(bare + "_") or bare.startswith(o + "_")

    close = difflib.get_close_matches(name, sorted(others), n=3, cutoff=0.8)
    return sorted({o for o in others if prefixed(o)} | set(close))


def _with_rename_hint(finding: Finding, only_in_models: set[str]) -> Finding:
    if finding.kind != "extra_table":
        return finding
    candidates = rename_candidates(finding.table, only_in_models)
    if not candidates:
        return finding
    return Finding(finding.kind, finding.table, hint="looks like a rename of " + " or ".join(candidates))


def _qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def _column_text(column: sa.Column, dialect: Dialect) -> str:
    return f"{type_name(column.type, dialect)} {'NULL' if column.nullable else 'NOT NULL'}"


def _columns(columns) -> str:
    return "(" + ", ".join(c if isinstance(c, str) else c.name for c in columns) + ")"


def _fk_text(fk: sa.ForeignKeyConstraint) -> str:
    target = fk.elements[0].target_fullname.rsplit(".", 1)[0]
    text = f"{_columns(fk.column_keys)} → {target}{_columns(e.target_fullname.rsplit('.', 1)[1] for e in fk.elements)}"
    for action in ("ondelete", "onupdate"):
        value = getattr(fk, action)
        if value and value.upper() != "NO ACTION":
            text += f" ON {action[2:].upper()} {value.upper()}"
    return text


def _index_text(schema: model.Schema, index: sa.Index) -> str:
    """``UNIQUE (a, lower(b))``: the index as the docs of ``schema`` show it (expressions in the dialect's DDL)."""
    table = schema.table(_qualified(index.table.schema, index.table.name))
    shown = next(i for i in table.indexes if i.name == index.name)
    return ("UNIQUE " if shown.unique else "") + _columns(shown.expressions)


def _from_alembic(diffs: list, dialect: Dialect, models: model.Schema, database: model.Schema) -> list[Finding]:
    findings: list[Finding] = []
    for diff in diffs:
        for item in diff if isinstance(diff, list) else [diff]:
            finding = _finding(item, dialect, models, database)
            if finding is not None:
                findings.append(finding)
    return findings


def _finding(diff: tuple, dialect: Dialect, models: model.Schema,  # noqa: C901  (one branch per alembic kind)
             database: model.Schema) -> Finding | None:
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        table = diff[1]
        return Finding("missing_table" if kind == "add_table" else "extra_table", _qualified(table.schema, table.name))
    if kind in ("add_column", "remove_column"):
        _, schema, table, column = diff
        text = _column_text(column, dialect)
        if kind == "add_column":
            return Finding("missing_column", _qualified(schema, table), column.name, models=text)
        return Finding("extra_column", _qualified(schema, table), column.name, database=text)
    if kind in ("modify_type", "modify_nullable", "modify_comment"):
        _, schema, table, column, _kw, existing, new = diff
        if kind == "modify_type":
            existing, new = type_name(existing, dialect), type_name(new, dialect)
        elif kind == "modify_nullable":
            existing, new = ("NULL" if v else "NOT NULL" for v in (existing, new))
        name = {"modify_type": "column_type", "modify_nullable": "column_nullable"}.get(kind, "column_comment")
        return Finding(name, _qualified(schema, table), column, models=new, database=existing)
    if kind in ("add_fk", "remove_fk"):
        fk = diff[1]
        where = "missing" if kind == "add_fk" else "extra"
        side = {"models": _fk_text(fk)} if kind == "add_fk" else {"database": _fk_text(fk)}
        return Finding(f"{where}_foreign_key", _qualified(fk.parent.schema, fk.parent.name), fk.name, **side)
    if kind in ("add_index", "remove_index"):
        index = diff[1]
        where = "missing" if kind == "add_index" else "extra"
        side = {"models": _index_text(models, index)} if kind == "add_index" else \
            {"database": _index_text(database, index)}
        return Finding(f"{where}_index", _qualified(index.table.schema, index.table.name), index.name, **side)
    if kind in ("add_constraint", "remove_constraint") and isinstance(diff[1], sa.UniqueConstraint):
        unique = diff[1]
        where = "missing" if kind == "add_constraint" else "extra"
        side = {"models" if kind == "add_constraint" else "database": _columns(unique.columns)}
        return Finding(f"{where}_unique", _qualified(unique.table.schema, unique.table.name), unique.name, **side)
    return None  # server defaults and computed columns are not compared; table comments: _finding_of


def _schema_findings(wanted: model.Schema, have: model.Schema, dialect: Dialect,
                     reported: set[tuple[str, str | None]]) -> list[Finding]:
    """What alembic does not compare, from docgen's comparison of the two sides' neutral schemas:
    CHECK constraints (table- and column-level), unnamed UNIQUEs only in the database and, of an
    index both sides have (by name), its columns or expressions, partial-index WHERE, method and
    INCLUDE columns; views and named types present on one side only.

    The models' side is what the database's own dialect creates: a type-bound CHECK it does not emit
    (``Boolean(create_constraint=True)`` on PostgreSQL) is not expected in the database. A CHECK's text
    is not compared when both sides name it (databases rewrite it); an index alembic already reports
    (``reported``: table, name) is not reported again.
    """
    findings = _one_sided("view", {t.qualified_name: _view_text(t) for t in wanted.tables if t.is_view},
                          {t.qualified_name: _view_text(t) for t in have.tables if t.is_view})
    findings += _one_sided("type", {t.qualified_name: _type_text(t) for t in wanted.types},
                           {t.qualified_name: _type_text(t) for t in have.types})
    for table in wanted.tables:
        other = have.table(table.qualified_name)
        if other is None:
            continue
        for change in table_changes(other, table):  # from the database (old) to the models (new)
            finding = _finding_of(change, dialect)
            if finding is not None and (finding.kind not in INDEX_ASPECTS.values()
                                        or (change.table, change.name) not in reported):
                findings.append(finding)
    return findings


def _as_reported(schema: model.Schema, dialect: Dialect) -> model.Schema:
    """The models' schema as the database can report it: SQLite's reflection does not say in which order
    (ASC / DESC, NULLS FIRST / LAST) an index holds a column."""
    if dialect.name != "sqlite":
        return schema

    def unordered(index: model.Index) -> model.Index:
        return dataclasses.replace(index, expressions=tuple(_ORDER.sub("", e) for e in index.expressions))

    return dataclasses.replace(schema, tables=tuple(dataclasses.replace(t, indexes=tuple(unordered(i) for i in t.indexes))
                                                    for t in schema.tables))


def _one_sided(kind: str, models: dict[str, str], database: dict[str, str]) -> list[Finding]:
    """``missing_<kind>`` for each name only in ``models``, ``extra_<kind>`` for each only in ``database``."""
    return ([Finding(f"missing_{kind}", name, models=models[name]) for name in models if name not in database]
            + [Finding(f"extra_{kind}", name, database=database[name]) for name in database if name not in models])


def _view_text(view: model.Table) -> str:
    return view.kind + (f" reading {', '.join(view.reads)}" if view.reads else "")


def _type_text(named: model.NamedType) -> str:
    values = model.sql_literals(named.values)
    return f"enum ({values})" if named.kind == "enum" else f"domain {named.base or ''}".strip()


_ORDER = re.compile(r"\s+(ASC|DESC)(\s+NULLS\s+(FIRST|LAST))?$|\s+NULLS\s+(FIRST|LAST)$", re.IGNORECASE)


def _finding_of(change: Change, dialect: Dialect) -> Finding | None:
    if change.subject == "table comment":  # alembic's removed comment does not say what the database's was
        return Finding("table_comment", change.table, models=change.new, database=change.old) \
            if dialect.supports_comments else None
    if change.subject == "partition key":  # partitions are the database's (migrations, a partition manager)
        return Finding("partition_key", change.table, models=change.new, database=change.old)
    if change.subject == "unique" and change.action == "removed" and change.name == change.old:
        return Finding("extra_unique", change.table, database=change.old)  # unnamed: alembic leaves it out
    if change.subject == "check" and change.action != "changed":
        text = change.new if change.action == "added" else change.old
        name = None if change.name == text else change.name
        if change.action == "added":
            return Finding("missing_check", change.table, name, models=text)
        return Finding("extra_check", change.table, name, database=text)
    if change.subject == "index" and change.aspect in INDEX_ASPECTS:  # a changed one: an added one has no aspect
        return Finding(INDEX_ASPECTS[change.aspect], change.table, change.name, models=change.new, database=change.old)
    return None
