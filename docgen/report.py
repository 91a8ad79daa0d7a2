"""What ``build`` and ``check`` tell the user: table changes, files written, unified diffs, where files differ.

Past ``LIST_LIMIT`` items a list is summarised (``wrote 3,001 pages``) rather
than printed one per line; ``--quiet`` keeps only the verdict line.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .config import Config
from .errors import printable
from .plan import Plan

LIST_LIMIT = 30  # more files or table names than this are counted, not listed
STALE_NOTES_SHOWN = 5  # stale notes are said on every run: past these, counted (lint lists each one)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def table_summary(plan: Plan) -> list[str]:
    """Lines naming the tables added, removed (stale), left out by include/exclude, changed, and the unchanged count."""
    t = plan.tables
    changed_label = "now generated" if plan.adopted else "changed"
    excluded = f", {len(t.excluded)} left out by include/exclude" if t.excluded else ""
    lines = [
        f"tables: {len(t.added)} added, {len(t.removed)} removed (stale){excluded}, "
        f"{len(t.changed)} {changed_label}, {len(t.unchanged)} unchanged"
    ]
    for label, names in (
        ("added", t.added),
        ("removed (stale: documented but not in the schema)", t.removed),
        ("left out by include/exclude (documented, their docs go)", t.excluded),
        (changed_label, t.changed),
    ):
        if names:
            lines.append(f"  {label}: {_names(tuple(map(printable, names)))}")
    return lines


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= LIST_LIMIT:
        return ", ".join(names)
    return f"{', '.join(names[:10])}, … ({len(names):,} in all)"


def written(touched: list[Path], plan: Plan, config: Config, quiet: bool = False) -> list[str]:
    """What ``build`` did: each file written or deleted, or counts past LIST_LIMIT files (or when quiet)."""
    if not touched:
        return ["docs already up to date: nothing written"]
    deleted = [path for path in touched if path in plan.deletes]
    if len(touched) <= LIST_LIMIT and not quiet:
        return [f"{'deleted' if path in plan.deletes else 'wrote'} {config.relative(path)}" for path in touched]
    wrote = [path for path in touched if path not in plan.deletes]
    pages = sum(1 for path in wrote if path.parent == config.pages_dir)
    parts = [_count(len(wrote) - pages, "file"), _count(pages, "page")]
    line = "wrote " + " and ".join(part for part in parts if part) if wrote else "wrote nothing"
    return [line + (f"; deleted {_count(len(deleted), 'stale page')}" if deleted else "")]


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}" if number else ""


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
    """The stale notes: about tables or columns not in the schema (kept in the notes file, never dropped).

    Every run says so, so past :data:`STALE_NOTES_SHOWN` the rest are counted: ``docgen lint`` lists each."""
    if not plan.stale_notes:
        return []
    notes_file = config.relative(config.notes)
    shown = plan.stale_notes[:STALE_NOTES_SHOWN]
    more = len(plan.stale_notes) - len(shown)
    return [f"{notes_file}: {len(plan.stale_notes)} stale note(s), kept (edit or delete them):"] + [
        f"  {printable(line)}" for line in shown
    ] + ([f"  and {more:,} more (`docgen lint` lists each one: rule stale-note)"] if more else [])


def unified_diff(plan: Plan, config: Config) -> str:
    """A unified diff from what is on disk to what the schema says, for every stale file."""
    chunks = []
    for path in plan.stale_files:
        name = config.relative(path)
        before = _lines((plan.current.get(path) or "").replace("\r\n", "\n"))
        after = _lines(plan.writes.get(path, b"").decode("utf-8").replace("\r\n", "\n"))
        chunks.extend(difflib.unified_diff(before, after, f"{name} (on disk)", f"{name} (from the schema)"))
    # A form feed or an escape code in a comment is shown as an escape: one diff line stays one line.
    return "".join(printable(line.removesuffix("\n")) + "\n" for line in chunks)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` ended by ``\n`` only (``str.splitlines`` also splits at form feeds, U+2028, ...)."""
    return _LINE.findall(text)


def first_difference(plan: Plan, path: Path) -> int:
    """The 1-based line where the file on disk first differs from the schema (1 for a missing or gone file)."""
    if path not in plan.writes or plan.current.get(path) is None:
        return 1
    before, after = _split(plan.current[path]), _split(plan.writes[path])
    same = next((n for n, (old, new) in enumerate(zip(before, after)) if old != new), min(len(before), len(after)))
    return same + 1


def _split(text: str | bytes | None) -> list[str]:
    text = text.decode("utf-8") if isinstance(text, bytes) else text or ""
    return text.replace("\r\n", "\n").split("\n")


def status(plan: Plan, path: Path) -> str:
    """``changed``, ``missing`` (to be written) or ``deleted`` (a page whose table is gone)."""
    if path in plan.deletes:
        return "deleted"
    return "missing" if plan.current.get(path) is None else "changed"
