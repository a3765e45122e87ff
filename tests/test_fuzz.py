"""Issue 23's fuzz test: a seeded random mix of hostile inputs and good stories, one real run.

Each seed draws the hostile items of :mod:`tests.hostile` in a random order and
mixes them with generated wire stories in one folder, with the output folder
inside it. One ``wireclaims run`` (a real worker process and model, real
Parquet and DuckDB) must keep every good story exactly once, give every bad
item one error row with its reason, read nothing of its own output, keep
every process of the run under 1 GiB, and end within its time limit.
"""

from __future__ import annotations

import os

import pytest

from .hostile import HOSTILE, check_run, hostile_mix, run_measured

TIME_LIMIT = 120.0  # seconds for the run (it takes about 30 on a quiet 2-core machine)
RSS_LIMIT = 2**30  # bytes, for each process of the run


@pytest.mark.parametrize("seed", [23])
def test_a_random_mix_of_hostile_and_good_inputs(tmp_path, seed):
    folder = tmp_path / "in"
    expected = hostile_mix(folder, seed, hostile=len(HOSTILE) + 5, good=30)
    out = folder / "out"  # inside the input: never read as input
    code, stdout, stderr, seconds, peaks = run_measured(
        ["run", str(folder), "-o", str(out), "--story-timeout", "60", "--chunk-size", "8", "-q"], TIME_LIMIT
    )
    assert code == 1, stderr  # some stories failed, and nothing else went wrong
    assert "Traceback" not in stderr, stderr
    assert check_run(out, expected) == []
    assert sum(1 for w in expected.values() if w is None) == int(stdout.split(" stories ok")[0].split()[-1])
    assert stdout.count("is among the inputs; it is never read as input") == 1
    assert max(peaks.values()) < RSS_LIMIT, {pid: f"{b / 2**20:.0f} MiB" for pid, b in peaks.items()}
    print(f"seed {seed}: {len(expected)} items, {seconds:.1f} s, peak RSS per process (MiB): {sorted(round(b / 2**20) for b in peaks.values())}")
    # A rerun reads nothing new: not the output folder, not the stories already written.
    code, stdout, _, _, _ = run_measured(["run", str(folder), "-o", str(out), "-q"], TIME_LIMIT)
    assert code == 0 and "\n0 stories ok, 0 failed" in "\n" + stdout, stdout
    assert check_run(out, expected) == []
    assert os.path.isdir(out)
