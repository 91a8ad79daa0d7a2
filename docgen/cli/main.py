"""The ``docgen`` command group: its commands, and how every run ends.

Exit codes: 0 done / docs fresh / no drift / no findings, 1 docs stale
(``check``), drift (``drift``), schemas that differ (``diff``), findings (``lint``) or coverage below ``--min``
(``coverage``), 2 usage or input error (one line on stderr, nothing written) — and
any unforeseen exception too: one line saying it is a bug in docgen, the
traceback only with ``--traceback`` or ``DOCGEN_TRACEBACK=1``. A reader that
closes docgen's stdout early (``docgen build | head -2``) is not an error: the
command goes on, its output is dropped, its exit code is the same.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
import warnings

import click

from ..errors import describe, printable
from ..formats import commands
from .compare import diff, drift, history
from .docs import build, check, init, inspect
from .exits import EXIT_USAGE, fail
from .quality import coverage_command, lint_command


def run() -> None:
    """The console entry point: click's usage errors and unforeseen exceptions become one line too, exit code 2;
    so does each Python warning (SQLAlchemy's, alembic's, the models')."""
    sys.stdout = _NoForgedCommands(_DroppedWhenClosed(sys.stdout))
    sys.stderr = _NoForgedCommands(sys.stderr)
    warnings.showwarning = _one_line_warning
    options = {"traceback": os.environ.get("DOCGEN_TRACEBACK", "") not in ("", "0")}
    try:
        _run(options)
    finally:  # what runs after docgen is done (the models' atexit hooks) prints to stderr, not into its output
        sys.stdout.flush()
        with contextlib.suppress(OSError):  # no stderr to point at: leave stdout as it is
            os.dup2(2, 1)
            sys.stdout = sys.stderr


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A Python warning as docgen's own: one line on stderr, without the file and source line it was raised at
    (inside SQLAlchemy or alembic, of no use to the reader); its text may hold names, which stay text."""
    print(f"docgen: warning: {printable(f'{category.__name__}: {message}')}", file=sys.stderr)


def _run(options: dict) -> None:
    try:
        main(standalone_mode=False, obj=options)
    except click.exceptions.NoArgsIsHelpError as exc:  # plain `docgen`: show the help
        click.echo(exc.ctx.get_help())
    except click.UsageError as exc:
        hint = f" (see docgen {exc.ctx.command.name} --help)" if exc.ctx and exc.ctx.parent else " (see docgen --help)"
        fail(f"{exc.format_message()}{hint}")
    except click.ClickException as exc:
        fail(exc.format_message())
    except click.Abort:
        click.echo("docgen: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug in docgen, or in a library it uses: still one line and exit 2
        if options["traceback"]:
            traceback.print_exc()
            sys.exit(EXIT_USAGE)
        fail(f"internal error, a bug in docgen: {describe(exc)} "
               "(run again with --traceback or DOCGEN_TRACEBACK=1 to see the traceback, and report it)")


class _NoForgedCommands:
    """A text stream whose every line goes out through :func:`commands.inert` (whole lines: a name split
    over two writes is still one line; a partial line is let out when the stream is flushed)."""

    def __init__(self, stream):
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        end = max(self._pending.rfind("\n"), self._pending.rfind("\r")) + 1
        if end:
            self._stream.write(commands.inert(self._pending[:end]))
            self._pending = self._pending[end:]
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(commands.inert(self._pending))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _DroppedWhenClosed:
    """stdout that, once its reader is gone (EPIPE), sends the rest of the output to /dev/null."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._drop_the_rest()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="schema-docgen", prog_name="docgen")
@click.option("--traceback", "show_traceback", is_flag=True,
              help="On an internal error (a bug in docgen), print the traceback (also: DOCGEN_TRACEBACK=1).")
@click.pass_context
def main(ctx: click.Context, show_traceback: bool) -> None:
    """Keep database documentation true to the SQLAlchemy models.

    Configure once under [tool.docgen] in pyproject.toml; every key also has a
    flag. Exit codes: 0 done/fresh/no drift/no findings, 1 stale (check), drift
    (drift), schemas that differ (diff), findings (lint) or coverage below --min
    (coverage), 2 usage or input
    error, or an internal error (one line; --traceback shows where). Names and
    comments from the models or a database are text and never run; user
    templates and the models are code and run as code.
    """
    options = ctx.ensure_object(dict)
    options["traceback"] = options.get("traceback", False) or show_traceback


for command in (build, init, check, inspect, drift, history, diff, lint_command, coverage_command):
    main.add_command(command)
