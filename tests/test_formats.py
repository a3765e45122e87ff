"""Wire formats: each one detected and its header read into the stories table."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

import pipeline
from pipeline.ingest.formats import StoryError, detect_format, parse_story, split_byline, story_id_of
from pipeline.ingest.sources import FieldNames, ReadOptions, iter_items, read_story

from .conftest import REUTERS_SAMPLE, needs_shared

# A story in the Reuters archive layout, written for this test (not from the archive).
REUTERS_STYLE = """-- Ferry link to open between Vladivostok and Rajin
-- By  Jane Roe and John Doe
-- Tue May 2, 2017 11:05pm EDT
-- http://www.example.com/article/2017/05/02/ferry-idUSKBN000000

 

 VLADIVOSTOK, Russia  (Reuters) - A ferry will sail between the Russian port of 
Vladivostok and the North Korean port of Rajin from next week, the operator said on 
Tuesday. 

  "We expect 200 passengers a trip," said Ivan Petrov, head of the 
operator InvestCo.  

(Reporting by Jane Roe; Editing by John Doe)
"""


def test_seed_format(seed_text):
    story = parse_story(seed_text, "seed.txt")
    assert story.format == "seed"
    assert story.published == date(2017, 5, 3)
    assert story.byline == ["James Pearson", "Alexei Chernyshev"]
    assert story.dateline == "SEOUL/VLADIVOSTOK, Russia"
    # Paragraphs recovered without blank lines, the dateline its own paragraph.
    paragraphs = story.text.split("\n\n")
    assert paragraphs[0] == "SEOUL/VLADIVOSTOK, Russia May 3"
    assert paragraphs[1].startswith("When North Korean leader Kim Jong Un sent Lunar New Year greetings")
    assert paragraphs[1].endswith("according to its official news agency.")
    assert '"LOYAL PARTNER"' in paragraphs
    assert any(p.startswith('"North Korea does not care') and p.endswith("Australia National University.") for p in paragraphs)
    assert "\n" not in paragraphs[2]
    assert story.word_count == len(story.text.split())


def test_reuters_format():
    story = parse_story(REUTERS_STYLE, "ferry.txt")
    assert story.format == "reuters"
    assert story.headline == "Ferry link to open between Vladivostok and Rajin"
    assert story.byline == ["Jane Roe", "John Doe"]
    assert story.published == date(2017, 5, 2)
    assert story.dateline == "VLADIVOSTOK, Russia"
    paragraphs = story.text.split("\n\n")
    assert paragraphs[0] == "VLADIVOSTOK, Russia (Reuters) -"
    assert paragraphs[1] == (
        "A ferry will sail between the Russian port of Vladivostok and the North Korean port of Rajin "
        "from next week, the operator said on Tuesday."
    )
    assert paragraphs[2].startswith('"We expect 200 passengers a trip," said Ivan Petrov')


@needs_shared
def test_reuters_archive_files_parse():
    files = sorted(p for p in REUTERS_SAMPLE.rglob("*") if p.is_file())[:40]
    for path in files:
        story = parse_story(path.read_text(encoding="utf-8"), str(path))
        assert story.format == "reuters"
        assert story.published is not None and 2006 <= story.published.year <= 2013
        assert story.headline
        assert story.word_count > 20


def test_plain_text_has_no_header():
    text = "Russia exported 36,000 tonnes of oil products in 2015.\n\nChina exports more, industry sources say.\n"
    story = parse_story(text, "plain.txt")
    assert story.format == "plain"
    assert story.published is None and story.headline is None and story.byline == []
    assert story.text.split("\n\n") == [
        "Russia exported 36,000 tonnes of oil products in 2015.",
        "China exports more, industry sources say.",
    ]


def test_detect_format():
    assert detect_format(" date 2017-05-03 By A\n| X\nbody") == "seed"
    assert detect_format(REUTERS_STYLE) == "reuters"
    assert detect_format("Just a story.") == "plain"


def test_byline_split():
    assert split_byline("By  Lisa Baertlein and Bob Smith") == ["Lisa Baertlein", "Bob Smith"]
    assert split_byline("By A, B and C") == ["A", "B", "C"]
    assert split_byline("") == []


def test_story_id_is_a_hash_of_the_text(seed_text):
    assert parse_story(seed_text, "a").story_id == parse_story(seed_text, "b").story_id == story_id_of(seed_text)
    assert story_id_of(seed_text + " ") != story_id_of(seed_text)


def test_jsonl_records(tmp_path):
    path = tmp_path / "stories.jsonl"
    records = [
        {"text": "Russia exported 36,000 tonnes of oil products in 2015, U.N. data show.", "title": "Oil", "published": "2017-05-03", "byline": ["A B"]},
        {"text": REUTERS_STYLE},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(iter_items([path]))
    assert [i.source for i in items] == [f"{path}::1", f"{path}::2"]
    first, second = (read_story(i) for i in items)
    assert first.format == "jsonl" and first.headline == "Oil" and first.published == date(2017, 5, 3) and first.byline == ["A B"]
    # A record's text field may itself carry a wire header.
    assert second.headline == "Ferry link to open between Vladivostok and Rajin" and second.dateline == "VLADIVOSTOK, Russia"


def test_csv_records_with_configured_fields(tmp_path):
    path = tmp_path / "stories.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "story_body", "hed", "when"])
        writer.writerow(["1", "Trump and Putin spoke on Tuesday,\nboth sides said.", "Call", "May 3, 2017"])
    options = ReadOptions(fields=FieldNames.with_overrides(text="story_body", headline="hed", date="when"))
    (item,) = list(iter_items([path], options))
    story = read_story(item, options)
    assert story.format == "csv" and story.headline == "Call" and story.published == date(2017, 5, 3)
    assert story.text == "Trump and Putin spoke on Tuesday, both sides said."
    # Offsets index the record's text field, as the spec says.
    tables = pipeline.extract(item.data, source=item.source)
    putin = tables.actors[tables.actors["name"] == "Vladimir Putin"] if "Vladimir Putin" in set(tables.actors["name"]) else tables.actors[tables.actors["name"] == "Putin"]
    row = putin.iloc[0]
    assert item.data[row["start"] : row["end"]] == "Putin"


def test_empty_story_is_an_error():
    with pytest.raises(StoryError, match="empty"):
        parse_story("   \n\n ", "empty.txt")
    tables = pipeline.extract("")
    (row,) = tables.stories.to_dict("records")
    assert row["status"] == "error" and "empty" in row["error"]
    assert all(len(tables[name]) == 0 for name in tables if name != "stories")


def test_plain_text_opening_with_a_wire_dateline_has_it_read_apart():
    story = parse_story(
        "NEW YORK (Reuters) - U.S. brewer Anheuser-Busch Cos Inc agreed to be acquired, a source said on Sunday.\n",
        "note.txt",
    )
    assert story.format == "plain" and story.dateline == "NEW YORK"
    assert not story.text.split("\n\n")[-1].startswith("NEW YORK")  # the opening is a paragraph of its own


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("WASHINGTON -- President Obama, dedicating the museum, said it would tell a story.", "WASHINGTON"),
        ("FLINT, Mich., Oct. 4 (UPI) \u2014 Former President Bill Clinton called the law crazy.", "FLINT, Mich."),
        ("NATO -- the alliance -- said it would act.", None),  # a name in an aside, no dateline
    ],
)
def test_other_agencies_datelines_after_a_headline_are_read_apart(opening, place):
    story = parse_story(f"Obama Says Museum Tells Story\n\n{opening}\n", "note.txt")
    assert story.dateline == place
    if place is not None:
        assert story.text.split("\n\n")[-1][:1] in ("P", "F")  # the story's first sentence, without the place
