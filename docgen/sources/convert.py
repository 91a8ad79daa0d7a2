"""The one converter from SQLAlchemy ``MetaData`` to the neutral :class:`Schema`: the walk over tables.

Both sources (imported models and reflected databases) end here, so every
output is built from the same facts. The walk visits each table, its columns,
foreign keys, UNIQUEs, CHECKs (column-level ones count like table-level ones)
and indexes once; how each is spelled, and whether the dialect's DDL creates
it at all, is :mod:`.spelling`'s decision, and a Python-side default's text is
:mod:`.defaults`'.
"""

from __future__ import annotations

import datetime
import inspect
import re
import sys
from collections.abc import Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.sql.schema import (
    DEFAULT_NAMING_CONVENTION,
    DefaultClause,
    ScalarElementColumnDefault,
)

from .. import model
from ..errors import UsageError, printable
from . import objects
from .defaults import python_default
from .spelling import Spelling


def from_metadata(
    metadata: sa.MetaData,
    dialect: Dialect | None = None,
    class_docs: Mapping[str, str] | None = None,
    classes: Mapping[str, tuple[str, str]] | None = None,
    relationships: Mapping[str, tuple[model.OrmRelationship, ...]] | None = None,
    modules: Mapping[str, str] | None = None,
) -> model.Schema:
    """Convert ``metadata``; ``class_docs`` maps a table's key to its model class docstring,
    ``classes`` to where that class is defined (file relative to the project root, qualified name),
    ``relationships`` to its ORM-only references (:mod:`.relationships`), ``modules`` to its class's module."""
    check_references(metadata)
    ddl = Spelling(dialect or StrCompileDialect())
    class_docs = class_docs or {}
    known = {key.casefold(): key for key in metadata.tables}
    relationships = relationships or {}
    tables = [_table(t, ddl, class_docs.get(t.key), known, relationships.get(t.key, ()))
              for t in metadata.tables.values()]
    tables += objects.created_views(metadata, ddl)
    types, sequences = objects.types_and_sequences(metadata, ddl.dialect)
    return model.Schema(
        tables=tuple(sorted(tables, key=lambda t: (t.schema or "", t.name))),
        types=types,
        sequences=sequences,
        lint=_lint_facts(metadata, ddl.dialect, classes or {}, modules or {}),
    )


def _lint_facts(metadata: sa.MetaData, dialect: Dialect, classes: Mapping[str, tuple[str, str]],
                modules: Mapping[str, str]) -> model.LintFacts:
    ignores = {}
    import_time_defaults = set()
    for table in metadata.tables.values():
        for key, item in _with_columns(table):
            info = item.__dict__.get("info")  # reading .info would create a dict on every item
            if info:
                rules = _lint_ignore(info)
                if rules:
                    ignores[key] = rules
            if isinstance(item, sa.Column) and _is_import_time_value(item.default):
                import_time_defaults.add(key)
    return model.LintFacts(
        naming_convention=dict(metadata.naming_convention) != dict(DEFAULT_NAMING_CONVENTION),
        ignores=ignores,
        import_time_defaults=frozenset(import_time_defaults),
        dialect=dialect.name,
        reserved_words=frozenset(w.lower() for w in dialect.identifier_preparer.reserved_words),
        max_identifier_length=dialect.max_identifier_length,
        classes=dict(classes),
        modules=dict(modules),
    )


def _with_columns(table: sa.Table) -> Iterator[tuple[str, sa.Table | sa.Column]]:
    """``table`` and its columns, each with its key in :class:`model.LintFacts` ("table", "table.column")."""
    yield table.key, table
    for column in table.columns:
        yield f"{table.key}.{column.name}", column


def _lint_ignore(info: Mapping) -> tuple[str, ...]:
    """The rule ids of ``info={"docgen": {"lint-ignore": [...]}}`` (one id may be a plain string)."""
    docgen = info.get("docgen")
    rules = docgen.get("lint-ignore") if isinstance(docgen, Mapping) else None
    if isinstance(rules, str):
        return (rules,)
    return tuple(str(rule) for rule in rules) if isinstance(rules, (list, tuple)) else ()


def _is_import_time_value(default: object) -> bool:
    """A date or time *value* as the default: computed once, when the models were imported."""
    return isinstance(default, ScalarElementColumnDefault) and isinstance(
        default.arg, (datetime.date, datetime.time)
    )


def check_references(metadata: sa.MetaData) -> None:
    """Every foreign key must point at a loaded table and column, else one :class:`UsageError` line."""
    for table in metadata.tables.values():
        for fkc in table.foreign_key_constraints:
            for element in fkc.elements:
                try:
                    element.column  # noqa: B018  (resolving the target is the check)
                except sa.exc.NoReferencedTableError as exc:
                    raise UsageError(printable(
                        f"foreign key {_qualified(table.schema, table.name)}.{element.parent.name} references table "
                        f"{exc.table_name!r}, which is not among the loaded models: import the module that "
                        "defines it (e.g. from the models module) or fix the name"
                    )) from None
                except sa.exc.NoReferencedColumnError as exc:
                    raise UsageError(printable(
                        f"foreign key {_qualified(table.schema, table.name)}.{element.parent.name} references "
                        f"column {exc.table_name}.{exc.column_name}, which does not exist"
                    )) from None


def _qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def _table(table: sa.Table, ddl: Spelling, class_doc: str | None, known: Mapping[str, str],
           references: tuple[model.OrmRelationship, ...] = ()) -> model.Table:
    single_uniques = {
        next(iter(c.columns)).name
        for c in table.constraints
        if isinstance(c, sa.UniqueConstraint) and len(c.columns) == 1 and ddl.creates(c)
    }
    where = f"table {_qualified(table.schema, table.name)}"
    return model.Table(
        name=table.name,
        schema=table.schema,
        comment=table.comment or _first_paragraph(class_doc),
        columns=tuple(_column(c, ddl, c.name in single_uniques, where) for c in table.columns if not c.system),
        foreign_keys=_foreign_keys(table, ddl),
        uniques=_uniques(table, ddl),
        checks=_checks(table, ddl, where),
        indexes=_indexes(table, ddl, where),
        triggers=objects.triggers(table, ddl.dialect),
        primary_key_name=_name(table.primary_key.name) if table.primary_key.columns else None,
        orm_relationships=references,
        **objects.view(table, ddl.dialect, known),
        **objects.partitioning(table, ddl.dialect),
    )


def _first_paragraph(doc: str | None) -> str | None:
    if not doc:
        return None
    return _plain_roles(inspect.cleandoc(doc).split("\n\n", 1)[0].replace("\n", " ").strip()) or None


# A reST/Sphinx role (:class:`~pkg.Model`, :py:meth:`run <pkg.Job.run>`) or literal (``x``) in a docstring.
_ROLE = re.compile(r":(?:[\w-]+:)*[\w-]+:`([^`]+)`|``([^`]+)``")


def _plain_roles(text: str) -> str:
    """Roles and literals as the name they show, in single backticks (shown as code): not markup noise."""
    def shown(match: re.Match) -> str:
        if match.group(2) is not None:
            return f"`{match.group(2)}`"
        target = re.sub(r"\s*<[^<>]*>$", "", match.group(1)).lstrip("!") or match.group(1)
        return f"`{target[1:].rsplit('.', 1)[-1] if target.startswith('~') else target}`"

    return _ROLE.sub(shown, text)


def _column(column: sa.Column, ddl: Spelling, unique: bool, table_where: str) -> model.Column:
    where = f"{table_where}, column {column.name}"
    server_default = column.server_default
    return model.Column(
        name=column.name,
        type=sys.intern(str(ddl.type(column.type, where))),  # a few spellings shared by many columns
        nullable=bool(column.nullable),
        primary_key=column.primary_key,
        default=python_default(column.default, ddl, where),
        server_default=_unparenthesized(ddl.server_default(server_default, where))
        if isinstance(server_default, DefaultClause) else None,
        comment=column.comment or (_plain_roles(column.doc) if column.doc else None),
        unique=bool(column.unique) or unique,
        computed=ddl.clause(column.computed, where) if column.computed is not None else None,
        identity=ddl.clause(column.identity, where) if column.identity is not None else None,
    )


def _foreign_keys(table: sa.Table, ddl: Spelling) -> tuple[model.ForeignKey, ...]:
    fks = []
    for fkc in table.foreign_key_constraints:
        if not ddl.creates(fkc):
            continue
        elements = fkc.elements
        target = elements[0].column.table
        try:
            options = (ddl.ddl.define_constraint_match(fkc) + ddl.ddl.define_constraint_deferrability(fkc)).strip()
        except sa.exc.CompileError as exc:  # e.g. initially="LATER!" or match="FULL!": the model's to fix
            raise UsageError(f"table {table.key}: foreign key ({', '.join(e.parent.name for e in elements)}) -> "
                             f"{target.name}: {printable(str(exc))}; fix its match/deferrable/initially") from None
        fks.append(
            model.ForeignKey(
                name=_name(fkc.name),
                columns=tuple(e.parent.name for e in elements),
                target_table=_qualified(target.schema, target.name),
                target_columns=tuple(e.column.name for e in elements),
                ondelete=fkc.ondelete,
                onupdate=fkc.onupdate,
                options=options or None,
            )
        )
    return tuple(sorted(fks, key=lambda f: model.sort_key(f.name, f.columns, f.target_table)))


def _uniques(table: sa.Table, ddl: Spelling) -> tuple[model.Unique, ...]:
    uniques = [
        model.Unique(_name(c.name), tuple(col.name for col in c.columns))
        for c in table.constraints
        if isinstance(c, sa.UniqueConstraint) and ddl.creates(c)
    ]
    declared = {u.columns for u in uniques}
    uniques += [
        model.Unique(None, (c.name,))
        for c in table.columns
        if c.unique and (c.name,) not in declared
    ]
    return tuple(sorted(uniques, key=lambda u: model.sort_key(u.name, u.columns)))


def _checks(table: sa.Table, ddl: Spelling, where: str) -> tuple[model.Check, ...]:
    checks = [
        model.Check(_name(c.name), ddl.sql(c.sqltext, f"{where}, check {_name(c.name) or c.sqltext}"))
        for c in table.constraints
        if isinstance(c, sa.CheckConstraint) and ddl.creates(c)
    ]
    checks += [  # column-level: CREATE TABLE writes every one after its column
        model.Check(_name(c.name), ddl.sql(c.sqltext, f"{where}, column {column.name}, check"), column.name)
        for column in table.columns
        for c in column.constraints
        if isinstance(c, sa.CheckConstraint)
    ]
    return tuple(sorted(checks, key=lambda c: model.sort_key(c.name, c.sqltext)))


def _indexes(table: sa.Table, ddl: Spelling, where: str) -> tuple[model.Index, ...]:
    indexes = []
    for ix in table.indexes:
        if not ddl.creates(ix):
            continue
        at = f"{where}, index {_name(ix.name) or '(unnamed)'}"
        options = ddl.options(ix)
        indexes.append(model.Index(
            _name(ix.name),
            tuple(e.name if isinstance(e, sa.Column) else ddl.sql(e, at) for e in ix.expressions),
            bool(ix.unique),
            where=_unparenthesized(ddl.option_text(options.get("where", []), at)),
            using=ddl.option_text(options.get("using", []), at),
            include=ddl.option_text(options.get("include", []), at),
            definition=objects.index_definition(ix, ddl, options),
        ))
    return tuple(sorted(indexes, key=lambda i: model.sort_key(i.name, i.expressions)))


def _unparenthesized(sql: str | None) -> str | None:
    """``(a > 0)`` → ``a > 0``: databases report an index's WHERE (PostgreSQL) or a default (SQLite) either way."""
    if sql is None or not (sql.startswith("(") and sql.endswith(")")):
        return sql
    depth = 0
    for position, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and position < len(sql) - 1:
            return sql  # (a) AND (b): the first parenthesis closes early
    return sql[1:-1]


def _name(name: object) -> str | None:
    """Constraint names; SQLAlchemy's placeholder for "not named yet" counts as unnamed."""
    return str(name) if isinstance(name, str) else None
