"""Round 19's lessons (issue 18, session 12, i18o): experts by their employer's kind, and three
affiliation shapes, on real text with the real model and on fixed parses where a pattern reads one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline
from pipeline.extract.experts import advisory_kind

from .conftest import actor_rows, cell

SHAPES = Path(__file__).parent / "data" / "affiliation_shapes_r19.jsonl"


def _experts(text: str):
    return pipeline.extract(text, published="2011-09-14").experts.set_index("name")


# --- experts: advisory_kind -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name, evidence",
    [
        ('"Beijing will not back down," said Tom Baird, president of Baird Partners Asia, an advisory firm covering '
         "Chinese media.", "Tom Baird", "president at advisory firm"),
        ('"The coalition will hold," said Rui Costa, president of Europa Nova think tank.', "Rui Costa", "president at think tank"),
        ('"It is positive, if late," said Ana Gomes, head of Mercados Gerais consultants.', "Ana Gomes", "head at consultants"),
        ('"Italy is the key," said Marco Bellini, president of the Milan Institute for Fiscal Studies.', "Marco Bellini",
         "president at institute"),
    ],
)
def test_a_head_of_a_house_the_story_calls_advisory_is_an_expert(text, name, evidence):
    experts = _experts(text)
    assert experts.loc[name, ["rule", "expertise_evidence"]].tolist() in (["advisory_kind", evidence], ["market_firm", experts.loc[name, "expertise_evidence"]])


@pytest.mark.parametrize(
    "text, name",
    [
        # a spokesman speaks for the institute; a chief executive for his own firm, whatever it hired
        ('"Demand is strong," said John Smith, a spokesman for the American Petroleum Institute.', "John Smith"),
        ('"We will cut costs," said Jim Kerr, chief executive of Acme, which hired consultancy McKinsey last year.', "Jim Kerr"),
        # read on the 2,000-story sample: the institute the story is about, and an adviser no longer
        ('The Foo Transplant Institute said the operation went well. Jim Hall, program director at the institute, '
         'said the patient was recovering well.', "Jim Hall"),
        ('"I passed the tips on," said Raj Patel, a disgraced former partner of the elite Foo & Co consultancy.', "Raj Patel"),
        # read on 3,000 archive stories: a who-clause is no appositive title ("who also chairs ... the Institute of ...")
        ('"We remain cautious," said Chief Executive Hans Vogel, who also chairs the banking group the Institute of '
         'International Finance.', "Hans Vogel"),
    ],
)
def test_a_spokesman_an_executive_or_an_official_is_no_advisory_expert(text, name):
    assert name not in _experts(text).index


def test_advisory_kind_reads_the_appositive_and_the_employer_s_words():
    text = 'said Tom Baird, president of Baird Partners Asia, an advisory firm covering Chinese media.'
    row = {"name": "Tom Baird", "title": "president", "affiliation": "Baird Partners Asia"}
    assert advisory_kind(row, "Baird Partners Asia", [], text) == "president at advisory firm"
    # the appositive ends at its own clause: a consultancy the firm hired is not the employer's kind
    text = 'said Jim Kerr, chief executive of Acme, which hired consultancy McKinsey.'
    assert advisory_kind({"name": "Jim Kerr", "title": "chief executive", "affiliation": "Acme"}, "Acme", [], text) is None
    # a public body is no advisory house, whatever its name holds
    text = 'said Anne Berg, president of the Central Bank Institute.'
    assert advisory_kind({"name": "Anne Berg", "title": "president", "affiliation": "Central Bank Institute"}, None, [], text) is None
    # a role outside advisory_roles (a spokesman) is never the evidence
    text = 'said John Smith, spokesman of Foo Institute.'
    assert advisory_kind({"name": "John Smith", "title": "spokesman", "affiliation": "Foo Institute"}, "Foo Institute", [], text) is None


def test_a_lawyer_who_advises_a_trade_is_an_expert():
    text = ('Recruiters often make promises, said Paul Reyes, a Chicago-based lawyer for Reyes & Lane LLP who advises '
            "brokers on employment issues.")
    experts = _experts(text)
    assert experts.loc["Paul Reyes", ["rule", "expertise_evidence"]].tolist() == ["specialty_clause", "who advises"]


def test_a_surname_after_a_firm_named_after_the_person_is_the_person():
    # surname_before_firm: "said Baird" is Tom Baird, not a short name of "Baird Group"
    text = ('"Beijing will not back down," said Tom Baird, president of Baird Group Asia, an advisory firm. '
            '"It cannot be seen to yield," said Baird.')
    rows = actor_rows(text)
    assert cell(rows["Tom Baird"], "mentions") == 2
    assert "Baird" not in (cell(rows.get("Baird Group", {}), "aliases") or [])
    # a firm the story named before the person keeps its short name ("Marriott said" of Marriott International Inc)
    text = ('Foo International Inc cut its forecast on Thursday. "Demand is soft," Chief Executive J.W. Foo said. '
            '"We expect weak growth," Foo said.')
    assert "Foo" in (cell(actor_rows(text).get("Foo International Inc", {}), "aliases") or [])


# --- affiliation shapes (their fixed parses are in tests/test_affiliations.py) -------------------


def test_round_19_shapes_give_the_annotated_employer_and_title():
    cases = [json.loads(line) for line in SHAPES.read_text().splitlines() if line.strip()]
    for case in cases:
        rows = actor_rows(case["text"])
        person = rows[case["name"]]
        assert (cell(person, "affiliation"), cell(person, "title")) == (case["affiliation"], case["title"]), case["text"]
