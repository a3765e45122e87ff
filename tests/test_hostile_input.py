"""Issue 23, reading: what a careless or hostile archive does to ingestion, item by item.

Each test is one repro of the issue, built in tmp_path, read through the one
place that decides what an input item is (:func:`pipeline.ingest.sources.iter_items`).
The runs that write these rows are in ``test_hostile_runs.py``.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import resource
import threading
import tracemalloc
import zipfile

import pytest

from pipeline.core import read_items
from pipeline.ingest.formats import Story
from pipeline.ingest.sources import ReadOptions, iter_items

from .hostile import write_tar_with_links

PLAIN = "The ministry said on Monday that exports to Russia rose by 12 percent in April.\n"
OTHER = "Officials in Seoul said the ferry would run twice a week from Vladivostok.\n"
REUTERS = "-- Exports rise\n-- By  Jane Doe\n-- Fri Aug 5, 2011 1:04am EDT\n-- http://example.com/x\n\nFRANKFURT (Reuters) - " + PLAIN


def rows(inputs, options: ReadOptions = ReadOptions()) -> list:
    return read_items(iter_items([str(i) for i in inputs], options), options)


def by_source(inputs, options: ReadOptions = ReadOptions()) -> dict[str, object]:
    return {(r.source if isinstance(r, Story) else r["source"]): r for r in rows(inputs, options)}


def status(row) -> str:
    return "ok" if isinstance(row, Story) else row["status"]


# --- 1. values that cannot be encoded ---------------------------------------------------------


def test_a_lone_surrogate_in_a_record_is_replaced_and_recorded(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"headline": "Bad \udc80 head", "text": "Exports \ud800 rose. " + PLAIN}) + "\n" + json.dumps({"text": OTHER}) + "\n")
    first, second = rows([path])
    assert isinstance(first, Story) and isinstance(second, Story)
    assert first.headline == "Bad \ufffd head" and "\ufffd" in first.text
    assert first.repairs == "2 lone surrogate(s) replaced by U+FFFD" and second.repairs is None
    first.stories_row()["headline"].encode("utf-8")  # writable


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(PLAIN)
    (row,) = rows([tmp_path])
    assert isinstance(row, Story) and row.source == str(tmp_path / "caf\\xE9.txt")
    row.source.encode("utf-8")


def test_json_nested_a_thousand_levels_is_one_error_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 1000 + "]" * 1000 + "\n" + json.dumps({"text": PLAIN}) + "\n")
    found = by_source([path])
    assert "nested too deeply" in found[f"{path}::1"]["error"]
    assert status(found[f"{path}::2"]) == "ok"


# --- 2. memory for compressed record files, and globs ------------------------------------------


def endless(size: int) -> bytes:
    """One JSON line of ``size`` bytes that never ends, then a good record."""
    return b'{"text": "' + b"a" * size + b'"}\n' + json.dumps({"text": PLAIN}).encode() + b"\n"


def endless_csv(size: int) -> bytes:
    return b"headline,text\nx," + b"a" * size + b"\nfine," + PLAIN.strip().encode() + b"\n"


def _write_member(path, inner: str, data: bytes) -> None:
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(inner, data)
    else:
        path.write_bytes(gzip.compress(data, compresslevel=1))


@pytest.mark.parametrize("name,inner,make", [
    ("one.jsonl.gz", "", endless),
    ("one.csv.gz", "", endless_csv),
    ("one.zip", "in.jsonl", endless),
], ids=["jsonl.gz", "csv.gz", "jsonl-in-zip"])
def test_an_endless_line_in_a_compressed_record_file_costs_bounded_memory(tmp_path, name, inner, make):
    """200 MB of one line (under 1 MB compressed): one error item, the next record read, and the
    reader holds a few times the line cap (--max-chars 100,000 here), not the line."""
    path = tmp_path / name
    _write_member(path, inner, make(200_000_000))
    assert path.stat().st_size < 1_000_000
    options = ReadOptions(max_chars=100_000)
    tracemalloc.start()
    try:
        items = list(iter_items([str(path)], options))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [bool(i.error) for i in items] == [True, False], [i.error for i in items]
    assert "record too large" in items[0].error and "--max-chars" in items[0].error
    assert items[1].data.strip() == PLAIN.strip()
    assert peak < 20_000_000, f"reading held {peak / 1e6:.1f} MB"


def test_a_glob_over_a_symlink_loop_ends_and_reads_each_file_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "s.txt").write_text(PLAIN)
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    os.symlink(tmp_path, tmp_path / "a" / "up")
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(iter_items([f"{tmp_path}/**/*.txt"])), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "the glob did not end"
    assert [i.source for i in result] == [str(tmp_path / "a" / "b" / "s.txt")]


# --- 3. good stories lost with no row ---------------------------------------------------------


def test_a_csv_cell_over_the_limit_costs_its_record_named_by_its_first_line(tmp_path):
    path = tmp_path / "s.csv"
    big = ('word ""quoted"" ' * 2_000 + "\n") * 10  # one cell of 10 lines, 300,000 characters
    path.write_text(f'headline,text\nFirst,"{PLAIN.strip()}"\nHuge,"{big}"\nThird,"{OTHER.strip()}"\nFourth,{PLAIN}')
    found = by_source([path], ReadOptions(max_chars=10_000))
    errors = {k: v["error"] for k, v in found.items() if status(v) == "error"}
    assert list(errors) == [f"{path}::3"], errors
    assert "record too large: the record that starts on line 3" in errors[f"{path}::3"]
    assert [(k.rsplit("::")[1], r.headline) for k, r in found.items() if status(r) == "ok"] == [("2", "First"), ("14", "Third"), ("15", "Fourth")]


def test_an_unclosed_quote_costs_the_rest_of_the_file_as_one_named_record(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(f'headline,text\nFirst,"{PLAIN.strip()}"\nOpen,"never closed\n' + f"Next,{OTHER}" * 20_000)
    found = by_source([path], ReadOptions(max_chars=10_000))
    assert [status(r) for r in found.values()] == ["ok", "error"]
    assert "the record that starts on line 3" in found[f"{path}::3"]["error"]


def test_a_csv_line_over_the_cap_is_one_error_and_the_rest_is_read(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(f"headline,text\nBig,{'a' * 200_000}\nFine,{PLAIN}")
    found = by_source([path], ReadOptions(max_chars=10_000))
    assert "record too large: the record that starts on line 2" in found[f"{path}::2"]["error"]
    assert found[f"{path}::3"].headline == "Fine"


def test_a_json_integer_of_5000_digits_costs_its_line_only(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"text": PLAIN}) + "\n" + '{"text": "x", "n": ' + "9" * 5000 + "}\n" + json.dumps({"text": OTHER}) + "\n")
    found = by_source([path])
    assert [status(found[f"{path}::{n}"]) for n in (1, 2, 3)] == ["ok", "error", "ok"]
    assert "unreadable JSON on line 2" in found[f"{path}::2"]["error"]


def test_bad_bytes_in_a_record_file_cost_their_line_only(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_bytes(json.dumps({"text": PLAIN}).encode() + b'\n{"text": "caf\xe9"}\n' + json.dumps({"text": OTHER}).encode() + b"\n")
    found = by_source([path])
    assert [status(found[f"{path}::{n}"]) for n in (1, 2, 3)] == ["ok", "error", "ok"]
    assert "not valid utf-8" in found[f"{path}::2"]["error"]


def _long_path_file(base, text: str) -> str:
    """A file whose path is over 4,096 characters, made one folder at a time (relative to a folder
    descriptor: the system refuses such a path whole)."""
    fd = os.open(base, os.O_RDONLY)
    path = str(base)
    while len(path) < 4200:
        name = "d" * 200
        os.mkdir(name, dir_fd=fd)
        new = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, path = new, os.path.join(path, name)
    out = os.open("story.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
    os.write(out, text.encode())
    os.close(out)
    os.close(fd)
    return path


def test_paths_over_4096_characters_have_a_row(tmp_path):
    (tmp_path / "a.txt").write_text(PLAIN)
    deep = _long_path_file(tmp_path, OTHER)
    found = by_source([tmp_path])
    assert status(found[str(tmp_path / "a.txt")]) == "ok"
    errors = [r["error"] for r in found.values() if status(r) == "error"]
    assert len(errors) == 1 and "4,096" in errors[0], errors
    assert any(s.startswith(deep[:4000]) for s in found)


def test_tar_links_and_fifos_have_a_row(tmp_path):
    write_tar_with_links(tmp_path / "a.tar", PLAIN)
    os.mkfifo(tmp_path / "pipe.txt")
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(rows([tmp_path])), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "a FIFO blocked the run"
    found = {(r.source if isinstance(r, Story) else r["source"]): r for r in result}
    assert status(found[f"{tmp_path / 'a.tar'}::s.txt"]) == "ok"
    assert "symbolic link" in found[f"{tmp_path / 'a.tar'}::soft.txt"]["error"]
    assert "hard link" in found[f"{tmp_path / 'a.tar'}::hard.txt"]["error"]
    assert "FIFO" in found[str(tmp_path / "pipe.txt")]["error"]


def _corrupt(data: bytes, start: int = 200) -> bytes:
    damaged = bytearray(data)
    for i in range(start, start + 200):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def _zip_with_method(members: dict[str, bytes], method: int) -> bytes:
    """A zip whose first member claims a compression method Python does not have (99: AES)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    data = bytearray(buffer.getvalue())
    data[8:10] = method.to_bytes(2, "little")  # the local header's method
    central = data.index(b"PK\x01\x02")
    data[central + 10 : central + 12] = method.to_bytes(2, "little")
    return bytes(data)


def test_corrupt_compressed_data_costs_its_file_or_member_only(tmp_path):
    """zlib's and zipfile's own errors used to end the whole run (found while fixing issue 23)."""
    text = "".join(f"Paragraph {i} reports {i * 7919 % 1000} tonnes of coal.\n" for i in range(3000)).encode()
    (tmp_path / "a.txt.gz").write_bytes(_corrupt(gzip.compress(text)))
    (tmp_path / "b.jsonl.gz").write_bytes(_corrupt(gzip.compress(json.dumps({"text": text.decode()}).encode() + b"\n")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bad.txt", text)
        zf.writestr("good.txt", PLAIN)
    (tmp_path / "c.zip").write_bytes(_corrupt(buffer.getvalue(), 100))
    (tmp_path / "d.zip").write_bytes(_zip_with_method({"locked.txt": text, "open.txt": OTHER}, 99))
    (tmp_path / "e.txt").write_text(PLAIN)
    found = by_source([tmp_path])
    assert status(found[str(tmp_path / "e.txt")]) == "ok" and status(found[f"{tmp_path / 'c.zip'}::good.txt"]) == "ok"
    for source in (tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz", f"{tmp_path / 'c.zip'}::bad.txt"):
        assert "corrupt compressed data" in found[str(source)]["error"], found[str(source)]
    assert "compression method" in found[f"{tmp_path / 'd.zip'}::locked.txt"]["error"]


# --- 4. encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_utf16_with_a_bom_is_read_whatever_the_encoding_given(tmp_path, encoding):
    (tmp_path / "s.txt").write_bytes(codecs.BOM_UTF16_LE + "Le café a fermé. ".encode("utf-16-le") + PLAIN.encode("utf-16-le"))
    options = ReadOptions(encoding=encoding)
    (row,) = rows([tmp_path], options)
    assert isinstance(row, Story) and row.text.startswith("Le café a fermé.")


def test_utf16_without_a_bom_is_read_when_named(tmp_path):
    (tmp_path / "s.txt").write_bytes(PLAIN.encode("utf-16-le"))
    (row,) = rows([tmp_path])
    assert "NUL byte" in row["error"]
    (row,) = rows([tmp_path], ReadOptions(encoding="utf-16-le"))
    assert isinstance(row, Story) and row.text == PLAIN.strip()


def test_a_lone_cr_file_keeps_its_headline_date_and_dateline(tmp_path):
    (tmp_path / "cr.txt").write_bytes(REUTERS.replace("\n", "\r").encode())
    (tmp_path / "lf.txt").write_bytes(REUTERS.encode())
    cr, lf = rows([tmp_path / "cr.txt", tmp_path / "lf.txt"])
    assert (cr.headline, str(cr.published), cr.dateline) == ("Exports rise", "2011-08-05", "FRANKFURT")
    assert cr.text == lf.text and len(cr.raw) == len(REUTERS)


def test_reading_memory_is_bounded_for_plain_gzip(tmp_path):
    """A 200 MB .txt.gz story is read no further than --max-chars (the issue measured 410 MB)."""
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"word " * 40_000_000, compresslevel=1))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (row,) = rows([tmp_path], ReadOptions(max_chars=100_000))
    assert "story too large" in row["error"]
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 100, grown_mib
