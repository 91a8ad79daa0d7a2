"""Groups: the schema's tables sorted into subject areas, so a big schema reads part by part.

tbls calls them viewpoints. Configured groups (``[tool.docgen.groups]``) come
first, in the order written; a table goes to the first whose globs match it
(globs as in ``include``: the name or the schema-qualified name); its
description is Markdown as written. Every other
table is grouped by what the project already says, the first of these that
sorts it into useful groups (two or more, as many as half the tables at most,
none holding four fifths of them, at most half of them left in ``other``):

1. the Python module or package its model class lives in (one level below the
   package all the models share: ``shop/models/billing/*.py`` -> ``billing``);
2. its database schema;
3. its name's first word (``auth_user`` and ``auth`` -> ``auth``), tables
   alone in theirs gathered in ``other``.

When none does, they form one group, ``tables``. A view that no configured
group names and no model class defines (a live database's, or one created by
DDL) joins the group holding most of the tables it reads. The order is the configured
groups, then the derived ones by name (``other`` last); tables keep the
schema's order within a group. The same schema and config give the same groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..config import GroupSpec
from ..model import Schema
from ..sources.selection import matches
from .markdown import escape

OTHER = "other"
SINGLE = "tables"


@dataclass(frozen=True)
class Group:
    name: str
    description: str
    tables: tuple[str, ...]  # qualified names, in the schema's order


def assign(schema: Schema, specs: tuple[GroupSpec, ...] = ()) -> tuple[Group, ...]:
    """The groups of ``schema``'s tables (every table in exactly one; no group empty)."""
    names = [t.qualified_name for t in schema.tables]
    configured: dict[str, list[str]] = {spec.name: [] for spec in specs}
    rest = []
    for name in names:
        spec = next((s for s in specs if matches(name, s.tables)), None)
        (configured[spec.name] if spec else rest).append(name)
    views = {n: schema.table(n).reads for n in rest if schema.table(n).is_view and n not in schema.lint.classes}
    rest = [n for n in rest if n not in views]
    groups = [Group(s.name, s.description, tuple(configured[s.name])) for s in specs if configured[s.name]]
    if rest:
        groups += _derived(schema, rest, taken={g.name for g in groups})
    return tuple(_with_views(schema, groups, views))


def _with_views(schema: Schema, groups: list[Group], views: dict[str, tuple[str, ...]]) -> list[Group]:
    """``groups`` with each view that has no model class in the group holding most of the tables it
    reads (the first such group on a tie), else in ``other``; only views: grouped as tables are."""
    members = {g.name: list(g.tables) for g in groups}
    group_of = {t: g.name for g in groups for t in g.tables}
    lonely = []
    for view, reads in views.items():
        counts = [sum(group_of.get(r) == g.name for r in reads) for g in groups]
        if counts and max(counts):
            members[groups[counts.index(max(counts))].name].append(view)
        elif groups:
            members.setdefault(OTHER, []).append(view)
        else:
            lonely.append(view)
    position = {t.qualified_name: i for i, t in enumerate(schema.tables)}
    said = {g.name: g.description for g in groups} | {OTHER: "The tables of no other group."}
    grouped = [Group(name, said[name], tuple(sorted(tables, key=position.__getitem__)))
               for name, tables in members.items()]
    return grouped + (_derived(schema, lonely, taken=set(members)) if lonely else [])


def _derived(schema: Schema, names: list[str], taken: set[str]) -> list[Group]:
    files = schema.lint.classes
    modules = _module_keys({n: files[n][0] for n in names if n in files})
    ways: list[tuple[Callable[[str], str | None], str]] = [
        (modules.get, "The tables whose models are in {}."),
        (lambda n: schema.table(n).schema, "The tables of the database schema {}."),
        (_prefixes(names), "The tables named {0} or {0}\\_…"),
    ]
    for key_of, description in ways:
        keys = {n: key_of(n) or OTHER for n in names}
        if _useful(keys.values()):
            return _grouped(names, keys, description, taken)
    return _grouped(names, dict.fromkeys(names, SINGLE), "", taken)


def _module_keys(files: dict[str, str]) -> dict[str, str]:
    """Table -> the module or package below the one all the tables' model files share."""
    paths = {n: _module_parts(f) for n, f in files.items()}
    if not paths:
        return {}
    common = list(next(iter(paths.values())))
    for parts in paths.values():
        while parts[: len(common)] != tuple(common):
            common.pop()
    keys = {}
    for name, parts in paths.items():
        rest = parts[len(common):]
        keys[name] = rest[0] if rest else (common[-1] if common else SINGLE)
    return keys


def _module_parts(file: str) -> tuple[str, ...]:
    path = PurePosixPath(file).with_suffix("")
    return path.parts[:-1] if path.name == "__init__" else path.parts


def _prefixes(names: list[str]) -> Callable[[str], str | None]:
    """Table -> the first word of its name (``job`` for ``job`` and ``job_state``), when another table shares it."""
    def first_word(name: str) -> str:
        return name.rsplit(".", 1)[-1].split("_", 1)[0].lower()

    counts: dict[str, int] = {}
    for name in names:
        counts[first_word(name)] = counts.get(first_word(name), 0) + 1
    return lambda name: first_word(name) if counts[first_word(name)] > 1 else None


def _useful(keys: Iterable[str]) -> bool:
    """At least two groups, at most half as many as tables, none holding four fifths of them,
    and at most half of them in ``other``."""
    sizes: dict[str, int] = {}
    for key in keys:
        sizes[key] = sizes.get(key, 0) + 1
    total = sum(sizes.values())
    return (2 <= len(sizes) <= total / 2 and max(sizes.values()) <= total * 0.8
            and sizes.get(OTHER, 0) <= total / 2)


def _grouped(names: list[str], keys: dict[str, str], description: str, taken: set[str]) -> list[Group]:
    """Groups by ``keys``; ``description`` says what a group holds, its key (escaped) in place of ``{}``."""
    by_key: dict[str, list[str]] = {}
    for name in names:
        by_key.setdefault(keys[name], []).append(name)
    order = sorted(by_key, key=lambda key: (key == OTHER, key.casefold(), key))
    groups = []
    for key in order:
        name, n = key, 1
        while name in taken:  # a configured group has the name already
            n += 1
            name = f"{key} ({n})"
        taken.add(name)
        said = "The tables of no other group." if key == OTHER else description.format(escape(key))
        groups.append(Group(name, said, tuple(by_key[key])))
    return groups
