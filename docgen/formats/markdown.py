"""The Markdown format: tables to commit or to show on a CI job's summary page.

``coverage``: one row per table, then the total. The summaries of ``check``
(the verdict, the table changes, the diff folded) and ``drift`` (what was
compared, the counts, the findings folded) are Markdown too: the GitHub
format appends them to ``$GITHUB_STEP_SUMMARY``. ``diff``: what changed, one
item per change (the reviewer's view of a pull request); ``history``: a
section per revision with its changes. Names are escaped, and code
sits in a fence longer than any run of backticks inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import report
from ..config import Config
from ..drift.report import LABELS, change_line, describe, places
from ..lint.coverage import Coverage
from ..outputs.markdown import escape, fence_for
from ..plan import Plan

if TYPE_CHECKING:  # the drift engine imports alembic: only ``docgen drift`` loads it
    from ..drift.changes import Change
    from ..drift.compare import Drift
    from ..drift.history import Revision

HELP = "markdown: a Markdown table (to commit or for a job summary)"
HELP_FOR = {
    "diff": "markdown: the changes as a Markdown list (for a pull request or a job summary)",
    "history": "markdown: a Schema history page, a section per revision, newest first",
}


def coverage(measured: Coverage, minimum: float | None) -> str:
    lines = ["| Table | Description | Columns described | Coverage |", "| --- | :---: | ---: | ---: |"]
    for t in measured.tables:
        lines.append(f"| {escape(t.table)} | {'✓' if t.described else '✗'} | "
                     f"{t.described_columns} / {t.columns} | {t.percent:.1f} % |")
    lines.append(f"| **All {len(measured.tables)} tables** | {measured.described_tables} / {len(measured.tables)} | "
                 f"{measured.described_columns} / {measured.columns} | **{measured.percent:.1f} %** |")
    return "\n".join(lines) + "\n"


def check_summary(plan: Plan, config: Config, with_diff: bool = True) -> str:
    """The verdict of ``check``, the table changes and the diff folded (or, without it, where it is)."""
    if not plan.stale_files:
        return (f"### docgen check: docs are fresh\n\n"
                f"{len(plan.tables.unchanged)} tables, {plan.checked} file(s) checked.\n")
    t = plan.tables
    counted = [("added", t.added), ("removed", t.removed), ("changed", t.changed)]
    if t.excluded:
        counted.insert(2, ("left out by include/exclude", t.excluded))
    rows = "".join(f"| {label} | {len(names)} | {escape(_some(names))} |\n" for label, names in counted)
    return (f"### docgen check: docs are stale\n\n{len(plan.stale_files)} file(s) differ from the schema: "
            "run `docgen build` and commit the result.\n\n"
            f"| Tables | Count | Names |\n| --- | ---: | --- |\n{rows}\n" + (
                f"<details><summary>Diff</summary>\n\n{fenced(report.unified_diff(plan, config), 'diff')}\n</details>\n"
                if with_diff else "The diff does not fit in the job summary (GitHub keeps at most 1 MiB per step): "
                "it is in this step's log.\n"))


def _some(names: tuple[str, ...], shown: int = 100) -> str:
    """The first ``shown`` names, then how many more."""
    more = f", … and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def drift_summary(drift: Drift, models: str, database: str) -> str:
    """What ``drift`` compared, the verdict, the counts and the findings folded."""
    head = f"### docgen drift\n\nModels `{escape(models)}` compared with {escape(database)}.\n\n"
    if drift.clean:
        return head + f"No drift: the database matches the models ({drift.tables_compared} tables).\n"
    counts = "".join(f"| {LABELS[kind]} | {count} |\n" for kind, count in drift.to_dict()["counts"].items())
    findings = "".join(f"- {escape(describe(f))}\n" for f in drift.findings)
    return (head + f"**Drift: {len(drift.findings)} difference(s).**\n\n| Finding | Count |\n| --- | ---: |\n{counts}\n"
            f"<details><summary>Findings</summary>\n\n{findings}\n</details>\n")


def diff(changes: Sequence[Change], old: str, new: str, tables: int) -> str:
    """The changes from ``old`` to ``new``, one item each."""
    head = f"### docgen diff\n\n`{escape(old)}` → `{escape(new)}`: "
    if not changes:
        return head + f"no changes ({tables} tables).\n"
    items = "".join(f"- {escape(change_line(c))}\n" for c in changes)
    return head + f"{len(changes)} change(s) in {places(changes)}.\n\n{items}"


def history(revisions: Sequence[Revision], migrations: str, database: str) -> str:
    """A section per revision, newest first: id, message, date and what it changed."""
    told = [f"# Schema history\n\nWhat each revision of `{escape(migrations)}` changed, newest first.\n"]
    for revision in reversed(revisions):
        told.append(f"\n## {escape(revision.id)}: {escape(revision.message)}\n\n")
        told.append(f"{escape(revision.date)}\n\n" if revision.date else "")
        told.append("".join(f"- {escape(change_line(c))}\n" for c in revision.changes) or "No schema change.\n")
    return "".join(told)


def fenced(text: str, language: str) -> str:
    """``text`` (lines, each ended by a newline) in a code fence longer than any run of backticks inside it."""
    fence = fence_for(text)
    return f"{fence}{language}\n{text}{fence}\n"
