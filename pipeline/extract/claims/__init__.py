"""TODO __init__"""

from __future__ import annotations

import numpy as np

from ..actors import ActorIndex
from ..context import DocContext, in_sorted
from ..speakers import Speakers
from .draft import ClaimDoc, Draft
from .lexicon import cue_lexicon
from .rows import claim_row
from .turns import continuations, dedupe, drop_nested_own_words, turn_parents
from .verbless import label_claims, preposition_claim
from .verbs import noun_claim, verb_claims


def extract_claims(ctx: DocContext, actors: ActorIndex) -> list[dict]:
    """Claim rows (clean-text offsets), in order of their content."""
    lex = cue_lexicon()
    d = ClaimDoc(ctx, actors)
    if not len(d.doc):
        return []
    drafts: list[Draft] = []
    for i in np.flatnonzero(in_sorted(d.lemmas, lex.lemma_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i):
            drafts.extend(verb_claims(d, d.doc[i], lex))
    for i in np.flatnonzero(in_sorted(d.lemmas, lex.noun_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i) and d.doc[i].pos_ == "NOUN":
            draft = noun_claim(d, d.doc[i], lex)
            if draft is not None:
                drafts.append(draft)
    for i in np.flatnonzero(in_sorted(d.lowers, lex.preposition_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i):
            draft = preposition_claim(d, i, lex)
            if draft is not None:
                drafts.append(draft)
    drafts.extend(label_claims(d, lex))
    drafts = dedupe(drafts)
    drafts.extend(continuations(d, drafts))
    drafts.sort(key=lambda x: (x.start, x.end))
    speakers = Speakers(d.doc, actors, d.in_quote, ctx.sentence)
    speakers.resolve(drafts)
    drafts = drop_nested_own_words(d, drafts, lex)
    ids = {id(draft): f"C{n}" for n, draft in enumerate(drafts, start=1)}
    turns = turn_parents(drafts)
    return [claim_row(d, ids[id(draft)], ids.get(id(turns.get(id(draft)))), draft, lex) for draft in drafts]
