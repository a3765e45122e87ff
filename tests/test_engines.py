"""The same tables whatever the engine, the worker count or the chunking; Dask on a LocalCluster.

The reference is ``short_run`` (one worker process, chunks of four). The
Dask tests drive the engine the way the runner does, so that the partitioned
Parquet its workers commit can be read back before it is merged.
"""

from __future__ import annotations

import os
import pty
from pathlib import Path

import pytest

import pipeline
from pipeline.engines import Job, Limits, Tally, make_engine
from pipeline.ingest.sources import identify, iter_items
from pipeline.link import link
from pipeline.progress import Progress
from pipeline.writers import committed_chunks, finalize

from .conftest import assert_same_tables

STUCK = "Officials said: " + "http://x.com/" * 20_000  # minutes in spaCy's tokenizer; see test_bad_input


def jobs_of(folder: Path, out: Path, size: int, limits: Limits = Limits()) -> list[Job]:
    """The runner's jobs: stories identified where they are read, cut into chunks."""
    identified = [identify(item) for item in iter_items([str(folder)])]
    chunks = [identified[i : i + size] for i in range(0, len(identified), size)]
    return [Job(f"run-{n:04d}", str(out), [item for _, item in c], [sid for sid, _ in c], limits=limits) for n, c in enumerate(chunks)]


@pytest.mark.parametrize("workers,chunk_size", [(0, 3), (2, 4)], ids=["in-process", "2-workers"])
def test_local_engine_gives_the_same_tables(workers, chunk_size, short_stories, short_run, tmp_path):
    summary = pipeline.run(short_stories, tmp_path / "out", workers=workers, chunk_size=chunk_size, quiet=True)
    assert (summary.ok, summary.failed) == (12, 0)
    assert_same_tables(pipeline.load(tmp_path / "out"), pipeline.load(short_run))


def test_rows_come_in_a_deterministic_order(short_run):
    tables = pipeline.load(short_run)
    assert list(tables.stories["source"]) == sorted(tables.stories["source"])
    sources = dict(zip(tables.stories["story_id"], tables.stories["source"]))
    actors = tables.actors
    keys = [(sources[s], s, int(a[1:])) for s, a in zip(actors["story_id"], actors["actor_id"])]
    assert keys == sorted(keys)


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 worker processes x 1 thread, reached by address as a remote cluster is."""
    from distributed import LocalCluster

    from pipeline.engines.dask import local_cluster_options

    with LocalCluster(**local_cluster_options(2, dashboard=False)) as c:  # on 127.0.0.1 only
        yield c.scheduler_address


@pytest.fixture(scope="module")
def dask_run(cluster, short_stories, tmp_path_factory):
    """The short stories as jobs on the cluster, committed and not merged."""
    out = tmp_path_factory.mktemp("dask") / "out"
    counts: list[int] = [0, 0, 0]

    def count(ok: int, failed: int, words: int) -> None:
        for i, n in enumerate((ok, failed, words)):
            counts[i] += n

    with make_engine("dask", scheduler=cluster) as engine:
        reports = list(engine.run(iter(jobs_of(short_stories, out, 3)), Tally(count)))
    return out, reports, counts


def test_dask_workers_commit_partitioned_parquet_that_reads_back_as_the_same_tables(dask_run, short_run):
    out, reports, counts = dask_run
    assert len(reports) == 4 and sum(r.ok for r in reports) == 12
    assert counts == [12, 0, sum(r.words for r in reports)]
    assert len({r.worker for r in reports}) == 2  # both workers took chunks
    assert len(committed_chunks(out)) == 4
    reference = pipeline.load(short_run)
    # the parts the workers committed, before any merge or link
    assert_same_tables(pipeline.load(out), reference, ignore_link=True)
    finalize(out)
    link(out)  # as a run does at its end
    assert_same_tables(pipeline.load(out), reference)


def test_a_stuck_story_on_dask_is_an_error_row_and_the_rest_is_written(cluster, dask_run, tmp_path):
    """``--engine dask --scheduler``: the worker over the limit ends itself, its chunk is retried."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-good.txt").write_text("The ministry in Beijing said on Monday that exports to Russia rose 12 percent.\n")
    (tmp_path / "in" / "b-stuck.txt").write_text(STUCK)
    summary = pipeline.run(tmp_path / "in", tmp_path / "out", engine="dask", scheduler=cluster, chunk_size=1, story_timeout=3, quiet=True)
    assert (summary.ok, summary.failed, summary.exit_code) == (1, 1, 1) and cluster in summary.engine
    good, stuck = pipeline.load(tmp_path / "out").stories.to_dict("records")
    assert good["status"] == "ok"
    assert stuck["status"] == "error" and "took longer than the time limit of 3 s" in stuck["error"]


def _worker_state(dask_worker) -> tuple[list[str], bool | None]:
    """A worker's running profiler callbacks, and whether glibc maps an array of 1 MiB or more on its
    own (None without glibc's mallinfo2). The array is larger than all the free memory of the heap, so
    a free chunk left by whatever the worker imported or ran cannot hold it whatever the threshold."""
    import ctypes

    import numpy as np

    from pipeline.engines.dask import PROFILER_CALLBACKS

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

    running = [k for k in PROFILER_CALLBACKS if k in dask_worker.periodic_callbacks and dask_worker.periodic_callbacks[k].is_running()]
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return running, None
    mallinfo2.restype = MallInfo2
    info = mallinfo2()
    before = info.hblks
    array = np.ones((2**20 + info.fordblks) // 8)  # 1 MiB more than the heap has free: under MALLOC_RELAXED's 32 MiB
    mapped = mallinfo2().hblks > before
    del array
    return running, mapped


def _workers(scheduler: str) -> list[tuple[list[str], bool | None]]:
    from distributed import Client

    with Client(scheduler) as client:
        client.wait_for_workers(2)  # one may still be restarting after the stuck-story test
        return list(client.run(_worker_state).values())


def _as_the_nanny_meant(scheduler: str) -> None:
    """Each worker's allocator as MALLOC_TRIM_THRESHOLD_ sets it. Nannies spawning at the same
    time race on the environment, so one worker of a LocalCluster may start without it."""
    from distributed import Client

    from pipeline.engines.dask import malloc_as_started, mallopt

    with Client(scheduler) as client:
        client.wait_for_workers(2)
        client.run(lambda: mallopt(malloc_as_started()))


def test_dask_workers_are_tuned_during_a_run_and_left_as_they_were_on_a_cluster_of_ones_own(cluster):
    """Dask's 10 ms stack sampling and its nanny's MALLOC_TRIM_THRESHOLD_ (every array over 128 KiB
    mapped and unmapped on its own) slow our long tasks: while we run, the profiler is paused and
    such arrays come from the heap; afterwards both are as Dask set them."""
    _as_the_nanny_meant(cluster)
    dask_defaults = _workers(cluster)
    if any(mapped is None for _, mapped in dask_defaults):
        pytest.skip("no glibc mallinfo2 here to see the allocator's thresholds")
    assert dask_defaults == [(["profile", "profile-cycle"], True)] * 2
    with make_engine("dask", scheduler=cluster):
        assert _workers(cluster) == [([], False)] * 2
    assert _workers(cluster) == dask_defaults


def test_dask_starts_and_stops_a_local_cluster_of_its_own(short_stories, tmp_path):
    engine = make_engine("dask", workers=2)
    assert engine.description == "dask, LocalCluster of 2 worker processes"
    with engine:
        assert len(engine._client.nthreads()) == 2
    assert engine._client is None


def test_progress_line_on_a_terminal_and_silence_elsewhere(tmp_path):
    leader, follower = pty.openpty()
    with open(follower, "w") as terminal:
        progress = Progress(terminal, limit=20)
        assert progress.enabled
        progress.skip(5)
        progress.add(ok=4, failed=1, words=2_000)
        line = progress.line(width=200)  # the rates of counts added at once are huge: give them room
        assert line.startswith("10/25 stories") and "40%" in line and "1 failed" in line and "5 already done" in line
        assert "stories/s" in line and "words/s" in line and "ETA" in line
        progress.total = 12  # counted in the background: fewer stories than the limit allows
        assert progress.line().startswith("10/12 stories")
    os.close(leader)
    # A big run still fits 80 columns, with its ETA; what does not fit is left out whole.
    leader, follower = pty.openpty()
    with open(follower, "w") as terminal:
        big = Progress(terminal)
        big.total = 2_000_000
        big.skip(56_789)
        big.add(ok=1_177_778, failed=1_234, words=590_000_000)
        line = big.line()
        assert len(line) <= 79 and line.startswith("1,235,801/2,000,000 stories") and "ETA " in line, line
        parts = big.parts()
        assert any(line == "  ".join(parts[:k]) for k in range(1, len(parts))), (line, parts)  # whole parts only
        big.close()
    os.close(leader)
    with open(tmp_path / "log.txt", "w") as log:
        quiet = Progress(log)
        quiet.add(ok=3, words=100)
        quiet.close()
    assert not quiet.enabled and (tmp_path / "log.txt").read_text() == ""
    assert not Progress(open(os.devnull, "w"), quiet=True).enabled
