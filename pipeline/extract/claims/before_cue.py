"""Content before the reporting clause: '"...," he said', "The plan, he said, will cost ...".

:func:`left_content` finds the clause or quotation that ends at the comma, dash
or closing quotation mark right before a reporting clause. The predicates
around it tell when those words are not the cue's content: an adverbial clause
of the saying itself, another cue's report, the same report again, a verb that
has its own object said.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..context import TIME_ENTITIES
from .boundaries import clause_start, closes_its_sentence, ends_sentence, is_title, opens_sentence
from .draft import ClaimDoc, token_at
from .labels import BOUNDARY, CLAUSE_DEPS, FINITE, NAME_ENTITIES, QUOTE_MARKS, SUBJECT_DEPS, WORD
from .lexicon import CueLexicon


def qualifies_the_saying(d: ClaimDoc, span: tuple[int, int], tok: Token, lex: CueLexicon) -> bool:
    """Whether content before the cue is an adverbial clause of the cue itself ("when Congress cut
    funding ..., Mexico said enough"), not the words said: a sentence that goes on with a finite
    verb after the cue ("Though the transition was seamless, he said, replacing Clinton would ...")
    keeps its content."""
    first = token_at(d, span[0])
    lead = next((t for t in d.doc[first:tok.i] if t.pos_ != "CCONJ" and not t.is_punct), None)
    if lead is None or d.in_quote(lead.i) or lead.lower_ not in lex.subordinators:
        return False  # '"When we're trading traitors for terrorists," he said': the speaker's words
    if lead.head.dep_ != "advcl" or lead.head.head.i != tok.i:
        return False
    return not any(t.tag_ in FINITE for t in d.doc[tok.i + 1 : d.ctx.sent_range(tok.i)[1]])


def under_another_cue(d: ClaimDoc, span: tuple[int, int], tok: Token, lex: CueLexicon) -> Token | None:
    """The verb of saying inside the content before the cue that the cue hangs on in the parse:
    then that content is the other cue's report and this cue is part of it."""
    for up in tok.ancestors:
        if span[0] <= up.idx < span[1] and up.lemma_.lower() in lex.frames and up.pos_ in ("VERB", "AUX") and not d.in_quote(up.i):
            return up
    return None


def reports_another_source(d: ClaimDoc, left: tuple[int, int], inner: Token, tok: Token, head: Token, after: int, lex: CueLexicon) -> bool:
    """Whether a reporting clause after a comma closes the sentence and reports someone else's
    report ("Clinton had told police ..., the source added."), not its own source's again ("The
    Journal said ..., the Journal reported")."""
    if d.text[left[1] : left[1] + 2].lstrip()[:1] != "," or not closes_its_sentence(tok, after):
        return False
    if head.lemma_.lower() in lex.speakers.document:
        return False  # "..., which he said were at his side, the footage showed": a document shows facts, not reports
    inner_subject = next((c for c in inner.children if c.dep_ in SUBJECT_DEPS), None)
    return inner_subject is None or inner_subject.lemma_.lower() != head.lemma_.lower()


def repeats_its_report(d: ClaimDoc, left: tuple[int, int], tok: Token, head: Token, lex: CueLexicon) -> bool:
    """Whether the content before a reporting clause opens with the same source's own reporting
    clause, which the parser hung on this one ("The Journal said X, the Journal reported")."""
    for c in tok.children:
        if c.dep_ in CLAUSE_DEPS and left[0] <= c.idx < left[1] and c.lemma_.lower() in lex.frames:
            subject = next((k for k in c.children if k.dep_ in SUBJECT_DEPS), None)
            if subject is not None and subject.lemma_.lower() == head.lemma_.lower():
                return True
    return False


def reports_its_object(d: ClaimDoc, tok: Token, frames: frozenset[str]) -> bool:
    """Whether a verb of saying has a thing said as its object ("had declared bankruptcy",
    "announced the deal", "said yes"): then the words before it are not what it reports. Addressees
    ("told Reuters", "warned investors") and dates ("said Tuesday") are no such object, nor is a
    quotation resumed after the clause ('"We will win," he said, "the only race that matters."')."""
    if "object_infinitive" in frames:
        return False
    return any(
        (c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in TIME_ENTITIES and not d.in_quote(c.i))
        or (c.dep_ == "intj" and c.i > tok.i)  # "Melanie said yes, yes, yes": her answer, after the cue
        for c in tok.children
    )


def reporting_clause(d: ClaimDoc, s: int, e: int, head: int, tok: Token) -> bool:
    """Whether source and cue stand together ("X, a ... at Y, said on Friday"; "said X"), not a
    subject far from its verb ("The State Department in November delayed ..., citing ...")."""
    if s > tok.i:
        return True
    doc = d.doc
    h = d.tokens[head]
    lo, hi = h.left_edge.i, h.right_edge.i
    k = e
    while k < tok.i:
        t = d.tokens[k]
        if t.text == "," and d.tokens[k + 1].tag_ in ("VBG", "VBN"):
            # '"...," Obama, referring to fuel prices, told ...': a participle set off by commas
            close = next((j for j in range(k + 2, tok.i) if d.tokens[j].text == ","), None)
            if close is not None:
                k = close + 1
                continue
        if not (t.is_punct or t.is_space or lo <= k <= hi or (t.head.i == tok.i and t.dep_ in ("aux", "advmod", "neg"))):
            return False
        k += 1
    return True


def left_content(d: ClaimDoc, rc_start: int, sent: Span, phrase_ok: bool = False) -> tuple[int, int] | None:
    """Content before a reporting clause that follows it after a comma or a closing quotation mark;
    with ``phrase_ok`` also a phrase without a verb (the start of "The museum, he said, celebrated ...")."""
    doc = d.doc
    b = _boundary_before(d, rc_start)
    if b is None:
        return None
    sent_start = sent.start if b >= sent.start else d.ctx.sent_range(b)[0]
    if d.tokens[b].text in QUOTE_MARKS:
        return _quotation_before(d, b, sent_start)
    return _clause_before(d, b, sent_start, phrase_ok)


def _boundary_before(d: ClaimDoc, rc_start: int) -> int | None:
    """The comma, dash or closing quotation mark right before a reporting clause, in its paragraph."""
    doc = d.doc
    b = rc_start - 1
    # Title words the parser left out of the source belong to the reporting clause ("GM CEO Rick Wagoner told").
    # A name the tagger took for a verb counts too ("Tulsa police Chief Chuck Jordan said", "Tulsa" a VB).
    while b >= 0 and rc_start - b <= 6 and d.tokens[b].is_alpha and (
        d.tokens[b].pos_ in ("PROPN", "NOUN", "ADJ", "DET") or d.tokens[b].ent_type_ in NAME_ENTITIES
    ):
        b -= 1
    while b >= 0 and d.tokens[b].is_space:
        b -= 1
    if b < 0 or d.ctx.paragraph_of[b] != d.ctx.paragraph_of[rc_start]:
        return None
    if d.tokens[b].text not in BOUNDARY and d.tokens[b].text not in QUOTE_MARKS:
        return None
    if d.tokens[b].text == "-" and not d.tokens[b - 1].whitespace_:
        return None  # the hyphen of "Anheuser-Busch", not a dash
    return b


def _quotation_before(d: ClaimDoc, b: int, sent_start: int) -> tuple[int, int] | None:
    """The quotation closing at token ``b``, with the reporter's words before it in the same
    sentence ('X was a "pretty remote risk," he added': a mixed quote), unless a sentence ends
    between."""
    doc = d.doc
    q = d.quote_at(d.tokens[b].idx)
    if q is None or q.end != d.char_end(b):
        return None  # an opening mark: no content before
    start = clause_start(d, b, sent_start)
    first, opening = token_at(d, start), token_at(d, q.start)
    ended = any(ends_sentence(t) for t in doc[first:opening])
    # '..., "I think we've had good activity," said X': a sentence of the speaker's own after the
    # reporter's comma, not the end of the reporter's sentence
    own_sentence = d.text[start : q.start].rstrip().endswith(",") and opens_sentence(d.tokens[token_at(d, q.inner_start)])
    if not (start < q.start and WORD.search(d.text[start : q.start]) and not ended and not own_sentence):
        return q.start, q.end
    if is_title(d.text[q.inner_start : q.inner_end].rstrip(",.;: ")) and not any(t.pos_ in ("VERB", "AUX") for t in doc[first:opening]):
        # 'In his 2002 book, "Make Your Kid a Millionaire," X suggested': a title in a phrase
        # (unlike 'That "will advance consultations ...," Noda said')
        return None
    return start, q.end


def _clause_before(d: ClaimDoc, b: int, sent_start: int, phrase_ok: bool) -> tuple[int, int] | None:
    """The clause from its sentence's start to the comma or dash at token ``b``: a clause with a
    finite verb, a quotation opening it, or (``phrase_ok``) any phrase."""
    doc = d.doc
    end = d.tokens[b].idx
    start = clause_start(d, b, sent_start)
    if end - start < 3:
        return None
    first = token_at(d, start)
    if not any(c.islower() for c in d.text[start:end]):
        return None  # an all-caps heading glued before the reporting clause
    quotes = d.quotes_in(start, end)
    opens_with_quote = bool(quotes) and not d.text[start : quotes[0].start].strip()
    verbs = [t for t in doc[first:b] if t.pos_ in ("VERB", "AUX")]
    participial = d.tokens[first].tag_ in ("VBG", "VBN") and all(t.tag_ in ("VBG", "VBN", "TO", "VB") for t in verbs)
    if not phrase_ok and not opens_with_quote and (not verbs or participial):
        # "In 2006, X agreed to ...", "In his 2002 book, "Make Your Kid a Millionaire," X suggested",
        # "Speaking to students at Drexel, Biden responded": a phrase, no clause
        return None
    return start, end
