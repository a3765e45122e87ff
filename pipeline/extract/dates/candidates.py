"""Every candidate expression of a text: the patterns in their windows, durations, times, the dateparser fallback; then one per span."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from ..numbers import Number, TokenIndex
from .durations import durations, times_of_day
from .fallback import spacy_fallback
from .handlers import HANDLERS
from .index import Candidate
from .lexicon import patterns, words
from .tense import clause_tense, left_words
from .windows import triggers, windows


def find(text: str, doc: Doc, tokens: TokenIndex, base: date | None, numbers: list[Number]) -> list[Candidate]:
    pats = patterns()
    out: list[Candidate] = []

    def tense_at(start: int, day_level: bool = False) -> str | None:
        return clause_tense(doc, tokens.at(start), left_words(text, start), day_level)

    found = triggers(text, tokens, numbers)
    spans: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    seen: set[tuple[int, int, str]] = set()
    for name, rx, cats in pats.full:
        if cats not in spans:
            spans[cats] = windows([p for c in cats for p in found[c]], len(text), cats)
        if not spans[cats]:
            continue
        handler = HANDLERS[name]
        for a, b in spans[cats]:
            for m in rx.finditer(text, a, b):
                key = (m.start(), m.end(), name)
                if key in seen:
                    continue
                seen.add(key)
                cand = handler(m, text, doc, tokens, base, tense_at)
                if cand is not None:
                    out.append(extend_modifier(text, cand))
    out.extend(durations(text, doc, tokens, base, numbers, found["unit"]))
    if found["ampm"]:
        out.extend(times_of_day(text, base, windows(found["ampm"], len(text))))
    out.extend(spacy_fallback(doc, tokens, base, out))
    return out


def choose(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: of two that overlap, the longer (at no lower priority)."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    chosen: list[Candidate] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            prev = chosen[-1]
            if (c.end - c.start) > (prev.end - prev.start) and c.start >= prev.start and c.priority >= prev.priority:
                chosen[-1] = c
                last_end = c.end
            continue
        chosen.append(c)
        last_end = c.end
    return chosen


def extend_modifier(text: str, c: Candidate) -> Candidate:
    """"early 2013", "mid-2014", "the end of March", "the first half of 2012": the modifier joins the span."""
    if c.kind != "date" or c.value is None or c.value.endswith("_REF"):
        return c
    m = patterns().modifier_before.search(text, max(0, c.start - 40), c.start)
    if not m or m.end() != c.start:
        return c
    mod = m.group("mod").lower()
    value = c.value
    half = words().half_modifiers.get(re.sub(r"\s+", " ", mod))
    if half and re.fullmatch(r"\d{4}", value):
        value = f"{value}-{half}"
    return replace(c, start=m.start(), value=value)


def merge_time_and_day(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"4 a.m. EDT Thursday", "noon Saturday": a time of day next to its day becomes one expression."""
    out: list[Candidate] = []
    for c in chosen:
        if out and c.kind == "date" and out[-1].kind == "date" and re.fullmatch(r"[\s,]*", text[out[-1].end : c.start]):
            prev = out[-1]
            if prev.value and "T" in prev.value and c.value and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value):
                out[-1] = Candidate(prev.start, c.end, c.value + prev.value[prev.value.index("T") :], "date")
                continue
            if c.value and "T" in c.value and prev.value and re.fullmatch(r"\d{4}-\d\d-\d\d", prev.value):
                out[-1] = Candidate(prev.start, c.end, prev.value + c.value[c.value.index("T") :], "date")
                continue
        out.append(c)
    return out
