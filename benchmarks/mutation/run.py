"""``make mutate``: mutation testing of the modules that guard trust, module by module, as a table.

The tool is mutmut 3 (``make mutate`` installs it into .venv; it is no
dependency of docgen). For each module below, in its own copy of the
repository under ``benchmarks/.work/mutation/<module>/`` (a ``[tool.mutmut]``
section naming that module and its tests), ``mutmut run`` mutates the module's
functions one change at a time and runs, for each mutant, only the tests that
called the mutated function (mutmut records that in a first run of the
selection). Only tests that run docgen in the pytest process can see a mutant:
a ``python -m docgen`` subprocess imports the unmutated package. Under mutmut
the tests' ``run_docgen`` runs the command line in-process (``tests/conftest.py``),
so each module's selection is the tests that read what it does.

A mutant is killed when a test fails; it survives when all pass, or when no
test calls its function. Survivors listed in ``equivalent.toml`` (with the
reason no test can tell them apart, and the mutant's diff) are counted apart.
mutmut numbers mutants per function, so a change to a function renumbers them:
an entry whose mutant no longer survives with the diff it names is stale, is
not counted, and makes the run exit 1 until it is updated. ``--page`` writes the
table and the remaining survivors onto ``docs/mutation.md``. Work is kept
between runs: mutmut re-tests the functions that changed, and the survivors of
the last run (but the equivalents) are re-tested against the current tests. ``--module``
runs one module (its path); runs use one worker (``--max-children 1``) and are
meant to run under ``nice``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORK = REPO / "benchmarks" / ".work" / "mutation"
PAGE = REPO / "docs" / "mutation.md"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent.toml"
COPIED = ("docgen", "templates", "tests", "examples", "docs", "mkdocs.yml", "pyproject.toml")
# The scan of every command's every output for workflow commands (32 runs of docgen) reads what
# formats/commands.py guards; for the other modules it repeats what their own tests read, at a cost.
NOT_EVERY_OUTPUT = ["-k", "not workflow_command_in_any_output"]
# Every sentence of every legacy document of the corpus (22 s a run): it reads the adoption, which the
# corpus's own cases (under a second each) read too; run for every surviving mutant, it took hours.
NOT_THE_WHOLE_CORPUS = ["-k", "not every_sentence_of_a_legacy_doc"]
# What every command prints, in each format, read as its reader reads it.
COMMAND_OUTPUTS = ["tests/test_hostile_output.py", "tests/test_ci_output.py", "tests/test_coverage.py",
                   "tests/test_lint_cli.py", "tests/test_drift.py", "tests/test_history.py"]

# Each trust module and the in-process tests that read what it does.
MODULES: dict[str, list[str]] = {
    "docgen/outputs/markdown.py": ["tests/test_markdown_escaping.py", "tests/test_hostile_output.py",
                                   "tests/test_document.py", "tests/test_schema_features.py",
                                   "tests/test_golden_example.py", "tests/test_pages.py",
                                   "tests/test_groups.py", *NOT_EVERY_OUTPUT],
    "docgen/formats/github.py": ["tests/test_github.py", "tests/test_github_limits.py", "tests/test_hostile_output.py",
                                 "tests/test_lint_cli.py", "tests/test_ci_output.py", *NOT_EVERY_OUTPUT],
    "docgen/formats/commands.py": ["tests/test_hostile_output.py", "tests/test_workflow_commands.py"],
    "docgen/formats/markdown.py": [*COMMAND_OUTPUTS, "tests/test_diff.py", "tests/test_github.py",
                                   "tests/test_github_limits.py", *NOT_EVERY_OUTPUT],
    "docgen/formats/text.py": [*COMMAND_OUTPUTS, "tests/test_diff.py", "tests/test_legacy_corpus.py", "-k",
                               f"{NOT_EVERY_OUTPUT[1]} and {NOT_THE_WHOLE_CORPUS[1]}"],
    "docgen/formats/json.py": [*COMMAND_OUTPUTS, *NOT_EVERY_OUTPUT],
    "docgen/sources/database.py": ["tests/test_live_database.py", "-k",
                                   "scrub or masked or anchored or existing_file or unparsable or repeats "
                                   "or unknown_dialect or database_error or driver_part or url_option "
                                   "or never_answers"],
    "docgen/sources/notes.py": ["tests/test_notes.py", "tests/test_lint_rules.py"],
    "docgen/outputs/document.py": ["tests/test_document.py", "tests/test_legacy_corpus.py", "tests/test_crlf.py",
                                   "tests/test_smaller_mistakes.py", "tests/test_build_check.py",
                                   "tests/test_bad_input.py", "tests/test_fences.py",
                                   "tests/test_golden_example.py", *NOT_THE_WHOLE_CORPUS],
    "docgen/write.py": ["tests/test_legacy_corpus.py", "tests/test_trust.py", "tests/test_build_check.py",
                        "tests/test_init.py", "tests/test_pages.py", "tests/test_user_mistakes.py",
                        "tests/test_lint_baseline.py", "tests/test_crlf.py", *NOT_THE_WHOLE_CORPUS],
    "docgen/outputs/er.py": ["tests/test_er.py", "tests/test_er_diagrams.py", "tests/test_groups.py",
                             "tests/test_orm_relationships.py", "tests/test_pages.py", "tests/test_golden_example.py",
                             "tests/test_hostile_output.py", *NOT_EVERY_OUTPUT],
    "docgen/drift/changes.py": ["tests/test_diff.py", "tests/test_diff_facts.py", "tests/test_drift_facts.py",
                                "tests/test_history.py", "tests/test_drift.py", "tests/test_database_objects.py",
                                "tests/test_ddl_truth.py", "tests/test_hostile_output.py", "-k",
                                "not workflow_command_in_any_output and not from_git and not working_tree "
                                "and not not_there"],
    "docgen/drift/compare.py": ["tests/test_hostile_output.py", "tests/test_drift.py", "tests/test_ci_output.py",
                                "tests/test_drift_facts.py", "tests/test_database_objects.py",
                                "tests/test_ddl_truth.py", *NOT_EVERY_OUTPUT],
}
STATUSES = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped", "segfault", "not checked")


@dataclass
class Result:
    module: str
    statuses: dict[str, str]  # mutant name -> mutmut's status

    def count(self, *statuses: str) -> int:
        return sum(1 for s in self.statuses.values() if s in statuses)

    def survivors(self) -> list[str]:
        """Mutants nothing killed: survived, or no test calls their function."""
        return sorted(name for name, s in self.statuses.items() if s in ("survived", "no tests"))


def workdir(module: str) -> Path:
    return WORK / module.removesuffix(".py").replace("/", ".")


def prepare(module: str) -> Path:
    """A copy of the repository for ``module``'s run, with its ``[tool.mutmut]`` section."""
    root = workdir(module)
    root.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "artifacts", ".hypothesis"))
        else:
            shutil.copy2(source, root / name)
    # Which tests call which function is recorded afresh each run: the tests may have changed since.
    (root / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    selection = ", ".join(f'"{arg}"' for arg in MODULES[module])
    with open(root / "pyproject.toml", "a", encoding="utf-8") as pyproject:
        pyproject.write(
            "\n[tool.mutmut]\n"
            'source_paths = ["docgen"]\n'
            'also_copy = ["templates", "examples", "docs", "mkdocs.yml"]\n'
            f'only_mutate = ["{module}"]\n'
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
            f"pytest_add_cli_args_test_selection = [{selection}]\n"
        )
    return root


def run(module: str) -> Result:
    # mutmut keeps a verdict until the mutated function changes: survivors of an earlier run are
    # re-tested by name, since the tests may have changed since (a new test may kill them); not the
    # ones listed as equivalent (no test can), whose pins the report checks.
    listed = _listed()
    earlier = ([name for name in results(module).survivors() if name not in listed]
               if (workdir(module) / "mutants").is_dir() else [])
    root = prepare(module)
    print(f"mutating {module} (tests: {' '.join(MODULES[module])})", flush=True)
    _mutmut(module, root, "run", "--max-children", "1")
    if earlier:
        print(f"re-testing {len(earlier)} survivors of the last run", flush=True)
        _mutmut(module, root, "run", "--max-children", "1", *earlier)
    return results(module)


def _mutmut(module: str, root: Path, *args: str) -> None:
    mutmut = Path(sys.executable).with_name("mutmut")
    done = subprocess.run([str(mutmut), *args], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-15:])
        raise SystemExit(f"mutmut failed on {module} (exit {done.returncode}):\n{tail}\n{done.stderr[-2000:]}")


def results(module: str) -> Result:
    mutmut = Path(sys.executable).with_name("mutmut")
    listed = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=workdir(module),
                            capture_output=True, text=True, check=True).stdout
    statuses = dict(re.findall(r"^\s*(\S+): (.+?)\s*$", listed, re.MULTILINE))
    return Result(module, statuses)


def diff_of(module: str, mutant: str) -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    shown = subprocess.run([str(mutmut), "show", mutant], cwd=workdir(module), capture_output=True, text=True).stdout
    return "\n".join(line for line in shown.splitlines() if line.startswith(("+", "-")) and
                     not line.startswith(("+++", "---")))


def _listed() -> dict[str, dict[str, str]]:
    """equivalent.toml: mutant name -> its reason and diff."""
    return tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.exists() else {}


def _module_of(mutant: str) -> str:
    """docgen/x/y.py of a mutant named docgen.x.y.x_function__mutmut_N."""
    return mutant.rsplit(".", 1)[0].replace(".", "/") + ".py"


def _changed(diff: str) -> list[str]:
    return [line.rstrip() for line in diff.strip("\n").splitlines() if line.strip()]


def equivalents(outcomes: list[Result]) -> tuple[dict[str, str], list[str]]:
    """The listed equivalents of these modules still pinned to their mutant (name -> reason), and the stale ones.

    An entry names a mutant and carries its diff: mutmut renumbers a function's mutants when the
    function changes, so the same name may now be another mutant. An entry counts only while its
    mutant survives with the very diff it names; any other entry is stale, said why, and not counted.
    """
    listed = _listed()
    kept, stale = {}, []
    for outcome in outcomes:
        survivors = set(outcome.survivors())
        for name, entry in listed.items():
            if _module_of(name) != outcome.module:
                continue
            diff = diff_of(outcome.module, name) if name in survivors else None
            if diff is not None and _changed(diff) == _changed(entry["diff"]):
                kept[name] = entry["reason"]
                continue
            function = name.split("__mutmut_")[0]
            moved = [other for other in sorted(survivors - {name}) if other.split("__mutmut_")[0] == function
                     and _changed(diff_of(outcome.module, other)) == _changed(entry["diff"])]
            why = (f"its diff is no longer the entry's, it is now:\n\n```diff\n{diff}\n```" if diff is not None
                   else f"{outcome.statuses.get(name, 'no such mutant')}, no longer a survivor.")
            where = f" The entry's mutant is now {', '.join(f'`{m}`' for m in moved)}." if moved else ""
            stale.append(f"`{name}`: {why}{where}")
    return kept, stale


def table(outcomes: list[Result], equivalent: dict[str, str]) -> str:
    """Per module: mutants, what became of them, and the survival rate of those tested (equivalents apart)."""
    lines = ["| Module | Mutants | Not run yet | Killed | Survived | No test calls it | Equivalent | Survival rate |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    totals = [0] * 6
    for outcome in outcomes:
        row = _counts(outcome, equivalent)
        lines.append(f"| `{outcome.module}` | " + " | ".join(map(str, row)) + f" | {_rate(row):.1f} % |")
        totals = [a + b for a, b in zip(totals, row)]
    lines.append("| **All** | " + " | ".join(map(str, totals)) + f" | **{_rate(totals):.1f} %** |")
    return "\n".join(lines) + "\n"


def _counts(outcome: Result, equivalent: dict[str, str]) -> list[int]:
    """[mutants, not run yet, killed, survived, no test calls it, equivalent] of one module."""
    equal = [name for name in outcome.survivors() if name in equivalent]
    return [len(outcome.statuses), outcome.count("not checked", "skipped", "suspicious"),
            outcome.count("killed", "timeout", "segfault"),
            outcome.count("survived") - sum(outcome.statuses[n] == "survived" for n in equal),
            outcome.count("no tests") - sum(outcome.statuses[n] == "no tests" for n in equal), len(equal)]


def _rate(row: list[int]) -> float:
    """Survivors and unreached over the mutants run, equivalents left out."""
    _, _, killed, survived, untested, _ = row
    tested = killed + survived + untested
    return (survived + untested) / tested * 100 if tested else 0.0


def page(outcomes: list[Result], equivalent: dict[str, str], stale: list[str], not_run: list[str]) -> str:
    text = PAGE.read_text(encoding="utf-8")
    begin, end = "<!-- mutation:begin -->\n", "<!-- mutation:end -->"
    body = [table(outcomes, equivalent)]
    if not_run:
        body.append(f"\nNot in this report (not run yet): {', '.join(f'`{m}`' for m in not_run)}.\n")
    remaining = [(o, name) for o in outcomes for name in o.survivors() if name not in equivalent]
    body.append(f"\n### Survivors ({len(remaining)})\n")
    if not remaining:
        body.append("\nNone: every mutant is killed or listed as equivalent below.\n")
    for outcome, name in remaining:
        body.append(f"\n`{name}` ({outcome.statuses[name]}):\n\n```diff\n{diff_of(outcome.module, name)}\n```\n")
    listed = [(o.module, name) for o in outcomes for name in o.survivors() if name in equivalent]
    body.append(f"\n### Equivalent mutants ({len(listed)})\n\n")
    body += [f"- `{name}`: {equivalent[name]}\n" for _, name in listed]
    if stale:
        body.append(f"\n### Stale equivalent entries ({len(stale)}), not counted\n\n")
        body.append("\n\n".join(stale) + "\n")
    return text[: text.index(begin) + len(begin)] + "".join(body) + text[text.index(end):]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(MODULES), help="only this module (repeatable)")
    parser.add_argument("--page", action="store_true", help="write the table onto docs/mutation.md")
    parser.add_argument("--report-only", action="store_true", help="read the last runs' results, run nothing")
    args = parser.parse_args()
    modules = args.module or list(MODULES)
    if args.report_only:
        modules = [m for m in modules if (workdir(m) / "mutants").is_dir()]
    outcomes = [results(m) if args.report_only else run(m) for m in modules]
    equivalent, stale = equivalents(outcomes)
    print(table(outcomes, equivalent), end="")
    if args.page:
        PAGE.write_text(page(outcomes, equivalent, stale, [m for m in MODULES if m not in modules]),
                        encoding="utf-8")
    if stale:
        raise SystemExit("stale entries in benchmarks/mutation/equivalent.toml, not counted:\n"
                         + "\n".join(f"  {line}" for line in stale))


if __name__ == "__main__":
    main()
