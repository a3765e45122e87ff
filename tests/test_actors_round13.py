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
    # a plural before the comma is an audience, not a title (read on the sample: he had become an organisation)
    rows = actor_rows("PEORIA (Reuters) - During a presentation to analysts, Jim Owens, the company's chief executive, said so.")
    assert rows["Jim Owens"]["kind"] == "person"


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


def test_an_oil_and_gas_firm_s_nationality_reads_through_the_and():
    rows = actor_rows(
        "BEIJING (Reuters) - Sinopec was named as eyeing an asset sale by Brazilian oil and gas start-up OGX SA. "
        "BP agreed to sell its stake in Argentina-based oil and gas group Pan American Energy (PAE) to Bridas Corp. "
        "Germany's Siemens and Alstom rose."
    )
    assert cell(rows["OGX SA"], "country") == "BRA"
    assert cell(rows["Pan American Energy"], "country") == "ARG"
    assert cell(rows["Alstom"], "country") != "DEU"  # an "and" between names is no modifier


def test_coordinated_modifiers_on_a_fixed_parse():
    from pipeline.extract.country_rules import coordinated_modifier

    vocab = get_nlp().vocab
    words = ["by", "Brazilian", "oil", "and", "gas", "start", "-", "up", "OGX", "SA"]
    pos = ["ADP", "ADJ", "NOUN", "CCONJ", "NOUN", "VERB", "PUNCT", "ADP", "PROPN", "PROPN"]
    spaces = [True, True, True, True, True, False, False, True, True, False]
    doc = Doc(vocab, words=words, pos=pos, spaces=spaces)
    assert coordinated_modifier(doc, 3)  # "oil and gas"
    assert coordinated_modifier(doc, 5) and coordinated_modifier(doc, 7)  # "start-up", glued by its hyphen
    doc = Doc(vocab, words=["Siemens", "and", "Alstom", "rose"], pos=["PROPN", "CCONJ", "PROPN", "VERB"])
    assert not coordinated_modifier(doc, 1)
    # "Switzerland's Italian-speaking Ticino region": a language, never Italy (read on 500 sample stories)
    doc = Doc(vocab, words=["Italian", "-", "speaking", "Ticino"], tags=["JJ", "HYPH", "VBG", "NNP"], spaces=[False, False, True, False])
    assert not coordinated_modifier(doc, 2)
    doc = Doc(vocab, words=["policy", "-", "setting", "Committee"], tags=["NN", "HYPH", "VBG", "NNP"], spaces=[False, False, True, False])
    assert coordinated_modifier(doc, 2)
    rows = actor_rows("ZURICH (Reuters) - Ermotti, a 51-year-old from Switzerland's Italian-speaking Ticino region, was named CEO.")
    assert all(cell(r, "country") != "ITA" for r in rows.values())


def test_a_nation_s_court_and_its_judge_take_the_dateline():
    rows = actor_rows("LONDON (Reuters) - Judge Paul Walker of the High Court ordered Exxon to pay costs.")
    assert cell(rows["High Court"], "country") == "GBR"
    assert cell(rows["Paul Walker"], "country") == "GBR"


def test_words_after_the_employer_s_name_describe_it_and_make_an_expert():
    text = (
        "BERLIN (Reuters) - German consumer sentiment fell. \"The news that the euro zone will remain in recession is "
        'curbing optimism," said Rolf Buerkl of GfK market research group that published the data.'
    )
    result = pipeline.extract(text)
    rows = {r["name"]: r for r in result.actors.to_dict("records")}
    assert rows["Rolf Buerkl"]["affiliation"] == "GfK"
    assert rows["Rolf Buerkl"]["affiliation_description"] == "market research group"
    assert "Rolf Buerkl" in set(result.experts["name"])


def test_a_surname_without_its_article_a_storm_and_a_body_s_head_alone_are_no_new_actors():
    rows = actor_rows(
        "RIYADH (Reuters) - Floating the riyal would not be appropriate, Saudi Central Bank Governor Hamad Saud "
        'al-Sayyari told Arabiya Television. "Floating is beneficial when the economy is diverse," Sayyari said. '
        "The European Commission will rule on the deal. \"Concerns remain a key focus of the Commission,\" a source "
        "said. Deutsche Boerse AG offered remedies and Boerse shares fell as Hurricane Irene neared."
    )
    assert not {"Sayyari", "Commission", "Irene", "Boerse"} & set(rows)
    assert {"Hamad Saud al-Sayyari", "European Commission", "Deutsche Boerse AG"} <= set(rows)


def test_an_owned_body_takes_no_dateline_on_a_fixed_parse():
    from pipeline.extract.country_rules import owned_phrase

    vocab = get_nlp().vocab
    words = ["The", "ECB", "'s", "six", "-", "member", "Executive", "Board", "and", "larger", "Governing", "Council", "decide"]
    heads = [1, 7, 1, 5, 5, 7, 7, 12, 7, 11, 11, 7, 12]
    deps = ["det", "poss", "case", "nummod", "punct", "compound", "compound", "nsubj", "cc", "amod", "compound", "conj", "ROOT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    bodies = frozenset({"ecb"})
    assert owned_phrase(doc, 8, bodies) and owned_phrase(doc, 12, bodies)  # the board, and the council coordinated with it
    doc = Doc(vocab, words=["The", "Senate", "Banking", "Committee", "voted"], heads=[3, 3, 3, 4, 4], deps=["det", "compound", "compound", "nsubj", "ROOT"])
    assert not owned_phrase(doc, 4, bodies)
    doc = Doc(vocab, words=["the", "Fed", "'s", "policy", "-", "setting", "Federal", "Open", "Market", "Committee"],
              heads=[1, 9, 1, 5, 5, 9, 9, 9, 9, 9], deps=["det", "poss", "case", "npadvmod", "punct", "amod", "compound", "compound", "compound", "ROOT"])
    assert not owned_phrase(doc, 10, bodies)  # a national owner: the dateline keeps its say
    rows = actor_rows("BERLIN (Reuters) - The ECB's six-member Executive Board and larger Governing Council decide on interest rates.")
    assert cell(rows["Governing Council"], "country") is None
