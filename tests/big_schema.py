"""A big model package as real apps have them, for what a reader sees at scale (tests/test_big_site.py).

``write(root, modules=10, per_module=50)`` writes ``bigapp/models/<area>.py`` (declarative classes,
``per_module`` tables each) and a ``pyproject.toml`` documenting them. Like a real schema it has
hubs: ``users`` is referenced by a third of all tables, ``organizations`` by a tenth, and the first
table of each area by most of its area's tables; some tables have 30 columns, some long names and
comments. Deterministic: the same arguments write the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

AREAS = ("accounts", "billing", "catalog", "crm", "hr", "inventory", "logistics", "marketing", "support",
         "analytics", "content", "scheduling")
_TYPES = ("String(120)", "Text", "Integer", "BigInteger", "Boolean", "Numeric(12, 2)", "DateTime(timezone=True)",
          "Date", "JSON")
_WORDS = ("record", "entry", "item", "event", "line", "note", "rule", "policy", "request", "batch", "snapshot",
          "assignment", "allocation", "adjustment", "subscription", "preference")
_HEAD = '''"""The {area} area of the big app."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
'''


def table_names(modules: int, per_module: int) -> dict[str, list[str]]:
    """Area -> its table names (the first is the area's hub; accounts starts with users, organizations)."""
    names: dict[str, list[str]] = {}
    for area in AREAS[:modules]:
        hub = "users" if area == "accounts" else f"{area}_{'hubs' if area != 'crm' else 'contacts'}"
        tables = [hub, "organizations"] if area == "accounts" else [hub]
        n = 0
        while len(tables) < per_module:
            word = _WORDS[n % len(_WORDS)]
            tables.append(f"{area}_{word}s" if n < len(_WORDS) else f"{area}_{word}_{n // len(_WORDS)}s")
            n += 1
        names[area] = tables
    return names


def write(root: Path, modules: int = 10, per_module: int = 50) -> Path:
    rng = random.Random(modules * 1000 + per_module)
    package = root / "bigapp" / "models"
    package.mkdir(parents=True, exist_ok=True)
    (root / "bigapp" / "__init__.py").write_text("")
    (package / "base.py").write_text(
        "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n")
    names = table_names(modules, per_module)
    (package / "__init__.py").write_text(
        f"from . import {', '.join(names)}  # noqa: F401\nfrom .base import Base  # noqa: F401\n")
    for area, tables in names.items():
        classes = [_HEAD.format(area=area)]
        for i, table in enumerate(tables):
            parents = []
            if table != "users" and rng.random() < 0.35:
                parents.append("users")
            if table not in ("users", "organizations") and rng.random() < 0.1:
                parents.append("organizations")
            if i > 0 and rng.random() < 0.8:
                parents.append(tables[0])
            if i > 2 and rng.random() < 0.3:
                parents.append(tables[rng.randrange(1, i)])
            if rng.random() < 0.08:  # a link to another area
                other = rng.choice([a for a in names if a != area])
                parents.append(names[other][0])
            classes.append(_model(table, list(dict.fromkeys(p for p in parents if p != table)), rng))
        (package / f"{area}.py").write_text("\n".join(classes))
    (root / "pyproject.toml").write_text('[tool.docgen]\nmodels = "bigapp.models:Base"\ndialect = "postgresql"\n')
    return root


def _model(table: str, parents: list[str], rng: random.Random) -> str:
    cls = "".join(part.title() for part in table.split("_"))
    lines = [f"\n\nclass {cls}(Base):",
             f'    """The {table.replace("_", " ")} of the app: one row per {table.rstrip("s").replace("_", " ")}."""',
             f'    __tablename__ = "{table}"', "    id: Mapped[int] = mapped_column(primary_key=True)"]
    if table == "users":
        lines.append('    email: Mapped[str] = mapped_column(String(255), unique=True, comment="Login address")')
    for parent in parents:
        column = f"{parent.rstrip('s')}_id"
        lines.append(f'    {column}: Mapped[int | None] = mapped_column(ForeignKey("{parent}.id"), index=True)')
    for n in range(rng.choice((3, 5, 8, 12, 30))):
        name = f"{rng.choice(_WORDS)}_{'detail' if n % 3 else 'value_with_a_rather_long_descriptive_name'}_{n}"
        comment = rng.choice(("", "", "What the reader needs to know about this value, in a sentence or two "
                              "that wraps in the description column."))
        extra = f", comment={comment!r}" if comment else ""
        lines.append(f"    {name}: Mapped[object] = mapped_column({rng.choice(_TYPES)}, nullable=True{extra})")
    return "\n".join(lines) + "\n"
