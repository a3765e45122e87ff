"""A catalogue of hostile and careless inputs (issue 23), for the fuzz test and bench/bench_hostile.py.

Each maker writes one input into a folder and returns what the run must write
for it: ``{source: None}`` for a good story (it must be ``status="ok"``
exactly once) or ``{source: "words of the reason"}`` for a bad item (exactly
one error row whose reason holds those words). Makers that leave no row (a
symbolic link loop, the output folder inside the input) return ``{}``: the
run must only not hang, grow, or read them.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import tarfile
import zipfile
from pathlib import Path
from typing import Callable

Expected = dict[str, str | None]
CITIES = ("Beijing", "Seoul", "Moscow", "Tokyo", "Berlin", "Paris", "Cairo", "Lima", "Oslo", "Delhi")
GOODS = ("steel", "coal", "grain", "oil", "copper", "rice", "wool", "cotton")


def good_text(rng: random.Random, n: int) -> str:
    """A short wire story, unique by ``n``."""
    city, other = rng.sample(CITIES, 2)
    goods = rng.choice(GOODS)
    return (
        f"{city.upper()} (Reuters) - The trade ministry in {city} said on Monday that {goods} exports to {other} "
        f"rose by {n % 97 + 2} percent in April to {n * 13 + 100:,} tonnes.\n\n"
        f"\"Demand from {other} was strong,\" a ministry spokesman said, adding that shipments in case {n} would continue.\n"
    )


def good_story(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"good-{n:04d}.txt"
    path.write_text(good_text(rng, n), encoding="utf-8")
    return {str(path): None}


def _surrogate_record(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-surrogate.jsonl"
    path.write_text(json.dumps({"headline": "Bad \udc80 head", "text": good_text(rng, 10_000 + n)}) + "\n")
    return {f"{path}::1": None}


def _non_utf8_name(folder: Path, rng: random.Random, n: int) -> Expected:
    raw = os.fsencode(folder) + f"/h{n:02d}-caf".encode() + b"\xe9.txt"
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write(good_text(rng, 20_000 + n))
    return {f"{folder}/h{n:02d}-caf\\xE9.txt": None}


def _deep_json(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-deep.jsonl"
    path.write_text("[" * 1000 + "]" * 1000 + "\n")
    return {f"{path}::1": "nested too deeply"}


def _big_int(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-bigint.jsonl"
    path.write_text('{"text": "x", "n": ' + "7" * 5000 + "}\n")
    return {f"{path}::1": "unreadable JSON"}


def _endless_gz(folder: Path, rng: random.Random, n: int) -> Expected:
    """60 MB of one line in 60 KB of gzip, then a good record."""
    path = folder / f"h{n:02d}-endless.jsonl.gz"
    data = b'{"text": "' + b"a" * 60_000_000 + b'"}\n' + json.dumps({"text": good_text(rng, 30_000 + n)}).encode() + b"\n"
    path.write_bytes(gzip.compress(data, compresslevel=1))
    return {f"{path}::1": "record too large", f"{path}::2": None}


def _endless_csv_in_zip(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-endless.zip"
    data = b"headline,text\nx,\"" + b"b" * 60_000_000 + b"\"\nfine,\"" + good_text(rng, 40_000 + n).encode() + b'"\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("in.csv", data)
    return {f"{path}::in.csv::2": "record too large", f"{path}::in.csv::3": None}


def write_tar_with_links(path: Path, story: str) -> None:
    """A tar of one story, ``s.txt``, and a symbolic and a hard link to it."""
    with tarfile.open(path, "w") as tf:
        data = story.encode()
        info = tarfile.TarInfo("s.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
        for kind, name in ((tarfile.SYMTYPE, "soft.txt"), (tarfile.LNKTYPE, "hard.txt")):
            link = tarfile.TarInfo(name)
            link.type, link.linkname = kind, "s.txt"
            tf.addfile(link)


def _tar_links(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-links.tar"
    write_tar_with_links(path, good_text(rng, 50_000 + n))
    return {f"{path}::s.txt": None, f"{path}::soft.txt": "symbolic link", f"{path}::hard.txt": "hard link"}


def _fifo(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-pipe.txt"
    os.mkfifo(path)
    return {str(path): "FIFO"}


def _utf16(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + good_text(rng, 60_000 + n).encode("utf-16-le"))
    return {str(path): None}


def _lone_cr(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-cr.txt"
    path.write_bytes(("-- Exports rise\n-- By  Jane Doe\n-- Fri Aug 5, 2011 1:04am EDT\n\n" + good_text(rng, 70_000 + n)).replace("\n", "\r").encode())
    return {str(path): None}


def _binary(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000))
    return {str(path): "binary file"}


def _truncated_gz(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-cut.txt.gz"
    whole = gzip.compress("".join(f"Paragraph {i} reports {i * i} tonnes.\n" for i in range(2000)).encode())
    path.write_bytes(whole[: len(whole) // 2])
    return {str(path): "truncated or corrupt"}


def _corrupt_gz(folder: Path, rng: random.Random, n: int) -> Expected:
    """Damaged deflate data at the start of a .jsonl.gz: zlib's own error, before any record."""
    path = folder / f"h{n:02d}-corrupt.jsonl.gz"
    data = bytearray(gzip.compress("".join(json.dumps({"text": good_text(rng, 90_000 + n * 100 + i)}) + "\n" for i in range(40)).encode()))
    for i in range(40, 104):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return {str(path): "corrupt compressed data"}


def _zip_slip(folder: Path, rng: random.Random, n: int) -> Expected:
    path = folder / f"h{n:02d}-climb.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../etc/evil.txt", "x")
    return {f"{path}::../../etc/evil.txt": "climbs out"}


def _long_path(folder: Path, rng: random.Random, n: int) -> Expected:
    """A story whose path is over 4,096 characters (made relative to folder descriptors)."""
    fd = os.open(folder, os.O_RDONLY)
    path, first_too_long = str(folder), None
    for i in range(23):
        name = f"h{n:02d}-" + "d" * 190 if i == 0 else "d" * 195
        os.mkdir(name, dir_fd=fd)
        new = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, path = new, os.path.join(path, name)
        if first_too_long is None and len(path) >= 4096:
            first_too_long = path
    out = os.open("story.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
    os.write(out, good_text(rng, 80_000 + n).encode())
    os.close(out)
    os.close(fd)
    return {first_too_long: "4,096"}  # the first folder that cannot be listed: nothing below it is read


def _link_loop(folder: Path, rng: random.Random, n: int) -> Expected:
    (folder / f"h{n:02d}-loop").mkdir()
    os.symlink(folder, folder / f"h{n:02d}-loop" / "again")
    return {}


HOSTILE: dict[str, Callable[[Path, random.Random, int], Expected]] = {
    "surrogate": _surrogate_record,
    "non-utf8-name": _non_utf8_name,
    "deep-json": _deep_json,
    "big-int": _big_int,
    "endless-gz": _endless_gz,
    "endless-csv-zip": _endless_csv_in_zip,
    "tar-links": _tar_links,
    "fifo": _fifo,
    "utf16": _utf16,
    "lone-cr": _lone_cr,
    "binary": _binary,
    "truncated-gz": _truncated_gz,
    "corrupt-gz": _corrupt_gz,
    "zip-slip": _zip_slip,
    "long-path": _long_path,
    "link-loop": _link_loop,
}


def hostile_mix(folder: Path, seed: int, hostile: int, good: int = 0, good_files: list[Path] | None = None) -> Expected:
    """``hostile`` items drawn at random (every kind at least once when there is room) and ``good``
    generated stories (or copies of ``good_files``), in one folder; what the run must write."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: Expected = {}
    kinds = list(HOSTILE)
    rng.shuffle(kinds)
    picks = kinds[:hostile] + [rng.choice(kinds) for _ in range(hostile - len(kinds))]
    for n, kind in enumerate(picks):
        expected.update(HOSTILE[kind](folder, rng, n))
    for n in range(good):
        expected.update(good_story(folder, rng, n))
    for n, src in enumerate(good_files or []):
        path = folder / f"story-{n:04d}.txt"
        path.write_bytes(src.read_bytes())
        expected[str(path)] = None
    return expected


def run_measured(args: list[str], timeout: float, cwd: Path | None = None) -> tuple[int, str, str, float, dict[int, int]]:
    """``python -m pipeline ARGS`` in a subprocess: (exit code, stdout, stderr, seconds, peak RSS in
    bytes of each process of the run: the kernel's high-water mark, VmHWM, read every 0.2 s).
    Raises :class:`subprocess.TimeoutExpired` (after killing the run) past ``timeout``."""
    import subprocess
    import sys
    import time

    import psutil

    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    out_err: list[str] = []

    def drain() -> None:
        out_err.extend(proc.communicate())

    import threading

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while proc.poll() is None:
        if time.monotonic() - t0 > timeout:
            for child in psutil.Process(proc.pid).children(recursive=True):
                child.kill()
            proc.kill()
            reader.join()
            raise subprocess.TimeoutExpired(args, timeout)
        try:
            tree = [psutil.Process(proc.pid)] + psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            tree = []
        for p in tree:
            peaks[p.pid] = max(peaks.get(p.pid, 0), _vm_hwm(p.pid))
        time.sleep(0.2)
    reader.join()
    return proc.returncode, out_err[0], out_err[1], time.monotonic() - t0, peaks


def _vm_hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def check_run(out: Path, expected: Expected) -> list[str]:
    """What the run's tables get wrong against ``expected`` (empty: all good)."""
    import pipeline

    stories = pipeline.load(out).stories
    problems = []
    seen: dict[str, list[dict]] = {}
    for row in stories.to_dict("records"):
        seen.setdefault(row["source"], []).append(row)
    for source, words in expected.items():
        got = seen.get(source, [])
        if len(got) != 1:
            problems.append(f"{source}: {len(got)} rows")
        elif words is None and got[0]["status"] != "ok":
            problems.append(f"{source}: {got[0]['error']}")
        elif words is not None and (got[0]["status"] != "error" or words not in got[0]["error"]):
            problems.append(f"{source}: expected an error with {words!r}, got {got[0]['status']} {got[0]['error']!r}")
    for source in set(seen) - set(expected):
        problems.append(f"{source}: a row nobody expected ({seen[source][0]['error']})")
    return problems
