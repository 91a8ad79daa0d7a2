"""The ``docgen`` command line: a thin click layer over the library, one module per command group.

``main`` holds the group and how a run ends (exit codes, one-line errors);
``docs`` the documenting commands (build, check, init, inspect), ``compare``
drift, ``quality`` lint and coverage; ``options`` the shared flags and the
configuration they make; ``exits`` the exit codes. A command reads the
configuration, calls the pipeline and the plan, and hands what they made to a
format: no logic a library caller would also need.

May import everything below it; nothing imports the CLI but ``__main__``.
"""

from .main import main, run

__all__ = ["main", "run"]
