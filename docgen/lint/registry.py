"""Every lint rule, by id, in the order the guide lists them; and the options they take."""

from __future__ import annotations

from . import defaults, descriptions, indexes, keys, naming
from .rule import Rule

RULES: dict[str, Rule] = {
    rule.id: rule
    for family in (keys, indexes, naming, descriptions, defaults)
    for rule in family.RULES
}

OPTIONS: dict[str, object] = {name: default for rule in RULES.values() for name, default in rule.options.items()}
