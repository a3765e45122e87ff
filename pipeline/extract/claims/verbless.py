"""Claims without a verb: "according to X", a speaker's label, a quotation signed with a dash.

* ``according_to``: a prepositional cue (``prepositions`` in cues.json) whose
  object names the source; the statement is the clause before it, after it,
  or around it ("The economy, according to Y, will grow").
* ``speaker_label``: a paragraph opening with a label and a colon, a
  transcript's "PENCE: ..." (a person the story names, in capitals; inside a
  quoted transcript any label) or a headline's "Poll: ...".
* ``dash_signature``: a quotation followed by a dash and a name ('"..." ―
  Sonya Herridge').
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .boundaries import caps_word, clause_start, make_draft
from .draft import ClaimDoc, Draft, cue_candidates, token_at
from .labels import DASH_AFTER, QUOTE_MARKS
from .lexicon import CueLexicon
from .sources import np_span


def preposition_claims(d: ClaimDoc, lex: CueLexicon) -> list[Draft]:
    """The claims of prepositional cues ("according to X") in the story's prose."""
    return [x for i in cue_candidates(d, d.lowers, lex.preposition_ids) if (x := preposition_claim(d, i, lex)) is not None]


def preposition_claim(d: ClaimDoc, i: int, lex: CueLexicon) -> Draft | None:
    """ "according to X" at token ``i``: the first prepositional cue that matches there."""
    doc = d.doc
    for words in lex.prepositions:
        n = len(words)
        if i + n > len(doc) or tuple(t.lower_ for t in doc[i : i + n]) != words:
            continue
        pobj = _preposition_object(d.tokens[i + n - 1], i + n)
        if pobj is None or pobj.lower_ in lex.not_sources or pobj.lemma_.lower() in lex.not_sources:
            return None
        span = np_span(d, pobj)
        if span is None:
            return None
        s, e, head = span
        sent = d.ctx.sent_span(i)
        rule, content, gap = _statement_around(d, i, e, sent)
        cue = doc[i : i + n].text
        return make_draft(d, content[0], content[1], cue, i, (s, e), head, d.char_end(sent.end - 1), gap, rule=f"according_to:{rule}")
    return None


def _preposition_object(last: Token, after: int) -> Token | None:
    """The object of the cue's last word, or the phrase right after it the parser hung elsewhere."""
    doc = last.doc
    pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if pobj is None and after < len(doc):
        pobj = doc[after].head if doc[after].head.i >= after else doc[after]
    return pobj


def _statement_around(d: ClaimDoc, i: int, e: int, sent: Span) -> tuple[str, tuple[int, int], tuple[int, int] | None]:
    """The statement an "according to" cue at ``i`` (source ending at token ``e``) attributes, with
    its rule and the gap the cue leaves inside it."""
    doc = d.doc
    after = [t for t in doc[e : sent.end] if not (t.is_punct or t.is_space)]
    before = [t for t in doc[sent.start : i] if not (t.is_punct or t.is_space)]
    if not after:
        return "before", (clause_start(d, i, sent.start), d.tokens[i].idx), None
    if not before:
        return "after", (d.char_end(e - 1), d.char_end(sent.end - 1)), None
    if sent.root.i < i:
        # "X grew 5 percent, according to Y, more than ...": the statement is the clause before;
        # what follows the source describes it or is the reporter's.
        return "before", (clause_start(d, i, sent.start), d.tokens[i].idx), None
    # "The economy, according to Y, will grow": one statement around the cue
    resume = e
    while resume < sent.end and (d.tokens[resume].is_punct or d.tokens[resume].is_space):
        resume += 1
    lead = i - 1
    while lead > sent.start and (d.tokens[lead].is_punct or d.tokens[lead].is_space):
        lead -= 1
    gap = (d.char_end(lead), d.tokens[resume].idx) if resume < sent.end else None
    return "around", (clause_start(d, i, sent.start), d.char_end(sent.end - 1)), gap


def label_claims(d: ClaimDoc, lex: CueLexicon) -> list[Draft]:
    """Attributions without a verb: a transcript's "PENCE: ..." or a headline's "Poll: ...", opening a
    paragraph, and a quotation signed with a dash ('"..." ― Sonya Herridge')."""
    out = [x for a, b in d.ctx.paragraphs if (x := speaker_label(d, a, b, lex)) is not None]
    return out + [x for x in dash_signatures(d)]


def speaker_label(d: ClaimDoc, a: int, b: int, lex: CueLexicon) -> Draft | None:
    """The claim of a paragraph (tokens [a, b)) that opens with a speaker's label and a colon."""
    doc = d.doc
    opening = a
    while a < b and (d.tokens[a].is_space or d.tokens[a].text in QUOTE_MARKS):
        a += 1  # a transcript may be quoted whole: '"PENCE: Well, ...
    quoted = any(d.tokens[k].text in QUOTE_MARKS for k in range(opening, a))
    colon = next((k for k in range(a + 1, min(b, a + 6)) if d.tokens[k].text == ":"), None)
    if colon is None or colon + 1 >= b or not all(t.text[:1].isupper() or t.text in ".'’-" for t in doc[a:colon]):
        return None
    label = doc[a:colon]
    shouted = all(caps_word(t) or not t.is_alpha for t in label)
    if not _is_speaker(d, label[-1], shouted, quoted, lex):
        return None
    end = b - 1
    while end > colon and d.tokens[end].is_space:
        end -= 1
    draft = make_draft(d, d.tokens[colon + 1].idx, d.char_end(end), ":", colon, (a, colon), label[-1].i, d.char_end(end), rule="speaker_label")
    if draft is None:
        return None
    # A transcript quoted whole ('"PENCE: Well, ...'): the quotation holds the label, the words do not.
    draft.start = max(draft.start, d.tokens[min(colon + 1, end)].idx)
    if shouted and draft.kind == "indirect":
        draft.kind = "direct"  # a transcript gives the speaker's own words
    return draft


def _is_speaker(d: ClaimDoc, head: Token, shouted: bool, quoted: bool, lex: CueLexicon) -> bool:
    """Whether a label names a speaker. In capitals: a person the story names ("WALLACE:"), never a
    section ("ENERGY:"); inside a quoted transcript any label is a speaker's. Otherwise a person's
    name or a document ("Poll:")."""
    if shouted:
        return quoted or d.person_named(head.text)
    return head.ent_type_ == "PERSON" or head.lemma_.lower() in lex.speakers.document


def dash_signatures(d: ClaimDoc) -> list[Draft]:
    """Quotations signed with a dash and a name ('"..." ― Carla Sanchez')."""
    doc = d.doc
    out = []
    for q in d.quotes:
        m = DASH_AFTER.match(d.text, q.end) if q.closed else None
        if m is None:
            continue
        s = token_at(d, m.end())
        if d.tokens[s].idx < m.end():
            s += 1
        e = s
        while e < len(doc) and d.tokens[e].pos_ == "PROPN" and not d.tokens[e].is_space:
            e += 1
        if e == s:
            continue
        draft = make_draft(d, q.start, q.end, m.group(1), token_at(d, m.start(1)), (s, e), e - 1, d.char_end(e - 1), rule="dash_signature")
        if draft is not None:
            out.append(draft)
    return out
