"""dateparser, the fallback for the spaCy DATE entities no pattern covered."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc

from ..numbers import TokenIndex, alternation
from .arithmetic import iso_week
from .arithmetic import nearest_year
from .index import Candidate
from .lexicon import words
from .tense import clause_tense, left_words


@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern[str]:
    """What an expression needs before dateparser is asked: a year, a numeric date or a month name."""
    return re.compile(r"\b(?:1[6-9]|20)\d\d\b|\d/\d|\b(?:" + alternation(words().months) + r")")


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # local: only needed for the fallback, and slow to import

    return dateparser


@lru_cache(maxsize=16)
def _parser(base_iso: str):
    """One parser per story date (its settings hold the date), built once: building one costs more than a parse."""
    settings = {"RELATIVE_BASE": datetime.fromisoformat(base_iso), "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    return _dateparser().date.DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_with_dateparser(expression: str, base_iso: str) -> str | None:
    """``dateparser`` on one expression relative to the story's date, at the granularity it reports."""
    data = _parser(base_iso).get_date_data(expression)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(d.year)
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        return iso_week(d)
    return d.isoformat()


def spacy_fallback(doc: Doc, tokens: TokenIndex, base: date | None, found: list[Candidate]) -> list[Candidate]:
    """spaCy DATE entities no pattern covered, resolved by dateparser when they look like dates.

    A bare month the patterns left out ("May", "March": also words) is a month when spaCy's
    entity says so; our month rule resolves it, so dateparser (about 2 s to start in each
    process) is not started for the commonest case.
    """
    if base is None or not len(doc):
        return []
    if tokens.arrays is not None:  # the entities as arrays: no Span objects for the non-dates
        iob, types = tokens.arrays.ent_iob, tokens.arrays.ent_type
    else:
        arr = doc.to_array([ENT_IOB, ENT_TYPE])
        iob, types = arr[:, 0], arr[:, 1]
    is_date = types == doc.vocab.strings["DATE"]
    if not is_date.any():
        return []
    text = tokens.text
    spans = sorted((c.start, c.end) for c in found)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end of the candidates up to each one
    out: list[Candidate] = []
    for i in np.flatnonzero(is_date & (iob == 3)).tolist():  # 3 = B(egin)
        j = i + 1
        while j < len(doc) and is_date[j] and iob[j] == 1:  # 1 = I(nside)
            j += 1
        s = tokens.starts[i]
        e = tokens.starts[j - 1] + len(doc[j - 1].text)
        k = bisect_left(starts, e)  # the candidates that start before the entity ends
        if k and reach[k - 1] > s:
            continue  # a pattern has it
        expression = text[s:e]
        if not _prefilter().search(expression) or len(expression) > 40:
            continue
        if re.fullmatch(r"[\d\s,.]+s?|\d+['’]?s|(?:the\s+)?\d+(?:st|nd|rd|th)", expression):
            continue  # "30s" (an age), bare numbers: not resolvable dates
        month = words().months.get(expression)
        if month is not None:
            tense = clause_tense(doc, i, left_words(text, s))
            value: str | None = f"{nearest_year(base, month, None, tense):04d}-{month:02d}"
        else:
            value = parse_with_dateparser(expression, base.isoformat())
        if value:
            out.append(Candidate(s, e, value, "date", 0))
    return out
