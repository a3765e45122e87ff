"""Actors' countries (issue 18): every code given must be right, so weak or disagreeing evidence gives none.

Sentences from archive stories of the actor development rounds (round 8 and earlier), run
through the whole pipeline with the real model.
"""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline
import pipeline.extract.actor_countries as actor_countries


def _countries(text: str) -> dict[str, tuple[str | None, str | None]]:
    rows = pipeline.extract(text).actors.to_dict("records")
    return {r["name"]: (None if pd.isna(r["country"]) else r["country"], None if pd.isna(r["country_source"]) else r["country_source"]) for r in rows}


@pytest.mark.parametrize(
    "text, name",
    [
        # An international body is no country's, though the story places it in Brussels.
        ("BRUSSELS (Reuters) - Leaders of the European Union in Brussels agreed on Monday.", "European Union"),
        # "United Nations" is no unit of United Airlines (a known "United" before a unit word).
        ("MOSCOW (Reuters) - The United Nations welcomed the BRIC summit's statement.", "United Nations"),
        # A Toronto dateline does not make a body named after Boston Canadian.
        (
            "TORONTO (Reuters) - The deal suits TD, said Mark Williams, a risk-management expert at Boston University School of Management.",
            "Boston University School of Management",
        ),
        # "Plc" is British law, "Dutch" the name's own word: evidence that disagrees gives none.
        ("LONDON (Reuters) - Royal Dutch Shell Plc said on Thursday its profit rose.", "Royal Dutch Shell Plc"),
        # A small capital begins many names (Georgetown University, Victoria's Secret).
        ("NEW YORK (Reuters) - Victoria's Secret said on Monday its sales rose.", "Victoria's Secret"),
        # The national title's country is the one the sentence before names, not the dateline's.
        (
            "WASHINGTON (Reuters) - Equatorial Guinea stands out as its small population means oil cash could make an impact. "
            "President Teodoro Obiang Nguema has been in office since he overthrew his uncle in a coup in 1979.",
            "Teodoro Obiang Nguema",
        ),
        # The head of an international body takes no country from the national office the archive knows her in.
        (
            "NEW YORK (Reuters) - Stocks pared some of their gains after Christine Lagarde, the head of the International "
            "Monetary Fund, said the world economic outlook is quite gloomy.",
            "Christine Lagarde",
        ),
    ],
)
def test_weak_or_disagreeing_evidence_gives_no_country(text, name):
    assert _countries(text)[name] == (None, None)


@pytest.mark.parametrize(
    "text, name, country, source",
    [
        # A nationality the recogniser leaves as the person's "employer" is their country.
        (
            "BRUSSELS (Reuters) - But Slovak Prime Minister Iveta Radicova said after a meeting with EU President Herman Van Rompuy "
            "that Slovakia's parliament had to be consulted.",
            "Iveta Radicova",
            "SVK",
            "story",
        ),
        # A capital of 400,000 people that begins a name is its city's.
        ("ATHENS (Reuters) - The Athens Stock Exchange fell 2 percent on Monday.", "Athens Stock Exchange", "GRC", "name"),
        # A seat of government named alone is its country's government (a capital is not: "Stanley"
        # is also Morgan Stanley's short name).
        ("MOSCOW (Reuters) - In the run-up to the summit, the Kremlin said reserve currencies would be discussed.", "Kremlin", "RUS", "name"),
        # A title that names a story's office gives the office's country.
        (
            "BEIJING (Reuters) - The Commerce Ministry has not received the application. Yao Jian, a Commerce Ministry spokesman, "
            "told reporters in June that overseas acquisitions by Chinese firms were rational.",
            "Yao Jian",
            "CHN",
            "affiliation",
        ),
        # Initials closed up as the archive writes the firm: "JPMorgan Chase".
        ("NEW YORK (Reuters) - J.P. Morgan Chase & Co. said it would buy the unit.", "J.P. Morgan Chase & Co.", "USA", "knowledge"),
        # A possessive's lost apostrophe: the archive knows "McDonald's".
        (
            "CHICAGO (Reuters) - Chicken demand got a boost when McDonalds Inc brought back its Chicken McNuggets.",
            "McDonalds Inc",
            "USA",
            "knowledge",
        ),
        # Round 10: a firm's national unit named after its country ("Deloitte Canada"), not a city's.
        (
            'TORONTO (Reuters) - "That\'s never publicized," said Duncan Stewart, Deloitte Canada\'s director of research.',
            "Deloitte Canada",
            "CAN",
            "name",
        ),
        # The archive knows General Motors as "GM", which the story writes too.
        ("DETROIT (Reuters) - General Motors Co said sales fell. GM shares rose 2 percent.", "General Motors Co", "USA", "knowledge"),
        # Round 10: the name in apposition to a described firm ("phone company, Telus Corp").
        (
            "TORONTO (Reuters) - Robert McFarlane, who is chief financial officer of Canada's No. 2 phone company, "
            "Telus Corp, said countries that ban the service risk becoming a backwater.",
            "Telus Corp",
            "CAN",
            "story",
        ),
    ],
)
def test_the_story_s_own_evidence_gives_the_country(text, name, country, source):
    assert _countries(text)[name] == (country, source)


def test_a_legal_form_gives_way_to_a_nationality_in_the_name():
    assert actor_countries._unless_named_otherwise("Royal Dutch Shell Plc", "GBR") is None
    assert actor_countries._unless_named_otherwise("Siam Cement Pcl", "THA") == "THA"
    assert actor_countries._unless_named_otherwise("Thai Airways International Pcl", "THA") == "THA"


def test_initials_the_story_never_writes_say_nothing():
    assert actor_countries.initials_country("Hewlett-Packard Co", "Hewlett-Packard Co and HP said on Monday.") == "USA"
    assert actor_countries.initials_country("General Motors Co", "General Motors Co said sales fell. Its shares rose.") is None
    assert actor_countries.initials_country("Renault", "Renault said RE sales fell.") is None  # one word has no initials
