"""Bad input is a row, not a crash: every kind the issue lists, in one real ``wireclaims run``.

One folder holds two good stories and one of each bad kind; the run (one
worker process, stderr on a pseudo-terminal so the progress line is drawn)
must write a ``stories`` row for every one, with ``status="error"`` and a
reason a person understands for the bad ones, write the good ones' tables,
and exit with 1.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import pty
import subprocess
import sys
import tarfile
import threading
import zipfile

import pytest

import pipeline

from .conftest import ROOT, SEED_STORY

PLAIN = "The ministry of trade in Beijing said on Monday that exports to Russia rose by 12 percent in April.\n"
TIMEOUT = 5  # seconds per story (the good stories here take well under one)

# file (or archive::member, or file::line) -> words its error must contain; None: the story is fine
EXPECTED: dict[str, tuple[str, ...] | None] = {
    "good-seed.txt": None,
    "good-plain.txt": None,
    "image.png": ("binary file", "PNG"),
    "data.bin": ("binary file", "NUL byte"),
    "empty.txt": ("empty file",),
    "blank.txt": ("empty story",),
    "latin1.txt": ("not valid utf-8", "0xE9", "--encoding"),
    "huge.txt": ("story too large", "20.0 MB", "--max-chars"),
    "records.jsonl::1": None,
    "records.jsonl::2": ("malformed JSON on line 2",),
    "records.jsonl::3": ("no text field",),
    "cut.txt.gz": ("truncated or corrupt compressed data",),
    "climb.zip::../../etc/evil.txt": ("unsafe path", "climbs out"),
    "climb.zip::fine.txt": None,
    "climb.tar::../escape.txt": ("unsafe path", "climbs out"),
    "tokens.txt": ("too long to parse", "200,000 tokens", "--max-tokens"),
    "stuck.txt": ("took longer than the time limit of 5 s", "--story-timeout", "stopped in"),
}


def make_inputs(folder) -> None:
    (folder / "good-seed.txt").write_text(SEED_STORY.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "good-plain.txt").write_text(PLAIN)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "data.bin").write_bytes(b"abc\x00\x01\x02" * 100)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t\n")
    (folder / "latin1.txt").write_bytes("Le café a fermé.\n".encode("latin-1"))
    (folder / "huge.txt").write_text("The market rose. " * 1_176_471)  # 20 MB: read no further than the limit
    lines = [json.dumps({"text": "Moody's cut Britain's rating on Friday, citing weak growth."}), '{"text": "unterminated', json.dumps({"title": "no body"})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n")
    whole = gzip.compress("".join(f"Paragraph {i} reports {i * i} tonnes.\n" for i in range(2000)).encode())
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    with zipfile.ZipFile(folder / "climb.zip", "w") as zf:
        zf.writestr("../../etc/evil.txt", PLAIN)
        zf.writestr("fine.txt", "Officials in Seoul said the ferry would run twice a week from Vladivostok.\n")
    with tarfile.open(folder / "climb.tar", "w") as tf:
        data = PLAIN.encode()
        info = tarfile.TarInfo("../escape.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    # A million characters without one sentence boundary: 200,000 tokens for the parser.
    (folder / "tokens.txt").write_text("word " * 200_000)
    # spaCy's tokenizer takes minutes on this (its URL pattern backtracks): only the time limit stops it.
    (folder / "stuck.txt").write_text("Officials said: " + "http://x.com/" * 20_000)


def run_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """``wireclaims`` with stderr on a pseudo-terminal: (exit code, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, text=True)
    os.close(follower)
    shown: list[bytes] = []

    def drain() -> None:  # a terminal nobody reads stops the writer
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # EIO: every writer closed it
                return
            if not data:
                return
            shown.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout, _ = proc.communicate(timeout=600)
    reader.join(timeout=10)
    os.close(leader)
    return proc.returncode, stdout, b"".join(shown).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-input")
    make_inputs(folder)
    out = tmp_path_factory.mktemp("bad-output")
    code, stdout, terminal = run_on_a_terminal("run", str(folder), "-o", str(out), "--chunk-size", "4", "--story-timeout", str(TIMEOUT))
    return folder, out, code, stdout, terminal


def test_every_input_is_one_stories_row_with_a_clear_reason(bad_run):
    folder, out, code, stdout, _ = bad_run
    stories = pipeline.load(out).stories
    rows = {source.replace(str(folder) + os.sep, ""): row for source, row in zip(stories["source"], stories.to_dict("records"))}
    assert sorted(rows) == sorted(EXPECTED), stdout
    for name, words in EXPECTED.items():
        row = rows[name]
        if words is None:
            assert row["status"] == "ok", (name, row["error"])
        else:
            assert row["status"] == "error", name
            for word in words:
                assert word in row["error"], (name, row["error"])
    assert stories["story_id"].is_unique


def test_the_good_stories_are_written_and_the_exit_code_says_some_failed(bad_run):
    folder, out, code, stdout, _ = bad_run
    tables = pipeline.load(out)
    ok_ids = set(tables.stories.loc[tables.stories["status"] == "ok", "story_id"])
    assert len(ok_ids) == 4
    assert set(tables.actors["story_id"]) <= ok_ids
    assert {"Kim Jong Un", "Vladimir Putin"} <= set(tables.actors["name"])  # from the seed story
    assert code == 1
    failed = sum(1 for words in EXPECTED.values() if words)
    assert f"4 stories ok, {failed} failed" in stdout
    assert "error: " in stdout and "... and" in stdout  # the first ten reasons, then a pointer to the rest


def test_a_terminal_shows_the_progress_line(bad_run):
    *_, terminal = bad_run
    assert "stories/s" in terminal and "words/s" in terminal and "failed" in terminal
    assert "\r" in terminal  # redrawn in place
