"""Issue 20, session 11 (i20o): ``own_long_form`` and ``shared_tail`` (:mod:`pipeline.link.tails`) on actor rows of the
30,000-story run (story and actor ids as the run gave them; ``link_actors`` with the real lexicons and spaCy's tables)."""

from __future__ import annotations

import pytest

from pipeline.link.tails import long_form, shared_tails

from .test_link import _link

# Seed 29's blind check (entity 30): one "airways" key held British Airways, US Airways and MAXJet, all cut by the
# extractor before "Airways" ("British" read as a nationality, "US" as a country).
AIRWAYS = [
    ("f693c2880c4dc427", "A1", "Airways", ["British Airways"], "GBR", None, None, "BAY.L"),
    ("153e1f10989626fa", "A1", "Airways Plc", ["British Airways Plc", "Airways", "British Airways"], "GBR", None, None, "BAY.L"),
    ("f22b5be3b3e013fb", "A2", "Airways Group", ["US Airways Group"], "USA"),
    ("6b6496f317c76049", "A5", "Airways Group Inc", ["US Airways Group Inc"], "USA"),
    ("c7db290de76939d9", "A1", "Airways Inc", [], "GBR", None, None, "MAXJ.L"),
    ("a1f0c5e0b6e1d001", "A3", "Qantas Airways Ltd", [], "AUS"),
    ("a1f0c5e0b6e1d002", "A2", "Qantas Airways", [], "AUS"),
]


def test_a_shared_last_word_is_cut_from_the_name_each_story_writes():
    linked = _link(AIRWAYS).set_index("name")
    british, us = linked.loc["Airways", "entity_id"], linked.loc["Airways Group", "entity_id"]
    assert linked.loc["Airways Plc", "entity_id"] == british and linked.loc["Airways Group Inc", "entity_id"] == us
    assert british != us
    assert set(linked.loc[["Airways", "Airways Plc", "Airways Group", "Airways Group Inc"], "link_rule"]) == {"own_long_form"}
    # MAXJet's "Airways Inc": its story writes no longer name, so it joins no airline.
    assert linked.loc["Airways Inc", "entity_id"] not in {british, us} and linked.loc["Airways Inc", "link_rule"] == "shared_tail"
    assert linked.loc["Qantas Airways", "entity_id"] == linked.loc["Qantas Airways Ltd", "entity_id"] not in {british, us}


def test_without_several_longer_names_the_word_keeps_its_key():
    """Two airlines end in "Airways" here (Qantas is left out): no shared word, the one key stays as before."""
    linked = _link(AIRWAYS[:5])
    assert linked["entity_id"].nunique() == 1 and "own_long_form" not in set(linked["link_rule"])


def test_the_shared_words_are_ordinary_words_ending_several_names():
    keyed = [("British Airways", 2), ("US Airways Group", 3), ("Qantas Airways", 2), ("Airways", 5), ("JetBlue Airways", 1),
             ("U.S. Chrysler", 2), ("Daimler Chrysler", 2), ("GM Chrysler", 2), ("Chrysler", 9)]
    tails = shared_tails(keyed)
    assert tails == {"airways": {"britishairways", "usairways", "qantasairways"}}  # "jetblueairways": one story


@pytest.mark.parametrize(
    "name, aliases, expected",
    [("Airways", ["British Airways"], "britishairways"),
     ("Airways Group Inc.'s", ["US Airways Group Inc.'s"], "usairways"),  # a possessive after the name is the name's
     ("Airways", ["Britain's Airways"], None),  # a possessive before it: a description
     ("Airways", ["national carrier Airways"], None),  # a front word in lower case: a description
     ("Airways Group Inc", ["US Airways Group Inc", "British Airways Plc"], None),  # two longer names: which?
     ("Airways", ["Iraqi Airways"], None)],  # a longer name no other story's actor carries
)
def test_the_long_form_is_a_known_name_the_actor_itself_gives(name, aliases, expected):
    assert long_form(name, aliases, {"britishairways", "usairways", "qantasairways"}) == expected
