"""Round 15's lessons (issue 18, session 10, i18l): a who-clause after a list of people."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.extract.entities import EntityMention
from pipeline.extract.person_words import PersonWords, listed_before, shares_who_clause

from .conftest import actor_rows, cell

VOCAB = spacy.blank("en").vocab


def test_a_who_clause_after_a_list_names_every_listed_person_s_employer():
    rows = actor_rows(
        "NEW YORK (Reuters) - William Conway, Daniel D'Aniello and David Rubenstein, who founded Carlyle in 1987, "
        "have registered their private equity firm for an IPO."
    )
    for name in ("William Conway", "Daniel D'Aniello", "David Rubenstein"):
        assert cell(rows[name], "affiliation") == "Carlyle", name
    assert cell(rows["William Conway"], "affiliation_rule") == "list_who_clause"


def test_a_singular_who_clause_is_the_last_person_s_alone():
    rows = actor_rows("NEW YORK (Reuters) - Talks with Jim Roe and Jane Doe, who runs Foo Energy, failed, said Bob Smith.")
    assert cell(rows["Jane Doe"], "affiliation") == "Foo Energy"
    assert cell(rows["Jim Roe"], "affiliation") is None


def _fixed(words: list[str], people: list[tuple[int, int]]) -> tuple[Doc, dict[int, EntityMention]]:
    doc = Doc(VOCAB, words=words)
    at: dict[int, EntityMention] = {}
    for start, end in people:
        m = EntityMention(start, end, "PERSON", doc[start:end].text)
        at.update({i: m for i in range(start, end)})
    return doc, at


def test_listed_before_on_a_fixed_list():
    words = ["Ann", "Lee", ",", "Bo", "Kim", "and", "Cy", "Day", ",", "who", "founded", "Foo", "in", "1987"]
    doc, at = _fixed(words, [(0, 2), (3, 5), (6, 8)])
    assert [m.text for m in listed_before(doc, at[6], at)] == ["Bo Kim", "Ann Lee"]
    assert listed_before(doc, at[0], at) == []
    founded = PersonWords(employer=EntityMention(11, 12, "ORG", "Foo"), rule="who_heads")
    assert shares_who_clause(doc, founded, at[6])
    heads = _fixed(words[:10] + ["runs"] + words[11:], [(0, 2), (3, 5), (6, 8)])
    assert not shares_who_clause(heads[0], founded, heads[1][6])
    assert not shares_who_clause(doc, PersonWords(rule="appos_at"), at[6])
