"""The one exception type for mistakes a user can make (exit code 2, one line, no traceback)."""


class UsageError(Exception):
    """Bad input: an import path, a config key, a file docgen cannot read or write, ..."""
