"""Where each kind of date word occurs, and the short windows around them that the patterns search."""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import Number, TokenIndex, trigger_table
from .lexicon import patterns

_WINDOW = 45  # characters around a trigger word that a pattern may span
# Where a kind of trigger sits in its expressions, how far they reach (characters before, after its start):
# a month or a calendar unit ends or nearly ends its expression ("Friday, Oct. 23, 1998", "the following
# year", "the year-ago quarter"); other triggers may sit anywhere. Narrower windows, less to search.
_REACH = {("month",): (25, 30), ("unit",): (45, 30)}


def windows(positions: list[int], size: int, cats: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Merged character windows around trigger positions (of the trigger kinds ``cats``)."""
    before, after = _REACH.get(cats, (_WINDOW, _WINDOW + 12))
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        a, b = max(0, p - before), min(size, p + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=1)
def _trigger_table() -> dict[int, tuple[str, ...]]:
    return trigger_table(patterns().triggers)


def triggers(text: str, tokens: TokenIndex, numbers: list[Number]) -> dict[str, list[int]]:
    """Where each kind of date word occurs: token starts by lower-case form, digit triggers from the numbers."""
    found = tokens.starts_by(_trigger_table())
    for cat in patterns().triggers:
        found.setdefault(cat, [])
    year4: list[int] = []
    slash: list[int] = []
    apos: list[int] = []
    for n in numbers:
        if n.words:
            continue
        if len(n.digits) == 4 and n.digits.isdigit() and 1600 <= int(n.digits) <= 2099:
            year4.append(n.start)
        if "/" in n.digits or text[n.end : n.end + 1] == "/":
            slash.append(n.start)  # "12/25/2012"
        if text[n.start - 1 : n.start] in ("'", "’"):
            apos.append(n.start)  # "the '90s"
    found["year4"], found["slash"], found["apos"] = year4, slash, apos
    if "FY" in text:
        found["fiscal"] += [m.start() for m in re.finditer(r"\bFY", text)]  # "FY2012": one token, not a word of the table
    return found
