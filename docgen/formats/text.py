"""The text format: what the commands print for people.

``check``: the verdict, what changed and the unified diff (``--quiet``: the
verdict line only). ``drift``: tables only on one side first (with rename
hints), then per table one line per finding, then a one-line verdict.
``lint``: each finding with its place, rule, message and fix, then a summary.
``coverage``: one row per table and the overall figure. ``diff``: one line
per change, then a verdict. ``history``: each revision (id, date, message)
and its changes. Names and SQL are data: a line break or control character
in them is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import report
from ..config import Config
from ..drift.report import LABELS, change_line, detail, places
from ..errors import printable
from ..lint.coverage import Coverage
from ..lint.rule import Finding, Locate, Rule, where
from ..plan import Plan

if TYPE_CHECKING:  # the drift engine imports alembic: only ``docgen drift`` loads it
    from ..drift.changes import Change
    from ..drift.compare import Drift
    from ..drift.history import Revision

HELP = "text for people"


def lines(items: Sequence[str]) -> str:
    """``items`` as printed output: each ended by a newline."""
    return "".join(f"{item}\n" for item in items)


def check(plan: Plan, config: Config, quiet: bool) -> str:
    stale = plan.stale_files
    if not stale:
        fresh = [f"docs are fresh: {len(plan.tables.unchanged)} tables, {plan.checked} file(s) checked"]
        return lines(fresh + ([] if quiet else report.notes_note(plan, config)))
    if quiet:
        return lines([f"docs are stale: {len(stale)} file(s) differ from the schema: "
                      "run `docgen build` and commit the result"])
    told = [f"docs are stale: {len(stale)} file(s) differ from the schema"]
    told += report.adoption_note(plan, config) + report.table_summary(plan) + report.notes_note(plan, config)
    return lines(told) + report.unified_diff(plan, config) + lines(["run `docgen build` and commit the result"])


def drift(drift: Drift, models: str, database: str) -> str:
    return lines([printable(line) for line in _drift_lines(drift, models, database)])


def _drift_lines(drift: Drift, models: str, database: str) -> list[str]:
    told = [f"models:   {models}", f"database: {database}"]
    if drift.clean:
        return told + [f"no drift: the database matches the models ({drift.tables_compared} tables)"]
    missing = drift.of_kind("missing_table")
    if missing:
        told.append(f"tables only in the models ({len(missing)}): {', '.join(f.table for f in missing)}")
    extra = drift.of_kind("extra_table")
    if extra:
        told.append(f"tables only in the database ({len(extra)}):")
        told += [f"  {f.table}" + (f" ({f.hint})" if f.hint else "") for f in extra]
    table = None
    for finding in drift.findings:
        if finding.kind.endswith("_table"):
            continue
        if finding.table != table:
            table = finding.table
            told.append(f"{table}:")
        told.append(f"  {LABELS[finding.kind]}: {detail(finding)}")
    tables = len({f.table for f in drift.findings})
    told.append(f"drift: {len(drift.findings)} difference(s) in {tables} table(s)")
    return told


def lint(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> str:
    told = []
    for finding in findings:
        file, line = where(finding, locate)
        place = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        told += [f"{place}{finding.rule}: {finding.message}", f"    fix: {finding.fix}"]
    return lines(told + [lint_summary(findings, rules, tables)])


def lint_summary(findings: Sequence[Finding], rules: Sequence[Rule], tables: int) -> str:
    """The verdict line of ``lint``: how many findings in how many tables, of how many rules and tables."""
    checked = f"{len(rules)} rule(s), {tables} table(s)"
    if not findings:
        return f"lint: no findings ({checked})"
    return f"lint: {len(findings)} finding(s) in {len({f.table for f in findings})} table(s) ({checked})"


def coverage(measured: Coverage, minimum: float | None) -> str:
    width = max([len("table"), *(len(t.table) for t in measured.tables)])  # the heading lines up with the rows
    told = [f"{'table':<{width}}  described  columns  coverage"]
    for t in measured.tables:
        told.append(f"{t.table:<{width}}  {'yes' if t.described else 'no':<9}  "
                    f"{f'{t.described_columns}/{t.columns}':>7}  {t.percent:>7.1f}%")
    told.append(f"coverage: {measured.percent:.1f}% ({measured.described_tables} of {len(measured.tables)} tables, "
                f"{measured.described_columns} of {measured.columns} columns described)")
    return lines(told)


def diff(changes: Sequence[Change], old: str, new: str, tables: int) -> str:
    told = [f"old: {old}", f"new: {new}", *(change_line(c) for c in changes), diff_verdict(changes, tables)]
    return lines([printable(line) for line in told])


def diff_verdict(changes: Sequence[Change], tables: int) -> str:
    if not changes:
        return f"no changes: the schemas are the same ({tables} tables)"
    return f"diff: {len(changes)} change(s) in {places(changes)}"


def history(revisions: Sequence[Revision], migrations: str, database: str) -> str:
    told = [f"migrations: {migrations}, run in a {database}"]
    width = max((len(r.id) for r in revisions), default=0)
    for revision in revisions:
        told.append(f"{revision.id:<{width}}  {revision.date or '(no date)'}  {revision.message}")
        told += [f"  {change_line(c)}" for c in revision.changes] or ["  (no schema change)"]
    changed = sum(1 for r in revisions if r.changes)
    told.append(f"history: {len(revisions)} revision(s), {changed} changed the schema")
    return lines([printable(line) for line in told])
