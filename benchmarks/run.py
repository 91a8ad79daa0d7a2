"""The benchmark runner behind ``make bench``: docgen vs the import floor and paracelsus.

For each N it generates the synthetic project (``benchmarks.generate``),
compiles the bytecode of the models and of docgen (with ``compileall``, which
writes it even under ``PYTHONDONTWRITEBYTECODE``: no run pays for compiling),
then runs rounds; each round measures, as separate
processes with this interpreter: the floor (``python -c "import bench_models"``),
``docgen build`` into a fresh output dir and ``docgen check`` on those fresh
docs (both with and without per-table pages, ``--no-pages``),
then ``benchmarks/phases.py`` on the same fresh docs (check's own time by phase, in-process),
``docgen check``, ``lint`` and ``coverage`` with ``--cache`` a second time (the first stores the cache),
``docgen lint`` and ``docgen coverage``,
and the peer ``paracelsus graph`` when it is installed next to this
interpreter. Each row is the median of the rounds. The table is printed and
written as the Performance page.

    python -m benchmarks.run [--sizes 100,1000,5000] [--runs 5] [--runs-large 3] [--no-peer]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import docgen

from . import machine, table
from .generate import PACKAGE, generate
from .measure import Sample, median, run_once

REPO = Path(__file__).resolve().parent.parent
DOCGEN_PACKAGE = Path(docgen.__file__).resolve().parent
PHASES_SCRIPT = Path(__file__).resolve().parent / "phases.py"
LARGE = 5000  # from this many tables on, --runs-large rounds (each takes a while)


def _docgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "docgen", *args]


def peer_executable(enabled: bool) -> Path | None:
    """paracelsus installed next to this interpreter (the benchmark's own venv), else None."""
    candidate = Path(sys.executable).parent / "paracelsus"
    return candidate if enabled and candidate.is_file() else None


VARIANTS = [(), ("--no-pages",)]  # docgen's extra arguments per measured variant: with pages (default) and without
# Commands that only read the schema, with the exit code they end with (the synthetic models have lint findings).
READERS = [("docgen lint", ("lint",), 1), ("docgen coverage", ("coverage",), 0)]
# The same with the cache, run twice on the fresh docs with pages: the second run is measured, the first
# (a full run on round 1, which stores the schema) is not. --cache=always: measured under CI=true too.
CACHED = [(f"{label} --cache (2nd run)", (*args, "--cache=always"), expect)
          for label, args, expect in [("docgen check", ("check",), 0), *READERS]]


def measure_size(
    n: int, rounds: int, work: Path, peer: Path | None
) -> tuple[list[table.Result], list[table.PhaseResult]]:
    project = generate(n, work / f"n{n}")
    docs, logs = project / "docs", work / "logs" / f"n{n}"
    floor_cmd = [sys.executable, "-c", f"import {PACKAGE}"]
    run_once([sys.executable, "-m", "compileall", "-q", PACKAGE, str(DOCGEN_PACKAGE)], project, logs / "compile.log")
    samples: dict[str, list[Sample]] = {}
    phase_samples: dict[str, list[dict[str, float]]] = {}

    def measure(label: str, argv: list[str], expect: int = 0) -> None:
        log = logs / (label.replace(" ", "_").replace("(", "").replace(")", "") + ".log")
        samples.setdefault(label, []).append(run_once(argv, project, log, expect))

    for round_ in range(rounds):
        print(f"  N = {n:,}: round {round_ + 1}/{rounds}", file=sys.stderr, flush=True)
        measure(table.FLOOR, floor_cmd)
        for extra in VARIANTS:
            shutil.rmtree(docs, ignore_errors=True)  # build into a fresh output dir
            measure(" ".join(("docgen build", *extra)), _docgen("build", *extra))
            check = " ".join(("docgen check", *extra))
            measure(check, _docgen("check", *extra))  # on the fresh docs
            log = logs / f"phases{'_'.join(('', *extra))}.log"
            run_once([sys.executable, str(PHASES_SCRIPT), PACKAGE, *extra], project, log)
            phase_samples.setdefault(check, []).append(json.loads(log.read_text(encoding="utf-8").splitlines()[-1]))
            for label, args, expect in CACHED if not extra else ():
                run_once(_docgen(*args), project, logs / "cache-warm-up.log", expect)
                measure(label, _docgen(*args), expect)
        for label, args, expect in READERS:
            measure(label, _docgen(*args), expect)
        if peer is not None:
            measure(table.PEER, [str(peer), "graph", f"{PACKAGE}:Base", "--import-module", PACKAGE,
                                 "--python-dir", ".", "--format", "mermaid"])
    floor = median(samples[table.FLOOR])
    results = [table.Result(n, label, median(s), floor, rounds) for label, s in samples.items()]
    phases = [table.PhaseResult(n, label, table.median_phases(s), rounds) for label, s in phase_samples.items()]
    return results, phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated table counts")
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (median)")
    parser.add_argument("--runs-large", type=int, default=3, help=f"rounds from {LARGE:,} tables on")
    parser.add_argument("--no-peer", action="store_true", help="do not measure paracelsus")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work", help="scratch directory")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance.md",
                        help="the Performance page to write")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    peer = peer_executable(not args.no_peer)
    if not args.no_peer and peer is None:
        print("paracelsus is not installed next to this interpreter: peer not measured", file=sys.stderr)
    results: list[table.Result] = []
    phases: list[table.PhaseResult] = []
    for n in sizes:
        rounds = args.runs_large if n >= LARGE else args.runs
        size_results, size_phases = measure_size(n, rounds, args.work.resolve(), peer)
        results, phases = results + size_results, phases + size_phases
    print(table.markdown_table(results), end="")
    print("\n" + table.phases_table(phases), end="")
    command = " ".join(["python -m benchmarks.run", *(sys.argv[1:] if argv is None else argv)])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        table.page(results, phases, machine.describe("paracelsus" if peer else None), command),
        encoding="utf-8",
    )
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
