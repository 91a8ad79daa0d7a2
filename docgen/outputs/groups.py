"""Groups: the schema's tables sorted into subject areas, so a big schema reads part by part.

tbls calls them viewpoints. Configured groups (``[tool.docgen.groups]``) come
first, in the order written; a table goes to the first whose globs match it
(globs as in ``include``: the name or the schema-qualified name); its
description is Markdown as written. Every other
table is grouped by what the project already says, the first of these that
sorts it into useful groups (two or more, as many as half the tables at most,
none holding four fifths of them, at most half of them left in ``other``):

1. the Python module or package its model class lives in (one level below the
   package all the models share: ``shop/models/billing/*.py`` -> ``billing``;
   when that level does not divide them usefully, the next one down: an
   installed package's ``neutron.db.models.*``, ``neutron.db.qos.*``, ...);
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
    views = {n: schema.table(n).reads for n in rest if schema.table(n).is_view and n not in schema.lint.modules}
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
    modules = schema.lint.modules
    ways: list[tuple[Callable[[str], str | None], str]] = [
        *((keys.get, "The tables whose models are in {}.")
          for keys in _module_keys({n: modules[n] for n in names if n in modules})),
        (lambda n: schema.table(n).schema, "The tables of the database schema {}."),
        (_prefixes(names), "The tables named {0} or {0}\\_…"),
    ]
    for key_of, description in ways:
        keys = {n: key_of(n) or OTHER for n in names}
        if _useful(keys.values()):
            return _grouped(names, keys, description, taken)
    return _grouped(names, dict.fromkeys(names, SINGLE), "", taken)


def _module_keys(modules: dict[str, str]) -> list[dict[str, str]]:
    """Table -> the package or module holding its model class, one level below the package all the tables'
    modules share (``shop.models.billing.invoices`` -> ``billing``); then two levels below, and so on: a
    package whose models all sit in ``neutron.db.models.*`` and a few elsewhere is grouped where it divides."""
    paths = {n: tuple(m.split(".")) for n, m in modules.items()}
    if not paths:
        return []
    common = 0
    while len({p[:common + 1] for p in paths.values()}) == 1 and all(len(p) > common + 1 for p in paths.values()):
        common += 1
    keyings = []
    for depth in range(1, max(len(p) for p in paths.values()) - common + 1):
        keys = {n: ".".join(p[common:common + depth]) for n, p in paths.items()}
        keyings.append(_shortest(keys))
    return keyings


def _shortest(keys: dict[str, str]) -> dict[str, str]:
    """Each dotted key by its last part (``db.models`` -> ``models``), unless another key ends the same."""
    ends: dict[str, set[str]] = {}
    for key in keys.values():
        ends.setdefault(key.rsplit(".", 1)[-1], set()).add(key)
    return {n: key.rsplit(".", 1)[-1] if len(ends[key.rsplit(".", 1)[-1]]) == 1 else key for n, key in keys.items()}


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
