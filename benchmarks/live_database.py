"""What documenting a live database costs next to SQLAlchemy's own reflection of it (issue 22, item 6).

The benchmark project of N tables (:mod:`benchmarks.generate`: FK chains,
CHECKs, UNIQUEs, indexes, comments, JSON) is created in the empty PostgreSQL
database at URL, docs are built from it once, then ``docgen check
--database-url URL`` and a bare ``MetaData().reflect(engine)`` (in a fresh
process each, so both pay the same imports and connection) run in pairs,
alternating which goes first. Wall time: the server's work is part of both.

    python -m benchmarks.live_database URL [N] [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .generate import PACKAGE, generate
from .measure import run_once

REFLECT = ("import sqlalchemy as sa; engine = sa.create_engine({url!r}); metadata = sa.MetaData(); "
           "metadata.reflect(engine); engine.dispose()")


def main(url: str, n: int = 1000, runs: int = 5) -> None:
    work = Path(tempfile.mkdtemp(prefix="docgen-live-bench-"))
    root = generate(n, work / "project")
    subprocess.run([sys.executable, "-c", f"import sqlalchemy as sa; from {PACKAGE} import Base; "
                    f"engine = sa.create_engine({url!r}); Base.metadata.create_all(engine)"],
                   cwd=root, check=True)
    docgen = [sys.executable, "-m", "docgen"]
    source = ["--database-url", url, "--output", "live/SCHEMA.md", "--pages-dir", "live/schema"]
    subprocess.run([*docgen, "build", "--quiet", *source], cwd=root, check=True)
    commands = {
        "reflect": [sys.executable, "-c", REFLECT.format(url=url)],
        "docgen check": [*docgen, "check", *source],
    }
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs):
        order = list(commands) if run % 2 == 0 else list(reversed(commands))
        for name in order:
            seconds[name].append(run_once(commands[name], root, work / "log.txt").seconds)
    reflect, check = (statistics.median(seconds[name]) for name in ("reflect", "docgen check"))
    ratios = [c / r for c, r in zip(seconds["docgen check"], seconds["reflect"])]
    print(f"{n} tables, {runs} paired runs: MetaData.reflect() {reflect:.3f} s, docgen check {check:.3f} s "
          f"(median), ratio of medians {check / reflect:.2f}x, paired ratios "
          + ", ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main(sys.argv[1], *(int(arg) for arg in sys.argv[2:4]))
