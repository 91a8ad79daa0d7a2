"""Progress on a terminal while the project's models import (a big package can take many seconds).

Only when stderr is a terminal (not in CI logs, not when piped) and only once
the import has taken two seconds: one line on stderr, rewritten every second
(``docgen: importing the models… 1,234 modules, 7 s``), cleared when the
import is done. stdout is never touched. ``TERM=dumb`` shows nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

_DELAY, _EVERY = 2.0, 1.0
_STDERR = 2


def _terminal() -> bool:
    try:
        return os.isatty(_STDERR) and os.environ.get("TERM") != "dumb"
    except OSError:
        return False


@contextlib.contextmanager
def shown(what: str):
    """Show ``what`` is going on, with the modules imported and the seconds so far, while the block runs."""
    if not _terminal():
        yield
        return
    stop = threading.Event()
    modules, started = len(sys.modules), time.monotonic()

    def show() -> None:
        if stop.wait(_DELAY):
            return
        while True:
            line = f"\rdocgen: {what}… {len(sys.modules) - modules:,} modules, {time.monotonic() - started:.0f} s"
            with contextlib.suppress(OSError):
                os.write(_STDERR, line.encode() + b"\x1b[K")
            if stop.wait(_EVERY):
                break
        with contextlib.suppress(OSError):
            os.write(_STDERR, b"\r\x1b[K")

    thread = threading.Thread(target=show, name="docgen-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
