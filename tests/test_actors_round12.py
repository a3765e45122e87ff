"""Round 12's lessons (issue 18): rules on real text, and on fixed parses where a rule reads the parse."""

from __future__ import annotations

from spacy.tokens import Doc

import pipeline
import pipeline.extract.spurious as spurious
from pipeline.extract.entities import EntityMention
from pipeline.extract.titles import ends_with_phrase, is_plural_title, title_head, title_text
from pipeline.nlp import get_nlp

from .conftest import actor_rows, cell


def test_a_city_qualified_by_its_state_gives_the_state_s_country():
    # "Chatham" alone is the town in Kent: the two wrong GBR codes of round 12's first contact.
    rows = actor_rows(
        'NEW YORK (Reuters) - "There\'s still a ton of fear," said Joe Saluzzi, co-manager of trading at Themis Trading '
        "in Chatham, New Jersey."
    )
    assert cell(rows["Themis Trading"], "country") == "USA"
    assert cell(rows["Joe Saluzzi"], "country") == "USA"
    assert cell(rows["Joe Saluzzi"], "title") == "co-manager"


def test_a_hyphenated_title_is_read_whole_and_its_plural_in_men():
    assert title_text(["co", "-", "manager"]) == "co-manager"
    assert title_head(["panel", "co", "-", "chairmen"]) == "co - chairmen"  # tokens, as the callers count them
    assert is_plural_title("co-chairmen") and is_plural_title("chairmen") and not is_plural_title("chairman")
    assert ends_with_phrase("co-manager", frozenset({"manager"}))
    rows = actor_rows(
        "WASHINGTON (Reuters) - The plan drafted by panel co-chairmen Erskine Bowles and Alan Simpson was unlikely to "
        "go to Congress."
    )
    assert cell(rows["Erskine Bowles"], "title") == "co-chairmen"
    assert title_head(["lead", "independent", "director"]) == "independent director"  # "lead" a modifier


def test_round_12_spurious_names_are_dropped():
    rows = actor_rows(
        "By Andrei Makhovsky and Dmitry Zhdannikov MINSK/MOSCOW Dec 27 (Reuters) - Russia warned Europe on Wednesday. "
        '"It would be a good chance," said Wachovia analyst Gary Liebowitz. "It is a profitable company," '
        "Liebowitzsaid. The plan drafted by Erskine Bowles and Alan Simpson won votes. The Bowles-Simpson plan "
        "cuts spending. The Amex airline index has tumbled 20 percent this year."
    )
    assert not {"Zhdannikov MINSK", "Liebowitzsaid", "Bowles-Simpson", "Amex"} & set(rows)
    assert {"Gary Liebowitz", "Erskine Bowles", "Alan Simpson"} <= set(rows)


def test_an_acronym_of_a_lower_case_phrase_is_no_organisation():
    rows = actor_rows(
        '"I think he wants to turn himself into a big OEM (original equipment manufacturer)," said Tim Urquhart, '
        "an analyst at IHS Global Insight. The International Monetary Fund (IMF) said growth would slow."
    )
    assert "OEM" not in rows
    assert "International Monetary Fund" in rows


def test_possessive_names_keep_their_s_and_cantonal_banks_are_swiss_firms():
    rows = actor_rows(
        "\"Airlines don't have hedges in place,\" said Standard & Poor's equity analyst Jim Corridore. "
        "ZURICH (Reuters) - Basler Kantonalbank and Zuercher Kantonalbank said they would hand over data."
    )
    assert "Standard & Poor's" in rows and "Standard & Poor" not in rows
    for bank in ("Basler Kantonalbank", "Zuercher Kantonalbank"):
        assert rows[bank]["kind"] == "organization"
        assert cell(rows[bank], "country") == "CHE"


def _mention(doc: Doc, start: int, end: int, label: str) -> EntityMention:
    return EntityMention(start, end, label, doc[start:end].text)


def test_a_capitalised_common_word_on_a_fixed_parse():
    vocab = get_nlp().vocab
    # "Bill rates fell ..." in a story of "bills": the word modifies a common noun.
    words = ["Bill", "rates", "fell", ".", "Treasury", "bills", "rose", "."]
    doc = Doc(vocab, words=words, heads=[1, 2, 2, 2, 5, 6, 6, 6], deps=["compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "punct"],
              sent_starts=[True, False, False, False, True, False, False, False])
    lowered = {t.lower_ for t in doc if t.is_lower}
    assert spurious._capitalised_common_word(doc, _mention(doc, 0, 1, "ORG"), lowered, frozenset())
    # "Parliament approved the bills": the subject is the parliament.
    doc = Doc(vocab, words=["Parliament", "approved", "parliament", "bills", "."], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "compound", "dobj", "punct"], sent_starts=[True, False, False, False, False])
    lowered = {t.lower_ for t in doc if t.is_lower}
    assert not spurious._capitalised_common_word(doc, _mention(doc, 0, 1, "ORG"), lowered, frozenset())
    # "Stung by the plunge": a participle opening a passive clause.
    doc = Doc(vocab, words=["Stung", "by", "the", "plunge", ",", "Magna", "bids", "."], heads=[6, 0, 3, 1, 6, 6, 6, 6],
              deps=["advcl", "agent", "det", "pobj", "punct", "nsubj", "ROOT", "punct"], sent_starts=[True] + [False] * 7)
    assert spurious._capitalised_common_word(doc, _mention(doc, 0, 1, "PERSON"), set(), frozenset())
    assert not spurious._capitalised_common_word(doc, _mention(doc, 5, 6, "ORG"), set(), frozenset())  # not sentence-first


def test_an_acronym_needs_its_lower_case_definition_in_brackets_on_a_fixed_parse():
    vocab = get_nlp().vocab
    words = ["LSE", "said", "large", "stock", "exchanges", "rose", "."]
    doc = Doc(vocab, words=words)
    assert not spurious._lowercase_acronym(doc, _mention(doc, 0, 1, "ORG"))  # initials anywhere are not enough
    doc = Doc(vocab, words=["CDS", "said", "credit", "default", "swaps", "(", "CDS", ")", "rose", "."])
    assert spurious._lowercase_acronym(doc, _mention(doc, 0, 1, "ORG"))


def test_a_place_in_the_description_after_a_firm_gives_its_country():
    rows = actor_rows(
        '"They will not pass it," said Steve McMillin, a partner at Hamilton Place Strategies, a Washington policy '
        "advisory firm. Zygmunt Corp, a Warsaw favourite of traders, rose."
    )
    assert cell(rows["Hamilton Place Strategies"], "country") == "USA"
    assert cell(rows["Zygmunt Corp"], "country") != "POL"  # no firm noun ends the description


def test_an_untitled_speaker_at_an_outside_market_firm_is_an_expert():
    text = (
        'MOSCOW (Reuters) - "We believe that Gazprom will have to be very flexible with its pricing policy," said '
        "Yelena Savchik from Renaissance Capital brokerage. Gazprom cut its proposal."
    )
    experts = pipeline.extract(text).experts
    assert list(experts["name"]) == ["Yelena Savchik"] and list(experts["rule"]) == ["untitled_market_firm"]
    # the firm the story is about speaks for itself: no expert
    text = (
        "NEW YORK (Reuters) - Acme Capital said on Tuesday its quarterly profit rose 20 percent on higher fees. "
        '"We had a good year," said John Roe of Acme Capital. Analysts had expected a smaller rise in earnings, and '
        "shares of Acme Capital rose 3 percent in afternoon trading on the New York Stock Exchange."
    )
    assert "John Roe" not in set(pipeline.extract(text).experts["name"])


def test_a_possessive_name_before_a_title_still_employs_the_person():
    rows = actor_rows('"Execution will be key," Moody\'s analyst Peter Nerby said in a note.')
    assert "Moody's" in rows
    assert cell(rows["Peter Nerby"], "affiliation") == "Moody"  # the pattern's employer, never the bare "'s"
    assert cell(rows["Peter Nerby"], "country") == "USA"
