"""The neutral schema: frozen, SQLAlchemy-free facts about tables.

Everything after the converter works on these dataclasses only. Ordering is
decided once, here: tables by ``(schema, name)``, columns in declaration order,
constraints and indexes by a stable key. Derived facts (who references a
table) are computed from the schema, never stored twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

JSON_FORMAT = 2  # bumped whenever the shape of Schema.to_dict() changes incompatibly


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    nullable: bool
    primary_key: bool = False
    default: str | None = None
    server_default: str | None = None
    comment: str | None = None
    unique: bool = False
    computed: str | None = None  # GENERATED ALWAYS AS (...) [STORED|VIRTUAL], as the dialect writes it
    identity: str | None = None  # GENERATED ... AS IDENTITY (...), where the dialect has identity columns


@dataclass(frozen=True, slots=True)
class ForeignKey:
    name: str | None
    columns: tuple[str, ...]
    target_table: str  # qualified name of the referenced table
    target_columns: tuple[str, ...]
    ondelete: str | None = None
    onupdate: str | None = None
    options: str | None = None  # DEFERRABLE / INITIALLY ... / MATCH ..., as the dialect writes them


@dataclass(frozen=True, slots=True)
class Unique:
    name: str | None
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Check:
    name: str | None
    sqltext: str
    column: str | None = None  # set for a column-level CHECK (declared on the column)


@dataclass(frozen=True, slots=True)
class Index:
    name: str | None
    expressions: tuple[str, ...]  # column names, or expressions with their ordering (``a DESC NULLS LAST``)
    unique: bool = False
    where: str | None = None  # a partial index's condition
    using: str | None = None  # the index method (``gin``), where the dialect has one
    include: str | None = None  # INCLUDE columns (covering index)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    schema: str | None = None
    comment: str | None = None
    columns: tuple[Column, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    uniques: tuple[Unique, ...] = ()
    checks: tuple[Check, ...] = ()
    indexes: tuple[Index, ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    @property
    def primary_key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.primary_key)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True)
class LintFacts:
    """What ``docgen lint`` needs beyond the documented facts; not compared, not in the JSON."""

    naming_convention: bool = False  # the MetaData names constraints by a convention of its own
    ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "table" / "table.column" -> rule ids
    import_time_defaults: frozenset[str] = frozenset()  # "table.column" whose default is a date/time value
    dialect: str = "default"  # the name of the dialect the next two come from
    reserved_words: frozenset[str] = field(default=frozenset(), repr=False)  # the dialect's, lower case
    max_identifier_length: int | None = None  # the dialect's, in bytes
    classes: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # table -> (model file, class qualname)

    def to_dict(self) -> dict:
        """The facts as plain JSON-ready data (sets sorted), for the cache; :meth:`from_dict` reads it back."""
        return {
            "naming_convention": self.naming_convention,
            "ignores": {key: list(rules) for key, rules in sorted(self.ignores.items())},
            "import_time_defaults": sorted(self.import_time_defaults),
            "dialect": self.dialect,
            "reserved_words": sorted(self.reserved_words),
            "max_identifier_length": self.max_identifier_length,
            "classes": {key: list(where) for key, where in sorted(self.classes.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LintFacts:
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not docgen's lint facts: {exc!r}") from None

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> LintFacts:
        return cls(
            naming_convention=_typed(data["naming_convention"], bool),
            ignores={_typed(k, str): _strings(v) for k, v in _typed(data["ignores"], dict).items()},
            import_time_defaults=frozenset(_strings(data["import_time_defaults"])),
            dialect=_typed(data["dialect"], str),
            reserved_words=frozenset(_strings(data["reserved_words"])),
            max_identifier_length=_typed(data["max_identifier_length"], (int, type(None))),
            classes={_typed(k, str): _pair(v) for k, v in _typed(data["classes"], dict).items()},
        )


@dataclass(frozen=True)  # no slots: its indexes are cached on the instance
class Schema:
    tables: tuple[Table, ...] = field(default_factory=tuple)
    lint: LintFacts = field(default_factory=LintFacts, compare=False)

    @cached_property
    def _by_name(self) -> dict[str, Table]:
        return {t.qualified_name: t for t in self.tables}

    @cached_property
    def _referencing(self) -> dict[str, list[tuple[Table, ForeignKey]]]:
        index: dict[str, list[tuple[Table, ForeignKey]]] = {}
        for t in self.tables:
            for fk in t.foreign_keys:
                index.setdefault(fk.target_table, []).append((t, fk))
        return index

    def table(self, qualified_name: str) -> Table | None:
        return self._by_name.get(qualified_name)

    def referenced_by(self, qualified_name: str) -> tuple[tuple[Table, ForeignKey], ...]:
        """Every (table, foreign key) pointing at ``qualified_name``, in schema order."""
        return tuple(self._referencing.get(qualified_name, ()))

    def to_dict(self) -> dict:
        """The schema as plain JSON-ready data: the documented shape of ``docgen inspect --json``."""
        return {
            "format": JSON_FORMAT,
            "tables": [{"qualified_name": t.qualified_name, **asdict(t)} for t in self.tables],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], lint: LintFacts | None = None) -> Schema:
        """The schema :meth:`to_dict` gave, exactly; anything else is a ``ValueError``.

        The JSON holds no lint facts: pass them (``LintFacts.from_dict``) when they were kept apart.
        """
        try:
            if data.get("format") != JSON_FORMAT:
                raise ValueError(f"not a docgen schema of format {JSON_FORMAT}")
            tables = tuple(_table(t) for t in _typed(data["tables"], _SEQUENCE))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a docgen schema: {exc!r}") from None
        return cls(tables, lint if lint is not None else LintFacts())


_PARTS = {"columns": Column, "foreign_keys": ForeignKey, "uniques": Unique, "checks": Check, "indexes": Index}
_SEQUENCE = (list, tuple)  # a list read from JSON, a tuple straight from to_dict
# What a field of each annotation may hold (None: a sequence of strings, held as a tuple).
_ALLOWED: dict[str, tuple[type, ...] | None] = {
    "str": (str,), "bool": (bool,), "str | None": (str, type(None)), "tuple[str, ...]": None,
}
_FIELDS = {kind: {f.name: _ALLOWED[f.type] for f in fields(kind) if kind is not Table or f.name not in _PARTS}
           for kind in (*_PARTS.values(), Table)}  # a table's own fields, without its parts


def _table(data: Mapping[str, Any]) -> Table:
    flat = {k: v for k, v in _typed(data, dict).items() if k not in _PARTS and k != "qualified_name"}
    parts = {key: tuple(_record(kind, item) for item in _typed(data.get(key), _SEQUENCE)) for key, kind in _PARTS.items()}
    if data.keys() != _FIELDS[Table].keys() | _PARTS.keys() | {"qualified_name"}:
        raise ValueError(f"table fields {sorted(data)} are not {sorted(_FIELDS[Table].keys() | _PARTS.keys())}")
    table = Table(**_checked(Table, flat), **parts)
    if data["qualified_name"] != table.qualified_name:
        raise ValueError(f"table {table.qualified_name!r} is named {data['qualified_name']!r}")
    return table


def _record(kind: type, data: Mapping[str, Any]) -> Any:
    """A flat record of ``kind`` from its ``asdict``: every field there, of its type; lists back to tuples."""
    if _typed(data, dict).keys() != _FIELDS[kind].keys():
        raise ValueError(f"{kind.__name__} fields {sorted(data)} are not {sorted(_FIELDS[kind])}")
    return kind(**_checked(kind, data))


def _checked(kind: type, data: Mapping[str, Any]) -> dict[str, Any]:
    expected = _FIELDS[kind]
    values = {}
    for name, value in data.items():
        allowed = expected[name]
        if allowed is None:
            values[name] = _strings(value)
        elif type(value) in allowed:  # exactly: JSON gives no subclasses, and a bool is no str
            values[name] = value
        else:
            raise ValueError(f"{kind.__name__}.{name} cannot be {value!r}")
    return values


def _typed(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"{value!r} is not of the expected type")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) not in _SEQUENCE or not all(type(item) is str for item in value):
        raise ValueError(f"{value!r} is not a list of strings")
    return tuple(value)


def _pair(value: Any) -> tuple[str, str]:
    file, qualname = _strings(value)
    return file, qualname


def sort_key(name: str | None, *rest: object) -> tuple:
    """A stable sort key for possibly unnamed constraints: named first, then by content."""
    return (name is None, name or "", *rest)
