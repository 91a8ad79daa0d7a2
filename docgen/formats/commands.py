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

import secrets

# A mark no schema can forge: random per process, and it starts with a character printable() escapes.
_OWN = f"\x00docgen-command-{secrets.token_hex(16)}\x00"


def own(command: str) -> str:
    """``command`` (one workflow command line docgen means to give) marked to pass :func:`inert` as it is."""
    return _OWN + command


def inert(text: str) -> str:
    """``text`` with no line the runner would take as a workflow command, but docgen's own (:func:`own`).

    Docgen's own command lines (each starts with the mark and ends at the next ``\\n``) lose the mark and
    are kept as they are; everything else goes through :func:`_escaped`.
    """
    if _OWN not in text:
        return _escaped(text)
    first, *marked = text.split(_OWN)
    kept = [_escaped(first)]
    for part in marked:
        command, newline, rest = part.partition("\n")
        kept.append(command + newline + _escaped(rest))
    return "".join(kept)


def _escaped(text: str) -> str:
    """Lines are split where the runner splits them (``\\n``, ``\\r``) and wherever ``str.splitlines`` does
    (more): a ``::`` that starts a line (after whitespace) loses its first colon to ``\\u003a``; every
    ``##[`` becomes ``##\\u005b``."""
    if "::" in text:
        text = "".join(_colons_escaped(line) if line[:1] == ":" or line[:1].isspace() else line
                       for line in text.splitlines(keepends=True))
    return text.replace("##[", "##\\u005b") if "##[" in text else text


def _colons_escaped(line: str) -> str:
    start = len(line) - len(line.lstrip())
    return f"{line[:start]}\\u003a{line[start + 1:]}" if line.startswith("::", start) else line
