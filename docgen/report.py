"""What ``build`` and ``check`` tell the user: table changes and unified diffs."""

from __future__ import annotations

import difflib

from .config import Config
from .errors import printable
from .plan import Plan


def table_summary(plan: Plan) -> list[str]:
    """Lines naming the tables added, removed (stale), changed, and the unchanged count."""
    t = plan.tables
    changed_label = "now generated" if plan.adopted else "changed"
    lines = [
        f"tables: {len(t.added)} added, {len(t.removed)} removed (stale), "
        f"{len(t.changed)} {changed_label}, {len(t.unchanged)} unchanged"
    ]
    for label, names in (
        ("added", t.added),
        ("removed (stale: documented but not in the schema)", t.removed),
        (changed_label, t.changed),
    ):
        if names:
            lines.append(f"  {label}: {', '.join(map(printable, names))}")
    return lines


def adoption_note(plan: Plan, config: Config) -> list[str]:
    if not plan.adopted:
        return []
    output = config.relative(config.output)
    return [
        f"{output}: adopting a hand-written document (no docgen markers): its table sections are "
        "replaced by the generated block, the prose around them is kept"
    ]


def unified_diff(plan: Plan, config: Config) -> str:
    """A unified diff from what is on disk to what the schema says, for every stale file."""
    chunks = []
    for path in plan.stale_files:
        name = config.relative(path)
        before = (plan.current.get(path) or "").splitlines(keepends=True)
        after = plan.writes.get(path, b"").decode("utf-8").splitlines(keepends=True)
        chunks.extend(difflib.unified_diff(before, after, f"{name} (on disk)", f"{name} (from the schema)"))
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
