"""Named-entity mentions, cleaned of the errors the small model makes on wire copy.

The statistical NER of ``en_core_web_sm`` is good but not on wire text: it
tags datelines ("SEOUL/VLADIVOSTOK") and headings ("LOYAL PARTNER") as
organisations, splits "Australia National University" into a country and an
organisation, calls Vladivostok a person, a surname an organisation and a
pipeline ("Keystone XL") a person. :func:`entity_mentions` applies general
repairs, driven by the lexicons in ``models/`` (no story-specific rules):

* only prose counts: datelines, headings, credit lines and stock tickers are
  skipped (:class:`.context.DocContext`);
* spans are trimmed ("the", a possessive "'s" that is not part of the name as
  in "Moody's said", an "(SCO" tail, which becomes an alias);
* a leading nationality and common nouns are peeled off an organisation
  ("British bank Lloyds" -> "Lloyds", country GBR);
* adjacent pieces of one name are joined ("Export-Import Bank of" + "China");
* an organisation cut after "of" or "&" gets its front back ("Bank of" + "America Corp",
  "A.G. Edwards &" + "Sons Inc"): a fragment keyed alone joins other names' fragments;
* proper-noun runs ending in an organisation head the model missed become
  organisations ("Japan Petroleum Exploration Co", "Investstroitrest company");
* a name followed by a facility noun ("Seaway pipeline", "Cushing Terminal")
  is a facility everywhere in the story, never an actor;
* "Flanagan, Illinois" makes Flanagan a place in Illinois;
* a lone "person" that is a known place and nobody's name becomes a place;
  a lone "organisation" that is a person's surname becomes that person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, model_path, word_set
from .context import DocContext
from .name_cuts import join_cut_fronts, nationality_starts_name, split_glued_person, split_joined_bodies
from .name_repairs import drop_products, repair_names
from .spurious import mend_mentions
from .titles import is_honorific, is_plural_title, title_head

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_TRIM_LEFT = frozenset({"the", "The", "a", "an", "'s", "’s", "all", "All", "some", "Some", "many", "Many", "most", "Most", "both", "Both"})
_LOCATIVE_PREPS = frozenset({"in", "at", "from", "to", "into", "near", "off", "offshore", "outside", "across", "via"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_POSSESSED_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
# A Reuters instrument code glued to a name: "MER.N", "BTA.AX", "7203.T", "ITAU4.SAITU.N".
TICKER = re.compile(r"^[A-Z0-9][A-Za-z0-9&]*(?:\.[A-Z]{1,4})+$")


@dataclass
class EntityMention:
    start: int  # token offsets in the doc, end exclusive
    end: int
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    text: str
    aliases: list[str] = field(default_factory=list)  # other surface forms of this mention
    country: str | None = None  # ISO3 given by the words around the mention
    qualifier: str | None = None  # "Illinois" in "Flanagan, Illinois"
    ticker: str | None = None  # "MER.N" cut from "Merrill Lynch & Co Inc MER.N"

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    orgs = load_json("gazetteer/organizations.json")
    not_actors = frozenset(normalize_name(n) for n in orgs["not_actors"])
    known = set(orgs["abbreviations"]) | set(orgs["abbreviations"].values()) | set(orgs.get("part_of", {}).values())
    return (
        word_set("lexicons/organizations.json", "heads"),
        word_set("lexicons/organizations.json", "facility_heads"),
        not_actors,
        frozenset(normalize_name(n) for n in known),
        word_set("lexicons/organizations.json", "name_suffixes"),
    )


def entity_mentions(ctx: DocContext) -> list[EntityMention]:
    """Cleaned entity mentions in document order (prose only; the dateline is read by places)."""
    doc = ctx.doc
    org_heads, facility_heads, not_actors, known_orgs, suffixes = _lexicons()
    byline = {normalize_name(n) for n in ctx.byline}
    index_heads = word_set("lexicons/organizations.json", "index_heads")
    raw: list[EntityMention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or not ctx.is_prose(ent.start):
            continue
        m = _trimmed(ctx, ent)
        if (
            m is not None
            and normalize_name(m.text) not in byline
            and any(c.isupper() for c in m.text)  # "tax department": the model's lower-case guesses
            and not _shouted(m.text)
            and not _in_heading_run(doc, m)
            and not _after_heading(doc, m)
            and not _word_piece(doc, m)
            and not _lone_initial(doc, m)
            and not _inside_title(doc, m)
            and not _index_label(doc, m, index_heads)
            and not _defined_abbreviation(doc, m)
        ):
            raw.append(m)
    raw = split_joined_bodies(doc, _companies_ending_in_a_place(doc, drop_products(ctx, repair_names(ctx, raw))))
    mentions = join_cut_fronts(ctx, _merge_adjacent(doc, raw + _missed_organizations(ctx, raw, suffixes)))
    people = [EntityMention(*span, "PERSON", doc[span[0] : span[1]].text) for m in mentions if m.label == "ORG" for span in [split_glued_person(doc, m)] if span]
    mentions = sorted(mentions + people, key=lambda m: m.start) if people else mentions
    for m in mentions:
        if m.label == "ORG":
            _peel_organization(ctx, m)
    mentions = [m for m in mentions if normalize_name(m.text) not in not_actors]
    mentions = mend_mentions(ctx, mentions, known_orgs)  # round 12's spurious names (spurious.py)
    _cut_former(ctx, mentions)

    _fix_swapped_labels(doc, mentions, suffixes)
    full_names = [m for m in mentions if m.label == "PERSON" and m.end - m.start > 1]
    name_words = {doc[i].text for m in full_names for i in (m.start, m.end - 1)}
    facilities = {normalize_name(m.text) for m in mentions if _is_facility(doc, m, facility_heads)}
    for m in mentions:
        key = normalize_name(m.text)
        if key in facilities and m.label != "GPE":
            m.label = "FAC"
        elif m.label == "PERSON" and m.end - m.start > 1 and _employer_before_title(doc, m):
            m.label = "ORG"  # "Landsbanki Kepler analyst Denise Anderson": a name before a title and a person employs her
        elif m.label in ("PERSON", "ORG") and m.end - m.start == 1 and m.text not in name_words:
            m.label = _lone_name_label(doc, m, org_heads)
            if m.label == "ORG" and m.end < len(doc) and doc[m.end].lower_ == "administration":
                m.end, m.text = m.end + 1, doc[m.start : m.end + 1].text  # "the Clinton administration": a government, not "Clinton"
        elif m.label in ("ORG", "FAC", "GPE") and m.end - m.start == 1 and m.text in name_words:
            m.label = "PERSON"  # a surname the model took for an organisation: "Tillerson called on"
        elif m.label == "FAC" and key in known_orgs:
            m.label = "ORG"
        elif m.label in ("GPE", "LOC") and _company_named_like_a_town(doc, m):
            m.label = "ORG"
        _qualify_place(doc, m, mentions)
    return mentions


def _cut_former(ctx: DocContext, mentions: list[EntityMention]) -> None:
    """Rule former_qualifier: "Former Federal Reserve Chairman Alan Greenspan": the first word
    dates the office and names nothing; the organisation is the Federal Reserve (a name joined
    after the model's span, so this runs last)."""
    former = word_set("lexicons/organizations.json", "former_words")
    for m in mentions:
        if m.end - m.start > 1 and ctx.doc[m.start].lower_ in former:
            m.start, m.text = m.start + 1, ctx.span_text(m.start + 1, m.end)


def _fix_swapped_labels(doc: Doc, mentions: list[EntityMention], suffixes: frozenset[str]) -> None:
    """Relabel the model's swap in "Country Hedging Inc analyst Sterling Smith": a "person" whose
    last word is an organisation's ("Inc", "Institute") is an organisation, and a name right after
    a person title ("analyst Sterling Smith") is a person."""
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start > 1 and doc[m.end - 1].lower_ in suffixes:
            m.label = "ORG"
        elif m.label == "ORG" and m.end - m.start in (2, 3) and m.start > 0 and doc[m.end - 1].lower_ not in suffixes:
            before = doc[m.start - 1]
            single = title_head([before.text]) is not None and not is_plural_title(before.text)  # "analysts Wood Mackenzie" is a firm
            if before.is_lower and single and all(t.is_title for t in doc[m.start : m.end]):
                m.label = "PERSON"


def _defined_abbreviation(doc: Doc, m: EntityMention) -> bool:
    """"business process outsourcing (BPO)": an acronym defined for a common noun phrase names no entity."""
    if m.end - m.start != 1 or not m.text.isupper() or m.start < 2 or doc[m.start - 1].text != "(":
        return False
    before = doc[m.start - 2]
    return before.is_lower and before.pos_ in ("NOUN", "ADJ", "VERB")


def _shouted(text: str) -> bool:
    """All-caps words that are headings or bylines glued into the copy ("KIM CAUGHEY", "BILLIONS"), not acronyms."""
    letters = text.replace(".", "").replace("&", "")
    return letters.isupper() and (" " in text or len(letters) > 6)


_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})


def _capitals_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].is_upper and len(doc[i].text) > 1


def _neighbour(doc: Doc, i: int, step: int) -> int:
    """The next token in direction ``step``, past quotation marks ("'LIQUIDITY SUPPORT' EYED")."""
    i += step
    while 0 <= i < len(doc) and doc[i].text in _QUOTES:
        i += step
    return i


def _in_heading_run(doc: Doc, m: EntityMention) -> bool:
    """A subhead the archive ran into the paragraph ("BUY THE RUMOR, SELL THE NEWS?"): an all-capitals
    word next to another all-capitals word is a heading's, not an acronym naming an actor."""
    if not all(_capitals_word(doc, i) for i in range(m.start, m.end)):
        return False
    return _capitals_word(doc, _neighbour(doc, m.start, -1)) or _capitals_word(doc, _neighbour(doc, m.end - 1, 1))


def _after_heading(doc: Doc, m: EntityMention) -> bool:
    """A name that begins with the last all-capitals word of a subhead run into the paragraph:
    "INFLATION DATA IN FOCUS Looking ahead" gave "FOCUS Looking" (the heading's word and the
    sentence's first)."""
    return _capitals_word(doc, m.start) and not _capitals_word(doc, m.end - 1) and _capitals_word(doc, _neighbour(doc, m.start, -1))


_INITIAL = re.compile(r"^[A-Z]\.$")


def _lone_initial(doc: Doc, m: EntityMention) -> bool:
    """A capital initial alone or before a lower-case word: a species' abbreviated genus ("H.
    aculeatus", "H. bispinosus"), never an actor."""
    if not _INITIAL.match(doc[m.start].text):
        return False
    return m.end - m.start == 1 or doc[m.start + 1].text.islower()


def _inside_title(doc: Doc, m: EntityMention) -> bool:
    """One word the model took for an organisation in the middle of a title ("Chief Financial
    Officer Keith Sherin" gave "Financial"): the title lexicon knows the three words together."""
    if m.end - m.start != 1 or m.start == 0 or m.end >= len(doc):
        return False
    title = title_head([doc[m.start - 1].text, doc[m.start].text, doc[m.end].text])
    return title is not None and doc[m.start].lower_ in title.split()


def _index_label(doc: Doc, m: EntityMention, index_heads: frozenset[str]) -> bool:
    """A market index named after a firm ("the Dow Jones industrial average", "S&P 500"), or a
    legal form standing alone ("Plc", "NV"): no actor."""
    if m.label != "ORG":
        return False
    if m.end - m.start == 1 and doc[m.start].lower_ in word_set("lexicons/organizations.json", "legal_forms"):
        return True
    if _index_name(doc, m):
        return True
    k = m.end
    if k < len(doc) and doc[k].text in ("'s", "’s"):
        k += 1
    return k < len(doc) and (doc[k].like_num or doc[k].lower_ in index_heads)


def _index_name(doc: Doc, m: EntityMention) -> bool:
    """index_name: a span of two words or more that itself ends in an index word ("Hang Seng Index",
    "Shanghai Composite"): an index, no actor, unless it employs someone ("an analyst at City
    Index", "said Tom Lee of City Index": the broker). The archive's knowledge file holds indices
    too, so it cannot tell them apart."""
    if m.end - m.start < 2 or not doc[m.end - 1].is_title or doc[m.end - 1].lower_ not in word_set("lexicons/organizations.json", "index_name_ends"):
        return False
    return not (m.start > 0 and doc[m.start - 1].lower_ in ("at", "of", "from", "with"))


def _word_piece(doc: Doc, m: EntityMention) -> bool:
    """One capitalised word that is no name: a participle opening a sentence ("Bound by the
    conditions ...") or the first half of a hyphenated place ("Mid-Atlantic")."""
    if m.end - m.start != 1 or m.label not in ("ORG", "PERSON"):
        return False
    token = doc[m.start]
    hyphenated = m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].ent_type_ in ("GPE", "LOC", "NORP")
    return token.pos_ in ("VERB", "AUX", "ADP") or hyphenated


def _lone_name_label(doc: Doc, m: EntityMention, org_heads: frozenset[str]) -> str:
    """What a one-word PERSON or ORG with no full name in the story really is.

    News copy introduces people by full name, so a lone "person" is usually
    something else: a known place (Vladivostok), a place after "in"/"offshore"
    (Sabah), an organisation ("Sinopec group", "Petronas will build"). It stays
    a person after a title or honorific, or as the one who speaks.
    """
    head = doc[m.start]
    if m.label == "ORG" and (_employer_before_title(doc, m) or _employer_after_title(doc, m)):
        return "ORG"  # "Hitachi President Kazuo Furukawa", "president of Toyota": a city's name, but here the employer
    place = gazetteer().lookup(m.text)
    locative = head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS
    if m.label == "ORG" and not locative and _company_named_like_a_town(doc, m):
        return "ORG"  # "Toyota said": the archive's Toyota is the carmaker, not the town
    if place is not None and (locative or place.kind == "country" or place.population >= 100_000 or place.geonameid is None):
        return "GPE"
    if locative and m.label == "PERSON":
        return "GPE"
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.text[:1].isupper() and (title_head([before.text]) is not None or is_honorific(before.text)):
        return "PERSON"  # "President Obama", "Mr. Sapiro"
    if m.label == "ORG":
        return "ORG"
    if head.dep_ == "nsubj" and head.head.lemma_ in ("say", "tell", "add", "argue", "write", "warn"):
        return "PERSON"
    if m.end < len(doc) and doc[m.end].lower_ in org_heads:
        return "ORG"  # "Sinopec group"
    return "ORG"


def _employer_before_title(doc: Doc, m: EntityMention) -> bool:
    """An organisation right before a title and a person's name ("GM executive Jim Taylor")."""
    k = m.end
    while k < len(doc) and k - m.end < 4 and doc[k].ent_type_ != "PERSON" and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
        k += 1
    return k > m.end and k < len(doc) and doc[k].ent_type_ == "PERSON" and title_head([t.text for t in doc[m.end : k]]) is not None


def _employer_after_title(doc: Doc, m: EntityMention) -> bool:
    """An organisation after a title and "of", "at", "with" or "for" ("president of Toyota")."""
    if m.start < 2 or doc[m.start - 1].lower_ not in ("of", "at", "with", "for"):
        return False
    return title_head([doc[m.start - 2].text]) is not None


# How often the archive must name a company for its bare name to beat a town of that name
# (Toyota 40, Carrefour 59, Santander 212; the Suez canal town's 7 and Coventry's 3 stay places).
MIN_EVIDENCE_OVER_TOWN = 9


@lru_cache(maxsize=1)
def _archive_companies() -> frozenset[str]:
    """Names the mined organisation file (``gazetteer/org_countries.json``) holds on strong evidence."""
    path = model_path("gazetteer/org_countries.json")
    if not path.is_file():
        return frozenset()
    orgs = load_json("gazetteer/org_countries.json")["organizations"]
    return frozenset(name for name, entry in orgs.items() if entry.get("evidence", 0) >= MIN_EVIDENCE_OVER_TOWN)


def _company_named_like_a_town(doc: Doc, m: EntityMention) -> bool:
    """A place label on a company the archive knows well and that shares its name with a town
    ("Toyota said", "Carrefour's sales"); "the Delta" stays a place."""
    if m.text not in _archive_companies() or gazetteer().country_named(m.text) is not None:
        return False
    return not (m.start > 0 and doc[m.start - 1].lower_ == "the")


def _trailing_preposition(tok: Token, label: str) -> bool:
    """A lower-case preposition the model ran a place name over ("Perth via Singapore" tagged
    "Perth via"). "of" stays: "the Bank of" + "England" is one name split in two, merged later."""
    return label in ("GPE", "LOC", "FAC") and tok.is_lower and tok.pos_ in ("ADP", "SCONJ") and tok.lower_ != "of"


def _trimmed(ctx: DocContext, ent: Span) -> EntityMention | None:
    doc = ctx.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].text in _TRIM_LEFT or doc[start].is_punct):
        start += 1
    if start + 2 < end and doc[start].lower_ == "ex" and doc[start + 1].text == "-":
        start += 2  # "ex-Citi"
    aliases: list[str] = []
    for i in range(start, end) if "(" in ctx.text[ent.start_char : ent.end_char] else ():
        if doc[i].text == "(":
            # "Shanghai Cooperation Organization (SCO": the bracketed abbreviation is an alias.
            abbrev = ctx.span_text(i + 1, end).strip()
            if abbrev.isupper() and 1 < len(abbrev) <= 8:
                aliases.append(abbrev)
            end = i
            break
    bracketed_ticker = None
    if end < len(doc) and doc[end].text == "(" and end + 2 < len(doc) and doc[end + 2].text == ")":
        abbrev = doc[end + 1].text
        if abbrev.isupper() and 1 < len(abbrev) <= 8 and "." not in abbrev:
            aliases.append(abbrev)
        elif TICKER.match(abbrev) and ent.label_ in ("ORG", "PERSON"):
            bracketed_ticker = abbrev  # "Novavax Inc ( NVAX.O )"
    # A span the model ran over a heading ("DRUG RESISTANCE Roche") keeps only its prose.
    while start < end and not ctx.is_prose(start):
        start += 1
    ticker = None
    while end > start and (not ctx.is_prose(end - 1) or (end - start > 1 and TICKER.match(doc[end - 1].text))):
        ticker = doc[end - 1].text if TICKER.match(doc[end - 1].text) else ticker
        end -= 1
    if ticker is None and end < len(doc) and TICKER.match(doc[end].text) and ent.label_ in ("ORG", "PERSON"):
        ticker = doc[end].text  # "Bear Stearns Cos Inc BSC.N": the model left the code out
    ticker = ticker or bracketed_ticker
    while end > start and (doc[end - 1].is_punct or _trailing_preposition(doc[end - 1], ent.label_)):
        end -= 1
    if end > start and doc[end - 1].text in _POSSESSIVE:
        k = end
        while k < len(doc) and not ctx.is_prose(k):
            k += 1  # look past a stock ticker: "TransCanada Corp's ( TRP.TO ) Keystone XL"
        after = doc[k] if k < len(doc) else None
        # "China's" (a possessive) loses its "'s"; "Moody's said" keeps it: it is the name.
        if after is None or after.pos_ in _POSSESSED_POS or ent.label_ != "ORG":
            end -= 1
    if end <= start:
        return None
    return EntityMention(start, end, ent.label_, ctx.span_text(start, end), aliases, ticker=ticker)


def _is_facility(doc: Doc, m: EntityMention, facility_heads: frozenset[str]) -> bool:
    """A pipeline, terminal, field or project name: followed by, or ending in, a facility noun."""
    if m.label in ("PERSON", "ORG", "FAC") and doc[m.end - 1].lower_ in facility_heads:
        return True
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and nxt.lower_ in facility_heads and nxt.pos_ == "NOUN" and m.label in ("PERSON", "ORG", "FAC")


def is_group(doc: Doc, m: EntityMention) -> bool:
    """A NORP that names a group of people ("Democrats said"), not an adjective ("Republican senator")."""
    head = doc[m.end - 1]
    return head.tag_ in ("NNPS", "NNS") and head.dep_ not in ("amod", "compound") and not gazetteer().is_demonym(m.text)


def _qualify_place(doc: Doc, m: EntityMention, mentions: list[EntityMention]) -> None:
    """"Flanagan, Illinois": a name followed by a state or country is a place there. Without the
    comma only a place followed by a state or province ("in Holland Pennsylvania": not the
    Netherlands), since two names side by side are otherwise a list or one name."""
    if m.label not in ("ORG", "PERSON", "GPE", "FAC") or m.end >= len(doc):
        return
    comma = doc[m.end].text == ","
    if not comma and m.label != "GPE":
        return
    nxt_i = m.end + 1 if comma else m.end
    for other in mentions:
        if other.start == nxt_i and other.label == "GPE":
            if other.end < len(doc) and doc[other.end].text in _POSSESSIVE:
                return  # "Jean-Claude Juncker, Luxembourg's prime minister": an apposition, not a qualifier
            place = gazetteer().lookup(other.text)
            kinds = ("country", "region") if comma else ("region",)
            if place is not None and place.kind == "country" and gazetteer().country_named(m.text) is not None:
                return  # "Chile, Peru and Bolivia": a list of countries, not Chile in Peru
            if place is not None and place.kind in kinds and place.country:
                if m.label != "GPE" and gazetteer().lookup(m.text) is None and not m.text.isupper():
                    m.label = "GPE"
                if m.label == "GPE":
                    m.qualifier = other.text
                    m.country = place.country
            return


def _companies_ending_in_a_place(doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """A capitalised proper noun, alone or a one-word organisation, right before a one-word place
    is one company's name when the archive knows it, or when the story repeats the pair and names
    its first word as an organisation elsewhere ("CITIC Pacific" beside "CITIC Group", "Cathay
    Pacific": the model reads "Pacific" as the ocean and leaves "CITIC" out; not "Northeast Asia")."""
    known = _archive_companies()
    story = ""  # the story's text, built only when a pair needs counting (Doc.text joins every token)
    owner = {i: m for m in mentions for i in range(m.start, m.end)}
    org_words = {doc[i].text for m in mentions if m.label == "ORG" for i in range(m.start, m.end)}
    dropped: set[int] = set()
    joined: list[EntityMention] = []
    for m in mentions:
        if m.label not in ("LOC", "GPE") or m.end - m.start != 1 or m.start == 0:
            continue
        before = doc[m.start - 1]
        prev = owner.get(before.i)
        if prev is not None and (prev.label != "ORG" or prev.end - prev.start != 1):
            continue
        if before.pos_ != "PROPN" or not before.text[:1].isupper():
            continue
        text = doc[before.i : m.end].text
        if text not in known:
            if before.text not in org_words or gazetteer().lookup(text) is not None:
                continue  # "Northeast Asia", "San Francisco": no organisation's word, or a place's own name
            story = story or doc.text
            if story.count(text) < 2:
                continue
        dropped.update({id(m), id(prev)})
        joined.append(EntityMention(before.i, m.end, "ORG", text, []))
    if not joined:
        return mentions
    return sorted([m for m in mentions if id(m) not in dropped] + joined, key=lambda m: m.start)


def _merge_adjacent(doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """Join pieces of one name the model split.

    "Australia" + "National University" -> "Australia National University";
    "the United Nations" + "Security Council" -> "United Nations Security Council";
    "Export-Import Bank of" + "China" -> "Export-Import Bank of China";
    "Bernard L. Madoff Investment" + "Securities LLC" -> one firm (a legal form ends it).
    A possessive ("Japan's Yomiuri Shimbun") or any gap keeps them apart.
    """
    org_heads = _lexicons()[0]
    legal_forms = word_set("lexicons/organizations.json", "legal_forms")
    out: list[EntityMention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue  # overlaps a mention already kept
        if out:
            prev = out[-1]
            joins = prev.end == m.start and not doc[prev.end - 1].text.endswith(("'s", "’s"))
            continues_name = (
                m.label == "ORG"
                and prev.label in ("GPE", "ORG", "NORP")
                and doc[m.start].text[:1].isupper()
                and doc[m.end - 1].lower_ in org_heads
            )
            ends_with_of = prev.label == "ORG" and doc[prev.end - 1].lower_ in ("of", "for") and m.label in ("GPE", "ORG", "LOC")
            # "Bernard L. Madoff Investment" (a "person") + "Securities LLC": a firm named after its founder
            founder_firm = prev.label == "PERSON" and m.label == "ORG" and doc[m.end - 1].lower_ in legal_forms and doc[m.start].text[:1].isupper()
            if joins and (continues_name or ends_with_of or founder_firm):
                out[-1] = EntityMention(prev.start, m.end, "ORG", doc[prev.start : m.end].text, prev.aliases + m.aliases)
                continue
            if joins and _place_body_head(doc, prev, m, org_heads, mentions):
                out[-1] = EntityMention(prev.start, m.end + 1, "ORG", doc[prev.start : m.end + 1].text, prev.aliases)
                continue
        out.append(m)
    return out


def _place_body_head(doc: Doc, prev: EntityMention, m: EntityMention, org_heads: frozenset[str], mentions: list[EntityMention]) -> bool:
    """A place, a body and a capitalised head no mention covers: "the Kansas City" + "Federal
    Reserve" + "Bank" is one bank (the recogniser had left "Kansas City" an organisation of its
    own and the regional bank the Federal Reserve)."""
    if prev.label not in ("GPE", "ORG") or m.label != "ORG" or m.end >= len(doc) or gazetteer().lookup(prev.text) is None:
        return False
    head = doc[m.end]
    covered = any(o.start <= m.end < o.end for o in mentions)
    return not covered and head.pos_ == "PROPN" and head.text[:1].isupper() and head.lower_ in org_heads


def _missed_organizations(ctx: DocContext, mentions: list[EntityMention], suffixes: frozenset[str]) -> list[EntityMention]:
    """Organisations the model missed: proper nouns ending in, or followed by, an organisation head.

    "Japan Petroleum Exploration Co" (capitalised head: part of the name),
    "Vladivostok-based Investstroitrest company" (lower-case head: an alias).
    """
    doc = ctx.doc
    covered: dict[int, EntityMention] = {i: m for m in mentions for i in range(m.start, m.end)}
    common = word_set("lexicons/organizations.json", "common_nouns_for_actors")
    found: list[EntityMention] = []
    for i in ctx.indices_of(suffixes | common):
        tok = doc[i]
        low = tok.lower_
        if i == 0 or not ctx.is_prose(i):
            continue
        existing = covered.get(tok.i)
        if existing is not None and existing.label == "ORG":
            continue
        capital_head = tok.text[:1].isupper() and tok.pos_ == "PROPN" and low in suffixes
        if not capital_head and (low not in common or not tok.is_lower):
            continue
        end = tok.i + 1 if capital_head else tok.i
        start = tok.i if capital_head else tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and ctx.is_prose(start - 1):
            prev = covered.get(start - 1)
            if prev is not None and prev.label in ("PERSON", "ORG"):
                break
            start -= 1
        if capital_head and start == tok.i:
            continue  # a head noun alone ("Group") is not a name
        if start >= end:
            continue
        text = doc[start:end].text
        if gazetteer().lookup(text) is not None or gazetteer().is_demonym(text):
            continue
        aliases = [] if capital_head else [doc[start : tok.i + 1].text]
        found.append(EntityMention(start, end, "ORG", text, aliases))
    return found


def is_nationality_word(word: str) -> bool:
    """A nationality adjective or the first half of a compound one ("Dutch", "Anglo" in "Anglo-Dutch")."""
    return gazetteer().is_demonym(word) or word.lower() in word_set("lexicons/organizations.json", "compound_nationality_prefixes")


def _peel_organization(ctx: DocContext, m: EntityMention) -> None:
    """"British bank Lloyds" -> "Lloyds" (country GBR), keeping the full form as an alias."""
    doc = ctx.doc
    gaz = gazetteer()
    start = m.start
    country = None
    while start < m.end - 1:
        tok = doc[start]
        iso = gaz.demonym(tok.text)
        if iso or (tok.is_lower and tok.pos_ in ("NOUN", "ADJ")):
            country = country or iso
            start += 1
            continue
        if start + 2 < m.end - 1 and doc[start + 1].text == "-" and is_nationality_word(tok.text) and is_nationality_word(doc[start + 2].text):
            start += 3  # "Anglo-Dutch Unilever": two nationalities, no one country
            continue
        break
    if start == m.start + 1 and country and nationality_starts_name(ctx, m.start, m.end):
        m.country = m.country or country  # "British Airways": its own nationality word
        return
    if start > m.start and doc[start].text[:1].isupper():
        m.aliases.append(m.text)
        m.start = start
        m.text = doc[start : m.end].text
        m.country = m.country or country
