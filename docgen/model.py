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


def schema_from_dict(data: dict) -> Schema:
    """The schema ``Schema.to_dict()`` wrote (``docgen inspect --json``); KeyError/TypeError/ValueError if not."""
    if data.get("format") != JSON_FORMAT:
        raise ValueError(f"format {data.get('format')!r}, expected {JSON_FORMAT}")

    def tupled(cls, item: dict, *fields: str):
        return cls(**{k: tuple(v) if k in fields else v for k, v in item.items()})

    return Schema(tuple(
        Table(t["name"], t["schema"], t["comment"],
              columns=tuple(Column(**c) for c in t["columns"]),
              foreign_keys=tuple(tupled(ForeignKey, f, "columns", "target_columns") for f in t["foreign_keys"]),
              uniques=tuple(tupled(Unique, u, "columns") for u in t["uniques"]),
              checks=tuple(Check(**c) for c in t["checks"]),
              indexes=tuple(tupled(Index, i, "expressions") for i in t["indexes"]))
        for t in data["tables"]
    ))


def sort_key(name: str | None, *rest: object) -> tuple:
    """A stable sort key for possibly unnamed constraints: named first, then by content."""
    return (name is None, name or "", *rest)
