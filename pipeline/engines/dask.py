"""The Dask engine: the same chunks, run by the workers of a Dask distributed cluster.

``--scheduler tcp://host:8786`` uses a running cluster; without it, a
LocalCluster of ``--workers`` processes with one thread each is started (and
stopped) here: the same client code, the same tasks, the same failures as on
many machines. Each worker process loads the model once, on its first chunk.

The calling process reads and skips stories and submits one task per chunk,
keeping at most two per worker thread in flight, so its memory stays flat.
Each task runs :func:`~pipeline.engines.run_chunk` on a worker, which commits
the chunk as partitioned Parquet under ``OUT/.parts/``; the calling process
then merges them (:func:`pipeline.writers.finalize`). On a real cluster, then:

* ``OUT`` must be a folder every worker can write at the same path (a shared
  file system); the inputs need only be readable here;
* workers need wireclaims installed, and should run one thread each
  (``dask worker --nthreads 1``): a worker runs one chunk at a time anyway.

Two defaults of Dask workers suit short numeric tasks and cost ours, seconds
of pure Python and many mid-sized arrays, a fifth of their speed; while a run
lasts, :class:`RunTuning` changes them on every worker of the cluster (also on
workers that join later) and, on a cluster of your own, puts them back after:

* the statistical profiler, which samples every worker thread's stack every
  10 ms (``distributed.worker.profile``), is paused;
* the nanny's ``MALLOC_TRIM_THRESHOLD_=65536`` makes glibc hand freed memory
  back to the system at once and freezes its mmap threshold at 128 KiB, so
  every parse maps and unmaps its arrays again (3x the system time of the
  local engine); the worker's allocator gets the thresholds glibc itself grows
  to instead (:data:`MALLOC_RELAXED`).

A worker over the time limit ends its own process (see
:mod:`pipeline.engines.watch`); the nanny starts a new one and the scheduler
retries the task elsewhere. After the scheduler's ``allowed-failures`` the
task comes back as :class:`~distributed.KilledWorker`, and it is submitted
again here, until the watch has found the stories responsible.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from contextlib import suppress
from itertools import islice
from typing import Any, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from . import ChunkReport, Job, RunError, Tally, retry, run_chunk

CONNECT_TIMEOUT = 5.0  # seconds to reach a --scheduler before the run gives up
PROFILER_CALLBACKS = ("profile", "profile-cycle")  # distributed.Worker.periodic_callbacks keys
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc mallopt() parameters
# glibc's own dynamic thresholds grow up to these on 64-bit systems (DEFAULT_MMAP_THRESHOLD_MAX).
MALLOC_RELAXED = {M_MMAP_THRESHOLD: 32 * 2**20, M_TRIM_THRESHOLD: 64 * 2**20}


def mallopt(settings: dict[int, int]) -> bool:
    """Set glibc malloc parameters in this process; False where there is no glibc (macOS, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        setter = libc.mallopt
    except (OSError, AttributeError):
        return False
    return all(setter(param, value) == 1 for param, value in settings.items())


def malloc_as_started() -> dict[int, int]:
    """The thresholds glibc runs with after the nanny's MALLOC_TRIM_THRESHOLD_ (both fixed by it)."""
    trim = os.environ.get("MALLOC_TRIM_THRESHOLD_")
    return {M_TRIM_THRESHOLD: int(trim), M_MMAP_THRESHOLD: 128 * 2**10} if trim and trim.isdigit() else {}


class RunTuning(WorkerPlugin):
    """While registered: a worker's profiler paused and its allocator relaxed; both undone on removal."""

    name = "wireclaims-run-tuning"

    def setup(self, worker: Any) -> None:
        # Taken out of the dict, not just stopped: a worker setting up plugins before it
        # registers starts every callback left in it afterwards.
        worker._wireclaims_paused = {k: worker.periodic_callbacks.pop(k) for k in PROFILER_CALLBACKS if k in worker.periodic_callbacks}
        for callback in worker._wireclaims_paused.values():
            callback.stop()
        if malloc_as_started():
            mallopt(MALLOC_RELAXED)

    def teardown(self, worker: Any) -> None:
        paused = getattr(worker, "_wireclaims_paused", {})
        worker.periodic_callbacks.update(paused)
        if worker.status.name == "running":
            for callback in paused.values():
                callback.start()
            mallopt(malloc_as_started())


def _connect(client_class: Any, address: str) -> Any:
    """A client of the scheduler at ``address``, or :class:`RunError` within
    :data:`CONNECT_TIMEOUT` seconds when it cannot be reached."""
    try:
        return client_class(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RunError(f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT:g} s: {reason}") from None


LOCALHOST = "127.0.0.1"


def local_cluster_options(workers: int, dashboard: bool) -> dict[str, Any]:
    """A LocalCluster that nobody else on the network can reach: scheduler, workers and nannies
    listen on 127.0.0.1 only, and no dashboard is served unless asked for. The scheduler's HTTP
    server (health checks) is there either way, on 127.0.0.1 and any free port (a fixed one may
    be taken); the dashboard's pages are added to it on request."""
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": LOCALHOST,
        "dashboard_address": f"{LOCALHOST}:0",
        "scheduler_kwargs": {"dashboard": dashboard},
        "worker_dashboard_address": None,
        "silence_logs": logging.ERROR,
    }


class DaskEngine:
    """Chunks as tasks on a Dask cluster at ``scheduler``, or on a LocalCluster of ``workers`` processes."""

    def __init__(self, workers: int = 1, scheduler: str | None = None, *, dashboard: bool = False) -> None:
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.dashboard = dashboard
        self.description = f"dask, scheduler {scheduler}" if scheduler else f"dask, LocalCluster of {self.workers} worker process{'es' if self.workers != 1 else ''}"
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        if self.scheduler:
            self._client = _connect(Client, self.scheduler)
        else:
            self._cluster = LocalCluster(**local_cluster_options(self.workers, self.dashboard))
            self._client = Client(self._cluster)
            if self.dashboard:
                self.description += f", dashboard {self._client.dashboard_link}"
        self._client.register_plugin(RunTuning())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            if self.scheduler:  # someone else's cluster: leave it as it was
                with suppress(Exception):  # a scheduler already gone has nothing left to restore
                    self._client.unregister_worker_plugin(RunTuning.name)
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def run(self, jobs: Iterator[Job], tally: Tally) -> Iterator[ChunkReport]:
        from distributed import KilledWorker, as_completed

        in_flight: dict[str, Job] = {}
        done = as_completed()

        def submit(job: Job) -> None:
            future = self._client.submit(run_chunk, job, key=f"wireclaims-{job.key}-{job.attempt}", pure=False)
            in_flight[future.key] = job
            done.add(future)

        window = 2 * max(1, sum(self._client.nthreads().values()))
        for job in islice(jobs, window):
            submit(job)
        for future in done:
            job = in_flight.pop(future.key)
            try:
                report = future.result()
            except KilledWorker:
                outcome = retry(job, "Dask gave up on it: KilledWorker")
                if isinstance(outcome, Job):
                    submit(outcome)
                    continue
                report = outcome
            finally:
                future.release()
            tally.done(report)
            yield report
            for job in islice(jobs, 1):
                submit(job)
