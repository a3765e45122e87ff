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

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..context import DocContext
from ..dates import DateIndex, DateMention
from ..numbers import TokenIndex, find_numbers
from .counts import (
    _age_end,
    _age_of,
    _bare_number_ok,
    _breadth_count,
    _count_noun,
    _count_ok,
    _elided_count,
    _factbox_count,
    _is_name_number,
    _model_count,
    _unit_of_count,
)
from .lexicon import UnitInfo, lex
from .roles import _NOUNS, _VERBS, _Roles, _np, _priced, _roles, _same, _span_head, _subject, _verb_of
from .surfaces import _DAYS_LABOUR, _Surface, _surfaces

__all__ = ["UnitInfo", "extract_quantities", "lex"]


def extract_quantities(ctx: DocContext, actors: ActorIndex, dates: DateIndex) -> list[dict]:
    """Quantity rows (clean-text offsets) for one story."""
    doc = ctx.doc
    if not len(doc):
        return []
    tokens = dates.tokens or TokenIndex(doc, ctx.text or None, ctx.lower_ids, ctx.arrays)
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
        chosen = _choose_unit(ctx, tokens, s, rows, first_num, a, b)
        if chosen is None:
            continue
        a, b = chosen.a, chosen.b
        unit, unit_kind, named, label, age_end = chosen.unit, chosen.kind, chosen.named, chosen.label, chosen.age_end
        head = _span_head(doc, tokens.at(s.core_start), b)
        roles = _roles(doc, s, a, b, head, unit_kind)
        if age_end is not None:
            roles.measured = _age_of(doc, first_num)
        elif named is not None and (label or roles.measured is None):
            roles.measured = named
        elif unit is None and roles.measured and lex().index_words.search(roles.measured):
            unit = "point"  # "the Dow ... ended at 12,632": an index level is in points
        if unit_kind == "frequency" and roles.verb is not None and roles.measured_token is None:
            # (rule frequency_modifier: "a three-times major winner", "a valuation over four times that of ..." keep their noun)
            # "will move ... six times a month": how often the subject does it
            subj = _subject(roles.verb)
            if subj is not None and subj.pos_ in _NOUNS and not _priced(subj):  # (rule priced_subject)
                roles.measured = _np(doc, subj, (a, b))
        if rows and _is_conversion(text, rows[-1], s):
            # "4,000 roubles (about $70)": the same thing in another unit
            roles.measured, roles.owner = rows[-1]["measured"], None
        elif rows and rows[-1]["_named"] and unit_kind == "currency" and not text[rows[-1]["end"] : s.start].strip():
            # rule table_cell: "12 Airbus A380 $4,157 million", the order table's value cell prices the model counted before it
            roles.measured, roles.owner = rows[-1]["measured"], None
        qualifier = s.qualifier
        if qualifier is None:
            qualifier = "~" if (s.low is not None and not s.is_range) else "="
        per = s.per or chosen.per or roles.per or _count_per(text, s, unit_kind) or _clause_per(ctx, tokens, text, s, roles, sets, a) or _rate_back(roles, rows, ctx.sentence(a))
        date = _date_for(dates, roles, ctx.sentence(a), a, b)
        actor_id = None
        if roles.owner is not None:
            actor_id = actors.actor_at(roles.owner.i) or _actor_in(actors, roles.owner)
        change = None if s.from_to else roles.change  # "from 2,740 to 980": a range, not a change
        if change is None and rows and _OR_RESTATED.fullmatch(text, rows[-1]["end"], s.start):
            change = rows[-1]["change"]  # rule or_restated: "were up $1.98, or 5.12 percent": the same rise in percent
        end = s.end
        between = doc[nb : s.count_noun.i] if s.count_noun is not None else doc[nb:nb]  # a number of the noun's own in it is another count
        if s.count_noun is not None and s.count_noun.i - nb <= 8 and not any(t.like_num and t.head.i == s.count_noun.i for t in between):
            # "two other Bush-era trade deals", "13 of its patents" (not "36 million of HSBC's 100 million customers")
            end = max(end, s.count_noun.idx + len(s.count_noun.text))
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
            "_fallback": roles.fallback,
            "_from_noun": roles.measured_token is not None,
            "_plural": roles.measured_token is not None and roles.measured_token.tag_ in ("NNS", "NNPS"),
            "_named": label,
            "_pronoun": roles.pronoun.lower_ == "they" if roles.pronoun is not None else None,
            "_rate": roles.measured_token is not None and roles.measured_token.lemma_.lower() in lex().rate_nouns,
        }
        heads[head.i] = len(rows)
        rows.append(row)
    _carry_qualifiers(doc, rows, heads)
    rows = _join_minor_units(text, rows, numbers)
    _share_units(text, rows)
    _share_measured(doc, rows, heads)
    for k, row in enumerate(rows):
        row["quantity_id"] = f"Q{k + 1}"
        for key in [k for k in row if k.startswith("_")]:
            del row[key]
    return rows


@dataclass
class _UnitChoice:
    """What a number counts or is measured in, and where its span ends up."""

    unit: str | None
    kind: str
    a: int  # the span's first and past-last tokens, once the unit has widened it
    b: int
    named: str | None = None  # what a model or factbox count names: "Airbus A380", "Passengers per year"
    per: str | None = None  # a factbox label's rate
    label: bool = False  # a model's name or a factbox label says what is counted, whatever the parse says
    age_end: int | None = None


def _choose_unit(ctx: DocContext, tokens: TokenIndex, s: _Surface, rows: list[dict], first_num: Token, a: int, b: int) -> _UnitChoice | None:
    """The unit of surface ``s``, in order: an age, a model's count (rule model_count), a factbox label's count
    (rule factbox_label), a market-breadth count (rule breadth_count), a bare scaled number taking an earlier count's unit (rule elided_count), the counted
    noun, else the unit the surface was read with; None when the number is no quantity (a name's number, a
    bare number standing alone). Widens ``s`` (end, count noun) as the unit says."""
    doc, text = ctx.doc, tokens.text
    age_end = _age_end(doc, text, s, first_num)
    if age_end is not None:
        s.unit, s.end = UnitInfo("year", "duration"), max(s.end, age_end)
        return _UnitChoice("year", "duration", a, b, age_end=age_end)
    if s.unit is None and (model := _model_count(doc, tokens, text, s)) is not None:
        s.end = model[1]
        a, b = tokens.span(s.start, s.end)
        return _UnitChoice(model[0], "count", a, b, named=text[s.number_end : s.end].strip(), label=True)
    if s.unit is None and _count_noun(doc, tokens, s, text) is None and (factbox := _factbox_count(doc, tokens, text, s)) is not None:
        return _UnitChoice(factbox[0], "count", a, b, named=factbox[2], per=factbox[1], label=True)
    if s.unit is None and (breadth := _breadth_count(doc, tokens, text, s)) is not None:
        return _UnitChoice(breadth[0], "count", a, b, named=breadth[1], label=True)
    if s.unit is not None:
        if s.unit.kind == "duration" and _is_name_number(doc, text, s, first_num):
            return None
        if s.unit.kind in ("length", "mass") and len(text[s.number_end : s.end].strip(" -")) == 1 and _is_name_number(doc, text, s, first_num):
            return None
        return _UnitChoice(s.unit.unit, s.unit.kind, a, b)
    noun = _count_noun(doc, tokens, s, text)
    elided = _elided_count(text, s, rows, ctx.sentence(a)) if noun is None else None
    if elided is not None:
        chosen = _UnitChoice(elided["unit"], elided["unit_kind"], a, b)
    elif noun is None:
        if not _bare_number_ok(text, first_num, s):
            return None
        chosen = _UnitChoice(None, "other", a, b)
    else:
        if not _count_ok(doc, text, s, first_num, noun):
            return None
        s.count_noun = noun
        chosen = _UnitChoice(_unit_of_count(noun), "count", a, b + 1 if noun.i == b else b)  # the counted noun right after the number belongs to the span
    return None if _is_name_number(doc, text, s, first_num) else chosen


_LEADING_SYMBOL = re.compile(r"[^\d\s]*")
_MINOR_GAP = re.compile(r"[ \t]+(?:and[ \t]+)?")
_MINOR_END = re.compile(r"[ \t]*(?:cents?\b)?[ \t]*(?:[.,;:!?)]|$)", re.I)


def _join_minor_units(text: str, rows: list[dict], numbers: list) -> list[dict]:
    """"3 dollars 50 cents", "15 dollars and 15", "17 USD 25": an amount in a currency written as a
    word or code, then its cents (as a cent amount, or a bare number under 100 closing the phrase),
    is one amount: 3.50, 15.15, 17.25."""
    starts = {n.start: n for n in numbers}
    out: list[dict] = []
    skip_until = -1
    for row in rows:
        if row["start"] < skip_until:
            continue
        out.append(row)
        if row["unit_kind"] != "currency" or not row["text"][-1:].isalpha() or _LEADING_SYMBOL.match(row["text"]).group(0).lower() in lex().prefix_units:
            continue  # the currency after the number only: not "rmb 10 usd 20"
        gap = _MINOR_GAP.match(text, row["end"])
        at = gap.end() if gap else -1
        # the next amount, or one that shares the code with this one ("17 USD 25" read as "17 USD" and "USD 25")
        nxt = next((r for r in rows if r is not row and (r["start"] == at or row["start"] < r["start"] < row["end"] < r["end"])), None)
        if nxt is not None and (nxt["unit"] == "cent" or nxt["unit"] == row["unit"] and nxt["value"] < 100 and not nxt["text"][-1:].isalpha()):
            cents, end = nxt["value"], nxt["end"]
        elif at in starts and starts[at].value < 100 and float(starts[at].value).is_integer() and _MINOR_END.match(text, starts[at].end):
            cents, end = starts[at].value, starts[at].end
        else:
            continue
        row["value"] += cents / 100
        row["text"], row["end"], skip_until = text[row["start"] : end], end, end
    return out


_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*$")


def _is_conversion(text: str, prev: dict, s: _Surface) -> bool:
    return prev["end"] <= s.start and bool(_CONVERSION_GAP.fullmatch(text[prev["end"] : s.start]))


_OR_RESTATED = re.compile(r"[ \t]*,?[ \t]*or[ \t]+")
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


def _share_measured(doc: Doc, rows: list[dict], heads: dict[int, int]) -> None:
    """Rule compared_quantity: a quantity the parse gives nothing to measure, attached through
    prepositions, appositions or a comparison to another quantity, measures what that one does
    ("net income of $150 million ..., compared with $140.3 million", "$18.7 billion, a rise of
    $2.4 billion", "its forecast of 3 percent ... of an 7.8 percent annual drop"); rule
    pronoun_subject: one whose clause's subject is "it" or "they" measures what the last quantity
    before it, in its sentence or the one before, measured with a noun of the same number ("Its
    shares fell 2 percent to $37.20 after the bell. They closed at $38.03"); else a change
    noun's own phrase (rule change_noun)."""
    comparisons = lex().comparison_words
    for k, row in enumerate(rows):
        if row["measured"]:
            continue
        j = _compared_row(doc, k, rows, heads, comparisons)
        if j is None and row["_pronoun"] is not None and row["_fallback"] is None:
            j = next((i for i in range(k - 1, -1, -1) if rows[i]["sentence"] >= row["sentence"] - 1 and rows[i]["_plural"] == row["_pronoun"] and rows[i]["_from_noun"]), None)
        if j is not None and j != k and rows[j]["_from_noun"]:
            row["measured"], row["_from_noun"] = rows[j]["measured"], True
        row["measured"] = row["measured"] or row["_fallback"]


def _compared_row(doc: Doc, k: int, rows: list[dict], heads: dict[int, int], comparisons: frozenset[str]) -> int | None:
    """The row of the quantity this one hangs from (at most five steps up, through no verb but a
    comparison), or of the quantity before a comparison ("was $140.5 million, ... compared with"),
    else the last one before the comparison in the sentence, in the same unit if one is ("profit of
    $80 million, or 19 cents a share -- beating the consensus -- compared with $19 million")."""
    head = rows[k]["_head"]
    t = doc[head]
    for _ in range(5):
        if t.head.i == t.i:
            return None
        if t.pos_ in _VERBS and t.i != head:
            if t.lower_ not in comparisons:
                return None
            before = [heads[c.i] for c in t.head.children if c.i in heads and c.i < t.i]
            if before:
                return before[-1]
            earlier = [j for j, r in enumerate(rows) if r["sentence"] == rows[k]["sentence"] and r["_head"] < t.i and r["unit_kind"] == rows[k]["unit_kind"]]
            same = [j for j in earlier if rows[j]["unit"] == rows[k]["unit"]]
            return (same or earlier or [None])[-1]
        t = t.head
        if t.i in heads:
            return heads[t.i]
    return None


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


def _clause_per(ctx: DocContext, tokens: TokenIndex, text: str, s: _Surface, roles: _Roles, sets: list[DateMention], a: int) -> str | None:
    """A recurrence in the quantity's clause: "... each month", "... for a day's labour"; or one that
    qualifies what a count measures (rule rate_adjective: "a daily average of 1.84 billion")."""
    noun = roles.measured_token
    # a count, or (rule annual_rate) a rate: "an annual rate of $77.5 billion"; "a quarterly profit of 361 million pounds" is no rate
    counted = noun is not None and (s.unit is None or (noun.lemma_.lower() in lex().rate_nouns and s.unit.kind != "percent"))
    rate = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ in lex().per_adverbs), None) if counted else None
    if rate is not None:
        return lex().per_adverbs[rate.lower_]
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


def _rate_back(roles: _Roles, rows: list[dict], sentence: int) -> str | None:
    """Rule annual_rate, back: "In May, that rate was $200.4 billion" has the period of the rate the story gave just before."""
    noun = roles.measured_token
    if noun is None or noun.lemma_.lower() not in lex().rate_nouns or not any(c.lower_ in ("that", "this", "the") for c in noun.children):
        return None
    return next((r["per"] for r in reversed(rows) if r["sentence"] >= sentence - 2 and r["per"] and r["_rate"]), None)


def _count_per(text: str, s: _Surface, kind: str) -> str | None:
    """"roughly 125,000 jobs a month": the rate after the counted noun."""
    if kind != "count" or s.count_noun is None:
        return None
    m = lex().per_after.match(text, s.count_noun.idx + len(s.count_noun.text))
    return lex().per_units[m.group("u").lower()] if m else None


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
