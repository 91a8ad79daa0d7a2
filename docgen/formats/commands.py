"""GitHub Actions workflow commands: only docgen's own reach the runner, none is ever made of data.

The runner reads every line a step prints, stdout and stderr alike, whatever
``--format`` says (actions/runner: ``ActionCommandManager.TryProcessCommand``).
A line is a command when, leading whitespace trimmed, it starts with ``::``
and has a second ``::`` (``ActionCommand.TryParseV2``), or — the legacy form —
when it holds ``##[`` anywhere with a ``]`` after it (``ActionCommand.TryParse``).
The command must be registered, but ``::stop-commands::TOKEN`` registers any
TOKEN, so every name counts. Lines end at ``\\n``, ``\\r`` and ``\\r\\n``.

:func:`inert` is the one escaping every printed line goes through (the CLI
wraps stdout and stderr with it): ``::`` that would start a line becomes
``\\u003a:`` and every ``##[`` becomes ``##\\u005b`` — Python's spelling of the
character, which in a JSON string is also JSON's, so ``--format json`` stays
valid JSON with the very same values. A line docgen itself means as a command
(the GitHub format's annotations) is marked with :func:`own`: a per-run random
token no name can contain, removed by :func:`inert`.
"""

from __future__ import annotations

import re
import secrets

# A mark no schema can forge: random per process, and it starts with a character printable() escapes.
_OWN = f"\x00docgen-command-{secrets.token_hex(16)}\x00"
_LINES = re.compile(r"(.*?(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$))", re.DOTALL)


def own(command: str) -> str:
    """``command`` (one workflow command line docgen means to give) marked to pass :func:`inert` as it is."""
    return _OWN + command


def inert(text: str) -> str:
    """``text`` with no line the runner would take as a workflow command, but docgen's own (:func:`own`)."""
    if "::" not in text and "##[" not in text and _OWN not in text:
        return text
    return "".join(_inert_line(line) for line in _LINES.findall(text))


def _inert_line(line: str) -> str:
    if line.startswith(_OWN):
        return line[len(_OWN):]
    line = line.replace("##[", "##\\u005b")
    start = len(line) - len(line.lstrip())
    if line.startswith("::", start):
        line = f"{line[:start]}\\u003a{line[start + 1:]}"
    return line
