"""One handler per date pattern of :func:`.lexicon.patterns`: the match -> a candidate with its value, or None."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from spacy.tokens import Doc

from ..numbers import TokenIndex, words_number
from .arithmetic import add_months, duration_value, iso_week, nearest_quarter, nearest_year, season_value, shift, unit_letter, weekday_date
from .anchoring import counted_from_story, shift_anchor, unit_anchor
from .index import Candidate, TenseAt
from .periods import PERIOD_HANDLERS
from .lexicon import patterns, words
from .tense import left_words


def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _h_iso(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Candidate(m.start(), m.end(), d.isoformat(), "date", 3)


def _h_us(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    try:
        d = date(_year_of(m["y"]) or 0, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Candidate(m.start(), m.end(), d.isoformat(), "date", 3)


def _h_day_month(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    w = words()
    month = w.months[m["mon"]]
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["mon"] in w.needs_context and not m["y"] and not m["wd"]:
        # "May 3" is fine, but "March 15 percent"/"May 10 companies" is not a date
        after = text[m.end() : m.end() + 12].lower()
        if re.match(r"\s*(?:%|percent|per cent|[a-z]+s\b)", after) and not re.match(r"\s*(?:and|to|or|through)\b", after):
            return None
    year = _year_of(m["y"])
    if year is None:
        if base is None:
            return Candidate(m.start(), m.end(), None, "date", 2)
        year = nearest_year(base, month, day, tense_at(m.start()))
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return Candidate(m.start(), m.end(), d.isoformat(), "date", 2)


def _h_month_year(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    month = words().months[m["mon"]]
    if m["y"]:
        return Candidate(m.start(), m.end(), f"{int(m['y']):04d}-{month:02d}", "date", 2)
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    y = base.year + words().offsets[m["yrel"].lower()]
    return Candidate(m.start(), m.end(), f"{y:04d}-{month:02d}", "date", 2)


def _relative_year(base: date | None, y: str | None, yrel: str | None) -> int | None:
    if y:
        return int(y)
    if base is None:
        return None
    if yrel:
        return base.year + words().offsets[yrel.lower()]
    return base.year


def _h_quarter(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    q = words().ordinals[m["ord"].lower()]
    y_text = m["y"] or m["y2"]
    if y_text or m["yrel"] or m["yrel2"]:
        y = _relative_year(base, y_text, m["yrel"] or m["yrel2"])
        return Candidate(m.start(), m.end(), f"{y}-Q{q}" if y else None, "date", 2)
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    return Candidate(m.start(), m.end(), nearest_quarter(base, q, tense_at(m.start())), "date", 1)


def _h_qcode(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    q = int(m["q"])
    if m["y"]:
        return Candidate(m.start(), m.end(), f"{m['y']}-Q{q}", "date", 2)
    if base is None:
        return None
    return Candidate(m.start(), m.end(), nearest_quarter(base, q, tense_at(m.start())), "date", 1)


def _h_half(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    y = _relative_year(base, m["y"], m["yrel"])
    h = "H1" if m["h"].lower() == "first" else "H2"
    return Candidate(m.start(), m.end(), f"{y}-{h}" if y else None, "date", 2)


def _h_decade(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    return Candidate(m.start(), m.end(), m["dec"], "date", 2)


def _h_decade2(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    d = m["dd"]
    century = "19" if base is None or int(d) * 10 > base.year % 100 else "20"
    return Candidate(m.start(), m.end(), century + d, "date", 2)


def _h_ago(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"a year ago", "a week or so ago", "a day later": counted from the story's date, or the date just told (anchoring.py)."""
    q = m["q"].lower()
    n = 1 if q in ("a", "an", "one") else None
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("from now", "hence", "later") else -1
    if n is None:
        if direction == "later":
            return None  # "several years later": the vague duration has it
        return Candidate(m.start(), m.end(), "FUTURE_REF" if sign > 0 else "PAST_REF", "date", 2)
    letter = unit_letter(m["unit"])
    return Candidate(m.start(), m.end(), shift(base, n * sign, letter), "date", 2, shift_anchor(direction, n * sign, letter))


def _h_relative(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    w = words()
    back = 1 if unit == "day" and rel == "next" else w.anaphoric.get(rel)  # "the next day" is counted from the day told
    if back is not None:
        if unit not in ("day", "week", "month", "year", "quarter") or (rel == "that" and m["the"]):
            return None
        anchor = unit_anchor(back, unit_letter(unit))
        return Candidate(m.start(), m.end(), counted_from_story(anchor, base), "date", 2, anchor)
    if unit == "day":
        return None  # "this day", "last day": not a date of their own
    if m["the"] and rel in ("past", "last", "next", "coming"):
        # "the past year", "the next week": a span of time, not a calendar unit
        if unit in w.units:
            half = patterns().and_a_half.match(text, m.end())  # "the next year and a half"
            end, amount = (half.end(), 1.5) if half else (m.end(), 1.0)
            return Candidate(m.start(), end, duration_value(amount, unit_letter(unit)), "duration", 2)
        return None
    if rel == "past" or (rel == "coming" and unit in w.units):
        return None if unit not in w.units else Candidate(m.start(), m.end(), duration_value(1, unit_letter(unit)), "duration", 1)
    off = w.offsets[rel]
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    value: str | None
    if unit == "week":
        value = iso_week(base + timedelta(days=7 * off))
    elif unit == "weekend":
        value = iso_week(base + timedelta(days=7 * off)) + "-WE"
    elif unit == "month":
        y, mth = add_months(base.year, base.month, off)
        value = f"{y:04d}-{mth:02d}"
    elif unit == "year":
        value = str(base.year + off)
    elif unit == "quarter":
        y, mth = add_months(base.year, base.month, 3 * off)
        value = f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    elif unit == "decade":
        value = str(base.year // 10 + off)
    elif unit == "century":
        value = str(base.year // 100 + off)
    else:
        code = w.seasons[unit]
        value = season_value(base, code, off)
    return Candidate(m.start(), m.end(), value, "date", 2)


def _h_weekday(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    w = words()
    wd = w.weekdays[m["wd"]]
    rel = (m["rel"] or "").lower() or None
    start = m.start()
    if rel in ("early", "late"):
        rel = None
    if base is None:
        return Candidate(start, m.end(), None, "date", 2)
    d = weekday_date(base, wd, rel, tense_at(m.start("wd"), True) if rel is None else None)
    value = d.isoformat()
    if m["part"]:
        value += "T" + w.day_parts[m["part"].lower()]
    return Candidate(start, m.end(), value, "date", 2)


def _h_month(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    w = words()
    name = m["mon"]
    month = w.months[name]
    rel = (m["rel"] or "").lower() or None
    if name in w.needs_context and rel is None:
        # "May" the verb, "March" the noun: a date only after a date preposition or modifier
        left = left_words(text, m.start(), 1)
        if not left or left[0] not in w.month_context:
            return None
    if name.endswith(".") is False and len(name) <= 3 and name not in ("May",):
        return None  # a bare "Jan" or "Dec" without a day is a name more often than a month
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    if rel in ("last", "past", "previous"):
        y = base.year if month < base.month else base.year - 1
    elif rel in ("next", "coming"):
        y = base.year if month > base.month else base.year + 1
    elif rel in ("this", "current"):
        y = base.year
    else:
        y = nearest_year(base, month, None, tense_at(m.start()))
    return Candidate(m.start(), m.end(), f"{y:04d}-{month:02d}", "date", 1)


def _h_season(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    w = words()
    rel = (m["rel"] or "").lower() or None
    s = m["s"].lower()
    if m["y"]:
        return Candidate(m.start(), m.end(), f"{m['y']}-{w.seasons[s]}", "date", 2)
    if rel is None:
        left = left_words(text, m.start(), 1)
        if s == "fall" or not left or left[0] not in w.season_context:
            return None
    if rel == "the":
        left = left_words(text, m.start(), 1)
        if not left or left[0] not in w.season_context:
            return None
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    off = {"last": -1, "this past": -1, "next": 1, "this": 0}.get(re.sub(r"\s+", " ", rel or ""), None)
    return Candidate(m.start(), m.end(), season_value(base, w.seasons[s], off, tense_at(m.start())), "date", 1)


def _h_deixis(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if word == "today" and re.match(r"['’]s", text[m.end("w") : m.end("w") + 2]):
        return None  # "today's world": a reference to the present, not to a day
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 2)
    off = words().parts_of_day.get(word, 0)
    return Candidate(m.start(), m.end(), (base + timedelta(days=off)).isoformat(), "date", 2)


def _h_midyear(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    return Candidate(m.start(), m.end(), m["y"], "date", 3)


_AMOUNT_AFTER = re.compile(r"\s*(?:%|percent|per cent|(?i:hundred|thousand|million|billion|trillion|bn|mln)\b)")


def _h_year(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """A four-digit number as a year, unless it is an amount ("about 2000 people", "$2000", "1999 percent")."""
    w = words()
    s = m.start()
    prev = text[max(0, s - 16) : s].lower()
    if re.search(r"[$£€¥]\s?$", prev) or any(prev.endswith(" " + q + " ") or prev == q + " " for q in w.year_not_after):
        return None
    if _AMOUNT_AFTER.match(text, m.end()) or patterns().clock_after.match(text, m.end()):
        return None  # an amount, or a 24-hour time ("1815 GMT")
    # wire style writes amounts of a thousand and more with a comma ("2,000 troops"):
    # four bare digits before a noun are a year ("Kim Jong Un's 2017 greetings", "the 2012 elections")
    if base is not None and int(m["y"]) > base.year + 60:
        return None
    return Candidate(s, m.end(), m["y"], "date", 1)


def _count_at(text: str, start: int) -> float | None:
    """The number written at ``start`` ("two", "12"), by :mod:`.numbers`."""
    parsed = words_number(text, start)
    if parsed is not None:
        return parsed[0]
    m = re.match(r"\d+", text[start:])
    return float(m.group(0)) if m else None


def _h_set(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    amount = _count_at(text, m.start("n")) if m["n"] else 1.0
    if amount is None:
        return None
    if m["other"]:
        amount *= 2  # "every other week"
    return Candidate(m.start(), m.end(), duration_value(amount, unit_letter(m["unit"])), "set", 2)


def _h_times(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    if m["n"] and _count_at(text, m.start("n")) is None and m["n"].lower() not in ("several", "few", "many"):
        return None  # "six times a month", "several times a year"; not "the Times a day"
    return Candidate(m.start(), m.end(), duration_value(1, unit_letter(m["unit"])), "set", 3)


def _h_setadv(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    i = tokens.at(m.start())
    if doc[i].pos_ in ("ADJ", "NOUN", "PROPN"):
        return None  # "daily newspaper", "monthly income": an attribute, not a recurrence
    return Candidate(m.start(), m.end(), words().set_adverbs[m["w"].lower()], "set", 2)


def _h_ref(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    value = words().refs[word]
    i = tokens.at(m.start())
    if doc[i].pos_ == "ADJ" and " " not in word:
        return None  # an adjective "current" is an attribute; "coming months" is a reference
    return Candidate(m.start(), m.end(), value, "date", 0)


def _h_holiday(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    md = words().holidays[m["w"]]
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    month, day = int(md[:2]), int(md[3:])
    y = nearest_year(base, month, day, tense_at(m.start()))
    return Candidate(m.start(), m.end(), f"{y:04d}-{md}", "date", 1)


def _h_century(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    n = int(m["n"])
    if not 1 <= n <= 22:
        return None
    return Candidate(m.start(), m.end(), f"{n - 1:02d}", "date", 2)  # TimeML: the 11th century is "10"


def _h_weekend(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> Candidate | None:
    """"the weekend": the one before the story's date in a past clause, else the coming (or current) one."""
    if base is None:
        return Candidate(m.start(), m.end(), None, "date", 1)
    if base.weekday() >= 5 or tense_at(m.start()) != "past":
        return Candidate(m.start(), m.end(), iso_week(base) + "-WE", "date", 1)
    return Candidate(m.start(), m.end(), iso_week(base - timedelta(days=7)) + "-WE", "date", 1)


HANDLERS: dict[str, Callable] = {
    **PERIOD_HANDLERS,
    "century": _h_century,
    "weekend": _h_weekend,
    "iso": _h_iso,
    "us": _h_us,
    "mdy": _h_day_month,
    "dmy": _h_day_month,
    "my": _h_month_year,
    "quarter": _h_quarter,
    "qcode": _h_qcode,
    "half": _h_half,
    "decade": _h_decade,
    "decade2": _h_decade2,
    "ago": _h_ago,
    "relative": _h_relative,
    "weekday": _h_weekday,
    "month": _h_month,
    "season": _h_season,
    "deixis": _h_deixis,
    "midyear": _h_midyear,
    "year": _h_year,
    "set": _h_set,
    "times": _h_times,
    "setadv": _h_setadv,
    "ref": _h_ref,
    "holiday": _h_holiday,
}
