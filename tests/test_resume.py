"""Nothing lost, nothing twice: runs killed mid-way, reruns, retries, and crash leftovers.

The kill tests start a real ``wireclaims run`` process, wait until it has
committed its first chunk, kill it (SIGKILL: no chance to clean up; SIGINT:
Ctrl-C), and run the same command again: every story must end up in the
tables exactly once, and the tables must be those of a run never interrupted.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import psutil
import pytest

import pipeline
from pipeline.engines import RunError
from pipeline.schema import TABLE_NAMES
from pipeline.writers import PARTS, commit_chunk, committed_chunks, finalize

from .conftest import ROOT, assert_same_tables


def run_command(folder, out) -> list[str]:
    # Chunks of two stories: the first is committed long before the run ends.
    return [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out), "--chunk-size", "2", "--workers", "1"]


def start_and_kill(folder, out, sig: signal.Signals) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(run_command(folder, out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not committed_chunks(out):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no chunk committed in 5 minutes"
        time.sleep(0.02)
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, sig)
    stdout, stderr = proc.communicate(timeout=120)
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, "worker processes outlived the run"
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_killed_run_resumes_with_every_story_exactly_once(sig, short_stories, short_run, tmp_path):
    out = tmp_path / "out"
    killed = start_and_kill(short_stories, out, sig)
    if sig == signal.SIGKILL:
        assert killed.returncode == -signal.SIGKILL
    else:
        assert killed.returncode == 130, killed.stderr
        assert "interrupted" in killed.stdout
    assert "stories/s" not in killed.stderr  # stderr is not a terminal: no progress line
    assert not (out / "stories.parquet").exists()

    partial = pipeline.load(out)  # an unfinished run reads back as the tables committed so far
    n = len(partial.stories)
    assert 0 < n < 12 and partial.stories["story_id"].is_unique

    # Run again (in this process, to spare the test a second start-up: resuming is the runner's, not the engine's).
    again = pipeline.run(short_stories, out, workers=0, chunk_size=2, quiet=True)
    assert (again.ok, again.failed, again.skipped, again.exit_code) == (12 - n, 0, n, 0)
    tables = pipeline.load(out)
    assert len(tables.stories) == 12 and tables.stories["story_id"].is_unique
    assert set(tables.stories["status"]) == {"ok"}
    assert not (out / PARTS).exists()
    assert_same_tables(tables, pipeline.load(short_run))


def test_a_rerun_skips_everything_written_and_leaves_the_tables_as_they_were(short_stories, short_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(short_run, out)
    summary = pipeline.run(short_stories, out, quiet=True)
    assert (summary.ok, summary.failed, summary.skipped) == (0, 0, 12)
    assert_same_tables(pipeline.load(out), pipeline.load(short_run))


def test_leftovers_of_a_crash_are_cleaned_and_never_read(short_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(short_run, out)
    half = out / PARTS / ".tmp-00000000000000000001-00000000-ab12cd34"
    half.mkdir(parents=True)
    (half / "stories.parquet").write_bytes(b"PAR1 half a file")
    (out / ".tmp-actors.parquet").write_bytes(b"PAR1 half a table")
    assert_same_tables(pipeline.load(out), pipeline.load(short_run))
    finalize(out)
    assert not half.exists() and not (out / ".tmp-actors.parquet").exists()
    assert_same_tables(pipeline.load(out), pipeline.load(short_run))


def test_a_story_written_twice_is_kept_once_in_its_newest_version(short_run, tmp_path):
    """A chunk committed by a worker that outlived a killed run, or a --no-resume rerun: newest wins."""
    out = tmp_path / "out"
    shutil.copytree(short_run, out)
    before = pipeline.load(out)
    first = before.story(before.stories["story_id"][0])
    newer = {name: first[name].to_dict("records") for name in TABLE_NAMES}
    newer["stories"][0]["headline"] = "the newer version"
    commit_chunk(out, "99999999999999999999-00000000", newer)
    commit_chunk(out, "00000000000000000001-00000000", {name: first[name].to_dict("records") for name in TABLE_NAMES})
    after = pipeline.load(out)
    assert len(after.stories) == 12 and after.stories["story_id"].is_unique
    assert after.stories["headline"][0] == "the newer version"
    finalize(out)
    final = pipeline.load(out)
    assert_same_tables(final, after)
    for name in TABLE_NAMES[1:]:
        pd.testing.assert_frame_equal(final[name], before[name], obj=name)


def test_retry_errors_processes_failed_stories_again(short_stories, tmp_path):
    """A story over a limit fails; rerun with the limit raised and --retry-errors, it is written, once."""
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(short_stories.iterdir())[:2]:
        shutil.copy(p, folder / p.name)
    out = tmp_path / "out"
    first = pipeline.run(folder, out, workers=0, max_tokens=200, quiet=True)
    assert (first.ok, first.failed) == (0, 2) and "tokens" in first.errors[0][1]
    skipped = pipeline.run(folder, out, workers=0, quiet=True)
    assert (skipped.ok, skipped.skipped) == (0, 2)
    retried = pipeline.run(folder, out, workers=0, retry_errors=True, quiet=True)
    assert (retried.ok, retried.failed) == (2, 0)
    stories = pipeline.load(out).stories
    assert len(stories) == 2 and set(stories["status"]) == {"ok"}


def test_an_error_row_gives_way_when_its_file_is_read_right(tmp_path):
    """Undecodable, the story's id comes from its path; read with the right encoding it has another."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.txt").write_bytes("The ministry in Bogotá said exports rose 5 percent.\n".encode("latin-1"))
    out = tmp_path / "out"
    assert pipeline.run(tmp_path / "in", out, workers=0, quiet=True).failed == 1
    assert pipeline.run(tmp_path / "in", out, workers=0, encoding="latin-1", quiet=True).ok == 1
    stories = pipeline.load(out).stories
    assert list(stories["status"]) == ["ok"]


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "in.txt").write_text("The ministry said exports rose 5 percent.\n")
    held = os.open(out, os.O_RDONLY)  # a run locks its output folder itself
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(RunError, match="another wireclaims run"):
            pipeline.run(tmp_path / "in.txt", out, workers=0, quiet=True)
    finally:
        os.close(held)


def test_a_clean_run_leaves_no_lock_file_behind(tmp_path):
    (tmp_path / "in.txt").write_text("The ministry said exports rose 5 percent.\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text("")  # what earlier versions left
    assert pipeline.run(tmp_path / "in.txt", out, workers=0, quiet=True).exit_code == 0
    assert not (out / ".lock").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
