"""What the commands print: one module per output format, shared by ``check``, ``drift``, ``history``, ``diff``,
``lint`` and ``coverage``.

Each format module has one function per command it serves, named after the
command and returning the whole output (every line ended by a newline):
``check(plan, config, quiet)``, ``drift(drift, models, database)``,
``history(revisions, migrations, database)``, ``diff(changes, old, new, tables)``,
``lint(findings, rules, tables, locate)``, ``coverage(measured, minimum)``.
A command's ``--format`` choices are the formats that serve it, in the order
of :data:`FORMATS`, so a new format is one module here plus one line below.

Formats read what the layers below them made (the plan, a drift, lint
findings, a coverage): they may import ``report``, ``plan``, ``config``,
``drift``, ``lint`` and ``outputs.markdown``; nothing below imports a format.
Importing one never imports alembic: only ``drift`` needs it.
"""

from __future__ import annotations

from types import ModuleType

from . import github, json, markdown, text

FORMATS: dict[str, ModuleType] = {"text": text, "json": json, "markdown": markdown, "github": github}


def serving(command: str) -> tuple[str, ...]:
    """The names of the formats that serve ``command`` (``check``, ``drift``, ``history``, ``diff``, ``lint``, ``coverage``)."""
    return tuple(name for name, module in FORMATS.items() if callable(getattr(module, command, None)))
