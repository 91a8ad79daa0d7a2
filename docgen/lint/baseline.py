"""A lint baseline: the findings a team has accepted, so only new ones fail.

Adopting lint on an existing schema usually starts with hundreds of findings
(most of them missing descriptions). ``docgen lint --write-baseline FILE``
records today's findings; ``docgen lint --baseline FILE`` (or ``baseline =
"FILE"`` under ``[tool.docgen.lint]``) then reports and fails on new findings
only, counts the accepted ones, and counts the entries that are fixed (so the
file can be rewritten smaller). A finding is known by its rule and its subject
(``table`` or ``table.column``), not by its message, so rewording a message
does not make old findings new.

The file is JSON, sorted, one finding per line: it diffs well in review.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import files
from ..errors import UsageError
from .rule import Finding

FORMAT = 1


@dataclass(frozen=True)
class Checked:
    new: tuple[Finding, ...]  # findings the baseline does not hold: reported, and they fail
    accepted: int  # findings the baseline holds
    fixed: int  # baseline entries no finding matches any more


def text(findings: Sequence[Finding]) -> str:
    """The baseline file that accepts ``findings``."""
    keys = sorted({(f.rule, f.subject) for f in findings})
    rows = ",\n".join(f"    {json.dumps({'rule': rule, 'subject': subject}, ensure_ascii=False)}" for rule, subject in keys)
    return f'{{\n  "docgen-lint-baseline": {FORMAT},\n  "accepted": [\n{rows}\n  ]\n}}\n' if keys else \
        f'{{\n  "docgen-lint-baseline": {FORMAT},\n  "accepted": []\n}}\n'


def read(path: Path, shown: str) -> frozenset[tuple[str, str]]:
    """The (rule, subject) pairs the baseline at ``path`` accepts."""
    raw = files.read_bytes(path, f"lint baseline {shown}")
    if raw is None:
        raise UsageError(f"lint baseline {shown} not found: write it with docgen lint --write-baseline {shown}")
    try:
        data = json.loads(raw.decode("utf-8"))
        assert data["docgen-lint-baseline"] == FORMAT
        return frozenset((entry["rule"], entry["subject"]) for entry in data["accepted"])
    except (ValueError, UnicodeDecodeError, KeyError, TypeError, AssertionError):
        raise UsageError(f"lint baseline {shown} is not a docgen lint baseline: "
                         f"write it again with docgen lint --write-baseline {shown}") from None


def check(findings: Sequence[Finding], accepted: frozenset[tuple[str, str]]) -> Checked:
    """Split ``findings`` into new ones and the ones ``accepted``; count the accepted entries now fixed."""
    found = {(f.rule, f.subject) for f in findings}
    new = tuple(f for f in findings if (f.rule, f.subject) not in accepted)
    return Checked(new=new, accepted=len(findings) - len(new), fixed=len(accepted - found))
