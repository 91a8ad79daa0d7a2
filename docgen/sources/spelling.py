"""How one dialect spells DDL: types, expressions, defaults, clauses and index options.

The configured dialect's DDL compiler is the oracle: :class:`Spelling` asks it
how ``CREATE TABLE`` / ``CREATE INDEX`` would write each thing, and whether it
would create a constraint or index at all (``_should_create_for_compiler``:
type-bound CHECKs of ``Boolean`` / ``Enum``, ``.ddl_if(dialect=...)``).

An expression the dialect cannot render never stops the run: it is rendered
by another built-in dialect, then without literal values, else shown as a
placeholder naming the construct; each such fallback prints one warning line
on stderr.
"""

from __future__ import annotations

import copy
import functools
import re
import sys

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.sql.ddl import CreateIndex
from sqlalchemy.sql.schema import DefaultClause

from ..errors import UsageError, printable
from ..model import sql_literals

# Dialects tried, in this order, for an expression the configured one cannot render.
FALLBACK_DIALECTS = ("postgresql", "sqlite")
_NOISE = re.compile(r" object at 0x[0-9a-fA-F]+|\s*\(Background on this error at: [^)]*\)")


def dialect_named(name: str | None) -> Dialect:
    """The SQLAlchemy dialect that spells types and expressions (generic when ``None``)."""
    if not name:
        return StrCompileDialect()
    try:
        loaded = sa.dialects.registry.load(name)
        return loaded if isinstance(loaded, Dialect) else loaded()  # "mariadb" loads as an instance
    except Exception as exc:  # NoSuchModuleError or a missing DBAPI-free import
        raise UsageError(f"unknown dialect {name!r}: {exc}") from None


class Spelling:
    """One dialect's DDL decisions: its DDL compiler, with fallbacks for what it cannot render."""

    def __init__(self, dialect: Dialect):
        self.dialect = dialect = _unescaped(dialect)
        self.generic = isinstance(dialect, StrCompileDialect)
        self.ddl = dialect.ddl_compiler(dialect, None)
        self._sql_compiler = None  # one statement compiler for every expression of this dialect
        self._others: dict[str, Spelling] = {}

    def creates(self, item: sa.Constraint | sa.Index) -> bool:
        """Whether this dialect's CREATE TABLE / CREATE INDEX makes ``item`` (type-bound rules, ``ddl_if``)."""
        if isinstance(item, sa.Index):
            return item._ddl_if is None or item._ddl_if._should_execute(CreateIndex(item), item, None, compiler=self.ddl)
        return item._should_create_for_compiler(self.ddl)

    def type(self, type_: sa.types.TypeEngine, where: str) -> str:
        """How the DDL spells ``type_``; an enum also lists its values (a native one by its name). MySQL's
        native enum is inline: its DDL spelling, ``ENUM('a','b')``, lists the values itself."""
        if isinstance(type_, sa.Enum):
            values = sql_literals(type_.enums)
            if type_.native_enum and self.dialect.supports_native_enum:
                if type_.name and self.dialect.name == "postgresql":
                    return f"ENUM {type_.name} ({values})"
                return self._type(type_, where) if self.dialect.name in ("mysql", "mariadb") else f"ENUM ({values})"
            return f"{self._type(type_, where)} ({values})"
        return self._type(type_, where)

    def _type(self, type_: sa.types.TypeEngine, where: str) -> str:
        try:
            return self.dialect.type_compiler_instance.process(type_)
        except Exception as exc:  # a type this dialect cannot spell: fall back to the generic one
            try:
                text = type_.compile(dialect=StrCompileDialect())
            except Exception:
                text = type(type_).__name__.upper()
            _warn(where, type(type_).__name__, self.dialect.name, exc, f"shown as {text}")
            return text

    def sql(self, element: sa.sql.ClauseElement | str, where: str) -> str:
        """SQL text of an expression as the DDL writes it; literal SQL (``text()``, strings) as written."""
        if isinstance(element, str):
            return element
        if isinstance(element, sa.TextClause):
            return element.text
        try:
            return self._compile(self.dialect, element, literal_binds=True)
        except Exception as exc:
            return self._fallback(element, where, exc)

    def _fallback(self, element: sa.sql.ClauseElement, where: str, error: Exception) -> str:
        construct = type(element).__name__
        for name in FALLBACK_DIALECTS:
            if name == self.dialect.name:
                continue
            try:
                text = self._compile(_builtin_dialect(name), element, literal_binds=True)
            except Exception:
                continue
            _warn(where, construct, self.dialect.name, error, f"shown as {name} renders it")
            return text
        try:
            text = self._compile(self.dialect, element, literal_binds=False)
        except Exception:
            text = f"<{construct}: cannot be rendered>"
            _warn(where, construct, self.dialect.name, error, f"shown as {text}")
            return text
        _warn(where, construct, self.dialect.name, error, "shown without its literal values")
        return text

    def _compile(self, dialect: Dialect, element: sa.sql.ClauseElement, literal_binds: bool) -> str:
        """``element`` as CREATE TABLE / CREATE INDEX write it (without the table name before columns)."""
        if dialect is not self.dialect or not literal_binds:  # a fallback: rare, a compiler of its own
            return str(dialect.statement_compiler(dialect, None).process(
                element, include_table=False, literal_binds=literal_binds))
        compiler, self._sql_compiler = self._sql_compiler or dialect.statement_compiler(dialect, None), None
        text = str(compiler.process(element, include_table=False, literal_binds=True))
        self._sql_compiler = compiler  # kept only after a success: a failure may leave it half-way
        return text

    def server_default(self, default: DefaultClause, where: str) -> str:
        """The DEFAULT clause's value as the DDL writes it (a string literal quoted: ``''``, ``'0'``)."""
        arg = default.arg
        if isinstance(arg, str):
            return self.ddl.sql_compiler.render_literal_value(arg, sa.types.STRINGTYPE)
        return self.sql(arg, where)

    def clause(self, item: sa.Computed | sa.Identity, where: str) -> str | None:
        """``GENERATED ... AS (...) STORED`` / ``GENERATED ... AS IDENTITY (...)`` as the DDL writes it."""
        if isinstance(item, sa.Identity) and not self.dialect.supports_identity_columns:
            return None
        try:
            return self.ddl.process(item)
        except Exception as exc:  # e.g. a computed expression only another dialect can write
            if isinstance(item, sa.Identity):
                text = "<Identity: cannot be rendered>"
            else:
                persisted = {True: " STORED", False: " VIRTUAL"}.get(item.persisted, "")
                text = f"GENERATED ALWAYS AS ({self.sql(item.sqltext, where)}){persisted}"
            _warn(where, type(item).__name__, self.dialect.name, exc, f"shown as {text}")
            return text

    def options(self, item: sa.SchemaItem) -> dict[str, list[tuple[str, object]]]:
        """Dialect-specific keywords by option (``where``), each as (dialect, value) pairs: this dialect's
        own, or every dialect's when generic. One pass over the item's keywords."""
        found: dict[str, list[tuple[str, object]]] = {}
        for key, value in sorted(item.dialect_kwargs.items(), key=lambda pair: pair[0]):
            name, _, option = key.partition("_")
            empty = value is None or (isinstance(value, (list, tuple)) and not value)
            if not empty and (self.generic or name == self.dialect.name):
                found.setdefault(option, []).append((name, value))
        return found

    def of(self, name: str) -> Spelling:
        """The spelling of the dialect ``name`` (this one when it cannot be loaded)."""
        if name == self.dialect.name:
            return self
        if name not in self._others:
            try:
                self._others[name] = Spelling(_builtin_dialect(name))
            except UsageError:
                self._others[name] = self
        return self._others[name]

    def option_text(self, values: list[tuple[str, object]], where: str) -> str | None:
        """A dialect-specific option's (dialect, value) pairs as text; when generic, labelled by dialect."""
        dialects_of: dict[str, list[str]] = {}
        for name, value in values:
            if isinstance(value, sa.sql.ClauseElement) and not isinstance(value, sa.TextClause):
                text = self.of(name).sql(value, where)
            elif isinstance(value, (list, tuple)):
                text = ", ".join(v if isinstance(v, str) else v.name for v in value)
            else:
                text = value.text if isinstance(value, sa.TextClause) else str(value)
            dialects_of.setdefault(text, []).append(name)
        if not self.generic:
            return next(iter(dialects_of), None)
        return "; ".join(f"{', '.join(names)}: {text}" for text, names in dialects_of.items()) or None


def _unescaped(dialect: Dialect) -> Dialect:
    """``dialect`` writing ``%`` as itself: a driver with ``format`` parameters would show it doubled (``%%``)."""
    if dialect.paramstyle not in ("format", "pyformat"):
        return dialect
    named = copy.copy(dialect)
    named.paramstyle = "named"
    named.identifier_preparer = named.preparer(named)
    return named


@functools.cache
def _builtin_dialect(name: str) -> Dialect:
    return dialect_named(name)


def _warn(where: str, construct: str, dialect: str, error: Exception, shown: str) -> None:
    """One line on stderr: what could not be rendered where, why, and how it is shown instead."""
    if isinstance(error, sa.exc.UnsupportedCompilationError):
        reason = "it has no compilation handler for this dialect"
    else:  # SQLAlchemy's messages may carry addresses and links: keep the output the same on every run
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        reason = _NOISE.sub("", reason)
    dialect = "generic" if dialect == "default" else dialect
    print(printable(f"docgen: warning: {where}: {construct} cannot be rendered by the {dialect} dialect "
                    f"({reason}); {shown}"), file=sys.stderr)


def type_name(type_: sa.types.TypeEngine, dialect: Dialect) -> str:
    """How ``dialect`` spells ``type_`` (the generic spelling when it cannot); enums list their values."""
    return Spelling(dialect).type(type_, f"type {type(type_).__name__}")
