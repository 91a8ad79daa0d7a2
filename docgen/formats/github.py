"""GitHub Actions output: workflow-command annotations and the job's step summary.

``annotation`` spells one ``::error file=…,line=…,title=…::message`` line with
GitHub's escaping (``%``, CR and LF in the message; also ``:`` and ``,`` in
the properties), so names from a schema can never end or forge a command.
``append_step_summary`` adds Markdown to the file named by
``$GITHUB_STEP_SUMMARY`` (shown on the run's page) and does nothing elsewhere.
"""

from __future__ import annotations

import os

LEVELS = ("error", "warning", "notice")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str | None = None, line: int | None = None,
               title: str | None = None) -> str:
    """One workflow command line, e.g. ``::error file=docs/a.md,line=3,title=stale::text``."""
    if level not in LEVELS:
        raise ValueError(f"annotation level must be one of {', '.join(LEVELS)}, got {level!r}")
    properties = [
        f"{key}={_escape_property(str(value))}"
        for key, value in (("file", file), ("line", line), ("title", title))
        if value is not None
    ]
    return f"::{level}{' ' + ','.join(properties) if properties else ''}::{_escape_data(message)}"


def append_step_summary(markdown: str) -> None:
    """Append ``markdown`` to the file named by ``$GITHUB_STEP_SUMMARY``; without it, do nothing."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(markdown if markdown.endswith("\n") else markdown + "\n")
