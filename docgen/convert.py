"""The one converter from SQLAlchemy ``MetaData`` to the neutral :class:`Schema`.

Both sources (imported models and reflected databases) end here, so every
output is built from the same facts. Types and SQL expressions are spelled by
the chosen dialect; callables are named by their qualified name, never by a
``repr`` carrying a memory address.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import sys
from collections.abc import Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.sql.schema import (
    DEFAULT_NAMING_CONVENTION,
    CallableColumnDefault,
    ColumnElementColumnDefault,
    DefaultClause,
    ScalarElementColumnDefault,
    Sequence,
)

from . import model
from .errors import UsageError


def dialect_named(name: str | None) -> Dialect:
    """The SQLAlchemy dialect that spells types and expressions (generic when ``None``)."""
    if not name:
        return StrCompileDialect()
    try:
        return sa.dialects.registry.load(name)()
    except Exception as exc:  # NoSuchModuleError or a missing DBAPI-free import
        raise UsageError(f"unknown dialect {name!r}: {exc}") from None


def from_metadata(
    metadata: sa.MetaData,
    dialect: Dialect | None = None,
    class_docs: Mapping[str, str] | None = None,
    classes: Mapping[str, tuple[str, str]] | None = None,
) -> model.Schema:
    """Convert ``metadata``; ``class_docs`` maps a table's key to its model class docstring,
    ``classes`` to where that class is defined (file relative to the project root, qualified name)."""
    dialect = dialect or StrCompileDialect()
    class_docs = class_docs or {}
    tables = (_table(t, dialect, class_docs.get(t.key)) for t in metadata.tables.values())
    return model.Schema(
        tables=tuple(sorted(tables, key=lambda t: (t.schema or "", t.name))),
        lint=_lint_facts(metadata, dialect, classes or {}),
    )


def _lint_facts(metadata: sa.MetaData, dialect: Dialect, classes: Mapping[str, tuple[str, str]]) -> model.LintFacts:
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


def _table(table: sa.Table, dialect: Dialect, class_doc: str | None) -> model.Table:
    single_uniques = {
        next(iter(c.columns)).name
        for c in table.constraints
        if isinstance(c, sa.UniqueConstraint) and len(c.columns) == 1
    }
    return model.Table(
        name=table.name,
        schema=table.schema,
        comment=table.comment or _first_paragraph(class_doc),
        columns=tuple(_column(c, dialect, c.name in single_uniques) for c in table.columns),
        foreign_keys=_foreign_keys(table),
        uniques=_uniques(table),
        checks=_checks(table, dialect),
        indexes=_indexes(table, dialect),
    )


def _first_paragraph(doc: str | None) -> str | None:
    if not doc:
        return None
    return inspect.cleandoc(doc).split("\n\n", 1)[0].replace("\n", " ").strip() or None


def _column(column: sa.Column, dialect: Dialect, unique: bool) -> model.Column:
    return model.Column(
        name=column.name,
        type=sys.intern(type_name(column.type, dialect)),  # a few spellings shared by many columns
        nullable=bool(column.nullable),
        primary_key=column.primary_key,
        default=_default(column.default, dialect),
        server_default=_server_default(column.server_default, dialect),
        comment=column.comment or column.doc or None,
        unique=bool(column.unique) or unique,
    )


def type_name(type_: sa.types.TypeEngine, dialect: Dialect) -> str:
    """How ``dialect`` spells ``type_`` (the generic spelling when it cannot); enums list their values."""
    if isinstance(type_, sa.Enum):  # the allowed values are what a reader needs
        values = ", ".join(repr(v) for v in type_.enums)
        return f"ENUM {type_.name} ({values})" if type_.name else f"ENUM ({values})"
    try:
        return type_.compile(dialect=dialect)
    except Exception:  # a type this dialect cannot spell: fall back to the generic one
        try:
            return type_.compile(dialect=StrCompileDialect())
        except Exception:
            return type(type_).__name__.upper()


def _sql(element: sa.sql.ClauseElement, dialect: Dialect) -> str:
    """SQL text of an expression; literal SQL (``text()``, CHECK strings) is shown as written."""
    if isinstance(element, sa.TextClause):
        return element.text
    return str(element.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def qualified_callable_name(fn: object) -> str:
    """``module.QualName`` of a callable; bound builtins such as ``datetime.now`` included."""
    fn = inspect.unwrap(fn)  # type: ignore[arg-type]
    owner = getattr(fn, "__self__", None)
    module = getattr(fn, "__module__", None) or getattr(owner, "__module__", None)
    qualname = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if qualname is None:
        qualname = type(fn).__qualname__
        module = type(fn).__module__
    return f"{module}.{qualname}" if module and module != "builtins" else qualname


def _default(default: object, dialect: Dialect) -> str | None:
    if default is None:
        return None
    if isinstance(default, ScalarElementColumnDefault):
        value = default.arg
        return f"{type(value).__qualname__}.{value.name}" if isinstance(value, enum.Enum) else repr(value)
    if isinstance(default, CallableColumnDefault):
        return qualified_callable_name(default.arg) + "()"
    if isinstance(default, ColumnElementColumnDefault):
        return _sql(default.arg, dialect)
    if isinstance(default, Sequence):
        return f"sequence {default.name}"
    return type(default).__name__


def _server_default(default: object, dialect: Dialect) -> str | None:
    if not isinstance(default, DefaultClause):
        return None if default is None else type(default).__name__
    arg = default.arg
    return arg if isinstance(arg, str) else _sql(arg, dialect)


def _foreign_keys(table: sa.Table) -> tuple[model.ForeignKey, ...]:
    fks = []
    for fkc in table.foreign_key_constraints:
        elements = fkc.elements
        target = elements[0].column.table
        fks.append(
            model.ForeignKey(
                name=_name(fkc.name),
                columns=tuple(e.parent.name for e in elements),
                target_table=f"{target.schema}.{target.name}" if target.schema else target.name,
                target_columns=tuple(e.column.name for e in elements),
                ondelete=fkc.ondelete,
                onupdate=fkc.onupdate,
            )
        )
    return tuple(sorted(fks, key=lambda f: model.sort_key(f.name, f.columns, f.target_table)))


def _uniques(table: sa.Table) -> tuple[model.Unique, ...]:
    uniques = [
        model.Unique(_name(c.name), tuple(col.name for col in c.columns))
        for c in table.constraints
        if isinstance(c, sa.UniqueConstraint)
    ]
    declared = {u.columns for u in uniques}
    uniques += [
        model.Unique(None, (c.name,))
        for c in table.columns
        if c.unique and (c.name,) not in declared
    ]
    return tuple(sorted(uniques, key=lambda u: model.sort_key(u.name, u.columns)))


def _checks(table: sa.Table, dialect: Dialect) -> tuple[model.Check, ...]:
    checks = [
        model.Check(_name(c.name), _sql(c.sqltext, dialect))
        for c in table.constraints
        if isinstance(c, sa.CheckConstraint)
    ]
    return tuple(sorted(checks, key=lambda c: model.sort_key(c.name, c.sqltext)))


def _indexes(table: sa.Table, dialect: Dialect) -> tuple[model.Index, ...]:
    indexes = [
        model.Index(
            _name(ix.name),
            tuple(e.name if isinstance(e, sa.Column) else _sql(e, dialect) for e in ix.expressions),
            bool(ix.unique),
        )
        for ix in table.indexes
    ]
    return tuple(sorted(indexes, key=lambda i: model.sort_key(i.name, i.expressions)))


def _name(name: object) -> str | None:
    """Constraint names; SQLAlchemy's placeholder for "not named yet" counts as unnamed."""
    return str(name) if isinstance(name, str) else None
