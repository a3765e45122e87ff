"""The unit and cue lexicon of quantities: ``units.json`` (generated, see scripts/build_unit_lexicon.py) and ``quantity_cues.json``, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import load_json
from ..numbers import alternation
from ..prefilter import prefiltered


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
    value_verbs: frozenset[str]
    extent_heads: frozenset[str]
    not_counted: frozenset[str]
    collective_counts: frozenset[str]
    index_words: re.Pattern[str]
    generic_counts: frozenset[str]
    age_words: frozenset[str]
    comparison_words: frozenset[str]
    session_nouns: frozenset[str]
    duration_in_nouns: frozenset[str]
    wire_agencies: frozenset[str]
    venue_nouns: frozenset[str]
    partitives: frozenset[str]
    comparative_changes: dict[str, str]
    model_after: re.Pattern[str]  # rule model_count: "12 Airbus A380", "8 787-8", "10 A330s", "two Boeing 747s"
    factbox_label: re.Pattern[str]  # rule factbox_label: "-- Passengers per year: 58 million"
    earning_verbs: frozenset[str]  # rule earning_amount: "the company earned $1.10 billion"
    session_spans: frozenset[str]  # rule session_span: "ended the session down 1.6 percent"
    per_adverbs: dict[str, str]  # rule rate_adjective: "a daily average of 1.84 billion" -> day
    breadth_verbs: frozenset[str]  # rule breadth_count: "Advancing stocks outnumbered declining ones by 1,670 to 1,420"
    phrasal_changes: dict[str, str]  # "gave up 18.4 percent" is a fall
    rate_nouns: frozenset[str]  # rule annual_rate: "an annual rate of $77.5 billion"
    bound_adjectives: frozenset[str]  # rule bound_adjective: "as high as $60"
    describing_participles: frozenset[str]  # rule comma_participle: "claims, totaling $489 million"


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
    # searched in the ten characters before each number: behind a lookahead on the symbols' first characters
    # (the same matches; prefilter.py), most of those positions are dropped at once
    prefix = prefiltered(re.compile(r"(?:(?<![\w$])|(?<=\d))(?P<sym>" + sym_alt + r")[ \t]?$", re.I))
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
        prefiltered(re.compile(r"(?<![\w-])(?P<q>" + alternation(qb) + r")[ \t]+$", re.I)),
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
        frozenset(cues["value_verbs"]),
        frozenset(cues["extent_heads"]),
        frozenset(cues["not_counted"]),
        frozenset(cues["collective_counts"]),
        re.compile(r"(?<![\w&])(?:" + alternation(cues["index_words"]) + r")(?![\w&])", re.I),
        frozenset(cues["generic_counts"]),
        frozenset(cues["age_words"]),
        frozenset(cues["comparison_words"]),
        frozenset(cues["session_nouns"]),
        frozenset(cues["duration_in_nouns"]),
        frozenset(cues["wire_agencies"]),
        frozenset(cues["venue_nouns"]),
        frozenset(cues["partitives"]),
        cues["comparative_changes"],
        _model_after(cues),
        re.compile(cues["factbox_label"]),
        frozenset(cues["earning_verbs"]),
        frozenset(cues["session_spans"]),
        cues["per_adverbs"],
        frozenset(cues["breadth_verbs"]),
        cues["phrasal_changes"],
        frozenset(cues["rate_nouns"]),
        frozenset(cues["bound_adjectives"]),
        frozenset(cues["describing_participles"]),
    )


def _model_after(cues: dict) -> re.Pattern[str]:
    """A model named right after a number: a maker's model number ("Boeing 747") or a designator alone ("A380", "787-8")."""
    makers = "|".join(re.escape(m) for m in sorted(cues["model_makers"], key=len, reverse=True))
    designator = cues["model_designator"]
    return re.compile(
        r"[ \t]+(?:(?P<maker>" + makers + r")[ \t]+)?(?P<model>" + designator + r"|(?<=[a-z][ \t])\d{3}(?=s?(?![\w-])))"
    )


def _kind_of(units: dict, unit: str) -> str:
    spec = units["measures"].get(unit)
    return spec["kind"] if spec else "other"
