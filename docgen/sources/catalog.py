"""What a live database holds beyond its tables, read from its own catalog: views, triggers, types, sequences.

One query per kind of object for all the schemas read, never one per table,
so a big database costs what its reflection costs. Per dialect:

- PostgreSQL: each index's definition (``pg_get_indexdef``); views and materialized views with ``pg_get_viewdef`` and the
  tables they read from ``pg_depend`` / ``pg_rewrite``; triggers (not the
  internal ones behind foreign keys) with ``pg_get_triggerdef`` and the
  function they run; native enum types with their labels; domains with their
  base type and checks; sequences with the column that owns them; partitioned tables with
  their partition key (``pg_get_partkeydef``) and partitions with their bounds: a partition is
  documented with the table it partitions, not as a table (their columns, keys and indexes are
  the table's own, copied).
- SQLite: views, triggers and index definitions from ``sqlite_master`` (their SQL text); the
  tables a view reads are parsed from it (:mod:`.sqltext`); the primary-key columns that can never
  hold NULL though their declaration lets them (``id INTEGER PRIMARY KEY``, the rowid; every key column
  of a ``WITHOUT ROWID`` table), which SQLite's reflection reports nullable, are NOT NULL.
- MySQL / MariaDB: views and triggers from ``information_schema``; what a
  view reads is parsed from its definition.

The facts are attached to the reflected ``MetaData`` the way the models
declare them (:mod:`.objects`): a view's table gets the ``info`` marker, so
both sources reach the converter by one path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import model
from .objects import MARKER, OBJECTS
from .sqltext import trigger_head, view_reads

_PG_VIEWS = """
SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(:schemas)"""
_PG_VIEW_READS = """
SELECT DISTINCT vn.nspname, v.relname, tn.nspname, t.relname
FROM pg_rewrite r
JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
WHERE v.relkind IN ('v', 'm') AND vn.nspname = ANY(:schemas) AND t.oid <> v.oid"""
_PG_TRIGGERS = """
SELECT n.nspname, c.relname, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, true), pg_get_functiondef(t.tgfoid)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname = ANY(:schemas)"""
_PG_ENUMS = """
SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(:schemas) GROUP BY n.nspname, t.typname"""
_PG_DOMAINS = """
SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull,
       ARRAY(SELECT pg_get_constraintdef(k.oid, true) FROM pg_constraint k WHERE k.contypid = t.oid
             ORDER BY k.conname)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd' AND n.nspname = ANY(:schemas)"""
_PG_SEQUENCES = """
SELECT n.nspname, c.relname, s.seqstart, s.seqincrement, tn.nspname, t.relname, a.attname
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE n.nspname = ANY(:schemas)"""
_PG_INDEXES = """
SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = ANY(:schemas)"""
_PG_PARTITIONS = """
SELECT n.nspname, c.relname, pg_get_partkeydef(c.oid), pn.nspname, p.relname, pg_get_expr(c.relpartbound, c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_class p ON p.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE (c.relkind = 'p' OR c.relispartition) AND n.nspname = ANY(:schemas)"""
# pg_trigger.tgtype bits
_PG_BEFORE, _PG_INSTEAD = 2, 64
_PG_EVENTS = ((4, "INSERT"), (16, "UPDATE"), (8, "DELETE"), (32, "TRUNCATE"))


@dataclass(frozen=True)
class Catalog:
    """What the catalog of the schemas read holds, keyed as the reflected ``MetaData`` keys its tables."""

    views: dict[str, dict]
    triggers: dict[str, list[model.Trigger]]
    types: list[model.NamedType]
    sequences: list[model.Sequence]
    indexes: dict[tuple[str, str], str]  # (table key, index name) -> definition
    partitioned: dict[str, str] = field(default_factory=dict)  # table key -> its partition key
    partitions: dict[str, tuple[str, str]] = field(default_factory=dict)  # partition key -> (parent key, bound)
    never_null: frozenset[tuple[str, str]] = frozenset()  # (table key, column) NULL can never be stored in


def read(connection: Connection, schemas: list[str | None]) -> Catalog | None:
    """The catalog of ``schemas`` (None: the default one); None for a dialect whose catalog docgen does not read."""
    reader = {"postgresql": _postgresql, "sqlite": _sqlite, "mysql": _mysql, "mariadb": _mysql}.get(
        connection.dialect.name)
    if reader is None:
        return None
    default = sa.inspect(connection).default_schema_name

    def local(schema: str | None) -> str | None:
        return None if schema in (None, "", default) else schema

    return Catalog(*reader(connection, [schema or default for schema in schemas], local))


def attach(metadata: sa.MetaData, catalog: Catalog | None) -> None:
    """Attach what ``catalog`` says to the reflected ``metadata``, the way the models declare it."""
    if catalog is None:
        return
    _fold_partitions(metadata, catalog)
    for table in metadata.tables.values():
        key = model_key(table.schema, table.name)
        for index in table.indexes:
            if (key, index.name) in catalog.indexes:
                index.info.setdefault(MARKER, {})["definition"] = catalog.indexes[(key, index.name)]
        if key in catalog.views:
            table.info.setdefault(MARKER, {})["view"] = catalog.views[key]
        if key in catalog.triggers:
            table.info.setdefault(MARKER, {})["triggers"] = catalog.triggers[key]
        for column in table.columns:
            if (key, column.name) in catalog.never_null:
                column.nullable = False
    metadata.info[OBJECTS] = (tuple(catalog.types), tuple(catalog.sequences))


def _fold_partitions(metadata: sa.MetaData, catalog: Catalog) -> None:
    """Partitions are listed with the partitioned table they belong to (at any depth: a sub-partition with the
    top table, naming its parent) and leave the tables; one that a foreign key points at stays a table too,
    and one whose top table was not read stays only a table."""
    def top(key: str) -> str:
        while key in catalog.partitions:
            key = catalog.partitions[key][0]
        return key

    targets = {fk.target_fullname.rsplit(".", 1)[0] for t in metadata.tables.values() for fk in t.foreign_keys}
    folded: dict[str, list[dict]] = {}
    for key, (parent, bound) in catalog.partitions.items():
        root = top(key)
        if key in metadata.tables and root in metadata.tables:
            shown_parent = None if parent == root else parent
            folded.setdefault(root, []).append({"name": key, "bound": bound, "parent": shown_parent})
            if key not in targets:
                metadata.remove(metadata.tables[key])
    for key, partition_key in catalog.partitioned.items():
        if key in metadata.tables and key not in catalog.partitions:
            metadata.tables[key].info.setdefault(MARKER, {})["partitioning"] = {
                "key": partition_key, "partitions": sorted(folded.get(key, []), key=lambda p: p["name"])}


def partition_names(metadata: sa.MetaData) -> set[str]:
    """The keys of the partitions :func:`attach` listed with the tables of ``metadata``."""
    names: set[str] = set()
    for table in metadata.tables.values():
        partitioning = ((table.__dict__.get("info") or {}).get(MARKER) or {}).get("partitioning") or {}
        names.update(partition["name"] for partition in partitioning.get("partitions", ()))
    return names


def model_key(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def _postgresql(connection: Connection, names: list[str], local):
    run = lambda sql: connection.execute(sa.text(sql), {"schemas": names}).all()  # noqa: E731
    reads: dict[str, list[str]] = {}
    for schema, view, target_schema, target in run(_PG_VIEW_READS):
        reads.setdefault(model_key(local(schema), view), []).append(model_key(local(target_schema), target))
    views = {
        model_key(local(schema), name): {"definition": definition.strip(), "materialized": materialized,
                                          "reads": sorted(reads.get(model_key(local(schema), name), []))}
        for schema, name, materialized, definition in run(_PG_VIEWS)
    }
    triggers: dict[str, list[model.Trigger]] = {}
    for schema, table, name, bits, definition, function in run(_PG_TRIGGERS):
        timing = "BEFORE" if bits & _PG_BEFORE else "INSTEAD OF" if bits & _PG_INSTEAD else "AFTER"
        events = tuple(event for bit, event in _PG_EVENTS if bits & bit)
        triggers.setdefault(model_key(local(schema), table), []).append(
            model.Trigger(name, timing, events, definition, function.strip()))
    types = [model.NamedType(name, local(schema), "enum", tuple(labels)) for schema, name, labels in run(_PG_ENUMS)]
    types += [
        model.NamedType(name, local(schema), "domain", base=base + (" NOT NULL" if not_null else ""),
                        checks=tuple(checks))
        for schema, name, base, not_null, checks in run(_PG_DOMAINS)
    ]
    sequences = [
        model.Sequence(name, local(schema), (model_key(local(owner_schema), owner), column) if owner else None,
                       start, increment)
        for schema, name, start, increment, owner_schema, owner, column in run(_PG_SEQUENCES)
    ]
    indexes = {(model_key(local(schema), table), name): definition
               for schema, table, name, definition in run(_PG_INDEXES)}
    partitioned, partitions = {}, {}
    for schema, name, partition_key, parent_schema, parent, bound in run(_PG_PARTITIONS):
        if partition_key:
            partitioned[model_key(local(schema), name)] = partition_key
        if parent:
            partitions[model_key(local(schema), name)] = (model_key(local(parent_schema), parent), bound)
    return views, triggers, types, sequences, indexes, partitioned, partitions


# sqlite_master keeps each CREATE TABLE as it was written: the table options follow its last parenthesis.
_WITHOUT_ROWID = re.compile(r"\)[^)]*\bWITHOUT\s+ROWID\b[^)]*$", re.IGNORECASE)


def _sqlite(connection: Connection, names: list[str], local):
    views, triggers, indexes, never_null = {}, {}, {}, set()
    for schema in names:
        master = f"{connection.dialect.identifier_preparer.quote(schema)}.sqlite_master"
        never_null |= {(model_key(local(schema), table), column)
                       for table, column in _never_null(connection, schema, master)}
        rows = connection.execute(sa.text(f"SELECT type, name, tbl_name, sql FROM {master} "
                                          "WHERE type IN ('view', 'trigger', 'index') AND sql IS NOT NULL")).all()
        for kind, name, table, sql in rows:
            if kind == "index":
                indexes[(model_key(local(schema), table), name)] = sql.strip()
                continue
            key = model_key(local(schema), name if kind == "view" else table)
            if kind == "view":
                views[key] = {"definition": sql.strip(), "reads": _read_names(sql, "sqlite", key, local)}
            elif (head := trigger_head(sql)) is not None:
                triggers.setdefault(key, []).append(model.Trigger(name, *head[1:], sql.strip()))
    return views, triggers, [], [], indexes, {}, {}, frozenset(never_null)


def _never_null(connection: Connection, schema: str, master: str) -> list[tuple[str, str]]:
    """(table, column) of the key columns of SQLite's ``schema`` (its ``master`` table) that SQLite never lets hold
    NULL: the one ``INTEGER`` key column of a rowid table (the rowid itself), every key column of a ``WITHOUT
    ROWID`` table."""
    keys: dict[str, list[tuple[str, str]]] = {}
    without_rowid: set[str] = set()
    for table, sql, column, declared in connection.execute(sa.text(
            f"SELECT m.name, m.sql, p.name, p.type FROM {master} m JOIN pragma_table_info(m.name, :schema) p "
            "WHERE m.type = 'table' AND p.pk > 0"), {"schema": schema}):
        keys.setdefault(table, []).append((column, declared))
        if _WITHOUT_ROWID.search(sql or ""):
            without_rowid.add(table)
    return [(table, column) for table, columns in keys.items() for column, declared in columns
            if table in without_rowid or (len(columns) == 1 and declared.upper() == "INTEGER")]


def _mysql(connection: Connection, names: list[str], local):
    rows = connection.execute(sa.text(
        "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "
        "WHERE TABLE_SCHEMA IN :schemas").bindparams(sa.bindparam("schemas", expanding=True)), {"schemas": names})
    views = {}
    for schema, name, definition in rows:
        key = model_key(local(schema), name)
        views[key] = {"definition": definition.strip(), "reads": _read_names(definition, "mysql", key, local)}
    rows = connection.execute(sa.text(
        "SELECT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, "
        "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA IN :schemas"
    ).bindparams(sa.bindparam("schemas", expanding=True)), {"schemas": names})
    triggers: dict[str, list[model.Trigger]] = {}
    for schema, table, name, timing, event, body in rows:
        triggers.setdefault(model_key(local(schema), table), []).append(
            model.Trigger(name, timing, (event,), body.strip()))
    return views, triggers, [], [], {}  # MySQL keeps no index definition: the dialect writes it


def _read_names(sql: str, dialect: str, view: str, local) -> list[str]:
    return [model_key(local(schema), name) for schema, name in view_reads(sql, dialect, f"view {view}")]
