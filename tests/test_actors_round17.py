"""Rounds 16 and 17's lessons (issue 18, session 11, i18m): codes left empty.

Rules: ``party_country`` (a national party's country, ``models/gazetteer/national_parties.json``),
``party_org`` (a party the tagger calls a group of people is an organisation), ``possessive_party``
("Merkel's CDU": the person's party) and ``home_firm`` (a firm no evidence places, in a story whose
dateline and every place named lie in one country, is that country's), ``and_bodies`` (two bodies the
model read as one name) and ``org_ticker_title_name`` ("Coca-Cola Co ( KO.N ) Chief Executive Muhtar Kent").
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.extract.actors import Actor
from pipeline.extract.parties import give_party_affiliations, party_country

from .conftest import actor_rows, cell

VOCAB = spacy.blank("en").vocab


def test_a_party_of_one_country_gives_it_and_a_shared_name_takes_the_dateline():
    assert party_country(("CDU",), None, set()) == ("DEU", "knowledge")
    assert party_country(("the Social Democrats",), "DEU", {"DEU", "FRA"}) == ("DEU", "dateline")
    assert party_country(("Greens",), "USA", {"USA", "DEU"}) == ("DEU", "story")
    # Two of the story's countries have Greens, the dateline's none: no code rather than a guess.
    assert party_country(("Greens",), "USA", {"USA", "DEU", "FRA"}) == (None, "")
    assert party_country(("Emnid",), "DEU", {"DEU"}) == (None, "")


def test_german_parties_and_their_people_take_germany():
    rows = actor_rows(
        "BERLIN (Reuters) - Annegret Kramp-Karrenbauer, a senior figure in the Christian Democratic Union (CDU), "
        "backed a higher tax rate. The Social Democrats (SPD) want 49 percent, while the Greens say that rate "
        "should apply to incomes above 80,000. Otto Fricke, a budget expert for the FDP, rejected it."
    )
    assert cell(rows["Christian Democratic Union"], "country") == "DEU"
    assert cell(rows["Greens"], "kind") == "organization"  # party_org
    assert cell(rows["Greens"], "country") == "DEU"
    assert cell(rows["Social Democrats"], "country") == "DEU"  # a name several countries' parties share: the dateline's
    assert cell(rows["Otto Fricke"], "affiliation") == "FDP"
    assert cell(rows["Otto Fricke"], "country") == "DEU"  # by his party


def test_an_analyst_s_firm_in_a_one_country_story_takes_the_dateline():
    text = (
        "NEW YORK (Reuters) - Wal-Mart Stores Inc said profit rose as discounts drew U.S. shoppers. "
        "Telsey Advisory Group analyst Joseph Feldman said it made sense to issue a conservative forecast."
    )
    rows = actor_rows(text)
    assert cell(rows["Telsey Advisory Group"], "country") == "USA"
    assert cell(rows["Telsey Advisory Group"], "country_source") == "dateline"
    assert cell(rows["Joseph Feldman"], "country") == "USA"


def test_a_story_naming_another_country_gives_the_firm_no_dateline_code():
    rows = actor_rows(
        "NEW YORK (Reuters) - Wal-Mart Stores Inc said sales in Canada rose. "
        "Telsey Advisory Group analyst Joseph Feldman said it made sense to issue a conservative forecast."
    )
    assert cell(rows["Telsey Advisory Group"], "country") is None
    assert cell(rows["Joseph Feldman"], "country") is None


def test_possessive_party_on_a_fixed_parse():
    words = ["Merkel", "'s", "CDU", "has", "denounced", "the", "opposition", "."]
    doc = Doc(VOCAB, words=words, tags=["NNP", "POS", "NNP", "VBZ", "VBN", "DT", "NN", "."])
    merkel = Actor("Angela Merkel", "person", (0, 1), mentions=[(0, 1)])
    cdu = Actor("Christian Democratic Union", "organization", (2, 3), aliases=["CDU"], mentions=[(2, 3)])
    give_party_affiliations(doc, [merkel, cdu])
    assert (merkel.affiliation, merkel.affiliation_rule) == ("Christian Democratic Union", "possessive_party")
    # A firm after a possessive is no party: "Merkel's Siemens" gives nothing.
    other = Actor("Angela Merkel", "person", (0, 1), mentions=[(0, 1)])
    give_party_affiliations(doc, [other, Actor("Siemens", "organization", (2, 3), mentions=[(2, 3)])])
    assert other.affiliation is None


def test_two_bodies_joined_by_and_are_split():
    rows = actor_rows(
        'LONDON (Reuters) - "It seems there might be a threshold," said Dr Marianna Virtanen, an epidemiologist at '
        "the Finnish Institute of Occupational Health and University College London."
    )
    assert "University College London" in rows  # and_bodies: the place the model left out is given back
    assert cell(rows["University College London"], "country") == "GBR"
    assert any("Finnish Institute of Occupational Health" in (cell(r, "aliases") or []) or n == "Finnish Institute of Occupational Health"
               for n, r in rows.items())


def test_one_body_with_and_in_its_name_stays_one():
    rows = actor_rows(
        "WASHINGTON (Reuters) - The House Energy and Commerce Committee and the Securities Industry and Financial "
        "Markets Association said on Monday they would study the rules."
    )
    assert "House Energy" not in rows and "Securities Industry" not in rows


def test_an_employer_s_stock_code_between_it_and_the_title():
    rows = actor_rows(
        'NEW YORK (Reuters) - "There is no question," Coca-Cola Co ( KO.N ) Chief Executive Muhtar Kent told '
        'Reuters. "Demand was weak," Whirlpool ( WHR.N ) CEO Jeff Fettig told analysts on Thursday.'
    )
    assert cell(rows["Muhtar Kent"], "affiliation") == "Coca-Cola Co"
    assert cell(rows["Muhtar Kent"], "affiliation_rule") == "org_ticker_title_name"
    assert cell(rows["Jeff Fettig"], "affiliation") == "Whirlpool"
