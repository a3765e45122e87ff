"""Durations ("11 years", "a 60-day deadline", "half a century"), "N units ago", and times of day."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from ..numbers import Number, TokenIndex
from .anchoring import shift_anchor
from .arithmetic import duration_value, shift, unit_letter
from .index import Candidate
from .lexicon import patterns
from .windows import windows

def durations(text: str, doc: Doc, tokens: TokenIndex, base: date | None, numbers: list[Number], unit_starts: list[int]) -> list[Candidate]:
    """Durations and "N units ago": from the numbers ("11 years", "a 60-day deadline"), "a year", "several years"."""
    spans = windows(unit_starts, len(text), ("unit",))  # a calendar unit ends its duration
    return _number_durations(text, base, numbers) + _article_durations(text, spans) + _vague_durations(text, spans)


def _number_durations(text: str, base: date | None, numbers: list[Number]) -> list[Candidate]:
    """"11 years", "a 60-day deadline", "the past four months"; "two years ago", "three days later" are dates."""
    pats = patterns()
    out: list[Candidate] = []
    for n in numbers:
        if n.vague:
            continue
        m = pats.unit_after.match(text, n.end)
        if not m or m.group("unit")[:1].isupper():
            continue  # "7 Days Group": a name
        if m.group("suffix") == "-old" or pats.age_after.match(text, m.end()):
            continue  # an age ("a 6-year-old"), not a span of time
        letter = unit_letter(m.group("unit"))
        if n.words and n.value == 1 and not pats.extent_before.search(text, max(0, n.start - 20), n.start):
            continue  # "he one day follow ...": not a span
        rel = pats.ago_after.match(text, m.end())
        direction = re.sub(r"\s+", " ", rel.group("w").lower()) if rel else ""
        if rel and (letter not in CLOCK_UNITS or direction == "ago"):
            # "two years ago", "a year earlier", "two weeks later" (but "two weeks later than planned" is a
            # duration, and "20 minutes earlier" is measured from an event the text does not date)
            sign = 1 if direction in ("from now", "hence", "later") else -1
            if n.value == int(n.value):
                k = int(n.value) * sign
                out.append(Candidate(n.start, rel.end(), shift(base, k, letter), "date", 3, shift_anchor(direction, k, letter)))
            else:
                out.append(Candidate(n.start, rel.end(), "PAST_REF" if sign < 0 else "FUTURE_REF", "date", 3))
            continue
        # "the past four months", "the next two weeks": the determiner phrase is part of the span
        lead = pats.duration_lead.search(text, max(0, n.start - 25), n.start)
        start = lead.start() if lead else n.start
        out.append(Candidate(start, m.end(), duration_value(n.value, letter), "duration", 2))
    return out


def _article_durations(text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
    """"for a year", "more than a decade", "half an hour", "a week later than planned"."""
    pats = patterns()
    out: list[Candidate] = []
    for m in (m for a, b in spans for m in pats.article_unit.finditer(text, a, b)):
        q = m.group("q").lower()
        letter = unit_letter(m.group("unit"))
        if pats.ago_after.match(text, m.end()):
            continue  # "a year ago", "a day later": the "ago" pattern has it
        if q in ("a", "an", "one") and not pats.than_after.match(text, m.end()):
            # "a year" is a duration only after a preposition of extent ("for a year", "more than a decade")
            if not pats.extent_before.search(text, max(0, m.start() - 20), m.start()):
                continue
            if pats.anchored_after.match(text, m.end()) or re.match(r"['’]s\b", text[m.end() : m.end() + 2]):
                continue  # "a day before the vote", "a day's labour"
        amount = 0.5 if q.startswith("half") else 0.25 if "quarter" in q else 1.0
        half = pats.and_a_half.match(text, m.end())
        end = half.end() if half else m.end()  # "a year and a half"
        out.append(Candidate(m.start(), end, duration_value(amount + (0.5 if half else 0), letter), "duration", 1))
    return out


def _vague_durations(text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
    """"several years", "for weeks", "decades-long", "a day-long meeting"; "a few years ago" is a past reference."""
    pats = patterns()
    out: list[Candidate] = []
    for m in (m for a, b in spans for m in pats.long_unit.finditer(text, a, b)):
        out.append(Candidate(m.start(), m.end(), duration_value(1, unit_letter(m.group("u"))), "duration", 0))
    for m in (m for a, b in spans for m in pats.vague_units.finditer(text, a, b)):
        letter = unit_letter(m.group("u"))
        if m.group("long"):
            out.append(Candidate(m.start(), m.end(), duration_value(None, letter), "duration", 0))  # "decades-long"
            continue
        lead = pats.vague_before.search(text, max(0, m.start() - 25), m.start())
        start = lead.start() if lead else m.start()
        if not lead and not pats.extent_plural_before.search(text, max(0, m.start() - 10), m.start()):
            continue  # a bare "years" only after a preposition of extent: "for years", "within weeks"
        rel = pats.ago_after.match(text, m.end())
        direction = rel.group("w").lower() if rel else "later"
        if direction in ("ago", "earlier"):
            out.append(Candidate(start, rel.end(), "PAST_REF", "date", 1))  # "a few years ago"
        elif direction != "later":
            out.append(Candidate(start, rel.end(), "FUTURE_REF", "date", 1))  # "a few years from now"
        else:
            out.append(Candidate(start, m.end(), duration_value(None, letter), "duration", 0))  # "several years", "for weeks"
    return out


CLOCK_UNITS = frozenset({"H", "MI", "S"})


def times_of_day(text: str, base: date | None, windows: list[tuple[int, int]]) -> list[Candidate]:
    """"9 a.m. EST", "1815 GMT": a time of the story's day (joined to a day next to it later)."""
    out: list[Candidate] = []
    day = base.isoformat() if base else "XXXX-XX-XX"
    for m in (m for a, b in windows for m in patterns().clock.finditer(text, a, b)):
        out.append(Candidate(m.start(), m.end(), f"{day}T{m['h']}:{m['mi']}", "date", 2))
    for m in (m for a, b in windows for m in patterns().times.finditer(text, a, b)):
        h = int(m["h"])
        if h > 12:
            continue
        ap = m["ap"].lower().replace(".", "")
        if ap == "pm" and h != 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        mi = int(m["mi"] or 0)
        out.append(Candidate(m.start(), m.end(), f"{day}T{h:02d}:{mi:02d}", "date", 1))
    return out
