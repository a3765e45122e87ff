"""The words of time expressions (models/lexicons/date_words.json) and the patterns built from them, once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import load_json
from ..numbers import alternation
from ..prefilter import prefiltered


@dataclass(frozen=True)
class Words:
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
    anaphoric: dict[str, int]
    floating_holidays: dict[str, tuple[int, int, int]]
    easter_holidays: dict[str, int]
    basis_words: dict[str, str]
    fiscal_words: tuple[str, ...]
    clock_zones: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> Words:
    d = load_json("lexicons/date_words.json")
    refs = {w: "PRESENT_REF" for w in d["present_ref"]}
    refs.update({w: "PAST_REF" for w in d["past_ref"]})
    refs.update({w: "FUTURE_REF" for w in d["future_ref"]})
    return Words(
        d["months"], d["weekdays"], d["seasons"], d["units"], frozenset(d["may_needs_context"]),
        d["parts_of_day"], d["day_parts"], d["relative_offsets"], d["half_modifiers"], d["ordinals"],
        d["set_adverbs"], frozenset(d["future_left"]), frozenset(d["past_left"]), frozenset(d["weak_future_left"]),
        frozenset(d["future_auxiliaries"]), frozenset(d["future_verbs"]), frozenset(d["future_governors"]),
        refs, d["holidays"], tuple(d["extent_words"]), tuple(d["duration_leads"]), tuple(d["vague_duration_quantifiers"]),
        tuple(d["modifiers"]), frozenset(d["month_context"]), frozenset(d["season_context"]),
        tuple(d["year_not_after"]), d["anaphoric_offsets"], {k: tuple(v) for k, v in d["floating_holidays"].items()},
        d["easter_holidays"], d["basis_words"], tuple(d["fiscal_words"]), tuple(d["clock_zones"]),
    )


@dataclass(frozen=True)
class Patterns:
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
    long_unit: re.Pattern[str]
    extent_plural_before: re.Pattern[str]
    than_after: re.Pattern[str]
    clock: re.Pattern[str]
    clock_after: re.Pattern[str]
    and_a_half: re.Pattern[str]


YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# A date starts a word: on patterns that open with optional words or an alternation this guard lets the
# engine skip every other position at once (2-4 times faster); on those that open with a literal it
# would only hide the literal from the engine's prefix search, so they go without.
START = r"(?<!\w)(?=\w)"


def _date_patterns(w: Words) -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """Every date pattern: (name, regular expression, the kinds of trigger word it needs nearby)."""
    mon = r"(?:" + alternation(w.months) + r")(?![\w])"
    wd = r"(?:" + alternation(w.weekdays) + r")(?![\w])"
    units = alternation(w.units)
    rel = r"(?i:last|next|this|past|coming|previous|current)"
    season = alternation(w.seasons)
    ordinal = alternation(w.ordinals)
    set_adv = alternation(w.set_adverbs)
    refs = alternation(w.refs)
    holidays = alternation(w.holidays)
    moving_holidays = alternation(set(w.floating_holidays) | set(w.easter_holidays))
    fiscal = alternation(w.fiscal_words)
    year_pair = r"(?P<y>" + YEAR + r")(?:\s?[-/–]\s?(?P<yb>" + YEAR + r"|\d\d))?(?![\d%]|[.,]\d|[-/]\d)"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
    year_opt = r"(?:,?\s+(?P<y>" + YEAR + r")(?![\d]))?"
    return [
        ("iso", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"), ('year4',)),
        ("us", re.compile(START + r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"), ('slash',)),
        ("mdy", re.compile(START + r"(?:(?P<wd>" + wd + r"),?\s+)?(?P<mon>" + mon + r")\s+" + day + year_opt), ('month',)),
        ("dmy", re.compile(START + r"(?:(?P<wd>" + wd + r"),?\s+)?(?<![\d.,])" + day + r"\s+(?:of\s+)?(?P<mon>" + mon + r")" + year_opt), ('month',)),
        ("my", re.compile(r"(?P<mon>" + mon + r"),?\s+(?:of\s+)?(?:(?P<y>" + YEAR + r")(?![\d])|(?P<yrel>(?i:this|last|next))\s+(?i:year))"), ('month',)),
        ("quarter", re.compile(START + r"(?i:(?:(?P<yrel2>this|last|next)\s+year['’]s\s+|the\s+)?(?P<ord>" + ordinal + r")[\s-]+quarter(?:\s+of\s+(?:(?P<y>" + YEAR + r")|(?P<yrel>this|last|next)\s+year)|\s+(?P<y2>" + YEAR + r"))?)(?![\w])"), ('quarter',)),
        ("century", re.compile(START + r"(?i:(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century)(?![\w])"), ('century',)),
        ("weekend", re.compile(r"(?i:the\s+weekend)(?![\w])"), ('weekend',)),
        ("qcode", re.compile(r"(?<![\w])Q(?P<q>[1-4])(?:\s+(?P<y>" + YEAR + r"))?(?![\w])"), ('quarter',)),
        ("half", re.compile(START + r"(?i:(?:the\s+)?(?P<h>first|second)[\s-]+half\s+of\s+(?:(?P<y>" + YEAR + r")|(?P<yrel>this|last|next)\s+year))(?![\w])"), ('quarter',)),
        ("decade", re.compile(START + r"(?i:(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d)0['’]?s)(?![\w])"), ('year4',)),
        ("decade2", re.compile(r"(?i:the\s+(?:(?P<mod>early|mid|late)[\s-]+)?['’](?P<dd>\d)0s)(?![\w])"), ('apos',)),
        ("ago", re.compile(START + r"(?i:(?P<q>an?|one|several|a\s+few|a\s+couple\s+of|many)\s+(?P<unit>" + units + r")(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence))(?![\w])(?!\s+(?i:than)\b)"), ('ago',)),
        ("relative", re.compile(START + r"(?i:(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<rel>last|next|this|past|coming|previous|preceding|prior|following|current|same|that)\s+(?P<unit>day|week|weekend|month|year|quarter|decade|century|" + season + r"))(?![\w-])"), ('unit',)),
        ("latest", re.compile(r"(?i:the\s+(?:latest|most\s+recent)\s+(?P<unit>quarter|month))(?![\w-])"), ('latest',)),
        ("periodend", re.compile(START + r"(?i:(?:the\s+)?(?:end|close)\s+of\s+the\s+(?P<unit>week|month|quarter|year)|(?:the\s+)?(?P<ye>year)[\s-]end)(?![\w-])"), ('unit',)),
        ("inperiod", re.compile(START + r"(?i:(?:earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year))(?![\w-])"), ('unit',)),
        ("yearago", re.compile(r"(?i:(?:the\s+)?year-ago(?:\s+(?P<unit>quarter|period|month))?)(?![\w-])"), ('unit',)),
        ("fullyear", re.compile(r"(?i:(?:the\s+)?full[\s-]+year)(?![\w])"), ('full',)),
        ("weekday", re.compile(START + r"(?:(?P<rel>" + rel + r"|(?i:early|late))\s+)?(?P<wd>" + wd + r")(?P<poss>['’]s)?(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"), ('weekday',)),
        ("month", re.compile(START + r"(?:(?P<rel>" + rel + r")\s+)?(?P<mon>" + mon + r")(?!\s+\d)"), ('month',)),
        ("season", re.compile(START + r"(?i:(?:(?P<rel>this\s+past|last|next|this|the|early|late)\s+)?(?P<s>" + season + r")(?:\s+(?:of\s+)?(?P<y>" + YEAR + r"))?)(?![\w])"), ('season',)),
        ("deixis", re.compile(START + r"(?i:(?P<w>yesterday|today|tomorrow|tonight|(?:this|last)\s+(?:morning|afternoon|evening|night)|(?:morning|afternoon|evening)(?=\s+(?:trade|trading|session|dealings)\b))(?:['’]s)?)(?![\w])"), ('deixis',)),
        ("midyear", re.compile(START + r"(?i:(?P<mod>mid|early|late|end))-(?P<y>" + YEAR + r")(?![\d])"), ('year4',)),
        ("year", re.compile(r"(?<![\d,.$£€¥/:-])(?P<y>" + YEAR + r")(?![\d%]|[.,]\d)"), ('year4',)),
        ("yrange", re.compile(r"(?<![\d,.$£€¥/:-])(?P<y>" + YEAR + r")\s?[-/–]\s?(?P<yb>" + YEAR + r"|\d\d)(?![\d%]|[.,]\d|[-/]\d)"), ('year4',)),
        ("fiscal", re.compile(START + r"(?i:(?:(?P<rel>(?:the\s+)?(?:this|last|next|current|previous|coming))\s+|the\s+)?(?:" + year_pair.replace("(?P<y>", "(?P<y0>").replace("(?P<yb>", "(?P<y0b>") + r"\s+)?(?P<fw>" + fiscal + r")(?:\s+" + year_pair + r")?)(?![\w])"), ('fiscal',)),
        ("fycode", re.compile(r"(?<![\w])FY\s?(?P<y>\d{4}|\d\d)(?:[-/–](?P<yb>\d{4}|\d\d))?(?![\w])"), ('fiscal',)),
        ("fquarter", re.compile(START + r"(?i:(?:the\s+)?(?P<ord>" + ordinal + r")[\s-]+(?:fiscal[\s-]+)?quarter\s+of\s+(?:the\s+)?(?:" + fiscal + r")\s+" + year_pair + r")"), ('fiscal',)),
        ("fquarter2", re.compile(r"(?i:(?:the\s+)?(?:" + fiscal + r")\s+" + year_pair + r"\s+(?P<ord>" + ordinal + r")[\s-]+quarter)(?![\w])"), ('fiscal',)),
        ("set", re.compile(r"(?i:(?P<det>each|every)\s+(?P<other>other\s+)?(?:(?P<n>[a-z]+|\d+)\s+)?(?P<unit>" + units + r"))(?![\w])"), ('each',)),
        ("times", re.compile(START + r"(?i:(?P<f>twice|once|thrice|(?P<n>[\w,.]+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>" + units + r"))(?![\w])"), ('times',)),
        ("setadv", re.compile(START + r"(?i:(?P<w>" + set_adv + r"))(?![\w])"), ('setadv',)),
        ("ref", re.compile(r"(?i:(?<![\w-])(?P<w>" + refs + r"))(?![\w-])"), ('ref',)),
        ("holiday", re.compile(r"(?P<w>" + holidays + r")(?![\w])"), ('holiday',)),
        ("moving", re.compile(r"(?P<w>" + moving_holidays + r")(?![\w])"), ('holiday',)),
        ("basis", re.compile(r"(?i:on\s+an?\s+(?P<w>" + alternation(w.basis_words) + r")\s+basis)(?![\w])"), ('basis',)),
    ]


def _trigger_words(w: Words) -> dict[str, frozenset[str]]:
    """The words (lower case) that each kind of trigger is, looked up once per text by their hashes."""
    refs_last = {r.split()[-1] for r in w.refs}
    return {
        "month": frozenset(w.months),
        "weekday": frozenset(w.weekdays),
        "unit": frozenset(set(w.units) | set(w.seasons) | {"weekend", "weekends"}),
        "quarter": frozenset({"quarter", "quarters", "half", "q1", "q2", "q3", "q4"}),
        "ago": frozenset({"ago", "earlier", "later", "hence", "now"}),
        "deixis": frozenset({"yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"}),
        "each": frozenset({"each", "every"}),
        "times": frozenset({"times", "twice", "once", "thrice"}),
        "setadv": frozenset(w.set_adverbs),
        "ref": frozenset(refs_last),
        "holiday": frozenset(h.split()[0] for h in set(w.holidays) | set(w.floating_holidays) | set(w.easter_holidays)),
        "fiscal": frozenset({"fiscal", "financial"}),
        "season": frozenset(w.seasons),
        "century": frozenset({"century"}),
        "weekend": frozenset({"weekend"}),
        "latest": frozenset({"latest", "recent"}),
        "full": frozenset({"full", "full-year"}),
        "basis": frozenset({"basis"}),
        "ampm": frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m"} | {z.lower() for z in w.clock_zones}),
    }


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    w = words()
    units = alternation(w.units)
    return Patterns(
        # behind a lookahead on their first characters (the same matches; prefilter.py): the scans take less time
        [(name, prefiltered(rx), cats) for name, rx, cats in _date_patterns(w)],
        _trigger_words(w),
        re.compile(r"\s*-?\s*(?P<unit>" + units + r")(?P<suffix>-long|-old)?(?![\w])", re.I),
        prefiltered(re.compile(r"(?i:(?<![\w-])(?P<mod>" + alternation(w.modifiers) + r"))[\s-]+$")),
        re.compile(r"(?i:(?<![\w-])(?:" + alternation(w.extent_words) + r")\s+(?:the\s+)?)$"),
        re.compile(r"(?i:(?P<q>an?|one|half\s+an?|(?:a\s+)?quarter\s+of\s+an?)\s+(?P<unit>day|week|month|year|decade|century|hour|fortnight))(?![\w])"),
        re.compile(r"(?i:(?<![\d:.])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?:\s+(?P<tz>[A-Z]{2,4}))?)(?![\w])"),
        re.compile(r"\s+(?:(?i:or\s+so)\s+)?(?P<w>(?i:ago|earlier|later|from\s+now|hence))(?![\w])(?!\s+(?i:than)\b)"),
        re.compile(r"\s*-?\s*(?i:old)(?![\w])"),
        re.compile(r"\s+(?i:later|before|after|earlier)(?![\w])(?!\s+(?i:than)\b)"),
        re.compile(r"(?i:(?:the\s+)?(?:" + alternation(w.duration_leads) + r")\s+)$"),
        re.compile(r"(?i:(?<![\w-])(?:" + alternation(w.vague_quantifiers) + r")\s+)$"),
        re.compile(r"(?i:(?<![\w-])(?P<u>years|decades|months|weeks|days|hours|centuries)(?P<long>-long)?)(?![\w-])"),
        re.compile(r"(?i:(?<![\w-])(?P<u>day|week|month|year|hour|decade|century)-long)(?![\w-])"),
        re.compile(r"(?i:(?<![\w-])(?:for|within|in|over|after)\s+)$"),
        re.compile(r"\s+(?i:later|earlier|longer|shorter|sooner)\s+(?i:than)\b"),
        re.compile(r"(?<![\d:.,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?P<tz>" + alternation(w.clock_zones) + r")(?![\w])"),
        re.compile(r"\s+(?:" + alternation(w.clock_zones) + r")(?![\w])"),
        re.compile(r"\s+(?i:and\s+a\s+half)(?![\w])"),
    )
