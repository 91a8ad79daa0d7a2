"""What a check that found the docs fresh remembers, so that the next one, with nothing changed, need not render.

A plan is a function of the schema's inputs — all in the cache key
(:class:`docgen.pipeline.Loaded`: models, config, templates, notes, docgen,
Python, what is installed) — and of the owned files it reads on disk: the
document and the Markdown files of the pages directory. A plan with nothing
to write reads only files that exist. So when a plan is fresh, its key and a
digest of those files (their names and bytes) are stored with what the
verdict says (files checked, tables, stale notes); a later run with the same
key and the same digest has the same plan, and gets it without rendering.
Anything else — another key, another file, a new page, a stale plan — is
planned in full. A verdict is stored only when the key and the files were
the same after planning as before (nothing was edited meanwhile). For a live
database the key covers what was read from it, so the database is read every
time and only the rendering is saved.
"""

from __future__ import annotations

from .cache import key, store
from .config import Config
from .errors import UsageError
from .outputs import pages
from .pipeline import Loaded, cache_applies, entry_name, key_of, manifest_of
from .plan import Plan, TableChanges, plan


def remembered(config: Config, loaded: Loaded | None = None) -> Plan | None:
    """The fresh plan a check remembered, when nothing it depends on has changed since; else None.

    Models are asked before they are imported (their key comes from their files); a live database once it
    is ``loaded`` (its key is what was read).
    """
    asked_in_time = loaded is not None if config.database_url else loaded is None
    if not cache_applies(config) or not asked_in_time:
        return None
    entry = store.read(config.root, entry_name(config, "fresh"))
    manifest = manifest_of(entry)
    if entry is None or manifest is None or entry.get("docs") != _docs_digest(config):
        return None
    now = key_of(config, *manifest) if loaded is None else loaded.key
    return _plan_from(entry, config) if now == entry["key"] else None


def plan_of(loaded: Loaded, config: Config) -> Plan:
    """The plan of ``loaded``; remembered when it is fresh, the cache is on and nothing was edited meanwhile."""
    before = _docs_digest(config) if loaded.key is not None else None
    the_plan = plan(loaded.schema, config)
    if before is not None and not the_plan.stale_files and loaded.key_now(config) == loaded.key \
            and _docs_digest(config) == before:
        files, directories = loaded.manifest
        store.write(config.root, entry_name(config, "fresh"), loaded.key, {
            "files": list(files), "directories": list(directories), "docs": before, "checked": the_plan.checked,
            "unchanged": list(the_plan.tables.unchanged), "stale_notes": list(the_plan.stale_notes),
        })
    return the_plan


def _docs_digest(config: Config) -> str | None:
    """A digest of the owned files a plan reads: the document, and the pages directory's Markdown files."""
    try:
        found = pages.existing(config.pages_dir) if config.pages else []
    except (UsageError, OSError):  # the plan will say what is wrong
        return None
    files = [str(config.output), *(str(path) for path in found)]
    return key.digest({"pages": config.pages}, [], files, [], [])


def _plan_from(remembered: dict, config: Config) -> Plan | None:
    """The fresh plan a remembered verdict describes; None when it does not hold a whole one."""
    checked, unchanged, stale_notes = (remembered.get(k) for k in ("checked", "unchanged", "stale_notes"))
    if not isinstance(checked, int) or not all(_strings(t) for t in (unchanged, stale_notes)):
        return None
    return Plan(writes={}, current={}, deletes=(), checked=checked, tables=TableChanges((), (), (), tuple(unchanged)),
                adoption=None, crlf=frozenset(), stale_notes=tuple(stale_notes),
                places=(config.output.parent, config.pages_dir) if config.pages else (config.output.parent,))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
