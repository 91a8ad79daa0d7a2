"""The neutral schema: frozen, SQLAlchemy-free facts about tables.

Everything after the converter works on these dataclasses only. Ordering is
decided once, here: tables by ``(schema, name)``, columns in declaration order,
constraints and indexes by a stable key. Derived facts (who references a
table) are computed from the schema, never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

JSON_FORMAT = 5  # bumped whenever the shape of Schema.to_dict() changes incompatibly


def sql_literals(values: Iterable[object]) -> str:
    """``values`` as SQL writes string literals, comma-separated: ``'low', 'it''s ok'``."""
    return ", ".join("'" + str(value).replace("'", "''") + "'" for value in values)


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
class OrmRelationship:
    """A join the ORM declares (``relationship()`` with a ``primaryjoin``) on columns no foreign key links:
    ``columns`` (this table's, the ``foreign()`` side) point at ``target_columns`` of ``target_table``."""
    columns: tuple[str, ...]
    target_table: str  # qualified name
    target_columns: tuple[str, ...]
    attributes: tuple[str, ...]  # the relationship() attributes declaring it (``Order.customer``), sorted


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
    definition: str | None = None  # CREATE INDEX as the database reports it, else as the dialect's DDL writes it


@dataclass(frozen=True, slots=True)
class Trigger:
    name: str
    timing: str  # BEFORE / AFTER / INSTEAD OF
    events: tuple[str, ...]  # INSERT, UPDATE [OF ...], DELETE, TRUNCATE
    definition: str  # the CREATE TRIGGER statement as the database (or the models' DDL) holds it
    function: str | None = None  # the function it runs, as the database defines it (PostgreSQL)


@dataclass(frozen=True, slots=True)
class Partition:
    """A partition of a partitioned table (PostgreSQL): documented with its table, not as a table of its own."""
    name: str  # qualified
    bound: str  # FOR VALUES FROM (...) TO (...), FOR VALUES IN (...), DEFAULT: as the database reports it
    parent: str | None = None  # the partition it is a partition of, when not of the table itself (sub-partitioning)


TABLE, VIEW, MATERIALIZED_VIEW = "table", "view", "materialized view"  # the kinds of Table


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
    kind: str = TABLE  # TABLE, VIEW or MATERIALIZED_VIEW
    definition: str | None = None  # a view's SELECT
    reads: tuple[str, ...] = ()  # a view: qualified names of the tables and views it reads, sorted
    triggers: tuple[Trigger, ...] = ()
    primary_key_name: str | None = None  # the PRIMARY KEY constraint's name, where it has one
    orm_relationships: tuple[OrmRelationship, ...] = ()  # joins only the models' ORM declares
    partition_key: str | None = None  # a partitioned table's PARTITION BY clause (``RANGE (at)``)
    partitions: tuple[Partition, ...] = ()  # sorted by name

    @property
    def is_view(self) -> bool:
        return self.kind != TABLE

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    @property
    def primary_key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.primary_key)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True, slots=True)
class NamedType:
    """A type of the database's own: a native enum (its values) or a domain (its base type and checks)."""

    name: str
    schema: str | None = None
    kind: str = "enum"  # "enum" or "domain"
    values: tuple[str, ...] = ()  # an enum's labels, in their order
    base: str | None = None  # a domain's underlying type
    checks: tuple[str, ...] = ()  # a domain's CHECK conditions
    columns: tuple[tuple[str, str], ...] = ()  # (qualified table name, column) of the columns of this type, sorted

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True, slots=True)
class Sequence:
    name: str
    schema: str | None = None
    owner: tuple[str, str] | None = None  # (qualified table name, column) it belongs to (SERIAL, OWNED BY)
    start: int | None = None
    increment: int | None = None

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


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
    modules: Mapping[str, str] = field(default_factory=dict)  # table -> its model class's module, wherever it is

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
            "modules": dict(sorted(self.modules.items())),
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
            modules={_typed(k, str): _typed(v, str) for k, v in _typed(data["modules"], dict).items()},
        )


@dataclass(frozen=True)  # no slots: its indexes are cached on the instance
class Schema:
    tables: tuple[Table, ...] = field(default_factory=tuple)
    types: tuple[NamedType, ...] = ()  # by (schema, name)
    sequences: tuple[Sequence, ...] = ()  # by (schema, name)
    lint: LintFacts = field(default_factory=LintFacts, compare=False)

    @cached_property
    def _by_name(self) -> dict[str, Table]:
        return {t.qualified_name: t for t in self.tables}

    @cached_property
    def _referencing(self) -> dict[str, list[tuple[Table, ForeignKey]]]:
        return _by_target(self.tables, "foreign_keys")

    @cached_property
    def _orm_referencing(self) -> dict[str, list[tuple[Table, OrmRelationship]]]:
        return _by_target(self.tables, "orm_relationships")

    @cached_property
    def _readers(self) -> dict[str, list[Table]]:
        index: dict[str, list[Table]] = {}
        for t in self.tables:
            for name in t.reads:
                index.setdefault(name, []).append(t)
        return index

    def table(self, qualified_name: str) -> Table | None:
        return self._by_name.get(qualified_name)

    def referenced_by(self, qualified_name: str) -> tuple[tuple[Table, ForeignKey], ...]:
        """Every (table, foreign key) pointing at ``qualified_name``, in schema order."""
        return tuple(self._referencing.get(qualified_name, ()))

    @property
    def has_orm_relationships(self) -> bool:
        return bool(self._orm_referencing)

    def orm_referenced_by(self, qualified_name: str) -> tuple[tuple[Table, OrmRelationship], ...]:
        """Every (table, ORM-only relationship) pointing at ``qualified_name``, in schema order."""
        return tuple(self._orm_referencing.get(qualified_name, ()))

    def read_by(self, qualified_name: str) -> tuple[Table, ...]:
        """The views that read ``qualified_name``, in schema order."""
        return tuple(self._readers.get(qualified_name, ()))

    def to_dict(self) -> dict:
        """The schema as plain JSON-ready data: the documented shape of ``docgen inspect --json``."""
        return {
            "format": JSON_FORMAT,
            "tables": [{"qualified_name": t.qualified_name, **asdict(t)} for t in self.tables],
            "types": [{"qualified_name": t.qualified_name, **asdict(t)} for t in self.types],
            "sequences": [{"qualified_name": s.qualified_name, **asdict(s)} for s in self.sequences],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], lint: LintFacts | None = None) -> Schema:
        """The schema :meth:`to_dict` gave (``docgen inspect --json``, the cache), exactly; anything else is a
        ``ValueError``: every record holds exactly its fields, each of its type.

        The JSON holds no lint facts: pass them (``LintFacts.from_dict``) when they were kept apart.
        """
        try:
            if data.get("format") != JSON_FORMAT:
                raise ValueError(f"not a docgen schema of format {JSON_FORMAT}")
            if data.keys() != {"format", "tables", "types", "sequences"}:
                raise ValueError(f"schema fields {sorted(data)} are not format, tables, types, sequences")
            tables, types, sequences = (tuple(_record(kind, item) for item in _typed(data[key], _SEQUENCE))
                                        for key, kind in (("tables", Table), ("types", NamedType),
                                                          ("sequences", Sequence)))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a docgen schema: {exc!r}") from None
        return cls(tables, types, sequences, lint if lint is not None else LintFacts())


def _by_target(tables: tuple[Table, ...], part: str) -> dict[str, list[tuple[Table, Any]]]:
    """(table, reference) pairs of the tables' ``part`` (their foreign keys, their ORM-only references), by target."""
    index: dict[str, list[tuple[Table, Any]]] = {}
    for table in tables:
        for reference in getattr(table, part):
            index.setdefault(reference.target_table, []).append((table, reference))
    return index


# A table's records of their own.
_PARTS = {"columns": Column, "foreign_keys": ForeignKey, "uniques": Unique, "checks": Check, "indexes": Index,
          "triggers": Trigger, "orm_relationships": OrmRelationship, "partitions": Partition}
_NAMED = (Table, NamedType, Sequence)  # their JSON holds their qualified_name too
_SEQUENCE = (list, tuple)  # a list read from JSON, a tuple straight from to_dict


def _exactly(*kinds: type):
    def read(value: Any) -> Any:
        if type(value) not in kinds:  # exactly: JSON gives no subclasses, and a bool is no int
            raise ValueError(f"{value!r} is not of the expected type")
        return value
    return read


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) not in _SEQUENCE or not all(type(item) is str for item in value):
        raise ValueError(f"{value!r} is not a list of strings")
    return tuple(value)


def _pair(value: Any) -> tuple[str, str]:
    first, second = _strings(value)
    return first, second


# How a field of each annotation is read back (a sequence comes back as a tuple).
_READERS = {
    "str": _exactly(str), "bool": _exactly(bool), "str | None": _exactly(str, type(None)),
    "int | None": _exactly(int, type(None)), "tuple[str, ...]": _strings,
    "tuple[str, str] | None": lambda value: None if value is None else _pair(value),
    "tuple[tuple[str, str], ...]": lambda value: tuple(_pair(item) for item in _typed(value, _SEQUENCE)),
}


def _record(kind: type, data: Mapping[str, Any]) -> Any:
    """A record of ``kind`` from its ``asdict`` form: exactly its fields, each of its type; a table's parts too."""
    annotations = {f.name: f.type for f in fields(kind)}
    if _typed(data, dict).keys() != annotations.keys() | ({"qualified_name"} if kind in _NAMED else set()):
        raise ValueError(f"{kind.__name__} fields {sorted(data)} are not {sorted(annotations)}")
    values = {}
    for name, annotation in annotations.items():
        try:
            if kind is Table and name in _PARTS:
                values[name] = tuple(_record(_PARTS[name], item) for item in _typed(data[name], _SEQUENCE))
            else:
                values[name] = _READERS[annotation](data[name])
        except ValueError as exc:
            raise ValueError(f"{kind.__name__}.{name}: {exc}") from None
    record = kind(**values)
    if kind in _NAMED and data["qualified_name"] != record.qualified_name:
        raise ValueError(f"{kind.__name__} {record.qualified_name!r} is named {data['qualified_name']!r}")
    return record


def _typed(value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"{value!r} is not of the expected type")
    return value


def sort_key(name: str | None, *rest: object) -> tuple:
    """A stable sort key for possibly unnamed constraints: named first, then by content."""
    return (name is None, name or "", *rest)
