"""Where contents start and end: trimming, kinds, sentence and clause limits.

:func:`make_draft` is the one way a rule turns a character span into a draft:
:func:`normalize_span` trims it, drops a glued all-caps heading and the
reporter's connectives ("But", "However,"), and says whether it is ``direct``,
``mixed`` or ``indirect``. The rest finds the limits rules share: the end of a
complement clause without the reporter's asides, the content after a colon, a
block quotation, the first token after a reporting clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from .draft import ClaimDoc, Draft, token_at
from .hedges import expects_to_act, withholds
from .labels import ABBREVIATIONS, CLAUSAL_OBJECTS, DANGLING_CONJUNCTION, FINITE, INITIALS, QUOTE_MARKS, SENTENCE_FINAL, SMALL_WORDS, SUBJECT_DEPS, TRIM, WORD
from .lexicon import CueLexicon, cue_lexicon


def spaced_hyphen(tok: Token) -> bool:
    """A hyphen with spaces around it, typed for a dash ("The drugmaker - which is banking on ...")."""
    return tok.text == "-" and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)


def caps_word(tok: Token) -> bool:
    s = tok.text
    return len(s) >= 2 and s.upper() == s and any(c.isalpha() for c in s) and all(c.isalpha() or c in "-&'" for c in s)


def after_heading(d: ClaimDoc, i: int, end: int) -> int:
    """First token after an all-caps heading glued to the sentence ("FALSE IPO DATA One of ..."), else ``i``."""
    doc = d.doc
    j = i
    while j < end and caps_word(d.tokens[j]):
        j += 1
    if j == i or j >= end:
        return i
    nxt = d.tokens[j]
    if not nxt.text[:1].isupper():
        return i
    if j - i >= 2 or nxt.pos_ in ("DET", "ADP", "PRON", "SCONJ", "ADV", "CCONJ"):
        return j
    return i


def closes_its_sentence(tok: Token, after: int) -> bool:
    """Whether nothing but the cue's own adjuncts ("on Friday", "in a statement") and punctuation
    follows the reporting clause to the end of its sentence."""
    for t in tok.doc[after : tok.sent.end]:
        if t.is_punct or t.is_space:
            continue
        if tok not in t.ancestors or (t.head.i == tok.i and t.dep_ in CLAUSAL_OBJECTS):
            return False
    return True


def clause_end(d: ClaimDoc, clause: Token, lex: CueLexicon) -> int:
    """Last token of a complement clause, without what the parser hangs on it after a comma but
    is the reporter's: a participle of a cue verb (", citing ...", ", arguing that ...") or of
    another aside (", contradicting ..."), a concession (", although ...") or a second verb of
    saying of the reporting subject (" and warned ...")."""
    end = clause.right_edge.i
    for child in clause.rights:
        if child.i <= clause.i:
            continue
        before = d.tokens[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        after_comma = before is not None and before.text in (",", ";", "—", "--")
        marks = {t.lower_ for t in child.children if t.dep_ == "mark"}
        aside = (
            (
                child.dep_ == "advcl"
                and after_comma
                and (
                    (
                        child.tag_ == "VBG"
                        and (child.lemma_.lower() in lex.frames or child.lemma_.lower() in lex.aside_participles)
                        and not expects_to_act(child, lex)  # "..., expecting to do 10 to 20 deals"
                    )
                    or marks & lex.aside_conjunctions
                )
            )
            or (
                child.dep_ == "conj"
                and child.pos_ == "VERB"
                and (child.lemma_.lower() in lex.frames or withholds(child, lex))  # "... but would not elaborate"
                and not any(k.dep_ in SUBJECT_DEPS for k in child.children)
                and not expects_to_act(child, lex)  # "said it had ceased operations and expected to liquidate ..."
            )
        )
        if aside:
            cut = child.left_edge.i - 1
            while cut > clause.i and (d.tokens[cut].is_punct or d.tokens[cut].dep_ == "cc"):
                cut -= 1
            return min(end, cut)
    return before_someone_elses_claim(d, clause, end, lex)


def before_someone_elses_claim(d: ClaimDoc, clause: Token, end: int, lex: CueLexicon) -> int:
    """End of a complement clause before a relative clause at its end that reports another
    speaker's words ("... its offer of $75 per share, which his Ventana counterpart maintained
    was a "non-starter"": that is the counterpart's claim, not part of this one), or before a
    reporting clause closing the sentence that the parser hung on it."""
    doc = d.doc
    for t in doc[clause.i + 1 : end + 1]:
        if t.right_edge.i != end or t.lemma_.lower() not in lex.frames or d.in_quote(t.i) or t.pos_ not in ("VERB", "AUX"):
            continue
        comma = t.left_edge.i - 1
        speaker = any(k.dep_ == "nsubj" and k.lower_ not in lex.relative for k in t.children)
        if not speaker or comma <= clause.i or d.tokens[comma].text != ",":
            continue
        # A relative clause of someone else's, or a reporting clause the parser hung on the
        # complement ("... credit markets, the Journal reported."): neither is what was said.
        if t.dep_ == "relcl" or (t.i > clause.i and closes_its_sentence(t, t.i + 1) and not any(k.dep_ in CLAUSAL_OBJECTS for k in t.children)):
            return comma - 1
    return end


def after_reporting_clause(d: ClaimDoc, tok: Token, after: int, sent, lex: CueLexicon) -> int | None:
    """First token after the reporting clause when the sentence goes on after a comma ("The plan, he said, will ...")."""
    doc = d.doc
    j = max(after, tok.right_edge.i + 1)
    if j - 1 > tok.i and d.tokens[j - 1].text in (",", "—", "–"):
        j -= 1  # the parser hung the closing comma on the cue
    if j >= sent.end - 1 or d.tokens[j].text not in (",", "—", "–"):
        return None
    k = j + 1
    if d.quote_at(d.tokens[k].idx) is not None:
        return k  # '"A," X said, "B."'
    # "The plan, he said, will cost ...": the sentence goes on with its own verb; not an adjunct
    # of the reporting clause (", according to a preview obtained on Saturday"), nor a second
    # reporting clause (", a market source told Reuters").
    # A relative clause's verb ("Muhammad Ali, who died ...") does not make the rest a clause:
    # ", not even needing to mention X, who died" is the reporter's participle.
    finite = [t for t in doc[k : sent.end] if t.tag_ in FINITE and not any(a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors))]
    if not finite or all(t.lemma_.lower() in lex.frames and any(c.dep_ == "nsubj" for c in t.children) for t in finite):
        return None
    return k


def block_quotation(d: ClaimDoc, tok: Token, after: int) -> tuple[int, int] | None:
    """The paragraph a reporting clause introduces with the colon that ends its own paragraph
    ("The governor added:" over a block quotation)."""
    doc, ctx = d.doc, d.ctx
    end = ctx.paragraphs[ctx.paragraph_of[tok.i]][1]
    last = end - 1
    while last > tok.i and d.tokens[last].is_space:
        last -= 1
    if d.tokens[last].text != ":" or last - after > 8 or any(t.pos_ == "VERB" for t in doc[after:last]) or end >= len(doc):
        return None
    nxt = ctx.paragraph_of[end] if not d.tokens[end].is_space else ctx.paragraph_of[min(end + 1, len(doc) - 1)]
    first, stop = ctx.paragraphs[nxt]
    while first < stop and d.tokens[first].is_space:
        first += 1
    stop -= 1
    while stop > first and d.tokens[stop].is_space:
        stop -= 1
    if first >= stop or not ctx.is_prose(first):
        return None
    return d.tokens[first].idx, d.char_end(stop)


def after_colon_or_quote(d: ClaimDoc, tok: Token, after: int, colon_only: bool = False) -> tuple[int, int] | None:
    """Content after the reporting clause: 'X said: ...' or 'X said, "..."'; with ``colon_only``
    only after a colon."""
    doc = d.doc
    sent = d.ctx.sent_span(tok.i)
    j = after
    while j < sent.end and d.tokens[j].text not in (":", ",") and d.tokens[j].text not in QUOTE_MARKS and j - after < 8:
        if d.tokens[j].pos_ == "VERB" and d.tokens[j].dep_ not in ("amod",):
            return None
        j += 1
    if j >= sent.end:
        return None
    mark = d.tokens[j].text
    if colon_only and mark != ":":
        return None
    if mark in (":", ","):
        j += 1
        # The quotation may open the next "sentence" when the splitter cut after the colon, but not a new paragraph.
        while j < len(doc) and d.tokens[j].is_space and "\n" not in d.tokens[j].text:
            j += 1
        if j >= len(doc) or d.tokens[j].is_space:
            return None
    elif d.tokens[j - 1].pos_ in ("ADP", "DET", "PART") or d.tokens[j - 1].tag_ == "POS":
        # 'said on "Fox News Sunday"', 'on CNN's "State of the Union"': a title, not the words said;
        # 'agree to "claw back" any bonus': an act agreed to, in the rules' words
        return None
    q = d.quote_at(d.tokens[j].idx)
    if q is not None and q.start == d.tokens[j].idx:
        return q.start, q.end
    if mark == ":":
        return d.tokens[j].idx, d.char_end(d.ctx.sent_range(j)[1] - 1)
    return None


def ends_sentence(tok: Token) -> bool:
    """Whether a token ends a sentence the splitter may have missed: a full stop of its own, or one
    a word kept ("EFG.N." before a quotation) that is no abbreviation ("Mr.", "Corp.") or initials ("U.S.")."""
    if tok.text in SENTENCE_FINAL:
        return True
    if len(tok.text) < 3 or not tok.text.endswith(".") or tok.text in ABBREVIATIONS or INITIALS.match(tok.text):
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and bool(tok.whitespace_) and (nxt.is_title or nxt.is_quote)


def opens_sentence(first: Token) -> bool:
    """Whether a quotation's first word reads as a sentence's first: capitalised, no name."""
    return (first.is_title and first.tag_ not in ("NNP", "NNPS")) or first.text == "I"


def clause_start(d: ClaimDoc, b: int, sent_start: int) -> int:
    """Char where content ending at token ``b`` starts: its sentence's start, never before its paragraph
    (a dateline, a heading), and at the opening mark of a quotation the sentence splitter cut in two."""
    doc = d.doc
    first = max(sent_start, d.ctx.paragraphs[d.ctx.paragraph_of[b]][0])
    while first < b and (d.tokens[first].is_space or not d.ctx.is_prose(first)):
        first += 1
    start = d.tokens[first].idx
    q = d.quote_at(start)
    return q.start if q is not None and q.start < start else start


def make_draft(
    d: ClaimDoc,
    start: int,
    end: int,
    cue: str | None,
    cue_i: int,
    source: tuple[int, int],
    head: int,
    reach: int,
    gap: tuple[int, int] | None = None,
    *,
    rule: str,
) -> Draft | None:
    span = normalize_span(d, start, end)
    if span is None:
        return None
    start, end, kind = span
    if gap is not None and not (start < gap[0] and gap[1] < end):
        gap = None
    return Draft(start, end, kind, cue, cue_i, source, head, max(reach, end), gap=gap, rule=rule)


def normalize_span(d: ClaimDoc, start: int, end: int) -> tuple[int, int, str] | None:
    """Trimmed content span and its kind: direct when it is one quotation, mixed when it holds one."""
    text = d.text
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1] == "."):
        end -= 1
    dangling = DANGLING_CONJUNCTION.search(text, start, end)
    if dangling is not None:
        end = dangling.start()  # "..., and" where the parser cut the clause before its second half
    if end <= start:
        return None
    k = token_at(d, start)
    if d.tokens[k].idx == start:
        k2 = after_heading(d, k, token_at(d, end - 1))
        if d.tokens[k2].lower_ == "that" and d.tokens[k2].dep_ == "mark":
            k2 += 1
        k2 = after_connectives(d, k2, token_at(d, end - 1))
        start = max(start, d.tokens[k2].idx)
    quotes = d.quotes_in(start, end)
    if not quotes:
        return (start, end, "indirect") if len(WORD.findall(text[start:end])) >= 2 else None
    outside = text[start : quotes[0].start] + "".join(
        text[a.end : b.start] for a, b in zip(quotes, quotes[1:])
    ) + text[quotes[-1].end : end]
    if not has_words(outside):
        a, b = quotes[0].inner_start, quotes[-1].inner_end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in " \t\n,;:\"“”'`":
            b -= 1
        return (a, b, "direct") if has_words(text[a:b]) and not is_title(text[a:b]) else None
    start = min(start, quotes[0].start)
    end = max(end, quotes[-1].end)
    return (start, end, "mixed") if len(WORD.findall(text[start:end])) >= 2 else None


def after_connectives(d: ClaimDoc, k: int, last: int) -> int:
    """First token after the connectives that open a statement outside quotation marks ("But",
    "However,", "In addition,"): the reporter's link to the sentence before, not the words reported.
    A coordinating one goes always, another when a comma follows it or it is an adverb of the
    statement's verb ("However debates ... are not likely")."""
    doc = d.doc
    connectives = cue_lexicon().connectives
    while k < last and not d.in_quote(k):
        for words in connectives.get(d.tokens[k].lower_, ()):
            n = len(words)
            if k + n > last or tuple(t.lower_ for t in doc[k : k + n]) != words:
                continue
            after = d.tokens[k + n]
            if after.text == ",":
                k += n + 1
            elif n == 1 and (d.tokens[k].pos_ == "CCONJ" or (d.tokens[k].dep_ == "advmod" and d.tokens[k].head.pos_ in ("VERB", "AUX"))):
                k += 1
            else:
                continue
            while k < last and d.tokens[k].is_space:
                k += 1
            break
        else:
            return k
    return k


def is_title(s: str) -> bool:
    """A quoted name or title, not words said: every word capitalised ("Face the Nation",
    "A Change Is Gonna Come"), no sentence punctuation."""
    words = WORD.findall(s)
    if len(words) < 2 or any(c in s for c in ".?!,;:"):
        return False
    return all(w[0].isupper() or w.lower() in SMALL_WORDS or w[0].isdigit() for w in words)


def has_words(s: str) -> bool:
    return any(c.isalnum() for c in s)
