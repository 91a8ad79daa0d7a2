"""The neutral schema: frozen, SQLAlchemy-free facts about tables.

Everything after the converter works on these dataclasses only. Ordering is
decided once, here: tables by ``(schema, name)``, columns in declaration order,
constraints and indexes by a stable key. Derived facts (who references a
table) are computed from the schema, never stored twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property

JSON_FORMAT = 3  # bumped whenever the shape of Schema.to_dict() changes incompatibly


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
    definition: str | None = None  # CREATE INDEX as the database reports it, else as the dialect's DDL writes it


@dataclass(frozen=True, slots=True)
class Trigger:
    name: str
    timing: str  # BEFORE / AFTER / INSTEAD OF
    events: tuple[str, ...]  # INSERT, UPDATE [OF ...], DELETE, TRUNCATE
    definition: str  # the CREATE TRIGGER statement as the database (or the models' DDL) holds it
    function: str | None = None  # the function it runs, as the database defines it (PostgreSQL)


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
        index: dict[str, list[tuple[Table, ForeignKey]]] = {}
        for t in self.tables:
            for fk in t.foreign_keys:
                index.setdefault(fk.target_table, []).append((t, fk))
        return index

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


def sort_key(name: str | None, *rest: object) -> tuple:
    """A stable sort key for possibly unnamed constraints: named first, then by content."""
    return (name is None, name or "", *rest)
