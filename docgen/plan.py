"""The plan: every file docgen owns, its exact intended text, and what to delete.

``build`` and ``check`` both call :func:`plan`; they differ only in writing
versus comparing. Texts are held with ``\\n`` line endings; what is on disk is
normalized the same way before comparing, so CRLF checkouts are fresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import document, markdown, pages
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
    block = renderer.schema_block(
        schema, link=lambda name: "#" + markdown.anchor(name), er_max_tables=config.er_max_tables, pages=config.pages
    )
    names = {t.qualified_name for t in schema.tables}
    composed = document.compose(existing, block, names, where=config.relative(output))
    writes: dict[Path, str] = {output: composed.text}
    current: dict[Path, str | None] = {output: existing}
    crlf_files = {output} if crlf else set()
    # Per table: (its section in the document, its page), before this build and now.
    old_docs = {name: (section, None) for name, section in composed.old_sections.items()}
    new_docs = {name: (section, None) for name, section in document.section_digests(block).items()}
    deletes: list[Path] = []
    if config.pages:
        deletes = _plan_pages(schema, config, renderer, writes, current, crlf_files, old_docs, new_docs)
    return Plan(
        writes=writes,
        current=current,
        deletes=tuple(deletes),
        tables=_table_changes(old_docs, new_docs),
        adopted=composed.adopted,
        crlf=frozenset(crlf_files),
    )


def _plan_pages(
    schema: Schema,
    config: Config,
    renderer: Renderer,
    writes: dict[Path, str],
    current: dict[Path, str | None],
    crlf_files: set[Path],
    old_docs: dict[str, tuple],
    new_docs: dict[str, tuple],
) -> list[Path]:
    """Add every page (and its table's page text, old and new) to the plan; return the stale pages.

    A stale page is a generated page in ``pages-dir`` whose table is gone. A
    file where a page would go that docgen did not generate stops the plan.
    """
    found = pages.existing(config.pages_dir)
    for path, text in pages.render(schema, renderer, config.pages_dir).items():
        on_disk, page_crlf = read_text(path)
        pages.refuse_hand_written(path, on_disk, config.relative(path))
        writes[path], current[path] = text, on_disk
        crlf_files |= {path} if page_crlf else set()
    for name, file_name in pages.file_names(schema).items():
        path = config.pages_dir / file_name
        new_docs[name] = (new_docs.get(name, (None,))[0], writes[path])
        old_docs[name] = (old_docs.get(name, (None,))[0], current[path])
    deletes = [p for p in found if p not in writes and pages.is_generated_file(p)]
    for path in deletes:
        current[path] = read_text(path)[0]
        old_docs[path.stem] = (old_docs.get(path.stem, (None,))[0], current[path])
    return deletes


def _table_changes(old: dict[str, tuple], new: dict[str, tuple]) -> TableChanges:
    """Per table: its section in the document and its page (None where there is none), before and now."""
    documented = {name for name, texts in old.items() if any(t is not None for t in texts)}
    return TableChanges(
        added=tuple(sorted(new.keys() - documented)),
        removed=tuple(sorted(documented - new.keys())),
        changed=tuple(sorted(n for n in new.keys() & documented if old[n] != new[n])),
        unchanged=tuple(sorted(n for n in new.keys() & documented if old[n] == new[n])),
    )
