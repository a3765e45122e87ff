"""Verb cues: vetoes, source, then the content sieves in order.

:func:`verb_claims` drops vetoed cues (:mod:`.cues`), finds the source
(:mod:`.sources`) and hands the cue to :func:`attribute`, which runs
:data:`CONTENT_SIEVES` in order on a :class:`Reading`; each sieve fills only
what the ones before left open, and the row's rule is ``verb:`` and the name of
the step that found the content (``verb:clause``, ``verb:after_colon``,
``verb:before_cue``, ``verb:around_cue``, ...). Cue nouns ("Trump's claim
that ...", rule ``noun``), 'Said Ellis: "..."' (``inverted``) and "quoted ... as
saying" (``quoted_as:...``) are here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Span, Token

from .before_cue import left_content, qualifies_the_saying, repeats_its_report, reporting_clause, reports_another_source, reports_its_object, under_another_cue
from .boundaries import after_colon_or_quote, after_reporting_clause, block_quotation, clause_end, clause_start, make_draft
from .cues import CUE_VETOES, TOKEN_VETOES, Cue, not_a_verb, opens_inverted_claim, read_cue, vetoed
from .draft import ClaimDoc, Draft, SourceRef, cue_candidates, token_chars
from .frames import right_content, surface_clause
from .labels import QUOTE_MARKS, SUBJECT_DEPS
from .lexicon import CueLexicon
from .sources import np_span, source_like, source_of, source_ok


def verb_cue_claims(d: ClaimDoc, lex: CueLexicon) -> list[Draft]:
    """The claims of every verb of saying in the story's prose, outside quotations."""
    return [x for i in cue_candidates(d, d.lemmas, lex.lemma_ids) for x in verb_claims(d, d.tokens[i], lex)]


def noun_cue_claims(d: ClaimDoc, lex: CueLexicon) -> list[Draft]:
    """The claims of cue nouns ("Trump's claim that ...")."""
    nouns = (d.tokens[i] for i in cue_candidates(d, d.lemmas, lex.noun_ids))
    return [x for tok in nouns if tok.pos_ == "NOUN" and (x := noun_claim(d, tok, lex)) is not None]


def verb_claims(d: ClaimDoc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """The claims a verb of saying reports: the cue's vetoes (:mod:`.cues`), its source
    (:mod:`.sources`), then its content (:func:`attribute`)."""
    if not_a_verb(d, tok, lex):
        return []
    if opens_inverted_claim(tok):
        return inverted_claim(d, tok, lex)
    cue = read_cue(tok, lex)
    if vetoed(d, cue, lex, TOKEN_VETOES):
        return []
    if "quoted_as" in cue.frames:
        return quoted_as(d, tok, lex)
    if vetoed(d, cue, lex, CUE_VETOES):
        return []
    source = source_of(d, tok, lex)
    if source is None or not source_ok(d.tokens[source[2]], cue.key, lex):
        return []
    return attribute(d, cue, SourceRef(*source), lex)


@dataclass
class Reading:
    """What the content sieves of one cue have decided so far: the content after the reporting
    clause (``right``), before it (``left``), each with the rule that found it."""

    cue: Cue
    source: SourceRef
    sent: Span
    rc_start: int  # first token of the reporting clause ("Enbridge had said", "..., as the minister said")
    right: tuple[int, int] | None = None
    right_rule: str = ""
    framed: tuple[int, int] | None = None  # what the frames (or a block quotation) gave
    left: tuple[int, int] | None = None
    inserted: bool = False  # source and cue side by side: content may stand before them
    phrase_only: bool = False
    as_gap: tuple[int, int] | None = None

    @property
    def after(self) -> int:
        """First token after the reporting clause's source and cue."""
        return max(self.source.end, self.cue.tok.i + 1)

    @property
    def open(self) -> bool:
        """Whether no sieve has found content yet."""
        return self.right is None and self.left is None


def attribute(d: ClaimDoc, cue: Cue, source: SourceRef, lex: CueLexicon) -> list[Draft]:
    """The content sieves, in order; each decides only what the ones before left open."""
    r = Reading(cue, source, d.ctx.sent_span(cue.tok.i), _reporting_clause_start(d, cue, source))
    for sieve in CONTENT_SIEVES:
        sieve(d, r, lex)
    out = assemble(d, r, lex)
    if cue.key in lex.quote_only:
        # "asked", "chanted": the speaker's quoted words only, or what the cue's other frames gave
        out = [x for x in out if x.kind == "direct" or (r.framed is not None and (x.start, x.end) == r.framed)]
    return out


def _reporting_clause_start(d: ClaimDoc, cue: Cue, source: SourceRef) -> int:
    tok = cue.tok
    rc_start = min(source.start, tok.i)
    while rc_start > 0 and d.tokens[rc_start - 1].head.i == tok.i and (d.tokens[rc_start - 1].dep_ in ("aux", "advmod") or d.tokens[rc_start - 1] == cue.as_mark):
        rc_start -= 1  # "Enbridge had said", "also said", "..., as the minister said"
    return rc_start


def after_the_cue(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """A block quotation the cue introduces, else the first frame reader that finds a complement
    (:data:`.frames.FRAME_READERS`); a quote-only cue ("asked") reads no clause."""
    cue = r.cue
    quote_only = cue.key in lex.quote_only
    if cue.frames & {"clause", "colon"} and not quote_only:
        block = block_quotation(d, cue.tok, r.after)
        if block is not None:
            r.right = r.framed = block
            r.right_rule = "block_quotation"
            return
    found = right_content(d, cue.tok, cue.frames - {"clause"} if quote_only else cue.frames, cue.particle, lex)
    if found is not None:
        r.right_rule, r.right = found
        r.framed = r.right


def after_a_colon(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """ 'X said: ...', 'X said, "..."'; a "colon" cue only after its colon ("Limbaugh continued:")."""
    if r.right is not None:
        return
    if "clause" in r.cue.frames:
        r.right = after_colon_or_quote(d, r.cue.tok, r.after)
    elif "colon" in r.cue.frames:
        r.right = after_colon_or_quote(d, r.cue.tok, r.after, colon_only=True)
    r.right_rule = "after_colon"


def before_the_cue(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """Content before the reporting clause, only when the clause is one (source and cue side by
    side), and not when it is the reporter's, another cue's or the same report again."""
    tok, head = r.cue.tok, d.tokens[r.source.head]
    r.inserted = is_inserted(d, r.cue, r.source, r.rc_start)
    left = left_content(d, r.rc_start, r.sent) if r.inserted else None
    if left is not None and qualifies_the_saying(d, left, tok, lex):
        left = None  # "But when Congress cut funding ..., Mexico said enough": the when-clause is the reporter's
    inner = under_another_cue(d, left, tok, lex) if left is not None else None
    if inner is not None and not reports_another_source(d, left, inner, tok, head, r.after, lex):
        # "Republicans said the timing was not intentional; they only learned ...": theirs, not "they"'s
        left = None
    if left is not None and repeats_its_report(d, left, tok, head, lex):
        left = None  # "The Journal said ..., the Journal reported": the first reporting clause has it
    r.left = left


def is_inserted(d: ClaimDoc, cue: Cue, source: SourceRef, rc_start: int) -> bool:
    """Whether the reporting clause can follow its content: source and cue side by side, no object
    said, a "continue" cue only after a quotation, no infinitive of the cue's own."""
    tok = cue.tok
    return (
        reporting_clause(d, source.start, source.end, source.head, tok)
        and not reports_its_object(d, tok, cue.frames)
        # "continue" reports after its colon, or the quotation just before it ('"...," she continued')
        and ("colon" not in cue.frames or (rc_start > 0 and d.tokens[rc_start - 1].text in QUOTE_MARKS))
        # "X agreed to be acquired ..., a source said": a cue with its own infinitive stands in no one's words
        and not any(c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX") for c in tok.children)
    )


def around_an_as_clause(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """ "As the minister said, prices will rise": the sentence after the reporting clause; "After
    that, as Lewis put it, the decision will be up to Mozilo": the sentence around it."""
    as_mark = r.cue.as_mark
    if not r.open or as_mark is None or not r.cue.frames & {"clause", "as_clause"}:
        return
    mid = after_reporting_clause(d, r.cue.tok, r.after, r.sent, lex)
    if mid is None:
        return
    end = d.char_end(r.sent.end - 1)
    begin = clause_start(d, as_mark.i, r.sent.start)
    if begin < as_mark.idx and d.text[begin : as_mark.idx].strip(" ,"):
        r.right, r.as_gap = (begin, end), (as_mark.idx, d.tokens[mid].idx)
    else:
        r.right = (d.tokens[mid].idx, end)
    r.right_rule = "as_clause"


def unattached_clause(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """A complement clause the parser attached elsewhere (:func:`.frames.surface_clause`)."""
    if r.open and "clause" in r.cue.frames:
        r.right = surface_clause(d, r.cue.tok, r.sent)
        r.right_rule = "surface_clause"


def phrase_before_the_cue(d: ClaimDoc, r: Reading, lex: CueLexicon) -> None:
    """ "The latest test, North Korea said, was its biggest yet": a phrase before the reporting
    clause, the sentence's verb after it (never the phrase alone)."""
    if r.open and "clause" in r.cue.frames and r.inserted:
        r.left = left_content(d, r.rc_start, r.sent, phrase_ok=True)
        r.phrase_only = r.left is not None


Sieve = Callable[[ClaimDoc, Reading, CueLexicon], None]

# The content sieves of a verb cue, in order (docs/claims-experts.md).
CONTENT_SIEVES: tuple[Sieve, ...] = (after_the_cue, after_a_colon, before_the_cue, around_an_as_clause, unattached_clause, phrase_before_the_cue)


def assemble(d: ClaimDoc, r: Reading, lex: CueLexicon) -> list[Draft]:
    """The drafts of what the sieves found: the content after the cue (with the quoted part before
    it, '"A," he said, "B."'), else the content before the cue, or around it."""
    if r.right is not None:
        return _with_quoted_lead(d, r) + _drafts(d, r, [(r.right, r.as_gap, r.right_rule)])
    if r.left is None:
        return []
    if not r.cue.frames & {"clause", "colon", "as_clause"}:
        return []
    mid = after_reporting_clause(d, r.cue.tok, r.after, r.sent, lex)
    if mid is None:
        return [] if r.phrase_only else _drafts(d, r, [(r.left, None, "before_cue")])
    q = d.quote_at(d.tokens[mid].idx)
    lead = _draft(d, r, r.left, None, "before_cue")
    if q is not None and lead is not None and lead.kind == "direct":
        return [lead] + _drafts(d, r, [((q.start, q.end), None, "quote_after_cue")])  # '"A," X said, "B."': one turn
    # "The plan, he said, will cost ...": one statement around the reporting clause
    around = ((r.left[0], d.char_end(r.sent.end - 1)), (r.left[1], d.tokens[mid].idx), "around_cue")
    return _drafts(d, r, [around])


def _with_quoted_lead(d: ClaimDoc, r: Reading) -> list[Draft]:
    """ '"A," he said, "B."' and '"A," he said, adding that B': the quotation before the cue ends
    with a comma; after '"A." X said B' it is someone else's."""
    left = r.left
    q = d.quote_at(left[1] - 1) if left is not None else None
    if q is None or d.text[q.end : left[1]].strip(" ,") or "," not in d.text[q.inner_end - 1 : left[1] + 1]:
        return []
    lead = _draft(d, r, left, None, "before_cue")
    return [lead] if lead is not None and lead.kind == "direct" else []


def _draft(d: ClaimDoc, r: Reading, span: tuple[int, int], gap: tuple[int, int] | None, rule: str) -> Draft | None:
    s = r.source
    reach = d.char_end(r.sent.end - 1)
    return make_draft(d, span[0], span[1], r.cue.text, r.cue.tok.i, (s.start, s.end), s.head, reach, gap, rule=f"verb:{rule}")


def _drafts(d: ClaimDoc, r: Reading, parts: list[tuple[tuple[int, int] | None, tuple[int, int] | None, str]]) -> list[Draft]:
    out = []
    for span, gap, rule in parts:
        draft = _draft(d, r, span, gap, rule) if span is not None else None
        if draft is not None:
            out.append(draft)
    return out


def inverted_claim(d: ClaimDoc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """'Said Ellis: "I don't get the sense ..."': a sentence opened by the cue, the name after it,
    then a colon or comma and the words said (the parser makes the cue part of the name)."""
    if "clause" not in lex.frames.get(tok.lemma_.lower(), ()) or tok.head.pos_ != "PROPN":
        return []
    span = np_span(d, tok.head)
    if span is None:
        return []
    s, e, head = span
    s = max(s, tok.i + 1)
    content = after_colon_or_quote(d, tok, e)
    if content is None:
        return []
    draft = make_draft(d, content[0], content[1], tok.text, tok.i, (s, e), head, d.char_end(d.ctx.sent_range(tok.i)[1] - 1), rule="inverted")
    return [draft] if draft is not None else []


def noun_claim(d: ClaimDoc, tok: Token, lex: CueLexicon) -> Draft | None:
    """ "Trump's claim that there have been thousands of shootings", "a New York Times report that
    ...": a cue noun with a that-clause, attributed to the noun's possessor or its name. Without
    one ("claims that ...") the source is unknown and nothing is reported."""
    clause = next(
        (c for c in tok.rights if c.dep_ in ("acl", "relcl", "ccomp") and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)),
        None,
    )
    if clause is None or not any(k.dep_ in SUBJECT_DEPS for k in clause.children):
        return None
    owner = next((c for c in tok.lefts if c.dep_ == "poss"), None)
    if owner is not None:
        span = np_span(d, owner)
        if span is None:
            return None
        s, e, head = span
        while e > s and d.tokens[e - 1].tag_ == "POS":
            e -= 1  # "Trump's": the name, not the possessive
    else:
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            return None
        s, e, head = names[0].left_edge.i, tok.i, names[-1].i
    if d.ctx.paragraph_of[head] != d.ctx.paragraph_of[tok.i]:
        return None
    start = next(k for k in clause.children if k.dep_ == "mark").i + 1
    chars = token_chars(d, start, clause_end(d, clause, lex))
    return make_draft(d, chars[0], chars[1], tok.text, tok.i, (s, e), head, d.char_end(d.ctx.sent_range(tok.i)[1] - 1), rule="noun")


def quoted_as(d: ClaimDoc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """ "a newspaper quoted the CEO as saying", "Wagoner was quoted as saying": the one quoted is the source."""
    saying = next((g for c in tok.rights if c.lower_ == "as" for g in c.children if g.lemma_.lower() in lex.frames), None)
    quoted = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if saying is None or quoted is None or d.in_quote(quoted.i):
        return []
    span = np_span(d, quoted)
    if span is None or not source_like(d.tokens[span[2]], lex):
        return []
    s, e, head = span
    sent = d.ctx.sent_span(tok.i)
    cue = f"{tok.text} as {saying.text}"
    found = right_content(d, saying, lex.frames[saying.lemma_.lower()], None, lex)
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), quoted)
    rc_start = min(subject.left_edge.i, tok.i)
    while rc_start > 0 and d.tokens[rc_start - 1].head.i == tok.i and d.tokens[rc_start - 1].dep_ in ("aux", "auxpass", "advmod"):
        rc_start -= 1
    rule, span_chars = found or ("after_colon", after_colon_or_quote(d, saying, saying.i + 1))
    if span_chars is None:
        rule, span_chars = "before_cue", left_content(d, rc_start, sent)
    if span_chars is None:
        return []
    draft = make_draft(d, span_chars[0], span_chars[1], cue, tok.i, (s, e), head, d.char_end(sent.end - 1), rule=f"quoted_as:{rule}")
    return [draft] if draft is not None else []
