"""Round 13's lessons (issue 18): rules on real text, and on fixed parses where a rule reads the tokens."""

from __future__ import annotations

from spacy.tokens import Doc

import pipeline
from pipeline.extract.country_rules import comma_title_start, international_unit
from pipeline.extract.entities import EntityMention, _index_name
from pipeline.nlp import get_nlp

from .conftest import actor_rows, cell


def test_a_former_office_names_its_body_not_a_former_one():
    # A London dateline had made "Former Federal Reserve" a British body, and Greenspan British.
    rows = actor_rows("LONDON (Reuters) - Former Federal Reserve Chairman Alan Greenspan said on Sunday the peg hurt the Gulf.")
    assert "Former Federal Reserve" not in rows
    assert cell(rows["Alan Greenspan"], "affiliation") == "Federal Reserve"
    assert cell(rows["Alan Greenspan"], "country") == "USA"


def test_an_index_is_no_actor_but_a_broker_named_like_one_is():
    rows = actor_rows(
        "HONG KONG (Reuters) - The Hang Seng Index fell 2 percent and the Shanghai Composite Index rose, "
        "said Tom Lee of City Index."
    )
    assert not {"Hang Seng Index", "Shanghai Composite Index"} & set(rows)
    assert cell(rows["Tom Lee"], "affiliation") == "City Index"


def test_an_international_body_s_unit_has_no_country_whatever_the_dateline():
    rows = actor_rows(
        "FRANKFURT (Reuters) - The ECB Governing Council left rates unchanged. The Commonwealth Bank of Australia rose."
    )
    assert cell(rows["ECB Governing Council"], "country") is None
    assert cell(rows["Commonwealth Bank of Australia"], "country") == "AUS"  # a body's name alone opens no unit
    bodies = frozenset({"ecb", "un", "commonwealth"})
    assert international_unit("ECB Executive Board", bodies) and international_unit("UN Security Council", bodies)
    assert not international_unit("Commonwealth Bank", bodies) and not international_unit("ECB", bodies)


def test_a_title_before_a_name_between_commas_and_the_sending_country():
    rows = actor_rows(
        'LONDON (Reuters) - "Exxon has a lesson to learn," Venezuela\'s Ambassador to Britain, Samuel Moncada, said outside the court.'
    )
    assert cell(rows["Samuel Moncada"], "title") == "Ambassador"
    assert cell(rows["Samuel Moncada"], "country") == "VEN"  # never GBR, the country it is sent to


def test_a_title_before_a_comma_on_a_fixed_parse():
    vocab = get_nlp().vocab
    words = ["Venezuela", "'s", "Ambassador", "to", "Britain", ",", "Samuel", "Moncada", ",", "said", "."]
    doc = Doc(vocab, words=words)
    britain = EntityMention(4, 5, "GPE", "Britain")
    assert comma_title_start(doc, 6, 8, {4: britain}) == 3  # the title ends before "to Britain"
    assert comma_title_start(doc, 6, 8, {}) == 5  # no place: the title runs to the comma
    assert comma_title_start(doc, 6, 9, {}) is None  # no comma after the name


def test_a_nationality_before_a_tycoon_gives_the_country():
    rows = actor_rows("BUENOS AIRES (Reuters) - Bridas was owned by the family of Argentine tycoon Carlos Bulgheroni until March.")
    assert cell(rows["Carlos Bulgheroni"], "title") == "tycoon"
    assert cell(rows["Carlos Bulgheroni"], "country") == "ARG"


def test_an_index_name_on_fixed_tokens():
    vocab = get_nlp().vocab
    doc = Doc(vocab, words=["the", "Hang", "Seng", "Index", "fell", "said", "Lee", "of", "City", "Index"])
    assert _index_name(doc, EntityMention(1, 4, "ORG", "Hang Seng Index"))
    assert not _index_name(doc, EntityMention(8, 10, "ORG", "City Index"))  # "of City Index": an employer
    assert not _index_name(doc, EntityMention(3, 4, "ORG", "Index"))  # one word


def test_a_trader_at_a_named_firm_is_an_expert():
    text = (
        "AMSTERDAM (Reuters) - Ahold shares fell 3 percent. \"Investors could appreciate this, as some have been "
        'pressing for change," Delta Lloyd trader Lex Bouwmeester said.'
    )
    experts = pipeline.extract(text).experts
    assert "Lex Bouwmeester" in set(experts["name"])
