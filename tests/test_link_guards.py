"""Issue 20, session 10 (i20l): the guards of :mod:`pipeline.link.alias_guards` on actor rows of the 30,000-story run
(story and actor ids as the run gave them; ``link_actors`` with the real lexicons)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.link.alias_guards import _glued_person, abbreviates

from .test_link import _entities, _link, _link_frame


@pytest.mark.parametrize(
    "short, long",
    [("JPMorgan", "JPMorgan Chase & Co"), ("BofA", "Bank of America"), ("MBA", "Mortgage Bankers Association"),
     ("AmEx", "American Express"), ("Treasury", "U.S. Treasury"), ("Wal-Mart", "Wal Mart Stores"), ("GE", "General Electric Co")],
)
def test_a_name_written_from_another_abbreviates_it(short, long):
    assert abbreviates(short, long) and abbreviates(long, short)


@pytest.mark.parametrize("a, b", [("US Bancorp", "Fifth Third Bancorp"), ("FOCUS JP Morgan", "Morgan Stanley"), ("Big Blue", "IBM")])
def test_names_that_share_a_word_at_most_do_not_abbreviate_each_other(a, b):
    assert not abbreviates(a, b)


def test_an_alias_that_is_not_written_from_its_name_joins_nothing():
    """Two stories list banks and the extractor gives Fifth Third Bancorp the alias "U.S. Bancorp" (the words share
    "Bancorp" alone): U.S. Bancorp, another bank, stays its own entity (``unlike_alias``). Fifth Third's own mentions
    link as before."""
    linked = _link([
        ("79c6e2408986fb5d", "A5", "Fifth Third Bancorp", ["Bancorp", "U.S. Bancorp"], "USA"),
        ("6dcfa2b39b2b3452", "A28", "Fifth Third Bancorp", ["Bancorp", "U.S. Bancorp"], "USA"),
        ("e8dc558ea56c5874", "A4", "Fifth Third Bancorp", [], "USA"),
        ("52a05fdfb1c4d77e", "A9", "US Bancorp", [], "USA"),
        ("1cdd35f8faa117c4", "A7", "US Bancorp", [], "USA"),
    ])
    by_name = _entities(linked)
    assert len(by_name["Fifth Third Bancorp"]) == 1 and by_name["US Bancorp"].isdisjoint(by_name["Fifth Third Bancorp"])
    assert set(linked[linked["name"] == "US Bancorp"]["link_rule"]) == {"unlike_alias"}
    assert len(by_name["US Bancorp"]) == 1  # its two stories still one bank


def test_a_group_name_is_not_the_company_its_short_name_goes_to():
    """Hyundai Motor's stories call it "Hyundai", and a bare "Hyundai" joins it (``alias``); "Hyundai Group", the old
    business group (seed 28's E18), keys as itself (``group_apart``)."""
    linked = _link([
        ("4b42a752c306cf77", "A3", "Hyundai Motor", ["Hyundai"], "KOR"),
        ("3449bd662bf88d3c", "A2", "Hyundai Motor", ["Hyundai"], "KOR"),
        ("aca00ea88488f22c", "A1", "Hyundai Motor", [], "KOR"), ("581b10d9ae69b431", "A10", "Hyundai Motor", [], "KOR"),
        ("3ba3099a7ba712b9", "A9", "Hyundai", [], "KOR"),
        ("80618923b25d4929", "A14", "Hyundai Group", [], "KOR"),
        ("f64f67b43150b4a9", "A16", "Hyundai Group", [], "KOR"),
    ])
    by_name = _entities(linked)
    assert by_name["Hyundai"] == by_name["Hyundai Motor"]
    assert by_name["Hyundai Group"].isdisjoint(by_name["Hyundai Motor"]) and len(by_name["Hyundai Group"]) == 1
    assert set(linked[linked["name"] == "Hyundai Group"]["link_rule"]) == {"group_apart"}


def test_a_group_name_that_starts_the_companys_whole_name_is_that_company():
    """"Interpublic Group" is the Interpublic Group of Companies: its words, "Group" and all, start the name."""
    linked = _link([
        ("a1", "A1", "Interpublic Group of Companies Inc", ["Interpublic"], "USA"),
        ("a2", "A1", "Interpublic Group of Companies", ["Interpublic"], "USA"),
        ("a3", "A1", "Interpublic Group", [], "USA"),
    ])
    assert linked["entity_id"].nunique() == 1 and "group_apart" not in set(linked["link_rule"])


def test_a_firm_name_that_runs_into_a_persons_name_stays_in_its_story():
    """"Countrywide Chief Executive Angelo Mozilo" is the memo's sender, the person (seed 27's E7): it stays in its story
    (``glued_person``). A glued title alone ("Countrywide Chief Executive") is still the firm."""
    rows = [
        ("cc83adcd95aa589f", "A1", "Countrywide Financial Corp.", ["Countrywide"], "organization"),
        ("ceab6a04236c5049", "A1", "Countrywide Financial Corp.", ["Countrywide"], "organization"),
        ("cc83adcd95aa589f", "A15", "Angelo Mozilo", [], "person"),
        ("ceab6a04236c5049", "A9", "Angelo Mozilo", [], "person"),
        ("0913fd8f72a3a8c8", "A13", "Countrywide Chief Executive Angelo Mozilo", [], "organization"),
        ("e3b55e7364f8d42c", "A6", "Countrywide Chief Executive Angelo Mozilo", [], "organization"),
        ("49a8e844e6e8358f", "A3", "Countrywide Chief Executive", [], "organization"),
    ]
    frame = pd.DataFrame(rows, columns=["story_id", "actor_id", "name", "aliases", "kind"])
    linked = _link_frame(frame.assign(country="USA", country_source="knowledge", mentions=1))
    by_name = _entities(linked)
    glued = linked[linked["name"] == "Countrywide Chief Executive Angelo Mozilo"]
    assert set(glued["link_rule"]) == {"glued_person"} and glued["entity_id"].nunique() == 2
    assert by_name["Countrywide Chief Executive"] == by_name["Countrywide Financial Corp."]


def test_a_glued_title_without_a_known_person_is_no_person():
    people = {"angelo mozilo"}
    assert _glued_person("Countrywide Chief Executive Angelo Mozilo", people, frozenset({"chief"}))
    assert not _glued_person("Yale School of Management Chief Executive Leadership Institute", people, frozenset({"chief"}))
    assert not _glued_person("Countrywide Chief Angelo Mozilo", set(), frozenset({"chief"}))


def test_an_alias_between_companies_of_two_countries_joins_nothing():
    """Prudential Financial (USA), which its stories call "Prudential", is not Prudential plc (Britain), which the
    archive names "Prudential" alone: the stories place the two keys in two countries (``alias_country``)."""
    rows = [
        ("778e59f0265acd7f", "A3", "Prudential Financial Inc.", ["Prudential"], "USA"),
        ("4e9663c7bd1ac7e9", "A11", "Prudential Financial", ["Prudential"], "USA"),
        ("18717434747c6a03", "A2", "Prudential Financial", ["Prudential"], "USA"),
        ("53aa4783ff9e2316", "A1", "Prudential Financial Inc.", ["Prudential"], "USA"),
    ] + [(story, actor, "Prudential", [], "GBR") for story, actor in [
        ("38a8f68857ad4637", "A5"), ("59f50b8e666ae4e6", "A13"), ("c04fc9a18b6d4277", "A2"), ("8b92b2e49f175cab", "A4")]]
    by_name = _entities(linked := _link(rows))
    assert by_name["Prudential Financial"] == by_name["Prudential Financial Inc."]
    assert by_name["Prudential Financial"].isdisjoint(by_name["Prudential"])
    assert "alias_country" in set(linked["link_rule"])
    # Placed in one country, the alias joins them as before.
    same = _link([row[:4] + ("USA",) for row in rows])
    assert same["entity_id"].nunique() == 1
