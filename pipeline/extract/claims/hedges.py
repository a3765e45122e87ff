"""Hedges: the modal or hedge phrase qualifying a claim's content ("could", "expected to").

The first hedge word or modal inside the content, modals only as modal verbs
("May" the month is none), not in comparisons ("than expected"), "should"
only with an outcome verb; or the cue itself when it reports an expectation
("Analysts expect ...").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from .draft import ClaimDoc, Draft
from .labels import SUBJECT_DEPS
from .lexicon import CueLexicon


def withholds(verb: Token, lex: CueLexicon) -> bool:
    """Whether a verb tells what the source kept back: "would not elaborate", "gave no details"."""
    negated = any(k.dep_ == "neg" for k in verb.children) or any(
        k.dep_ == "dobj" and any(x.lower_ == "no" for x in k.children) for k in verb.children
    )
    return negated and verb.lemma_.lower() in lex.withholding


def expects_to_act(verb: Token, lex: CueLexicon) -> bool:
    """Whether an expectation cue only takes an infinitive of its subject's own action ("expected
    to liquidate"): an intention, not a forecast to report."""
    complements = {k.dep_ for k in verb.children}
    return is_expectation(verb, lex) and "xcomp" in complements and not complements & {"ccomp", "dobj"}


def expects_an_outcome(modal: Token, lex: CueLexicon) -> bool:
    """Whether "should" says what is expected ("sales should rise", "should help") rather than
    what ought to be ("should stand ready", "should not be allowed to proceed") or a condition
    ("Should Mr Buffett see ...")."""
    verb = modal.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return (
        verb.lemma_.lower() in lex.outcome_verbs
        and not any(c.dep_ == "auxpass" for c in verb.children)
        and (subject is None or subject.i < modal.i)
    )


def hedging_cue(d: ClaimDoc, draft: Draft, lex: CueLexicon) -> str | None:
    """The cue as the hedge when it reports an expectation ("Analysts expect ...": "expect")."""
    if draft.cue_i < 0 or not is_expectation(d.tokens[draft.cue_i], lex):
        return None
    return d.tokens[draft.cue_i].lower_


def is_expectation(tok: Token, lex: CueLexicon) -> bool:
    """Whether a verb is a cue that is its own hedge ("expect"; ``cues`` in hedges.json)."""
    return tok.lemma_.lower() in lex.hedging_cues


def first_hedge(d: ClaimDoc, start: int, end: int, lex: CueLexicon) -> str | None:
    """The first hedge (a modal, or a phrase such as "expected to") among the tokens inside ``[start, end)``."""
    doc = d.doc
    a = bisect_left(d.starts, start)
    b = bisect_left(d.starts, end)
    n = len(doc)
    # Only tokens that can begin a hedge are visited (building a Token for every word costs more).
    firsts = d.tokens_with_lower(lex.hedge_first_ids)
    for k in firsts[bisect_left(firsts, a) : bisect_left(firsts, b)]:
        tok = d.tokens[k]
        low = tok.lower_
        if low in lex.hedge_modals and tok.tag_ == "MD" and not withholds(tok.head, lex):  # not "could not comment"
            if low not in lex.outcome_modals or expects_an_outcome(tok, lex):
                return low
        phrases = lex.hedge_phrases.get(low, ())
        if phrases and any(d.tokens[j].lower_ in lex.hedge_not_after for j in range(max(a, k - 3), k)):
            phrases = ()  # "earlier than expected"
        for phrase in phrases:
            m = len(phrase)
            if k + m <= n and all(d.tokens[k + j].lower_ == phrase[j] for j in range(1, m)) and d.tokens[k + m - 1].idx < end:
                return " ".join(t.text for t in doc[k : k + m]).lower()
    return None
