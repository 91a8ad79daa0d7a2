"""The objects besides tables, as a ``MetaData`` declares them: views, triggers, named types, sequences, partitions.

Models and a reflected database meet here (:mod:`.catalog` attaches what the
database's catalog says the same way the models declare it):

- **A view** is a ``Table`` marked ``info={"docgen": {"view": ...}}``: the
  marker is its definition (a ``SELECT`` string), ``True`` (definition
  unknown), or a dict with ``definition``, ``materialized`` (bool) and
  ``reads`` (the tables it reads; parsed from the definition when not given).
  Projects map views this way and keep them out of ``create_all`` /
  autogenerate themselves; docgen documents them as views.
  A view created with the metadata (``after_create``) by a DDL element
  holding its ``name`` and ``selectable`` — the SQLAlchemy wiki's view
  recipe, sqlalchemy-utils' ``create_view`` — is read from that element:
  columns and types from the query, the tables it reads, its SQL.
- **A trigger** is a ``DDL("CREATE TRIGGER ...")`` listening to a table's
  ``after_create`` (the SQLAlchemy way to create one with the table), for
  this dialect (``execute_if(dialect=...)``); name, timing and events come
  from its text.
- **Named types**: native enums (``Enum(..., name=...)`` on PostgreSQL, the
  database with named ones: MySQL's are inline, spelled in the column's type) and PostgreSQL ``DOMAIN`` s of the columns, each with the columns
  using it; a database's catalog also lists those no column uses.
- **Sequences**: the ``Sequence`` s of the metadata, owned by the column whose
  default they are; a database's catalog also lists implicit ones (SERIAL).
- **Partitions** (PostgreSQL): a table's ``postgresql_partition_by``; a
  database's catalog also lists its partitions with their bounds, which are
  then no tables of their own (the catalog marks the table ``partitioning``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from .. import model
from sqlalchemy.sql import util as sa_util
from sqlalchemy.sql.ddl import CreateIndex

from .spelling import Spelling
from .sqltext import trigger_head, view_reads

MARKER = "docgen"  # the key of docgen's own entries in a Table's info
OBJECTS = "docgen.objects"  # where the catalog puts the (types, sequences) it read in MetaData.info


def _key(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def is_view(table: sa.Table) -> bool:
    """Whether ``table`` carries the view marker."""
    marker = (table.__dict__.get("info") or {}).get(MARKER)
    return isinstance(marker, Mapping) and marker.get("view") not in (None, False)


def view(table: sa.Table, dialect: Dialect, known: Mapping[str, str]) -> dict:
    """The Table fields ``kind``, ``definition``, ``reads`` of ``table`` (empty for a table).
    ``known`` maps the case-folded names of the schema's tables to their names (SQLite ignores case)."""
    marker = (table.__dict__.get("info") or {}).get(MARKER)
    declared = marker.get("view") if isinstance(marker, Mapping) else None
    if declared is None or declared is False:
        return {}
    facts = declared if isinstance(declared, Mapping) else {"definition": declared if isinstance(declared, str) else None}
    definition = facts.get("definition")
    definition = str(definition).strip() if definition is not None else None
    reads = facts.get("reads")
    if reads is None and definition:
        reads = [_key(s, n) for s, n in view_reads(definition, dialect.name, f"view {table.key}")]
    reads = {known.get(name.casefold(), name) if name not in known.values() else name for name in reads or ()}
    return {
        "kind": model.MATERIALIZED_VIEW if facts.get("materialized") else model.VIEW,
        "definition": definition,
        "reads": tuple(sorted(reads - {table.key})),
    }


def created_views(metadata: sa.MetaData, ddl: Spelling) -> list[model.Table]:
    """The views the metadata's ``after_create`` DDL elements create from a query (``name`` + ``selectable``)."""
    views = []
    for listener in metadata.dispatch.after_create:
        name, query = getattr(listener, "name", None), getattr(listener, "selectable", None)
        if not (isinstance(name, str) and isinstance(query, sa.sql.Selectable) and hasattr(query, "selected_columns")):
            continue
        where = f"view {name}"
        try:  # SQLAlchemy ends the lines of a SELECT with a space
            definition = "\n".join(line.rstrip() for line in str(
                query.compile(dialect=ddl.dialect, compile_kwargs={"literal_binds": True})).splitlines())
        except Exception:  # a construct this dialect cannot write: the spelling's fallbacks, with a warning
            definition = ddl.sql(query, where)
        reads = {_key(t.schema, t.name) for t in sa_util.find_tables(query, include_joins=True)
                 if isinstance(t, sa.Table)}
        views.append(model.Table(
            name=name,
            columns=tuple(model.Column(c.name, str(ddl.type(c.type, f"{where}, column {c.name}")), nullable=True)
                          for c in query.selected_columns),
            kind=model.MATERIALIZED_VIEW if getattr(listener, "materialized", False) else model.VIEW,
            definition=definition,
            reads=tuple(sorted(reads)),
        ))
    return views


def partitioning(table: sa.Table, dialect: Dialect) -> dict:
    """The Table fields ``partition_key`` and ``partitions``: the catalog's, else the models'
    ``postgresql_partition_by`` on PostgreSQL (the dialect whose DDL writes it; empty for a table not partitioned)."""
    marker = (table.__dict__.get("info") or {}).get(MARKER)
    found = marker.get("partitioning") if isinstance(marker, Mapping) else None
    if isinstance(found, Mapping):
        return {"partition_key": found["key"], "partitions": tuple(model.Partition(**p) for p in found["partitions"])}
    declared = table.dialect_options["postgresql"].get("partition_by") if dialect.name == "postgresql" else None
    return {"partition_key": str(declared)} if declared else {}


def triggers(table: sa.Table, dialect: Dialect) -> tuple[model.Trigger, ...]:
    """The table's triggers: the catalog's, else the ``CREATE TRIGGER`` DDL its ``after_create`` runs."""
    marker = (table.__dict__.get("info") or {}).get(MARKER)
    found = list(marker.get("triggers", ())) if isinstance(marker, Mapping) else []
    if not found and table.dispatch.after_create:
        for listener in table.dispatch.after_create:
            if isinstance(listener, sa.DDL) and _for_dialect(listener, dialect):
                text = _statement(listener, table, dialect)
                head = trigger_head(text)
                if head is not None:
                    found.append(model.Trigger(head[0], head[1], head[2], text))
    return tuple(sorted(found, key=lambda t: t.name))


def _for_dialect(ddl: sa.DDL, dialect: Dialect) -> bool:
    wanted = ddl._ddl_if.dialect if ddl._ddl_if is not None else None
    if wanted is None or dialect.name == "default":
        return True
    return dialect.name == wanted if isinstance(wanted, str) else dialect.name in wanted


def _statement(ddl: sa.DDL, table: sa.Table, dialect: Dialect) -> str:
    """The DDL's text with ``%(table)s``, ``%(schema)s``, ``%(fullname)s`` filled in as SQLAlchemy does."""
    preparer = dialect.identifier_preparer
    names = {"table": preparer.quote(table.name), "schema": preparer.quote_schema(table.schema or ""),
             "fullname": preparer.format_table(table)}
    try:
        return (ddl.statement % names).strip()
    except (KeyError, ValueError, TypeError):
        return ddl.statement.strip()


# an index's options the index table has columns for, and those that say how it was made, not what it is
_SHOWN_OPTIONS = frozenset({"where", "using", "include", "concurrently", "invalid"})


def index_definition(index: sa.Index, ddl: Spelling, options: Mapping[str, list]) -> str | None:
    """``CREATE INDEX`` where it says more than the index's other facts (operator classes, ``WITH``,
    ``NULLS NOT DISTINCT``, the ``mysql_*`` options), else None: repeating name, columns and method says nothing.
    As the database's catalog reported it, else as the dialect's DDL compiler writes it (labelled by dialect
    when generic); None too when the dialect cannot write it."""
    dialects = sorted({name for option, values in options.items() if option not in _SHOWN_OPTIONS
                       for name, _ in values})
    if not dialects:
        return None
    marker = (index.__dict__.get("info") or {}).get(MARKER)
    if isinstance(marker, Mapping) and marker.get("definition"):
        return str(marker["definition"])
    try:
        if not ddl.generic:
            return str(CreateIndex(index).compile(dialect=ddl.dialect)).strip()
        return "; ".join(f"{name}: {str(CreateIndex(index).compile(dialect=ddl.of(name).dialect)).strip()}"
                         for name in dialects)
    except Exception:
        return None


def types_and_sequences(metadata: sa.MetaData, dialect: Dialect) -> tuple[tuple[model.NamedType, ...],
                                                                        tuple[model.Sequence, ...]]:
    """The named types (with the columns using them) and sequences (with their owner), sorted."""
    catalog_types, catalog_sequences = metadata.info.get(OBJECTS, ((), ()))
    types = {(t.schema, t.name): t for t in catalog_types}
    users: dict[tuple[str | None, str], list[tuple[str, str]]] = {}
    for table in metadata.tables.values():
        for column in table.columns:
            named = _named_type(column.type, dialect)
            if named is not None:
                types.setdefault((named.schema, named.name), named)
                users.setdefault((named.schema, named.name), []).append((table.key, column.name))
    named_types = tuple(
        dataclasses.replace(named, columns=tuple(sorted(users.get(key, ()))))
        for key, named in sorted(types.items(), key=lambda pair: (pair[0][0] or "", pair[0][1]))
    )
    sequences = {(s.schema, s.name): s for s in catalog_sequences}
    if not catalog_sequences and getattr(dialect, "supports_sequences", True):
        owners = {id(c.default): (t.key, c.name) for t in metadata.tables.values() for c in t.columns
                  if isinstance(c.default, sa.Sequence)}
        for sequence in metadata._sequences.values():
            sequences[(sequence.schema, sequence.name)] = model.Sequence(
                sequence.name, sequence.schema, owners.get(id(sequence)), sequence.start, sequence.increment)
    return named_types, tuple(s for _, s in sorted(sequences.items(), key=lambda p: (p[0][0] or "", p[0][1])))


def _named_type(type_: sa.types.TypeEngine, dialect: Dialect) -> model.NamedType | None:
    from sqlalchemy.dialects.postgresql import DOMAIN

    if isinstance(type_, DOMAIN) and type_.name:
        # as PostgreSQL reports a domain: its base type NOT NULL when it says so, each CHECK as it is written
        base = type_.data_type.compile(dialect=dialect) if not isinstance(type_.data_type, type) else None
        base = f"{base} NOT NULL" if base and type_.not_null else base
        checks = (f"CHECK ({type_.check})",) if type_.check is not None else ()
        return model.NamedType(type_.name, type_.schema, "domain", base=base, checks=checks)
    if isinstance(type_, sa.Enum) and type_.native_enum and type_.name and dialect.name == "postgresql":
        return model.NamedType(type_.name, type_.schema, "enum", tuple(type_.enums))
    return None
