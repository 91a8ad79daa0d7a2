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
    """What adopting a legacy document does to each of its sections that is, or looks like, a table section."""
    adoption = plan.adoption
    if adoption is None:
        return []
    output, notes_file = config.relative(config.output), config.relative(config.notes)
    lines = [
        f"{output}: adopting a hand-written document (no docgen markers): its table sections are "
        "replaced by the generated block, the prose around them is kept"
    ]
    by_line: list[tuple[int, list[str]]] = []
    for section in adoption.sections:
        where, table = f'  line {section.line} "{printable(section.heading)}"', printable(section.table)
        if not section.stale:
            moved = f"; its prose moved to {notes_file}" if section.prose else ""
            told = [f"{where}: replaced by the generated section of {table}{moved}"]
        elif section.prose:
            told = [f"{where}: removed, stale table {table}; its prose, not kept anywhere:"]
            told.extend(f"      {printable(line)}" for line in section.prose.split("\n") if line.strip())
        else:
            told = [f"{where}: removed, stale table {table}"]
        by_line.append((section.line, told))
    for kept in adoption.kept_headings:
        by_line.append((kept.line, [
            f'  line {kept.line} "{printable(kept.heading)}": kept as prose, looks like a table ({kept.why}); '
            f'decide with legacy-tables = ["{kept.name}"] (remove it as a stale table) '
            f'or legacy-prose = ["{kept.name}"] (keep it, no more reminder)'
        ]))
    for line, old, new in adoption.dead_links:
        target = f"the generated section is {new}" if new else "its stale table was removed"
        by_line.append((line, [f'  line {line} links to "{old}", a heading that is gone: {target}']))
    for _, told in sorted(by_line, key=lambda item: item[0]):
        lines.extend(told)
    lines.extend(f"  {entry}: matches no heading of {output}" for entry in adoption.unused_decisions)
    return lines


def notes_note(plan: Plan, config: Config) -> list[str]:
    """The stale notes: about tables or columns not in the schema (kept in the notes file, never dropped)."""
    if not plan.stale_notes:
        return []
    notes_file = config.relative(config.notes)
    return [f"{notes_file}: {len(plan.stale_notes)} stale note(s), kept (edit or delete them):"] + [
        f"  {printable(line)}" for line in plan.stale_notes
    ]


def unified_diff(plan: Plan, config: Config) -> str:
    """A unified diff from what is on disk to what the schema says, for every stale file."""
    chunks = []
    for path in plan.stale_files:
        name = config.relative(path)
        before = (plan.current.get(path) or "").replace("\r\n", "\n").splitlines(keepends=True)
        after = plan.writes.get(path, b"").decode("utf-8").replace("\r\n", "\n").splitlines(keepends=True)
        chunks.extend(difflib.unified_diff(before, after, f"{name} (on disk)", f"{name} (from the schema)"))
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)
