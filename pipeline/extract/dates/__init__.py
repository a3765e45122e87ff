"""Dates: time expressions, resolved against the story's date.

What it finds (one row per mention, TimeML-style values as the spec asks):

* points in time: "May 3", "Friday, Oct. 23, 1998", "June 2007", "2015",
  "mid-2014", "the end of March", "the second quarter of 2012", "the 1990s",
  "next summer" -> ``2017-05-03``, ``2007-06``, ``2012-Q2``, ``199``, ``2012-SU``;
* relative ones: "Monday", "last Thursday", "last week" (ISO week),
  "earlier this year", "two years ago", "yesterday", "tonight";
* durations: "11 years", "a 60-day deadline", "half a century" -> ``P11Y``,
  ``P60D``, ``P50Y``; sets: "each month", "six times a month", "annually" ->
  ``P1M``, ``P1Y``; and the TimeML references "currently", "recently", "in
  the coming months" (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``; "now" and
  "soon" are too vague to be worth a row).

Also fiscal periods ("fiscal 2012" -> ``FY2012``), ranges of years ("1998-99" ->
``1998/1999``) and anaphoric dates ("the previous day", "that week", "two years
later", counted from the date just mentioned).

The steps, in order (each module's docstring says what it decides):

1. :mod:`.windows`: where the trigger words of each kind of pattern are (month,
   weekday, calendar-unit words in one vectorised look-up of the tokens' hashes;
   years from the numbers of :mod:`..numbers`, found once and shared with
   quantities), and the short windows around them;
2. :mod:`.candidates`: the patterns of :mod:`.lexicon` (built once from
   ``models/lexicons/date_words.json``) run in their windows; :mod:`.handlers` and
   :mod:`.periods` value each match, with :mod:`.arithmetic` and the clause's
   tense (:mod:`.tense`); :mod:`.durations` adds "11 years", "two years ago" and
   times of day; :mod:`.fallback` asks dateparser about the rare spaCy DATE entity
   no pattern covered; one candidate is kept per stretch of text;
3. :mod:`.anchoring`: anaphoric candidates are counted from the date just mentioned;
4. rows and the :class:`.index.DateIndex` other extractors use.

Conventions: a bare weekday is the most recent such day on or before the story's
date, unless its clause is about the future ("will", "from Monday", "the service
starts Monday", "is due to ..."), then the next one on or after it; a bare month
goes to the nearest occurrence (leaning back) unless the tense of the verb the
date modifies says past or future; a day without a year stays within about 200
days of the story; a quarter not yet begun is last year's. See
docs/quantities-dates.md.
"""

from __future__ import annotations

from ..context import DocContext
from ..numbers import TokenIndex, find_numbers
from .anchoring import resolve_anchors
from .arithmetic import duration_value
from .candidates import choose, find, merge_time_and_day
from .fallback import parse_with_dateparser
from .index import DateIndex, DateMention
from .tense import clause_tense

__all__ = ["DateIndex", "DateMention", "clause_tense", "duration_value", "extract_dates", "parse_with_dateparser"]


def extract_dates(ctx: DocContext) -> tuple[list[dict], DateIndex]:
    """Date rows (clean-text offsets) and the index other extractors use."""
    doc = ctx.doc
    tokens = TokenIndex(doc, ctx.text if ctx.text or not len(doc) else None, ctx.lower_ids, ctx.arrays)
    text = tokens.text
    numbers = find_numbers(text, tokens)
    index = DateIndex(numbers=numbers, tokens=tokens)
    if not len(doc):
        return [], index
    base = ctx.published
    chosen = merge_time_and_day(text, choose(find(text, doc, tokens, base, numbers)))
    spans = [tokens.span(c.start, c.end) for c in chosen]
    kept = [i for i, (a, _) in enumerate(spans) if ctx.is_prose(a) or ctx.in_dateline(a)]
    sentences = [ctx.sentence(spans[i][0]) for i in kept]
    resolved = resolve_anchors([chosen[i] for i in kept], sentences, base)
    rows: list[dict] = []
    for i, c, k in zip(kept, resolved, sentences):
        a, b = spans[i]
        m = DateMention(c.start, c.end, text[c.start : c.end], c.value, c.kind, a, b, k)
        index.mentions.append(m)
        if c.value is not None:
            for t in range(a, b):
                index.by_token[t] = c.value
        rows.append(
            {
                "date_id": f"D{len(rows) + 1}",
                "text": m.text,
                "value": c.value,
                "kind": c.kind,
                "start": c.start,
                "end": c.end,
                "sentence": k,
            }
        )
    index.rows = rows
    return rows, index
