"""Command-line conventions: --version, a first word within a second, what --also-write means, CSV lists, no lock left."""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from pipeline import __version__

from .conftest import ROOT, SEED_STORY


def wireclaims(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_version():
    t0 = time.monotonic()
    result = wireclaims("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"wireclaims {__version__}"
    assert time.monotonic() - t0 < 5  # no model, no spaCy import


def test_a_run_on_a_terminal_says_something_within_a_second(tmp_path):
    leader, follower = pty.openpty()
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(SEED_STORY), "-o", str(tmp_path / "out"), "-w", "0"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower,
    )
    os.close(follower)
    try:
        ready, _, _ = select.select([leader], [], [], 10)
        first = time.monotonic() - t0
        assert ready, "nothing on the terminal within 10 s"
        said = os.read(leader, 4096).decode()
        assert "loading the model" in said, said
        assert first < 1.0, f"the first word came after {first:.2f} s"
        rest = b""
        while True:  # drain the terminal until the run ends, or the child blocks on a full pty
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                rest += chunk
            elif proc.poll() is not None:
                break
        assert proc.wait(timeout=300) == 0
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()
    lines = [line for line in rest.decode().replace("\r", "\n").splitlines() if "stories/s" in line]
    assert lines and all(len(line.rstrip()) <= 79 for line in lines), lines


def test_also_write_is_explained_as_output_formats():
    text = wireclaims("run", "--help").stdout
    flat = " ".join(text.split())
    assert "--also-write {csv,jsonl}, --format {csv,jsonl}" in flat
    assert "output formats to write besides Parquet and DuckDB" in flat and "Not the input format" in flat


@pytest.fixture(scope="module")
def csv_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "out"
    result = wireclaims("run", str(SEED_STORY), "-o", str(out), "--also-write", "csv", "--also-write", "jsonl")
    assert result.returncode == 0, result.stderr
    return out


def test_csv_writes_list_columns_as_json(csv_run):
    with open(csv_run / "actors.csv", newline="", encoding="utf-8") as fh:
        actors = list(csv.DictReader(fh))
    kim = next(a for a in actors if a["name"] == "Kim Jong Un")
    assert json.loads(kim["aliases"]) == ["Kim"]
    assert all(isinstance(json.loads(a["aliases"]), list) for a in actors)
    with open(csv_run / "stories.csv", newline="", encoding="utf-8") as fh:
        story = next(csv.DictReader(fh))
    assert json.loads(story["byline"]) == ["James Pearson", "Alexei Chernyshev"]
    first = json.loads((csv_run / "actors.jsonl").read_text().splitlines()[0])
    assert isinstance(first["aliases"], list)  # JSON Lines keeps lists as lists


def test_no_lock_file_after_a_clean_exit(csv_run):
    assert not (csv_run / ".lock").exists()
    assert not [p.name for p in csv_run.iterdir() if p.name.startswith(".")]
