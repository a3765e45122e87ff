"""Usage mistakes get a clear message and exit 2, not a traceback, a silent success or a stories row.

Each test runs the real ``wireclaims`` command in a subprocess, as a user would,
and checks the exit code and the words of the message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

import pipeline

from .conftest import ROOT, SEED_STORY

PLAIN = "The ministry of trade in Beijing said on Monday that exports to Russia rose by 12 percent in April.\n"


def wireclaims(*args: str, cwd=ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def assert_usage_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def test_run_into_an_output_path_that_is_a_file(tmp_path):
    (tmp_path / "out.txt").write_text("not a folder")
    result = wireclaims("run", str(SEED_STORY), "-o", str(tmp_path / "out.txt"), "-q")
    assert_usage_error(result, "wireclaims run:", "is a file", "-o DIR")
    assert (tmp_path / "out.txt").read_text() == "not a folder"


def test_an_unreachable_scheduler_fails_within_seconds_and_names_the_address(tmp_path):
    t0 = time.monotonic()
    result = wireclaims("run", str(SEED_STORY), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "-q")
    elapsed = time.monotonic() - t0
    assert_usage_error(result, "tcp://127.0.0.1:1", "cannot reach the Dask scheduler")
    assert elapsed < 20, elapsed  # the 5 s connect limit plus start-up; Dask's own default waits 30 s


@pytest.mark.parametrize("kind", ["folder", "glob"])
def test_inputs_with_no_stories_are_a_usage_error_and_write_nothing(kind, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / ".hidden").write_text(PLAIN)
    target = str(folder) if kind == "folder" else str(tmp_path / "nothing" / "*.txt")
    out = tmp_path / "out"
    result = wireclaims("run", target, "-o", str(out), "-q")
    assert_usage_error(result, target, "no stories in folder" if kind == "folder" else "no files match")
    assert not out.exists()


def test_an_archive_holding_no_stories_exits_2(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as zf:
        zf.writestr("folder/", "")
    result = wireclaims("run", str(tmp_path / "empty.zip"), "-o", str(tmp_path / "out"), "-q")
    assert_usage_error(result, "no stories found in", "empty.zip")
    assert not (tmp_path / "out" / "claims.duckdb").exists()


def test_a_mistyped_input_is_refused_and_never_becomes_a_stories_row(tmp_path):
    good = tmp_path / "story.txt"
    good.write_text(PLAIN)
    out = tmp_path / "out"
    result = wireclaims("run", str(good), str(tmp_path / "stroy.txt"), "-o", str(out), "-q")
    assert_usage_error(result, "no such file or folder", "stroy.txt")
    assert not out.exists()  # refused before anything is written
    again = wireclaims("run", str(good), "-o", str(out), "-q")
    assert again.returncode == 0, again.stderr
    stories = pipeline.load(out).stories
    assert list(stories["status"]) == ["ok"] and list(stories["source"]) == [str(good)]


def test_load_refuses_a_folder_that_is_not_a_run(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FileNotFoundError, match="is not a wireclaims run's output"):
        pipeline.load(tmp_path)


def test_a_record_without_the_text_field_lists_the_fields_found_and_suggests_the_option(tmp_path):
    records = tmp_path / "stories.jsonl"
    records.write_text(json.dumps({"id": "r1", "story_body": PLAIN, "when": "2017-05-03"}) + "\n")
    out = tmp_path / "out"
    result = wireclaims("run", str(records), "-o", str(out), "-q")
    assert result.returncode == 1, result.stderr
    assert "found id, story_body, when" in result.stdout and "--text-field" in result.stdout, result.stdout
    fixed = wireclaims("run", str(records), "-o", str(out), "-q", "--text-field", "story_body", "--retry-errors")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert list(pipeline.load(out).stories["status"]) == ["ok"]
