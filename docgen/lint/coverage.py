"""``docgen coverage``: the share of tables and columns that have a description, per table and overall.

A description is what the docs show for it: a comment, the model class
docstring (tables), ``doc=`` (columns), or a note. Like tbls, the overall
figure counts every table and every column as one item each: described items
over all items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import markdown
from .model import Schema
from .notes import Notes


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


def _overall(coverage: Coverage) -> str:
    return (f"coverage: {coverage.percent:.1f}% ({coverage.described_tables} of {len(coverage.tables)} tables, "
            f"{coverage.described_columns} of {coverage.columns} columns described)")


def text(coverage: Coverage) -> list[str]:
    width = max((len(t.table) for t in coverage.tables), default=5)
    lines = [f"{'table':<{width}}  described  columns  coverage"]
    for t in coverage.tables:
        lines.append(f"{t.table:<{width}}  {'yes' if t.described else 'no':<9}  "
                     f"{f'{t.described_columns}/{t.columns}':>7}  {t.percent:>7.1f}%")
    return lines + [_overall(coverage)]


def as_json(coverage: Coverage) -> str:
    data = {
        "coverage": coverage.percent,
        "tables": {"described": coverage.described_tables, "total": len(coverage.tables)},
        "columns": {"described": coverage.described_columns, "total": coverage.columns},
        "per_table": [
            {"table": t.table, "described": t.described, "coverage": t.percent,
             "columns": {"described": t.described_columns, "total": t.columns}}
            for t in coverage.tables
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def markdown_table(coverage: Coverage) -> str:
    """A Markdown table to commit or to put in a CI job summary: one row per table, then the total."""
    lines = ["| Table | Description | Columns described | Coverage |", "| --- | :---: | ---: | ---: |"]
    for t in coverage.tables:
        lines.append(f"| {markdown.escape(t.table)} | {'✓' if t.described else '✗'} | "
                     f"{t.described_columns} / {t.columns} | {t.percent:.1f} % |")
    lines.append(f"| **All {len(coverage.tables)} tables** | {coverage.described_tables} / {len(coverage.tables)} | "
                 f"{coverage.described_columns} / {coverage.columns} | **{coverage.percent:.1f} %** |")
    return "\n".join(lines) + "\n"


def below(coverage: Coverage, minimum: float | None) -> bool:
    return minimum is not None and coverage.percent < minimum

