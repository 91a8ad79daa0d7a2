"""How a command ends: the exit codes, and a usage or input error as one line on stderr.

0 done / fresh / no drift / no findings; 1 stale, drift, findings or coverage
below ``--min``, and nothing else; 2 a usage or input error, or an unforeseen
one (a bug in docgen), always one line.
"""

from __future__ import annotations

import functools
import sys

import click

from ..errors import UsageError, printable

EXIT_STALE = 1
EXIT_USAGE = 2


def fail(message: str) -> None:
    """Exit 2 with ``message`` as one line on stderr."""
    click.echo(f"docgen: error: {printable(message)}", err=True)
    sys.exit(EXIT_USAGE)


def usage_errors_fail(command):
    """``command`` with a :class:`UsageError` turned into its one line and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            fail(str(exc))

    return wrapper


def echo(output: str) -> None:
    """Print a format's whole output (its lines already end with a newline)."""
    click.echo(output, nl=False)
