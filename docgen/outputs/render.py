"""Render the neutral schema to Markdown with Jinja2 templates.

A user's template directory (config ``templates``) is searched before the
built-in ``templates/``, so any single template can be overridden. The
environment is strict (undefined names are errors) and built per renderer: no
global state. Template mistakes — syntax, and a user template failing while it
runs (``{{ 1/0 }}``) — become one-line :class:`UsageError` s naming file and line.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jinja2

from ..config import BUILTIN_TEMPLATES
from ..drift.report import change_line
from ..errors import UsageError, describe
from ..lint import coverage
from ..model import Column, NamedType, Schema, Table, sql_literals
from ..sources.notes import Notes
from . import er, markdown
from .groups import Group

NO_NOTES = Notes()

# Where a link to a table (``link(name)``) or to one of its columns (``link(name, column)``) points.
Linker = Callable[..., str]


def default_text(column: Column) -> str:
    """The Default cell: Python-side default, server default (labelled), computed and identity clauses."""
    parts = []
    if column.default is not None:
        parts.append(column.default)
    if column.server_default is not None:
        parts.append(f"{column.server_default} (server)")
    parts += [clause for clause in (column.computed, column.identity) if clause is not None]
    return "; ".join(parts)


class Renderer:
    def __init__(self, user_templates: Path | None = None):
        self.user_templates = user_templates
        loaders: list[jinja2.BaseLoader] = []
        if user_templates is not None:
            if not user_templates.is_dir():
                raise UsageError(f"templates directory {user_templates} does not exist")
            loaders.append(jinja2.FileSystemLoader(str(user_templates)))
        loaders.append(jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one run renders thousands of pages: don't stat the templates each time
        )
        self.env.filters.update(
            md=markdown.escape,
            prose=markdown.prose,
            anchor=markdown.anchor,
            table_anchor=markdown.table_anchor,
            group_anchor=markdown.group_anchor,
            column_anchor=markdown.column_anchor,
            drop_empty_columns=markdown.drop_empty_columns,
            default_text=default_text,
            key_cell=key_cell,
            children_cell=children_cell,
            href=href,
            comment_text=markdown.comment_text,
            page_title=markdown.page_title,
            change=change_line,
            note_cell=lambda note: note.replace("|", "\\|"),  # a note is Markdown as written, kept in its cell
            object_link=object_link,
            code_block=markdown.code_block,
            kind_mark=lambda table: f" ({table.kind})" if table.is_view else "",
            type_definition=type_definition,
        )

    def render(self, template_name: str, **context: object) -> str:
        try:
            return _joined(self.env.get_template(template_name).generate(**context))
        except jinja2.TemplateSyntaxError as exc:
            raise UsageError(f"template error in {exc.filename or exc.name}, line {exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise UsageError(f"template not found: {exc.name}") from None
        except jinja2.TemplateError as exc:
            raise UsageError(f"template error while rendering {template_name}: {exc}") from None
        except UsageError:
            raise
        except Exception as exc:  # a user's template is code: it can fail like code ({{ 1/0 }})
            where = self._user_template_frame(exc)
            if where is None:  # not in the user's templates: a bug of docgen's own, reported as one
                raise
            raise UsageError(f"template error in {where.filename}, line {where.lineno}: {describe(exc)}") from None

    def _user_template_frame(self, exc: Exception) -> traceback.FrameSummary | None:
        """The innermost frame of ``exc`` that runs a template, when that template is the user's."""
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        if frames and self.user_templates is not None and Path(frames[-1].filename).is_relative_to(self.user_templates):
            return frames[-1]
        return None

    def schema_block(
        self, schema: Schema, link: Linker, er_max_tables: int | None = None, pages: bool = True,
        notes: Notes = NO_NOTES, groups: tuple[Group, ...] = (),
    ) -> str:
        """The text docgen owns between the markers of DATABASE_SCHEMA.md.

        The tables by group, with the map of the groups; a whole-schema ER diagram unless the schema has
        more than ``er_max_tables`` tables (None: no limit), and then, unless ``pages`` (whose group
        pages have them), each group's diagram: every table is in some diagram.
        """
        diagrams = er.Diagrams(schema)
        whole = _whole_diagram(diagrams, er_max_tables)
        return self.render("schema.md.j2", schema=schema, link=link, level=2, diagram=whole, pages=pages,
                           notes=notes, **_grouped(diagrams, groups, None, drawn=whole is None and not pages))

    def table_page(
        self, diagrams: er.Diagrams, table: Table, link: Linker, header: str, notes: Notes = NO_NOTES,
        group: tuple[str, str] | None = None, history: Sequence = (),
    ) -> str:
        """One table's page: ``header``, its group (name, link), the table's documentation, an ER diagram
        of its nearest neighbours and links to the rest and, with ``history`` ((revision, its changes of
        the table), newest first), the revisions that changed it."""
        diagram, more = diagrams.of_table(table)
        return self.render("page.md.j2", schema=diagrams.schema, table=table, link=link, level=1,
                           diagram=diagram, more=more, header=header, notes=notes, group=group, history=history)

    def group_page(self, diagrams: er.Diagrams, group: Group, link: Linker, header: str) -> str:
        """One group's page: its description, its tables, their diagram with the nearest outside tables."""
        diagram, more = diagrams.of_group(group.tables)
        return self.render("group.md.j2", schema=diagrams.schema, group=group, link=link, header=header,
                           diagram=diagram, more=more)

    def history_page(self, revisions: Sequence, header: str) -> str:
        """The Schema history page: every revision, newest first, with what it changed."""
        return self.render("history.md.j2", revisions=list(reversed(revisions)), header=header)

    def pages_index(self, diagrams: er.Diagrams, link: Linker, header: str, er_max_tables: int | None = None,
                    notes: Notes = NO_NOTES, groups: tuple[Group, ...] = (),
                    group_link: Callable[[str], str] = str) -> str:
        """The index page of the pages directory: the schema's documentation coverage (notes count as
        descriptions), the map of the groups, every table by group with its column count and description,
        and the whole-schema ER diagram (as in :meth:`schema_block`); boxes open their pages in the site."""
        return self.render("index.md.j2", schema=diagrams.schema, link=link, header=header,
                           diagram=_whole_diagram(diagrams, er_max_tables),
                           coverage=coverage.measure(diagrams.schema, notes),
                           **_grouped(diagrams, groups, group_link, drawn=False))


def _grouped(diagrams: er.Diagrams, groups: tuple[Group, ...], group_link: Callable[[str], str] | None,
             drawn: bool) -> dict[str, object]:
    """What the templates need to show tables by group: the groups (with their diagrams when ``drawn``),
    where a group's page is (None: no group pages), and the map of the groups (when there are two or more)."""
    several = len(groups) > 1
    return {
        "groups": [(g, diagrams.of_group(g.tables) if drawn else None) for g in groups],
        "group_link": group_link,
        "groups_map": diagrams.groups_map({g.name: g.tables for g in groups}) if several else None,
    }


def _whole_diagram(diagrams: er.Diagrams, er_max_tables: int | None) -> str | None:
    """The whole-schema diagram, or None above ``er_max_tables`` tables (None: no limit)."""
    too_big = er_max_tables is not None and len(diagrams.schema.tables) > er_max_tables
    return None if too_big else diagrams.whole()


def _joined(pieces: Iterator[str], batch: int = 4096) -> str:
    """``"".join(pieces)`` in batches: a plain join lists every piece first, several times the text's size."""
    batches = iter(lambda: list(itertools.islice(pieces, batch)), [])
    return "".join("".join(pieces_of_batch) for pieces_of_batch in batches)


@jinja2.pass_context
def href(context: jinja2.runtime.Context, qualified_name: str, column: str | None = None) -> str:
    """Where a link to the table ``qualified_name`` (or its ``column``) points, by the template's ``link``."""
    return context["link"](qualified_name) if column is None else context["link"](qualified_name, column)


def type_definition(named: NamedType) -> str:
    """An enum's values as SQL literals; a domain's base type and checks."""
    if named.kind == "enum":
        return sql_literals(named.values)
    return " ".join(part for part in (named.base, *named.checks) if part)


@jinja2.pass_context
def object_link(context: jinja2.runtime.Context, target: str | tuple[str, str]) -> str:
    """A link to a table or view (a name) or to a column (a (table, column) pair); plain text when the
    schema does not hold the table (left out by include/exclude, or in a schema not read)."""
    table, column = (target, None) if isinstance(target, str) else target
    text = markdown.escape(table if column is None else f"{table}.{column}")
    if context["schema"].table(table) is None:
        return text
    return f"[{text}]({context['link'](table) if column is None else context['link'](table, column)})"


def _column_link(link: Linker, qualified_name: str, column: str) -> str:
    return f"[{markdown.escape(f'{qualified_name}.{column}')}]({link(qualified_name, column)})"


@jinja2.pass_context
def key_cell(context: jinja2.runtime.Context, column: Column, table: Table) -> str:
    """The Key cell of ``column``: PK, FK links (through the template's ``link``) to the referenced columns,
    ORM-only references likewise, UQ."""
    parts = ["PK"] if column.primary_key else []
    for label, references in (("FK", table.foreign_keys), ("ORM-only", table.orm_relationships)):
        for reference in references:
            if column.name in reference.columns:
                target = reference.target_columns[reference.columns.index(column.name)]
                parts.append(f"{label} → " + _column_link(context["link"], reference.target_table, target))
    if column.unique:
        parts.append("UQ")
    return ", ".join(parts)


# A Referenced by cell lists this many columns as they are; more are folded under their count.
REFERENCES_SHOWN = 4


@jinja2.pass_context
def children_cell(context: jinja2.runtime.Context, column: Column, table: Table) -> str:
    """The Referenced by cell of ``column``: links to the columns of other tables' foreign keys pointing at it,
    then to those of ORM-only references, marked; folded (``<details>``: "12 columns", the list on demand)
    past :data:`REFERENCES_SHOWN`."""
    schema, name = context["schema"], table.qualified_name
    links = [
        _column_link(context["link"], child.qualified_name, ref.columns[ref.target_columns.index(column.name)]) + marker
        for marker, found in (("", schema.referenced_by(name)), (" (ORM-only)", schema.orm_referenced_by(name)))
        for child, ref in found if column.name in ref.target_columns
    ]
    if len(links) <= REFERENCES_SHOWN:
        return ", ".join(links)
    listed = ", ".join(links)
    return f'<details class="docgen-refs"><summary>{len(links)} columns</summary>{listed}</details>'
