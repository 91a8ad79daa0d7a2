"""What documenting a live database costs next to SQLAlchemy's own reflection of it.

The benchmark project of N tables (:mod:`benchmarks.generate`: FK chains,
CHECKs, UNIQUEs, indexes, comments, JSON) is created in an empty PostgreSQL
database — at ``--url``, or on a server of its own started as the tests start
theirs (``tests/pg.py``: the Debian ``postgresql`` package's binaries) — and
its docs are built from it once. Then each round runs, each in a fresh process
(so all pay the imports and the connection), in an order that alternates from
round to round: a bare ``MetaData().reflect(engine)``, ``docgen check
--database-url`` and ``docgen check --cache=always`` (whose first run, before
the rounds, kept the fresh verdict: each measured run reads the database and
answers without rendering). Wall time includes the server's work, which all
three wait for; CPU time is the child's own.

    python -m benchmarks.live_database [--page] [--url URL] [--runs 5] [N ...]   # default N: 1000

Prints a Markdown table; ``--page`` also writes it onto docs/performance.md ("A live database").
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .generate import PACKAGE, generate
from .measure import Sample, run_once
from .table import verdict, write_section

REPO = Path(__file__).resolve().parent.parent
REFLECT = "import sqlalchemy as sa; engine = sa.create_engine({url!r}); sa.MetaData().reflect(engine); engine.dispose()"
SECTION = """## A live database

`docgen check --database-url` on a PostgreSQL database holding the generated schema, next to a bare
`MetaData().reflect(engine)` of the same database: both in fresh processes, so both pay the imports and the
connection. docgen reads the database with SQLAlchemy's reflection (one query per kind of fact per
schema) and a fixed number of catalog queries of its own (views, triggers, types, sequences, index
definitions), never one per table (`tests/test_database_objects.py` counts them), read on a second
connection while the tables are reflected. What it adds is converting, and rendering every page and the
document to compare them with the files (a bare reflection renders nothing, so a check that renders stays
above the goal); `check --cache` keeps the verdict of a check that found the docs fresh, keyed on what was
read, so a second check of an unchanged database reads it and answers without rendering.
Measured with `{command}` (medians of {runs} rounds, order alternating; × is the ratio of the medians,
of wall time and of CPU time: on a busy machine the CPU ratio is the steadier one).

"""
GOAL = 1.10  # × the bare reflection's wall time
HEADER = ("| Tables | reflect (s) | CPU (s) | docgen check (s) | CPU (s) | × reflect (wall / CPU) "
          "| check --cache (s) | CPU (s) | × reflect (wall / CPU) |\n"
          "| -----: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")


@contextlib.contextmanager
def _databases(url: str | None) -> Iterator[Callable[[], str]]:
    """A source of empty databases: ``url`` (once), or new ones on a PostgreSQL server of our own, stopped after."""
    if url:
        yield iter([url]).__next__
        return
    sys.path.insert(0, str(REPO / "tests"))
    import conftest  # noqa: F401  (first: pg imports from it, and it imports pg's fixtures)
    import pg  # the tests' server: its own cluster on a free local port

    server = pg._start()
    if isinstance(server, str):
        raise SystemExit(f"no PostgreSQL server: {server}")
    try:
        yield lambda: server.url(server.create_database())
    finally:
        server.stop()


def measure(url: str, n: int, runs: int, work: Path) -> tuple[str, list[str]]:
    """One table row, the three commands at ``n`` tables, ``runs`` rounds; and the goal's verdicts."""
    root = generate(n, work / f"n{n}")
    python = sys.executable
    subprocess.run([python, "-c", f"import sqlalchemy as sa; from {PACKAGE} import Base; "
                    f"engine = sa.create_engine({url!r}); Base.metadata.create_all(engine)"], cwd=root, check=True,
                   capture_output=True)
    source = ["--database-url", url, "--output", "live/SCHEMA.md", "--pages-dir", "live/schema"]
    docgen = [python, "-m", "docgen"]
    subprocess.run([*docgen, "build", "--quiet", *source], cwd=root, check=True, capture_output=True)
    commands = {
        "reflect": [python, "-c", REFLECT.format(url=url)],
        "check": [*docgen, "check", *source],
        "cached": [*docgen, "check", "--cache=always", *source],
    }
    run_once(commands["cached"], root, work / "log.txt")  # keeps the fresh verdict
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for run in range(runs):
        for name in (list(commands) if run % 2 == 0 else list(reversed(commands))):
            samples[name].append(run_once(commands[name], root, work / "log.txt"))
    wall = {name: statistics.median(s.seconds for s in taken) for name, taken in samples.items()}
    cpu = {name: statistics.median(s.cpu_seconds for s in taken) for name, taken in samples.items()}
    cells = [f"{n:,}", f"{wall['reflect']:.2f}", f"{cpu['reflect']:.2f}"]
    goals = []
    for name, label in (("check", "docgen check"), ("cached", "docgen check --cache (kept verdict)")):
        ratio = wall[name] / wall["reflect"]
        cells += [f"{wall[name]:.2f}", f"{cpu[name]:.2f}", f"{ratio:.2f} / {cpu[name] / cpu['reflect']:.2f}"]
        goals.append(f"    - {verdict(ratio <= GOAL)} N = {n:,}, `{label}`: {ratio:.2f} × (wall)")
    return "| " + " | ".join(cells) + " |\n", goals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live_database", description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="table counts")
    parser.add_argument("--url", help="an empty PostgreSQL database, for one size (default: a server of our own)")
    parser.add_argument("--runs", type=int, default=5, help="rounds (median)")
    parser.add_argument("--page", action="store_true", help="write the table onto docs/performance.md")
    args = parser.parse_args(argv)
    if args.url and len(args.sizes) > 1:
        parser.error("--url holds one schema: give one size")
    rows, goals = [], [f"\n- a live database costs no more than its reflection: ≤ {GOAL:.2f} × `MetaData().reflect()`:"]
    with _databases(args.url) as new_database, tempfile.TemporaryDirectory(prefix="docgen-live-bench-") as work:
        for n in args.sizes:
            row, verdicts = measure(new_database(), n, args.runs, Path(work))
            print(row, end="", file=sys.stderr)
            rows.append(row)
            goals += verdicts
    table = HEADER + "".join(rows) + "\n".join(goals) + "\n"
    print(table, end="")
    if args.page:
        command = ["python -m benchmarks.live_database --page", *(["--url URL"] if args.url else []),
                   f"--runs {args.runs}", *map(str, args.sizes)]
        write_section("live-database", SECTION.format(command=" ".join(command), runs=args.runs) + table)
    return 0

if __name__ == "__main__":
    sys.exit(main())
