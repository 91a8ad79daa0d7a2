"""The plan: every file docgen owns, its exact intended text, and what to delete.

``build`` and ``check`` both call :func:`plan`; they differ only in writing
versus comparing. Texts are held with ``\\n`` line endings; what is on disk is
normalized the same way before comparing, so CRLF checkouts are fresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import document, markdown
from .config import Config
from .errors import UsageError
from .model import Schema
from .render import Renderer


@dataclass(frozen=True)
class TableChanges:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Plan:
    writes: dict[Path, str]  # owned file -> intended text
    current: dict[Path, str | None]  # owned file -> text on disk now (None: missing)
    deletes: tuple[Path, ...]  # generated files whose table is gone
    tables: TableChanges
    adopted: bool  # a legacy DATABASE_SCHEMA.md is being taken over
    crlf: frozenset[Path]  # files that use CRLF on disk (kept that way when rewritten)

    @property
    def stale_files(self) -> tuple[Path, ...]:
        return tuple(p for p, text in self.writes.items() if self.current[p] != text) + self.deletes


def read_text(path: Path) -> tuple[str | None, bool]:
    """(text with ``\\n`` line endings or None when missing, whether the file used CRLF)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, False
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory, expected a Markdown file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start}); docgen leaves it alone") from None
    return text.replace("\r\n", "\n"), "\r\n" in text


def plan(schema: Schema, config: Config, renderer: Renderer | None = None) -> Plan:
    renderer = renderer or Renderer(config.templates)
    output = config.output
    existing, crlf = read_text(output)
    block = renderer.schema_block(schema, link=lambda name: "#" + markdown.anchor(name))
    names = {t.qualified_name for t in schema.tables}
    composed = document.compose(existing, block, names, where=config.relative(output))
    new_sections = document.section_digests(block)  # compared by digest: no second copy of every section
    return Plan(
        writes={output: composed.text},
        current={output: existing},
        deletes=(),
        tables=_table_changes(composed.old_sections, new_sections),
        adopted=composed.adopted,
        crlf=frozenset({output} if crlf else ()),
    )


def _table_changes(old: dict[str, bytes], new: dict[str, bytes]) -> TableChanges:
    return TableChanges(
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
        changed=tuple(sorted(n for n in new.keys() & old.keys() if old[n] != new[n])),
        unchanged=tuple(sorted(n for n in new.keys() & old.keys() if old[n] == new[n])),
    )
