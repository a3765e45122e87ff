"""Calendar arithmetic: ISO weeks, month and season steps, the year of a date written without one, durations."""

from __future__ import annotations

from datetime import date, timedelta

from .lexicon import words

def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


PAST_BIAS_DAYS = 60  # news looks back: a date as far behind as ahead (plus this) is taken as past
DAY_TENSE_WINDOW = 200  # a day without a year further than this from the story's date is unlikely


def safe_date(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError:  # 29 February in a common year
        return date(y, m, 28)


def nearest_year(base: date, month: int, day: int | None, tense: str | None) -> int:
    """Year of a (month, day) without one: past or future by the clause's tense, else the nearest.

    "Nearest" leans to the past by ``PAST_BIAS_DAYS``: "Aug. 6" written in
    February is last August's, "Nov. 22" written on Nov. 2 is this one.
    """
    if day is None:
        if month == base.month:
            return base.year
        before = month < base.month
        d = 1 if before else 28
    else:
        this = safe_date(base.year, month, day)
        if this == base:
            return base.year
        before = this < base
        d = day
    prev_y = base.year if before else base.year - 1
    next_y = base.year + 1 if before else base.year
    dp = (base - safe_date(prev_y, month, d)).days
    dn = (safe_date(next_y, month, d) - base).days
    tensed_y, tensed_days = (prev_y, dp) if tense == "past" else (next_y, dn)
    if day is not None and tense is not None and tensed_y != base.year and tensed_days > DAY_TENSE_WINDOW > min(dp, dn):
        # wire style gives the year of any day more than a few months away in another year:
        # "extended to Nov. 20" written on Nov. 2 is this Nov. 20 whatever the verb's tense,
        # but "the year ended March 31" written in October is this year's March
        tense = None
    if tense == "past":
        return prev_y
    if tense == "future":
        return next_y
    return prev_y if dp <= dn + PAST_BIAS_DAYS else next_y


def weekday_date(base: date, wd: int, rel: str | None, tense: str | None) -> date:
    diff = base.weekday() - wd
    if rel in ("last", "past", "previous"):
        return base - timedelta(days=diff % 7 or 7)
    if rel in ("next", "coming"):
        return base + timedelta(days=(-diff) % 7 or 7)
    if rel == "this":
        return base - timedelta(days=diff)
    if tense == "future":
        return base + timedelta(days=(-diff) % 7)
    return base - timedelta(days=diff % 7)


def season_index(y: int, code: str) -> int:
    return y * 4 + ["SP", "SU", "FA", "WI"].index(code)


def current_season(base: date) -> tuple[int, str]:
    m = base.month
    if m in (1, 2):
        return base.year - 1, "WI"
    if m == 12:
        return base.year, "WI"
    return base.year, "SP" if m <= 5 else "SU" if m <= 8 else "FA"


def duration_value(amount: float | None, unit_letter: str) -> str:
    """ISO 8601 duration ("P11Y", "PT1H", "P30M" for 2.5 years); ``amount`` None = vague ("PXY")."""
    if unit_letter == "DE":
        return duration_value(None if amount is None else amount * 10, "Y")
    if unit_letter == "CE":
        return duration_value(None if amount is None else amount * 100, "Y")
    if unit_letter == "F":
        return duration_value(None if amount is None else amount * 2, "W")
    if unit_letter == "Q":
        return duration_value(None if amount is None else amount * 3, "M") if amount is not None else "PXQ"
    time_unit = unit_letter in ("H", "MI", "S")
    letter = "M" if unit_letter == "MI" else unit_letter
    if amount is None:
        return ("PTX" if time_unit else "PX") + letter
    if amount != int(amount):
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MI"), "MI": (60, "S")}
        if unit_letter in smaller:
            factor, sub = smaller[unit_letter]
            if (amount * factor) == int(amount * factor):
                return duration_value(amount * factor, sub)
        text = f"{amount:g}"
    else:
        text = str(int(amount))
    return ("PT" if time_unit else "P") + text + letter


def unit_letter(unit: str) -> str:
    """Calendar unit word -> duration letter, minutes told apart from months."""
    u = unit.lower()
    if u.startswith("minute"):
        return "MI"
    return words().units[u]


def shift(base: date | None, n: float, letter: str) -> str | None:
    """The date ``n`` units from ``base``, at the unit's granularity."""
    if base is None:
        return None
    if n != int(n):
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    n = int(n)
    if letter == "Y":
        return str(base.year + n)
    if letter == "DE":
        return str((base.year + 10 * n) // 10)
    if letter == "CE":
        return str((base.year + 100 * n) // 100)
    if letter == "M":
        y, mth = add_months(base.year, base.month, n)
        return f"{y:04d}-{mth:02d}"
    if letter == "Q":
        y, mth = add_months(base.year, base.month, 3 * n)
        return f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    if letter in ("W", "F"):
        return (base + timedelta(days=7 * n * (2 if letter == "F" else 1))).isoformat()
    if letter == "D":
        return (base + timedelta(days=n)).isoformat()
    return base.isoformat()


def season_value(base: date, code: str, off: int | None, tense: str | None = None) -> str:
    cy, cc = current_season(base)
    cur = season_index(cy, cc)
    idx = season_index(base.year, code)
    if code == "WI" and base.month in (1, 2):
        idx = season_index(base.year - 1, code)
    if off == 0:
        pass
    elif off is not None and off < 0:
        while idx >= cur:
            idx -= 4
    elif off is not None and off > 0:
        while idx <= cur:
            idx += 4
    elif tense == "past":
        while idx > cur:
            idx -= 4
    elif tense == "future":
        while idx < cur:
            idx += 4
    y, k = divmod(idx, 4)
    return f"{y}-{['SP', 'SU', 'FA', 'WI'][k]}"


def nearest_quarter(base: date, q: int, tense: str | None) -> str:
    """A quarter without a year: this year's if it has begun, else last year's (unless the clause is future).

    Wire copy mostly reports quarters that have ended ("fourth-quarter profit"
    in January), so a later quarter than the current one is last year's.
    """
    cur = (base.month - 1) // 3 + 1
    if q <= cur or tense == "future":
        return f"{base.year}-Q{q}"
    return f"{base.year - 1}-Q{q}"
