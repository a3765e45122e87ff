"""Turns and clean-up: continuations, quotation paragraphs, one claim per content.

A quotation standing alone right after a claim continues that speaker's turn
(rule ``continuation``); unclosed quotation paragraphs leading up to an
attributed one are the same speaker's (``opening_paragraph``). Two cues on the
same words keep the first (:func:`dedupe`), and a claim inside another by the
same speaker is dropped (:func:`drop_nested_own_words`).
"""

from __future__ import annotations

from ..quotes import Quote
from .boundaries import normalize_span
from .draft import ClaimDoc, Draft, token_at
from .hedges import is_expectation
from .labels import INNER_SENTENCE_END, MIN_TURN_WORDS
from .lexicon import CueLexicon


def turn_parents(drafts: list[Draft]) -> dict[int, Draft]:
    """For each quotation that belongs to another claim's turn, that claim (keyed by ``id(draft)``):
    a continuation's parent, or the first part of a quotation its attribution interrupts
    ('"A," he said, "B."': both parts are reported by one cue)."""
    turns: dict[int, Draft] = {}
    first_by_cue: dict[int, Draft] = {}
    for x in drafts:  # in order of content
        if x.parent is not None:
            turns[id(x)] = x.parent
        elif x.cue_i >= 0 and x.kind in ("direct", "mixed"):
            first = first_by_cue.setdefault(x.cue_i, x)
            if first is not x and x.kind == "direct":
                turns[id(x)] = first
    return turns


def continuations(d: ClaimDoc, drafts: list[Draft]) -> list[Draft]:
    """Quotations standing alone right after a claim: the same speaker goes on, in their own words
    after a quotation or a paraphrase ('Carney said there might be a case for more stimulus. "If
    recovery were to falter, ..."')."""
    if not drafts:
        return []
    # a quotation of the sentence before, where there is one, else its paraphrase ('"A," X
    # said, explaining B. "C."': C goes on from A)
    earlier = sorted(drafts, key=lambda x: (x.reach, x.kind in ("direct", "mixed")))
    covered = [(x.start, x.end) for x in drafts]
    out: list[Draft] = []
    text = d.text
    for q in d.quotes:
        if any(a <= q.inner_start < b or q.start <= a < q.end for a, b in covered):
            continue
        prev = None
        for x in (*earlier, *out):
            # The sentence splitter may end the reporting sentence after the next quotation's
            # opening mark ("... advocacy group. ''It's anti-reform."): reach may pass q.start.
            if x.reach <= q.inner_start and not text[min(x.reach, q.start) : q.start].strip(" \t\n\"“”"):
                prev = x
        if prev is None or len(text[q.inner_start : q.inner_end].split()) < MIN_TURN_WORDS:
            continue
        end = q.end
        tail = sentence_tail(d, q)
        if tail is None:
            if not INNER_SENTENCE_END.search(text[q.inner_start : q.inner_end]):
                continue  # the quotation is part of a longer sentence of the reporter's
            # '"I wouldn't call it reform. ... It's just a tax increase" for the top bracket.': whole
            # sentences of the speaker's, the reporter finishing the last one (a mixed turn)
            end = tail = d.char_end(d.ctx.sent_range(token_at(d, q.end - 1))[1] - 1)
        span = normalize_span(d, q.start, end)
        if span is None:
            continue
        new_paragraph = opens_line(text, q.start)
        root = prev.parent or prev
        out.append(
            Draft(span[0], span[1], span[2], None if new_paragraph else root.cue, -1, root.source, root.head, tail, parent=root, rule="continuation")
        )
    out.extend(opening_paragraphs(d, drafts + out))
    return out


def opening_paragraphs(d: ClaimDoc, drafts: list[Draft]) -> list[Draft]:
    """Unclosed quotation paragraphs leading up to the paragraph whose quotation is attributed
    ('"A.\n\n"B," she said.'): the same speaker, ``cue`` null."""
    text = d.text
    by_quote: dict[int, Draft] = {}
    for x in drafts:
        if x.kind == "direct":
            q = d.quote_at(x.start)
            if q is not None:
                by_quote[q.start] = x
    out: list[Draft] = []
    for k in range(len(d.quotes) - 2, -1, -1):
        q, nxt = d.quotes[k], d.quotes[k + 1]
        after = by_quote.get(nxt.start)
        if q.closed or q.start in by_quote or after is None or text[q.end : nxt.start].strip() or "\n" not in text[q.end : nxt.start]:
            continue
        if len(text[q.inner_start : q.inner_end].split()) < MIN_TURN_WORDS:
            continue  # "(CROSSTALK.)": a transcript's stage note, not a turn
        span = normalize_span(d, q.start, q.end)
        if span is None:
            continue
        root = after.parent or after
        draft = Draft(span[0], span[1], "direct", None, -1, root.source, root.head, q.end, parent=root, rule="opening_paragraph")
        by_quote[q.start] = draft
        out.append(draft)
    return out


def opens_line(text: str, i: int) -> bool:
    """Whether only spaces stand between offset ``i`` and the start of its line (a new paragraph)."""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def sentence_tail(d: ClaimDoc, q: Quote) -> int | None:
    """End of the sentence a standalone quotation makes, or None when words of the reporter's follow it."""
    text = d.text
    j = q.end
    while j < len(text) and text[j] in " .,;!?\t":
        j += 1
    if j >= len(text) or text[j] == "\n" or text[j] in "\"“":
        return q.end
    if text[j].isupper() and j > q.end and (text[q.end - 2] in ".!?" or text[q.end : j].strip().startswith(".")):
        return q.end
    return None


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per content span: two cues on the same words ("said ..., adding") keep the first."""
    seen: set[tuple[int, int]] = set()
    out = []
    for x in sorted(drafts, key=lambda x: (x.start, x.cue_i)):
        if (x.start, x.end) in seen:
            continue
        seen.add((x.start, x.end))
        out.append(x)
    return out


def drop_nested_own_words(d: ClaimDoc, drafts: list[Draft], lex: CueLexicon) -> list[Draft]:
    """Drop a claim whose cue sits inside another claim's content by the same speaker ("X said he
    believes ..."), and an expectation a pronoun holds inside another claim ("Critics ... said they
    expect the pact to ..."): the outer speaker's, whoever the pronoun resolved to."""
    out = []
    for x in drafts:
        assert x.resolved is not None
        referent, cue_char = x.resolved.referent, x.resolved.cue_char
        outer = [y for y in drafts if y is not x and y.start <= cue_char < y.end]
        own = referent is not None and any(y.resolved is not None and y.resolved.referent == referent for y in outer)
        restated = (
            bool(outer)
            and x.head is not None
            and d.tokens[x.head].pos_ == "PRON"
            and x.cue_i >= 0
            and is_expectation(d.tokens[x.cue_i], lex)
        )
        if not (own or restated):
            out.append(x)
    return out
