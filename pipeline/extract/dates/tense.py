"""The tense of the clause around a date: past, future or unknown, from the verb it depends on and the words before it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .lexicon import Words, words


def clause_tense(doc: Doc, i: int, left_words: tuple[str, ...] = (), day_level: bool = False) -> str | None:
    """"future", "past" or None (unknown) for the clause of the date at token ``i``.

    ``left_words`` are the words just before the date, nearest first: "from",
    "until", "starting" put a day in the future ("from Monday"), "since" in the
    past; "by" does so only when the verb's tense does not decide.
    """
    w = words()
    for lw in left_words:
        if day_level and lw in w.future_left:
            return "future"
        if lw in w.past_left:
            return "past"
    tense = verb_tense(doc, i, w)
    if tense is None and any(lw in w.weak_future_left for lw in left_words):
        return "future"  # "by Friday", unless the verb says otherwise ("By June 16, BP was rated ...")
    return tense


def verb_tense(doc: Doc, i: int, w: Words) -> str | None:
    """The tense of the verb a date depends on; reported clauses keep their own ("said the offer expires Nov. 22")."""
    tok: Token = doc[i]
    while tok.dep_ in ("compound", "det") and tok.head.i != tok.i:
        tok = tok.head  # "Thanksgiving Day", "the spring": the date's own head, not its first word
    # "January housing starts", "Thursday's low", "has set Nov. 10 as the deadline": the verb's tense is not the date's
    modifier = tok.dep_ in ("compound", "amod", "poss", "nmod", "dobj", "nsubj", "nsubjpass", "attr", "appos")
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
        tok = tok.head
        steps += 1
        if tok.pos_ not in ("VERB", "AUX", "ADP", "SCONJ", "ADV"):  # "could come as soon as Tuesday": still the verb's
            # inside a noun phrase ("a split, payable Dec. 7"; "his 2011 budget"): the verb's tense is not the date's
            modifier = True
    levels = 0
    while tok.pos_ in ("VERB", "AUX") and levels < 3:
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        aux_words = {c.lower_ for c in auxes}
        perfect = any(a.lemma_ == "have" for a in auxes)
        modal = any(a.tag_ == "MD" for a in auxes)
        if not modifier and (aux_words & w.future_aux or (modal and not perfect)):
            return "future"  # "will meet", "could vote against his budget on December 7"
        if "going" in aux_words or (tok.lower_ == "going" and any(c.lower_ == "to" for c in tok.children)):
            return "future"
        if not modifier and tok.tag_ == "VB" and "to" in aux_words:
            gov = tok.head
            if gov.lemma_.lower() in w.future_governors or gov.lower_ in w.future_governors:
                return "future"  # "is expected to", "plans to"
        if not modifier and tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() in w.future_verbs:
            return "future"  # "the ferry service starts Monday"
        if not modifier and tok.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'s", "'re", "am") for a in auxes):
            return "future"  # "is meeting on Monday"
        if not modifier and (tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)):
            return "past"
        if not modifier and tok.tag_ == "VBN" and (perfect or (not auxes and tok.dep_ in ("acl", "amod", "advcl"))):
            return "past"  # "has said", "the year ended March 31"
        if tok.tag_ in ("VBZ", "VBP") or modal or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return None  # a finite present: its own clause, nearest occurrence
        if tok.dep_ in ("advcl", "xcomp", "conj", "relcl", "ccomp", "acl") and tok.head.i != tok.i:
            tok = tok.head  # an infinitive or participle takes its tense from the verb it depends on
            levels += 1
            continue
        break
    return None


_TIME_OF_DAY_END = re.compile(r"(?i:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[A-Z]{2,4})?|noon|midnight)[\s,]*$")


def left_words(text: str, start: int, n: int = 2) -> tuple[str, ...]:
    """The ``n`` words before ``start``, nearest first; a time of day is skipped ("until 9 a.m. EST Tuesday")."""
    chunk = text[max(0, start - 45) : start]
    chunk = _TIME_OF_DAY_END.sub("", chunk)
    return tuple(reversed(re.findall(r"[A-Za-z']+", chunk.lower())[-n:]))
