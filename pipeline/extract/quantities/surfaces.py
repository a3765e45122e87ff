"""The surface of each quantity in the raw text: currency, number, range, unit, rate and qualifiers around it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..numbers import Number, scale_after
from .lexicon import UnitInfo, lex
from .unit_match import unit_matchers


@dataclass
class _Surface:
    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    unit: UnitInfo | None = None
    per: str | None = None
    qualifier: str | None = None
    explicit_qualifier: bool = False
    count_noun: Token | None = None
    number_start: int = 0
    number_end: int = 0
    is_range: bool = False
    from_to: bool = False
    number_start_tok: int = 0
    core_start: int = 0  # start without the qualifier words
    number_end_tok: int = 0


_RANGE = re.compile(r"[ \t]*(?:-|–|—|to|and)[ \t]*", re.I)
_TIME_AFTER = re.compile(r"(?::\d\d|[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT\b|EST\b|EDT\b|BST\b|CET\b|ET\b))", re.I)
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*\(?$")
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?", re.I)
_AN_AFTER = re.compile(r"[ \t]+an?[ \t]+", re.I)
_DAYS_LABOUR = re.compile(r"(?i)\b(?:for|per)\s+(?:a|an|one|each)\s+(?P<u>day|week|month|year|hour|night)['’]s\b")
_OK_FRACTION_DEN = frozenset({2, 3, 4, 5, 8, 10, 16, 32})
_FRACTION_NOT_AFTER = re.compile(r"(?i)\b(?:the|first|second|third|fourth|last|same|latter|final|this|that|each|every)[ \t]+$")


_BRACKET_OPEN = re.compile(r"[ \t]*[(\[{<][ \t]*")
_BRACKET_CLOSE = re.compile(r"[ \t]*[)\]}>]")


def _unit_at(text: str, pos: int) -> tuple[UnitInfo, int, str] | None:
    """The unit written at ``pos`` (after a number): (unit, end, surface form), longest form first;
    a unit alone in brackets is the number's too ("20 (kg)", "20 [kg]", as tables write it)."""
    found = _bare_unit_at(text, pos)
    if found is None and (bm := _BRACKET_OPEN.match(text, pos)):
        inner = _bare_unit_at(text, bm.end())
        close = _BRACKET_CLOSE.match(text, inner[1]) if inner is not None else None
        if inner is not None and close is not None:
            found = (inner[0], close.end(), inner[2])
    return found


def _bare_unit_at(text: str, pos: int) -> tuple[UnitInfo, int, str] | None:
    lx = lex()
    case_sensitive, case_insensitive = unit_matchers()
    best: tuple[UnitInfo, int, str] | None = None
    m = case_sensitive.match(text, pos)
    if m:
        best = (lx.forms_cs[m[0]], m[1], m[0])
    m = case_insensitive.match(text, pos)
    if m and (best is None or m[1] > best[1]):
        info = lx.forms_ci[m[0].lower()]
        if not (info.kind == "duration" and m[0][:1].isupper()):  # "7 Days Group": a name
            best = (info, m[1], m[0])
    return best


def _letter_before(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isalpha() or (text[i - 1] == "-" and i > 1 and text[i - 2].isalnum()))


def _surfaces(text: str, numbers: list[Number], skip: list[tuple[int, int]]) -> list[_Surface]:
    lx = lex()
    out: list[_Surface] = []
    consumed_until = -1
    for k, n in enumerate(numbers):
        if n.start < consumed_until:
            continue
        if any(a <= n.start and n.end <= b for a, b in skip):
            continue
        start, end, value = n.start, n.end, n.value
        s = _Surface(start, end, value, n.low, n.high, number_start=n.start, number_end=n.end)
        # digit fractions other than halves, quarters ... are not numbers ("24/7", "9/11")
        fm = re.search(r"(\d+)/(\d+)$", n.digits or "")
        if fm and (int(fm.group(2)) not in _OK_FRACTION_DEN or int(fm.group(1)) >= int(fm.group(2))):
            continue
        # a currency before the number
        cur: UnitInfo | None = None
        pm = lx.prefix.search(text, max(0, start - 10), start)
        if pm and not _prefix_ok(pm.group("sym"), n):
            pm = None
        if pm:
            cur = lx.prefix_units.get(pm.group("sym").lower())
            if cur is not None:
                s.start = pm.start()
                if pm.group("sym").upper() in lx.million_codes:
                    s.value *= 1e6
        if cur is None and _letter_before(text, start):
            continue  # "G20", "A380", "Sakhalin-3", "COVID-19"
        if n.fraction and _FRACTION_NOT_AFTER.search(text, max(0, start - 12), start):
            continue  # "the second half of the year", "the same quarter": a period, not a part
        if cur is not None and not n.scaled:
            factor, end = scale_after(text, end, after_currency=True)
            s.value *= factor
        # a range: "$60-80 billion", "between 2 and 2.5 percent", "eight to 10 feet", "$2.60-$2.80"
        rm = _RANGE.match(text, end)
        unit1 = _unit_at(text, end) if cur is None and k + 1 < len(numbers) else None
        if rm is None and unit1 is not None and _same_unit_after(text, unit1, numbers[k + 1]):
            rm = _RANGE.match(text, unit1[1])  # "3% to 4%", "10 km to 20 km": the unit written on both ends
        else:
            unit1 = None
        if rm and k + 1 < len(numbers) and not n.vague:
            nxt = numbers[k + 1]
            gap_end = rm.end()
            sym2 = lx.prefix_at.match(text, gap_end) if cur else None
            if sym2:
                gap_end = sym2.end()
            conn = rm.group(0).strip().lower()
            before = text[max(0, s.start - 12) : s.start].lower()
            ok = nxt.start == gap_end and (unit1 is not None or _unit_at(text, end) is None)
            if conn == "and" and not re.search(r"between\s+$", before):
                ok = False
            if conn == "to" and (unit1 is not None or sym2 is not None) and re.search(r"\bby\s+$", before):
                ok = False  # "rose by 2% to 5%", "by $2 to $5": a change and the level it reached ("by 5 to 7 percent" is a range)
            if conn == "to" and re.search(r"\b(?:from)\s+$", before):
                s.from_to = True
            if conn in ("-", "–", "—") and (text[nxt.end : nxt.end + 1] == "-" and text[nxt.end + 1 : nxt.end + 2].isdigit()):
                ok = False  # "1111-2222-3333": a code
            if ok and conn == "to" and cur is None and not s.from_to and 1 < nxt.value < s.value:
                # "by 1,670 to 1,420": a tally of two things (rule breadth_count), not a range ("3 to 1" is one ratio,
                # "a 52-week range of $45.98 to 29.63" one range written high first)
                ok = False
            if ok:
                hi = nxt.value
                lo = s.value
                if nxt.scaled and not n.scaled and sym2 is None and abs(lo) < 1000:
                    lo *= nxt.scale  # "$60-80 billion" (not "from $650,000 to $2.1 million"): the second number's scale is the first's too
                lo *= _word_scale_carry(text, n, nxt)
                s.low, s.high = min(lo, hi), max(lo, hi)
                s.value = s.low
                s.is_range = True
                bm = re.search(r"(?i)\b(?:between|from)[ \t]+$", text[max(0, s.start - 12) : s.start])
                if bm:
                    s.start -= len(bm.group(0))
                end = nxt.end
                consumed_until = nxt.end
        s.number_end = end
        # the unit after the number ("tonnes", "-inch", "bpd", "dollars"); "half a century"
        pos = end
        if n.fraction:
            am = _AN_AFTER.match(text, pos)
            if am:
                pos = am.end()
        um = _unit_at(text, pos)
        if um is None and n.vague:
            om = _OF_AFTER.match(text, pos)
            if om:
                um = _unit_at(text, om.end())
                if um is not None and um[0].kind != "currency":
                    um = None if um[0].kind not in ("mass", "volume", "energy", "length", "area") else um
        if um is not None and um[2] == "m" and not n.scaled:
            after = _unit_at(text, um[1])
            if after is not None and text[um[1] : um[1] + 1] in " \t" and after[0].kind not in ("length", "currency"):
                s.value *= 1e6  # "3.4m barrels": million barrels, not metres
                um = after
        if um is not None:
            info, uend, form = um
            if cur is not None and info.kind == "currency":
                end = uend  # "$10 dollars": the name repeats the symbol
            elif cur is not None:
                pass  # "$50 million budget": the unit after belongs to something else
            else:
                if form.lower() in lx.pound_forms:
                    info = _pound(text, s.start, uend)
                if len(form) == 1 and form.isalpha() and text[pos : pos + 1] in " \t":
                    info = None  # a single-letter unit must be attached ("100m", "100t")
                if info is not None:
                    end = uend
                    cur = None
                    s.unit = info
                    if info.scale != 1:
                        s.value *= info.scale
                        if s.low is not None:
                            s.low *= info.scale
                            s.high = (s.high or 0) * info.scale
                    if info.per:
                        s.per = info.per
                    if info.kind == "currency" and not n.scaled:
                        factor, end = scale_after(text, end)  # "75 USD million"
                        s.value *= factor
        if cur is not None:
            s.unit = cur
        elif s.unit is None and n.fraction:
            om = _OF_AFTER.match(text, end)
            if not om:
                continue  # a bare "half" or "two-thirds" with nothing it is a part of
            s.value = round(s.value * 100.0, 6)  # "two-thirds of the vote": a share, in percent
            s.unit = UnitInfo("percent", "percent")
        elif s.unit is None:
            # digits glued to letters that are not a unit: "30s", "1990s", "2nd", "puw94s"
            if end < len(text) and text[end].isalpha():
                continue
            if text[end : end + 2] in (".T", ".N", ".L", ".O", ".K", ".HK", ".SS", ".DE", ".PA") or re.match(r"\.[A-Z]{1,3}\b", text[end : end + 4]):
                continue  # a ticker: "( 1662.T )"
            if _TIME_AFTER.match(text, end) or (start > 0 and text[start - 1] == ":"):
                continue  # a time of day
            if _LIST_MARKER.search(text, max(0, start - 3), start) and re.match(r"[.)]\s", text[end : end + 2]):
                continue  # a list marker
        # the rate after the unit: "per day", "a barrel", "/day", "-a-day"
        if s.per is None and s.unit is not None:
            pm_ = lx.per_after.match(text, end)
            if pm_:
                s.per = lx.per_units[pm_.group("u").lower()]
                end = pm_.end()
            else:
                pm_ = lx.per_after_of.match(text, end)
                if pm_:
                    s.per = lx.per_units[pm_.group("u").lower()]
        s.end = end
        s.core_start = s.start
        s.number_end = max(s.number_end, n.end)
        consumed_until = max(consumed_until, end)
        # qualifiers around the number
        qm = lx.qual_before.search(text, max(0, s.start - 40), s.start)
        if qm and qm.end() == s.start:
            q = re.sub(r"\s+", " ", qm.group("q").lower())
            s.qualifier = lx.qual_before_map.get(q)
            s.explicit_qualifier = True
            s.start = qm.start()
        am = lx.qual_after.match(text, s.end)
        if am:
            s.qualifier = lx.qual_after_map.get(re.sub(r"\s+", " ", am.group("q").lower()))
            s.explicit_qualifier = True
            s.end = am.end()
            consumed_until = max(consumed_until, s.end)
        out.append(s)
    return out


def _prefix_ok(sym: str, n: Number) -> bool:
    """"PS25 million" is sterling, "PS3" a games console, "ps 5" nothing: a prefix-only letter code must be written
    as listed and stand before an amount (a scale, a decimal or two digits and more)."""
    lx = lex()
    if sym.lower() not in {p.lower() for p in lx.prefix_only} or not sym.isalpha():
        return True
    return sym in lx.prefix_only and (n.scaled or len(n.digits.replace(",", "")) >= 2)


def _same_unit_after(text: str, unit: tuple[UnitInfo, int, str], nxt: Number) -> bool:
    """"3% to 4%": after the unit, a range word, then the next number with the same unit."""
    rm = _RANGE.match(text, unit[1])
    if rm is None or rm.end() != nxt.start:
        return False
    other = _unit_at(text, nxt.end)
    return other is not None and other[0].unit == unit[0].unit


_SCALE_WORD_END = re.compile(r"(?i)\b(hundred|thousand|million|billion)$")


def _word_scale_carry(text: str, n: Number, nxt: Number) -> float:
    """"six to seven hundred": the scale word that ends the second number also scales the first (600, not 6)."""
    if not (n.words and nxt.words) or n.scaled:
        return 1.0
    m = _SCALE_WORD_END.search(text, nxt.start, nxt.end)
    if m is None:
        return 1.0
    scale = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group(1).lower()]
    return scale if 0 < n.value < 100 and n.value * scale <= nxt.value else 1.0


def _pound(text: str, start: int, end: int) -> UnitInfo:
    """"25 pounds" of weight or "361 million pounds" of money: by the scale, the story and "of"."""
    after = text[end : end + 12].lower()
    if re.match(r"\s+(?:sterling|stg)\b", after):
        return UnitInfo("GBP", "currency")
    if re.match(r"\s+of\b", after):
        return UnitInfo("lb", "mass")
    number = text[start:end].lower()
    if re.search(r"million|billion|bn|mln|thousand", number) or "£" in text or "sterling" in text.lower():
        return UnitInfo("GBP", "currency")
    return UnitInfo("lb", "mass")
