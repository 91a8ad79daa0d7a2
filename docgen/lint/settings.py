"""``[tool.docgen.lint]``: which rules run, their options, and what they do not look at.

```toml
[tool.docgen.lint]
disable = ["implied-relationship"]     # rules not to run (or enable = [...]: only these)
min-description-length = 10            # an option of the description rules
exclude = ["alembic_version", "legacy_*"]    # tables / table.column globs no rule reports
baseline = "lint-baseline.json"        # accepted findings: only new ones fail (docgen.lint.baseline)

[tool.docgen.lint.ignore]              # per rule: tables / table.column globs it does not report
column-description = ["*.id", "*.created_at"]
```

Unknown keys, rule ids and values of the wrong type are errors naming them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from ..errors import UsageError
from .registry import OPTIONS, RULES
from .rule import Finding, Rule

WHERE = "[tool.docgen.lint]"
_LISTS = ("enable", "disable", "exclude")


@dataclass(frozen=True)
class Settings:
    rules: tuple[Rule, ...]  # the rules that run, in registry order
    options: Mapping[str, object]
    exclude: tuple[str, ...]  # globs of tables / table.column no rule reports
    ignore: Mapping[str, tuple[str, ...]]  # rule id -> globs it does not report
    baseline: str | None = None  # the baseline file as configured (relative to the project root)

    def silenced(self, finding: Finding, inline: Mapping[str, tuple[str, ...]]) -> bool:
        """Whether ``finding`` is excluded by a glob here or opted out inline (``inline``: LintFacts.ignores)."""
        subjects = (finding.table, finding.subject)
        globs = self.exclude + self.ignore.get(finding.rule, ())
        if any(fnmatchcase(subject, glob) for glob in globs for subject in subjects):
            return True
        return any(finding.rule in inline.get(subject, ()) or "*" in inline.get(subject, ()) for subject in subjects)


def read(table: Mapping[str, Any], enable: tuple[str, ...] = (), disable: tuple[str, ...] = (),
         options: Mapping[str, object] | None = None) -> Settings:
    """Settings from ``[tool.docgen.lint]`` and the command line's ``--enable``/``--disable``/options (which win)."""
    for key, value in table.items():
        if key in _LISTS:
            _strings(key, value)
        elif key == "ignore":
            _ignore_table(value)
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                raise UsageError(f"{WHERE}: baseline must be a file name, got {value!r}")
        elif key in OPTIONS:
            _option(key, value)
        else:
            known = ", ".join((*_LISTS, "ignore", "baseline", *OPTIONS))
            raise UsageError(f"{WHERE}: unknown key {key!r} (known: {known})")
    for rule in sorted({*enable, *disable}):
        known_rule(rule, "--enable/--disable")
    for rule in sorted({*table.get("enable", ()), *table.get("disable", ())}):
        known_rule(rule, f"{WHERE} enable/disable")
    enabled = set(enable or table.get("enable") or RULES)
    disabled = set(disable) | set(table.get("disable", ()))
    values = {**OPTIONS, **{k: v for k, v in table.items() if k in OPTIONS}, **(options or {})}
    return Settings(
        rules=tuple(rule for rule in RULES.values() if rule.id in enabled and rule.id not in disabled),
        options=values,
        exclude=tuple(table.get("exclude", ())),
        ignore={rule: tuple(globs) for rule, globs in table.get("ignore", {}).items()},
        baseline=table.get("baseline"),
    )


def known_rule(rule: str, where: str) -> None:
    if rule not in RULES:
        raise UsageError(f"{where}: unknown lint rule {rule!r} (see docgen lint --list-rules)")


def _strings(key: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{WHERE}: {key} must be a list of strings, got {value!r}")
    if key == "exclude":
        _globs(key, value)


def _globs(key: str, globs: list[str]) -> None:
    """A ``[`` that no ``]`` closes would match only itself: a typo, not a glob."""
    for glob in globs:
        if re.search(r"\[(?![^\]]*\])", glob):
            raise UsageError(f"{WHERE}: {key}: the glob {glob!r} has an unclosed [ (a character class "
                             "needs its ], e.g. 'log_[0-9]*')")


def _ignore_table(value: Any) -> None:
    if not isinstance(value, dict):
        raise UsageError(f"{WHERE}: ignore must be a table of rule id = [globs], got {value!r}")
    for rule, globs in value.items():
        known_rule(rule, f"{WHERE} ignore")
        if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
            raise UsageError(f"{WHERE}: ignore.{rule} must be a list of strings, got {globs!r}")
        _globs(f"ignore.{rule}", globs)


def _option(key: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError(f"{WHERE}: {key} must be a whole number of 1 or more, got {value!r}")
