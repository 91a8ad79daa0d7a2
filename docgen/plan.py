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
    # Owned file whose text changes -> its intended text, UTF-8 encoded: a str holding a single
    # character beyond Latin-1 ("→") takes two or four bytes per character, a fresh site's pages many MiB.
    writes: dict[Path, bytes]
    current: dict[Path, str | None]  # file in writes or deletes -> its text on disk now (None: missing)
    deletes: tuple[Path, ...]  # generated files whose table is gone
    checked: int  # owned files compared: the document, the pages and their index
    tables: TableChanges
    adopted: bool  # a legacy DATABASE_SCHEMA.md is being taken over
    crlf: frozenset[Path]  # files that use CRLF on disk (kept that way when rewritten)

    @property
    def stale_files(self) -> tuple[Path, ...]:
        return tuple(self.writes) + self.deletes


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


class _Comparison:
    """Owned files compared one at a time; only the texts of those that differ are kept."""

    def __init__(self, old_sections: dict[str, bytes], new_sections: dict[str, bytes]) -> None:
        self.writes: dict[Path, bytes] = {}
        self.current: dict[Path, str | None] = {}
        self.crlf: set[Path] = set()
        self.checked = 0
        # Per table: digests of its section in the document and of its page, before this build and now.
        self.old_docs: dict[str, tuple[bytes | None, bytes | None]] = {n: (d, None) for n, d in old_sections.items()}
        self.new_docs: dict[str, tuple[bytes | None, bytes | None]] = {n: (d, None) for n, d in new_sections.items()}

    def compare(self, path: Path, on_disk: str | None, crlf: bool, text: str) -> None:
        self.checked += 1
        if crlf:
            self.crlf.add(path)
        if on_disk != text:
            self.writes[path], self.current[path] = text.encode(), on_disk

    def page(self, table: str, on_disk: str | None, planned: str | None = None) -> None:
        """Record ``table``'s page: its text on disk (None: none) and as planned (None: the table is gone)."""
        old = None if on_disk is None else document.digest(on_disk)
        self.old_docs[table] = (self.old_docs.get(table, (None,))[0], old)
        if planned is not None:
            new = old if planned == on_disk else document.digest(planned)
            self.new_docs[table] = (self.new_docs.get(table, (None,))[0], new)


def plan(schema: Schema, config: Config, renderer: Renderer | None = None) -> Plan:
    renderer = renderer or Renderer(config.templates)
    existing, crlf, composed, new_sections = _plan_document(schema, config, renderer)
    comparison = _Comparison(composed.old_sections, new_sections)
    comparison.compare(config.output, existing, crlf, composed.text)
    deletes: list[Path] = []
    if config.pages:
        deletes = _plan_pages(schema, config, renderer, comparison)
    return Plan(
        writes=comparison.writes,
        current=comparison.current,
        deletes=tuple(deletes),
        checked=comparison.checked,
        tables=_table_changes(comparison.old_docs, comparison.new_docs),
        adopted=composed.adopted,
        crlf=frozenset(comparison.crlf),
    )


def _plan_document(
    schema: Schema, config: Config, renderer: Renderer
) -> tuple[str | None, bool, document.Composed, dict[str, bytes]]:
    """DATABASE_SCHEMA.md: its text on disk, whether it uses CRLF, the composed document, digests of its new sections.

    The document on disk is read after rendering (rendering's peak memory is not added to it),
    and the rendered block is dropped on return: a big schema's document is held at most twice.
    """
    def link(qualified_name: str, column: str | None = None) -> str:
        if column is None:
            return "#" + markdown.table_anchor(qualified_name)
        return "#" + markdown.column_anchor(qualified_name, column)

    block = renderer.schema_block(schema, link=link, er_max_tables=config.er_max_tables, pages=config.pages)
    existing, crlf = read_text(config.output)
    names = {t.qualified_name for t in schema.tables}
    composed = document.compose(existing, block, names, where=config.relative(config.output))
    return existing, crlf, composed, document.section_digests(block)


def _plan_pages(schema: Schema, config: Config, renderer: Renderer, comparison: _Comparison) -> list[Path]:
    """Compare every page, rendered one at a time, with the one on disk; return the stale pages.

    A stale page is a generated page in ``pages-dir`` whose table is gone. A
    file where a page would go that docgen did not generate stops the plan.
    """
    found = pages.existing(config.pages_dir)
    planned: set[Path] = set()
    for table, path, text in pages.render(schema, renderer, config.pages_dir, config.er_max_tables):
        on_disk, page_crlf = read_text(path)
        pages.refuse_hand_written(path, on_disk, config.relative)
        comparison.compare(path, on_disk, page_crlf, text)
        if table is not None:
            comparison.page(table, on_disk, text)
        planned.add(path)
    deletes = [p for p in found if p not in planned and pages.is_generated_file(p)]
    for path in deletes:
        comparison.current[path] = on_disk = read_text(path)[0]
        comparison.page(path.stem, on_disk)
    return deletes


def _table_changes(old: dict[str, tuple], new: dict[str, tuple]) -> TableChanges:
    """Per table: digests of its section in the document and of its page (None where there is none), before and now."""
    documented = {name for name, texts in old.items() if any(t is not None for t in texts)}
    return TableChanges(
        added=tuple(sorted(new.keys() - documented)),
        removed=tuple(sorted(documented - new.keys())),
        changed=tuple(sorted(n for n in new.keys() & documented if old[n] != new[n])),
        unchanged=tuple(sorted(n for n in new.keys() & documented if old[n] == new[n])),
    )
