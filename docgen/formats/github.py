"""The GitHub format: GitHub Actions workflow-command annotations and the job's step summary.

``check`` and ``drift`` print the text report, then one ``::error`` annotation
per stale file (at the first line that differs) or per finding, and append the
Markdown summary to the job's summary page; ``lint`` prints an annotation per
finding (at the model class's file and line where known) and its summary
line; ``coverage`` prints the text, appends the Markdown table and, below
``--min``, an error annotation; ``diff`` prints the text, one ``::notice``
per change and appends the Markdown list. A step shows at most 10
annotations of a kind: past that, the 10th counts the rest (all are in the log).

``annotation`` spells one ``::error file=…,line=…,title=…::message`` line with
GitHub's escaping (``%``, CR and LF in the message; also ``:`` and ``,`` in
the properties), so names from a schema can never end or forge a command.
Each annotation is marked as docgen's own (``commands.own``): the CLI lets
out every other line through ``commands.inert``, so no name starts a command.
``append_step_summary`` adds Markdown to the file named by
``$GITHUB_STEP_SUMMARY`` (shown on the run's page) and does nothing elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import report
from ..config import Config
from ..drift.report import change_line, describe
from ..lint.coverage import Coverage, below
from ..lint.rule import Finding, Locate, Rule, where
from ..plan import Plan
from . import commands, markdown, text

if TYPE_CHECKING:  # the drift engine imports alembic: only ``docgen drift`` loads it
    from ..drift.changes import Change
    from ..drift.compare import Drift

HELP = ("github: the text plus GitHub Actions error annotations, and a Markdown summary appended to "
        "$GITHUB_STEP_SUMMARY when it is set")
HELP_FOR = {
    "diff": "github: the text, one GitHub Actions notice annotation per change, and the Markdown list appended "
            "to $GITHUB_STEP_SUMMARY when it is set",
    "lint": "github: one GitHub Actions error annotation per finding, then the summary line",
    "coverage": "github: the text, the table added to $GITHUB_STEP_SUMMARY and an error annotation below --min",
}
LEVELS = ("error", "warning", "notice")
# GitHub's limits: a step summary over 1 MiB is dropped whole ("supports content up to a size of 1024k"),
# and a step shows at most 10 annotations of a kind.
SUMMARY_LIMIT = 1024 * 1024
ANNOTATIONS_PER_STEP = 10


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str | None = None, line: int | None = None,
               title: str | None = None) -> str:
    """One workflow command line, e.g. ``::error file=docs/a.md,line=3,title=stale::text``."""
    if level not in LEVELS:
        raise ValueError(f"annotation level must be one of {', '.join(LEVELS)}, got {level!r}")
    properties = [
        f"{key}={_escape_property(str(value))}"
        for key, value in (("file", file), ("line", line), ("title", title))
        if value is not None
    ]
    return f"::{level}{' ' + ','.join(properties) if properties else ''}::{_escape_data(message)}"


def append_step_summary(markdown: str, shorter: str | None = None) -> None:
    """Append ``markdown`` to the file named by ``$GITHUB_STEP_SUMMARY`` (without it, do nothing) — or
    ``shorter`` when the whole would pass GitHub's limit, or a line saying the summary is in the log."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        room = SUMMARY_LIMIT - os.path.getsize(path)
    except OSError:  # not there yet
        room = SUMMARY_LIMIT
    texts = [markdown, shorter] if shorter else [markdown]
    texts.append(f"docgen's summary ({len(markdown.encode()) // 1024:,} KiB) does not fit in the job summary "
                 "(GitHub keeps at most 1 MiB per step): it is in this step's log.")
    for text in texts:
        text = text if text.endswith("\n") else text + "\n"
        if len(text.encode()) <= room:
            with open(path, "a", encoding="utf-8") as summary:
                summary.write(text)
            return


def capped(annotations: list[str], more: str, title: str, level: str = "error") -> list[str]:
    """At most :data:`ANNOTATIONS_PER_STEP` annotations: the first ones, then one counting the rest
    (``more`` names them, e.g. ``stale file(s)``) and saying where they are."""
    if len(annotations) <= ANNOTATIONS_PER_STEP:
        return annotations
    kept = ANNOTATIONS_PER_STEP - 1
    return annotations[:kept] + [commands.own(annotation(
        level, f"and {len(annotations) - kept:,} more {more}: GitHub shows {ANNOTATIONS_PER_STEP} annotations "
        "per step; all are listed in this step's log", title=f"{title}: more"))]


_STATUS_TEXT = {"changed": "differs from the schema", "missing": "is missing",
                "deleted": "is the page of a table that is gone"}


def check(plan: Plan, config: Config, quiet: bool) -> str:
    append_step_summary(markdown.check_summary(plan, config), markdown.check_summary(plan, config, with_diff=False))
    return text.check(plan, config, quiet) + text.lines(capped([
        commands.own(annotation(
            "error", f"{config.relative(path)} {_STATUS_TEXT[report.status(plan, path)]}: "
            "run `docgen build` and commit the result",
            file=config.relative(path), line=report.first_difference(plan, path),
            title="docgen check: docs are stale",
        ))
        for path in plan.stale_files
    ], "stale file(s)", "docgen check"))


def drift(drift: Drift, models: str, database: str) -> str:
    append_step_summary(markdown.drift_summary(drift, models, database))
    return text.drift(drift, models, database) + text.lines(capped(
        [commands.own(annotation("error", describe(f), title="docgen drift")) for f in drift.findings], "finding(s)", "docgen drift"))


def diff(changes: Sequence[Change], old: str, new: str, tables: int) -> str:
    append_step_summary(markdown.diff(changes, old, new, tables))
    return text.diff(changes, old, new, tables) + text.lines(capped(
        [commands.own(annotation("notice", change_line(c), title="docgen diff")) for c in changes],
        "change(s)", "docgen diff", "notice"))


def lint(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> str:
    lines = []
    for finding in findings:
        file, line = where(finding, locate)
        lines.append(commands.own(annotation("error", f"{finding.message} (fix: {finding.fix})",
                                             file=file, line=line, title=f"docgen lint: {finding.rule}")))
    return text.lines(capped(lines, "finding(s)", "docgen lint") + [text.lint_summary(findings, rules, tables)])


def coverage(measured: Coverage, minimum: float | None) -> str:
    append_step_summary(markdown.coverage(measured, minimum))
    failed = [commands.own(annotation(
        "error", f"documentation coverage {measured.percent:.1f}% is below the minimum {minimum:g}%",
        title="docgen coverage"))] if below(measured, minimum) else []
    return text.coverage(measured, minimum) + text.lines(failed)
