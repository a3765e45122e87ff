"""Rows link back to the user's records: their own ids, the story's URL, a date for plain text, natural order."""

from __future__ import annotations

import json
import subprocess
import sys

import pipeline
from pipeline.ingest.formats import parse_story
from pipeline.ingest.paths import natural_key

from .conftest import ROOT
from .test_formats import REUTERS_STYLE

SENTENCE = "The ministry in Beijing said on Monday that exports to Russia rose {n} percent last week."


def wireclaims(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_records_keep_their_ids_and_urls_and_sort_naturally(tmp_path):
    records = tmp_path / "wire.jsonl"
    lines = [json.dumps({"doc_no": f"wire-{n}", "id": n, "text": SENTENCE.format(n=n), "url": f"https://example.com/{n}", "date": "2017-05-03"}) for n in range(1, 13)]
    records.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = wireclaims("run", str(records), "-o", str(out), "-q", "--id-field", "doc_no")
    assert result.returncode == 0, result.stderr
    stories = pipeline.load(out).stories
    assert list(stories["source"]) == [f"{records}::{n}" for n in range(1, 13)]  # ::2 before ::10
    assert list(stories["record_id"]) == [f"wire-{n}" for n in range(1, 13)]
    assert list(stories["url"]) == [f"https://example.com/{n}" for n in range(1, 13)]
    # Without --id-field, the record's "id" is taken; a number becomes text.
    again = tmp_path / "again"
    assert wireclaims("run", str(records), "-o", str(again), "-q").returncode == 0
    assert list(pipeline.load(again).stories["record_id"]) == [str(n) for n in range(1, 13)]


def test_files_sort_naturally(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (10, 2, 1):
        (folder / f"story{n}.txt").write_text(SENTENCE.format(n=n))
    out = tmp_path / "out"
    assert wireclaims("run", str(folder), "-o", str(out), "-q").returncode == 0
    assert [s.rsplit("/", 1)[1] for s in pipeline.load(out).stories["source"]] == ["story1.txt", "story2.txt", "story10.txt"]
    assert sorted(["a::10", "a::2", "b::1"], key=natural_key) == ["a::2", "a::10", "b::1"]


def test_published_gives_plain_text_its_date(tmp_path):
    story = tmp_path / "plain.txt"
    story.write_text(SENTENCE.format(n=5))
    bare, dated = tmp_path / "bare", tmp_path / "dated"
    assert wireclaims("run", str(story), "-o", str(bare), "-q").returncode == 0
    result = wireclaims("run", str(story), "-o", str(dated), "-q", "--published", "2017-05-03")
    assert result.returncode == 0, result.stderr
    assert pipeline.load(bare).dates["value"].isna().all()  # nothing to resolve relative dates from
    dates = pipeline.load(dated).dates
    assert dict(zip(dates["text"], dates["value"])) == {"Monday": "2017-05-01", "last week": "2017-W17"}
    assert str(pipeline.load(dated).stories["published"].iloc[0]) == "2017-05-03"
    wrong = wireclaims("run", str(story), "-o", str(tmp_path / "x"), "-q", "--published", "May third")
    assert wrong.returncode == 2 and "--published May third: not a date" in wrong.stderr


def test_a_story_with_its_own_date_keeps_it_over_published(tmp_path):
    story = tmp_path / "reuters.txt"
    story.write_text(REUTERS_STYLE)
    out = tmp_path / "out"
    assert wireclaims("run", str(story), "-o", str(out), "-q", "--published", "2020-01-01").returncode == 0
    row = pipeline.load(out).stories.iloc[0]
    assert str(row["published"]) == "2017-05-02"
    assert row["url"] == "http://www.example.com/article/2017/05/02/ferry-idUSKBN000000"


def test_reuters_header_url_and_api_record_id():
    story = parse_story(REUTERS_STYLE, "x.txt")
    assert story.url == "http://www.example.com/article/2017/05/02/ferry-idUSKBN000000"
    tables = pipeline.extract(SENTENCE.format(n=3), record_id="mine-1", published="2017-05-03")
    assert tables.stories["record_id"].tolist() == ["mine-1"]
