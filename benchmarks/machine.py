"""The machine and versions a benchmark ran on, as ``(label, value)`` pairs."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(peer: str | None) -> list[tuple[str, str]]:
    """CPU, cores, RAM, OS, Python and the versions of SQLAlchemy, Jinja2, docgen and the peer."""
    facts = [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("RAM", _memory()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("SQLAlchemy", _version("SQLAlchemy")),
        ("Jinja2", _version("Jinja2")),
        ("docgen (schema-docgen)", _version("schema-docgen")),
    ]
    if peer:
        facts.append((peer, _version(peer)))
    return facts
