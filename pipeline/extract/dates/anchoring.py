"""Anaphoric dates: "the previous day", "that week", "the following year", "a year earlier".

Their value is counted from the date the story has just mentioned (the last
calendar date in the same sentence or the two before it, fine enough for the
unit: "that day" needs a day), else from the story's date. "a year ago" counts
from the story's date, except after a reporting period ("profit in the third
quarter ... a year ago" is the third quarter of last year, TimeML's reading).
An anaphoric date is never the anchor of another.

A candidate carries an :class:`Anchor` with its provisional value (counted from
the story's date); :func:`resolve_anchors` runs over the chosen candidates in
text order, so an anaphoric date can anchor the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .arithmetic import add_months, iso_week, safe_date
from .index import Anchor, Candidate

# granularities, finest first; an anchor serves a unit when it is at least as fine
_ORDER = ("day", "week", "month", "quarter", "half", "year")
_UNIT_GRAIN = {"D": "day", "W": "week", "F": "day", "M": "month", "Q": "quarter", "Y": "year", "DE": "year", "CE": "year"}
_PERIODS = frozenset({"quarter", "half"})  # the reporting periods "a year ago" compares with
_SENTENCES_BACK = 2  # "just mentioned": this sentence or the two before it


@dataclass(frozen=True)
class _Point:
    day: date  # first day of the period
    grain: str


def _point(value: str | None) -> _Point | None:
    """A calendar value as its first day and granularity ("2012-Q3" -> 2012-07-01, quarter); else None."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)|-Q([1-4])|-H([12]))?(?:T.*)?", value)
    if not m:
        return None
    y = int(m[1])
    if m[3]:
        return _Point(safe_date(y, int(m[2]), int(m[3])), "day")
    if m[2]:
        return _Point(date(y, int(m[2]), 1), "month")
    if m[4]:
        return _Point(date.fromisocalendar(y, int(m[4]), 1), "week") if int(m[4]) <= 53 else None
    if m[5]:
        return _Point(date(y, 3 * int(m[5]) - 2, 1), "quarter")
    if m[6]:
        return _Point(date(y, 1 if m[6] == "1" else 7, 1), "half")
    return _Point(date(y, 1, 1), "year")


def _moved(d: date, n: int, unit: str) -> date:
    if unit in ("Y", "DE", "CE"):
        years = n * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return safe_date(d.year + years, d.month, d.day)
    if unit in ("M", "Q"):
        y, m = add_months(d.year, d.month, n * (3 if unit == "Q" else 1))
        return safe_date(y, m, d.day)
    return d + timedelta(days=n * {"W": 7, "F": 14}.get(unit, 1))


def _shown(d: date, grain: str, unit: str) -> str:
    if grain == "day":
        return d.isoformat()
    if grain == "week":
        return iso_week(d)
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if grain == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "DE":
        return str(d.year // 10)
    if unit == "CE":
        return str(d.year // 100)
    return str(d.year)


def anchored_value(anchor: Anchor, point: _Point) -> str | None:
    """The value of ``anchor`` counted from ``point``; None when the point is too coarse for the unit."""
    grain = anchor.grain or _UNIT_GRAIN[anchor.unit]
    if anchor.grain is None and anchor.unit == "Y" and point.grain in _PERIODS:
        grain = point.grain  # "a year earlier" than a quarter is that quarter a year before
    if _ORDER.index(point.grain) > _ORDER.index(grain):
        return None
    return _shown(_moved(point.day, anchor.n, anchor.unit), grain, anchor.unit)


def shift_anchor(direction: str, n: int, letter: str) -> Anchor | None:
    """The anchor of "N units earlier/later/ago" (``n`` signed), or None when it counts from the story's date.

    "two weeks later" is a day, as "two weeks ago" is; "a year earlier" keeps
    the granularity of a reporting period it counts from.
    """
    if letter not in _UNIT_GRAIN:
        return None  # "an hour earlier": measured from an event the text does not date
    grain = "day" if letter in ("D", "W", "F") else None
    if direction == "earlier":
        return Anchor("mention", n, letter, grain)
    if direction == "later":
        # "two years later" follows an event: counted from the story's date it would be a future date
        # in a past narrative, so without a date just mentioned the value stays unknown
        return Anchor("mention-only", n, letter, grain)
    if direction == "ago" and letter == "Y" and abs(n) == 1:
        return Anchor("period", n, letter, grain)
    return None


def unit_anchor(n: int, letter: str) -> Anchor:
    """The anchor of "the previous day", "that week", "the following year": shown at the unit's granularity."""
    return Anchor("mention", n, letter, _UNIT_GRAIN[letter])


def counted_from_story(anchor: Anchor, base: date | None) -> str | None:
    """The provisional value of an anaphoric candidate: counted from the story's date."""
    return anchored_value(anchor, _Point(base, "day")) if base else None


def resolve_anchors(chosen: list[Candidate], sentences: list[int], base: date | None) -> list[Candidate]:
    """Anaphoric candidates valued from the last date mentioned before them (see the module's docstring)."""
    if all(c.anchor is None for c in chosen):
        return chosen  # most stories: nothing to count from a mention
    out: list[Candidate] = []
    recent: list[tuple[int, _Point]] = []  # (sentence, point) of the dates mentioned so far
    story = _Point(base, "day") if base else None
    for c, k in zip(chosen, sentences):
        if c.anchor is not None:
            c = replace(c, value=_resolve(c.anchor, recent, k, story))
        out.append(c)
        # an anaphoric date is no anchor: "... a year ago. Sales were ... a year earlier" compare with the same period
        p = _point(c.value) if c.kind == "date" and c.anchor is None else None
        if p is not None:
            recent.append((k, p))
    return out


def _resolve(anchor: Anchor, recent: list[tuple[int, _Point]], k: int, story: _Point | None) -> str | None:
    for sentence, point in reversed(recent):
        if k - sentence > (1 if anchor.mode == "period" else _SENTENCES_BACK):
            break
        if anchor.mode == "period" and point.grain not in _PERIODS:
            continue
        value = anchored_value(anchor, point)
        if value is not None:
            return value
    return anchored_value(anchor, story) if story and anchor.mode != "mention-only" else None
