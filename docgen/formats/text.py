"""How ``docgen lint`` shows its findings: text for people, JSON for tools, GitHub annotations for CI.

Each finding names its rule, its table (and column), says what is wrong in one
line and how to fix it; where the model class is known, its file and line lead
the text line and place the GitHub annotation. All three are deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from .. import github
from .rule import Finding, Rule

Locate = Callable[[str], "tuple[str, int | None] | None"]


def _where(finding: Finding, locate: Locate) -> tuple[str | None, int | None]:
    file, line = finding.location or locate(finding.table) or (None, None)
    return file, line


def _summary(findings: Sequence[Finding], rules: Sequence[Rule], tables: int) -> str:
    checked = f"{len(rules)} rule(s), {tables} table(s)"
    if not findings:
        return f"lint: no findings ({checked})"
    return f"lint: {len(findings)} finding(s) in {len({f.table for f in findings})} table(s) ({checked})"


def text(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> list[str]:
    lines = []
    for finding in findings:
        file, line = _where(finding, locate)
        place = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        lines += [f"{place}{finding.rule}: {finding.message}", f"    fix: {finding.fix}"]
    return lines + [_summary(findings, rules, tables)]


def as_json(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> str:
    items = []
    for finding in findings:
        file, line = _where(finding, locate)
        items.append({"rule": finding.rule, "table": finding.table, "column": finding.column,
                      "message": finding.message, "fix": finding.fix, "file": file, "line": line})
    data = {"findings": items, "rules": [rule.id for rule in rules], "tables": tables}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def annotations(findings: Sequence[Finding], rules: Sequence[Rule], tables: int, locate: Locate) -> list[str]:
    lines = []
    for finding in findings:
        file, line = _where(finding, locate)
        lines.append(github.annotation("error", f"{finding.message} (fix: {finding.fix})",
                                       file=file, line=line, title=f"docgen lint: {finding.rule}"))
    return lines + [_summary(findings, rules, tables)]
