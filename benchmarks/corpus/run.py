"""``make corpus``: docgen on every case of the corpus, checked fact by fact, as a table.

Per venv (``benchmarks/.work/corpus/venvs/``, reused while its pinned
requirements are unchanged): the case packages and docgen (this checkout,
editable). Per case and dialect (generic, ``postgresql``, ``mysql``), in a fresh project
directory holding the case's ``corpus_entry.py``: a bare import of the models
(after one warm-up import, so both sides use compiled bytecode), ``docgen build``
via the CLI, ``docgen check`` in a new process (fresh = exit 0), then the
independent checker (``checker.py``) on the generated ``DATABASE_SCHEMA.md``.
A crash is a docgen run that exits other than 0 or prints a traceback.

Prints the table, writes each case's missing facts, the columns the dialect
cannot create (a type it cannot spell) and docgen's stderr under
``benchmarks/.work/corpus/results/`` and, with ``--page``, the table onto
``docs/corpus.md``. Exit 1 when any case is below 100%, crashed or not fresh.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .cases import CASES, Case, Venv

REPO = Path(__file__).resolve().parents[2]
WORK = REPO / "benchmarks" / ".work" / "corpus"
CHECKER = Path(__file__).resolve().parent / "checker.py"
DIALECTS = (None, "postgresql", "mysql")
PAGE = REPO / "docs" / "corpus.md"


@dataclass(frozen=True)
class Outcome:
    case: Case
    version: str
    dialect: str | None
    tables: int
    found: int
    total: int
    crashes: int
    fresh: bool
    build_seconds: float
    import_seconds: float

    @property
    def percent(self) -> float:
        return 100.0 * self.found / self.total if self.total else 0.0

    @property
    def ok(self) -> bool:
        return self.total > 0 and self.found == self.total and not self.crashes and self.fresh


def ensure_venv(venv: Venv) -> Path:
    """The venv's directory, (re)created when its pinned requirements changed."""
    path = WORK / "venvs" / venv.name
    stamp = path / "corpus-requirements.txt"
    wanted = "\n".join((*venv.requirements, f"-e {REPO}")) + "\n"
    if stamp.is_file() and stamp.read_text() == wanted:
        return path
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    pip = subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          *venv.requirements, "-e", str(REPO)], capture_output=True, text=True)
    if pip.returncode:
        raise SystemExit(f"venv {venv.name}: pip install failed:\n{pip.stdout}{pip.stderr}")
    stamp.write_text(wanted)
    print(f"venv {venv.name}: installed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _version(python: Path, package: str) -> str:
    return subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def _project(case: Case, dialect: str | None) -> Path:
    project = WORK / "projects" / f"{case.name}-{dialect or 'generic'}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    (project / "corpus_entry.py").write_text(case.entry)
    lines = ["[tool.docgen]", 'models = "corpus_entry:metadata"']
    if dialect:
        lines.append(f'dialect = "{dialect}"')
    (project / "pyproject.toml").write_text("\n".join(lines) + "\n")
    return project


class Runner:
    """Runs one case's commands in its project directory with the venv's interpreter."""

    def __init__(self, case: Case, venv: Path, project: Path, log: Path):
        self.bin = venv / "bin"
        self.project = project
        self.log = log
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update({k: v.format(project=project) for k, v in case.env.items()})
        self.env = env

    def __call__(self, *argv: str) -> tuple[subprocess.CompletedProcess, float]:
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=900)
        seconds = time.perf_counter() - started
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"$ {' '.join(argv)}\n-> exit {done.returncode} in {seconds:.2f} s\n{done.stderr}\n")
        return done, seconds

    def python(self, *args: str):
        return self(str(self.bin / "python"), *args)

    def docgen(self, *args: str):
        return self(str(self.bin / "docgen"), *args)


def _crashed(done: subprocess.CompletedProcess, allowed: tuple[int, ...] = (0,)) -> bool:
    return done.returncode not in allowed or "Traceback (most recent call last)" in done.stderr


def run_case(case: Case, dialect: str | None, rounds: int) -> Outcome:
    venv = ensure_venv(case.venv)
    project = _project(case, dialect)
    results = WORK / "results"
    results.mkdir(parents=True, exist_ok=True)
    label = f"{case.name}-{dialect or 'generic'}"
    log = results / f"{label}.log"
    log.unlink(missing_ok=True)
    run = Runner(case, venv, project, log)
    warm_up, _ = run.python("-c", "import corpus_entry")
    if warm_up.returncode:
        raise SystemExit(f"{label}: importing the models failed:\n{warm_up.stderr}")
    import_seconds = min(run.python("-c", "import corpus_entry")[1] for _ in range(rounds))
    builds = [run.docgen("build") for _ in range(rounds)]  # the second one finds the docs fresh
    build_seconds = min(seconds for _, seconds in builds)
    check, _ = run.docgen("check")
    crashes = sum(_crashed(build) for build, _ in builds) + _crashed(check, (0, 1))
    checked, _ = run.python(str(CHECKER), "corpus_entry:metadata", "docs/DATABASE_SCHEMA.md",
                            *(["--dialect", dialect] if dialect else []))
    facts = json.loads(checked.stdout) if checked.returncode == 0 else {
        "tables": 0, "found": 0, "total": 0, "missing": [f"checker failed: {checked.stderr}"]}
    for kind in ("missing", "uncreatable"):
        (results / f"{label}.{kind}.txt").write_text("".join(f"{m}\n" for m in facts.get(kind, ())), encoding="utf-8")
    return Outcome(case, _version(run.bin / "python", case.package), dialect, facts["tables"],
                   facts["found"], facts["total"], crashes, check.returncode == 0,
                   build_seconds, import_seconds)


HEADER = ("Case", "Package", "Dialect", "Tables", "Facts found", "Crashes", "Fresh after build",
          "Build (s)", "Import (s)", "× import")


def row(o: Outcome) -> tuple[str, ...]:
    return (o.case.name, f"{o.case.package} {o.version}", o.dialect or "generic", str(o.tables),
            f"{o.found}/{o.total} ({o.percent:.1f}%)", str(o.crashes), "yes" if o.fresh else "no",
            f"{o.build_seconds:.2f}", f"{o.import_seconds:.2f}", f"{o.build_seconds / o.import_seconds:.2f}")


def markdown_table(outcomes: list[Outcome]) -> str:
    lines = [HEADER, tuple("---" for _ in HEADER), *(row(o) for o in outcomes)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines) + "\n"


def write_page(table: str, venvs: list[Venv]) -> None:
    text = PAGE.read_text(encoding="utf-8")
    begin, end = "<!-- corpus:begin -->\n", "<!-- corpus:end -->"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    pins = "".join(f"- `{v.name}` venv: " + ", ".join(f"`{r}`" for r in v.requirements) + "\n" for v in venvs)
    PAGE.write_text(f"{head}{begin}{table}\nPinned versions, one line per shared venv:\n\n{pins}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run docgen on the corpus of real model sets.")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--dialects", help="comma-separated dialects, 'generic' for none (default: "
                        + ", ".join(d or "generic" for d in DIALECTS) + ")")
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of import and build; the fastest counts")
    parser.add_argument("--page", action="store_true", help=f"write the table onto {PAGE.relative_to(REPO)}")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.cases or c.name in args.cases.split(",")]
    dialects = [d for d in DIALECTS if not args.dialects or (d or "generic") in args.dialects.split(",")]
    started = time.perf_counter()
    outcomes = []
    for case in chosen:
        for dialect in dialects:
            outcome = run_case(case, dialect, args.rounds)
            print(" | ".join(row(outcome)), file=sys.stderr)
            outcomes.append(outcome)
    table = markdown_table(outcomes)
    print(table)
    print(f"corpus: {len(chosen)} cases in {time.perf_counter() - started:.0f} s; "
          f"missing facts and logs in {WORK.relative_to(REPO)}/results/", file=sys.stderr)
    if args.page:
        write_page(table, list(dict.fromkeys(c.case.venv for c in outcomes)))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
