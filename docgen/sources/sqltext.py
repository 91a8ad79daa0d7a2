"""Facts read from SQL text where a database keeps no catalog of them: what a view reads, a trigger's head.

SQLite and MariaDB keep a view only as its SQL text (MariaDB 10.11 has no
``information_schema.VIEW_TABLE_USAGE``), and a view or trigger declared in
the models is DDL text too. The tables a view reads come from parsing that
text with sqlglot: a maintained parser of many SQL dialects (PostgreSQL,
MySQL, SQLite) that builds a real syntax tree, so a table named in a string,
a comment or a column alias is not taken for one read, and the names a
``WITH`` clause defines are told apart from tables. (sqlparse, the other
common choice, only splits tokens and cannot tell these apart.) Text it
cannot parse gives no tables and one warning line on stderr, never an error.

A trigger's timing and events are read from the head of its ``CREATE
TRIGGER`` statement (SQLite's and PostgreSQL's grammar), up to ``ON``.
"""

from __future__ import annotations

import re
import sys

from ..errors import printable

_SQLGLOT_DIALECTS = {"postgresql": "postgres", "sqlite": "sqlite", "mysql": "mysql", "mariadb": "mysql"}
_NAME = r'(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s."`\[]+)'
_TRIGGER_HEAD = re.compile(
    rf"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?(?:TEMP(?:ORARY)?\s+)?TRIGGER\s+"
    rf"(?:IF\s+NOT\s+EXISTS\s+)?(?:{_NAME}\s*\.\s*)?({_NAME})\s+"
    r"(?:(BEFORE|AFTER|INSTEAD\s+OF)\s+)?(.*?)\s+ON\s",
    re.IGNORECASE | re.DOTALL,
)
_EVENT = re.compile(r"\s*(INSERT|DELETE|TRUNCATE|UPDATE(?:\s+OF\s+.*?)?)\s*(?:\bOR\b|$)", re.IGNORECASE | re.DOTALL)


def view_reads(sql: str, dialect: str, where: str) -> tuple[tuple[str | None, str], ...]:
    """(schema or None, name) of every table or view the query ``sql`` reads, sorted; a ``CREATE VIEW``
    statement counts by its query. Names its ``WITH`` clauses define are not tables."""
    import sqlglot  # imported when a view needs it: most runs have none
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(sql, read=_SQLGLOT_DIALECTS.get(dialect))
    except Exception as exc:  # ParseError, TokenError: the text is the database's, not ours to reject
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        print(printable(f"docgen: warning: {where}: its definition could not be parsed ({reason}); "
                        "the tables it reads are not shown"), file=sys.stderr)
        return ()
    query = tree.expression if isinstance(tree, exp.Create) else tree
    if query is None:
        return ()
    defined = {cte.alias for cte in query.find_all(exp.CTE)}
    found = {
        (table.db or None, table.name)
        for table in query.find_all(exp.Table)
        if table.name and not (not table.db and table.name in defined)
    }
    return tuple(sorted(found, key=lambda pair: (pair[0] or "", pair[1])))


def trigger_head(sql: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(name, timing, events) of a ``CREATE TRIGGER`` statement; None when ``sql`` is not one."""
    match = _TRIGGER_HEAD.match(sql)
    if match is None:
        return None
    name = _unquoted(match.group(1))
    timing = " ".join((match.group(2) or "BEFORE").upper().split())  # SQLite's default timing is BEFORE
    events = tuple(" ".join(e.split()).upper() if not e.upper().startswith("UPDATE OF") else
                   "UPDATE OF " + " ".join(e.split()[2:]) for e in _EVENT.findall(match.group(3)))
    return name, timing, events


def _unquoted(name: str) -> str:
    for left, right in ('""', "``", "[]"):
        if len(name) >= 2 and name[0] == left and name[-1] == right:
            return name[1:-1].replace(right * 2, right) if left == right else name[1:-1]
    return name
