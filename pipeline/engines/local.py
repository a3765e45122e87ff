"""The local engine: worker processes on this machine, supervised.

Each worker is a fresh process (``spawn``: nothing inherited half-initialised)
that loads the model once, with one BLAS/OpenMP thread (parallelism comes from
the processes; more threads only fight over the cores), and then runs
:func:`~pipeline.engines.run_chunk` on one job at a time, sending a progress
message after each batch and a small report once the chunk is committed.

The supervisor (the calling process) reads ahead by one job per idle worker
only, so memory stays flat however long the run. A worker that dies (its
watch ended it over the time limit, the kernel killed it for memory, a crash)
is replaced and its job given again; the watch makes the attempts converge.
Workers ignore Ctrl-C, which the calling process handles for all, and on
Linux they end with the calling process even when it is killed outright.

``workers=0`` runs the jobs in the calling process instead: no process
start-up and no pickling, but also no time limit (a stuck story would stall
the run); for debugging and profiling.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Iterator

from . import ChunkReport, DiskFull, Job, RunError, Tally, is_disk_full, retry, run_chunk, warm_up

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
MAX_START_FAILURES = 3  # workers dying before they are ready: the environment is broken, stop
# spaCy's string store only grows (every new word of every story), as may caches in the
# extractors: a worker is replaced after this many stories, which costs a model load a day.
RECYCLE_AFTER = 50_000


class WorkerError(RunError):
    """A worker could not run a chunk for a reason that is not the stories' (a bug, a full disk)."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    job: Job | None = None
    ready: bool = False
    stories: int = 0  # processed so far


def _die_with_parent(parent: int) -> None:
    """Linux: have the kernel end this worker when the run's process ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the line above
        os._exit(0)


def _serve(conn: Connection, parent: int) -> None:
    """A worker process's life: load the model, then run the jobs it is sent until told to stop."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the supervisor is gone
            return
        if job is None:
            return

        def progress(ok: int, failed: int, words: int, key: str = job.key) -> None:
            conn.send(("progress", key, ok, failed, words))

        try:
            report = run_chunk(job, progress)
        except Exception as exc:
            conn.send(("disk-full" if is_disk_full(exc) else "error", job.key, traceback.format_exc()))
        else:
            conn.send(("done", report))


@contextlib.contextmanager
def _one_thread_each() -> Iterator[None]:
    """Environment for a process being started: one thread per numeric library."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _how_it_ended(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class LocalEngine:
    """``workers`` supervised processes on this machine (0: the calling process)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 0:
            raise RunError("--workers must be 0 or more")
        self.workers = workers
        self.description = f"local, {workers} worker process{'es' if workers != 1 else ''}" if workers else "local, in this process"
        self._context = mp.get_context("spawn")
        self._pool: list[_Worker] = []
        self._start_failures = 0

    def __enter__(self) -> "LocalEngine":
        return self  # workers start with the first job: a rerun with nothing to do starts none

    def __exit__(self, exc_type: object, *exc: object) -> None:
        for w in self._pool:
            if w.job is not None or exc_type is not None:  # interrupted: its chunk is redone by the next run
                w.process.terminate()
        for w in self._pool:
            self._retire(w)
        self._pool = []

    @staticmethod
    def _retire(w: _Worker) -> None:
        """Let a worker that was told to stop (or terminated) end, and free its pipe."""
        with contextlib.suppress(OSError):
            w.conn.send(None)
        w.process.join(timeout=10)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, os.getpid()), name="wireclaims-worker", daemon=True)
        with _one_thread_each():
            process.start()
        theirs.close()
        return _Worker(process, ours)

    def run(self, jobs: Iterator[Job], tally: Tally) -> Iterator[ChunkReport]:
        if not self.workers:
            for job in jobs:
                report = run_chunk(job, lambda ok, failed, words, key=job.key: tally.batch(key, ok, failed, words), guarded=False)
                tally.done(report)
                yield report
            return
        first = next(jobs, None)
        if first is None:
            return
        self._pool = [self._start() for _ in range(self.workers)]
        retries: deque[Job] = deque([first])
        exhausted = False
        while True:
            for i, w in enumerate(self._pool):
                if w.job is not None:
                    continue
                job = retries.popleft() if retries else None if exhausted else next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                try:
                    w.conn.send(job)
                    w.job = job
                except OSError:  # it died while idle: replace it, the job goes to the next one free
                    retries.appendleft(job)
                    self._replace(i)
            busy = [w for w in self._pool if w.job is not None]
            if not busy:
                if exhausted and not retries:
                    return
                continue
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for i, w in enumerate(self._pool):
                if w.job is not None:
                    yield from self._collect(i, tally, retries)

    def _collect(self, i: int, tally: Tally, retries: deque[Job]) -> Iterator[ChunkReport]:
        """Handle what worker ``i`` sent, then its death if it died."""
        w = self._pool[i]
        while w.job is not None and w.conn.poll():
            try:
                message = w.conn.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "ready":
                w.ready = True
                self._start_failures = 0
            elif kind == "progress":
                tally.batch(*message[1:])
            elif kind == "done":
                report: ChunkReport = message[1]
                w.job = None
                w.stories += report.ok + report.failed
                tally.done(report)
                yield report
                if w.stories >= RECYCLE_AFTER:
                    self._retire(w)
                    self._pool[i] = self._start()
            elif kind == "disk-full":
                raise DiskFull(f"disk full while a worker committed chunk {message[1]}")
            else:
                raise WorkerError(f"chunk {message[1]} failed in a worker process:\n{message[2]}")
        if w.job is not None and not w.process.is_alive():
            w.process.join()
            job, death = w.job, _how_it_ended(w.process)
            tally.lost(job.key)
            if not w.ready:  # died while starting: not the job's fault
                retries.appendleft(job)
            else:
                outcome = retry(job, death)
                if isinstance(outcome, Job):
                    retries.appendleft(outcome)
                else:
                    tally.done(outcome)
                    yield outcome
            self._replace(i)

    def _replace(self, i: int) -> None:
        old = self._pool[i]
        with contextlib.suppress(EOFError, OSError):
            while not old.ready and old.conn.poll():
                old.ready = old.conn.recv()[0] == "ready"
        old.conn.close()
        if old.process.is_alive():
            old.process.kill()
        old.process.join()
        if not old.ready:
            self._start_failures += 1
            if self._start_failures > MAX_START_FAILURES:
                raise WorkerError(f"worker processes die while starting ({_how_it_ended(old.process)}); see the messages above")
        self._pool[i] = self._start()
