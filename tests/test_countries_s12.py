"""Session 12 (issue 18, round 19): country codes left empty. Each rule on real text with the real
model, its contrast (where it must stay silent), and a fixed parse where the rule reads the parse."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.extract.actor_countries import country_of_text
from pipeline.extract.country_rules import bracketed_place, owned_mention

from .conftest import actor_rows, cell

VOCAB = spacy.blank("en").vocab


def _code(rows: dict[str, dict], name: str) -> tuple[str | None, str | None]:
    return cell(rows[name], "country"), cell(rows[name], "country_source")


# --- dated_possessive ------------------------------------------------------------------


def test_a_day_s_possessive_owns_no_national_body():
    rows = actor_rows(
        "LISBON (Reuters) - Germany and Greece watched closely. \"Monday's State Council meeting was a show of support,\" "
        "said a political scientist."
    )
    assert _code(rows, "State Council") == ("PRT", "dateline")


def test_dated_possessive_on_a_fixed_parse():
    words = ["Monday", "'s", "State", "Council", "met"]
    kw = dict(words=words, heads=[3, 0, 3, 4, 4], deps=["poss", "case", "compound", "nsubj", "ROOT"],
              tags=["NNP", "POS", "NNP", "NNP", "VBD"])
    dated = Doc(VOCAB, ents=["B-DATE", "O", "B-ORG", "I-ORG", "O"], **kw)
    owned = Doc(VOCAB, ents=["B-GPE", "O", "B-ORG", "I-ORG", "O"], **kw)  # "Spain's State Council": an owner
    assert not owned_mention(dated, 2, 4, frozenset())
    assert owned_mention(owned, 2, 4, frozenset())


# --- home_office -----------------------------------------------------------------------


def test_a_sovereign_office_takes_the_dateline_when_only_its_country_is_named_nearby():
    rows = actor_rows(
        "ROME (Reuters) - Greece and Ireland were bailed out last year. The bill raised doubts about Italy's will to "
        "balance the budget. The upper house Senate approved the plan on September 7."
    )
    assert _code(rows, "Senate") == ("ITA", "dateline")


def test_a_sovereign_office_near_another_country_stays_empty():
    # In a TOKYO story that names Canada next to it, "Parliament" may be Canada's.
    rows = actor_rows("TOKYO (Reuters) - Canada's economy grew in the third quarter. Parliament approved the bill on Monday.")
    assert _code(rows, "Parliament") == (None, None)


# --- untagged_mention ------------------------------------------------------------------


def test_a_name_the_recogniser_left_untagged_is_read_for_its_place():
    rows = actor_rows(
        "NEW YORK/BOSTON (Reuters) - German conglomerate Siemens AG said it would buy software maker UGS Corp. for "
        "$3.5 billion. Plano, Texas-based UGS is owned by three private equity firms."
    )
    assert _code(rows, "UGS Corp.") == ("USA", "story")
    assert _code(rows, "Siemens AG") == ("DEU", "story")


def test_an_ordinary_word_left_of_a_legal_form_is_no_mention():
    # "News" of "News Corp" is any news: "Britain's News of the World" says nothing of News Corp.
    rows = actor_rows(
        "LONDON/NEW YORK (Reuters) - Britain's News of the World closed on Sunday. A spokesperson for News Corp "
        "did not return a query seeking comment."
    )
    assert cell(rows["News Corp"], "country") != "GBR"


# --- bracketed_place -------------------------------------------------------------------


def test_a_place_in_brackets_after_a_unit_places_the_unit():
    rows = actor_rows(
        "BEIJING (Reuters) - A Google spokesperson said the accused companies -- Google Information Technology (China) "
        "Co, Ltd and Google Advertising (Shanghai) Co, Ltd -- were its units."
    )
    assert _code(rows, "Google Advertising") == ("CHN", "story")


def test_bracketed_place_on_fixed_words():
    def doc(words: list[str]) -> Doc:
        return Doc(VOCAB, words=words)

    place = lambda text: country_of_text(text)  # noqa: E731
    assert bracketed_place(doc(["Credit", "Suisse", "Securities", "(", "USA", ")", "LLC"]), 3, place) == "USA"
    assert bracketed_place(doc(["Siemens", "AG", "(", "SIEGn.DE", ")", "said"]), 2, place) is None  # a stock code
    assert bracketed_place(doc(["Siemens", "AG", "said"]), 2, place) is None


# --- home_media, the apposition ---------------------------------------------------------


def test_a_media_noun_in_apposition_before_the_name_calls_it_the_dateline_s_media():
    rows = actor_rows(
        "BEIJING (Reuters) - The Communist Party mouthpiece, the People's Daily, on Sunday said the United States used "
        "social media to foment unrest."
    )
    assert _code(rows, "People's Daily") == ("CHN", "dateline")


def test_a_media_noun_after_the_name_gives_no_code():
    # Tried and dropped: "told CNBC television" in LONDON and FRANKFURT stories is America's CNBC.
    rows = actor_rows("LONDON (Reuters) - Qualcomm Chief Executive Paul Jacobs told CNBC television that consumers were waiting.")
    assert cell(rows["CNBC"], "country") != "GBR"
