"""Run the enabled rules over a schema; drop what the settings or the models' inline opt-outs silence."""

from __future__ import annotations

from ..model import Schema
from ..sources.notes import Notes
from .registry import RULES
from .rule import Context, Finding, finding
from .settings import Settings, known_rule


def lint(schema: Schema, settings: Settings, notes: Notes | None = None, notes_file: str | None = None) -> list[Finding]:
    """The findings, by table (schema order, then tables the schema lacks), then rule, then as found."""
    inline = schema.lint.ignores
    for subject, rules in sorted(inline.items()):
        for rule in rules:
            if rule != "*":
                known_rule(rule, f'{subject}: info={{"docgen": {{"lint-ignore": ...}}}}')
    context = Context(schema, settings.options, notes or Notes(), notes_file)
    findings = []
    for rule in settings.rules:
        for hit in rule.check(context):
            found = finding(rule, hit)
            if not settings.silenced(found, inline):
                findings.append(found)
    positions = {table.qualified_name: n for n, table in enumerate(schema.tables)}
    order = {rule: n for n, rule in enumerate(RULES)}
    return sorted(findings, key=lambda f: (positions.get(f.table, len(positions)), f.table, order[f.rule]))
