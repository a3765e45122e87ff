"""Round 11's lessons (issue 18): rules on real text, and on fixed parses where a rule reads words only."""

from __future__ import annotations

from spacy.tokens import Doc

import pipeline
import pipeline.extract.actor_countries as actor_countries
import pipeline.extract.affiliations as affiliations
from pipeline.nlp import get_nlp

from .conftest import actor_rows, cell


def test_a_translated_city_name_of_several_words_gives_no_country():
    # "White House" is an alternate name of Casablanca in GeoNames: it had made two US actors Moroccan.
    assert actor_countries._big_city_country("White House") is None
    assert actor_countries._big_city_country("Big Apple") is None
    assert actor_countries._big_city_country("Bombay") == "IND"  # a one-word old name stays
    assert actor_countries._big_city_country("New York") == "USA"
    assert actor_countries._big_city_country("Sao Paulo") == "BRA"  # its own name, accents aside
    rows = actor_rows(
        "WASHINGTON (Reuters) - Obama could turn to Christina Romer, the head of the White House Council of Economic "
        "Advisers, to fill the post."
    )
    assert cell(rows["White House Council of Economic Advisers"], "country") in (None, "USA")


def test_subhead_ends_initials_and_title_words_are_no_actors():
    rows = actor_rows(
        "The Nasdaq advanced 2.8 percent. INFLATION DATA IN FOCUS Looking ahead, the calendar boasts two reads on inflation. "
        "They named the species Halieutichthys intermedius and H. bispinosus. "
        '"We are prepared," Chief Financial Officer Keith Sherin said in an interview.'
    )
    assert not {"FOCUS Looking", "H.", "H. bispinosus", "Financial"} & set(rows)
    assert cell(rows["Keith Sherin"], "affiliation") is None
    assert cell(rows["Keith Sherin"], "title") == "Chief Financial Officer"


def test_a_title_around_the_employer_words_leaves_no_employer_on_a_fixed_parse():
    words = ["said", "Chief", "Financial", "Officer", "Keith", "Sherin", "."]
    doc = Doc(get_nlp().vocab, words=words)
    assert affiliations._inside_longer_title(doc, 2, 2)  # "Financial" is inside "Chief Financial Officer"
    doc = Doc(get_nlp().vocab, words=["said", "Acme", "Chief", "Executive", "Jane", "Roe", "."])
    assert not affiliations._inside_longer_title(doc, 1, 1)  # "Acme" begins no title


def test_round_11_shapes_give_the_employer():
    rows = actor_rows(
        '"What is important here," said former Fed economist Julia Coronado, now with BNP Paribas. '
        "But Landsbanki Kepler analyst Denise Anderson said full-year guidance remained modest."
    )
    assert rows["Julia Coronado"]["affiliation"] == "BNP Paribas"
    assert rows["Denise Anderson"]["affiliation"] == "Landsbanki Kepler"
    assert rows["Landsbanki Kepler"]["kind"] == "organization"


def test_a_regional_bank_named_after_its_city_is_one_organisation():
    rows = actor_rows(
        "WASHINGTON (Reuters) - Kohn began his career at the Kansas City Federal Reserve Bank in 1970. "
        "San Francisco Federal Reserve Bank President Janet Yellen is seen as a candidate. "
        "The former Clinton administration official is a lawyer."
    )
    assert {"Kansas City Federal Reserve Bank", "San Francisco Federal Reserve Bank", "Clinton administration"} <= set(rows)
    assert not {"Kansas City", "San Francisco", "Clinton"} & set(rows)


def test_a_bare_house_joins_the_house_of_representatives_not_the_white_house():
    rows = actor_rows(
        "WASHINGTON (Reuters) - The bill passed by the House of Representatives on Wednesday goes to the Senate. "
        "Democratic leaders in the House and Senate met. The White House welcomed the vote."
    )
    assert "House" not in rows and "House" in rows["House of Representatives"]["aliases"]


def test_a_market_director_named_by_his_firm_s_possessive_and_a_museum_researcher_are_experts():
    text = (
        '"CPI and PPI are taking on more importance," said Paul Nolte, director of investments at Hinsdale Associates, '
        'in Hinsdale Illinois. "The banking environment is weak," said Hinsdale\'s Nolte. '
        '"One of the fishes is restricted to the spill area," John Sparks of the American Museum of Natural History in '
        "New York said in a statement."
    )
    experts = set(pipeline.extract(text).experts["name"])
    assert {"Paul Nolte", "John Sparks"} <= experts
