"""Route words out of their route sense (issue 17, archive audits): money, securities, property,
a company or troops as what moves, buyers drawn to a place, military vehicles make no row
(lexicon ``not_goods``, ``buyer_attractors``, ``not_vehicle``; ``triggers._moves_no_goods``).

The rule is tested on fixed parses (so a parser change and a rule bug are told apart) and end
to end on sentences of the shapes the audits found wrong, written anew here; each of those
sentences gives a row when the filter is off, so the test fails without it.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import pipeline
import pipeline.extract.routes.triggers as triggers
from pipeline.extract.routes.triggers import _moves_no_goods

# (trigger index, words, heads relative to each word, deps, pos, lemmas, entities, out of sense)
FIXED_PARSES = [
    # money moved: "pump in $2 billion into Greece"
    (2, ["Qatar", "will", "pump", "in", "$", "2", "billion", "into", "Greece", "."], [2, 1, 0, -1, 2, 1, -3, -5, -1, -7],
     ["nsubj", "aux", "ROOT", "prep", "quantmod", "compound", "pobj", "prep", "pobj", "punct"],
     ["PROPN", "AUX", "VERB", "ADP", "SYM", "NUM", "NUM", "ADP", "PROPN", "PUNCT"],
     ["Qatar", "will", "pump", "in", "$", "2", "billion", "into", "Greece", "."],
     ["B-GPE", "O", "O", "O", "B-MONEY", "I-MONEY", "I-MONEY", "O", "B-GPE", "O"], True),
    # securities bought: "buyer of U.S. government debt"
    (1, ["largest", "buyer", "of", "U.S.", "government", "debt"], [1, 0, -1, 2, 1, -3],
     ["amod", "ROOT", "prep", "compound", "compound", "pobj"], ["ADJ", "NOUN", "ADP", "PROPN", "NOUN", "NOUN"],
     ["large", "buyer", "of", "U.S.", "government", "debt"], ["O", "O", "O", "B-GPE", "O", "O"], True),
    # people drawn: "drawing buyers to Dubai"
    (4, ["The", "boom", "is", "drawing", "buyers", "to", "Dubai"], [1, 2, 1, 0, -1, -2, -1],
     ["det", "nsubj", "aux", "ROOT", "dobj", "dative", "pobj"], ["DET", "NOUN", "AUX", "VERB", "NOUN", "ADP", "PROPN"],
     ["the", "boom", "be", "draw", "buyer", "to", "Dubai"], ["O", "O", "O", "O", "O", "O", "B-GPE"], True),
    # goods priced in money keep their goods: "exported $15 billion worth of iron ore"
    (1, ["Brazil", "exported", "$", "15", "billion", "worth", "of", "iron", "ore", "to", "China"], [1, 0, 2, 1, 1, -4, -1, 1, -2, -8, -1],
     ["nsubj", "ROOT", "quantmod", "compound", "nummod", "dobj", "prep", "compound", "pobj", "prep", "pobj"],
     ["PROPN", "VERB", "SYM", "NUM", "NUM", "NOUN", "ADP", "NOUN", "NOUN", "ADP", "PROPN"],
     ["Brazil", "export", "$", "15", "billion", "worth", "of", "iron", "ore", "to", "China"],
     ["B-GPE", "O", "B-MONEY", "I-MONEY", "I-MONEY", "O", "O", "O", "O", "O", "B-GPE"], False),
]


@pytest.mark.parametrize("trigger,words,heads,deps,pos,lemmas,ents,out", FIXED_PARSES)
def test_what_a_trigger_moves_decides_its_sense_on_a_fixed_parse(trigger, words, heads, deps, pos, lemmas, ents, out):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[i + h for i, h in enumerate(heads)], deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    assert _moves_no_goods(doc[trigger]) is out


# (text, (origin, destination) the row must have, or None for no row)
SENTENCES = [
    ("The fund will pump in $2 billion from Qatar into Greece.", None),
    ("China, the largest foreign buyer of U.S. government debt, trimmed its holdings.", None),
    ("China exports capital to Africa on a large scale.", None),
    ("Mutual fund products from the United States are sold to Chinese customers.", None),
    ("The boom is drawing buyers to Dubai from India and Pakistan.", None),
    # troops shipped between two named places (the retrained model no longer pairs "sent troops to its border with Ukraine" at all)
    ("Russia shipped troops from Sevastopol to Syria on Friday.", None),
    # goods, arms sales and passengers stay routes
    ("Brazil exported $15 billion worth of iron ore to China.", ("Brazil", "China")),
    ("U.S. arms sales to Taiwan angered Beijing.", ("United States", "Taiwan")),
    ("The ferry carries tourists from Helsinki to Tallinn.", ("Helsinki", "Tallinn")),
]


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(r["origin"], r["destination"]) for r in pipeline.extract(text).routes.to_dict("records")]


@pytest.mark.parametrize("text,row", SENTENCES)
def test_money_troops_and_buyers_make_no_row_goods_and_passengers_do(text, row):
    pairs = _pairs(text)
    assert (pairs == []) if row is None else (row in pairs), pairs


def test_each_filtered_sentence_is_a_row_without_the_filter(monkeypatch):
    """The no-row sentences above give rows with the filter off (in routes, or in route_candidates for a
    model row below the routes' probability): they test the filter."""
    monkeypatch.setattr(triggers, "_moves_no_goods", lambda tok: False)

    def any_rows(text: str) -> bool:
        out = pipeline.extract(text)
        return len(out.routes) + len(out.route_candidates) > 0

    assert all(any_rows(text) for text, row in SENTENCES if row is None)


def test_a_naval_ship_is_no_link():
    text = "A South Korean naval ship sailed from Busan to Japan on Monday."
    assert _pairs(text) == []
    assert _pairs(text.replace("naval ship", "ferry")) == [("Busan", "Japan")]
