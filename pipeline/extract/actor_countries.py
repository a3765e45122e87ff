"""Actors' countries: from evidence, never from a place hidden inside a name.

Evidence is weighed in a fixed order, and each country keeps the name of the evidence
that gave it (the ``country_source`` column), so a wrong code can be traced:

1. ``story``: the story's own words before an organisation: a possessive ("Japan's
   Yomiuri Shimbun"), a modifier ("Vladivostok-based", "Russian gas monopoly Gazprom");
   for a person, a nationality or country in the title (read by :mod:`.actors`). Also where the
   name stands again untagged ("Plano, Texas-based UGS") or is followed by a place in brackets
   ("Google Advertising (Shanghai) Co"): rules of :mod:`.country_rules`.
2. ``name``: a country, nationality, U.S. state or city of a million people that *begins*
   the name ("Russian Railways", "Illinois Department of Employment Security", "Shanghai
   Securities"), or a country after its last "of" ("Bank of Japan"). Only those words count:
   "New York Times" is in New York, not York; "Federal Reserve" in no place called Federal.
3. ``knowledge``: a national party's country (``models/gazetteer/national_parties.json``, rule
   ``party_country`` in :mod:`.parties`: a name several countries' parties share takes the
   dateline's country or the story's one country among them); then
   ``models/gazetteer/org_countries.json``, organisations whose country the
   whole Reuters archive states consistently (``scripts/mine_org_countries.py``).
   Then ``story`` again for a place the parse attaches to the organisation ("BK Asset
   Management in New York"): an office's city says less than the archive does ("BNP
   Paribas in New York").
4. ``legal_form``: a legal suffix that belongs to one country ("Pcl" Thailand, "OAO"
   Russia), or to several of which exactly one is a country of the story ("GmbH" in a
   story about Germany). Suffixes come from ``cleanco`` and the ``legal_form_countries``
   table of ``models/lexicons/organizations.json``.
5. ``dateline``: national offices and institutions named without a country ("President
   Barack Obama", "the Senate", "the Commerce Department") take the country of a
   single-country dateline, as wire style intends; so does a firm no other evidence places in
   a story whose every place and nationality lies in the dateline's country (rule ``home_firm``).
6. ``affiliation``: a person takes the country of the organisation they work for.

Where no evidence speaks, the country stays empty: a wrong code is worse than none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from spacy.tokens import Doc, Span

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, model_path, word_set
from .context import DocContext
from .country_rules import (
    bracketed_place, coordinated_modifier, exchange_country, international_unit, office_in_title, org_country_after, owned_mention, untagged_mentions,
)
from .described_places import org_country_described
from .legal_forms import legal_form_country
from .home_media import called_media
from .parties import party_country
from .spurious import name_word_country
from .entities import EntityMention, is_nationality_word
from .places import dateline_parts
from .titles import ends_with_phrase

if TYPE_CHECKING:
    from .actors import Actor

_CHINESE_REGIONS = frozenset({"HKG", "MAC"})  # special administrative regions with their own ISO codes
_NP_POS = frozenset({"ADJ", "NOUN", "PROPN", "PART", "NUM"})


def country_of_text(text: str, capitals: bool = True) -> str | None:
    """ISO3 of a nationality, country, capital or region named by ``text`` ("Russian", "U.S.",
    "Kremlin", "Nebraska"); without ``capitals``, only a capital of 400,000 people counts ("Athens
    Stock Exchange"): a smaller capital's name is too often another's ("Georgetown University",
    "Victoria's Secret", "Wellington Management")."""
    gaz = gazetteer()
    iso = gaz.demonym(text) or (gaz.government_of(text) if capitals else _large_capital(text) or gaz.seat_of_government(text))
    if iso:
        return iso
    place = gaz.country_named(text)
    if place is not None:
        return place.country
    place = gaz.lookup(text)
    return place.country if place is not None and place.kind == "region" else None


def _large_capital(text: str) -> str | None:
    """The country of a capital of 400,000 people or more named by ``text`` (its own size, not a
    namesake's: Victoria, Seychelles, not Victoria, British Columbia)."""
    gaz = gazetteer()
    iso = gaz.government_of(text)
    place = gaz.lookup(text, (iso,)) if iso else None
    return iso if place is not None and place.country == iso and place.population >= 400_000 else None


def assign_countries(ctx: DocContext, actors: list[Actor], entity_at: dict[int, EntityMention], org_country: dict[str, str | None]) -> None:
    """Fill ``country`` and ``country_source`` of organisations, then persons, in evidence order.

    ``org_country`` maps an organisation key (:func:`.actors.org_key`) to the country of the
    story's organisation actor of that name; persons read their employer's country from it.
    """
    home = _dateline_country(ctx)
    story_countries = {a.country for a in actors if a.kind == "country" and a.country} | ({home} if home else set())
    employers = frozenset(_key(a.affiliation) for a in actors if a.kind == "person" and a.affiliation)
    for actor in actors:
        if actor.kind != "organization" or actor.country or _international(actor):
            continue
        for source, iso in _organization_evidence(ctx, actor, entity_at, story_countries, home, employers):
            if iso:
                actor.country, actor.country_source = iso, source
                break
    for actor in actors:
        if actor.kind == "group" and not actor.country:
            actor.country, actor.country_source = _group_evidence(actor.name, home)
    for actor in actors:
        if actor.kind == "organization" and actor.country:
            for name in (actor.name, *actor.aliases):
                org_country[_key(name)] = org_country.get(_key(name)) or actor.country
    for actor in actors:
        if actor.kind != "person" or actor.country:
            continue
        iso, source = _person_evidence(ctx, actor, org_country, home)
        if iso:
            actor.country, actor.country_source = iso, source


def _international(actor: Actor) -> bool:
    """An international body ("United Nations", "European Union", "IMF"): no country's, whatever
    the story places it in ("the European Union in Brussels") or its name begins with."""
    bodies = _international_bodies()
    return any(normalize_name(name) in bodies or international_unit(name, bodies) for name in (actor.name, *actor.aliases))


@lru_cache(maxsize=1)
def _international_bodies() -> frozenset[str]:
    return frozenset(normalize_name(n) for n in load_json("lexicons/org_mining.json")["international_bodies"])


def _key(name: str) -> str:
    from .actors import org_key  # a function of the clustering: one definition

    return org_key(name)


def _organization_evidence(ctx: DocContext, actor: Actor, entity_at: dict[int, EntityMention], story_countries: set[str], home: str | None, employers: frozenset[str]):
    """(source, ISO3 or None) pairs in the order they are believed; evaluated lazily."""
    doc = ctx.doc
    for s, e in actor.mentions:
        yield "story", _org_country_at(doc, s, e, entity_at)
    # "Google Advertising (Shanghai) Co": the first mention only, the one the row is named by (a
    # later "renamed KKR & Co (Guernsey)" is a unit of the firm the row is about).
    yield "story", bracketed_place(doc, actor.first[1], lambda t: country_of_text(t) or _big_city_country(t))
    yield "name", _leading_place_country(actor.name) or _unit_country(actor.name) or gazetteer().seat_of_government(actor.name)  # "Kremlin"
    yield "name", name_word_country(actor.name)  # "Basler Kantonalbank": a word only one country's institutions use
    iso, source = party_country((actor.name, *actor.aliases), home, story_countries)
    yield source, iso
    yield "knowledge", known_country(actor.name, *actor.aliases)
    yield "knowledge", initials_country(actor.name, ctx.text or ctx.doc.text)
    yield "knowledge", parent_country(actor.name)
    # "Plano, Texas-based UGS" of "UGS Corp.": the story's words where the name stands untagged,
    # after the archive's knowledge (a bare word may be another's) and before the listing.
    for s, e in untagged_mentions(ctx, (actor.name, *actor.aliases), _key, actor.mentions):
        yield "story", _org_country_at(doc, s, e, entity_at)
    # After the archive's knowledge: New York and Nasdaq list foreign firms too ("UBS AG ( UBS.N )").
    yield "ticker", exchange_country(actor.ticker)
    # "BNP Paribas in New York" places an office, which says less than the archive does.
    for s, e in actor.mentions:
        yield "story", org_country_after(doc, s, e, entity_at)
    for s, e in actor.mentions:
        yield "story", org_country_described(doc, e, entity_at)
    yield "legal_form", _unless_named_otherwise(actor.name, legal_form_country(actor.name, story_countries))
    yield "dateline", home if _national_institution(ctx, actor, story_countries, home) else None
    yield "dateline", home if _firm_named(actor, employers) and _home_firm(ctx, actor, story_countries, home) else None
    yield "dateline", home if not _names_elsewhere(actor.name, home) and called_media(ctx, actor) else None  # home_media


def _unless_named_otherwise(name: str, iso: str | None) -> str | None:
    """``iso`` unless a nationality or country in the name says another: "Royal Dutch Shell Plc"
    is no British firm by its "Plc" alone; evidence that disagrees gives no code."""
    named = {country_of_text(w) for w in name.replace("-", " ").split() if w[:1].isupper()} - {None}
    return iso if not named or named == {iso} else None


def _group_evidence(name: str, home: str | None) -> tuple[str | None, str | None]:
    """A people named by nationality ("Greeks", "Americans") is that country's; a party's members
    ("Democrats", "Senate Republicans", "Social Democrats") the single-country dateline's."""
    last = name.split()[-1] if name.split() else ""
    iso = country_of_text(last) or (country_of_text(last[:-1]) if last.endswith("s") else None)
    if iso:
        return iso, "name"
    if home and last.lower() in word_set("lexicons/organizations.json", "party_members"):
        return home, "dateline"
    return None, None


def _person_evidence(ctx: DocContext, actor: Actor, org_country: dict[str, str | None], home: str | None) -> tuple[str | None, str]:
    if actor.affiliation and (normalize_name(actor.affiliation) in _international_bodies() or international_unit(actor.affiliation, _international_bodies())):
        return None, ""  # an international body's official serves no country here, whatever office they held before
    if actor.affiliation:
        iso = org_country.get(_key(actor.affiliation)) or known_country(actor.affiliation)
        if iso:
            return iso, "affiliation"
        iso = gazetteer().demonym(actor.affiliation)  # "Slovak Prime Minister Iveta Radicova"
        if iso:
            return iso, "story"
    iso = office_in_title(actor.title, org_country)
    if iso:
        return iso, "affiliation"
    iso = known_person_country(actor.name, *actor.aliases)
    if iso:
        return iso, "knowledge"
    national_titles = word_set("lexicons/titles.json", "national")
    if home and actor.title_before_name and actor.affiliation is None and ends_with_phrase(actor.title, national_titles):
        return (home, "dateline") if not _other_country_near(ctx, actor, home) else (None, "")
    return None, ""


def _other_country_near(ctx: DocContext, actor: Actor, home: str) -> bool:
    """Whether the sentence of the actor's first mention, or the one before, names a country
    other than the dateline's ("Equatorial Guinea stands out ... President Teodoro Obiang
    Nguema" in a US-datelined story): a bare national title there is that country's, not the
    dateline's, and a university there need not be the dateline's either."""
    return bool(_countries_near(ctx, actor) - {home})


def _countries_near(ctx: DocContext, actor: Actor) -> set[str]:
    """Countries of the places and nationalities named in the sentence of the actor's first
    mention and the one before."""
    if not actor.mentions:
        return set()
    first, end = ctx.sent_range(actor.mentions[0][0])  # Token.sent walks the sentence's tokens
    start = ctx.sent_range(first - 1)[0] if first > 0 else first
    return {iso for ent in ctx.doc[start:end].ents if ent.label_ in ("GPE", "NORP") and (iso := country_of_text(ent.text))}


def _names_other_country(ents: Iterable[Span], home: str) -> bool:
    """Whether a place or nationality among ``ents`` is of a country other than ``home``."""
    return any(ent.label_ in ("GPE", "NORP") and (iso := country_of_text(ent.text)) and iso != home for ent in ents)


# --- 1. the story's words ---------------------------------------------------------------


def _org_country_at(doc: Doc, s: int, e: int, entity_at: dict[int, EntityMention]) -> str | None:
    """Country from the words right before an organisation in its noun phrase.

    "Japan's Yomiuri Shimbun", "Seoul's Kookmin University", "Vladivostok-based
    Investstroitrest", "Russian gas export monopoly Gazprom", "Russia's
    second-largest bank VTB".
    """
    gaz = gazetteer()
    k = s - 1
    steps = 0
    limit = _noun_phrase_start(doc, s, e)
    while k >= limit and steps < 8:
        tok = doc[k]
        # "Vladivostok-based", "state-owned": a participle hyphenated to the word before it is part of the phrase.
        participle = tok.tag_ == "VBN" and k > 0 and doc[k - 1].text == "-"
        if k == s - 1 and tok.text == "," and limit < k and doc[k - 1].pos_ == "NOUN":
            # "Canada's No. 2 phone company, Telus Corp": the comma of the name's apposition to a
            # common noun ("Germany's Siemens, Alstom" is a list: Alstom is no German firm).
            k -= 1
            continue
        if not (tok.pos_ in _NP_POS or participle or tok.text in ("-", "'s", "’s") or tok.lower_ == "based" or coordinated_modifier(doc, k)):
            return None
        ent = entity_at.get(k)
        if ent is not None and ent.label in ("GPE", "LOC", "NORP", "ORG"):
            iso = country_of_text(ent.text)
            if iso is None and ent.label in ("GPE", "LOC"):
                place = gaz.lookup(ent.text)
                iso = place.country if place is not None else None
            if iso:
                return iso
            k = ent.start - 1
        else:
            iso = gaz.demonym(tok.text)
            if iso and k > 1 and doc[k - 1].text == "-" and is_nationality_word(doc[k - 2].text):
                return None  # "Anglo-Dutch", "Franco-Belgian": two countries, no one code
            if iso:
                return iso
            k -= 1
        steps += 1
    return None


_NAME_IN_PHRASE = ("appos", "compound", "nmod", "npadvmod")  # a name that is part of a larger noun phrase


def _noun_phrase_start(doc: Doc, s: int, e: int) -> int:
    """Where the organisation's noun phrase starts: its root's left edge, or that of the noun it
    is in apposition to or modifies ("Russia's second-largest bank, VTB", "Japan's Yomiuri
    Shimbun daily"). Words before it belong to another phrase: in "Volvo, a Swedish brand Ford
    bought", Ford is a clause's subject."""
    anchor = next((doc[i] for i in range(s, e) if not s <= doc[i].head.i < e), doc[e - 1])
    for _ in range(3):  # "Japan's Yomiuri Shimbun daily": the name modifies the phrase's head
        if anchor.dep_ not in _NAME_IN_PHRASE or anchor.head.i == anchor.i:
            break
        anchor = anchor.head
    return min(anchor.left_edge.i, s)


# --- 2. the name's leading words -------------------------------------------------------


def _leading_place_country(name: str) -> str | None:
    """A country, nationality or region named by the first one to three words of ``name``, or a
    country or a city of a million people after an "of" ("Bank of Japan", "Reserve Bank of
    Australia", "University of Chicago")."""
    words = name.replace("-", " ").replace("/", " ").split()  # "Bank of Tokyo/Mitsubishi UFJ"
    for n in (3, 2, 1):
        if len(words) > n:
            iso = country_of_text(" ".join(words[:n]), capitals=False) or _big_city_country(" ".join(words[:n]))
            if iso:
                return iso
    for i, word in enumerate(words[1:-1], 1):
        if word != "of":
            continue
        for n in (3, 2, 1):  # "Bank of New York Mellon", "University of Chicago's Booth School"
            after = " ".join(words[i + 1 : i + 1 + n])
            after = after[:-2] if after.endswith(("'s", "’s")) else after
            if len(words) > i + n:
                country = gazetteer().country_named(after)
                iso = country.country if country is not None else _big_city_country(after) or _us_state_country(after)
                if iso:
                    return iso
    return None


def _us_state_country(text: str) -> str | None:
    """USA for a US state ("University of Michigan")."""
    place = gazetteer().lookup(text)
    return "USA" if place is not None and place.kind == "region" and place.country == "USA" and place.name == text else None


def _big_city_country(text: str) -> str | None:
    """The country of a city of a million people or more ("Shanghai Securities", "New York
    Times"): firms named after a city that large are at home there; a smaller town's name is
    too often a surname or a word ("Paris" the town in Texas, "Reading", "Bath")."""
    place = gazetteer().lookup(text)
    if place is None or place.kind != "city" or place.population < 1_000_000:
        return None
    return None if _translated_name(text, place.name) else place.country


def _translated_name(text: str, own_name: str) -> bool:
    """Whether ``text`` is a city's alternate name of several words that are not its own name
    (accents aside): a translation or a nickname ("White House" is Casablanca's, "Big Apple" New
    York's), which names other things in English copy. One-word old names stay ("Bombay")."""
    fold = lambda t: unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower()  # noqa: E731
    return " " in text.strip() and fold(text) != fold(own_name)


# --- 3. the archive's knowledge ------------------------------------------------------

# Short acronyms name several bodies: the archive's evidence must be near unanimous for them
# (the first audit of 50 codes found one wrong, "VEB" at 0.92 Dutch).
ACRONYM_SHARE = 0.98


@lru_cache(maxsize=1)
def _known_countries() -> dict[str, str]:
    """Organisation key -> ISO3: the national bodies of ``gazetteer/organizations.json``, then the
    mined knowledge file (if it is there)."""
    path = model_path("gazetteer/org_countries.json")
    out = {_key(name): iso for name, iso in load_json("gazetteer/organizations.json")["national_bodies"].items()}
    if path.is_file():
        for name, entry in load_json("gazetteer/org_countries.json")["organizations"].items():
            if _short_acronym(name) and entry.get("share", 1.0) < ACRONYM_SHARE:
                continue  # "VEB" is a Russian state bank and a Dutch investors' club
            out.setdefault(entry.get("key") or _key(name), entry["country"])
    return out | _short_names(out)


def _short_names(known: dict[str, str]) -> dict[str, str]:
    """Known names without a trailing group word ("Jefferies" for "Jefferies Group", "Deutsche"
    for "Deutsche Bank": the way a story names them a second time), where every known name
    they shorten agrees on the country, no known name is already spelt so, and the short
    name is neither a place ("China" of "China Airlines") nor an institution word
    ("Standard" of "Standard Bank")."""
    group_words = word_set("lexicons/organizations.json", "short_name_drops")
    generic = word_set("lexicons/org_mining.json", "generic_words") | word_set("lexicons/organizations.json", "heads")
    generic |= word_set("lexicons/organizations.json", "short_name_stops")
    short: dict[str, set[str]] = defaultdict(set)
    for key, iso in known.items():
        words = key.split()
        if len(words) > 1 and words[-1] in group_words:
            short[" ".join(words[:-1])].add(iso)
    gaz = gazetteer()
    return {
        key: next(iter(isos))
        for key, isos in short.items()
        if len(isos) == 1 and key not in known and len(key) >= 4 and not set(key.split()) <= generic
        and not (gaz.lookup(key) or gaz.demonym(key) or gaz.country_named(key))
    }


def _short_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return letters.isupper() and len(letters) <= 4


def _unit_country(name: str) -> str | None:
    """The country a firm's national unit is named after, by the country's own name as the last
    word ("Deloitte Canada", "Goldman Sachs Japan"); a city, a region or a nationality there
    says nothing ("GM Europe", "New York Life")."""
    words = name.replace("-", " ").split()
    if len(words) < 2 or words[-2].lower() in ("of", "for", "in", "and", "&"):
        return None  # "Bank of Canada" is read as such; "Friends of Syria", "Aid for Africa" are no units
    country = gazetteer().country_named(words[-1])
    return country.country if country is not None else None


def known_country(*names: str) -> str | None:
    """The archive's consistent country for the first of ``names`` it knows."""
    known = _known_countries()
    for name in names:
        iso = next((known[k] for k in _spellings(name) if k in known), None)
        if iso:
            return iso
    return None


def initials_country(name: str, text: str) -> str | None:
    """The archive's country for a firm's initials when the story writes them too ("General
    Motors" and "GM", "Hewlett-Packard" and "HP"): the
    archive mostly names such firms by their initials. Initials the story never writes say
    nothing (another firm may share them)."""
    words = [w for w in _key(name).replace("-", " ").split() if w not in ("of", "and", "the", "&")]
    if len(words) < 2:
        return None
    initials = "".join(w[0] for w in words).upper()
    iso = known_country(initials)  # a dict lookup first: most initials are unknown, and a regex per name is the cost
    return iso if iso and re.search(rf"\b{re.escape(initials)}\b", text) else None


def _spellings(name: str) -> list[str]:
    """Keys of the name as the archive may write it: as it is; with its initials closed up and a
    trailing "& Co." dropped ("J.P. Morgan Chase & Co." is mostly "JPMorgan Chase"); with a
    possessive's lost apostrophe restored ("McDonalds Inc", "Walgreens": the archive's keys drop
    the "'s" of "McDonald's")."""
    key = _key(name)
    words = name.replace("& Co.", "").replace("& Co", "").split()
    if words and len(words[0]) > 2 and words[0].count(".") >= 2 and words[0].replace(".", "").isalpha():
        words[:2] = ["".join(words[0].split(".")) + (words[1] if len(words) > 1 else "")]
    out = [key, _key(" ".join(words))]
    last = key.split()[-1] if key else ""
    if last.endswith("s") and not last.endswith("ss") and len(last) >= 5 and "'" not in name and "’" not in name:
        out.append(key[:-1])
    return out


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """Words that name a unit after its parent's name: generic words, name connectors, domestic bodies."""
    return (
        word_set("lexicons/linking.json", "generic_words")
        | word_set("lexicons/linking.json", "name_connectors")
        | word_set("lexicons/organizations.json", "domestic_bodies")
    )


def parent_country(name: str) -> str | None:
    """The archive's country for a unit named after its known parent ("Lufthansa Cargo", "GE
    Energy", "Wachovia Capital Markets", "Daiwa Institute of Research"): the longest known
    beginning of the name, when every word after it is a generic word (the archive writes it
    mostly in lower case): "HSBC Bank Brasil" is no British unit, and neither is "Mitsubishi UFJ"."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        if words[n].lower() not in _unit_words():
            return None
        if n == 1 and words[0].lower() in _ordinary_first_words():
            return None  # "United Nations" is no unit of United Airlines, "Total Return Fund" none of Total
        iso = known_country(" ".join(words[:n]))
        if iso:
            return iso
    return None


@lru_cache(maxsize=1)
def _ordinary_first_words() -> frozenset[str]:
    """Words that begin many names without naming a firm: ordinary English words and the stops of short names."""
    return word_set("lexicons/linking.json", "generic_words") | word_set("lexicons/organizations.json", "short_name_stops")


@lru_cache(maxsize=1)
def _known_people() -> dict[str, str]:
    """Person name key -> ISO3 from the mined file of public figures (if it is there)."""
    path = model_path("gazetteer/person_countries.json")
    if not path.is_file():
        return {}
    return {normalize_name(name): entry["country"] for name, entry in load_json("gazetteer/person_countries.json")["people"].items()}


def known_person_country(*names: str) -> str | None:
    """The country of the office the archive consistently gives a person ("U.S. President
    Barack Obama" story after story); full names only, never a bare surname."""
    known = _known_people()
    for name in names:
        if len(name.split()) > 1 and normalize_name(name) in known:
            return known[normalize_name(name)]
    return None


# --- 5. the dateline ------------------------------------------------------------------


def _national_institution(ctx: DocContext, actor: Actor, story_countries: set[str], home: str | None) -> bool:
    """Whether a single-country dateline names the country of an office or institution: a
    national-institution word and no international one in its name, no owner before it ("The
    country's National Assembly": owned, the dateline is no guide). A name of one word is too
    bare unless a sovereign office's, in a story naming no other country."""
    lexicon = "lexicons/organizations.json"
    name = actor.name.lower().removeprefix("the ")
    words = f" {name} "
    if any(f" {w} " in words for w in word_set(lexicon, "international_markers")):
        return False
    if any(owned_mention(ctx.doc, s, e, _international_bodies()) for s, e in actor.mentions):
        return False
    if " " not in name:
        # Rule home_office (session 12): "... doubts about Italy's will ... The upper house Senate
        # approved" in a ROME story that names Greece elsewhere: the dateline's country named nearby, no other.
        return name in word_set(lexicon, "sovereign_offices") and (story_countries <= {home} or _countries_near(ctx, actor) == {home})
    if _names_elsewhere(actor.name, home):
        return False  # "Boston University School of Management" in a Toronto story
    if any(f" {w} " in words for w in word_set(lexicon, "national_institutions")):
        return True
    # A university or institute travels less with the dateline than a ministry: not where its
    # sentence or the one before names another country ("centered on U.S. institutional
    # investors," said Harvard University Professor Ken Froot, in a LONDON story).
    domestic = any(f" {w} " in words for w in word_set(lexicon, "domestic_bodies"))
    return domestic and home is not None and not _other_country_near(ctx, actor, home)


@lru_cache(maxsize=1)
def _body_end_words() -> frozenset[str]:
    """Last words that make a name a body's: legal suffixes and organisation heads."""
    lexicon = "lexicons/organizations.json"
    return word_set(lexicon, "name_suffixes") | word_set(lexicon, "heads")


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """Words of international bodies and national institutions, which other rules place."""
    lexicon = "lexicons/organizations.json"
    return word_set(lexicon, "international_markers") | word_set(lexicon, "national_institutions")


def _firm_named(actor: Actor, employers: frozenset[str]) -> bool:
    """Whether the organisation is plainly a body: a person's employer in the story, or a name of
    two words or more that ends in an organisation word ("Telsey Advisory Group"). A bare word
    or a person's name the tagger called an organisation ("Castro", "Klaus Masuch") is not."""
    words = actor.name.lower().split()
    return any(_key(n) in employers for n in (actor.name, *actor.aliases)) or (len(words) > 1 and words[-1] in _body_end_words())


def _home_firm(ctx: DocContext, actor: Actor, story_countries: set[str], home: str | None) -> bool:
    """Rule home_firm: an organisation no other evidence places, in a story whose dateline and
    every country, nationality and place it names lie in one country ("Telsey Advisory Group
    analyst Joseph Feldman" in a NEW YORK story naming only the U.S.), is at home there: such a
    story reports one country's affairs. Not for an international body or a foreign-sounding
    name, nor an owned phrase ("the Fed's Board of Governors")."""
    if home is None or story_countries != {home} or _names_elsewhere(actor.name, home):
        return False
    words = f" {actor.name.lower()} "
    # A national institution's word leaves it to that rule's own tests ("Governing Council" of the ECB's).
    if any(f" {w} " in words for w in _institution_words()):
        return False
    if any(owned_mention(ctx.doc, s, e, _international_bodies()) for s, e in actor.mentions):
        return False
    return not _names_other_country(ctx.doc.ents, home)


def _names_elsewhere(name: str, home: str | None) -> bool:
    """Whether a word of the name is a city of half a million people, a country, a nationality or
    a known firm of a country other than the dateline's ("Boston", "Daiwa"): a foreign name
    outweighs the dateline. Smaller towns are too often a name's other sense ("Dartmouth")."""
    gaz = gazetteer()
    for word in name.replace("-", " ").split():
        if not word[:1].isupper() or word.lower() in _unit_words():
            continue
        place = gaz.lookup(word)
        iso = country_of_text(word) or known_country(word) or (place.country if place is not None and place.population >= 500_000 else None)
        if iso and iso != home:
            return True
    return False


def _dateline_country(ctx: DocContext) -> str | None:
    """ISO3 of the dateline when all its places lie in one country ("WASHINGTON" -> USA)."""
    gaz = gazetteer()
    countries = set()
    for text, _, _ in dateline_parts(ctx):
        place = gaz.lookup(text)
        if place is None or not place.country:
            return None
        countries.add(place.country)
    if "CHN" in countries:
        countries -= _CHINESE_REGIONS  # "SHANGHAI/HONG KONG": the national bodies it names are China's
    return countries.pop() if len(countries) == 1 else None
