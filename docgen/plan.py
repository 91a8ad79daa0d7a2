"""The plan: every file docgen owns, its exact intended text, and what to delete.

``build`` and ``check`` both call :func:`plan`; they differ only in writing
versus comparing. Texts are held with ``\\n`` line endings; what is on disk is
normalized the same way before comparing, so CRLF checkouts are fresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import files
from .config import Config
from .errors import UsageError
from .model import Schema
from .outputs import document, legacy, markdown, pages
from .outputs.legacy import Adoption
from .outputs.render import Renderer
from .pipeline import documented_history
from .sources import notes
from .sources.guard import user_code

if TYPE_CHECKING:
    from .drift.history import Revision


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
    adoption: Adoption | None  # what taking over a legacy DATABASE_SCHEMA.md does, None when not adopting
    crlf: frozenset[Path]  # files that use CRLF on disk (kept that way when rewritten)
    stale_notes: tuple[str, ...] = ()  # notes about tables or columns not in the schema, one line each
    places: tuple[Path, ...] = ()  # the directories docgen writes in (its leftovers are looked for there)

    @property
    def adopted(self) -> bool:
        """Whether a legacy (marker-less) DATABASE_SCHEMA.md is being taken over."""
        return self.adoption is not None

    @property
    def stale_files(self) -> tuple[Path, ...]:
        return tuple(self.writes) + self.deletes


def read_text(path: Path) -> tuple[str | None, bool]:
    """(text with ``\\n`` line endings or None when missing, whether the file used CRLF)."""
    text = read_raw(path)
    if text is None:
        return None, False
    return text.replace("\r\n", "\n"), "\r\n" in text


def read_raw(path: Path) -> str | None:
    """The text of ``path`` with its line endings as they are, or None when it does not exist."""
    raw = files.read_bytes(path)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start}); docgen leaves it alone") from None


class _Comparison:
    """Owned files compared one at a time; only the texts of those that differ are kept."""

    def __init__(self) -> None:
        self.writes: dict[Path, bytes] = {}
        self.current: dict[Path, str | None] = {}
        self.crlf: set[Path] = set()
        self.checked = 0
        # Per table: digests of its section in the document and of its page, before this build and now.
        self.old_docs: dict[str, tuple[bytes | None, bytes | None]] = {}
        self.new_docs: dict[str, tuple[bytes | None, bytes | None]] = {}

    def sections(self, old_sections: dict[str, bytes], new_sections: dict[str, bytes]) -> None:
        """Record the digests of the tables' sections in the document, before this build and now."""
        self.old_docs.update((n, (d, None)) for n, d in old_sections.items())
        self.new_docs.update((n, (d, None)) for n, d in new_sections.items())

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
    try:
        with user_code("rendering the docs"):  # user templates (config templates) run here
            return _plan(schema, config, renderer or Renderer(config.templates))
    except UnicodeEncodeError as exc:  # a lone surrogate in a name or comment: no UTF-8 file can hold it
        near = exc.object[max(exc.start - 30, 0) : exc.end + 30]
        raise UsageError(
            f"the schema holds text that is not valid Unicode ({exc.reason}: {exc.object[exc.start]!r} in "
            f"{near!r}); fix the name or comment in the models or the database"
        ) from None


def _plan(schema: Schema, config: Config, renderer: Renderer) -> Plan:
    comparison = _Comparison()
    composed, the_notes = _plan_document(schema, config, renderer, comparison)
    deletes: list[Path] = []
    if config.pages:
        history = documented_history(config)  # the migrations run: only when ``history`` is set
        deletes = _plan_pages(schema, config, renderer, comparison, the_notes, history)
    stale_notes = the_notes.stale((t.qualified_name, (c.name for c in t.columns)) for t in schema.tables)
    return Plan(
        writes=comparison.writes,
        current=comparison.current,
        deletes=tuple(deletes),
        checked=comparison.checked,
        tables=_table_changes(comparison.old_docs, comparison.new_docs),
        adoption=composed.adoption,
        crlf=frozenset(comparison.crlf),
        stale_notes=tuple(stale_notes),
        places=(config.output.parent, config.pages_dir) if config.pages else (config.output.parent,),
    )


def _plan_document(
    schema: Schema, config: Config, renderer: Renderer, comparison: _Comparison
) -> tuple[document.Composed, notes.Notes]:
    """DATABASE_SCHEMA.md (and, when adopting a legacy one, the notes file) compared; the composed document and the notes.

    A document with markers is read after rendering (rendering's peak memory is
    not added to it), and the rendered block is dropped on return: a big
    schema's document is held at most twice. A legacy document is read first:
    the prose its table sections hold moves into the notes the block shows.
    """
    def link(qualified_name: str, column: str | None = None) -> str:
        if column is None:
            return "#" + markdown.table_anchor(qualified_name)
        return "#" + markdown.column_anchor(qualified_name, column)

    names = {t.qualified_name for t in schema.tables}
    shown_notes = config.relative(config.notes)
    if config.notes.resolve() == config.output.resolve():
        raise UsageError(f"notes and output are the same file ({shown_notes}); give the notes a file of their own")
    notes_text, notes_crlf = read_text(config.notes)
    the_notes = notes.parse(notes_text, shown_notes) if notes_text is not None else notes.Notes()
    existing = read_raw(config.output)
    adoption = None
    if existing is not None and not document.has_markers(existing):
        adoption = legacy.adopt(existing.removeprefix(document.BOM), names, config.legacy_tables, config.legacy_prose)
    else:
        existing = None  # read again after rendering
    new_notes = notes.with_prose(the_notes, adoption.moved_prose) if adoption and adoption.moved_prose else None
    if new_notes is not None:
        the_notes = notes.parse(new_notes, shown_notes)
    block = renderer.schema_block(schema, link=link, er_max_tables=config.er_max_tables, pages=config.pages,
                                  notes=the_notes)
    if adoption is None:
        existing = read_raw(config.output)
    composed = document.compose(existing, block, config.relative(config.output), adoption)
    comparison.sections(composed.old_sections, document.section_digests(block))
    comparison.compare(config.output, existing, False, composed.text)
    if new_notes is not None:
        comparison.compare(config.notes, notes_text, notes_crlf, new_notes)
    return composed, the_notes


def _plan_pages(
    schema: Schema, config: Config, renderer: Renderer, comparison: _Comparison, the_notes: notes.Notes,
    history: Sequence[Revision] | None = None,
) -> list[Path]:
    """Compare every page, rendered one at a time, with the one on disk; return the stale pages.

    A stale page is a generated page in ``pages-dir`` whose table is gone. A
    file where a page would go that docgen did not generate stops the plan.
    """
    found = pages.existing(config.pages_dir)
    planned: set[Path] = set()
    for table, path, text in pages.render(schema, renderer, config.pages_dir, the_notes, config.er_max_tables,
                                          history):
        pages.refuse_clash(path, table, config.output, config.relative)
        on_disk, page_crlf = read_text(path)
        pages.refuse_hand_written(path, on_disk, config.relative)
        comparison.compare(path, on_disk, page_crlf, text)
        if table is not None:
            comparison.page(table, on_disk, text)
        planned.add(path)
    deletes = [p for p in found if p not in planned and pages.is_generated_file(p)]
    for path in deletes:
        comparison.current[path] = on_disk = read_text(path)[0]
        if path.name != pages.HISTORY:  # the history page is no table's
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
