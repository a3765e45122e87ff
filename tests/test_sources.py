"""Reading stories from files, folders, globs, archives and record files, streamed."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import tracemalloc
import zipfile
from itertools import islice

import pytest

from pipeline.core import read_items
from pipeline.ingest.formats import Story
from pipeline.ingest.sources import ReadOptions, count_stories, identify, iter_items

from .conftest import SEED_STORY

PLAIN = "The ministry said on Monday that exports to Russia rose by 12 percent in April.\n"
OTHER = "Officials in Seoul said the ferry would run twice a week from Vladivostok.\n"


def sources(inputs, options: ReadOptions = ReadOptions()) -> list[str]:
    return [item.source for item in iter_items([str(i) for i in inputs], options)]


def texts(inputs) -> list[str]:
    return [s.text for s in read_items(iter_items([str(i) for i in inputs]))]


def test_folders_are_read_recursively_in_order_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(OTHER)
    (tmp_path / "a.txt").write_text(PLAIN)
    (tmp_path / ".hidden.txt").write_text(PLAIN)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(PLAIN)
    assert sources([tmp_path]) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_globs_expand_recursively_and_a_missing_path_is_an_error_item(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "s.txt").write_text(PLAIN)
    (tmp_path / "x" / "t.md").write_text(PLAIN)
    assert sources([f"{tmp_path}/**/*.txt"]) == [str(tmp_path / "x" / "y" / "s.txt")]
    missing = list(iter_items([str(tmp_path / "nope.txt"), f"{tmp_path}/*.none"]))
    assert [i.error for i in missing] == ["no such file or folder"] * 2


def test_gzip_zip_and_tar_are_read_without_unpacking_and_name_their_members(tmp_path):
    with gzip.open(tmp_path / "one.txt.gz", "wt") as fh:
        fh.write(PLAIN)
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as zf:
        zf.writestr("stories/a.txt", PLAIN)
        zf.writestr("stories/", "")
        zf.writestr("__MACOSX/stories/._a.txt", "junk")
        zf.writestr("stories/b.txt.gz", gzip.compress(OTHER.encode()))
    for name, mode in (("three.tar", "w"), ("four.tar.gz", "w:gz")):
        with tarfile.open(tmp_path / name, mode) as tf:
            data = PLAIN.encode()
            info = tarfile.TarInfo("wire/c.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    assert sources([tmp_path]) == [
        str(tmp_path / "four.tar.gz") + "::wire/c.txt",
        str(tmp_path / "one.txt.gz"),
        str(tmp_path / "three.tar") + "::wire/c.txt",
        str(tmp_path / "two.zip") + "::stories/a.txt",
        str(tmp_path / "two.zip") + "::stories/b.txt.gz",
    ]
    assert texts([tmp_path]) == [PLAIN.strip(), PLAIN.strip(), PLAIN.strip(), PLAIN.strip(), OTHER.strip()]


def test_json_lines_plain_and_gzipped_carry_their_fields(tmp_path):
    records = [
        {"text": PLAIN, "title": "Exports up", "published": "2017-05-03", "author": "A. Writer and B. Writer"},
        {"body": OTHER},
    ]
    lines = "\n".join(json.dumps(r) for r in records) + "\n\n"
    (tmp_path / "a.jsonl").write_text(lines)
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as fh:
        fh.write(lines)
    assert sources([tmp_path]) == [f"{tmp_path / 'a.jsonl'}::1", f"{tmp_path / 'a.jsonl'}::2", f"{tmp_path / 'b.jsonl.gz'}::1", f"{tmp_path / 'b.jsonl.gz'}::2"]
    first = read_items(iter_items([str(tmp_path / "b.jsonl.gz")]))[0]
    assert isinstance(first, Story)
    assert (first.headline, str(first.published), first.byline, first.format) == ("Exports up", "2017-05-03", ["A. Writer", "B. Writer"], "jsonl")


def test_csv_records_with_quoted_newlines_are_named_by_their_line(tmp_path):
    (tmp_path / "s.csv").write_text('headline,text\nFirst,"Line one.\nLine two."\nSecond,' + OTHER)
    items = list(iter_items([str(tmp_path / "s.csv")]))
    assert [i.source for i in items] == [f"{tmp_path / 's.csv'}::2", f"{tmp_path / 's.csv'}::4"]
    assert items[0].data == "Line one.\nLine two." and items[0].meta["headline"] == "First"


def test_identify_gives_the_id_the_stories_row_will_have(tmp_path):
    """The run skips stories by this id before a worker sees them: it must be the one written."""
    (tmp_path / "ok.txt").write_text(SEED_STORY.read_text(encoding="utf-8"))
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "header-only.txt").write_text("-- Headline\n-- By  Someone\n-- Fri Aug 5, 2011 1:04am EDT\n")
    for item in iter_items([str(tmp_path)]):
        story_id, decoded = identify(item)
        row = read_items([decoded])[0]
        assert story_id == (row.story_id if isinstance(row, Story) else row["story_id"]), item.source


def test_reading_streams_with_bounded_memory(tmp_path):
    """A 40 MB JSON Lines archive is read record by record: memory does not follow its size."""
    record = json.dumps({"text": PLAIN * 25}) + "\n"  # about 2 KB
    with gzip.open(tmp_path / "big.jsonl.gz", "wt") as fh:
        for _ in range(20_000):
            fh.write(record)
    tracemalloc.start()
    try:
        n = sum(1 for _ in iter_items([str(tmp_path / "big.jsonl.gz")]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 20_000
    assert peak < 2_000_000, f"reading held {peak / 1e6:.1f} MB"
    assert next(islice(iter_items([str(tmp_path / "big.jsonl.gz")]), 1)).source.endswith("::1")


def test_story_count_is_known_for_plain_files_only(tmp_path):
    (tmp_path / "a.txt").write_text(PLAIN)
    (tmp_path / "b.txt").write_text(OTHER)
    assert count_stories([tmp_path]) == 2
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": PLAIN}) + "\n")
    assert count_stories([tmp_path]) is None


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_other_encodings_are_read_when_named(tmp_path, encoding):
    (tmp_path / "s.txt").write_bytes("Le café de la gare a fermé lundi.\n".encode(encoding))
    (row,) = read_items(iter_items([str(tmp_path)]))
    assert row["status"] == "error" and "--encoding" in row["error"]
    options = ReadOptions(encoding=encoding)
    story = read_items(iter_items([str(tmp_path)], options), options)[0]
    assert isinstance(story, Story) and "café" in story.text
