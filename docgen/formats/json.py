"""``docgen check --format json|github``: the verdict for tools and for GitHub Actions.

JSON (``format`` 1, keys sorted) holds the verdict, each stale file with the
first line that differs, and the table changes. ``github`` adds, after the
text report, one ``::error`` annotation per stale file at that line, and a
Markdown summary (table changes, the diff folded) for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import github, markdown
from .config import Config
from .plan import Plan
from .report import unified_diff

JSON_FORMAT = 1


def _lines(text: str | bytes | None) -> list[str]:
    text = text.decode("utf-8") if isinstance(text, bytes) else text or ""
    return text.replace("\r\n", "\n").split("\n")


def first_difference(plan: Plan, path: Path) -> int:
    """The 1-based line where the file on disk first differs from the schema (1 for a missing or gone file)."""
    if path not in plan.writes or plan.current.get(path) is None:
        return 1
    before, after = _lines(plan.current[path]), _lines(plan.writes[path])
    same = next((n for n, (old, new) in enumerate(zip(before, after)) if old != new), min(len(before), len(after)))
    return same + 1


def status(plan: Plan, path: Path) -> str:
    """``changed``, ``missing`` (to be written) or ``deleted`` (a page whose table is gone)."""
    if path in plan.deletes:
        return "deleted"
    return "missing" if plan.current.get(path) is None else "changed"


_STATUS_TEXT = {"changed": "differs from the schema", "missing": "is missing",
                "deleted": "is the page of a table that is gone"}


def as_json(plan: Plan, config: Config) -> str:
    t = plan.tables
    data = {
        "format": JSON_FORMAT,
        "fresh": not plan.stale_files,
        "files_checked": plan.checked,
        "stale_files": [
            {"path": config.relative(path), "status": status(plan, path), "line": first_difference(plan, path)}
            for path in plan.stale_files
        ],
        "tables": {"added": list(t.added), "removed": list(t.removed), "changed": list(t.changed),
                   "unchanged": len(t.unchanged)},
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def annotations(plan: Plan, config: Config) -> list[str]:
    """One GitHub error annotation per stale file, at the first line that differs."""
    return [
        github.annotation(
            "error", f"{config.relative(path)} {_STATUS_TEXT[status(plan, path)]}: "
            "run `docgen build` and commit the result",
            file=config.relative(path), line=first_difference(plan, path), title="docgen check: docs are stale",
        )
        for path in plan.stale_files
    ]


def step_summary(plan: Plan, config: Config) -> str:
    """Markdown for the job's summary page: the verdict, the table changes, the diff folded."""
    if not plan.stale_files:
        return (f"### docgen check: docs are fresh\n\n"
                f"{len(plan.tables.unchanged)} tables, {plan.checked} file(s) checked.\n")
    t = plan.tables
    rows = "".join(
        f"| {label} | {len(names)} | {markdown.escape(', '.join(names))} |\n"
        for label, names in (("added", t.added), ("removed", t.removed), ("changed", t.changed))
    )
    return (f"### docgen check: docs are stale\n\n{len(plan.stale_files)} file(s) differ from the schema: "
            "run `docgen build` and commit the result.\n\n"
            f"| Tables | Count | Names |\n| --- | ---: | --- |\n{rows}\n"
            f"<details><summary>Diff</summary>\n\n{fenced(unified_diff(plan, config), 'diff')}\n</details>\n")


def fenced(text: str, language: str = "") -> str:
    """``text`` in a code fence longer than any run of backticks inside it."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{fence}{language}\n{body}{fence}\n"
