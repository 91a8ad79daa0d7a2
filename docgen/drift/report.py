"""How ``docgen drift`` shows a :class:`~docgen.drift.Drift`: text for people, JSON for tools, GitHub.

Text: tables only on one side first (with rename hints), then per table one
line per finding, then a one-line verdict. JSON: ``docgen.drift.Drift.to_dict``
plus what was compared, keys sorted. GitHub: one ``::error`` annotation per
finding and a Markdown step summary (counts, the findings folded). All are
deterministic.
"""

from __future__ import annotations

import json

from . import github, markdown
from .drift import Drift, Finding
from .errors import printable

_LABELS = {
    "missing_column": "column missing in the database",
    "extra_column": "column only in the database",
    "column_type": "column type differs",
    "column_nullable": "column nullability differs",
    "column_comment": "column comment differs",
    "table_comment": "table comment differs",
    "missing_foreign_key": "foreign key missing in the database",
    "extra_foreign_key": "foreign key only in the database",
    "missing_unique": "unique constraint missing in the database",
    "extra_unique": "unique constraint only in the database",
    "missing_index": "index missing in the database",
    "extra_index": "index only in the database",
    "missing_check": "check constraint missing in the database",
    "extra_check": "check constraint only in the database",
    "missing_table": "table only in the models",
    "extra_table": "table only in the database",
}


def text(drift: Drift, models: str, database: str) -> list[str]:
    """The report's lines; names and SQL are data: a line break or control character in them is escaped."""
    return [printable(line) for line in _lines(drift, models, database)]


def _lines(drift: Drift, models: str, database: str) -> list[str]:
    lines = [f"models:   {models}", f"database: {database}"]
    if drift.clean:
        return lines + [f"no drift: the database matches the models ({drift.tables_compared} tables)"]
    missing = drift.of_kind("missing_table")
    if missing:
        lines.append(f"tables only in the models ({len(missing)}): {', '.join(f.table for f in missing)}")
    extra = drift.of_kind("extra_table")
    if extra:
        lines.append(f"tables only in the database ({len(extra)}):")
        lines += [f"  {f.table}" + (f" ({f.hint})" if f.hint else "") for f in extra]
    table = None
    for finding in drift.findings:
        if finding.kind.endswith("_table"):
            continue
        if finding.table != table:
            table = finding.table
            lines.append(f"{table}:")
        lines.append(f"  {_LABELS[finding.kind]}: {_detail(finding)}")
    tables = len({f.table for f in drift.findings})
    lines.append(f"drift: {len(drift.findings)} difference(s) in {tables} table(s)")
    return lines


def _detail(finding: Finding) -> str:
    if finding.kind in ("column_type", "column_nullable", "column_comment", "table_comment"):
        models, database = (_or_none(v) for v in (finding.models, finding.database))
        return f"{finding.name or finding.table}: models {models}, database {database}"
    value = finding.models if finding.models is not None else finding.database
    if finding.kind.endswith("_check"):
        return f"{finding.name}: {value}" if finding.name else str(value)
    return f"{finding.name} {value}" if finding.name else str(value)


def _or_none(value: str | None) -> str:
    return "(none)" if value is None else value


def as_json(drift: Drift, models: str, database: str) -> str:
    data = {"models": models, "database": database, **drift.to_dict()}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def describe(finding: Finding) -> str:
    """One line for ``finding``: table, what differs, the detail."""
    if finding.kind.endswith("_table"):
        return f"{finding.table}: {_LABELS[finding.kind]}" + (f" ({finding.hint})" if finding.hint else "")
    return f"{finding.table}: {_LABELS[finding.kind]}: {_detail(finding)}"


def annotations(drift: Drift) -> list[str]:
    return [github.annotation("error", describe(f), title="docgen drift") for f in drift.findings]


def step_summary(drift: Drift, models: str, database: str) -> str:
    """Markdown for the job's summary page: what was compared, the verdict, the findings folded."""
    head = f"### docgen drift\n\nModels `{markdown.escape(models)}` compared with {markdown.escape(database)}.\n\n"
    if drift.clean:
        return head + f"No drift: the database matches the models ({drift.tables_compared} tables).\n"
    counts = "".join(f"| {_LABELS[kind]} | {count} |\n" for kind, count in drift.to_dict()["counts"].items())
    findings = "".join(f"- {markdown.escape(describe(f))}\n" for f in drift.findings)
    return (head + f"**Drift: {len(drift.findings)} difference(s).**\n\n| Finding | Count |\n| --- | ---: |\n{counts}\n"
            f"<details><summary>Findings</summary>\n\n{findings}\n</details>\n")
