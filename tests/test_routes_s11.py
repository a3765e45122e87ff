"""Rules of session 11 (issue 17, i17l): a relation noun's "across" names the partners
(``partners_across``, a right row of audit 50k that ``transit_not_end`` had lost), and the lessons
of fresh audit 50m.

Sentences are written anew on the audited shapes; each rule that reads the parse also has a
fixed-parse test, so a parser change and a rule bug are told apart.
"""

from __future__ import annotations

from pipeline.extract.routes.candidates import appositive_scope
from pipeline.extract.routes.fields import _inquiry_prep
from pipeline.extract.routes.mentions import peer_objects
from pipeline.extract.routes.syntax import relation_place
from pipeline.extract.routes.triggers import _hyphen_descriptor

from .conftest import fixed_doc, route_rows


def _joins(rows: list[dict], a: str, b: str) -> bool:
    return any({r["origin"], r["destination"]} == {a, b} for r in rows)


# --- partners_across -----------------------------------------------------------------------------

def test_trading_partners_across_a_region_are_a_relation():
    text = "TOKYO (Reuters) - Japan's trading partners across Asia reported weaker factory orders in March, the survey showed."
    assert _joins(route_rows(text), "Japan", "Asia")


def test_a_flow_through_a_country_still_has_no_transit_end():
    text = "MOSCOW (Reuters) - Russia's gas exports through Belarus rose 5 percent last year, Gazprom said."
    assert not _joins(route_rows(text), "Russia", "Belarus")


def test_fixed_parse_across_on_a_relation_noun_but_not_on_a_flow():
    # "China's partners across Europe" / "China's exports across Europe"
    for noun, lemma, expected in (("partners", "partner", True), ("exports", "export", False)):
        doc = fixed_doc(["China", "'s", noun, "across", "Europe"], heads=[2, 0, 2, 2, 3],
                   deps=["poss", "case", "ROOT", "prep", "pobj"], pos=["PROPN", "PART", "NOUN", "ADP", "PROPN"],
                   tags=["NNP", "POS", "NNS", "IN", "NNP"], lemmas=["China", "'s", lemma, "across", "Europe"])
        assert relation_place(doc[3]) is expected


# --- ranked_peer ---------------------------------------------------------------------------------

def test_a_supplier_ranked_after_places_makes_them_suppliers_too():
    text = "TOKYO (Reuters) - Qatar, Japan's biggest LNG supplier after Australia and Malaysia, raised its prices on Monday."
    rows = route_rows(text)
    for origin in ("Qatar", "Australia", "Malaysia"):
        assert any(r["origin"] == origin and r["destination"] == "Japan" for r in rows), origin


def test_a_partner_ranked_behind_a_place_adds_no_row():
    # a partner's direction is open, and "behind Israel" names no partner of this row: no Israel row
    text = "WASHINGTON (Reuters) - Saudi Arabia is the third-largest U.S. trading partner in the Middle East behind Israel."
    assert not any("Israel" in (r["origin"], r["destination"]) for r in route_rows(text))


def test_fixed_parse_peer_objects_of_after_with_conjuncts():
    # "China's supplier after Saudi Arabia and Angola" / "China's supplier since 2005"
    doc = fixed_doc(["China", "'s", "supplier", "after", "Saudi", "Arabia", "and", "Angola"],
               heads=[2, 0, 2, 2, 5, 3, 5, 5], deps=["poss", "case", "ROOT", "prep", "compound", "pobj", "cc", "conj"],
               pos=["PROPN", "PART", "NOUN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN"],
               tags=["NNP", "POS", "NN", "IN", "NNP", "NNP", "CC", "NNP"],
               lemmas=["China", "'s", "supplier", "after", "Saudi", "Arabia", "and", "Angola"])
    assert [t.text for t in peer_objects(doc[2])] == ["Arabia", "Angola"]
    doc = fixed_doc(["China", "'s", "supplier", "since", "2005"], heads=[2, 0, 2, 2, 3],
               deps=["poss", "case", "ROOT", "prep", "pobj"], pos=["PROPN", "PART", "NOUN", "ADP", "NUM"],
               tags=["NNP", "POS", "NN", "IN", "CD"], lemmas=["China", "'s", "supplier", "since", "2005"])
    assert peer_objects(doc[2]) == []


# --- audit 50m: hyphen_descriptor ----------------------------------------------------------------

def test_an_export_led_economy_is_no_flow():
    text = ("BEIJING (Reuters) - In the 10 years since Berlin, China's export-led economy and massive foreign "
            "exchange reserves have made it central to any global rebalance.")
    assert not route_rows(text)


def test_fixed_parse_hyphen_descriptor_but_not_a_plain_export():
    # "China's export-led economy" against "China's export growth"
    doc = fixed_doc(["China", "'s", "export", "-", "led", "economy"], heads=[5, 0, 4, 4, 5, 5],
               deps=["poss", "case", "npadvmod", "punct", "amod", "ROOT"],
               pos=["PROPN", "PART", "NOUN", "PUNCT", "VERB", "NOUN"], tags=["NNP", "POS", "NN", "HYPH", "VBN", "NN"],
               lemmas=["China", "'s", "export", "-", "lead", "economy"])
    assert _hyphen_descriptor(doc[2])
    doc = fixed_doc(["China", "'s", "export", "growth"], heads=[3, 0, 3, 3], deps=["poss", "case", "compound", "ROOT"],
               pos=["PROPN", "PART", "NOUN", "NOUN"], tags=["NNP", "POS", "NN", "NN"], lemmas=["China", "'s", "export", "growth"])
    assert not _hyphen_descriptor(doc[2])


# --- audit 50m: appositive_scope -----------------------------------------------------------------

def test_a_continent_describing_a_country_is_no_end():
    text = ("MOSCOW (Reuters) - Germany, Europe's largest economy, is Russia's biggest trading partner but "
            "bilateral trade has plummeted this year.")
    rows = route_rows(text)
    assert not any("Europe" in (r["origin"], r["destination"]) for r in rows)
    assert _joins(rows, "Germany", "Russia")


def test_fixed_parse_appositive_scope():
    words = ["Germany", ",", "Europe", "'s", "largest", "economy", ",", "is", "Russia", "'s", "partner"]
    doc = fixed_doc(words, heads=[7, 0, 5, 2, 5, 0, 0, 7, 10, 8, 7],
               deps=["nsubj", "punct", "poss", "case", "amod", "appos", "punct", "ROOT", "poss", "case", "attr"],
               pos=["PROPN", "PUNCT", "PROPN", "PART", "ADJ", "NOUN", "PUNCT", "AUX", "PROPN", "PART", "NOUN"],
               tags=["NNP", ",", "NNP", "POS", "JJS", "NN", ",", "VBZ", "NNP", "POS", "NN"],
               lemmas=["Germany", ",", "Europe", "'s", "large", "economy", ",", "be", "Russia", "'s", "partner"],
               ents=["B-GPE", "O", "B-LOC", "O", "O", "O", "O", "O", "B-GPE", "O", "O"])
    assert appositive_scope(doc[2]) and not appositive_scope(doc[8]) and not appositive_scope(doc[0])


# --- audit 50m: probe_not_plan -------------------------------------------------------------------

def test_a_planned_probe_into_imports_leaves_the_flow_active():
    text = "BEIJING (Reuters) - China said it would conduct anti-dumping investigations into imports of chicken parts from the United States."
    rows = [r for r in route_rows(text) if r["origin"] == "United States" and r["destination"] == "China"]
    assert rows and all(r["status"] == "active" for r in rows)


def test_a_planned_rise_in_imports_stays_planned():
    text = "BEIJING (Reuters) - China plans to increase imports of chicken parts from the United States."
    rows = [r for r in route_rows(text) if r["origin"] == "United States" and r["destination"] == "China"]
    assert rows and all(r["status"] == "planned" for r in rows)


def test_fixed_parse_inquiry_preposition_on_the_noun_or_its_verb():
    # "conduct investigations into imports" (into on the verb) and "investigations into imports" (on the noun)
    words = ["conduct", "investigations", "into", "imports"]
    doc = fixed_doc(words, heads=[0, 0, 0, 2], deps=["ROOT", "dobj", "prep", "pobj"], pos=["VERB", "NOUN", "ADP", "NOUN"],
               tags=["VB", "NNS", "IN", "NNS"], lemmas=["conduct", "investigation", "into", "import"])
    assert _inquiry_prep(doc[2])
    doc = fixed_doc(words, heads=[0, 0, 1, 2], deps=["ROOT", "dobj", "prep", "pobj"], pos=["VERB", "NOUN", "ADP", "NOUN"],
               tags=["VB", "NNS", "IN", "NNS"], lemmas=["conduct", "investigation", "into", "import"])
    assert _inquiry_prep(doc[2])
    doc = fixed_doc(["increase", "shipments", "into", "China"], heads=[0, 0, 0, 2], deps=["ROOT", "dobj", "prep", "pobj"],
               pos=["VERB", "NOUN", "ADP", "PROPN"], tags=["VB", "NNS", "IN", "NNP"], lemmas=["increase", "shipment", "into", "China"])
    assert not _inquiry_prep(doc[2])
