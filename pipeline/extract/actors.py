"""Actors: the people, organisations and countries of a story, one row each.

How it works:

* Mentions come from the cleaned NER spans (:mod:`.entities`) plus
  organisations the model missed ("Investstroitrest company": a proper noun
  before an organisation head noun from ``models/lexicons/organizations.json``).
* Mentions are clustered: a lone surname or given name joins the nearest
  earlier full name that has it ("Kim" -> "Kim Jong Un"); an abbreviation joins
  its full form ("U.N." -> "United Nations"); an organisation named by the tail
  of a longer one joins it ("Security Council"); a capital or metonym that
  acts, rather than being a place something happens in, joins its country
  ("Pyongyang has been playing off Beijing and Moscow").
* Titles come from the words before a name ("U.S. Secretary of State Rex
  Tillerson") and from an appositive after it ("Leonid Petrov, a North Korea
  expert at Australia National University"), matched against the title lexicon
  ``models/lexicons/titles.json``; nationality adjectives and countries in those
  words give the ISO3 country, an organisation gives the affiliation.
* An organisation's country comes from a possessive ("Japan's Yomiuri
  Shimbun"), a modifier ("Vladivostok-based", "China's state-owned"), a place
  attached to it ("BK Asset Management in New York"), or a place inside its
  name. National offices and institutions named without a country ("President
  Barack Obama", "the Senate") take the country of a single-country dateline,
  as wire style intends (lexicons ``national`` and ``national_institutions``).
"""

from __future__ import annotations

import itertools

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, word_set
from .context import TIME_ENTITIES, DocContext
from .actor_countries import assign_countries, country_of_text, known_country
from .affiliations import Affiliation, find_affiliations
from .entities import EntityMention, is_group
from .titles import expertise_fields, is_expertise, title_head, title_lexicon

_TITLE_STOP = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "—", "–", "said", "says", "told"})
_APPOS_PREPS = frozenset({"at", "of", "with", "from", "for", "in"})
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "to", "from", "into", "near", "across", "through", "via", "toward", "towards", "around", "inside", "outside", "between", "off", "onto", "within", "out"}
)
_LOCATIVE_VERBS = frozenset({"visit", "travel", "arrive", "reach", "leave", "fly", "return", "enter", "tour", "live", "move", "base", "head", "ship", "sail"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "compound", "dobj", "conj", "appos", "agent", "pobj", "npadvmod", "attr", "ROOT"})


@dataclass
class Actor:
    name: str
    kind: str  # person, organization, country, group
    first: tuple[int, int]  # token span of the first mention
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    affiliation: str | None = None
    country: str | None = None
    country_source: str | None = None  # story, name, knowledge, legal_form, dateline, affiliation
    affiliation_rule: str | None = None
    employer_description: str | None = None  # "stockbroker" in "an analyst at stockbroker Jefferies"
    ticker: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    actor_id: str = ""
    title_before_name: bool = False  # "President Barack Obama" rather than "Barack Obama, the president"

    def add_mention(self, start: int, end: int, surface: str) -> None:
        self.mentions.append((start, end))
        if surface != self.name and surface not in self.aliases and normalize_name(surface) != normalize_name(self.name):
            self.aliases.append(surface)


@dataclass
class ActorIndex:
    """Who is mentioned where: token spans of every actor mention, for later extractors."""

    actors: list[Actor]
    by_token: dict[int, str]  # token index -> actor_id

    def actor_at(self, i: int) -> str | None:
        return self.by_token.get(i)

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.actor_id == actor_id:
                return a
        return None

    def persons_before(self, i: int) -> list[tuple[int, Actor]]:
        """Person mentions that end before token ``i``, nearest first: (token, actor)."""
        out = []
        for a in self.actors:
            if a.kind != "person":
                continue
            for s, e in a.mentions:
                if e <= i:
                    out.append((s, a))
        out.sort(key=lambda x: -x[0])
        return out


# --- the extractor ---------------------------------------------------------------


def extract_actors(ctx: DocContext, mentions: list[EntityMention]) -> tuple[list[dict], ActorIndex]:
    """Actor rows (clean-text offsets) and the index of their mentions."""
    doc = ctx.doc
    gaz = gazetteer()
    orgs = load_json("gazetteer/organizations.json")
    abbreviations: dict[str, str] = orgs["abbreviations"]
    part_of: dict[str, str] = orgs.get("part_of", {})

    entity_at: dict[int, EntityMention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            entity_at[i] = m

    actors: list[Actor] = []
    by_key: dict[tuple[str, str], Actor] = {}  # (kind, normalized name or alias) -> actor
    countries: dict[str, Actor] = {}
    consumed: set[int] = set()  # tokens used up as title words of a person
    person_info: dict[int, PersonWords] = {}
    title_before: set[int] = set()  # person mentions whose title stands before the name

    # Titles first: the words they use ("State" in "Secretary of State") are not actors.
    patterned = find_affiliations(doc, mentions)
    for m in mentions:
        if m.label == "PERSON":
            title, country, affiliation_m, used = _premodifier_title(ctx, m, entity_at)
            consumed.update(used)
            a_title, a_country, a_aff = _appositive(doc, m, entity_at)
            person_info[m.start] = _person_words(doc, title or a_title, country or a_country, affiliation_m, a_aff, patterned.get(m.start))
            if title:
                title_before.add(m.start)

    # An employer the recogniser took for a person ("an analyst at stockbroker Collins Stewart"),
    employer_tokens = {i for words in person_info.values() if words.employer is not None for i in range(words.employer.start, words.employer.end)}
    # ... or one the archive knows as an organisation ("Collins Stewart", "Raymond James").
    for m in mentions:
        if m.label == "PERSON" and ((m.start in employer_tokens and m.end - 1 in employer_tokens) or (" " in m.text and known_country(m.text))):
            m.label = "ORG"

    def register(actor: Actor, *keys: str) -> None:
        for key in keys:
            by_key.setdefault((actor.kind, org_key(key)), actor)

    deferred_countries: list[tuple[EntityMention, str]] = []
    employers: list[EntityMention] = []  # affiliations read from the words around a person
    for m in mentions:
        if m.label == "PERSON":
            name = _strip_honorific(m.text)
            org = _org_by_short_name(actors, org_key(name))
            if org is not None:  # "Chongqing Changan" after "Chongqing Changan Automobile Co"
                org.add_mention(m.start, m.end, m.text)
                continue
            actor = _find_person(actors, name, m.start)
            if actor is None:
                actor = Actor(name, "person", (m.start, m.end))
                actors.append(actor)
            elif len(name.split()) > len(actor.name.split()) and actor.name in name.split():
                # A later full name upgrades an earlier surname-only actor.
                actor.aliases.append(actor.name)
                actor.name = name
            actor.add_mention(m.start, m.end, name)
            words = person_info.get(m.start, PersonWords())
            title, country, aff_m = words.title, words.country, words.employer
            if actor.title is None and title:
                actor.title = title
                actor.title_before_name = m.start in title_before
            actor.country = actor.country or country
            if aff_m is not None and actor.affiliation is None:
                actor.affiliation = _org_name(aff_m.text, abbreviations)
                actor.affiliation_rule, actor.employer_description = words.rule, words.description
                employers.append(aff_m)
        elif m.label == "ORG":
            if set(range(m.start, m.end)) <= consumed:
                continue
            name = _org_name(m.text, abbreviations)
            key = org_key(name)
            actor = by_key.get(("organization", key)) or by_key.get(("organization", org_key(m.text)))
            if actor is None and m.text in part_of:
                actor = by_key.get(("organization", normalize_name(part_of[m.text])))
            if actor is None:
                actor = _org_by_tail(actors, key) or _org_by_short_name(actors, key)
            if actor is None:
                actor = Actor(name, "organization", (m.start, m.end))
                actors.append(actor)
            elif len(name) > len(actor.name) and org_key(name) == org_key(actor.name):
                actor.aliases.append(actor.name)  # "Enbridge" seen first, now "Enbridge Inc"
                actor.name = name
            actor.add_mention(m.start, m.end, m.text)
            register(actor, name, m.text)
            for alias in [*m.aliases, *_owner_aliases(doc, m, entity_at)]:  # "Investstroitrest company"
                if alias not in actor.aliases and alias != actor.name:
                    actor.aliases.append(alias)
            actor.country = actor.country or m.country
            actor.ticker = actor.ticker or m.ticker
        elif m.label in ("GPE", "LOC", "FAC"):
            place = gaz.country_named(m.text)
            iso3 = place.country if place is not None else None
            if iso3 is None:
                gov = gaz.government_of(m.text)
                if gov is not None and _acts(doc, m, entity_at):
                    iso3 = gov
            if iso3 is None:
                continue
            # A country that is only ever where things happen ("in Russia") is a place, not an
            # actor: its located mentions join the actor only if some other mention acts.
            if set(range(m.start, m.end)) <= consumed or not _acts(doc, m, entity_at):
                deferred_countries.append((m, iso3))
                continue
            actor = countries.get(iso3)
            if actor is None:
                country = gaz.country(iso3)
                actor = Actor(country.name if country else m.text, "country", (m.start, m.end), country=iso3)
                countries[iso3] = actor
                actors.append(actor)
            actor.add_mention(m.start, m.end, m.text)
        elif m.label == "NORP" and is_group(doc, m):
            actor = by_key.get(("group", org_key(m.text)))
            if actor is None:
                actor = Actor(m.text, "group", (m.start, m.end))
                actors.append(actor)
                register(actor, m.text)
            actor.add_mention(m.start, m.end, m.text)

    for m, iso3 in deferred_countries:
        if iso3 in countries:
            countries[iso3].add_mention(m.start, m.end, m.text)

    actors = _merge_short_names(actors + _employers_without_rows(doc, employers, actors))
    for actor in actors:
        if actor.country and actor.country_source is None:
            actor.country_source = "story"  # a title's nationality, a peeled "British bank", a country's own code
    org_country = {org_key(name): a.country for a in actors if a.kind == "organization" for name in (a.name, *a.aliases)}
    assign_countries(ctx, actors, entity_at, org_country)

    actors.sort(key=lambda a: a.first[0])
    by_token: dict[int, str] = {}
    rows = []
    for n, actor in enumerate(actors, start=1):
        actor.actor_id = f"A{n}"
        actor.mentions.sort()
        for s, e in actor.mentions:
            for i in range(s, e):
                by_token[i] = actor.actor_id
        s, e = actor.mentions[0] if actor.mentions else actor.first
        span = doc[s:e]
        rows.append(
            {
                "actor_id": actor.actor_id,
                "name": actor.name,
                "kind": actor.kind,
                "aliases": actor.aliases,
                "title": actor.title,
                "affiliation": actor.affiliation,
                "country": actor.country,
                "country_source": actor.country_source if actor.country else None,
                "affiliation_rule": actor.affiliation_rule if actor.affiliation else None,
                "affiliation_description": actor.employer_description if actor.affiliation else None,
                "ticker": actor.ticker,
                "mentions": len(actor.mentions),
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
            }
        )
    return rows, ActorIndex(actors, by_token)


@dataclass(frozen=True)
class PersonWords:
    """What the words around one person mention say: title, country, employer and the rule that read it."""

    title: str | None = None
    country: str | None = None
    employer: EntityMention | None = None
    rule: str | None = None
    description: str | None = None  # "consultancy" in "at London-based consultancy Foo Risk"


def _person_words(
    doc: Doc, title: str | None, country: str | None, premodifier: EntityMention | None, appositive: EntityMention | None, patterned: Affiliation | None
) -> PersonWords:
    """The employer a pattern of ``models/patterns/affiliations.json`` reads comes first; the
    title and appositive readers decide what no pattern matched."""
    if patterned is not None:
        employer = EntityMention(patterned.start, patterned.end, "ORG", doc[patterned.start : patterned.end].text)
        return PersonWords(title, country, employer, patterned.rule, patterned.description)
    if premodifier is not None:
        return PersonWords(title, country, premodifier, "premodifier")
    if appositive is not None:
        return PersonWords(title, country, appositive, "appositive")
    return PersonWords(title, country)


# --- clustering helpers ------------------------------------------------------------


def _strip_honorific(name: str) -> str:
    honorifics = title_lexicon()[2]
    words = name.split()
    while len(words) > 1 and words[0].lower() in honorifics:
        words = words[1:]
    return " ".join(words)


def _find_person(actors: list[Actor], name: str, at: int) -> Actor | None:
    """The person this name refers to: the same name, or for one word the nearest earlier full name having it."""
    key = normalize_name(name)
    words = name.split()
    best: tuple[int, Actor] | None = None
    for actor in actors:
        if actor.kind != "person":
            continue
        if normalize_name(actor.name) == key or key in (normalize_name(a) for a in actor.aliases):
            return actor
        if len(words) == 1:
            actor_words = actor.name.split()
            if len(actor_words) > 1 and (words[0] == actor_words[0] or words[0] == actor_words[-1]):
                last = max((s for s, _ in actor.mentions if s < at), default=-1)
                if last >= 0 and (best is None or last > best[0]):
                    best = (last, actor)
        elif len(actor.name.split()) == 1 and actor.name in words:
            return actor  # "Kim" seen first, now "Kim Jong Un"
    return best[1] if best else None


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return word_set("lexicons/organizations.json", "legal_forms")


@lru_cache(maxsize=1 << 14)
def org_key(name: str) -> str:
    """Clustering key of an organisation name: normalised, without a legal form ("Enbridge Inc" -> "enbridge")."""
    words = normalize_name(name).split()
    while len(words) > 1 and words[-1] in _legal_forms():
        words.pop()
    return " ".join(words)


def _org_name(text: str, abbreviations: dict[str, str]) -> str:
    return abbreviations.get(text, text)


def _org_by_tail(actors: list[Actor], key: str) -> Actor | None:
    """An organisation whose longer name ends with this one ("Security Council")."""
    if len(key.split()) < 2:
        return None
    for actor in actors:
        if actor.kind == "organization":
            full = normalize_name(actor.name)
            if full != key and full.endswith(" " + key):
                return actor
    return None


def _org_by_short_name(actors: list[Actor], key: str) -> Actor | None:
    """An organisation whose full name is this one plus filler words ("Mazda" is "Mazda Motor Corp")."""
    fillers = word_set("lexicons/organizations.json", "name_fillers") | _legal_forms()
    words = key.split()
    if len(key) < 3:
        return None
    for actor in actors:
        if actor.kind != "organization":
            continue
        full = org_key(actor.name).split()
        if len(full) > len(words) and full[: len(words)] == words and all(w in fillers for w in full[len(words) :]):
            return actor
    return None


def _employers_without_rows(doc: Doc, employers: list[EntityMention], actors: list[Actor]) -> list[Actor]:
    """Organisation actors for employers named only in a person's description ("an analyst at
    stockbroker Jefferies"): the proper name without the description words before it."""
    known = {org_key(n) for a in actors if a.kind == "organization" for n in (a.name, *a.aliases)}
    out: list[Actor] = []
    for m in employers:
        start = next((k for k in range(m.start, m.end) if not doc[k].is_lower), m.end)
        if start >= m.end:
            continue
        name = doc[start : m.end].text
        if org_key(name) in known or org_key(m.text) in known or gazetteer().country_named(name):
            continue
        known.add(org_key(name))
        actor = Actor(name, "organization", (start, m.end))
        actor.add_mention(start, m.end, name)
        out.append(actor)
    return out


_INITIALS_SKIP = frozenset({"&", "and", "of", "the", "for", "de", "du"})


def _initials(name: str) -> set[str]:
    """Acronyms a name may go by: "Bank of Japan" -> {"bj", "boj"}, "Hewlett-Packard" -> {"hp"}."""
    out = set()
    for hyphens in (True, False):
        words = [w for w in (name.replace("-", " ") if hyphens else name).split() if w.lower() not in _legal_forms()]
        out.add("".join(w[0] for w in words if w.lower() not in _INITIALS_SKIP and w[0].isalpha()).lower())
        out.add("".join(w[0] for w in words if w != "&" and w[0].isalpha()).lower())
    return {i for i in out if len(i) >= 2}


def _short_form_of(short: Actor, full: Actor) -> bool:
    """Whether a one-word organisation name is an acronym, the first word, a prefix of the first word
    or a distinctive last word of a longer name in the story ("GM", "Goldman", "Glaxo", "Pactual")."""
    text = short.name.replace(".", "")
    words = full.name.replace("-", " ").split()
    if len(words) < 2 or len(short.name.split()) != 1:
        return False
    if text.replace("&", "").isupper() and len(text) <= 6 and text.replace("&", "").lower() in _initials(full.name):
        return True
    generic = _legal_forms() | word_set("lexicons/organizations.json", "name_fillers") | word_set("lexicons/organizations.json", "heads")
    word = short.name.lower()
    if word in generic or len(word) < 4:
        return False
    first = words[0].lower()
    return word == first or (len(word) >= 5 and first.startswith(word)) or (len(word) >= 5 and word == words[-1].lower())


def _merge_short_names(actors: list[Actor]) -> list[Actor]:
    """Fold a short organisation name into the one longer name in the story it stands for (an
    acronym's expansion first: "GE" is General Electric before it is "GE Energy"), and a "person"
    whose name is an organisation's without its legal form ("Sara Lee" beside "Sara Lee Corp")."""
    orgs = [a for a in actors if a.kind == "organization"]
    merged: set[int] = set()
    one_word = [a for a in orgs if " " not in a.name]
    org_keys = {org_key(a.name) for a in orgs}
    people = [a for a in actors if a.kind == "person" and org_key(a.name) in org_keys]
    for short in one_word + people:
        if short.kind == "person":
            fulls = [a for a in orgs if id(a) not in merged and org_key(a.name) == org_key(short.name) and a.name != short.name]
        else:
            candidates = [a for a in orgs if a is not short and id(a) not in merged and _short_form_of(short, a)]
            letters = short.name.replace(".", "").replace("&", "")
            acronyms = [a for a in candidates if letters.isupper() and letters.lower() in _initials(a.name) and a.name.split()[0] != short.name]
            fulls = acronyms if len(acronyms) == 1 else candidates
        if len(fulls) != 1:
            continue
        full = fulls[0]
        full.mentions.extend(short.mentions)
        for alias in (short.name, *short.aliases):
            if alias not in full.aliases and alias != full.name:
                full.aliases.append(alias)
        full.first = min(full.first, short.first)
        full.country = full.country or short.country
        full.ticker = full.ticker or short.ticker
        merged.add(id(short))
    return [a for a in actors if id(a) not in merged]


def _acts(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> bool:
    """Whether a capital or metonym mention stands for a government rather than a location."""
    head = doc[m.end - 1]
    if m.end + 1 < len(doc) and doc[m.end].text in ("'s", "’s"):
        owned = entity_at.get(m.end + 1)
        if owned is not None and owned.label == "ORG":
            return False  # "Seoul's Kookmin University": where it is, not who acts
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS:
        return False
    if head.dep_ in ("dobj", "pobj") and head.head.lemma_ in _LOCATIVE_VERBS:
        return False
    if m.end < len(doc) and doc[m.end].text == "-":
        return doc[m.end + 1].lower_ not in ("based", "area", "bound") if m.end + 1 < len(doc) else True
    if head.dep_ == "compound":
        # "the Pyongyang regime" acts; "a London court" is a place.
        return head.head.lemma_.lower() in _government_nouns() or head.head.lower_ in _government_nouns()
    return head.dep_ in _AGENT_DEPS or head.dep_ == "nmod"


@lru_cache(maxsize=1)
def _government_nouns() -> frozenset[str]:
    return word_set("gazetteer/country_aliases.json", "government_nouns")


# --- titles ----------------------------------------------------------------------


def _premodifier_title(
    ctx: DocContext, m: EntityMention, entity_at: dict[int, EntityMention]
) -> tuple[str | None, str | None, EntityMention | None, set[int]]:
    """Title, country, affiliation and used tokens from the words right before a name."""
    gaz = gazetteer()
    _, modifiers, honorifics, _, _ = title_lexicon()
    window: list[int] = []
    i = m.start - 1
    doc = ctx.doc
    sent_start = ctx.sentence_bounds(m.start)[0]
    while i >= sent_start and len(window) < 9:
        tok = doc[i]
        ent = entity_at.get(i)
        if ent is not None and ent.label == "PERSON":
            break
        if tok.text in _TITLE_STOP or tok.is_space or (tok.is_punct and tok.text not in ("-", ".", "&")):
            break
        if tok.pos_ in ("DET", "VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM") and ent is None:
            break
        window.insert(0, i)
        i -= 1
    for k in range(len(window)):
        words: list[int] = []  # token indices of the title words
        country: str | None = None
        affiliation: EntityMention | None = None
        idx = window[k:]
        j = 0
        while j < len(idx):
            t = idx[j]
            ent = entity_at.get(t)
            if ent is not None and ent.label in ("GPE", "NORP", "LOC") and not words:
                country = country or country_of_text(ent.text)
                j += ent.end - max(ent.start, t)
                continue
            if ent is not None and ent.label == "ORG" and not words and not _part_of_title(doc, ent, idx[-1]):
                iso = gaz.government_of(ent.text)  # "Kremlin chief"
                if iso:
                    country = country or iso
                else:
                    affiliation = ent
                j += ent.end - max(ent.start, t)
                continue
            if doc[t].text not in ("'s", "’s"):
                words.append(t)
            j += 1
        if not words:
            continue
        texts = [doc[t].text for t in words]
        head = title_head(texts)
        if head is None:
            continue
        extra = [w.lower() for w in texts[: len(texts) - len(head.split())]]
        if all(w in modifiers or w in honorifics or gaz.is_demonym(w) for w in extra):
            kept = [t for t in words if not gaz.is_demonym(doc[t].text)]
            if len(kept) == 1 and doc[kept[0]].lower_ in honorifics:
                return None, country, affiliation, set()
            return " ".join(doc[t].text for t in kept), country, affiliation, set(words)
    return None, None, None, set()


def _part_of_title(doc: Doc, ent: EntityMention, last: int) -> bool:
    """Whether an "organisation" is really the first words of a title ("Finance Minister")."""
    words = [doc[t].text for t in range(ent.start, last + 1)]
    head = title_head(words)
    return head is not None and len(head.split()) == len(words)


def _appositive(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> tuple[str | None, str | None, EntityMention | None]:
    """Title, country and affiliation from ", a North Korea expert at Australia National University"."""
    i = m.end
    if i + 1 < len(doc) and doc[i].lower_ in ("of", "at", "with"):
        # "Vice President Ahmad Zahid of Petronas", "Gabriel Stein with Lombard Street Research":
        # the employer right after the name.
        ent = entity_at.get(i + 1)
        if ent is not None and ent.label == "ORG" and ent.start == i + 1:
            return None, None, ent
    if i >= len(doc) or doc[i].text != ",":
        return None, None, None
    j = i + 1
    end = j
    while end < len(doc) and end - j < 16:
        tok = doc[end]
        if tok.text in (",", ";", ".", ")", "(", '"', "“", "”") or tok.is_space or tok.lemma_ in ("say", "tell"):
            break
        if tok.tag_ in ("WP", "WDT", "WP$"):
            break  # "an economist who advised Obama": the title ends at its relative clause
        if tok.pos_ in ("VERB", "AUX") and end > j and doc[end - 1].text != "-" and tok.dep_ not in ("amod", "compound"):
            break  # the appositive ends where the clause's verb starts
        end += 1
    if end == j:
        return None, None, None
    tokens = list(range(j, end))
    if doc[tokens[0]].pos_ == "DET":
        tokens = tokens[1:]
    gaz = gazetteer()
    words: list[int] = []
    affiliation: EntityMention | None = None
    rest: list[int] = []
    prep = ""
    for n, t in enumerate(tokens):
        if doc[t].lower_ in _APPOS_PREPS and (words or n == 0):
            rest = tokens[n + 1 :]  # ", of the Center for American Progress," has no title at all
            prep = doc[t].lower_
            break
        ent = entity_at.get(t)
        if ent is not None and ent.label == "ORG" and not words and doc[min(ent.end, len(doc) - 1)].text in ("'s", "’s"):
            affiliation = ent  # "IBM's global ... leader"
            continue
        if doc[t].text in ("'s", "’s"):
            continue
        if affiliation is not None and ent is affiliation:
            continue
        words.append(t)
    field_words: list[str] = []
    if prep == "of" and words:
        # "head of equity derivatives strategy at Credit Suisse": the field closes the title
        run = list(itertools.takewhile(lambda t: doc[t].lower_ not in _APPOS_PREPS and t not in entity_at, rest))
        if run and doc[run[-1]].lower_ in expertise_fields():
            field_words = ["of", *(doc[t].text for t in run)]
            rest = rest[len(run) :]
    if affiliation is None:
        affiliation = _first_organization(rest, entity_at) or _listed_organization(doc, end, entity_at)
    if affiliation is None and prep == "at":
        affiliation = _employer_name(doc, rest)
    if prep and rest:
        affiliation = _described_employer(doc, rest, affiliation)
    if not words:
        return None, None, affiliation
    texts = [doc[t].text for t in words]
    head = title_head(texts)
    if head is None:
        return None, None, affiliation if rest else None
    country = None
    # A leading nationality adjective is the person's country, not part of the title.
    while words and (gaz.is_demonym(doc[words[0]].text) or (entity_at.get(words[0]) and entity_at[words[0]].label == "NORP")):
        ent = entity_at.get(words[0])
        text = ent.text if ent is not None else doc[words[0]].text
        country = country or country_of_text(text)
        skip = ent.end - words[0] if ent is not None else 1
        words = words[skip:]
    title_words = [doc[t].text for t in words]
    if not is_expertise(" ".join(title_words)):
        # Government or corporate titles: a country in them is nationality ("the U.S. ambassador").
        kept = []
        for t in words:
            ent = entity_at.get(t)
            if ent is not None and ent.label == "GPE" and country_of_text(ent.text):
                country = country or country_of_text(ent.text)
                continue
            kept.append(doc[t].text)
        title_words = kept
    if title_words and field_words and not is_expertise(" ".join(title_words)):
        title_words = [*title_words, *field_words]  # not "professor of economics": its field is the expert's field
    return " ".join(title_words) or None, country, affiliation


def _first_organization(tokens: list[int], entity_at: dict[int, EntityMention]) -> EntityMention | None:
    for t in tokens:
        ent = entity_at.get(t)
        if ent is not None and ent.label == "ORG":
            return ent
    return None


def _described_employer(doc: Doc, tokens: list[int], employer: EntityMention | None) -> EntityMention | None:
    """ "head of polling company Ipsos MORI", "co-founder of options research firm RiskReversal.com":
    the kind of firm the title's words give before its name stays with it, because it says what the
    person does (a pollster, a researcher), and the name is taken even where the recogniser made it
    a person."""
    k = 0
    while k < len(tokens) and k < 4 and doc[tokens[k]].is_lower and doc[tokens[k]].pos_ in ("NOUN", "ADJ", "PROPN", "VERB"):
        k += 1
    if k == 0 or doc[tokens[k - 1]].lower_ not in _firm_nouns():
        return employer
    name = employer if employer is not None and employer.start == tokens[min(k, len(tokens) - 1)] else _employer_name(doc, tokens[k:])
    if name is None:
        return employer
    return EntityMention(tokens[0], name.end, "ORG", doc[tokens[0] : name.end].text)


@lru_cache(maxsize=1)
def _firm_nouns() -> frozenset[str]:
    return frozenset(load_json("lexicons/organizations.json")["firm_nouns"])


def _employer_name(doc: Doc, tokens: list[int]) -> EntityMention | None:
    """ "a senior economist at Lord Abbett": the proper name right after "at" in a title is the
    employer even when the recogniser missed it or took a firm named after people for a person
    or a place."""
    names = []
    for t in tokens:
        if doc[t].pos_ != "PROPN" or doc[t].ent_type_ in TIME_ENTITIES:
            break  # "a spokesman at Monday's briefing"
        names.append(t)
    if not names or names[0] != tokens[0]:
        return None
    text = doc[names[0] : names[-1] + 1].text
    if gazetteer().lookup(text) is not None:
        return None  # "an analyst at Davos": a place, not an employer
    return EntityMention(names[0], names[-1] + 1, "ORG", text)


def _listed_organization(doc: Doc, end: int, entity_at: dict[int, EntityMention]) -> EntityMention | None:
    """"Patrick D. Daniel, chief executive officer, Enbridge, said": an organisation right after the title."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    ent = entity_at.get(end + 1)
    if ent is None or ent.label != "ORG" or ent.start != end + 1 or ent.end >= len(doc):
        return None
    after = doc[ent.end]
    return ent if after.text == "," or after.lemma_ in ("say", "tell") else None


def _owner_aliases(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> list[str]:
    """"Japan's Yomiuri Shimbun", "U.S. State Department": the name with the country that owns it."""
    k = m.start - 1
    if k >= 1 and doc[k].text in ("'s", "’s"):
        owner = entity_at.get(k - 1)
        if owner is not None and owner.label in ("GPE", "LOC"):
            return [doc[owner.start : m.end].text]
    owner = entity_at.get(k)
    if owner is not None and owner.label == "GPE" and owner.end == m.start and country_of_text(owner.text):
        return [doc[owner.start : m.end].text]
    return []
