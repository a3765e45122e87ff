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

How: regular expressions built once from ``models/lexicons/date_words.json``
run only in short windows around their trigger words (month, weekday and
calendar-unit words found in one vectorised look-up of the tokens' hashes;
years from the numbers of :mod:`.numbers`, found once and shared with
quantities); our own resolvers compute the values. A bare weekday follows the
wire convention: the most recent such day on or before the story's date,
unless its clause is about the future ("will", "from Monday", "the service
starts Monday", "is due to ..."), then the next one on or after it; a bare
month goes to the nearest occurrence (leaning back) unless the tense of the
verb the date modifies says past or future; a day without a year stays within
about 200 days of the story; a quarter not yet begun is last year's.
``dateparser`` (``languages=["en"]``, ``RELATIVE_BASE`` = the story's date) is
the fallback for the rare spaCy DATE entity no pattern covers; it is
pre-filtered (a year, a numeric date or a month name) and cached, so it is
never the bottleneck. See docs/quantities-dates.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Token

from ..resources import load_json
from .context import DocContext
from .numbers import Number, TokenIndex, alternation, find_numbers, trigger_table, words_number

# --- the index other extractors use -------------------------------------------------------


@dataclass
class DateMention:
    start: int  # char offsets into doc.text, end exclusive
    end: int
    text: str
    value: str | None
    kind: str  # date, duration, set
    token_start: int
    token_end: int
    sentence: int


@dataclass
class DateIndex:
    """Date mentions by token, for quantities (``date``) and routes (``start_date``).

    ``numbers`` are the number atoms of the text (:func:`.numbers.find_numbers`),
    found once here and reused by quantities; ``tokens`` maps characters to tokens.
    """

    rows: list[dict] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)
    mentions: list[DateMention] = field(default_factory=list)
    numbers: list[Number] | None = None
    tokens: TokenIndex | None = None

    def date_at(self, i: int) -> str | None:
        return self.by_token.get(i)

    def mention_at(self, i: int) -> DateMention | None:
        for m in self.mentions:
            if m.token_start <= i < m.token_end:
                return m
        return None

    def in_sentence(self, k: int) -> list[DateMention]:
        return [m for m in self.mentions if m.sentence == k]


# --- lexicon and patterns -------------------------------------------------------------------



@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    units: dict[str, str]
    needs_context: frozenset[str]
    parts_of_day: dict[str, int]
    day_parts: dict[str, str]
    offsets: dict[str, int]
    half_modifiers: dict[str, str]
    ordinals: dict[str, int]
    set_adverbs: dict[str, str]
    future_left: frozenset[str]
    past_left: frozenset[str]
    weak_future_left: frozenset[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    future_governors: frozenset[str]
    refs: dict[str, str]
    holidays: dict[str, str]
    extent_words: tuple[str, ...]
    duration_leads: tuple[str, ...]
    vague_quantifiers: tuple[str, ...]
    modifiers: tuple[str, ...]
    month_context: frozenset[str]
    season_context: frozenset[str]
    year_not_after: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> _Words:
    d = load_json("lexicons/date_words.json")
    refs = {w: "PRESENT_REF" for w in d["present_ref"]}
    refs.update({w: "PAST_REF" for w in d["past_ref"]})
    refs.update({w: "FUTURE_REF" for w in d["future_ref"]})
    return _Words(
        d["months"], d["weekdays"], d["seasons"], d["units"], frozenset(d["may_needs_context"]),
        d["parts_of_day"], d["day_parts"], d["relative_offsets"], d["half_modifiers"], d["ordinals"],
        d["set_adverbs"], frozenset(d["future_left"]), frozenset(d["past_left"]), frozenset(d["weak_future_left"]),
        frozenset(d["future_auxiliaries"]), frozenset(d["future_verbs"]), frozenset(d["future_governors"]),
        refs, d["holidays"], tuple(d["extent_words"]), tuple(d["duration_leads"]), tuple(d["vague_duration_quantifiers"]),
        tuple(d["modifiers"]), frozenset(d["month_context"]), frozenset(d["season_context"]),
        tuple(d["year_not_after"]),
    )


@dataclass(frozen=True)
class _Patterns:
    full: list[tuple[str, re.Pattern[str], tuple[str, ...]]]
    triggers: dict[str, frozenset[str]]
    unit_after: re.Pattern[str]
    modifier_before: re.Pattern[str]
    extent_before: re.Pattern[str]
    article_unit: re.Pattern[str]
    times: re.Pattern[str]
    ago_after: re.Pattern[str]
    age_after: re.Pattern[str]
    anchored_after: re.Pattern[str]
    duration_lead: re.Pattern[str]
    vague_before: re.Pattern[str]
    vague_units: re.Pattern[str]


_YEAR = r"(?:1[6-9]\d\d|20\d\d)"


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    w = words()
    mon = r"(?:" + alternation(w.months) + r")(?![\w])"
    wd = r"(?:" + alternation(w.weekdays) + r")(?![\w])"
    units = alternation(w.units)
    rel = r"(?i:last|next|this|past|coming|previous|current)"
    season = alternation(w.seasons)
    ordinal = alternation(w.ordinals)
    set_adv = alternation(w.set_adverbs)
    refs = alternation(w.refs)
    holidays = alternation(w.holidays)
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
    year_opt = r"(?:,?\s+(?P<y>" + _YEAR + r")(?![\d]))?"
    full: list[tuple[str, re.Pattern[str]]] = [
        ("iso", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"), ('year4',)),
        ("us", re.compile(r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"), ('slash',)),
        ("mdy", re.compile(r"(?:(?P<wd>" + wd + r"),?\s+)?(?P<mon>" + mon + r")\s+" + day + year_opt), ('month',)),
        ("dmy", re.compile(r"(?:(?P<wd>" + wd + r"),?\s+)?(?<![\d.,])" + day + r"\s+(?:of\s+)?(?P<mon>" + mon + r")" + year_opt), ('month',)),
        ("my", re.compile(r"(?P<mon>" + mon + r"),?\s+(?:of\s+)?(?:(?P<y>" + _YEAR + r")(?![\d])|(?P<yrel>(?i:this|last|next))\s+(?i:year))"), ('month',)),
        ("quarter", re.compile(r"(?i:(?:(?P<yrel2>this|last|next)\s+year['’]s\s+|the\s+)?(?P<ord>" + ordinal + r")[\s-]+quarter(?:\s+of\s+(?:(?P<y>" + _YEAR + r")|(?P<yrel>this|last|next)\s+year)|\s+(?P<y2>" + _YEAR + r"))?)(?![\w])"), ('quarter',)),
        ("century", re.compile(r"(?i:(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century)(?![\w])"), ('unit',)),
        ("weekend", re.compile(r"(?i:the\s+weekend)(?![\w])"), ('unit',)),
        ("qcode", re.compile(r"(?<![\w])Q(?P<q>[1-4])(?:\s+(?P<y>" + _YEAR + r"))?(?![\w])"), ('quarter',)),
        ("half", re.compile(r"(?i:(?:the\s+)?(?P<h>first|second)[\s-]+half\s+of\s+(?:(?P<y>" + _YEAR + r")|(?P<yrel>this|last|next)\s+year))(?![\w])"), ('quarter',)),
        ("decade", re.compile(r"(?i:(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d)0['’]?s)(?![\w])"), ('year4',)),
        ("decade2", re.compile(r"(?i:the\s+(?:(?P<mod>early|mid|late)[\s-]+)?['’](?P<dd>\d)0s)(?![\w])"), ('apos',)),
        ("ago", re.compile(r"(?i:(?P<q>an?|one|several|a\s+few|a\s+couple\s+of|many)\s+(?P<unit>" + units + r")\s+(?P<dir>ago|earlier|from\s+now|hence))(?![\w])"), ('ago',)),
        ("relative", re.compile(r"(?i:(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<rel>last|next|this|past|coming|previous|current|same)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|" + season + r"))(?![\w-])"), ('unit',)),
        ("weekday", re.compile(r"(?:(?P<rel>" + rel + r"|(?i:early|late))\s+)?(?P<wd>" + wd + r")(?P<poss>['’]s)?(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"), ('weekday',)),
        ("month", re.compile(r"(?:(?P<rel>" + rel + r")\s+)?(?P<mon>" + mon + r")(?!\s+\d)"), ('month',)),
        ("season", re.compile(r"(?i:(?:(?P<rel>last|next|this|the|early|late)\s+)?(?P<s>" + season + r")(?:\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?)(?![\w])"), ('unit',)),
        ("deixis", re.compile(r"(?i:(?P<w>yesterday|today|tomorrow|tonight|(?:this|last)\s+(?:morning|afternoon|evening|night))(?:['’]s)?)(?![\w])"), ('deixis',)),
        ("midyear", re.compile(r"(?i:(?P<mod>mid|early|late|end))-(?P<y>" + _YEAR + r")(?![\d])"), ('year4',)),
        ("year", re.compile(r"(?<![\d,.$£€¥/:-])(?P<y>" + _YEAR + r")(?![\d%]|[.,]\d)"), ('year4',)),
        ("set", re.compile(r"(?i:(?P<det>each|every)\s+(?:other\s+)?(?:(?P<n>[a-z]+|\d+)\s+)?(?P<unit>" + units + r"))(?![\w])"), ('each',)),
        ("times", re.compile(r"(?i:(?P<f>twice|once|thrice|(?P<n>[\w,.]+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>" + units + r"))(?![\w])"), ('times',)),
        ("setadv", re.compile(r"(?i:(?P<w>" + set_adv + r"))(?![\w])"), ('setadv',)),
        ("ref", re.compile(r"(?i:(?<![\w-])(?P<w>" + refs + r"))(?![\w-])"), ('ref',)),
        ("holiday", re.compile(r"(?P<w>" + holidays + r")(?![\w])"), ('holiday',)),
    ]
    refs_last = {r.split()[-1] for r in w.refs}
    triggers = {
        "month": frozenset(w.months),
        "weekday": frozenset(w.weekdays),
        "unit": frozenset(set(w.units) | set(w.seasons) | {"weekend", "weekends"}),
        "quarter": frozenset({"quarter", "quarters", "half", "q1", "q2", "q3", "q4"}),
        "ago": frozenset({"ago", "earlier", "hence", "now"}),
        "deixis": frozenset({"yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"}),
        "each": frozenset({"each", "every"}),
        "times": frozenset({"times", "twice", "once", "thrice"}),
        "setadv": frozenset(w.set_adverbs),
        "ref": frozenset(refs_last),
        "holiday": frozenset(h.split()[0] for h in w.holidays),
        "ampm": frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m"}),
    }
    return _Patterns(
        full,
        triggers,
        re.compile(r"\s*-?\s*(?P<unit>" + units + r")(?P<suffix>-long|-old)?(?![\w])", re.I),
        re.compile(r"(?i:(?<![\w-])(?P<mod>" + alternation(w.modifiers) + r"))[\s-]+$"),
        re.compile(r"(?i:(?<![\w-])(?:" + alternation(w.extent_words) + r")\s+(?:the\s+)?)$"),
        re.compile(r"(?i:(?P<q>an?|one|half\s+an?|(?:a\s+)?quarter\s+of\s+an?)\s+(?P<unit>day|week|month|year|decade|century|hour|fortnight))(?![\w])"),
        re.compile(r"(?i:(?<![\d:.])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?:\s+(?P<tz>[A-Z]{2,4}))?)(?![\w])"),
        re.compile(r"\s+(?P<w>(?i:ago|earlier|from\s+now|hence))(?![\w])"),
        re.compile(r"\s*-?\s*(?i:old)(?![\w])"),
        re.compile(r"\s+(?i:later|before|after|earlier)(?![\w])"),
        re.compile(r"(?i:(?:the\s+)?(?:" + alternation(w.duration_leads) + r")\s+)$"),
        re.compile(r"(?i:(?<![\w-])(?:" + alternation(w.vague_quantifiers) + r")\s+)$"),
        re.compile(r"(?i:(?<![\w-])(?P<u>years|decades|months|weeks|days|hours|centuries)(?P<long>-long)?)(?![\w-])"),
    )


# --- calendar arithmetic ----------------------------------------------------------------------


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


_PAST_BIAS_DAYS = 60  # news looks back: a date as far behind as ahead (plus this) is taken as past
_DAY_TENSE_WINDOW = 200  # a day without a year further than this from the story's date is unlikely


def _safe_date(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError:  # 29 February in a common year
        return date(y, m, 28)


def _nearest_year(base: date, month: int, day: int | None, tense: str | None) -> int:
    """Year of a (month, day) without one: past or future by the clause's tense, else the nearest.

    "Nearest" leans to the past by ``_PAST_BIAS_DAYS``: "Aug. 6" written in
    February is last August's, "Nov. 22" written on Nov. 2 is this one.
    """
    if day is None:
        if month == base.month:
            return base.year
        before = month < base.month
        d = 1 if before else 28
    else:
        this = _safe_date(base.year, month, day)
        if this == base:
            return base.year
        before = this < base
        d = day
    prev_y = base.year if before else base.year - 1
    next_y = base.year + 1 if before else base.year
    dp = (base - _safe_date(prev_y, month, d)).days
    dn = (_safe_date(next_y, month, d) - base).days
    if day is not None and tense is not None and min(dp, dn) < _DAY_TENSE_WINDOW < max(dp, dn):
        # wire style gives the year of any day more than a few months away:
        # "extended to Nov. 20" written on Nov. 2 is this Nov. 20 whatever the verb's tense
        tense = None
    if tense == "past":
        return prev_y
    if tense == "future":
        return next_y
    return prev_y if dp <= dn + _PAST_BIAS_DAYS else next_y


def _weekday(base: date, wd: int, rel: str | None, tense: str | None) -> date:
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


def _season_index(y: int, code: str) -> int:
    return y * 4 + ["SP", "SU", "FA", "WI"].index(code)


def _current_season(base: date) -> tuple[int, str]:
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


def _unit_letter(unit: str) -> str:
    """Calendar unit word -> duration letter, minutes told apart from months."""
    u = unit.lower()
    if u.startswith("minute"):
        return "MI"
    return words().units[u]


# --- tense of the clause around a date --------------------------------------------------------



def clause_tense(doc: Doc, i: int, left_words: tuple[str, ...] = (), day_level: bool = False) -> str | None:
    """"future", "past" or None (unknown) for the clause of the date at token ``i``.

    ``left_words`` are the words just before the date, nearest first: "from",
    "until", "starting" put a day in the future ("from Monday"), "since" in the
    past; "by" does so only when the verb's tense does not decide.
    """
    w = words()
    for lw in left_words:
        if day_level and lw in w.future_left:
            return "future"
        if lw in w.past_left:
            return "past"
    tense = _verb_tense(doc, i, w)
    if tense is None and any(lw in w.weak_future_left for lw in left_words):
        return "future"  # "by Friday", unless the verb says otherwise ("By June 16, BP was rated ...")
    return tense


def _verb_tense(doc: Doc, i: int, w: _Words) -> str | None:
    """The tense of the verb a date depends on; reported clauses keep their own ("said the offer expires Nov. 22")."""
    tok: Token = doc[i]
    # "January housing starts", "Thursday's low", "has set Nov. 10 as the deadline": the verb's tense is not the date's
    modifier = tok.dep_ in ("compound", "amod", "poss", "nmod", "dobj", "nsubj", "nsubjpass", "attr", "appos")
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
        tok = tok.head
        steps += 1
        if tok.pos_ not in ("VERB", "AUX", "ADP", "SCONJ"):
            # inside a noun phrase ("a split, payable Dec. 7"; "his 2011 budget"): the verb's tense is not the date's
            modifier = True
    levels = 0
    while tok.pos_ in ("VERB", "AUX") and levels < 3:
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        aux_words = {c.lower_ for c in auxes}
        perfect = any(a.lemma_ == "have" for a in auxes)
        modal = any(a.tag_ == "MD" for a in auxes)
        if not modifier and (aux_words & w.future_aux or (modal and not perfect)):
            return "future"  # "will meet", "could vote against his budget on December 7"
        if "going" in aux_words or (tok.lower_ == "going" and any(c.lower_ == "to" for c in tok.children)):
            return "future"
        if not modifier and tok.tag_ == "VB" and "to" in aux_words:
            gov = tok.head
            if gov.lemma_.lower() in w.future_governors or gov.lower_ in w.future_governors:
                return "future"  # "is expected to", "plans to"
        if not modifier and tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() in w.future_verbs:
            return "future"  # "the ferry service starts Monday"
        if not modifier and tok.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'s", "'re", "am") for a in auxes):
            return "future"  # "is meeting on Monday"
        if not modifier and (tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)):
            return "past"
        if not modifier and tok.tag_ == "VBN" and (perfect or (not auxes and tok.dep_ in ("acl", "amod", "advcl"))):
            return "past"  # "has said", "the year ended March 31"
        if tok.tag_ in ("VBZ", "VBP") or modal or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return None  # a finite present: its own clause, nearest occurrence
        if tok.dep_ in ("advcl", "xcomp", "conj", "relcl", "ccomp", "acl") and tok.head.i != tok.i:
            tok = tok.head  # an infinitive or participle takes its tense from the verb it depends on
            levels += 1
            continue
        break
    return None


# --- the extractor ------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    value: str | None
    kind: str
    priority: int = 0


def _left_words(text: str, start: int, n: int = 2) -> tuple[str, ...]:
    chunk = text[max(0, start - 30) : start]
    return tuple(reversed(re.findall(r"[A-Za-z']+", chunk.lower())[-n:]))


def extract_dates(ctx: DocContext) -> tuple[list[dict], DateIndex]:
    """Date rows (clean-text offsets) and the index other extractors use."""
    doc = ctx.doc
    tokens = TokenIndex(doc, ctx.text if ctx.text or not len(doc) else None, ctx.lower_ids)
    text = tokens.text
    numbers = find_numbers(text, tokens)
    index = DateIndex(numbers=numbers, tokens=tokens)
    if not len(doc):
        return [], index
    base = ctx.published
    cands = _find(text, doc, tokens, base, numbers)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    chosen: list[_Candidate] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            # keep the longer of two overlapping candidates
            prev = chosen[-1]
            if (c.end - c.start) > (prev.end - prev.start) and c.start >= prev.start and c.priority >= prev.priority:
                chosen[-1] = c
                last_end = c.end
            continue
        chosen.append(c)
        last_end = c.end
    chosen = _merge_time_and_day(text, chosen)
    rows: list[dict] = []
    for c in chosen:
        a, b = tokens.span(c.start, c.end)
        if not (ctx.is_prose(a) or ctx.in_dateline(a)):
            continue
        k = ctx.sentence(a)
        m = DateMention(c.start, c.end, text[c.start : c.end], c.value, c.kind, a, b, k)
        index.mentions.append(m)
        for i in range(a, b):
            if c.value is not None:
                index.by_token[i] = c.value
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


def _merge_time_and_day(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """"4 a.m. EDT Thursday", "noon Saturday": a time of day next to its day becomes one expression."""
    out: list[_Candidate] = []
    for c in chosen:
        if out and c.kind == "date" and out[-1].kind == "date" and re.fullmatch(r"[\s,]*", text[out[-1].end : c.start]):
            prev = out[-1]
            if prev.value and "T" in prev.value and c.value and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value):
                out[-1] = _Candidate(prev.start, c.end, c.value + prev.value[prev.value.index("T") :], "date")
                continue
            if c.value and "T" in c.value and prev.value and re.fullmatch(r"\d{4}-\d\d-\d\d", prev.value):
                out[-1] = _Candidate(prev.start, c.end, prev.value + c.value[c.value.index("T") :], "date")
                continue
        out.append(c)
    return out


_WINDOW = 45  # characters around a trigger word that a pattern may span


def _windows(positions: list[int], size: int) -> list[tuple[int, int]]:
    """Merged character windows around trigger positions."""
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        a, b = max(0, p - _WINDOW), min(size, p + _WINDOW + 12)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=1)
def _trigger_table() -> dict[int, tuple[str, ...]]:
    return trigger_table(patterns().triggers)


def _triggers(text: str, tokens: TokenIndex, numbers: list[Number]) -> dict[str, list[int]]:
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
    return found


def _find(text: str, doc: Doc, tokens: TokenIndex, base: date | None, numbers: list[Number]) -> list[_Candidate]:
    pats = patterns()
    out: list[_Candidate] = []

    def tense_at(start: int, day_level: bool = False) -> str | None:
        return clause_tense(doc, tokens.at(start), _left_words(text, start), day_level)

    triggers = _triggers(text, tokens, numbers)
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    seen: set[tuple[int, int, str]] = set()
    for name, rx, cats in pats.full:
        if cats not in windows:
            windows[cats] = _windows([p for c in cats for p in triggers[c]], len(text))
        if not windows[cats]:
            continue
        handler = _HANDLERS[name]
        for a, b in windows[cats]:
            for m in rx.finditer(text, a, b):
                key = (m.start(), m.end(), name)
                if key in seen:
                    continue
                seen.add(key)
                cand = handler(m, text, doc, tokens, base, tense_at)
                if cand is not None:
                    out.append(_extend_modifier(text, cand))
    out.extend(_durations(text, doc, tokens, base, numbers, triggers["unit"]))
    if triggers["ampm"]:
        out.extend(_times(text, base, _windows(triggers["ampm"], len(text))))
    out.extend(_spacy_fallback(doc, tokens, base, out))
    return out


def _extend_modifier(text: str, c: _Candidate) -> _Candidate:
    """"early 2013", "mid-2014", "the end of March", "the first half of 2012": the modifier joins the span."""
    if c.kind != "date" or c.value is None or c.value.endswith("_REF"):
        return c
    m = patterns().modifier_before.search(text, max(0, c.start - 40), c.start)
    if not m or m.end() != c.start:
        return c
    mod = m.group("mod").lower()
    value = c.value
    half = words().half_modifiers.get(re.sub(r"\s+", " ", mod))
    if half and re.fullmatch(r"\d{4}", value):
        value = f"{value}-{half}"
    return _Candidate(m.start(), c.end, value, c.kind, c.priority)


# --- handlers: one per pattern, each returns a candidate or None ----------------------------------

TenseAt = Callable[..., "str | None"]  # (char offset, day_level=False) -> "past", "future" or None

def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _h_iso(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Candidate(m.start(), m.end(), d.isoformat(), "date", 3)


def _h_us(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    try:
        d = date(_year_of(m["y"]) or 0, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Candidate(m.start(), m.end(), d.isoformat(), "date", 3)


def _h_day_month(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
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
            return _Candidate(m.start(), m.end(), None, "date", 2)
        year = _nearest_year(base, month, day, tense_at(m.start()))
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return _Candidate(m.start(), m.end(), d.isoformat(), "date", 2)


def _h_month_year(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    month = words().months[m["mon"]]
    if m["y"]:
        return _Candidate(m.start(), m.end(), f"{int(m['y']):04d}-{month:02d}", "date", 2)
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 2)
    y = base.year + words().offsets[m["yrel"].lower()]
    return _Candidate(m.start(), m.end(), f"{y:04d}-{month:02d}", "date", 2)


def _relative_year(base: date | None, y: str | None, yrel: str | None) -> int | None:
    if y:
        return int(y)
    if base is None:
        return None
    if yrel:
        return base.year + words().offsets[yrel.lower()]
    return base.year


def _h_quarter(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    q = words().ordinals[m["ord"].lower()]
    y_text = m["y"] or m["y2"]
    if y_text or m["yrel"] or m["yrel2"]:
        y = _relative_year(base, y_text, m["yrel"] or m["yrel2"])
        return _Candidate(m.start(), m.end(), f"{y}-Q{q}" if y else None, "date", 2)
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 1)
    return _Candidate(m.start(), m.end(), _nearest_quarter(base, q, tense_at(m.start())), "date", 1)


def _nearest_quarter(base: date, q: int, tense: str | None) -> str:
    """A quarter without a year: this year's if it has begun, else last year's (unless the clause is future).

    Wire copy mostly reports quarters that have ended ("fourth-quarter profit"
    in January), so a later quarter than the current one is last year's.
    """
    cur = (base.month - 1) // 3 + 1
    if q <= cur or tense == "future":
        return f"{base.year}-Q{q}"
    return f"{base.year - 1}-Q{q}"


def _h_qcode(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    q = int(m["q"])
    if m["y"]:
        return _Candidate(m.start(), m.end(), f"{m['y']}-Q{q}", "date", 2)
    if base is None:
        return None
    return _Candidate(m.start(), m.end(), _nearest_quarter(base, q, tense_at(m.start())), "date", 1)


def _h_half(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    y = _relative_year(base, m["y"], m["yrel"])
    h = "H1" if m["h"].lower() == "first" else "H2"
    return _Candidate(m.start(), m.end(), f"{y}-{h}" if y else None, "date", 2)


def _h_decade(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    return _Candidate(m.start(), m.end(), m["dec"], "date", 2)


def _h_decade2(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    d = m["dd"]
    century = "19" if base is None or int(d) * 10 > base.year % 100 else "20"
    return _Candidate(m.start(), m.end(), century + d, "date", 2)


def _h_ago(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    q = m["q"].lower()
    n = 1 if q in ("a", "an", "one") else None
    direction = m["dir"].lower()
    if direction.startswith("from") or direction == "hence":
        sign = 1
    else:
        sign = -1
    if n is None:
        return _Candidate(m.start(), m.end(), "FUTURE_REF" if sign > 0 else "PAST_REF", "date", 2)
    return _Candidate(m.start(), m.end(), _shift(base, n * sign, _unit_letter(m["unit"])), "date", 2)


def _shift(base: date | None, n: float, letter: str) -> str | None:
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
        y, mth = _add_months(base.year, base.month, n)
        return f"{y:04d}-{mth:02d}"
    if letter == "Q":
        y, mth = _add_months(base.year, base.month, 3 * n)
        return f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    if letter in ("W", "F"):
        return (base + timedelta(days=7 * n * (2 if letter == "F" else 1))).isoformat()
    if letter == "D":
        return (base + timedelta(days=n)).isoformat()
    return base.isoformat()


def _h_relative(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    w = words()
    if m["the"] and rel in ("past", "last", "next", "coming"):
        # "the past year", "the next week": a span of time, not a calendar unit
        if unit in w.units:
            return _Candidate(m.start(), m.end(), duration_value(1, _unit_letter(unit)), "duration", 2)
        return None
    if rel == "same":
        return None
    if rel == "past" or (rel == "coming" and unit in w.units):
        return None if unit not in w.units else _Candidate(m.start(), m.end(), duration_value(1, _unit_letter(unit)), "duration", 1)
    off = w.offsets[rel]
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 2)
    value: str | None
    if unit == "week":
        value = _iso_week(base + timedelta(days=7 * off))
    elif unit == "weekend":
        value = _iso_week(base + timedelta(days=7 * off)) + "-WE"
    elif unit == "month":
        y, mth = _add_months(base.year, base.month, off)
        value = f"{y:04d}-{mth:02d}"
    elif unit == "year":
        value = str(base.year + off)
    elif unit == "quarter":
        y, mth = _add_months(base.year, base.month, 3 * off)
        value = f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    elif unit == "decade":
        value = str(base.year // 10 + off)
    elif unit == "century":
        value = str(base.year // 100 + off)
    else:
        code = w.seasons[unit]
        value = _season(base, code, off)
    return _Candidate(m.start(), m.end(), value, "date", 2)


def _season(base: date, code: str, off: int | None, tense: str | None = None) -> str:
    cy, cc = _current_season(base)
    cur = _season_index(cy, cc)
    idx = _season_index(base.year, code)
    if code == "WI" and base.month in (1, 2):
        idx = _season_index(base.year - 1, code)
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


def _h_weekday(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    w = words()
    wd = w.weekdays[m["wd"]]
    rel = (m["rel"] or "").lower() or None
    start = m.start()
    if rel in ("early", "late"):
        rel = None
    if base is None:
        return _Candidate(start, m.end(), None, "date", 2)
    d = _weekday(base, wd, rel, tense_at(m.start("wd"), True) if rel is None else None)
    value = d.isoformat()
    if m["part"]:
        value += "T" + w.day_parts[m["part"].lower()]
    return _Candidate(start, m.end(), value, "date", 2)


def _h_month(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    w = words()
    name = m["mon"]
    month = w.months[name]
    rel = (m["rel"] or "").lower() or None
    if name in w.needs_context and rel is None:
        # "May" the verb, "March" the noun: a date only after a date preposition or modifier
        left = _left_words(text, m.start(), 1)
        if not left or left[0] not in w.month_context:
            return None
    if name.endswith(".") is False and len(name) <= 3 and name not in ("May",):
        return None  # a bare "Jan" or "Dec" without a day is a name more often than a month
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 1)
    if rel in ("last", "past", "previous"):
        y = base.year if month < base.month else base.year - 1
    elif rel in ("next", "coming"):
        y = base.year if month > base.month else base.year + 1
    elif rel in ("this", "current"):
        y = base.year
    else:
        y = _nearest_year(base, month, None, tense_at(m.start()))
    return _Candidate(m.start(), m.end(), f"{y:04d}-{month:02d}", "date", 1)


def _h_season(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    w = words()
    rel = (m["rel"] or "").lower() or None
    s = m["s"].lower()
    if m["y"]:
        return _Candidate(m.start(), m.end(), f"{m['y']}-{w.seasons[s]}", "date", 2)
    if rel is None:
        left = _left_words(text, m.start(), 1)
        if s == "fall" or not left or left[0] not in w.season_context:
            return None
    if rel == "the":
        left = _left_words(text, m.start(), 1)
        if not left or left[0] not in w.season_context:
            return None
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 1)
    off = {"last": -1, "next": 1, "this": 0}.get(rel or "", None)
    return _Candidate(m.start(), m.end(), _season(base, w.seasons[s], off, tense_at(m.start())), "date", 1)


def _h_deixis(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if word == "today" and re.match(r"['’]s", text[m.end("w") : m.end("w") + 2]):
        return None  # "today's world": a reference to the present, not to a day
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 2)
    off = words().parts_of_day.get(word, 0)
    return _Candidate(m.start(), m.end(), (base + timedelta(days=off)).isoformat(), "date", 2)


def _h_midyear(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    return _Candidate(m.start(), m.end(), m["y"], "date", 3)


_AMOUNT_AFTER = re.compile(r"\s*(?:%|percent|per cent|(?i:hundred|thousand|million|billion|trillion|bn|mln)\b)")


def _h_year(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    """A four-digit number as a year, unless it is an amount ("about 2000 people", "$2000", "1999 percent")."""
    w = words()
    s = m.start()
    prev = text[max(0, s - 16) : s].lower()
    if re.search(r"[$£€¥]\s?$", prev) or any(prev.endswith(" " + q + " ") or prev == q + " " for q in w.year_not_after):
        return None
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    # wire style writes amounts of a thousand and more with a comma ("2,000 troops"):
    # four bare digits before a noun are a year ("Kim Jong Un's 2017 greetings", "the 2012 elections")
    if base is not None and int(m["y"]) > base.year + 60:
        return None
    return _Candidate(s, m.end(), m["y"], "date", 1)


def _count_at(text: str, start: int) -> float | None:
    """The number written at ``start`` ("two", "12"), by :mod:`.numbers`."""
    parsed = words_number(text, start)
    if parsed is not None:
        return parsed[0]
    m = re.match(r"\d+", text[start:])
    return float(m.group(0)) if m else None


def _h_set(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    amount = _count_at(text, m.start("n")) if m["n"] else 1.0
    if amount is None:
        return None
    return _Candidate(m.start(), m.end(), duration_value(amount, _unit_letter(m["unit"])), "set", 2)


def _h_times(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    if m["n"] and _count_at(text, m.start("n")) is None and m["n"].lower() not in ("several", "few", "many"):
        return None  # "six times a month", "several times a year"; not "the Times a day"
    return _Candidate(m.start(), m.end(), duration_value(1, _unit_letter(m["unit"])), "set", 3)


def _h_setadv(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    i = tokens.at(m.start())
    if doc[i].pos_ in ("ADJ", "NOUN", "PROPN"):
        return None  # "daily newspaper", "monthly income": an attribute, not a recurrence
    return _Candidate(m.start(), m.end(), words().set_adverbs[m["w"].lower()], "set", 2)


def _h_ref(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    value = words().refs[word]
    i = tokens.at(m.start())
    if doc[i].pos_ == "ADJ" and word not in ("now",):
        return None
    return _Candidate(m.start(), m.end(), value, "date", 0)


def _h_holiday(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    md = words().holidays[m["w"]]
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 1)
    month, day = int(md[:2]), int(md[3:])
    y = _nearest_year(base, month, day, tense_at(m.start()))
    return _Candidate(m.start(), m.end(), f"{y:04d}-{md}", "date", 1)


def _h_century(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    n = int(m["n"])
    if not 1 <= n <= 22:
        return None
    return _Candidate(m.start(), m.end(), f"{n - 1:02d}", "date", 2)  # TimeML: the 11th century is "10"


def _h_weekend(m: re.Match[str], text: str, doc: Doc, tokens: TokenIndex, base: date | None, tense_at: TenseAt) -> _Candidate | None:
    """"the weekend": the one before the story's date in a past clause, else the coming (or current) one."""
    if base is None:
        return _Candidate(m.start(), m.end(), None, "date", 1)
    if base.weekday() >= 5 or tense_at(m.start()) != "past":
        return _Candidate(m.start(), m.end(), _iso_week(base) + "-WE", "date", 1)
    return _Candidate(m.start(), m.end(), _iso_week(base - timedelta(days=7)) + "-WE", "date", 1)


_HANDLERS: dict[str, Callable] = {
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


# --- durations ("11 years", "a 60-day deadline", "half a century") and "N units ago" --------------

def _durations(text: str, doc: Doc, tokens: TokenIndex, base: date | None, numbers: list[Number], unit_starts: list[int]) -> list[_Candidate]:
    """Durations and "N units ago": from the numbers ("11 years", "a 60-day deadline"), "a year", "several years"."""
    pats = patterns()
    out: list[_Candidate] = []
    for n in numbers:
        if n.vague:
            continue
        m = pats.unit_after.match(text, n.end)
        if not m or m.group("unit")[:1].isupper():
            continue  # "7 Days Group": a name
        if m.group("suffix") == "-old" or pats.age_after.match(text, m.end()):
            continue  # an age ("a 6-year-old"), not a span of time
        letter = _unit_letter(m.group("unit"))
        if n.words and n.value == 1 and not pats.extent_before.search(text, max(0, n.start - 20), n.start):
            continue  # "he one day follow ...": not a span
        rel = pats.ago_after.match(text, m.end())
        if rel and (letter not in _CLOCK_UNITS or rel.group("w").lower() == "ago"):
            # "two years ago", "a year earlier" ("20 minutes earlier" is measured from an event: a duration)
            sign = 1 if rel.group("w").lower() in ("from now", "hence") else -1
            value = _shift(base, n.value * sign, letter) if n.value == int(n.value) else ("PAST_REF" if sign < 0 else "FUTURE_REF")
            out.append(_Candidate(n.start, rel.end(), value, "date", 3))
            continue
        # "the past four months", "the next two weeks": the determiner phrase is part of the span
        lead = pats.duration_lead.search(text, max(0, n.start - 25), n.start)
        start = lead.start() if lead else n.start
        out.append(_Candidate(start, m.end(), duration_value(n.value, letter), "duration", 2))
    windows = _windows(unit_starts, len(text))
    for m in (m for a, b in windows for m in pats.article_unit.finditer(text, a, b)):
        q = m.group("q").lower()
        letter = _unit_letter(m.group("unit"))
        if pats.ago_after.match(text, m.end()):
            continue  # "a year ago": the "ago" pattern has it
        if q in ("a", "an", "one"):
            # "a year" is a duration only after a preposition of extent ("for a year", "more than a decade")
            if not pats.extent_before.search(text, max(0, m.start() - 20), m.start()):
                continue
            if pats.anchored_after.match(text, m.end()) or re.match(r"['’]s\b", text[m.end() : m.end() + 2]):
                continue  # "a day later", "a day's labour"
        amount = 0.5 if q.startswith("half") else 0.25 if "quarter" in q else 1.0
        out.append(_Candidate(m.start(), m.end(), duration_value(amount, letter), "duration", 1))
    for m in (m for a, b in windows for m in pats.vague_units.finditer(text, a, b)):
        letter = _unit_letter(m.group("u"))
        if m.group("long"):
            out.append(_Candidate(m.start(), m.end(), duration_value(None, letter), "duration", 0))  # "decades-long"
            continue
        lead = pats.vague_before.search(text, max(0, m.start() - 25), m.start())
        if not lead:
            continue
        rel = pats.ago_after.match(text, m.end())
        if rel:
            out.append(_Candidate(lead.start(), rel.end(), "PAST_REF", "date", 1))  # "a few years ago"
        else:
            out.append(_Candidate(lead.start(), m.end(), duration_value(None, letter), "duration", 0))  # "several years", "recent weeks"
    return out


_CLOCK_UNITS = frozenset({"H", "MI", "S"})


def _times(text: str, base: date | None, windows: list[tuple[int, int]]) -> list[_Candidate]:
    out: list[_Candidate] = []
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
        day = base.isoformat() if base else "XXXX-XX-XX"
        out.append(_Candidate(m.start(), m.end(), f"{day}T{h:02d}:{mi:02d}", "date", 1))
    return out


# --- dateparser, the fallback -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern[str]:
    """What an expression needs before dateparser is asked: a year, a numeric date or a month name."""
    return re.compile(r"\b(?:1[6-9]|20)\d\d\b|\d/\d|\b(?:" + alternation(words().months) + r")")


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # local: only needed for the fallback, and slow to import

    return dateparser


@lru_cache(maxsize=4096)
def parse_with_dateparser(expression: str, base_iso: str) -> str | None:
    """``dateparser`` on one expression relative to the story's date, at the granularity it reports."""
    dp = _dateparser()
    base = datetime.fromisoformat(base_iso)
    parser = dp.date.DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False})
    data = parser.get_date_data(expression)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(d.year)
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        return _iso_week(d)
    return d.isoformat()


def _spacy_fallback(doc: Doc, tokens: TokenIndex, base: date | None, found: list[_Candidate]) -> list[_Candidate]:
    """spaCy DATE entities no pattern covered, resolved by dateparser when they look like dates."""
    if base is None or not len(doc):
        return []
    arr = doc.to_array([ENT_IOB, ENT_TYPE])  # the entities as arrays: no Span objects for the non-dates
    is_date = arr[:, 1] == doc.vocab.strings["DATE"]
    if not is_date.any():
        return []
    text = tokens.text
    out: list[_Candidate] = []
    for i in np.flatnonzero(is_date & (arr[:, 0] == 3)).tolist():  # 3 = B(egin)
        j = i + 1
        while j < len(doc) and is_date[j] and arr[j, 0] == 1:  # 1 = I(nside)
            j += 1
        s = tokens.starts[i]
        e = tokens.starts[j - 1] + len(doc[j - 1].text)
        if any(c.start < e and s < c.end for c in found):
            continue
        expression = text[s:e]
        if not _prefilter().search(expression) or len(expression) > 40:
            continue
        if re.fullmatch(r"[\d\s,.]+s?|\d+['’]?s|(?:the\s+)?\d+(?:st|nd|rd|th)", expression):
            continue  # "30s" (an age), bare numbers: not resolvable dates
        value = parse_with_dateparser(expression, base.isoformat())
        if value:
            out.append(_Candidate(s, e, value, "date", 0))
    return out
