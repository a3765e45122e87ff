"""Organisation names cut to a fragment of a longer name (issue 20's i20k): "America Corp" of "Bank of America
Corp", "Sons Ltd." of "N.M. Rothschild and Sons Ltd.", "Airlines" of "American Airlines". Keyed alone, such a
fragment joins every other name cut the same way across the archive. Sentences from archive stories (the 20,000-story
run), through the whole pipeline with the real model, and fixed parses for the rules' own conditions."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import pipeline
from pipeline.extract.context import DocContext
from pipeline.extract.entities import EntityMention
from pipeline.extract.name_cuts import join_cut_fronts, split_glued_person
from pipeline.nlp import get_nlp


def _names(text: str) -> set[str]:
    return set(pipeline.extract(text).actors["name"])


@pytest.mark.parametrize(
    "text, whole, fragment",
    [
        ("NEW YORK (Reuters) - Bank of America Corp ( BAC.N ) said on Tuesday it would write down $3 billion.", "Bank of America Corp", "America Corp"),
        ("The gold fixings took place at the premises of N.M. Rothschild and Sons Ltd., with each bank represented.", "N.M. Rothschild and Sons Ltd.", "Sons Ltd."),
        ("Printing services company R.R. Donnelley and Sons Co. RRD.N on Tuesday said quarterly profit rose.", "R.R. Donnelley and Sons Co.", "Sons Co."),
        ("Berkshire owns Shaw Industries Group Inc, and HomeServices of America Inc, a large real estate broker.", "HomeServices of America Inc", "America Inc"),
        ("SCOTT WREN, SENIOR EQUITY STRATEGIST AT A.G. EDWARDS & SONS INC IN ST. LOUIS said rates would fall.", "A.G. EDWARDS & SONS INC", "SONS INC"),
    ],
)
def test_a_name_cut_after_of_or_and_gets_its_front_back(text, whole, fragment):
    names = _names(text)
    assert whole in names and fragment not in names


def test_a_person_of_a_firm_and_shares_of_a_company_keep_apart():
    names = _names("Brian Langenberg of Langenberg & Co. said orders fell. Shares of Apple Inc rose 2 percent on Monday.")
    assert {"Brian Langenberg", "Langenberg & Co.", "Apple Inc"} <= names


def test_a_person_glued_after_a_title_is_no_name_of_the_organisation():
    rows = pipeline.extract("It was a crowning achievement for Countrywide Chief Executive Angelo Mozilo, who founded the company.").actors
    people = rows[rows["kind"] == "person"]
    assert "Countrywide Chief Executive Angelo Mozilo" not in set(rows["name"])
    assert list(people["name"]) == ["Angelo Mozilo"] and list(people["affiliation"]) == ["Countrywide"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("American Airlines said on Monday it would cut flights.", "American Airlines"),  # "Airlines" alone is generic
        ("American International Group Inc said on Monday it would sell assets.", "American International Group Inc"),
        ("Shares of American Express Co. rose 2 percent.", "American Express Co."),  # the archive knows the whole name
        ("Swiss UBS and German Siemens AG reported results.", "UBS"),  # a nationality before a company's own name
        ("The Swiss National Bank left rates unchanged.", "National Bank"),  # an institution keys with its country
    ],
)
def test_a_nationality_word_stays_when_it_starts_the_company_s_name(text, name):
    assert name in _names(text)


def _doc(words: list[str], pos: list[str]) -> DocContext:
    doc = Doc(get_nlp().vocab, words=words, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))
    return DocContext.build(doc)


def test_cut_front_on_a_fixed_parse():
    """The rule reads the words and their tags, not the model's spans: a proper noun before "of" + a place, before
    "&", or before "and" + "Sons" is the name's front; a title ("President of"), a lower-case word or "and" before
    another company's name is not."""
    ctx = _doc(["analysts", "at", "Bank", "of", "America", "Corp", "and", "Lowe", "&", "Sons", "Inc", "said"],
               ["NOUN", "ADP", "PROPN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"])
    mentions = [EntityMention(4, 6, "ORG", "America Corp"), EntityMention(9, 11, "ORG", "Sons Inc")]
    assert [m.text for m in join_cut_fronts(ctx, mentions)] == ["Bank of America Corp", "Lowe & Sons Inc"]
    ctx = _doc(["the", "President", "of", "America", "Corp", "and", "Google", "and", "Yahoo", "Inc"],
               ["DET", "PROPN", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN", "CCONJ", "PROPN", "PROPN"])
    mentions = [EntityMention(3, 5, "ORG", "America Corp"), EntityMention(8, 10, "ORG", "Yahoo Inc")]
    assert [m.text for m in join_cut_fronts(ctx, mentions)] == ["America Corp", "Yahoo Inc"]


def test_glued_person_on_a_fixed_parse():
    words = ["for", "Acme", "Chief", "Executive", "Jane", "Roe", ","]
    doc = Doc(get_nlp().vocab, words=words, pos=["ADP", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"])
    org = EntityMention(1, 6, "ORG", "Acme Chief Executive Jane Roe")
    person = split_glued_person(doc, org)
    assert (org.text, person) == ("Acme", (4, 6))
    unit = EntityMention(1, 4, "ORG", "Acme Chief Executive")  # no name after the title: left to the linker's cut
    assert split_glued_person(doc, unit) is None and unit.text == "Acme Chief Executive"
