"""TODO verbless"""

from __future__ import annotations
from .boundaries import caps_word, clause_start, make_draft
from .draft import ClaimDoc, Draft, token_at
from .labels import DASH_AFTER, QUOTE_MARKS
from .lexicon import CueLexicon
from .sources import np_span


def preposition_claim(d: ClaimDoc, i: int, lex: CueLexicon) -> Draft | None:
    doc = d.doc
    for words in lex.prepositions:
        n = len(words)
        if i + n > len(doc) or tuple(t.lower_ for t in doc[i : i + n]) != words:
            continue
        last = doc[i + n - 1]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None and i + n < len(doc):
            pobj = doc[i + n].head if doc[i + n].head.i >= i + n else doc[i + n]
        if pobj is None or pobj.lower_ in lex.not_sources or pobj.lemma_.lower() in lex.not_sources:
            return None
        span = np_span(d, pobj)
        if span is None:
            return None
        s, e, head = span
        sent = doc[i].sent
        after = [t for t in doc[e : sent.end] if not (t.is_punct or t.is_space)]
        before = [t for t in doc[sent.start : i] if not (t.is_punct or t.is_space)]
        gap = None
        if not after:
            content = (clause_start(d, i, sent.start), doc[i].idx)
        elif not before:
            content = (d.char_end(e - 1), d.char_end(sent.end - 1))
        elif sent.root.i < i:
            # "X grew 5 percent, according to Y, more than ...": the statement is the clause before;
            # what follows the source describes it or is the reporter's.
            content = (clause_start(d, i, sent.start), doc[i].idx)
        else:
            # "The economy, according to Y, will grow": one statement around the cue
            resume = e
            while resume < sent.end and (doc[resume].is_punct or doc[resume].is_space):
                resume += 1
            content = (clause_start(d, i, sent.start), d.char_end(sent.end - 1))
            lead = i - 1
            while lead > sent.start and (doc[lead].is_punct or doc[lead].is_space):
                lead -= 1
            gap = (d.char_end(lead), doc[resume].idx) if resume < sent.end else None
        cue = doc[i : i + n].text
        return make_draft(d, content[0], content[1], cue, i, (s, e), head, d.char_end(sent.end - 1), gap)
    return None


def label_claims(d: ClaimDoc, lex: CueLexicon) -> list[Draft]:
    """Attributions without a verb: a transcript's "PENCE: ..." or a headline's "Poll: ...", opening a
    paragraph, and a quotation signed with a dash ('"..." ― Sonya Herridge')."""
    doc, ctx = d.doc, d.ctx
    out: list[Draft] = []
    for a, b in ctx.paragraphs:
        opening = a
        while a < b and (doc[a].is_space or doc[a].text in QUOTE_MARKS):
            a += 1  # a transcript may be quoted whole: '"PENCE: Well, ...
        quoted = any(doc[k].text in QUOTE_MARKS for k in range(opening, a))
        colon = next((k for k in range(a + 1, min(b, a + 6)) if doc[k].text == ":"), None)
        if colon is None or colon + 1 >= b or not all(t.text[:1].isupper() or t.text in ".'’-" for t in doc[a:colon]):
            continue
        label = doc[a:colon]
        head = label[-1]
        shouted = all(caps_word(t) or not t.is_alpha for t in label)
        lemma = head.lemma_.lower()
        if shouted:
            # A transcript's speaker: a person the story names ("WALLACE:"), never a section
            # ("ENERGY:"); inside a quoted transcript any label is a speaker's.
            if not (quoted or d.person_named(head.text)):
                continue
        elif not (head.ent_type_ == "PERSON" or lemma in lex.document):
            continue
        end = b - 1
        while end > colon and doc[end].is_space:
            end -= 1
        draft = make_draft(d, doc[colon + 1].idx, d.char_end(end), ":", colon, (a, colon), head.i, d.char_end(end))
        if draft is not None:
            # A transcript quoted whole ('"PENCE: Well, ...'): the quotation holds the label, the words do not.
            draft.start = max(draft.start, doc[min(colon + 1, end)].idx)
            if shouted and draft.kind == "indirect":
                draft.kind = "direct"  # a transcript gives the speaker's own words
            out.append(draft)
    for q in d.quotes:
        m = DASH_AFTER.match(d.text, q.end) if q.closed else None
        if m is None:
            continue
        s = token_at(d, m.end())
        if doc[s].idx < m.end():
            s += 1
        e = s
        while e < len(doc) and doc[e].pos_ == "PROPN" and not doc[e].is_space:
            e += 1
        if e == s:
            continue
        draft = make_draft(d, q.start, q.end, m.group(1), token_at(d, m.start(1)), (s, e), e - 1, d.char_end(e - 1))
        if draft is not None:
            out.append(draft)
    return out
