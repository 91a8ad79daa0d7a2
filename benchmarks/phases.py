"""docgen's own time by phase, measured inside one process: where ``docgen check`` spends it.

Run by the benchmark in a generated project whose docs are fresh:

    python benchmarks/phases.py bench_models [--no-pages]

It imports the models (the floor's work), then docgen's command line, then
does what ``docgen check`` does — load the schema (config, the models' MetaData,
convert) and plan (render every file, read and compare the one on disk) —
timing each step with ``time.perf_counter``, and prints the seconds as one JSON
object. Interpreter start-up and exit, which the floor pays as much as docgen,
are left out: docgen's share is timed directly, not as the difference of two
process times that each vary by more than that share on a busy machine.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

MODELS = "import models"
PHASES = ("import docgen", "load schema", "render and compare")  # docgen's own, in order


def main(argv: list[str]) -> int:
    package, pages = argv[0], "--no-pages" not in argv[1:]
    sys.path.insert(0, str(Path.cwd()))
    marks = [time.perf_counter()]
    importlib.import_module(package)
    marks.append(time.perf_counter())
    import docgen.cli  # noqa: F401  (what the docgen command imports)
    from docgen import config, pipeline, plan

    marks.append(time.perf_counter())
    cfg = config.load(None, Path.cwd(), {"pages": pages})
    schema = pipeline.load_schema(cfg)
    marks.append(time.perf_counter())
    stale = plan.plan(schema, cfg).stale_files
    marks.append(time.perf_counter())
    if stale:
        print(f"docs are not fresh ({len(stale)} stale files): run docgen build first", file=sys.stderr)
        return 1
    seconds = [b - a for a, b in zip(marks, marks[1:])]
    print(json.dumps(dict(zip((MODELS, *PHASES), seconds))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
