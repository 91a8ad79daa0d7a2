"""Measure one child process: wall time and peak memory (RSS), and the median of several runs.

Wall time is ``time.perf_counter`` around the whole process (start to reaped);
CPU time (user + system) and peak RSS are the child's own ``ru_utime``,
``ru_stime`` and ``ru_maxrss`` as ``os.wait4`` reports them, so runs never mix.
CPU time is steadier than wall time on a busy machine. A child that fails stops the benchmark with its output's tail.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero (or with an unexpected code)."""


@dataclass(frozen=True)
class Sample:
    seconds: float  # wall time
    cpu_seconds: float  # user + system
    max_rss_kib: int  # Linux reports ru_maxrss in KiB


def run_once(argv: list[str], cwd: Path, log: Path, expect: int = 0) -> Sample:
    """Run ``argv`` in ``cwd`` with stdout and stderr to ``log``; fail unless it exits ``expect``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if child.returncode != expect:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise CommandFailed(f"{' '.join(argv)} (in {cwd}) exited {child.returncode}, expected {expect}:\n{tail}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median(samples: list[Sample]) -> Sample:
    """The median wall time, CPU time and peak RSS of ``samples`` (each taken on its own)."""
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.cpu_seconds for s in samples),
        int(statistics.median(s.max_rss_kib for s in samples)),
    )
