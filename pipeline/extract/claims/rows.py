"""Claim rows: a resolved draft as a row of the claims table.

Besides the table's columns (``rule`` among them), a row carries where the
source and cue words are (``source_start`` ... ``content_spans``) for the PolNeAR
bench; the writers keep only the schema's columns.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..context import TIME_ENTITIES
from .draft import ClaimDoc, Draft, token_at
from .frames import addressee_token, phrasal_key
from .hedges import first_hedge, hedging_cue
from .labels import DESCRIPTION_DEPS, NAME_ENTITIES
from .lexicon import CueLexicon
from .sources import appositive_pair
from .turns import turn_parents


def claim_rows(d: ClaimDoc, drafts: list[Draft], lex: CueLexicon) -> list[dict]:
    """Rows of the resolved drafts, numbered C1, C2, ... in order, with their turns' claim ids."""
    ids = {id(draft): f"C{n}" for n, draft in enumerate(drafts, start=1)}
    turns = turn_parents(drafts)
    return [claim_row(d, ids[id(draft)], ids.get(id(turns.get(id(draft)))), draft, lex) for draft in drafts]


def claim_row(d: ClaimDoc, claim_id: str, turn_claim_id: str | None, draft: Draft, lex: CueLexicon) -> dict:
    """The claims row of a resolved draft (``source_start`` ... ``content_spans`` are for the PolNeAR bench, not columns)."""
    r = draft.resolved
    assert r is not None, "drafts are resolved before rows are made"
    own = draft.parent or draft
    src = own.source or (0, 0)
    cue = cue_span(d, own)
    spans = draft.spans()
    described = source_description(d, own) if own.source else None
    source_end = d.char_end(src[1] - 1) if own.source else None
    return {
        "claim_id": claim_id,
        "source": r.source,
        "source_actor_id": r.actor_id,
        "source_actor_ids": list(r.actor_ids),
        "source_kind": r.kind,
        "cue": draft.cue,
        "kind": draft.kind,
        "content": " ".join(d.text[a:b].strip() for a, b in spans),
        "addressee": addressee_of(d, draft, lex),
        "source_description": d.text[described[0] : described[1]] if described else None,
        "hedge": first_hedge(d, draft.start, draft.end, lex) or hedging_cue(d, draft, lex),
        "sentence": d.ctx.sentence(token_at(d, draft.start)),
        "start": draft.start,
        "end": draft.end,
        "turn_claim_id": turn_claim_id,
        "rule": draft.rule,
        # Where the words naming the source and the cue are (clean-text chars; not table columns:
        # the PolNeAR bench scores them). A continuation points at its first claim's.
        "source_start": d.tokens[src[0]].idx if own.source else None,
        "source_end": source_end,
        "source_phrase_end": described[1] if described else source_end,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        **dict(zip(("cue_phrase_start", "cue_phrase_end"), cue_phrase(d, own) or (None, None))),
        "content_spans": spans,
    }


def source_description(d: ClaimDoc, draft: Draft) -> tuple[int, int] | None:
    """Chars of the words right after the source's name that describe it: a party label in
    brackets ("Sen. Lindsey Graham (R-S.C.)") and appositives ("Kenneth Baer, a former Obama
    administration official who runs Crosscut"), never reaching the cue."""
    doc = d.doc
    s, e = draft.source  # type: ignore[misc]
    head = d.tokens[draft.head] if draft.head is not None else d.tokens[e - 1]
    limit = draft.cue_i if draft.cue_i >= e else d.ctx.sent_range(e - 1)[1]
    content = token_at(d, draft.start)
    if content >= e:
        limit = min(limit, content)  # "According to ... Rush Limbaugh, the move reeks of ...": not into what is said
    end = _description_end(d, head, e, limit)
    while end > e and d.tokens[end - 1].is_punct and d.tokens[end - 1].text != ")":
        end -= 1
    if end == e or d.in_quote(end - 1):
        return None
    first = e + 1 if d.tokens[e].text == "," else e
    return d.tokens[first].idx, d.char_end(end - 1)


def _description_end(d: ClaimDoc, head: Token, e: int, limit: int) -> int:
    """End of the words after a source's name (ending at token ``e``) that describe it, before ``limit``."""
    doc = d.doc
    end = e
    if end < limit and d.tokens[end].text == "(":
        close = next((k for k in range(end + 1, min(limit, end + 12)) if d.tokens[k].text == ")"), None)
        if close is not None:
            end = close + 1
    for c in head.rights:
        # "Kenneth Baer, a former ... official", "Luis Rubio, who heads the Center ...", "Johnnie
        # Wilson, of Springfield, Va.,", "Donna Rawlings, 59,": set off by a comma before the cue
        if c.dep_ in DESCRIPTION_DEPS and c.i >= end and c.right_edge.i < limit and d.tokens[c.left_edge.i - 1].text in (",", ")"):
            end = c.right_edge.i + 1
    if head.dep_ == "nsubj":  # the description the parser made a second subject of the cue
        second = next((c for c in head.head.children if c.dep_ == "nsubj" and c.i > head.i and appositive_pair(doc, head, c)), None)
        if second is not None and second.right_edge.i < limit:
            end = max(end, second.right_edge.i + 1)
    return end


def addressee_of(d: ClaimDoc, draft: Draft, lex: CueLexicon) -> str | None:
    """Who the claim is made to, when the cue names them ("told Reuters", "urged Congress to act",
    "called on states to ...")."""
    if draft.cue_i < 0:
        return None
    tok = d.tokens[draft.cue_i]
    key, particle = phrasal_key(tok, lex)
    if "object_infinitive" not in lex.frames.get(key, ()):
        return None
    obj = addressee_token(tok, particle)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
        # "told Welt am Sonntag": a name the parser broke into an object and a verb
        after = d.tokens[tok.i + 1] if tok.i + 1 < len(d.doc) else None
        if after is None or after.ent_iob_ != "B" or after.ent_type_ not in NAME_ENTITIES:
            return None
        name = next(e for e in d.doc.ents if e.start == after.i)
        return name.text
    return d.text[obj.left_edge.idx : d.char_end(obj.right_edge.i)]


def cue_span(d: ClaimDoc, draft: Draft) -> tuple[int, int] | None:
    if draft.cue_i < 0 or not draft.cue:
        return None
    start = d.tokens[draft.cue_i].idx
    return start, start + len(draft.cue)


def cue_phrase(d: ClaimDoc, draft: Draft) -> tuple[int, int] | None:
    """Chars of the cue with its verb group, as PolNeAR marks cues: the auxiliaries, negation and
    adverbs right before it ("has also said", "is calling") and a date right after it ("said Friday")."""
    cue = cue_span(d, draft)
    if cue is None:
        return None
    doc = d.doc
    tok = d.tokens[draft.cue_i]
    first = tok.i
    while first > 0 and d.tokens[first - 1].head.i == tok.i and d.tokens[first - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        first -= 1
    last = token_at(d, cue[1] - 1)
    nxt = last + 1
    if nxt < len(doc) and d.tokens[nxt].head.i == tok.i and d.tokens[nxt].dep_ == "npadvmod" and d.tokens[nxt].ent_type_ in TIME_ENTITIES:
        last = d.tokens[nxt].right_edge.i
    return d.tokens[first].idx, max(cue[1], d.char_end(last))
