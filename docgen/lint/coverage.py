"""``docgen coverage``: the share of tables and columns that have a description, per table and overall.

A description is what the docs show for it: a comment, the model class
docstring (tables), ``doc=`` (columns), or a note. Like tbls, the overall
figure counts every table and every column as one item each: described items
over all items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Schema
from ..sources.notes import Notes


@dataclass(frozen=True)
class TableCoverage:
    table: str  # qualified name
    described: bool
    columns: int
    described_columns: int

    @property
    def percent(self) -> float:
        return _percent(int(self.described) + self.described_columns, 1 + self.columns)


@dataclass(frozen=True)
class Coverage:
    tables: tuple[TableCoverage, ...]

    @property
    def described_tables(self) -> int:
        return sum(t.described for t in self.tables)

    @property
    def columns(self) -> int:
        return sum(t.columns for t in self.tables)

    @property
    def described_columns(self) -> int:
        return sum(t.described_columns for t in self.tables)

    @property
    def percent(self) -> float:
        """Described tables and columns over all tables and columns (100 for an empty schema)."""
        return _percent(self.described_tables + self.described_columns, len(self.tables) + self.columns)


def _percent(part: int, whole: int) -> float:
    return 100.0 if whole == 0 else round(100 * part / whole, 1)


def measure(schema: Schema, notes: Notes | None = None) -> Coverage:
    """The coverage of ``schema``; ``notes`` count as descriptions too."""
    rows = []
    for table in schema.tables:
        note = notes.table(table.qualified_name) if notes else None
        described = sum(
            1 for c in table.columns if _has(c.comment) or (note is not None and _has(note.column(c.name)))
        )
        table_described = _has(table.comment) or (note is not None and _has(note.prose))
        rows.append(TableCoverage(table.qualified_name, table_described, len(table.columns), described))
    return Coverage(tuple(rows))


def _has(text: str | None) -> bool:
    return bool(text and text.strip())


def below(coverage: Coverage, minimum: float | None) -> bool:
    """Whether ``coverage`` is below ``--min`` (never without one)."""
    return minimum is not None and coverage.percent < minimum

