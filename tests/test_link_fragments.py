"""Issue 20, session 10 (i20m): ``place_words`` (:mod:`pipeline.link.fragments`) on actor rows of the 30,000-story
run (story and actor ids as the run gave them; ``link_actors`` with the real lexicons)."""

from __future__ import annotations

import pytest

from pipeline.link.fragments import is_place_words

from .test_link import _entities, _link


@pytest.mark.parametrize(
    "name",
    ["America Corp", "AMERICA CORP", "America Chief Information", "Anglo-Dutch", "Anglo-Dutch company", "Sons Co.",
     "SONS INC", "Scotland Plc", "South Korea", "Kuwaiti", "U.S.-China"],
)
def test_place_and_filler_words_alone_name_no_one_actor(name):
    assert is_place_words(name)


@pytest.mark.parametrize(
    "name", ["Bank of America Corp", "Japan Tobacco Inc.", "Singapore Airlines", "US Airways", "Union Pacific", "Swiss Re",
             "R.R. Donnelley & Sons Co.", "Royal Bank of Scotland Plc", "United States Steel"],
)
def test_a_name_with_another_word_is_a_name(name):
    assert not is_place_words(name)


def test_fragments_of_several_names_stay_in_their_stories():
    """Seed 27's E9 joined Bank of America's cut "America Corp" with Alcoa North America's "America Chief Information"
    and an "America Inc"; its E12 three firms' "& Sons" tails. Each actor is now its own (``place_words``)."""
    rows = [
        ("a9a52fd1cf6cf9f7", "A11", "America Corp.", [], "USA"), ("57355abc977c078a", "A2", "America Corp", [], "USA"),
        ("c3f3cd4088d3e4f1", "A24", "America Chief Information", [], "USA"), ("0eb76177f6b2fd5d", "A33", "America Inc", [], "USA"),
        ("e4b9644a0af01edb", "A2", "Sons Co.", [], None), ("950c59813b950436", "A5", "SONS INC", [], None),
        ("68133e0fb48b2d1e", "A11", "Sons Ltd.", [], None),
        ("84edcd00808ea41e", "A2", "Anglo-Dutch", [], None), ("33a902a89cbdeed5", "A19", "Anglo-Dutch company", [], None),
    ]
    linked = _link(rows)
    assert linked["entity_id"].nunique() == len(rows)
    assert set(linked["link_rule"]) == {"place_words"}


def test_a_listed_company_of_place_words_keeps_its_entity():
    """Anglo American Plc (AAL.L) is named by two nationality words: a ticker of its key makes it a company."""
    linked = _link([
        ("e501cbb26bc69194", "A6", "Anglo American", [], "GBR", None, None, "AAL.L"),
        ("5a47ddb6be8c13a2", "A10", "Anglo American Plc", [], "GBR", None, None, "AAL.L"),
        ("aa5ab705ad176c20", "A6", "Anglo American Plc", [], "GBR"),
    ])
    assert linked["entity_id"].nunique() == 1 and set(linked["link_rule"]) == {"org_normalised"}
    assert len(_entities(linked)["Anglo American Plc"]) == 1
