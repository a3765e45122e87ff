"""Quantities: numbers with their unit, qualifier, change, rate and what they measure.

What it finds, one row per number claimed:

* the number in any form wire copy uses (:mod:`.numbers`): digits, words,
  scale words ("$25 billion", "1.2 million tonnes", "5 bcm"), vague
  magnitudes ("tens of thousands": ``low``/``high``, ``value`` the lower
  bound), ranges ("between 2 and 2.5 percent", "$60-80 billion",
  "$2.60-$2.80"), hyphenated measures ("a 4,070-km pipeline");
* the unit from ``models/lexicons/units.json`` (mass, length, area, volume,
  energy, durations, speed, percent and points, currencies by symbol, ISO 4217
  code or name), or, for a count, the counted noun ("200 passengers" ->
  ``passenger``); a parenthetical conversion ("4,000 roubles (about $70)")
  gives two rows;
* ``qualifier`` from the approximators and bounds around the number ("about",
  "up to", "more than", "300 or more"; a bound carries over a conjunction:
  "up to 200 passengers and 1,000 tonnes"), ``change`` from the verb, noun or
  adverb that governs it ("rose 5 percent", "cut ... by one notch", "a 5
  percent drop", "up 0.95"; a level reached, "rose to $10", is not a change),
  ``per`` from the rate ("per day", "$18 a barrel", "bpd", "six times a
  month") or a recurrence in the same clause ("... each year", "for a day's
  labour");
* ``measured`` from the dependency parse: the "of" complement ("500,000 tonnes
  of crude"), the counted noun, the noun the quantity modifies ("a $5.3
  billion canal expansion project"), the subject of a copula or of a change
  ("Trade ... soared 38.6 percent"), the object of a verb whose price it is
  ("purchasing ... stake ... for $1.5 billion"), the verb phrase a duration
  measures ("worked in Russia for 11 years"); ``actor_id`` from the subject or
  possessor that is an actor; ``date`` from a date mention in the same clause.

Not quantities: years and other dates, times of day, ordinals, numbers inside
names or codes ("G20", "Boeing 747", "Sakhalin-3", "1662.T", "Article 5"),
list markers, and references back to things already counted ("the two").
All cue words are data: ``models/lexicons/quantity_cues.json``,
``units.json``, ``number_words.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..resources import load_json
from .actors import ActorIndex
from .context import TIME_ENTITIES, DocContext
from .dates import DateIndex, DateMention
from .numbers import Number, TokenIndex, alternation, find_numbers, scale_after


@dataclass(frozen=True)
class UnitInfo:
    unit: str  # canonical
    kind: str  # the table's unit_kind
    per: str | None = None
    scale: float = 1.0



@dataclass(frozen=True)
class _Lex:
    forms_ci: dict[str, UnitInfo]  # lower-cased form -> unit (case-insensitive forms)
    forms_cs: dict[str, UnitInfo]  # case-sensitive forms
    unit_ci: re.Pattern[str]
    unit_cs: re.Pattern[str]
    prefix: re.Pattern[str]  # currency symbol or code right before a number
    prefix_at: re.Pattern[str]  # the same, matched at a position ("$2.60-$2.80")
    prefix_units: dict[str, UnitInfo]
    prefix_only: frozenset[str]  # as written: "PS" (a lost "£"), "Y=" (yen)
    million_codes: frozenset[str]
    qual_before: re.Pattern[str]
    qual_before_map: dict[str, str]
    qual_after: re.Pattern[str]
    qual_after_map: dict[str, str]
    per_after: re.Pattern[str]
    per_after_of: re.Pattern[str]
    per_units: dict[str, str]
    change_up: frozenset[str]
    change_down: frozenset[str]
    change_nouns_up: frozenset[str]
    change_nouns_down: frozenset[str]
    change_particles: dict[str, str]
    name_prefixes: frozenset[str]
    name_prefixes_always: frozenset[str]
    back_reference: frozenset[str]
    pound_forms: frozenset[str]
    level_nouns: frozenset[str]
    level_verbs: frozenset[str]
    extent_heads: frozenset[str]
    not_counted: frozenset[str]
    collective_counts: frozenset[str]
    index_words: re.Pattern[str]
    generic_counts: frozenset[str]
    age_words: frozenset[str]


@lru_cache(maxsize=1)
def lex() -> _Lex:
    units = load_json("lexicons/units.json")
    cues = load_json("lexicons/quantity_cues.json")
    case_sensitive = set(units["case_sensitive"])
    ci: dict[str, UnitInfo] = {}
    cs: dict[str, UnitInfo] = {}

    def add(form: str, info: UnitInfo, force_cs: bool = False) -> None:
        if force_cs or form in case_sensitive:
            cs.setdefault(form, info)
        else:
            ci.setdefault(form.lower(), info)

    for unit, spec in units["measures"].items():
        info = UnitInfo(spec.get("as", unit), spec["kind"], scale=float(spec.get("factor", 1)))
        for form in spec["forms"]:
            add(form, info)
    for form, spec in units["compounds"].items():
        add(form, UnitInfo(spec["unit"], _kind_of(units, spec["unit"]), spec.get("per"), float(spec.get("scale", 1))))
    prefix_units: dict[str, UnitInfo] = {}
    for code, spec in units["currencies"].items():
        info = UnitInfo(code, "currency")
        for name in spec["names"]:
            add(name, info)
        for sym in spec.get("prefix_only", []):
            prefix_units[sym] = info  # "PS25 million", "Y=2.5 million": never after a number
        for sym in spec["symbols"]:
            prefix_units[sym] = info
            # symbols are also written after the number ("10 $", "15 €", "30 MUSD")
            after = UnitInfo(code, "currency", scale=1e6) if sym in units["million_prefixed_codes"] else info
            add(sym, after, force_cs=sym.isalpha() and len(sym) <= 4)
    for code in units["iso_codes"]:
        add(code, UnitInfo(code, "currency"), force_cs=True)
    for code in units["lowercase_codes_ok"]:
        add(code.lower(), UnitInfo(code.upper(), "currency"), force_cs=True)
    for unit, spec in units["subunits"].items():
        for form in spec["forms"]:
            add(form, UnitInfo(unit, "currency"), force_cs=len(form) <= 2)
    prefix_ok = set(units["code_prefix_ok"])
    prefix_syms = {s: i for s, i in prefix_units.items() if not s.isalpha() or s in prefix_ok}
    for code in prefix_ok:
        if code in prefix_units:
            prefix_syms[code] = prefix_units[code]
        elif code.isalpha() and code in units["currencies"]:
            prefix_syms[code] = UnitInfo(code, "currency")
    sym_alt = alternation(prefix_syms)
    prefix = re.compile(r"(?:(?<![\w$])|(?<=\d))(?P<sym>" + sym_alt + r")[ \t]?$", re.I)
    qb = {k.lower(): v for k, v in cues["qualifiers_before"].items()}
    qa = {k.lower(): v for k, v in cues["qualifiers_after"].items()}
    per_units = {k.lower(): v for k, v in cues["per_units"].items()}
    per_words = [w for w in cues["per_words"] if w != "/"]
    per_after = re.compile(
        r"(?:[ \t]*(?:" + alternation(per_words) + r")[ \t]+|[ \t]*/[ \t]*|[ \t]*-[ \t]*(?:an?|per)[ \t]*-[ \t]*)(?P<u>" + alternation(per_units) + r")(?![\w])(?![ \t]+(?:ago|earlier|later|before|after)\b)", re.I
    )
    # "2.4 billion gallons of jet fuel a year": the rate after the "of" phrase (that stays outside the quantity's text)
    per_after_of = re.compile(
        r"[ \t]+of[ \t]+(?:(?!times?\b|a\b|an\b|per\b)[A-Za-z][\w'-]*[ \t]+){1,3}(?:a|an|per)[ \t]+(?P<u>" + alternation(per_units) + r")(?![\w])(?![ \t]+(?:ago|earlier|later|before|after)\b)",
        re.I,
    )
    return _Lex(
        ci,
        cs,
        re.compile(r"(?:[ \t]*-[ \t]*|[ \t]*)(?P<u>" + alternation(ci) + r")(?![\w$])", re.I),
        re.compile(r"(?:[ \t]*-[ \t]*|[ \t]*)(?P<u>" + alternation(cs) + r")(?![\w$])"),
        prefix,
        re.compile(r"(?P<sym>" + sym_alt + r")[ \t]?", re.I),
        {k.lower(): v for k, v in prefix_syms.items()},
        frozenset(sym for spec in units["currencies"].values() for sym in spec.get("prefix_only", [])),
        frozenset(units["million_prefixed_codes"]),
        re.compile(r"(?<![\w-])(?P<q>" + alternation(qb) + r")[ \t]+$", re.I),
        qb,
        re.compile(r"[ \t]*(?P<q>" + alternation(qa) + r")(?![\w])", re.I),
        qa,
        per_after,
        per_after_of,
        per_units,
        frozenset(cues["change_up"]),
        frozenset(cues["change_down"]),
        frozenset(cues["change_nouns_up"]),
        frozenset(cues["change_nouns_down"]),
        cues["change_particles"],
        frozenset(w.lower() for w in cues["name_prefixes"]),
        frozenset(w.lower() for w in cues["name_prefixes_always"]),
        frozenset(cues["back_reference_determiners"]),
        frozenset(units["ambiguous"]["pound"]["forms"]),
        frozenset(cues["level_nouns"]),
        frozenset(cues["level_verbs"]),
        frozenset(cues["extent_heads"]),
        frozenset(cues["not_counted"]),
        frozenset(cues["collective_counts"]),
        re.compile(r"(?<![\w&])(?:" + alternation(cues["index_words"]) + r")(?![\w&])", re.I),
        frozenset(cues["generic_counts"]),
        frozenset(cues["age_words"]),
    )


def _kind_of(units: dict, unit: str) -> str:
    spec = units["measures"].get(unit)
    return spec["kind"] if spec else "other"


# --- finding the surface of each quantity --------------------------------------------------


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


def _unit_at(text: str, pos: int) -> tuple[UnitInfo, int, str] | None:
    """The unit written at ``pos`` (after a number): (unit, end, surface form), longest form first."""
    lx = lex()
    best: tuple[UnitInfo, int, str] | None = None
    m = lx.unit_cs.match(text, pos)
    if m:
        best = (lx.forms_cs[m.group("u")], m.end(), m.group("u"))
    m = lx.unit_ci.match(text, pos)
    if m and (best is None or m.end() > best[1]):
        info = lx.forms_ci[m.group("u").lower()]
        if not (info.kind == "duration" and m.group("u")[:1].isupper()):  # "7 Days Group": a name
            best = (info, m.end(), m.group("u"))
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


# --- the parse around a quantity ------------------------------------------------------------

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_DURATION_PREPS = frozenset({"for", "within", "in", "over", "after", "during", "since", "about"})
_NP_RIGHT_PREPS = frozenset({"of", "between", "with", "in", "on", "for", "from", "to"})


def _span_head(doc: Doc, a: int, b: int) -> Token:
    """The token of [a, b) whose head lies outside the span (the last one if several)."""
    outside = [t for t in doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i]
    if not outside:
        return doc[b - 1]
    # "3.72 trillion won": the parser may make the unit a verb of its own; the number is the head
    nominal = [t for t in outside if t.pos_ not in _VERBS]
    return (nominal or outside)[-1]


def _same(x: Token | None, y: Token | None) -> bool:
    return x is not None and y is not None and x.i == y.i


def _verb_of(tok: Token, limit: int = 6) -> Token | None:
    t = tok
    for _ in range(limit):
        if t.pos_ in _VERBS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return t if t.pos_ in _VERBS else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a conjoined, controlled or participial verb shares its head's."""
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if c.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
                    return v.head
                return c
        if v.dep_ == "relcl" and v.head.pos_ in _NOUNS:
            return v.head
        if v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i and v.head.pos_ in _VERBS:
            v = v.head
            continue
        if v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.dep_ == "acomp" and v.head.head.pos_ in _VERBS:
            v = v.head.head  # "shipments are likely to fall 9.7 percent"
            continue
        break
    # the parser lost it ("... and capacity could go up to 18 million tpy"): the noun right before the verb group
    i = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")] + [verb.i]) - 1
    if i >= 0 and verb.doc[i].pos_ in _NOUNS and verb.doc[i].dep_ not in ("pobj", "dobj", "compound"):
        return verb.doc[i]
    return None


def _np(doc: Doc, head: Token, exclude: tuple[int, int], max_tokens: int = 14) -> str:
    """The noun phrase of ``head``: its modifiers and first "of"/"in"/"between" complement, minus the quantity.

    Relative clauses, appositions and coordinated phrases that hold another
    number are left out; the phrase is the contiguous run of kept tokens
    around the head, without a leading determiner.
    """
    keep: set[int] = {head.i}
    stack = list(head.children)
    first_prep = next((c.i for c in head.children if c.dep_ == "prep" and c.i > head.i and c.lower_ in _NP_RIGHT_PREPS), None)
    while stack:
        c = stack.pop()
        if exclude[0] <= c.i < exclude[1]:
            continue
        direct = c.head.i == head.i
        if c.dep_ in ("punct", "relcl", "acl", "appos", "advcl", "parataxis") and not (c.is_punct and c.text in ("-", "'", "’")):
            continue
        if c.dep_ in ("conj", "cc") and direct and any(d.like_num for d in c.head.subtree if d.i > c.i):
            continue  # "passengers and 1,000 tonnes of cargo": the other quantity's phrase
        if c.dep_ == "prep" and direct and c.i != first_prep:
            continue
        if c.dep_ == "det" and direct and c.i < head.i:
            continue
        keep.add(c.i)
        stack.extend(c.children)
    lo = hi = head.i
    while lo - 1 in keep and not (exclude[0] <= lo - 1 < exclude[1]):
        lo -= 1
    while hi + 1 in keep and not (exclude[0] <= hi + 1 < exclude[1]):
        hi += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep", "case")):
        hi -= 1  # no dangling "and", "of" or comma at the end
    if hi - lo + 1 > max_tokens:
        hi = lo + max_tokens - 1
    return doc[lo : hi + 1].text.strip()


def _verb_phrase(doc: Doc, verb: Token, exclude: tuple[int, int]) -> str:
    """"worked in Russia", "playing off Beijing and Moscow", "decide": the verb with its particle and object."""
    parts = [verb.i]
    for c in verb.children:
        if exclude[0] <= c.i < exclude[1]:
            continue
        if c.dep_ in ("prt", "dobj") or (c.dep_ == "prep" and c.i > verb.i and not any(exclude[0] <= d.i < exclude[1] for d in c.subtree)):
            sub = [d.i for d in c.subtree]
            if len(sub) <= 6:
                parts.extend(sub)
            break
    lo, hi = min(parts), max(parts)
    return doc[lo : hi + 1].text


@dataclass
class _Roles:
    measured: str | None = None
    measured_token: Token | None = None
    change: str | None = None
    verb: Token | None = None
    owner: Token | None = None  # token of the subject or possessor


def _change_of(tok: Token) -> str | None:
    lx = lex()
    lemma = tok.lemma_.lower()
    if tok.pos_ in _VERBS:
        for c in tok.children:
            if c.dep_ in ("prt", "advmod") and c.lower_ in lx.change_particles:
                return lx.change_particles[c.lower_]
        if lemma in lx.change_up:
            return "up"
        if lemma in lx.change_down:
            return "down"
        return None
    if tok.pos_ in _NOUNS:
        if lemma in lx.change_nouns_up:
            return "up"
        if lemma in lx.change_nouns_down:
            return "down"
        return None
    if tok.lower_ in lx.change_particles and tok.pos_ in ("ADV", "ADP", "ADJ"):
        return lx.change_particles[tok.lower_]
    return None


_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "npadvmod", "quantmod"})
_ARGUMENT_DEPS = frozenset({"dobj", "npadvmod", "attr", "acomp", "oprd", "advmod", "nsubj", "nsubjpass", "ROOT", "dative", "pcomp"})
_CLAUSE_MARKS = frozenset({"after", "before", "since", "until", "when", "while"})
_TIME_NOUNS = frozenset({"day", "week", "month", "year", "hour", "night"})


def _complement(doc: Doc, a: int, b: int, kind: str) -> Token | None:
    """"500,000 tonnes of crude", "$5 billion for a pipeline project", "100 km from the border": the noun after the quantity."""
    for t in doc[a:b]:
        for c in t.children:
            if c.dep_ != "prep" or c.i < b:
                continue
            p = c.lower_
            if not (p in ("of", "for", "on") or (p == "in" and kind != "duration") or (p == "from" and kind == "length")):
                continue
            pobj = next((d for d in c.children if d.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ not in _NOUNS | {"PRON"}:
                continue
            if p in ("in", "on") and pobj.ent_type_ in ("DATE", "GPE", "LOC", "TIME"):
                continue
            if p == "for" and pobj.lower_ in _TIME_NOUNS:
                continue
            return pobj
    return None


def _clause_phrase(doc: Doc, verb: Token, exclude: tuple[int, int]) -> str:
    """What a duration measures: "worked in Russia", "after it was originally negotiated"."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS), None)
    if mark is not None:
        idx = [d.i for d in verb.subtree if not (exclude[0] <= d.i < exclude[1]) and d.dep_ not in ("punct",)]
        idx = [i for i in idx if i <= verb.i or doc[i].head.i == verb.i and doc[i].dep_ in ("dobj", "prt")]
        lo = mark.i
        return doc[lo : max(idx) + 1].text if idx else verb.text
    return _verb_phrase(doc, verb, exclude)


def _is_amount(tok: Token) -> bool:
    """"fell 0.42 percent to 2.504": the object is another quantity, not what this one measures."""
    return tok.like_num or any(c.dep_ in ("nummod", "quantmod") and c.like_num for c in tok.children)


def _verb_target(doc: Doc, v: Token, role: str, prep: str | None, kind: str, exclude: tuple[int, int], change: str | None) -> tuple[str | None, Token | None]:
    """What a quantity in ``role`` of verb ``v`` measures (see the module docstring)."""
    a, b = exclude
    lx = lex()
    if kind == "duration" and (role in ("npadvmod", "advmod", "dobj") or prep in _DURATION_PREPS):
        return _clause_phrase(doc, v, exclude), None
    if role in ("nsubj", "nsubjpass"):
        return _verb_phrase(doc, v, exclude), None
    outside = [c for c in v.children if not (a <= c.i < b)]
    obj = next((c for c in outside if c.dep_ in ("dobj", "attr") and c.pos_ in _NOUNS and c.lemma_.lower() not in lx.level_nouns and not _is_amount(c)), None)
    price_of = next(
        (d for c in outside if c.dep_ == "prep" and c.lower_ == "for" and c.i > v.i for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS and d.lower_ not in _TIME_NOUNS),
        None,
    )
    subj = _subject(v)
    if role == "dobj" and price_of is not None:
        return _np(doc, price_of, exclude), price_of  # "charged 4,000 roubles for a day's labour"
    if role == "dobj" and kind == "currency":
        held = next(
            (d for c in outside if c.dep_ == "prep" and c.lower_ == "in" and c.i >= b for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS and d.ent_type_ not in ("DATE", "GPE", "LOC")),
            None,
        )
        if held is not None:
            return _np(doc, held, exclude), held  # "tens of thousands of dollars in hard currency"
    if prep is not None and prep not in ("by", "for") and obj is not None:
        return _np(doc, obj, exclude), obj  # "increase bilateral trade to $60-80 billion"
    if prep in ("by", "for") and obj is not None:
        return _np(doc, obj, exclude), obj  # "cut Britain's rating by one notch", "purchasing ... stake for $1.5 billion"
    if subj is not None and subj.pos_ in _NOUNS | {"PRON"} and (change is not None or v.lemma_.lower() in lex().level_verbs or role in ("attr", "acomp") or prep is not None):
        return _np(doc, subj, exclude), subj
    if role in ("npadvmod", "advmod") and obj is not None:
        return _np(doc, obj, exclude), obj
    if role == "dobj":
        return v.text, None  # "agreed to lend VEB $310 million": the act the amount is for
    return None, None


_COMPARATIVES = frozenset({"more", "less", "fewer"})
_NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"})
_CHANGE_TARGET_PREPS = frozenset({"in", "of", "to", "for", "on"})


def _noun_like(tok: Token) -> bool:
    """A noun, or a noun the tagger made a verb in a noun's place ("with a 13.8 percent cut to emissions")."""
    return tok.pos_ in _NOUNS or (tok.pos_ == "VERB" and tok.dep_ in _NOMINAL_DEPS and tok.tag_ in ("VB", "VBP", "VBZ", "VBD", "VBN"))


def _change_target(change: Token) -> Token | None:
    """What a change noun is a change of: its possessor or its "in"/"of"/"to" complement."""
    for c in change.children:
        if c.dep_ == "poss" and c.pos_ in _NOUNS:
            return c
    for c in change.children:
        if c.dep_ == "prep" and c.i > change.i and c.lower_ in _CHANGE_TARGET_PREPS:
            pobj = next((d for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj
    return None


def _roles(doc: Doc, s: _Surface, a: int, b: int, head: Token, kind: str) -> _Roles:
    r = _Roles()
    excl = (a, b)
    comp = _complement(doc, a, b, kind)
    if comp is not None:
        r.measured, r.measured_token = _np(doc, comp, excl), comp
    elif s.count_noun is not None and s.count_noun.lemma_.lower() not in lex().generic_counts and not (s.count_noun.dep_ == "pobj" and s.count_noun.head.lower_ == "by"):
        noun = s.count_noun
        if noun.i > 0 and doc[noun.i - 1].text == "-" and noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i:
            noun = noun.head  # "a 21-page report", "six-party talks": what has the pages or parties
            r.measured, r.measured_token = _np(doc, noun, (s.number_start_tok, s.count_noun.i + 1)), noun
        else:
            r.measured, r.measured_token = _np(doc, noun, (s.number_start_tok, s.number_end_tok)), noun
    gov, dep = head.head, head.dep_
    if dep == "conj":
        # the second of "A and B" plays the first one's part
        first = gov
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        gov, dep = first.head, first.dep_
    if gov.lower_ == "worth" and gov.head.i != gov.i:
        gov, dep = gov.head, "amod"  # "a credit line worth $1 billion"
    if dep == "pobj" and gov.lower_ == "than" and gov.head.lower_ in _COMPARATIVES and gov.head.head.i != gov.head.i:
        head = gov.head  # "laundering more than HK$720 million": "more" stands in the clause for the amount
        gov, dep = head.head, head.dep_
    if dep in _MODIFIER_DEPS and (gov.pos_ in _NOUNS or (dep in ("compound", "nummod", "amod") and _noun_like(gov))) and gov.i != head.i:
        # "a $5.3 billion canal expansion project", "a 5 percent drop"
        r.change = _change_of(gov)
        if r.measured is None and r.change is None:
            r.measured, r.measured_token = _np(doc, gov, excl), gov
        elif r.measured is None:
            r.measured_token = _change_target(gov)  # "the wider market's 0.2 percent rise", "a 41 percent gain in the market"
            r.measured = _np(doc, r.measured_token, excl) if r.measured_token is not None else None
        r.verb = _verb_of(gov)
    elif dep == "appos" and gov.pos_ in _NOUNS:
        if r.measured is None:
            r.measured, r.measured_token = _np(doc, gov, excl), gov
        r.verb = _verb_of(gov)
    elif dep == "pobj":
        p = gov.lower_
        g2 = gov.head
        if g2.lower_ == "worth" and g2.head.i != g2.i:
            g2 = g2.head
        if g2.pos_ in _NOUNS and p in ("to", "from") and _change_of(g2) is not None and _verb_of(g2) is not None:
            # "after the downgrade from about $1.5240": the level of what fell
            r.verb = _verb_of(g2)
            subj = _subject(r.verb)
            if r.measured is None and subj is not None:
                r.measured, r.measured_token = _np(doc, subj, excl), subj
        elif g2.pos_ in _NOUNS:
            if p == "of":
                r.change = _change_of(g2)  # "an increase of 5 percent"
            elif p == "by" and _verb_of(g2) is not None:
                r.change = _change_of(_verb_of(g2))  # "cut Britain's rating by one notch"
            if r.measured is None and not (p == "of" and r.change):
                r.measured, r.measured_token = _np(doc, g2, excl), g2
            r.verb = _verb_of(g2)
        elif g2.pos_ in _VERBS:
            r.verb = g2
            if p == "by":
                r.change = _change_of(g2)
            if r.measured is None:
                r.measured, r.measured_token = _verb_target(doc, g2, "pobj", p, kind, excl, r.change)
        elif g2.pos_ in ("ADJ", "ADV", "ADP") and g2.lower_ in lex().change_particles:
            # "driven down emissions ..., down from 145.8 grams", "with emissions already down to 130 grams": a level of what moved
            r.verb = _verb_of(g2)
            if r.measured is None and g2.head.pos_ in _NOUNS:
                r.measured, r.measured_token = _np(doc, g2.head, excl), g2.head
            elif r.measured is None and r.verb is not None:
                r.measured, r.measured_token = _verb_target(doc, r.verb, "pobj", p, kind, excl, "level")
        elif g2.pos_ in ("ADJ", "ADV", "ADP"):
            r.verb = _verb_of(g2)
            if r.measured is None:
                r.measured = _np_sub(doc, g2, excl)
    elif dep in _ARGUMENT_DEPS:
        v = head if dep == "ROOT" else gov
        if v.pos_ in ("ADV", "ADP", "ADJ") and _change_of(v) is not None:
            r.change = _change_of(v)  # "up 0.95", "down 34 cents"
            v = _verb_of(v) or v
        if v.pos_ in ("ADP", "ADV", "SCONJ") and v.lower_ in lex().extent_heads:
            r.verb = _verb_of(v)
            if r.measured is None:
                r.measured = _np_sub(doc, v, excl)  # "five years after it was negotiated", "two years off track"
        elif v.pos_ in _VERBS:
            r.verb = v
            if dep in ("dobj", "npadvmod", "advmod") and r.change is None:
                r.change = _change_of(v)
            if r.measured is None:
                r.measured, r.measured_token = _verb_target(doc, v, dep, None, kind, excl, r.change)
        elif v.pos_ in _NOUNS and r.measured is None:
            r.measured, r.measured_token = _np(doc, v, excl), v
    if r.verb is None:
        r.verb = _verb_of(head)
    # the owner: a possessor in the measured phrase, else the verb's subject
    if r.measured_token is not None:
        poss = next((c for c in r.measured_token.children if c.dep_ == "poss"), None)
        if poss is not None:
            r.owner = poss
    if r.owner is None and r.verb is not None:
        r.owner = _subject(r.verb)
    return r


def _np_sub(doc: Doc, tok: Token, exclude: tuple[int, int]) -> str:
    """The words under ``tok`` minus the quantity: "after it was originally negotiated", "off track"."""
    idx = [d.i for d in tok.subtree if not (exclude[0] <= d.i < exclude[1]) and not d.is_punct]
    if not idx:
        return tok.text
    lo, hi = min(idx), max(idx)
    return doc[lo : min(hi, lo + 10) + 1].text


# --- counts: the noun a bare number counts ------------------------------------------------------



def _count_noun(doc: Doc, tokens: TokenIndex, s: _Surface, text: str) -> Token | None:
    """"200 passengers", "five North Korean-flagged oil tankers", "thousands of North Koreans"."""
    i = tokens.at(s.number_end - 1)
    t = doc[i]
    if s.low is not None and not s.is_range:
        # vague magnitudes and fractions count the noun after "of"
        om = _OF_AFTER.match(text, s.number_end)
        if om:
            j = tokens.at(om.end())
            for k in range(j, min(j + 6, len(doc))):
                if doc[k].pos_ in _NOUNS and doc[k].dep_ != "compound":
                    return doc[k]
            return None
    h = t.head
    if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and _noun_like(h) and h.i > t.i and h.i - t.i <= 6:
        if h.lower_ in lex().not_counted or h.like_num:
            return None
        if h.tag_ in ("NN", "NNP") and s.value != 1:
            # "its 73 lower-house seats countrywide": a plural noun in between is what is counted
            plural = next((doc[k] for k in range(t.i + 1, h.i) if doc[k].tag_ in ("NNS", "NNPS")), None)
            if plural is not None:
                return plural
        return h
    # the parse missed it: the next plural noun, with only modifiers in between, in the same sentence
    for k in range(i + 1, min(i + 6, len(doc))):
        tk = doc[k]
        if tk.is_sent_start or (tk.is_punct and tk.text not in ("-", "'", "’")):
            break
        if tk.pos_ in _NOUNS and tk.tag_ in ("NNS", "NNPS") and tk.dep_ != "compound":
            return tk
        if tk.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV"):
            break
    return None


def _unit_of_count(noun: Token) -> str:
    common = noun.pos_ in ("NOUN", "VERB")  # a verb here is a plural noun the tagger missed
    lemma = noun.lemma_ if common else noun.text
    if noun.pos_ == "PROPN":
        # "North Koreans" -> "North Korean": the proper name with its compounds, singular
        first = min([c.i for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [noun.i])
        lemma = noun.doc[first : noun.i + 1].text
        if noun.tag_ == "NNPS" and lemma.endswith("s"):
            lemma = lemma[:-1]
        return lemma
    if noun.lower_ in ("people", "persons"):
        return "people"
    return lemma.lower() if common else lemma


# --- the extractor ------------------------------------------------------------------------------


def extract_quantities(ctx: DocContext, actors: ActorIndex, dates: DateIndex) -> list[dict]:
    """Quantity rows (clean-text offsets) for one story."""
    doc = ctx.doc
    if not len(doc):
        return []
    tokens = dates.tokens or TokenIndex(doc, ctx.text or None, ctx.lower_ids)
    text = tokens.text
    numbers = dates.numbers if dates.numbers is not None else find_numbers(text, tokens)
    skip = [(m.start, m.end) for m in dates.mentions if m.kind == "date" or m.value is None]
    surfaces = _surfaces(text, numbers, skip)
    rows: list[dict] = []
    heads: dict[int, int] = {}  # head token -> row index, for qualifiers over conjunctions
    sets = [m for m in dates.mentions if m.kind == "set" and not re.search(r"\btimes\b|twice|once", m.text, re.I)]
    for s in surfaces:
        a, b = tokens.span(s.start, s.end)
        if not ctx.is_prose(a):
            continue
        na, nb = tokens.span(s.number_start, s.number_end)
        s.number_start_tok, s.number_end_tok = na, nb
        first_num = doc[na]
        unit_kind: str
        age_end = _age_end(doc, text, s, first_num)
        if age_end is not None:
            s.unit, s.end = UnitInfo("year", "duration"), max(s.end, age_end)
            unit, unit_kind = "year", "duration"
        elif s.unit is None:
            noun = _count_noun(doc, tokens, s, text)
            if noun is None:
                if not _bare_number_ok(text, first_num, s):
                    continue
                unit, unit_kind = None, "other"
            else:
                if not _count_ok(doc, text, s, first_num, noun):
                    continue
                s.count_noun = noun
                unit, unit_kind = _unit_of_count(noun), "count"
                if noun.i == b:
                    b += 1  # the counted noun right after the number belongs to the span
        else:
            unit, unit_kind = s.unit.unit, s.unit.kind
            if unit_kind == "duration" and _is_name_number(doc, text, s, first_num):
                continue
            if s.unit.kind in ("length", "mass") and len(text[s.number_end : s.end].strip(" -")) == 1 and _is_name_number(doc, text, s, first_num):
                continue
        if s.unit is None and _is_name_number(doc, text, s, first_num):
            continue
        head = _span_head(doc, tokens.at(s.core_start), b)
        roles = _roles(doc, s, a, b, head, unit_kind)
        if age_end is not None:
            roles.measured = _age_of(doc, first_num)
        elif unit is None and roles.measured and lex().index_words.search(roles.measured):
            unit = "point"  # "the Dow ... ended at 12,632": an index level is in points
        if unit_kind == "frequency" and roles.verb is not None:
            # "will move ... six times a month": how often the subject does it
            subj = _subject(roles.verb)
            if subj is not None and subj.pos_ in _NOUNS:
                roles.measured = _np(doc, subj, (a, b))
        if rows and _is_conversion(text, rows[-1], s):
            # "4,000 roubles (about $70)": the same thing in another unit
            roles.measured, roles.owner = rows[-1]["measured"], None
        qualifier = s.qualifier
        if qualifier is None:
            qualifier = "~" if (s.low is not None and not s.is_range) else "="
        per = s.per or _clause_per(ctx, tokens, text, s, roles, sets, a)
        date = _date_for(dates, roles, ctx.sentence(a), a, b)
        actor_id = None
        if roles.owner is not None:
            actor_id = actors.actor_at(roles.owner.i) or _actor_in(actors, roles.owner)
        change = None if s.from_to else roles.change  # "from 2,740 to 980": a range, not a change
        end = s.end
        if s.count_noun is not None and s.count_noun.i - nb <= 8:
            end = max(end, s.count_noun.idx + len(s.count_noun.text))  # "two other Bush-era trade deals"
        row = {
            "quantity_id": "",
            "text": text[s.start : end],
            "value": float(s.value),
            "low": float(s.low) if s.low is not None else None,
            "high": float(s.high) if s.high is not None else None,
            "unit": unit,
            "unit_kind": unit_kind,
            "qualifier": qualifier,
            "change": change,
            "per": per,
            "measured": roles.measured,
            "actor_id": actor_id,
            "date": date,
            "claim_id": None,
            "sentence": ctx.sentence(a),
            "start": s.start,
            "end": end,
            "_explicit_qualifier": s.explicit_qualifier,
            "_head": head.i,
        }
        heads[head.i] = len(rows)
        rows.append(row)
    _carry_qualifiers(doc, rows, heads)
    _share_units(text, rows)
    for k, row in enumerate(rows):
        row["quantity_id"] = f"Q{k + 1}"
        del row["_explicit_qualifier"], row["_head"]
    return rows


_AGE_OLD = re.compile(r"[ \t]*-?[ \t]*old\b", re.I)


def _age_end(doc: Doc, text: str, s: _Surface, first: Token) -> int | None:
    """The end of an age: "46-year-old", "age 50", "Jones, 71, said"; None when the number is not one."""
    if s.unit is not None:
        m = _AGE_OLD.match(text, s.end) if s.unit.unit == "year" and not s.is_range else None
        return m.end() if m else None
    if s.is_range or s.low is not None or not float(s.value).is_integer() or not 0 < s.value < 120:
        return None
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ in lex().age_words:
        return s.end  # "after age 50", "aged 71"
    name = doc[first.i - 2] if first.i > 1 else None
    if prev is not None and prev.text == "," and name is not None and name.ent_type_ == "PERSON" and text[s.end : s.end + 1] in (",", ")"):
        return s.end  # "Jones, 71, said": the AP age apposition
    return None


def _age_of(doc: Doc, first: Token) -> str:
    """"age", or "age of Jones" when the person stands right before ("Jones, 71,") or is the phrase's head."""
    k = first.i - 2
    if k >= 0 and doc[k].ent_type_ == "PERSON" and doc[k + 1].text == ",":
        return f"age of {doc[k].text}"
    return "age"


_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*$")


def _is_conversion(text: str, prev: dict, s: _Surface) -> bool:
    return prev["end"] <= s.start and bool(_CONVERSION_GAP.fullmatch(text[prev["end"] : s.start]))


_JOINED = re.compile(r"[ \t]+(?:from|to)[ \t]+")


def _share_units(text: str, rows: list[dict]) -> None:
    """"rose to 7 from 5 stores", "fell 2 points to 8,410.5": a bare number joined by "to"/"from" to a count or points takes that unit."""
    for k, row in enumerate(rows):
        if row["unit"] is not None:
            continue
        for j in (k - 1, k + 1):
            if not 0 <= j < len(rows) or rows[j]["sentence"] != row["sentence"]:
                continue
            other = rows[j]
            a, b = (other["end"], row["start"]) if j < k else (row["end"], other["start"])
            if other["unit_kind"] in ("count", "other") and other["unit"] is not None and _JOINED.fullmatch(text, a, b):
                row["unit"], row["unit_kind"] = other["unit"], other["unit_kind"]
                row["measured"] = row["measured"] or other["measured"]
                break


def _carry_qualifiers(doc: Doc, rows: list[dict], heads: dict[int, int]) -> None:
    """"up to 200 passengers and 1,000 tonnes": a bound before the first of a conjunction holds for all."""
    for row in rows:
        if row["_explicit_qualifier"]:
            continue
        t = doc[row["_head"]]
        steps = 0
        while t.dep_ == "conj" and t.head.i != t.i and steps < 4:
            t = t.head
            steps += 1
            k = heads.get(t.i)
            if k is not None and rows[k]["_explicit_qualifier"] and rows[k]["qualifier"] in ("<=", "~", "<"):
                row["qualifier"] = rows[k]["qualifier"]
                break


def _actor_in(actors: ActorIndex, tok: Token) -> str | None:
    for t in tok.subtree:
        aid = actors.actor_at(t.i)
        if aid:
            return aid
        if t.i - tok.i > 6:
            break
    return None


_NUMBER_SIGN = re.compile(r"(?:\bNo|\bno|\bNos|#)\.?[ \t]*$")


def _is_name_number(doc: Doc, text: str, s: _Surface, first: Token) -> bool:
    """"Flight 17", "Boeing 747", "No. 1", "tier 1", "UAW Local 599": a number that is part of a name or a label."""
    lx = lex()
    if s.unit is not None and s.unit.kind == "currency":
        return False
    if s.explicit_qualifier or s.is_range:
        return False
    if _NUMBER_SIGN.search(text, max(0, s.number_start - 6), s.number_start):
        return True
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is None:
        return False
    pl = prev.lower_
    digits = not first.is_alpha
    if pl in lx.name_prefixes_always or (pl in lx.name_prefixes and (digits or prev.text[:1].isupper())):
        return True
    if (
        digits
        and prev.text[:1].isupper()
        and (prev.pos_ == "PROPN" or (not prev.is_sent_start and prev.pos_ in ("NOUN", "ADJ")))
        and prev.ent_type_ not in ("DATE", "NORP", "MONEY", "CARDINAL", "PERCENT", "QUANTITY")
        and prev.dep_ != "poss"
    ):
        return True  # "Boeing 747", "S&P 500", "Nikkei 225"
    return False


def _count_ok(doc: Doc, text: str, s: _Surface, first: Token, noun: Token) -> bool:
    """Counts worth a row: not "the two countries", "one of", "one day", years, or noun-less words."""
    lx = lex()
    number_text = text[s.number_start : s.number_end]
    if number_text.lower() == "one" and not s.explicit_qualifier and not (noun.dep_ == "pobj" and noun.head.lower_ == "by"):
        return False  # "one of", "One North Korean man", "one day": "one" is rarely a claimed count
    if s.value == 0:
        return False  # "zero-coupon bonds"
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and not s.explicit_qualifier:
        two = (doc[first.i - 2].lower_ + " " + prev.lower_) if first.i > 1 else prev.lower_
        if (prev.lower_ in lx.back_reference or two in lx.back_reference) and first.is_alpha and s.value <= 20 and s.low is None:
            return False  # "the two countries": things already counted
    if noun.ent_type_ in TIME_ENTITIES and noun.lower_ not in ("people",):
        return False
    if noun.pos_ == "PROPN" and noun.tag_ != "NNPS":
        return False  # "Boeing's 787 Dreamliner", "23 Hyundai": a name, not a count
    hyphenated = noun.i > 0 and doc[noun.i - 1].text == "-"
    plural = noun.tag_ in ("NNS", "NNPS") or (noun.tag_ == "VBZ" and _noun_like(noun))  # "two Atlas 5 launches"
    if s.value != 1 and not plural and noun.lower_ not in lx.collective_counts and not hyphenated:
        return False  # "a 865 million charge": more than one of a singular noun is not a count ("a 21-page report" is)
    return True


def _bare_number_ok(text: str, first: Token, s: _Surface) -> bool:
    """A number with neither unit nor counted noun is kept only as a level or change of something."""
    if s.low is not None and not s.is_range:
        return False
    if first.is_alpha:
        return False
    raw = text[s.number_start : s.number_end]
    if re.fullmatch(r"\d{4}", raw) and 1600 <= int(raw) <= 2099:
        return False
    t = first
    for _ in range(2):
        if t.dep_ in ("dobj", "npadvmod", "pobj", "attr", "appos", "ROOT") or t.head.i == t.i:
            break
        t = t.head
    gov = t.head
    if t.dep_ == "pobj" and gov.lower_ in ("to", "at", "from", "by") and _verb_of(gov) is not None:
        v = _verb_of(gov)
        return _change_of(v) is not None or v.lemma_.lower() in lex().level_verbs
    if t.dep_ in ("dobj", "npadvmod") and gov.pos_ in _VERBS:
        return _change_of(gov) is not None
    if t.dep_ == "npadvmod" and _change_of(gov) is not None:
        return True
    return False


def _clause_per(ctx: DocContext, tokens: TokenIndex, text: str, s: _Surface, roles: _Roles, sets: list[DateMention], a: int) -> str | None:
    """A recurrence in the quantity's clause: "... each month", "... for a day's labour"."""
    if roles.verb is None or (s.unit is not None and s.unit.kind in ("percent", "duration")):
        return None
    doc = ctx.doc
    k = ctx.sentence(a)
    for m in sets:
        if m.sentence != k:
            continue
        if _same(_verb_of(doc[m.token_start]), roles.verb) or _same(_verb_of(doc[m.token_end - 1]), roles.verb):
            return _PER_OF_SET.get(m.value or "")
    # the sentence's characters (Token.sent walks the whole Doc)
    first, end = ctx.sentence_bounds(a)
    lo, hi = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
    for m in _DAYS_LABOUR.finditer(text, lo, hi):
        i = tokens.at(m.start())
        if _same(_verb_of(doc[i]), roles.verb):
            return m.group("u").lower()
    return None


_PER_OF_SET = {"P1D": "day", "P1W": "week", "P1M": "month", "P1Y": "year", "PT1H": "hour", "P3M": "quarter", "P2W": "fortnight"}


def _date_for(dates: DateIndex, roles: _Roles, sentence: int, a: int, b: int) -> str | None:
    """The date of the quantity's clause ("exported ... in 2015"), else the only date of its sentence."""
    points = [m for m in dates.in_sentence(sentence) if m.kind == "date" and m.value and not m.value.endswith("_REF")]
    if not points:
        return None
    if roles.verb is not None:
        doc = roles.verb.doc
        for m in points:
            if _same(_verb_of(doc[m.token_start]), roles.verb):
                return m.value
    if len(points) == 1:
        return points[0].value
    return None
