"""What the run benchmarks share: a sample of stories, whole runs timed in fresh processes, the machine.

Every figure compares two sides measured in the same invocation, alternating
(A B, B A, A B, ...) so a noisy neighbour slows both; each round prints its
own ratio and the summary gives the median. Wall-clock ratios are the
targets; ratios of CPU seconds (user + system, all processes of a run) are
printed beside them because they hardly move when the machine is busy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _speed import REUTERS, ROOT  # noqa: F401 - re-exported for the scripts


def arguments(description: str, stories: int = 2000, rounds: int = 3) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=stories, help=f"stories of the sample to run on (default: {stories})")
    parser.add_argument("--rounds", type=int, default=rounds, help=f"alternating rounds (default: {rounds})")
    parser.add_argument("--corpus", type=Path, default=REUTERS, help="folder of stories (default: the Reuters sample in ../shared)")
    return parser


def story_folder(corpus: Path, n: int, parent: Path) -> Path:
    """A folder of links to the first ``n`` stories of ``corpus`` (sorted paths: the same ones every time)."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    if len(files) < n:
        raise SystemExit(f"{corpus} holds {len(files)} stories, fewer than --stories {n}")
    folder = parent / f"stories-{n}"
    folder.mkdir(exist_ok=True)
    for i, f in enumerate(files[:n]):
        link = folder / f"{i:06d}-{f.name}"
        if not link.exists():
            link.symlink_to(f.resolve())
    return folder


@dataclass
class Timed:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    stdout: str


def timed(command: list[str]) -> Timed:
    """Run ``command`` in a fresh process; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: some stories failed, which is a figure, not a crash
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, done.stdout)


def wireclaims_run(folder: Path, out: Path, *options: str) -> list[str]:
    """The ``wireclaims run`` command (quiet; into a fresh output, so nothing is skipped)."""
    return [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out), "-q", "--no-resume", *options]


def words_written(out: Path) -> int:
    """Words of the stories a run wrote (the ``word_count`` of the ok rows: the bare side counts the same).

    A run where stories failed is not comparable: it stops the benchmark, with the first reasons.
    """
    import duckdb

    con = duckdb.connect()
    try:
        stories = f"read_parquet('{out / 'stories.parquet'}')"
        words, failed = con.execute(f"SELECT coalesce(sum(word_count) FILTER (status = 'ok'), 0), count(*) FILTER (status = 'error') FROM {stories}").fetchone()
        if failed:
            reasons = con.execute(f"SELECT DISTINCT error FROM {stories} WHERE status = 'error' LIMIT 3").fetchall()
            raise SystemExit(f"{failed} stories failed in {out}, so the figures would not compare; first reasons: {[r[0] for r in reasons]}")
        return int(words)
    finally:
        con.close()


def python_json(code: str) -> dict:
    """Run ``code`` (which prints one JSON object last) in a fresh interpreter."""
    result = timed([sys.executable, "-c", code])
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import spacy

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}; load average {load:.1f} at the start"
    )


def scratch() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="wireclaims-bench-")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    met = value >= target if higher_is_better else value <= target
    return "meets" if met else "MISSES"
