"""Engines: where the chunks of a run are processed.

A run (:mod:`pipeline.runner`) reads stories, skips the ones already written
and cuts the rest into :class:`Job` s of a few dozen stories. An engine runs
:func:`run_chunk` on each job, the same function whatever the engine, so the
tables do not depend on it:

``local`` (:mod:`pipeline.engines.local`)
    ``--workers N`` processes on this machine, each loading the model once;
    ``--workers 0`` runs in the calling process (no time limit there).
``dask`` (:mod:`pipeline.engines.dask`)
    the workers of a Dask distributed cluster (a LocalCluster when no
    scheduler address is given), each loading the model once.

Nothing is lost when a worker dies (over the time limit, out of memory, a
crash): the engine runs its chunk again, and the chunk's watch
(:mod:`pipeline.engines.watch`) makes each new attempt isolate the stories
that were in flight, until the one responsible is an error row and the rest
are written. A worker commits its chunk itself
(:func:`pipeline.writers.commit_chunk`): only small reports travel back.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

import pyarrow.parquet as pq

from ..core import process_stories, read_items
from ..ingest.formats import Story, error_row, parse_story
from ..ingest.sources import Item, ReadOptions
from ..nlp import pipeline_config
from ..tables import empty_rows
from ..writers import CHUNK_ABANDONED, RunError, commit_chunk, parts_dir, writable
from .watch import Watch

DEFAULT_STORY_TIMEOUT = 60.0  # seconds; a normal batch of 32 wire stories takes a few
DEFAULT_MAX_TOKENS = 25_000  # about 600 MB of parser memory; wire stories have under 8,000
ERRORS_KEPT = 10  # error reasons a report carries back (all of them are in the stories table)

Progress = Callable[[int, int, int], None]  # (ok, failed, words) of a batch just done


class DiskFull(RunError):
    """The output's disk (or quota) is full: nothing a story did; what was committed is kept."""


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (from Python, pyarrow or DuckDB, here or in a worker) says the disk is full."""
    if isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)):
        return True
    return any(words in str(exc) for words in ("No space left on device", "Disk quota exceeded"))


@dataclass(frozen=True)
class Limits:
    """What one story may cost a worker; over it, the story is an error row."""

    story_timeout: float | None = DEFAULT_STORY_TIMEOUT
    max_tokens: int | None = DEFAULT_MAX_TOKENS
    batch_size: int | None = None  # stories per nlp.pipe batch; None: models/pipeline.json


@dataclass
class Job:
    """One chunk of stories to process and commit as ``OUT/.parts/<key>/``."""

    key: str
    out_dir: str  # absolute: workers may run elsewhere
    items: list[Item]
    story_ids: list[str]  # the id each item's stories row will have
    options: ReadOptions = ReadOptions()
    limits: Limits = Limits()
    attempt: int = 1

    @property
    def max_attempts(self) -> int:
        # Each death of a worker isolates the stories in flight or convicts one,
        # so a chunk needs at most one attempt per story, plus the first.
        return len(self.items) + 2


@dataclass
class ChunkReport:
    """What a worker sends back for a committed chunk."""

    key: str
    ok: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), the first few
    worker: str = ""  # host:pid
    peak_rss: int = 0  # the worker process's peak resident memory so far, bytes


def _peak_rss() -> int:
    """This process's own peak resident memory, bytes. On Linux the kernel's high-water mark of
    this program (VmHWM): ``getrusage`` would also count the memory of the process it was
    forked from before it started, the calling process's peak for every worker."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows: not measured
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB on Linux


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the model, and every lexicon the extractors load on first use, once per process:
    outside any time limit, so that a worker's first stories are not timed with its start-up."""
    process_stories([parse_story(pipeline_config()["warm_up_story"], "<warm-up>")])


# faulthandler's timer (the watch) is one per process: chunks take turns in a
# process even when a Dask worker runs several threads.
_ONE_CHUNK_AT_A_TIME = threading.Lock()


def run_chunk(job: Job, progress: Progress | None = None, *, guarded: bool = True) -> ChunkReport:
    """Process one chunk and commit it: the unit of work of every engine.

    ``guarded`` puts the job's time limit on each batch; it ends the process
    when a batch overruns, so only engines that run chunks in worker
    processes may ask for it.
    """
    with _ONE_CHUNK_AT_A_TIME:
        warm_up()
        out = Path(job.out_dir)
        if (parts_dir(out) / job.key).is_dir():  # committed by an attempt that died just after
            return committed_report(job)
        with Watch(out, job.key, job.limits.story_timeout if guarded else None, progress) as watch:
            stories = [_convicted(s, watch) for s in read_items(job.items, job.options)]
            result = process_stories(
                stories, batch_size=job.limits.batch_size, max_tokens=job.limits.max_tokens, alone=watch.suspects, monitor=watch
            )
            tables, demoted = writable(result.rows)
            commit_chunk(out, job.key, tables)
            watch.forget()
        stories = tables["stories"].select(["source", "status", "error"]).to_pylist()
        errors = [(r["source"], r["error"]) for r in stories if r["status"] == "error"]
        words = result.words - sum(r.get("word_count") or 0 for r in demoted)
        return ChunkReport(
            job.key, result.ok - len(demoted), result.failed + len(demoted), words, result.seconds, errors[:ERRORS_KEPT], _worker_name(), _peak_rss()
        )


def _convicted(s: Story | dict[str, Any], watch: Watch) -> Story | dict[str, Any]:
    """The error row of a story that an earlier attempt found responsible for a worker's death."""
    if isinstance(s, Story) and s.story_id in watch.culprits:
        return error_row(s.source, watch.culprits[s.story_id], story_id=s.story_id, fmt=s.format, chars=len(s.raw))
    return s


def committed_report(job: Job) -> ChunkReport:
    """The report of a chunk already committed, read back from its stories table."""
    rows = pq.read_table(parts_dir(job.out_dir) / job.key / "stories.parquet", columns=["source", "status", "error", "word_count"]).to_pylist()
    errors = [(r["source"], r["error"]) for r in rows if r["status"] == "error"]
    return ChunkReport(
        job.key,
        ok=len(rows) - len(errors),
        failed=len(errors),
        words=sum(r["word_count"] or 0 for r in rows if r["status"] == "ok"),
        errors=errors[:ERRORS_KEPT],
    )


def retry(job: Job, death: str) -> Job | ChunkReport:
    """After the worker running ``job`` died: the next attempt, or, past the last one, the chunk
    committed with every story an error row (``death`` says how the worker died)."""
    if job.attempt < job.max_attempts:
        return replace(job, attempt=job.attempt + 1)
    reason = f"{CHUNK_ABANDONED} {job.attempt} times on its chunk ({death}); a rerun tries it again"
    rows = empty_rows()
    for item, sid in zip(job.items, job.story_ids):
        rows["stories"].append(error_row(item.source, reason, story_id=sid, fmt=item.container))
    commit_chunk(job.out_dir, job.key, rows)
    return ChunkReport(job.key, failed=len(job.items), errors=[(i.source, reason) for i in job.items[:ERRORS_KEPT]])


class Tally:
    """Running counts for the progress bar: each batch as workers report it, squared with the
    chunk's report when it comes (and taken back when the worker died before committing)."""

    def __init__(self, on_change: Progress) -> None:
        self.on_change = on_change
        self.pending: dict[str, list[int]] = {}

    def batch(self, key: str, ok: int, failed: int, words: int) -> None:
        counts = self.pending.setdefault(key, [0, 0, 0])
        for i, n in enumerate((ok, failed, words)):
            counts[i] += n
        self.on_change(ok, failed, words)

    def done(self, report: ChunkReport) -> None:
        ok, failed, words = self.pending.pop(report.key, [0, 0, 0])
        self.on_change(report.ok - ok, report.failed - failed, report.words - words)

    def lost(self, key: str) -> None:
        ok, failed, words = self.pending.pop(key, [0, 0, 0])
        self.on_change(-ok, -failed, -words)


class Engine(Protocol):
    """Runs jobs, yielding each chunk's report as it is committed (in any order)."""

    description: str

    def __enter__(self) -> "Engine": ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, jobs: Iterator[Job], tally: Tally) -> Iterator[ChunkReport]: ...


ENGINES = ("local", "dask")


def make_engine(name: str = "local", workers: int = 1, scheduler: str | None = None, *, dashboard: bool = False) -> Engine:
    """``local`` with ``workers`` processes (0: in this process), or ``dask`` on the cluster at
    ``scheduler`` (a LocalCluster of ``workers`` processes on 127.0.0.1 when None, with its
    dashboard only when ``dashboard``)."""
    if name == "local":
        if scheduler:
            raise RunError("--scheduler needs --engine dask")
        if dashboard:
            raise RunError("--dashboard needs --engine dask")
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(workers, scheduler, dashboard=dashboard)
    raise RunError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
