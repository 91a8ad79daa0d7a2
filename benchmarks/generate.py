"""A deterministic generator of synthetic SQLAlchemy 2.x model projects of N tables.

``generate(n, root)`` writes a project like a real app's: ``pyproject.toml``
with ``[tool.docgen]`` and a package ``bench_models`` whose ``base.py`` holds
the declarative base and whose modules (``TABLES_PER_MODULE`` tables each) hold
the models: mixed column types, Python and server defaults, foreign keys
(with ON DELETE) to earlier tables, CHECKs, multi-column UNIQUEs, indexes and
comments. Importing ``bench_models`` imports every module. The same ``n`` gives
the same bytes: all choices come from a ``random.Random`` seeded with ``n``.

    python -m benchmarks.generate N DIRECTORY
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PACKAGE = "bench_models"
TABLES_PER_MODULE = 50

# (annotation, mapped_column arguments) of the optional columns a table draws from.
_COLUMN_KINDS = (
    ("str", "String(120)"),
    ("str", "Text"),
    ("int", "Integer"),
    ("int", "BigInteger"),
    ("bool", "Boolean, default=False"),
    ("bool", 'Boolean, server_default=text("true")'),
    ("Decimal", "Numeric(12, 2)"),
    ("float", "Float"),
    ("datetime", "DateTime(timezone=True), server_default=func.now()"),
    ("datetime", "DateTime, default=datetime.now"),
    ("date", "Date"),
    ("dict", "JSON"),
    ("uuid.UUID", "Uuid, default=uuid.uuid4"),
    ("bytes", "LargeBinary"),
    ("str", 'String(16), server_default="new"'),
)
_ON_DELETE = (None, "CASCADE", "SET NULL", "RESTRICT")
_WORDS = (
    "account", "order", "invoice", "payment", "customer", "product", "shipment", "warehouse",
    "ticket", "message", "session", "device", "report", "budget", "contract", "region",
)
_HEADER = '''"""Synthetic models {first}..{last} of the docgen benchmark (generated, do not edit)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON, BigInteger, Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer,
    LargeBinary, Numeric, String, Text, UniqueConstraint, Uuid, func, text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
'''
_BASE = '''"""The declarative base of the synthetic benchmark models."""

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Base class of every synthetic model."""
'''


def table_name(i: int) -> str:
    return f"{_WORDS[i % len(_WORDS)]}_{i:05d}"


def module_names(n: int) -> list[str]:
    return [f"m{k:03d}" for k in range((n + TABLES_PER_MODULE - 1) // TABLES_PER_MODULE)]


def _model(i: int, rng: random.Random) -> str:
    name = table_name(i)
    columns = [
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        f'    code: Mapped[str] = mapped_column(String(32), comment="Business key of {name}")',
        "    tenant_id: Mapped[int] = mapped_column(Integer)",
        "    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=0)",
    ]
    for k, (annotation, args) in enumerate(rng.sample(_COLUMN_KINDS, rng.randint(3, 7))):
        nullable = rng.random() < 0.5
        comment = f', comment="Attribute {k} of {name}"' if rng.random() < 0.4 else ""
        optional = " | None" if nullable else ""
        columns.append(f"    attr_{k}: Mapped[{annotation}{optional}] = mapped_column({args}{comment})")
    args = [
        f'        UniqueConstraint("tenant_id", "code", name="uq_{name}_tenant_code"),',
        f'        CheckConstraint("amount >= 0", name="ck_{name}_amount"),',
        f'        Index("ix_{name}_tenant", "tenant_id"),',
    ]
    for k, target in enumerate(sorted(rng.sample(range(i), min(i, rng.randint(0, 3))))):
        ondelete = rng.choice(_ON_DELETE)
        nullable = ondelete == "SET NULL" or rng.random() < 0.3
        extra = f', ondelete="{ondelete}"' if ondelete else ""
        indexed = ", index=True" if rng.random() < 0.5 else ""
        columns.append(
            f"    ref_{k}_id: Mapped[int{' | None' if nullable else ''}] = "
            f'mapped_column(ForeignKey("{table_name(target)}.id"{extra}){indexed})'
        )
    if rng.random() < 0.3:
        args.append(f'        Index("ix_{name}_code_lower", func.lower(text("code")), unique=True),')
    if rng.random() < 0.5:
        args.append(f'        {{"comment": "Synthetic table {i} ({_WORDS[i % len(_WORDS)]}s)"}},')
    table_args = "\n".join(args)
    return (
        f"\n\nclass Model{i:05d}(Base):\n"
        f'    """A synthetic {_WORDS[i % len(_WORDS)]} (table {i}).\n\n'
        f'    Only the first paragraph of a docstring is documented.\n    """\n\n'
        f'    __tablename__ = "{name}"\n'
        f"    __table_args__ = (\n{table_args}\n    )\n\n"
        + "\n".join(columns)
        + "\n"
    )


def sources(n: int) -> dict[str, str]:
    """Relative path -> text of every file of the project with ``n`` tables."""
    rng = random.Random(n)
    modules = module_names(n)
    files = {
        "pyproject.toml": f'[tool.docgen]\nmodels = "{PACKAGE}:Base"\ndialect = "postgresql"\n',
        f"{PACKAGE}/base.py": _BASE,
        f"{PACKAGE}/__init__.py": (
            f'"""{n} synthetic tables for the docgen benchmark; importing this imports them all."""\n\n'
            "from .base import Base\nfrom . import (  # noqa: F401  (imported for their tables)\n"
            + "".join(f"    {m},\n" for m in modules)
            + ')\n\n__all__ = ["Base"]\n'
        ),
    }
    for k, module in enumerate(modules):
        first, last = k * TABLES_PER_MODULE, min(n, (k + 1) * TABLES_PER_MODULE) - 1
        files[f"{PACKAGE}/{module}.py"] = _HEADER.format(first=first, last=last) + "".join(
            _model(i, rng) for i in range(first, last + 1)
        )
    return files


def generate(n: int, root: Path) -> Path:
    """Write the project with ``n`` tables into ``root`` (replacing its files); return ``root``."""
    for relative, text in sources(n).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m benchmarks.generate N DIRECTORY")
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
