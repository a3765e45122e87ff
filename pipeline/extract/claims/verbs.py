"""TODO verbs"""

from __future__ import annotations

from spacy.tokens import Token
from .before_cue import left_content, qualifies_the_saying, repeats_its_report, reporting_clause, reports_another_source, reports_its_object, under_another_cue
from .boundaries import after_colon_or_quote, after_reporting_clause, block_quotation, clause_end, clause_start, make_draft
from .draft import ClaimDoc, Draft, token_chars
from .frames import phrasal_key, right_content, surface_clause
from .hedges import is_expectation
from .labels import QUOTE_MARKS, SUBJECT_DEPS
from .lexicon import CueLexicon
from .sources import np_span, source_like, source_of, source_ok


def verb_claims(d: ClaimDoc, tok: Token, lex: CueLexicon) -> list[Draft]:
    if tok.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in tok.children):
        return []
    if tok.dep_ == "compound" and tok.i == tok.sent.start and tok.tag_ == "VBD" and tok.is_title:
        return inverted_claim(d, tok, lex)  # 'Said Ellis: "..."'
    if tok.is_title and tok.i > tok.sent.start and tok.nbor(-1).is_title:
        return []  # a heading in title case glued to its paragraph ("The Gap Goes On: It was ...")
    if any(c.dep_ == "neg" and not d.in_quote(c.i) for c in tok.children) or tok.dep_ in ("amod", "compound", "nmod"):
        return []  # "did not say", "the said company"; not the quoted '"Probably not," she said'
    auxes = [c for c in tok.children if c.dep_ == "aux"]
    if any(c.tag_ == "MD" for c in auxes) and any(c.lemma_ == "have" for c in auxes):
        return []  # "So too, Stein could have added, are ...": what someone might have said, not what they did
    if tok.head.lower_ == "without" and tok.dep_ == "pcomp":
        return []  # "It goes without saying that ...", "left without commenting": nothing said
    key, particle = phrasal_key(tok, lex)
    frames = lex.frames.get(key)
    if not frames:
        return []
    if "quoted_as" in frames:
        return quoted_as(d, tok, lex)
    as_mark = next((c for c in tok.lefts if c.dep_ == "mark" and c.lower_ == "as"), None)
    if "as_clause" in frames and (as_mark is None or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.rights)):
        return []  # "put" reports only in "..., as X put it"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.refusals:
        return []  # "declined to say how ...", "refused to comment"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.prospects and tok.head.tag_ not in ("VB", "VBP", "VBZ", "VBD", "VBG"):
        return []  # "is expected to report", "is due to report": a saying to come (not "expects to say")
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children):
        # "Asked whether ..., he said": the question is put to the speaker, who answers after;
        # "the official charged with negotiating", "the plan announced on Tuesday": a participle of a noun
        return []
    if is_expectation(tok, lex) and (
        tok.dep_ == "acl" or any(t.lower_ in lex.hedge_not_after for t in tok.doc[max(tok.sent.start, tok.i - 3) : tok.i])
    ):
        # "the number of people expecting rates to rise": who they are, not what they say; "longer
        # than investors expect if ...", "as analysts expected": a comparison
        return []
    if tok.head.lower_ == "as" and "quoted_as" in lex.frames.get(tok.head.head.lemma_.lower(), ()):
        return []  # the "saying" of "quoted ... as saying": the quoting verb reports it
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in lex.not_followed_by.get(tok.lemma_.lower(), ()):
        return []  # "added to gains", "showed up"
    source = source_of(d, tok, lex)
    if source is None:
        return []
    s, e, head = source
    if not source_ok(d.doc[head], key, lex):
        return []
    cue_text = tok.text + (" " + particle.text if particle is not None else "")
    sent = tok.sent
    reach = d.char_end(sent.end - 1)
    rc_start = min(s, tok.i)
    while rc_start > 0 and d.doc[rc_start - 1].head.i == tok.i and (d.doc[rc_start - 1].dep_ in ("aux", "advmod") or d.doc[rc_start - 1] == as_mark):
        rc_start -= 1  # "Enbridge had said", "also said", "..., as the minister said"
    quote_only = key in lex.quote_only
    block = block_quotation(d, tok, max(e, tok.i + 1)) if frames & {"clause", "colon"} and not quote_only else None
    right = block or right_content(d, tok, frames - {"clause"} if quote_only else frames, particle, lex)
    framed = right  # "asked Congress to act": a quote-only cue keeps what its other frames give
    if right is None and "clause" in frames:
        right = after_colon_or_quote(d, tok, max(e, tok.i + 1))
    elif right is None and "colon" in frames:
        right = after_colon_or_quote(d, tok, max(e, tok.i + 1), colon_only=True)  # "Limbaugh continued:"
    # Content before the reporting clause only when the clause is one: source and cue side by side.
    inserted = (
        reporting_clause(d, s, e, head, tok)
        and not reports_its_object(d, tok, frames)
        # "continue" reports after its colon, or the quotation just before it ('"...," she continued')
        and ("colon" not in frames or (rc_start > 0 and d.doc[rc_start - 1].text in QUOTE_MARKS))
        # "X agreed to be acquired ..., a source said": a cue with its own infinitive stands in no one's words
        and not any(c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX") for c in tok.children)
    )
    left = left_content(d, rc_start, sent) if inserted else None
    if left is not None and qualifies_the_saying(d, left, tok, lex):
        left = None  # "But when Congress cut funding ..., Mexico said enough": the when-clause is the reporter's
    inner = under_another_cue(d, left, tok, lex) if left is not None else None
    if inner is not None and not reports_another_source(d, left, inner, tok, d.doc[head], max(e, tok.i + 1), lex):
        # "Republicans said the timing was not intentional; they only learned ...": theirs, not "they"'s
        left = None
    if left is not None and repeats_its_report(d, left, tok, d.doc[head], lex):
        left = None  # "The Journal said ..., the Journal reported": the first reporting clause has it
    as_gap = None
    if right is None and left is None and as_mark is not None and frames & {"clause", "as_clause"}:
        # "As the minister said, prices will rise": the sentence after the reporting clause;
        # "After that, as Lewis put it, the decision will be up to Mozilo": the sentence around it
        mid = after_reporting_clause(d, tok, max(e, tok.i + 1), sent, lex)
        if mid is not None:
            begin = clause_start(d, as_mark.i, sent.start)
            if begin < as_mark.idx and d.text[begin : as_mark.idx].strip(" ,"):
                right, as_gap = (begin, d.char_end(sent.end - 1)), (as_mark.idx, d.doc[mid].idx)
            else:
                right = (d.doc[mid].idx, d.char_end(sent.end - 1))
    if right is None and left is None and "clause" in frames:
        right = surface_clause(d, tok, sent)
    phrase_only = False
    if right is None and left is None and "clause" in frames and inserted:
        # "The latest test, North Korea said, was its biggest yet": a phrase before the reporting
        # clause, the sentence's verb after it (never the phrase alone).
        left = left_content(d, rc_start, sent, phrase_ok=True)
        phrase_only = left is not None
    out: list[Draft] = []

    def add(span: tuple[int, int] | None, gap: tuple[int, int] | None = None) -> None:
        if span is None:
            return
        draft = make_draft(d, span[0], span[1], cue_text, tok.i, (s, e), head, reach, gap)
        if draft is not None:
            out.append(draft)

    if right is not None:
        left_draft = None
        q = d.quote_at(left[1] - 1) if left is not None else None
        # '"A," he said, adding B': the quotation ends with a comma; after '"A." X said B' it is someone else's.
        if q is not None and not d.text[q.end : left[1]].strip(" ,") and "," in d.text[q.inner_end - 1 : left[1] + 1]:
            left_draft = make_draft(d, left[0], left[1], cue_text, tok.i, (s, e), head, reach)
        if left_draft is not None and left_draft.kind == "direct":
            out.append(left_draft)  # '"A," he said, "B."' and '"A," he said, adding that B'
        add(right, as_gap)
    elif left is not None and frames & {"clause", "colon", "as_clause"}:
        mid = after_reporting_clause(d, tok, max(e, tok.i + 1), sent, lex)
        if mid is not None:
            q = d.quote_at(d.doc[mid].idx)
            left_draft = make_draft(d, left[0], left[1], cue_text, tok.i, (s, e), head, reach)
            if q is not None and left_draft is not None and left_draft.kind == "direct":
                out.append(left_draft)  # '"A," X said, "B."': two quoted parts, one turn
                add((q.start, q.end))
            else:
                # "The plan, he said, will cost ...": one statement around the reporting clause
                add((left[0], d.char_end(sent.end - 1)), (left[1], d.doc[mid].idx))
        elif not phrase_only:
            add(left)
    if quote_only:
        out = [x for x in out if x.kind == "direct" or (framed is not None and (x.start, x.end) == framed)]
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
    draft = make_draft(d, content[0], content[1], tok.text, tok.i, (s, e), head, d.char_end(tok.sent.end - 1))
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
        while e > s and d.doc[e - 1].tag_ == "POS":
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
    return make_draft(d, chars[0], chars[1], tok.text, tok.i, (s, e), head, d.char_end(tok.sent.end - 1))


def quoted_as(d: ClaimDoc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """ "a newspaper quoted the CEO as saying", "Wagoner was quoted as saying": the one quoted is the source."""
    saying = next((g for c in tok.rights if c.lower_ == "as" for g in c.children if g.lemma_.lower() in lex.frames), None)
    quoted = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if saying is None or quoted is None or d.in_quote(quoted.i):
        return []
    span = np_span(d, quoted)
    if span is None or not source_like(d.doc[span[2]], lex):
        return []
    s, e, head = span
    sent = tok.sent
    cue = f"{tok.text} as {saying.text}"
    right = right_content(d, saying, lex.frames[saying.lemma_.lower()], None, lex)
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), quoted)
    rc_start = min(subject.left_edge.i, tok.i)
    while rc_start > 0 and d.doc[rc_start - 1].head.i == tok.i and d.doc[rc_start - 1].dep_ in ("aux", "auxpass", "advmod"):
        rc_start -= 1
    span_chars = right or after_colon_or_quote(d, saying, saying.i + 1) or left_content(d, rc_start, sent)
    if span_chars is None:
        return []
    draft = make_draft(d, span_chars[0], span_chars[1], cue, tok.i, (s, e), head, d.char_end(sent.end - 1))
    return [draft] if draft is not None else []
