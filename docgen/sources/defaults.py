"""How a column's Python-side default is named: the same text on every import.

Callables are named by their lambda source or qualified name, never by a
``repr`` carrying a memory address; a value that differs between two imports
(``default=datetime.utcnow()``) is named by its type.
"""

from __future__ import annotations

import ast
import datetime
import enum
import inspect
import tokenize
import uuid

from sqlalchemy.sql.schema import (
    CallableColumnDefault,
    ColumnElementColumnDefault,
    ScalarElementColumnDefault,
    Sequence,
)

from .spelling import Spelling

# Values that are usually computed while the models are imported, so differ between two runs.
_IMPORT_TIME_TYPES = (datetime.datetime, datetime.date, datetime.time, uuid.UUID)


def qualified_callable_name(fn: object) -> str:
    """``module.QualName`` of a callable; bound builtins such as ``datetime.now`` included."""
    fn = inspect.unwrap(fn)  # type: ignore[arg-type]
    owner = getattr(fn, "__self__", None)
    module = getattr(fn, "__module__", None) or getattr(owner, "__module__", None)
    qualname = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if qualname is None:
        qualname = type(fn).__qualname__
        module = type(fn).__module__
    return f"{module}.{qualname}" if module and module != "builtins" else qualname


def lambda_source(fn: object) -> str | None:
    """The source text of a lambda (``lambda: datetime.now(UTC)``) when it can be read, else ``None``."""
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__name__", None) != "<lambda>":
        return None
    try:
        lines, first = inspect.getsourcelines(fn)
    except (OSError, TypeError):
        return None
    starts = {(line, col) for line, _, col, _ in code.co_positions() if line is not None}
    found = []  # (source text, whether its body starts where the lambda's code does)
    tokens = _tokens(lines)
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == "lambda":
            node = _lambda_at(tokens, i, lines)
            if node is not None:
                row, col = token.start[0] + node.body.lineno - 1, node.body.col_offset
                col += token.start[1] - 1 if node.body.lineno == 1 else 0  # the text was parsed inside "(...)"
                found.append((ast.unparse(node), (first + row - 1, col) in starts))  # one line, tidy spacing
    exact = [text for text, matches in found if matches]
    candidates = exact or [text for text, _ in found]
    return candidates[0] if len(candidates) == 1 else None


def _tokens(lines: list[str]) -> list[tokenize.TokenInfo]:
    """The tokens of ``lines`` up to where they stop being Python (source cut out of a bigger statement)."""
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(iter(lines).__next__):
            tokens.append(token)
    except (tokenize.TokenError, IndentationError, StopIteration, SyntaxError):
        pass
    return tokens


def _lambda_at(tokens: list[tokenize.TokenInfo], i: int, lines: list[str]) -> ast.Lambda | None:
    """The lambda expression starting at ``tokens[i]``: up to a comma, bracket or line end outside brackets."""
    depth, seen_colon = 0, False
    end = tokens[-1].end
    for token in tokens[i + 1:]:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            if depth == 0:
                end = token.start
                break
            depth -= 1
        elif depth == 0 and token.type == tokenize.OP and token.string == ":":
            seen_colon = True
        elif depth == 0 and seen_colon and (
            (token.type == tokenize.OP and token.string in ",;") or token.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
        ):
            end = token.start
            break
    (row, col), (end_row, end_col) = tokens[i].start, end
    picked = lines[row - 1:end_row]
    picked[-1] = picked[-1][:end_col] if end_row > row else picked[-1]
    picked[0] = picked[0][col:end_col] if end_row == row else picked[0][col:]
    text = "".join(picked)
    try:
        node = ast.parse(f"({text})", mode="eval").body
    except SyntaxError:
        return None
    return node if isinstance(node, ast.Lambda) else None


def value_text(value: object) -> str:
    """A Python default value, spelled the same on every import."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, _IMPORT_TIME_TYPES):
        return f"{type(value).__module__}.{type(value).__qualname__} fixed at import"
    text = repr(value)
    if " at 0x" in text and not _is_literal(text):  # an object's address changes on every import
        return f"{type(value).__module__}.{type(value).__qualname__} object"
    return text


def _is_literal(text: str) -> bool:
    """Whether ``text`` is a Python literal (a string that merely holds " at 0x" is one; ``<object at 0x…>`` is not)."""
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def python_default(default: object, ddl: Spelling, where: str) -> str | None:
    if default is None or getattr(default, "is_sentinel", False):
        return None
    if isinstance(default, ScalarElementColumnDefault):
        return value_text(default.arg)
    if isinstance(default, CallableColumnDefault):
        fn = getattr(default.arg, "__wrapped__", default.arg)  # SQLAlchemy wraps zero-argument callables
        return lambda_source(fn) or qualified_callable_name(fn) + "()"
    if isinstance(default, ColumnElementColumnDefault):
        return ddl.sql(default.arg, where)
    if isinstance(default, Sequence):
        if not ddl.dialect.supports_sequences:
            return None
        options = ddl.ddl.get_identity_options(default)
        return f"sequence {default.name}" + (f" ({options})" if options else "")
    return type(default).__name__
