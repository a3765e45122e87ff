"""Handlers for periods: fiscal years, year ranges, the latest quarter, the full year, moving holidays, "on a daily basis".

Values: a fiscal year is TimeML's ``FY2012`` (``FY2012-Q1`` for its quarter),
named by the year it ends in when written as two ("fiscal 1998-99" =
``FY1999``); a range of years is an ISO 8601 interval ("2005-08" = ``2005/2008``);
"this fiscal year" is counted from the story's calendar year (a company's fiscal
calendar is not in the text).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from spacy.tokens import Doc

from ..numbers import TokenIndex
from .anchoring import counted_from_story
from .arithmetic import PAST_BIAS_DAYS, add_months, iso_week
from .index import Anchor, Candidate, TenseAt
from .lexicon import words

_MAX_RANGE_YEARS = 30  # "1998-2003" is a range; "1998-2087" is not two years


def _year_pair(first: str | None, second: str | None) -> tuple[int, int] | None:
    """("1998", "99") -> (1998, 1999); None unless the second year follows the first."""
    if not first:
        return None
    y = int(first) if len(first) == 4 else (1900 if int(first) >= 50 else 2000) + int(first)
    if not second:
        return y, y
    end = int(second) if len(second) == 4 else y // 100 * 100 + int(second)
    if len(second) == 2 and end < y:
        end += 100  # "1999-00"
    return (y, end) if y < end <= y + _MAX_RANGE_YEARS else None


def _fiscal(first: str | None, second: str | None) -> str | None:
    pair = _year_pair(first, second)
    if pair is None or pair[1] - pair[0] > 1:
        return None  # a fiscal year spans at most two calendar years
    return f"FY{pair[1]}"


def _h_fiscal(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"fiscal 2012", "the 2012-13 fiscal year", "this fiscal year", "last fiscal"."""
    if m["y"] or m["y0"]:
        value = _fiscal(m["y"], m["yb"]) if m["y"] else _fiscal(m["y0"], m["y0b"])
        return Candidate(m.start(), m.end(), value, "date", 3) if value else None
    if not m["rel"]:
        return None  # "the fiscal year" alone: which one, the text says elsewhere
    if m["fw"].lower() == "fiscal" and re.match(r"\s+[a-z]", text[m.end() : m.end() + 3]):
        return None  # "this fiscal policy"
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 3)
    off = words().offsets[m["rel"].lower().split()[-1]]
    return Candidate(m.start(), m.end(), f"FY{base.year + off}", "date", 3)


def _h_fycode(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    value = _fiscal(m["y"], m["yb"])
    return Candidate(m.start(), m.end(), value, "date", 3) if value else None


def _h_fquarter(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the first quarter of fiscal 2012", "fiscal 2012 first-quarter" -> FY2012-Q1."""
    value = _fiscal(m["y"], m["yb"])
    q = words().ordinals[m["ord"].lower()]
    return Candidate(m.start(), m.end(), f"{value}-Q{q}", "date", 3) if value else None


def _h_yrange(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"1998-99", "2005-2008", "the 2012/13 season" -> an ISO 8601 interval of years."""
    pair = _year_pair(m["y"], m["yb"])
    if pair is None or pair[0] == pair[1]:
        return None
    return Candidate(m.start(), m.end(), f"{pair[0]}/{pair[1]}", "date", 2)


def _h_latest(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the latest quarter": the last one ended before the story's date (wire copy reports ended periods)."""
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    if m["unit"].lower() == "month":
        y, mth = add_months(base.year, base.month, -1)
        return Candidate(m.start(), m.end(), f"{y:04d}-{mth:02d}", "date", 2)
    y, mth = add_months(base.year, base.month, -3)
    return Candidate(m.start(), m.end(), f"{y:04d}-Q{(mth - 1) // 3 + 1}", "date", 2)


def _h_periodend(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the end of the month", "the year-end": the story's own period; "the end of the quarter" in a
    quarter's first month is the one just ended unless the clause is about the future (results season)."""
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    unit = "year" if m["ye"] else m["unit"].lower()
    if unit == "quarter":
        back = 3 if base.month % 3 == 1 and tense_at(m.start()) != "future" else 0
        y, mth = add_months(base.year, base.month, -back)
        value = f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    else:
        value = {"week": iso_week(base), "month": f"{base.year:04d}-{base.month:02d}"}.get(unit, str(base.year))
    return Candidate(m.start(), m.end(), value, "date", 2)


_RESULTS_SEASON_MONTHS = 3  # until March, "full-year" results are last year's


def _h_fullyear(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the full year", "full-year profit": this year, or last year's in the first months (annual results)."""
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    last = base.month <= _RESULTS_SEASON_MONTHS and tense_at(m.start()) != "future"
    return Candidate(m.start(), m.end(), str(base.year - 1 if last else base.year), "date", 1)


def _h_inperiod(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"earlier in the week", "later in the month": the story's own week, month, year or day."""
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    unit = m["unit"].lower()
    value = {"day": base.isoformat(), "week": iso_week(base), "month": f"{base.year:04d}-{base.month:02d}"}.get(unit, str(base.year))
    return Candidate(m.start(), m.end(), value, "date", 2)


def _h_yearago(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the year-ago quarter", "year-ago revenue": the period just reported, a year before (anchoring.py)."""
    unit = (m["unit"] or "").lower()
    anchor = Anchor("period", -1, "Y", "quarter" if unit == "quarter" else "month" if unit == "month" else None)
    return Candidate(m.start(), m.end(), counted_from_story(anchor, base), "date", 2, anchor)


def _easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * l_ + 22 * h) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _moving_date(name: str, y: int) -> date:
    w = words()
    if name in w.easter_holidays:
        return _easter(y) + timedelta(days=w.easter_holidays[name])
    month, weekday, nth = w.floating_holidays[name]
    if nth > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    y2, m2 = add_months(y, month, 1)
    last = date(y2, m2, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _h_moving(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"Thanksgiving Day", "Easter", "Labor Day": the occurrence the clause's tense points to, else the nearest."""
    if text.startswith(" Island", m.end()):
        return None  # Easter Island
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    before = max(d for d in (_moving_date(m["w"], y) for y in (base.year - 1, base.year)) if d <= base)
    after = min(d for d in (_moving_date(m["w"], y) for y in (base.year, base.year + 1)) if d >= base)
    tense = tense_at(m.start())
    if tense == "past" or (tense is None and (base - before).days <= (after - base).days + PAST_BIAS_DAYS):
        return Candidate(m.start(), m.end(), before.isoformat(), "date", 1)
    return Candidate(m.start(), m.end(), after.isoformat(), "date", 1)


def _h_basis(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    return Candidate(m.start(), m.end(), words().basis_words[m["w"].lower()], "set", 2)


PERIOD_HANDLERS: dict[str, Callable] = {
    "fiscal": _h_fiscal,
    "fycode": _h_fycode,
    "fquarter": _h_fquarter,
    "fquarter2": _h_fquarter,
    "yrange": _h_yrange,
    "latest": _h_latest,
    "periodend": _h_periodend,
    "inperiod": _h_inperiod,
    "yearago": _h_yearago,
    "fullyear": _h_fullyear,
    "moving": _h_moving,
    "basis": _h_basis,
}
