"""Dates: real sentences through the real model, values resolved against a story date."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract.context import DocContext
from pipeline.extract.dates import DateIndex, duration_value, extract_dates, parse_with_dateparser

WED = date(2017, 5, 3)  # the seed story's date, a Wednesday


@pytest.fixture(scope="module")
def dates_of(nlp):
    def run(text: str, published: date | None = WED) -> tuple[list[dict], DateIndex]:
        return extract_dates(DocContext.build(nlp(text), published))

    return run


def values(rows: list[dict]) -> dict[str, str | None]:
    return {r["text"]: r["value"] for r in rows}


# --- the seed story, through the public API -------------------------------------------------


def test_seed_dates_resolved(seed_tables):
    d = seed_tables.dates
    by_text: dict[str, list[str]] = {}
    for text, value in zip(d["text"], d["value"]):
        by_text.setdefault(text, []).append(value)
    assert by_text["May 3"] == ["2017-05-03"]  # the dateline
    assert by_text["last week"] == ["2017-W17", "2017-W17"]  # ISO weeks, both mentions
    assert by_text["next week"] == ["2017-W19"]
    assert by_text["Last Thursday"] == ["2017-04-27"]
    assert by_text["Earlier this year"] == ["2017"]
    assert by_text["two years ago"] == ["2015"]
    assert by_text["Tuesday"] == ["2017-05-02"]  # "spoke ... on Tuesday": the one before
    assert by_text["Monday"] == ["2017-05-08"]  # "trips ... from Monday": the next one
    assert by_text["11 years"] == ["P11Y"]
    assert by_text["each month"] == ["P1M", "P1M"]


def test_seed_kinds_and_offsets(seed_tables, seed_text):
    d = seed_tables.dates
    kinds = dict(zip(d["text"], d["kind"]))
    assert kinds["11 years"] == "duration" and kinds["each year"] == "set" and kinds["2015"] == "date"
    for text, start, end in zip(d["text"], d["start"], d["end"]):
        # offsets index the raw story (hard-wrapped): the same words, whitespace aside
        assert seed_text[start:end].split() == text.split()


# --- wire conventions for bare weekdays, months and quarters ----------------------------------


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The minister spoke to reporters on Monday.", "Monday", "2017-05-01"),  # past: the one before
        ("The ferry service starts from Monday.", "Monday", "2017-05-08"),  # future: the next one
        ("Leaders will meet on Wednesday in Geneva.", "Wednesday", "2017-05-03"),  # the story's own day
        ("Trump and Putin spoke in a telephone call on Tuesday.", "Tuesday", "2017-05-02"),
        ("The House is expected to vote on the bill early next week.", "early next week", "2017-W19"),
        ("The State Department in November delayed a decision.", "November", "2016-11"),
        ("The fiscal year finishes at the end of March.", "the end of March", "2017-03"),  # nearest March
        ("The line could be in service by the second quarter of 2012.", "the second quarter of 2012", "2012-Q2"),
        ("Capacity will reach 850,000 bpd by mid-2014.", "mid-2014", "2014"),
        ("Prices rose sharply in the 1990s.", "the 1990s", "199"),
        ("Prices could rise again next summer.", "next summer", "2017-SU"),
        ("Fourth-quarter profit fell.", "Fourth-quarter", "2016-Q4"),  # a quarter not yet begun is last year's
        ("The company reported a loss in the first half of 2016.", "the first half of 2016", "2016-H1"),
        ("Petronas will decide later this year.", "later this year", "2017"),
        ("He was born on Sept. 30, 1961.", "Sept. 30, 1961", "1961-09-30"),
        ("The plant closed three weeks ago.", "three weeks ago", "2017-04-12"),
        ("Sales fell from a year earlier.", "a year earlier", "2016"),
        ("Kim Jong Un's 2017 greetings went to Putin first.", "2017", "2017"),
    ],
)
def test_resolution(dates_of, sentence, text, value):
    rows, _ = dates_of(sentence)
    assert values(rows).get(text) == value, rows


def test_day_without_year_is_near_the_story(dates_of):
    # "extended to Nov. 20" written on Nov. 2: this Nov. 20, though the verb is past
    rows, _ = dates_of("The company extended to Nov. 20 its offer for the chain.", date(1989, 11, 2))
    assert values(rows)["Nov. 20"] == "1989-11-20"
    rows, _ = dates_of("Investigators have searched for him since the Oct. 23 killing.", date(1999, 5, 6))
    assert values(rows)["Oct. 23"] == "1998-10-23"


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Pyongyang has been playing off Beijing and Moscow for half a century.", "half a century", "P50Y"),
        ("Sterling hit a 2-1/2-year low.", "2-1/2-year", "P30M"),
        ("Obama must decide within 60 days.", "60 days", "P60D"),
        ("Prices fell over the past four months.", "the past four months", "P4M"),
        ("The talks lasted more than seven hours.", "seven hours", "PT7H"),
        ("They send money home each month.", "each month", "P1M"),
        ("The ferry sails six times a month.", "six times a month", "P1M"),
        ("Dividends are paid annually.", "annually", "P1Y"),
        ("The index has risen for several years.", "several years", "PXY"),
    ],
)
def test_durations_and_sets(dates_of, sentence, text, value):
    rows, _ = dates_of(sentence)
    assert values(rows).get(text) == value, rows


def test_not_dates(dates_of):
    rows, _ = dates_of("The 2,000 troops and 1,998 tonnes of grain reached the port, a 6-year-old boy said.")
    assert not [r for r in rows if r["kind"] == "date"], rows
    rows, _ = dates_of("May I ask whether the march was peaceful?")
    assert rows == []


def test_no_story_date_leaves_relative_values_empty(dates_of):
    rows, _ = dates_of("Officials met last week and agreed to meet again in June 2018.", None)
    assert values(rows) == {"last week": None, "June 2018": "2018-06"}


def test_index_maps_tokens_to_values(dates_of, nlp):
    rows, index = dates_of("Russia exported oil in 2015 and will export more next year.")
    doc = index.tokens.doc
    i = next(t.i for t in doc if t.text == "2015")
    assert index.date_at(i) == "2015"
    assert index.mention_at(i).kind == "date"
    assert [m.value for m in index.in_sentence(0)] == ["2015", "2018"]
    assert all(r["sentence"] == 0 for r in rows)


def test_duration_values():
    assert duration_value(11, "Y") == "P11Y"
    assert duration_value(2.5, "Y") == "P30M"
    assert duration_value(1, "H") == "PT1H"
    assert duration_value(None, "Y") == "PXY"
    assert duration_value(2, "DE") == "P20Y"


def test_dateparser_fallback_is_cached():
    parse_with_dateparser.cache_clear()
    assert parse_with_dateparser("19 July 2012", "2017-05-03") == "2012-07-19"
    assert parse_with_dateparser("19 July 2012", "2017-05-03") == "2012-07-19"
    assert parse_with_dateparser.cache_info().hits == 1
