"""Issue 23, runs: what a hostile archive or a faulty machine does to a whole ``wireclaims run``.

Real runs (worker processes, the model, Parquet and DuckDB, a Dask
LocalCluster), each on inputs built in tmp_path: one value no writer can
encode, the output folder read back as input, a worker death that was not
the story's fault, a full disk, a kill while the DuckDB file is written, the
Dask dashboard, and each worker's own peak memory.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import pipeline
from pipeline.engines import RunError, make_engine
from pipeline.engines.watch import died_reason
from pipeline.ingest.sources import identify, iter_items
from pipeline.tables import empty_rows
from pipeline.writers import STALE_DUCKDB, commit_chunk, writable

from .conftest import ROOT
from .hostile import good_text

import random


def good_folder(folder: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"s{i:03d}.txt" for i in range(n)]
    for i, p in enumerate(paths):
        p.write_text(good_text(rng, i), encoding="utf-8")
    return paths


# --- 1. one value that cannot be encoded -------------------------------------------------------


def test_one_unencodable_value_costs_nothing_else(tmp_path):
    """100 good stories, a record with a lone surrogate and a file name that is not UTF-8, two
    workers: every story written, the repaired ones say so (the issue: 0 kept, on every rerun)."""
    folder = tmp_path / "in"
    good_folder(folder, 100)
    (folder / "r.jsonl").write_text(json.dumps({"headline": "x \udc80", "text": good_text(random.Random(5), 500)}) + "\n")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "w") as fh:
        fh.write(good_text(random.Random(6), 600))
    summary = pipeline.run(folder, tmp_path / "out", workers=2, chunk_size=16, quiet=True)
    assert (summary.ok, summary.failed, summary.exit_code) == (102, 0, 0), summary.text()
    stories = pipeline.load(tmp_path / "out").stories.set_index("source")
    assert stories.loc[f"{folder}/r.jsonl::1", "repairs"] == "1 lone surrogate(s) replaced by U+FFFD"
    assert stories.loc[f"{folder}/r.jsonl::1", "headline"] == "x \ufffd"
    assert stories.loc[f"{folder}/caf\\xE9.txt", "status"] == "ok"
    con = duckdb.connect(str(tmp_path / "out" / "claims.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 102


def test_a_story_that_breaks_the_writer_is_an_error_row_and_the_chunk_is_written(tmp_path, nlp):
    """Should an extractor let an unencodable value through, its story alone is lost, with a row."""
    from pipeline.core import process_stories, read_items

    folder = tmp_path / "in"
    good_folder(folder, 3)
    result = process_stories(read_items([identify(i)[1] for i in iter_items([str(folder)])]), nlp)
    bad_id = result.rows["stories"][1]["story_id"]
    next(r for r in result.rows["places"] if r["story_id"] == bad_id)["name"] = "Seoul \udc80"
    tables, demoted = writable(result.rows)
    assert [r["story_id"] for r in demoted] == [bad_id]
    stories = tables["stories"].to_pylist()
    assert [r["status"] for r in stories] == ["ok", "ok", "error"]
    assert "could not be written (places table)" in stories[2]["error"] and "surrogates not allowed" in stories[2]["error"]
    assert bad_id not in tables["places"].column("story_id").to_pylist()
    assert len(set(tables["places"].column("story_id").to_pylist())) == 2
    commit_chunk(tmp_path / "out", "c1", tables)
    assert len(pipeline.load(tmp_path / "out").stories) == 3


# --- 5. the output read back as input ----------------------------------------------------------


def test_the_output_folder_is_never_read_as_input(tmp_path):
    """Inside the input, or the input itself: the story count stays (the issue: 141 -> 421 -> 981)."""
    folder = tmp_path / "in"
    good_folder(folder, 4)
    out = folder / "out"
    counts = []
    for _ in range(2):
        summary = pipeline.run(folder, out, workers=0, formats=["csv", "jsonl"], quiet=True)
        counts.append(len(pipeline.load(out).stories))
        assert summary.notes == [f"the output folder {out} is among the inputs; it is never read as input"]
    # the output given as the only input: nothing is left to read, a usage mistake (exit 2)
    with pytest.raises(RunError, match="no stories found"):
        pipeline.run(out, out, workers=0, quiet=True)
    assert counts == [4, 4] and len(pipeline.load(out).stories) == 4


# --- 6. faults -----------------------------------------------------------------------------------


def test_a_story_whose_worker_died_is_retried_by_a_plain_rerun(tmp_path):
    """An error row saying the worker died is no verdict on the story: the next run tries it again.
    A story that failed for its own content (over the time limit) is not tried again."""
    folder = tmp_path / "in"
    good_folder(folder, 3)
    items = [identify(i) for i in iter_items([str(folder)])]
    rows = empty_rows()
    reasons = [died_reason(60, ""), "not processed: worker processes died 3 times on its chunk (killed by SIGKILL); a rerun tries it again", "took longer than the time limit of 60 s"]
    for (sid, item), reason in zip(items, reasons):
        rows["stories"].append({"story_id": sid, "source": item.source, "status": "error", "error": reason, "byline": [], "word_count": 0})
    commit_chunk(tmp_path / "out", "00-earlier", rows)
    summary = pipeline.run(folder, tmp_path / "out", workers=0, quiet=True)
    assert (summary.ok, summary.skipped) == (2, 1)
    status = dict(zip(pipeline.load(tmp_path / "out").stories["source"], pipeline.load(tmp_path / "out").stories["status"]))
    assert [status[item.source] for _, item in items] == ["ok", "ok", "error"]


def _can_mount_tmpfs() -> bool:
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /tmp"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs unshare and a tmpfs mount in a user namespace")
@pytest.mark.parametrize("workers", [0, 1])
def test_a_full_disk_says_so_and_exits_with_its_own_code(tmp_path, workers):
    """The output on a 300 KB tmpfs (in a mount namespace of its own): "disk full", exit code 3."""
    folder = tmp_path / "in"
    good_folder(folder, 40)
    disk = tmp_path / "disk"
    disk.mkdir()
    command = f"mount -t tmpfs -o size=300k tmpfs {disk} && exec {sys.executable} -m pipeline run {folder} -o {disk}/out -w {workers} --chunk-size 8 -q"
    proc = subprocess.run(["unshare", "-r", "-m", "sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 3, (proc.stdout, proc.stderr)
    assert "wireclaims run: disk full: cannot write into" in proc.stderr and "run the same command again" in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr


def test_a_kill_while_the_duckdb_file_is_written_is_mended_on_load(tmp_path, nlp):
    """Killed after the Parquet tables were replaced, before claims.duckdb was: the mark stays, and
    loading the DuckDB file rebuilds it from the tables (a kill at any other moment leaves both old)."""
    from pipeline.core import process_stories, read_items

    folder = tmp_path / "in"
    paths = good_folder(folder, 3)
    out = tmp_path / "out"
    pipeline.run(paths[:2], out, workers=0, quiet=True)
    result = process_stories(read_items([identify(i)[1] for i in iter_items([str(paths[2])])]), nlp)
    commit_chunk(out, "99-new", writable(result.rows)[0])
    finalizer = subprocess.Popen([sys.executable, "-c", f"from pipeline.writers import finalize; finalize({str(out)!r})"], cwd=ROOT,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 120
    while not (out / ".tmp-claims.duckdb").exists() and finalizer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    finalizer.send_signal(signal.SIGKILL)
    finalizer.wait()
    assert finalizer.returncode == -signal.SIGKILL, "finalize ended before it could be killed while writing claims.duckdb"
    assert (out / STALE_DUCKDB).is_file()
    con = duckdb.connect(str(out / "claims.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 2  # behind the Parquet tables
    con.close()
    assert len(pipeline.load(out / "claims.duckdb").stories) == 3
    assert not (out / STALE_DUCKDB).exists()


# --- 7. security ---------------------------------------------------------------------------------


def _listening(root_pid: int) -> list[tuple[str, int]]:
    import psutil

    procs = [psutil.Process(root_pid)] + psutil.Process(root_pid).children(recursive=True)
    found = []
    for p in procs:
        try:
            found += [(c.laddr.ip, c.laddr.port) for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        except psutil.Error:
            pass
    return found


def _http_status(port: int, path: str) -> int | None:
    import http.client

    con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        con.request("GET", path)
        return con.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        con.close()


@pytest.mark.parametrize("dashboard", [False, True], ids=["default", "--dashboard"])
def test_a_dask_local_cluster_listens_on_127_0_0_1_only(dashboard):
    with make_engine("dask", 1, dashboard=dashboard) as engine:
        listening = _listening(os.getpid())
        pages = {port: _http_status(port, "/status") for _, port in listening}
    assert listening and {ip for ip, _ in listening} == {"127.0.0.1"}, listening
    served = [port for port, status in pages.items() if status == 200]
    if dashboard:
        assert len(served) == 1 and f":{served[0]}/status" in engine.description
    else:
        assert served == [] and "dashboard" not in engine.description


# --- 8. reporting --------------------------------------------------------------------------------

WORKER_PEAK = """
import sys
import pipeline
if __name__ == "__main__":
    ballast = bytearray(1_400 * 2**20)  # the calling process holds 1.4 GiB when it starts its worker
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    summary = pipeline.run(sys.argv[1], sys.argv[2], workers=1, quiet=True)
    print(max(summary.peak_rss.values()))
"""


def test_peak_memory_per_worker_is_the_workers_own(tmp_path):
    good_folder(tmp_path / "in", 2)
    script = tmp_path / "peak.py"
    script.write_text(WORKER_PEAK)
    proc = subprocess.run([sys.executable, str(script), str(tmp_path / "in"), str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    peak = int(proc.stdout.split()[-1])
    assert 100 * 2**20 < peak < 1_200 * 2**20, f"{peak / 2**20:.0f} MiB"  # the worker's, not the caller's 1.4 GiB


def _worker_of(run: subprocess.Popen):
    """The run's worker process (not multiprocessing's resource tracker)."""
    import psutil

    for child in psutil.Process(run.pid).children(recursive=True):
        try:
            line = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in line and "resource_tracker" not in line:
            return child
    return None


def _kill_worker_when(run: subprocess.Popen, watch: Path, in_flight: int, deadline: float) -> list[str]:
    """Kill the worker once the watch shows ``in_flight`` stories in flight; their ids."""
    while time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        for marker in watch.glob("*.json") if watch.is_dir() else []:
            try:
                state = json.loads(marker.read_text())
            except (OSError, ValueError):
                continue
            worker = _worker_of(run)
            if len(state["in_flight"]) == in_flight and worker is not None:
                worker.kill()
                worker.wait(30)
                return state["in_flight"]
        time.sleep(0.005)
    raise AssertionError("the watch never showed that many stories in flight")


def test_an_innocent_story_convicted_by_two_outside_kills_is_retried_by_a_plain_rerun(tmp_path):
    """The issue's repro: the worker is killed (from outside) while its batch is in flight, then
    again while its replacement retries one story alone; that story is an error row saying the
    worker died, and a plain rerun, not only --retry-errors, brings it back."""
    rng = random.Random(3)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):  # about 12,000 characters each: a second of parsing, time to be killed
        (folder / f"long-{i}.txt").write_text("\n\n".join(good_text(rng, 1000 * i + k) for k in range(40)))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out), "-w", "1", "--chunk-size", "3", "-q"]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    watch = out / ".parts" / ".watch"
    assert len(_kill_worker_when(run, watch, 3, deadline)) == 3
    (convicted,) = _kill_worker_when(run, watch, 1, deadline)
    stdout, stderr = run.communicate(timeout=240)
    assert run.returncode == 1 and "2 stories ok, 1 failed" in stdout, (stdout, stderr)
    stories = pipeline.load(out).stories.set_index("story_id")
    assert stories.loc[convicted, "error"].startswith("the worker process died while processing this story")
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0 and "1 stories ok, 0 failed, 2 already done" in rerun.stdout, rerun.stdout
    assert set(pipeline.load(out).stories["status"]) == {"ok"}
