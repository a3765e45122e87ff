"""Session 12 (issue 18, round 19): country codes left empty. Each rule on real text with the real
model, its contrast (where it must stay silent), and a fixed parse where the rule reads the parse."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.extract.actor_countries import country_of_text
from pipeline.extract.country_rules import bracketed_place, owned_mention

from .conftest import actor_rows, cell

VOCAB = spacy.blank("en").vocab


def _code(rows: dict[str, dict], name: str) -> tuple[str | None, str | None]:
    return cell(rows[name], "country"), cell(rows[name], "country_source")


# Each rule on real text: (rule, story text, actor name, expected code and its source).
RULE_CASES = [
    ("dated_possessive",
     "LISBON (Reuters) - Germany and Greece watched closely. \"Monday's State Council meeting was a show of support,\" "
     "said a political scientist.",
     "State Council", ("PRT", "dateline")),
    ("home_office",
     "ROME (Reuters) - Greece and Ireland were bailed out last year. The bill raised doubts about Italy's will to "
     "balance the budget. The upper house Senate approved the plan on September 7.",
     "Senate", ("ITA", "dateline")),
    ("untagged_mention",
     "NEW YORK/BOSTON (Reuters) - German conglomerate Siemens AG said it would buy software maker UGS Corp. for "
     "$3.5 billion. Plano, Texas-based UGS is owned by three private equity firms.",
     "UGS Corp.", ("USA", "story")),
    ("untagged_mention: the buyer keeps its own code",
     "NEW YORK/BOSTON (Reuters) - German conglomerate Siemens AG said it would buy software maker UGS Corp. for "
     "$3.5 billion. Plano, Texas-based UGS is owned by three private equity firms.",
     "Siemens AG", ("DEU", "story")),
    ("bracketed_place",
     "BEIJING (Reuters) - A Google spokesperson said the accused companies -- Google Information Technology (China) "
     "Co, Ltd and Google Advertising (Shanghai) Co, Ltd -- were its units.",
     "Google Advertising", ("CHN", "story")),
    ("home_media, the apposition",
     "BEIJING (Reuters) - The Communist Party mouthpiece, the People's Daily, on Sunday said the United States used "
     "social media to foment unrest.",
     "People's Daily", ("CHN", "dateline")),
]


@pytest.mark.parametrize("rule,text,name,expected", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_each_rule_gives_its_code_on_real_text(rule: str, text: str, name: str, expected: tuple[str, str]) -> None:
    assert _code(actor_rows(text), name) == expected


# --- dated_possessive ------------------------------------------------------------------


def test_dated_possessive_on_a_fixed_parse():
    words = ["Monday", "'s", "State", "Council", "met"]
    kw = dict(words=words, heads=[3, 0, 3, 4, 4], deps=["poss", "case", "compound", "nsubj", "ROOT"],
              tags=["NNP", "POS", "NNP", "NNP", "VBD"])
    dated = Doc(VOCAB, ents=["B-DATE", "O", "B-ORG", "I-ORG", "O"], **kw)
    owned = Doc(VOCAB, ents=["B-GPE", "O", "B-ORG", "I-ORG", "O"], **kw)  # "Spain's State Council": an owner
    assert not owned_mention(dated, 2, 4, frozenset())
    assert owned_mention(owned, 2, 4, frozenset())


# --- home_office -----------------------------------------------------------------------


def test_a_sovereign_office_near_another_country_stays_empty():
    # In a TOKYO story that names Canada next to it, "Parliament" may be Canada's.
    rows = actor_rows("TOKYO (Reuters) - Canada's economy grew in the third quarter. Parliament approved the bill on Monday.")
    assert _code(rows, "Parliament") == (None, None)


# --- untagged_mention ------------------------------------------------------------------


def test_an_ordinary_word_left_of_a_legal_form_is_no_mention():
    # "News" of "News Corp" is any news: "Britain's News of the World" says nothing of News Corp.
    rows = actor_rows(
        "LONDON/NEW YORK (Reuters) - Britain's News of the World closed on Sunday. A spokesperson for News Corp "
        "did not return a query seeking comment."
    )
    assert cell(rows["News Corp"], "country") != "GBR"


# --- bracketed_place -------------------------------------------------------------------


def test_bracketed_place_on_fixed_words():
    def doc(words: list[str]) -> Doc:
        return Doc(VOCAB, words=words)

    place = country_of_text
    assert bracketed_place(doc(["Credit", "Suisse", "Securities", "(", "USA", ")", "LLC"]), 3, place) == "USA"
    assert bracketed_place(doc(["Siemens", "AG", "(", "SIEGn.DE", ")", "said"]), 2, place) is None  # a stock code
    assert bracketed_place(doc(["Siemens", "AG", "said"]), 2, place) is None


# --- home_media, the apposition ---------------------------------------------------------


def test_a_media_noun_after_the_name_gives_no_code():
    # Tried and dropped: "told CNBC television" in LONDON and FRANKFURT stories is America's CNBC.
    rows = actor_rows("LONDON (Reuters) - Qualcomm Chief Executive Paul Jacobs told CNBC television that consumers were waiting.")
    assert cell(rows["CNBC"], "country") != "GBR"
