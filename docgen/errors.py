"""Errors as the user sees them: the one exception type for their mistakes, and one-line descriptions.

A :class:`UsageError` is exit code 2 with its message as one line, no traceback.
:func:`describe` and :func:`printable` make any exception or text fit on that line.
"""


class UsageError(Exception):
    """Bad input: an import path, a config key, a file docgen cannot read or write, ..."""


def describe(exc: BaseException) -> str:
    """``ErrorType: first line of its message`` — just the type when there is no message or ``str()`` fails."""
    try:
        message = str(exc)
    except Exception:  # an exception of the user's code whose __str__ itself raises
        message = ""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def printable(text: str) -> str:
    """``text`` with every character that is not printable but a tab (line breaks, escape codes, lone
    surrogates) spelled as a Python escape, so a name never breaks a line of output or drives the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\t" else c.encode("unicode_escape", "backslashreplace").decode()
                   for c in text)
