"""Round 14's lessons (issue 18, session 10, i18k): credit lines, slash pairs, a plural name's possessive."""

from __future__ import annotations

from pipeline.extract.entities import EntityMention
from pipeline.extract.spurious import _slash_pair

from .conftest import actor_rows, cell


def test_credit_line_forms_name_no_actor():
    # credit_line_forms: each of these let its reporters through as actors before.
    for credit in (
        "(With reporting by Jane Doe in London; Editing by John Smith)",
        "(With additional reporting by Jane Doe; Editing by John Smith)",
        "(Additional reporting Jane Doe; Editing by John Smith)",  # no "by": the editor had slipped through too
        "(Contributions from Jane Doe and John Smith)",
    ):
        rows = actor_rows(f"NEW YORK (Reuters) - Prices fell, said Jim Roe of Foo Bank. {credit}")
        assert "Jim Roe" in rows, credit
        assert not {"Jane Doe", "John Smith"} & set(rows), credit


def test_a_reporting_clause_in_prose_is_still_read():
    # Only a capitalised credit opens one: "(reporting ...)" in prose is a sentence's aside.
    rows = actor_rows("NEW YORK (Reuters) - Foo Corp (reporting a loss, said Jim Roe of Foo Bank) fell.")
    assert "Jim Roe" in rows


def test_a_slash_pair_is_no_actor():
    rows = actor_rows("NEW YORK (Reuters) - It was a system very U.S. or U.S./Europe dominated. Stocks rose.")
    assert "U.S./Europe" not in rows


def test_slash_pair_on_fixed_mentions():
    assert _slash_pair(EntityMention(0, 1, "ORG", "U.S./Europe"))
    assert _slash_pair(EntityMention(0, 1, "ORG", "Reuters/Jefferies"))
    assert not _slash_pair(EntityMention(0, 1, "ORG", "AC/DC"))  # an acronym: no lower-case letter
    assert not _slash_pair(EntityMention(0, 2, "ORG", "Unilever Plc/NV"))  # a legal form, a longer side
    assert not _slash_pair(EntityMention(0, 1, "ORG", "Unilever/NV"))  # a legal form after the slash
    assert not _slash_pair(EntityMention(0, 3, "ORG", "Bank of Tokyo/Mitsubishi UFJ"))
    assert not _slash_pair(EntityMention(0, 1, "ORG", "I/B/E/S"))


def test_a_plural_name_s_bare_apostrophe_is_a_possessive():
    rows = actor_rows(
        'NEW YORK (Reuters) - "The matter cannot be long delayed," Chris Pryce, Fitch Ratings\' senior analyst '
        "for Greece, told Reuters in an interview."
    )
    assert cell(rows["Chris Pryce"], "affiliation") == "Fitch Ratings"
    assert cell(rows["Chris Pryce"], "title") == "senior analyst"


def test_an_acronym_defined_through_small_words_is_no_actor():
    # acronym_skip: "of" gives no letter; the acronym is a unit, not a body.
    rows = actor_rows(
        "HOUSTON (Reuters) - Output fell to 1.83 million barrels of oil equivalent (BOE) per day from 1.93 million "
        "BOE per day, Conoco said."
    )
    assert "BOE" not in rows and "Conoco" in rows


def test_a_surname_s_appositive_with_an_article_names_the_employer():
    # surname_appositive: the first sentence named him without his employer; the surname's appositive has it.
    rows = actor_rows(
        "NEW YORK (Reuters) - World leaders have an opportunity, Nobel laureate Joseph Stiglitz said. The system is "
        "inappropriate, said Stiglitz, a Columbia University professor, winner of the Nobel Prize for economics."
    )
    assert cell(rows["Joseph Stiglitz"], "affiliation") == "Columbia University"
