"""The guard around the project's code: wherever it runs, it can neither print into docgen's output nor end docgen.

The project's code runs while its models are imported, and again while
docgen converts them: a ``UserDefinedType.get_col_spec``, a ``@compiles``
hook, a default's ``__repr__``, a user template's objects. Under
:func:`user_code`, what it prints (``print`` or file descriptor 1) goes to
stderr — stdout is docgen's, ``--format json`` must stay JSON — and a
``sys.exit()`` (any code, 0 too: ``check`` must never pass by it) or another
``BaseException`` becomes a :class:`UsageError`: one line, exit 2. Ctrl-C
stays Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import sys

from ..errors import UsageError, describe


@contextlib.contextmanager
def user_code(doing: str):
    """Run the block as the project's code: its prints to stderr, its exits and odd exceptions one line."""
    with stdout_to_stderr():
        try:
            yield
        except (KeyboardInterrupt, UsageError):
            raise
        except SystemExit as exc:
            raise UsageError(f"{doing}: the project's code called sys.exit({exc.code!r}); "
                             "docgen stopped there, nothing written") from None
        except Exception:
            raise
        except BaseException as exc:  # GeneratorExit, BaseException itself, ...
            raise UsageError(f"{doing} failed: {describe(exc)}") from None


@contextlib.contextmanager
def stdout_to_stderr():
    """Send what user code prints — ``print`` and writes to file descriptor 1 alike — to stderr meanwhile."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all: nothing to keep clean
        saved = None
    if saved is not None:
        os.dup2(2, 1)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)
