"""Offsets round-trip: every row's start/end indexes the raw text as read.

The pipeline unwraps hard-wrapped copy before parsing; these property tests
wrap real story text at random widths and in random layouts and check that
``raw[start:end]`` reproduces each row's surface, whitespace aside.
"""

from __future__ import annotations

import re
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.ingest.formats import parse_story
from pipeline.ingest.text import unwrap

from .conftest import SEED_STORY

# The column holding each table's surface text (tables without start/end are not listed).
SURFACE = {"actors": "text", "places": "text", "quantities": "text", "dates": "text", "routes": "text", "claims": "content"}
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub("", text)


def _seed_paragraphs() -> list[str]:
    story = parse_story(SEED_STORY.read_text(encoding="utf-8"), "seed")
    return story.text.split("\n\n")[1:]  # without the dateline paragraph


PARAGRAPHS = _seed_paragraphs()
# A layout starts at a paragraph of prose: a heading alone ("LOYAL PARTNER") has no rows to check.
PROSE_STARTS = [i for i, p in enumerate(PARAGRAPHS[:-2]) if not p.isupper()]


@st.composite
def wrapped_stories(draw) -> str:
    first = draw(st.sampled_from(PROSE_STARTS))
    count = draw(st.integers(1, 3))
    paragraphs = PARAGRAPHS[first : first + count]
    width = draw(st.integers(24, 90))
    hyphens = draw(st.booleans())
    blank_lines = draw(st.booleans())
    trailing = draw(st.sampled_from(["", " ", "  "]))
    indent = draw(st.sampled_from(["", " ", "  "]))
    header = draw(st.sampled_from(["", " date 2017-05-03 By A Writer\n| SEOUL\n"]))
    wrapped = [
        "\n".join(indent + line + trailing for line in textwrap.wrap(p, width=width, break_on_hyphens=hyphens, break_long_words=False))
        for p in paragraphs
    ]
    return header + ("\n\n" if blank_lines else "\n").join(wrapped) + "\n"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrapped_stories())
def test_rows_round_trip_to_raw_text(raw: str) -> None:
    tables = pipeline.extract(raw)
    assert tables.stories["status"].tolist() == ["ok"]
    checked = 0
    for name, column in SURFACE.items():
        for row in tables[name].to_dict("records"):
            start, end = row["start"], row["end"]
            assert 0 <= start < end <= len(raw), (name, row)
            assert _squash(raw[start:end]) == _squash(row[column]), (name, raw[start:end], row[column])
            checked += 1
    assert checked > 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P")), min_size=1, max_size=12),
            st.sampled_from([" ", "\n", "  ", " \n", "\n\n", "-\n", "\n \n"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_unwrap_maps_every_clean_span_back(pieces) -> None:
    raw = "".join(word + sep for word, sep in pieces)
    clean = unwrap(raw)
    # Every non-space character of the clean text is a copy of the raw character it maps to.
    for i, ch in enumerate(clean.text):
        if not ch.isspace():
            assert raw[clean.raw_offset(i)] == ch
    # Any clean span maps to a raw span with the same non-space characters.
    words = [m.span() for m in re.finditer(r"\S+", clean.text)]
    for a in range(len(words)):
        for b in range(a, min(a + 3, len(words))):
            start, end = words[a][0], words[b][1]
            raw_start, raw_end = clean.raw_span(start, end)
            assert _squash(raw[raw_start:raw_end]) == _squash(clean.text[start:end])


def test_seed_offsets_index_the_raw_file(seed_tables, seed_text) -> None:
    kim = seed_tables.actors[seed_tables.actors["name"] == "Kim Jong Un"].iloc[0]
    assert seed_text[kim["start"] : kim["end"]] == "Kim Jong Un"
    # A name broken by a line wrap is one mention; its raw span holds the newline.
    petrov = seed_tables.actors[seed_tables.actors["name"] == "Leonid Petrov"].iloc[0]
    assert seed_text[petrov["start"] : petrov["end"]] == "Leonid\nPetrov"
