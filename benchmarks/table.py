"""The benchmark's results as a Markdown table, the goals of issue 6 checked, and the Performance page.

Every number is formatted with fixed precision, so the page only changes
where a measurement did.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .measure import Sample
from .phases import MODELS, PHASES

PAGE = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
FLOOR = "import models (floor)"
PEER = "paracelsus graph (Mermaid)"


@dataclass(frozen=True)
class Result:
    n: int  # tables
    command: str
    sample: Sample  # median of the runs
    floor: Sample  # the floor's median at the same n
    runs: int

    @property
    def ratio(self) -> float:
        return self.sample.seconds / self.floor.seconds

    @property
    def own_ms_per_table(self) -> float:
        """The command's own share, ``(t - floor) / n``, in milliseconds per table."""
        return (self.sample.seconds - self.floor.seconds) / self.n * 1000

    @property
    def cpu_ratio(self) -> float:
        return self.sample.cpu_seconds / self.floor.cpu_seconds

    @property
    def rss_ratio(self) -> float:
        return self.sample.max_rss_kib / self.floor.max_rss_kib


@dataclass(frozen=True)
class PhaseResult:
    """``docgen check``'s own time by phase, timed in-process (``benchmarks/phases.py``)."""

    n: int
    command: str  # the check it stands for: "docgen check" or "docgen check --no-pages"
    seconds: dict[str, float]  # phase -> median seconds, the models' import included
    runs: int

    @property
    def own(self) -> float:
        return sum(self.seconds[phase] for phase in PHASES)

    @property
    def own_ms_per_table(self) -> float:
        return self.own / self.n * 1000

    @property
    def share(self) -> float:
        """docgen's own time as a fraction of importing the models in the same process."""
        return self.own / self.seconds[MODELS]


def median_phases(samples: list[dict[str, float]]) -> dict[str, float]:
    return {phase: statistics.median(s[phase] for s in samples) for phase in (MODELS, *PHASES)}


HEADER = ("Tables", "Command", "Runs", "Time (s)", "× floor", "Own ms/table", "CPU (s)", "CPU × floor",
          "Peak RSS (MiB)", "RSS × floor")


def rows(results: list[Result]) -> list[tuple[str, ...]]:
    return [
        (
            f"{r.n:,}",
            r.command,
            str(r.runs),
            f"{r.sample.seconds:.3f}",
            f"{r.ratio:.2f}",
            "—" if r.command == FLOOR else f"{r.own_ms_per_table:.3f}",
            f"{r.sample.cpu_seconds:.3f}",
            f"{r.cpu_ratio:.2f}",
            f"{r.sample.max_rss_kib / 1024:.1f}",
            f"{r.rss_ratio:.2f}",
        )
        for r in results
    ]


def markdown_table(results: list[Result]) -> str:
    """The process timings as an aligned Markdown table."""
    return _aligned(HEADER, rows(results))


PHASES_HEADER = ("Tables", "Command", "Runs", f"{MODELS} (s)", *(f"{p} (s)" for p in PHASES),
                 "Own (s)", "Own ms/table", "Own ÷ import models")


def phases_table(phases: list[PhaseResult]) -> str:
    """The in-process phase timings as an aligned Markdown table."""
    return _aligned(PHASES_HEADER, [
        (f"{p.n:,}", p.command, str(p.runs), *(f"{p.seconds[phase]:.3f}" for phase in (MODELS, *PHASES)),
         f"{p.own:.3f}", f"{p.own_ms_per_table:.3f}", f"{p.share:.3f}")
        for p in phases
    ])


def _aligned(header: tuple[str, ...], body: Sequence[tuple[str, ...]]) -> str:
    """An aligned Markdown table (readable in a terminal too); every column but the second is numeric."""
    widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header))]
    numeric = [i != 1 for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        padded = (c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric))
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join(("-" * (w - 1) + ":") if num else "-" * w for w, num in zip(widths, numeric)) + " |"
    return "\n".join([line(header), rule, *(line(r) for r in body)]) + "\n"


@dataclass(frozen=True)
class Goal:
    text: str
    applies: Callable[[Result, dict[tuple[int, str], Result]], bool]
    holds: Callable[[Result, dict[tuple[int, str], Result]], bool]
    value: Callable[[Result, dict[tuple[int, str], Result]], str]


def _is_check(r: Result) -> bool:
    """A full ``docgen check`` (with or without pages; not answered from the cache)."""
    return r.command.startswith("docgen check") and "--cache" not in r.command


def _is_cached_check(r: Result) -> bool:
    return r.command.startswith("docgen check --cache")


def _is_reader(r: Result) -> bool:
    """``docgen lint`` and ``docgen coverage``: they read the schema and write nothing."""
    return r.command in ("docgen lint", "docgen coverage")


def _is_build_with_pages(r: Result) -> bool:
    """``docgen build`` as users run it: with per-table pages once they exist."""
    return r.command.startswith("docgen build") and "--no-pages" not in r.command


def goals() -> list[Goal]:
    """The goals of issue 6, on the process timings."""
    big = (1000, 5000)
    return [
        Goal("docgen check ≤ 1.10 × floor (N = 1,000 and 5,000)",
             lambda r, _: _is_check(r) and r.n in big,
             lambda r, _: r.ratio <= 1.10, lambda r, _: f"{r.ratio:.2f} ×"),
        Goal("docgen lint and docgen coverage ≤ 1.10 × floor (N = 1,000 and 5,000)",
             lambda r, _: _is_reader(r) and r.n in big,
             lambda r, _: r.ratio <= 1.10, lambda r, _: f"{r.ratio:.2f} ×"),
        Goal("docgen build with per-table pages ≤ 1.20 × floor (N = 1,000 and 5,000)",
             lambda r, _: _is_build_with_pages(r) and r.n in big,
             lambda r, _: r.ratio <= 1.20, lambda r, _: f"{r.ratio:.2f} ×"),
        Goal("a second docgen check --cache, nothing changed, ≤ 0.10 × floor (N = 1,000 and 5,000; issue 24)",
             lambda r, _: _is_cached_check(r) and r.n in big,
             lambda r, _: r.ratio <= 0.10, lambda r, _: f"{r.ratio:.3f} × ({r.sample.seconds:.3f} s)"),
        Goal("docgen peak RSS ≤ 1.15 × floor's",
             lambda r, _: r.command.startswith("docgen"),
             lambda r, _: r.rss_ratio <= 1.15, lambda r, _: f"{r.rss_ratio:.2f} ×"),
        Goal("linear: own time per table at 5,000 ≤ 1.3 × at 1,000 (where both own times are above 0; "
             "a process that ends before the floor's has no own time to compare)",
             lambda r, by: (r.command.startswith("docgen") and r.n == 5000 and (1000, r.command) in by
                            and r.own_ms_per_table > 0 and by[(1000, r.command)].own_ms_per_table > 0),
             lambda r, by: r.own_ms_per_table <= 1.3 * max(by[(1000, r.command)].own_ms_per_table, 1e-9),
             lambda r, by: f"{r.own_ms_per_table:.3f} vs {by[(1000, r.command)].own_ms_per_table:.3f} ms"),
        Goal("faster than paracelsus at every N",
             lambda r, by: r.command.startswith("docgen") and (r.n, PEER) in by,
             lambda r, by: r.sample.seconds < by[(r.n, PEER)].sample.seconds,
             lambda r, by: f"{r.sample.seconds:.3f} vs {by[(r.n, PEER)].sample.seconds:.3f} s"),
    ]


def verdict(holds: bool) -> str:
    """A goal's outcome in words (an emoji needs a font that has it)."""
    return "**pass**" if holds else "**FAIL**"


def goal_lines(results: list[Result]) -> list[str]:
    """One Markdown list item per goal and measured row it applies to: **pass** holds / **FAIL** does not.

    Goals that no measured row can be checked against (e.g. no N = 1,000 run) are left out.
    """
    by = {(r.n, r.command): r for r in results}
    lines = []
    for goal in goals():
        checked = [r for r in results if goal.applies(r, by)]
        if not checked:
            continue
        lines.append(f"- {goal.text}:")
        for r in checked:
            mark = verdict(goal.holds(r, by))
            lines.append(f"    - {mark} N = {r.n:,}, `{r.command}`: {goal.value(r, by)}")
    return lines


def phase_goal_lines(phases: list[PhaseResult]) -> list[str]:
    """The same goals on the in-process timings: check's own share, and linearity."""
    by = {(p.n, p.command): p for p in phases}
    big = [p for p in phases if p.n in (1000, 5000)]
    linear = [(p, by[(1000, p.command)]) for p in phases if p.n == 5000 and (1000, p.command) in by]
    lines = []
    if big:
        lines.append("- in-process: docgen check's own time ≤ 0.10 × importing the models (N = 1,000 and 5,000):")
        lines += [f"    - {verdict(p.share <= 0.10)} N = {p.n:,}, `{p.command}`: {p.share:.3f} ×" for p in big]
    if linear:
        lines.append("- in-process linear: own time per table at 5,000 ≤ 1.3 × at 1,000:")
        lines += [f"    - {verdict(p.own_ms_per_table <= 1.3 * q.own_ms_per_table)} `{p.command}`: "
                  f"{p.own_ms_per_table:.3f} vs {q.own_ms_per_table:.3f} ms" for p, q in linear]
    return lines


def page(
    results: list[Result], phases: list[PhaseResult], machine: list[tuple[str, str]], command: str
) -> str:
    """The Performance page of the docs site."""
    facts = "\n".join(f"| {label} | {value} |" for label, value in machine)
    return (
        "# Performance\n\n"
        "Importing the models is the user's cost (the *floor*: a bare `python -c \"import <models>\"`);\n"
        "docgen's own share is what comes after it: convert, render, plan, compare, write. The benchmark\n"
        "generates synthetic SQLAlchemy 2.x model packages (`benchmarks/generate.py`) and runs every\n"
        "command as a separate process with the same interpreter. Time is wall time (median of the runs),\n"
        "*own ms/table* is `(time - floor) / tables`; CPU is user + system time (steadier than wall time\n"
        "on a busy machine); peak RSS is the process's `ru_maxrss`. The peer,\n"
        "paracelsus, draws only a Mermaid ER diagram from the same models.\n\n"
        f"Measured with `{command}`; the numbers change from run to run and machine to machine.\n\n"
        "## Machine\n\n| Part | Value |\n| --- | --- |\n" + facts + "\n\n"
        "## Results\n\n" + markdown_table(results) + "\n"
        "docgen freezes the loaded models out of the garbage collector (`gc.freeze()`), which also\n"
        "spares them the interpreter's last collection at exit, a cost the floor pays: that is how a\n"
        "docgen process can end sooner than the floor's (a ratio under 1, a negative own time). The\n"
        "in-process table below measures docgen's own share directly. Rows marked *--cache (2nd run)*\n"
        "are the same command run again with nothing changed: the schema comes from `.docgen_cache/`\n"
        "and the models are not imported (see the cache guide, `docs/guide/cache.md`).\n\n"
        "## docgen's own time, in-process\n\n"
        "The difference of two process times is a small number taken from two large, noisy ones. So\n"
        "`benchmarks/phases.py` also times `docgen check`'s steps inside one process, on the same fresh\n"
        "docs: importing the models (the floor's work), importing docgen, loading the schema (config,\n"
        "MetaData, convert), and rendering every file and comparing it with the one on disk.\n"
        "*Own* is the sum of docgen's steps; interpreter start-up and exit are left out.\n\n"
        + phases_table(phases) + "\n"
        "## Goals\n\n" + "\n".join(goal_lines(results) + phase_goal_lines(phases)) + "\n"
    )


def write_section(name: str, section: str) -> None:
    """``section`` onto the Performance page between the markers ``<!-- name:begin -->`` and ``<!-- name:end -->``
    (replacing what was there; added at the end when missing: ``benchmarks.run`` writes the page anew)."""
    begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->\n"
    text = PAGE.read_text(encoding="utf-8")
    if begin not in text:
        text = text.rstrip("\n") + "\n\n" + begin + end
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    PAGE.write_text(head + begin + section + end + tail, encoding="utf-8")
