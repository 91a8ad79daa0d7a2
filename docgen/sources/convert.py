"""The one converter from SQLAlchemy ``MetaData`` to the neutral :class:`Schema`.

Both sources (imported models and reflected databases) end here, so every
output is built from the same facts. The configured dialect's DDL is the
oracle: types, defaults, computed and identity clauses, CHECK bodies and index
expressions are spelled by that dialect's own DDL compiler, and a constraint
or index is shown only where that compiler would create it
(``_should_create_for_compiler``: type-bound CHECKs of ``Boolean`` / ``Enum``,
``.ddl_if(dialect=...)``). Column-level CHECKs count like table-level ones.

An expression the dialect cannot render never stops the run: it is rendered
by another built-in dialect, then without literal values, else shown as a
placeholder naming the construct; each such fallback prints one warning line
on stderr. Callables are named by their lambda source or qualified name,
never by a ``repr`` carrying a memory address; a value that differs between
two imports (``default=datetime.utcnow()``) is named by its type.
"""

from __future__ import annotations

import ast
import copy
import datetime
import enum
import functools
import inspect
import re
import sys
import tokenize
import uuid
from collections.abc import Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.sql.ddl import CreateIndex
from sqlalchemy.sql.schema import (
    DEFAULT_NAMING_CONVENTION,
    CallableColumnDefault,
    ColumnElementColumnDefault,
    DefaultClause,
    ScalarElementColumnDefault,
    Sequence,
)

from . import model
from .errors import UsageError, printable

# Dialects tried, in this order, for an expression the configured one cannot render.
FALLBACK_DIALECTS = ("postgresql", "sqlite")
# Values that are usually computed while the models are imported, so differ between two runs.
_IMPORT_TIME_TYPES = (datetime.datetime, datetime.date, datetime.time, uuid.UUID)
_NOISE = re.compile(r" object at 0x[0-9a-fA-F]+|\s*\(Background on this error at: [^)]*\)")


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
    check_references(metadata)
    ddl = Spelling(dialect or StrCompileDialect())
    class_docs = class_docs or {}
    tables = (_table(t, ddl, class_docs.get(t.key)) for t in metadata.tables.values())
    return model.Schema(
        tables=tuple(sorted(tables, key=lambda t: (t.schema or "", t.name))),
        lint=_lint_facts(metadata, ddl.dialect, classes or {}),
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
        """How the DDL spells ``type_``; an enum also lists its values (a native one by its name)."""
        if isinstance(type_, sa.Enum):
            values = ", ".join(repr(v) for v in type_.enums)
            if type_.native_enum and self.dialect.supports_native_enum:
                return f"ENUM {type_.name} ({values})" if type_.name else f"ENUM ({values})"
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

    def _spelling_of(self, name: str) -> Spelling:
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
                text = self._spelling_of(name).sql(value, where)
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


def _qualified(schema: str | None, name: str) -> str:
    return f"{schema}.{name}" if schema else name


def _table(table: sa.Table, ddl: Spelling, class_doc: str | None) -> model.Table:
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
    )


def _first_paragraph(doc: str | None) -> str | None:
    if not doc:
        return None
    return inspect.cleandoc(doc).split("\n\n", 1)[0].replace("\n", " ").strip() or None


def _column(column: sa.Column, ddl: Spelling, unique: bool, table_where: str) -> model.Column:
    where = f"{table_where}, column {column.name}"
    server_default = column.server_default
    return model.Column(
        name=column.name,
        type=sys.intern(ddl.type(column.type, where)),  # a few spellings shared by many columns
        nullable=bool(column.nullable),
        primary_key=column.primary_key,
        default=_default(column.default, ddl, where),
        server_default=_unparenthesized(ddl.server_default(server_default, where))
        if isinstance(server_default, DefaultClause) else None,
        comment=column.comment or column.doc or None,
        unique=bool(column.unique) or unique,
        computed=ddl.clause(column.computed, where) if column.computed is not None else None,
        identity=ddl.clause(column.identity, where) if column.identity is not None else None,
    )


def type_name(type_: sa.types.TypeEngine, dialect: Dialect) -> str:
    """How ``dialect`` spells ``type_`` (the generic spelling when it cannot); enums list their values."""
    return Spelling(dialect).type(type_, f"type {type(type_).__name__}")


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


def lambda_source(fn: object) -> str | None:
    """The source text of a lambda (``lambda: datetime.now(UTC)``) when it can be read, else ``None``."""
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__name__", None) != "<lambda>":
        return None
    try:
        lines, first = inspect.getsourcelines(fn)
    except (OSError, TypeError):
        return None
    starts = {(line, col) for line, _, col, _ in code.co_positions() if line is not None}
    found = []  # (source text, whether its body starts where the lambda's code does)
    tokens = _tokens(lines)
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == "lambda":
            node = _lambda_at(tokens, i, lines)
            if node is not None:
                row, col = token.start[0] + node.body.lineno - 1, node.body.col_offset
                col += token.start[1] - 1 if node.body.lineno == 1 else 0  # the text was parsed inside "(...)"
                found.append((ast.unparse(node), (first + row - 1, col) in starts))  # one line, tidy spacing
    exact = [text for text, matches in found if matches]
    candidates = exact or [text for text, _ in found]
    return candidates[0] if len(candidates) == 1 else None


def _tokens(lines: list[str]) -> list[tokenize.TokenInfo]:
    """The tokens of ``lines`` up to where they stop being Python (source cut out of a bigger statement)."""
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(iter(lines).__next__):
            tokens.append(token)
    except (tokenize.TokenError, IndentationError, StopIteration, SyntaxError):
        pass
    return tokens


def _lambda_at(tokens: list[tokenize.TokenInfo], i: int, lines: list[str]) -> ast.Lambda | None:
    """The lambda expression starting at ``tokens[i]``: up to a comma, bracket or line end outside brackets."""
    depth, seen_colon = 0, False
    end = tokens[-1].end
    for token in tokens[i + 1:]:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            if depth == 0:
                end = token.start
                break
            depth -= 1
        elif depth == 0 and token.type == tokenize.OP and token.string == ":":
            seen_colon = True
        elif depth == 0 and seen_colon and (
            (token.type == tokenize.OP and token.string in ",;") or token.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
        ):
            end = token.start
            break
    (row, col), (end_row, end_col) = tokens[i].start, end
    picked = lines[row - 1:end_row]
    picked[-1] = picked[-1][:end_col] if end_row > row else picked[-1]
    picked[0] = picked[0][col:end_col] if end_row == row else picked[0][col:]
    text = "".join(picked)
    try:
        node = ast.parse(f"({text})", mode="eval").body
    except SyntaxError:
        return None
    return node if isinstance(node, ast.Lambda) else None


def value_text(value: object) -> str:
    """A Python default value, spelled the same on every import."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, _IMPORT_TIME_TYPES):
        return f"{type(value).__module__}.{type(value).__qualname__} fixed at import"
    text = repr(value)
    return f"{type(value).__module__}.{type(value).__qualname__} object" if " at 0x" in text else text


def _default(default: object, ddl: Spelling, where: str) -> str | None:
    if default is None or getattr(default, "is_sentinel", False):
        return None
    if isinstance(default, ScalarElementColumnDefault):
        return value_text(default.arg)
    if isinstance(default, CallableColumnDefault):
        fn = getattr(default.arg, "__wrapped__", default.arg)  # SQLAlchemy wraps zero-argument callables
        return lambda_source(fn) or qualified_callable_name(fn) + "()"
    if isinstance(default, ColumnElementColumnDefault):
        return ddl.sql(default.arg, where)
    if isinstance(default, Sequence):
        if not ddl.dialect.supports_sequences:
            return None
        options = ddl.ddl.get_identity_options(default)
        return f"sequence {default.name}" + (f" ({options})" if options else "")
    return type(default).__name__


def _foreign_keys(table: sa.Table, ddl: Spelling) -> tuple[model.ForeignKey, ...]:
    fks = []
    for fkc in table.foreign_key_constraints:
        if not ddl.creates(fkc):
            continue
        elements = fkc.elements
        target = elements[0].column.table
        options = (ddl.ddl.define_constraint_match(fkc) + ddl.ddl.define_constraint_deferrability(fkc)).strip()
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
