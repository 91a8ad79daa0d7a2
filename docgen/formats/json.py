"""The JSON format: one stable JSON document on stdout, keys sorted, for tools.

``check`` (``format`` 1): the verdict, each stale file with the first line
that differs, and the table changes. ``drift``: the findings
(:meth:`Drift.to_dict`) plus what was compared. ``lint``: each finding with
its place. ``coverage``: the overall figure, tables, columns, per table.
``diff``: every change (:meth:`Change.to_dict`); ``history``: each revision
with its changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import report
from ..config import Config
from ..lint.coverage import Coverage
from ..lint.rule import Finding, Locate, Rule, where
from ..plan import Plan

if TYPE_CHECKING:  # the drift engine imports alembic: only ``docgen drift`` loads it
    from ..drift.changes import Change
    from ..drift.compare import Drift
    from ..drift.history import Revision

HELP = "json: one stable JSON document on stdout"
CHECK_FORMAT = 1  # the "format" key of check's document: raised when its meaning changes


def _document(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def check(plan: Plan, config: Config, quiet: bool) -> str:
    t = plan.tables
    return _document({
        "format": CHECK_FORMAT,
        "fresh": not plan.stale_files,
        "files_checked": plan.checked,
        "stale_files": [
            {"path": config.relative(path), "status": report.status(plan, path),
             "line": report.first_difference(plan, path)}
            for path in plan.stale_files
        ],
        "tables": {"added": list(t.added), "removed": list(t.removed), "excluded": list(t.excluded),
                   "changed": list(t.changed), "unchanged": len(t.unchanged)},
    })


def drift(drift: Drift, models: str, database: str) -> str:
    return _document({"models": models, "database": database, **drift.to_dict()})


def lint(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> str:
    items = []
    for finding in findings:
        file, line = where(finding, locate)
        items.append({"rule": finding.rule, "table": finding.table, "column": finding.column,
                      "message": finding.message, "fix": finding.fix, "file": file, "line": line})
    return _document({"findings": items, "rules": [rule.id for rule in rules], "tables": tables})


def coverage(measured: Coverage, minimum: float | None) -> str:
    return _document({
        "coverage": measured.percent,
        "tables": {"described": measured.described_tables, "total": len(measured.tables)},
        "columns": {"described": measured.described_columns, "total": measured.columns},
        "per_table": [
            {"table": t.table, "described": t.described, "coverage": t.percent,
             "columns": {"described": t.described_columns, "total": t.columns}}
            for t in measured.tables
        ],
    })


def diff(changes: Sequence[Change], old: str, new: str, tables: int) -> str:
    return _document({"old": old, "new": new, "differ": bool(changes), "tables": tables,
                      "changes": [c.to_dict() for c in changes]})


def history(revisions: Sequence[Revision], migrations: str, database: str) -> str:
    return _document({"migrations": migrations, "database": database, "revisions": [r.to_dict() for r in revisions]})
