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
* Titles come (:mod:`.person_words`) from the words before a name ("U.S. Secretary of State Rex
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

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, word_set
from .context import DocContext
from .actor_countries import assign_countries, country_of_text, known_country
from .country_rules import comma_title_start
from .affiliations import find_affiliations, subject_of_sentence
from .entities import EntityMention, is_group
from .parties import give_party_affiliations, is_party
from .quotes import Quote, find_quotes
from .person_words import (
    PersonWords, appositive, coordinated_person, listed_before, person_named_as_organization, person_words, premodifier_title, shares_who_clause,
)
from .titles import ending_phrase, is_expertise, is_plural_title, title_lexicon

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

    for m in mentions:
        if person_named_as_organization(doc, m, entity_at):
            m.label = "PERSON"  # "Heinz-Gerd Sonnenschein, equities strategist at Germany's Postbank"
    # Titles first: the words they use ("State" in "Secretary of State") are not actors.
    patterned = find_affiliations(doc, mentions)
    for m in mentions:
        if m.label == "PERSON":
            title, country, affiliation_m, used = premodifier_title(ctx, m, entity_at)
            at = comma_title_start(doc, m.start, m.end, entity_at) if title is None else None
            if at is not None:  # title_before_comma (country_rules.py); "to analysts, Jim Owens": a plural is no title of his
                found = premodifier_title(ctx, EntityMention(at, at + 1, "PERSON", ""), entity_at)
                if found[0] is not None and not is_plural_title(found[0].split(" of ")[0]):
                    title, country, affiliation_m, used = found
            consumed.update(used)
            a_title, a_country, a_aff = appositive(doc, m, entity_at)
            person_info[m.start] = person_words(doc, title or a_title, country or a_country, affiliation_m, a_aff, patterned.get(m.start))
            if title:
                title_before.add(m.start)
    for m in mentions:
        first = coordinated_person(doc, m, entity_at)
        shared = person_info[first.start] if first is not None and first.start in title_before else None
        if shared is not None and is_plural_title(shared.title) and person_info[m.start] == PersonWords():
            # "Citi economists Johanna Chua and Brian Tan": a plural title before the first name is both's
            # ("Foreign Minister Sergei Lavrov and John Kerry" is not).
            person_info[m.start] = person_info[first.start]
            title_before.add(m.start)
        elif m.start in person_info and shares_who_clause(doc, person_info[m.start], m):  # list_who_clause: "A, B and C, who founded Foo"
            for listed in listed_before(doc, m, entity_at):
                if person_info[listed.start] == PersonWords():
                    person_info[listed.start] = replace(person_info[m.start], rule="list_who_clause")

    # An employer the recogniser took for a person ("an analyst at stockbroker Collins Stewart"),
    employer_tokens = {i for words in person_info.values() if words.employer is not None for i in range(words.employer.start, words.employer.end)}
    # ... or one the archive knows as an organisation ("Collins Stewart", "Raymond James").
    # ... or a firm a plural title introduces ("according to analysts Wood Mackenzie").
    for m in mentions:
        if m.label == "PERSON" and ((m.start in employer_tokens and m.end - 1 in employer_tokens) or (" " in m.text and known_country(m.text)) or _firm_after_plural(doc, m, person_info)):
            m.label = "ORG"
        elif m.label == "NORP" and is_party(m.text):  # party_org: "the Greens say" names a party, not its voters
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
            # surname_before_firm: "said Wolf" after "David Wolf, president of Wolf Group Asia" is him (not a firm named before him)
            known = _find_person(actors, name, m.start) if org is not None and " " not in name else None
            if known is not None and " " in known.name and name in _surname_forms(known.name.split()[-1]) and known.first < org.first:
                org = None
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
    _give_story_company(actors)
    _give_spokesperson_organization(doc, actors)
    _expand_affiliations(actors)
    give_party_affiliations(doc, actors)
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


# --- clustering helpers ------------------------------------------------------------


def _firm_after_plural(doc: Doc, m: EntityMention, person_info: dict[int, PersonWords]) -> bool:
    """A plural expertise title before a single name ("analysts Wood Mackenzie"; not "economists
    Johanna Chua and Brian Tan", nor "Senators Maria Cantwell of Washington state, ... and ...",
    who are people)."""
    words = person_info.get(m.start)
    if words is None or not is_plural_title(words.title) or not is_expertise(words.title) or words.employer is not None:
        return False
    return (m.end >= len(doc) or doc[m.end].lower_ not in ("and", "of")) and doc[m.start - 1].lower_ != "and"


def _give_story_company(actors: list[Actor]) -> None:
    """An executive whose employer no words near the name give ("Chief Executive Jean-Francois
    Henin said", "Phil Clarke, chief executive of the British company") works for the story's
    company: the organisation named at least three times, half as often again as any other."""
    organizations = sorted((a for a in actors if a.kind == "organization"), key=lambda a: len(a.mentions), reverse=True)
    if not organizations or len(organizations[0].mentions) < 3:
        return
    if len(organizations) > 1 and len(organizations[0].mentions) < 1.5 * len(organizations[1].mentions):
        return
    executive_titles = word_set("lexicons/titles.json", "company_executives")
    for actor in actors:
        if actor.kind == "person" and actor.affiliation is None and ending_phrase(actor.title, executive_titles):
            actor.affiliation, actor.affiliation_rule = organizations[0].name, "story_company"


def _give_spokesperson_organization(doc: Doc, actors: list[Actor]) -> None:
    """A spokesperson whose employer no words near the name give speaks for the one organisation
    named outside quotation marks in their sentence, else in the sentence before, else inside
    their sentence's quotation ("Yum Brands Inc ... regards the move as good news, said spokesman
    Jonathan Blum"; "The White House welcomed ... '... If Congress has a better idea ...,' said
    spokesman Dan Pfeiffer"; "'... what role, if any, Baxter might play,' company spokesman Chris
    Bona said"). Two organisations in the first place that names any give none."""
    spokespeople = word_set("lexicons/titles.json", "spokespeople")
    organizations = [a for a in actors if a.kind == "organization"]
    quotes: list[Quote] | None = None
    for actor in actors:
        if actor.kind != "person" or actor.affiliation is not None or not actor.mentions or not ending_phrase(actor.title, spokespeople):
            continue
        sentence = doc[actor.mentions[0][0]].sent
        if any(t.lower_ in spokespeople and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _EMPLOYER_PREPOSITIONS for t in sentence):
            continue  # "a spokesman for the Swiss department for international financial affairs": his words name it
        quotes = find_quotes(doc.text) if quotes is None else quotes
        before = doc[sentence.start - 1].sent.start if sentence.start else sentence.start
        for start, end, quoted in ((sentence.start, sentence.end, False), (before, sentence.start, False), (sentence.start, sentence.end, True)):
            named = [a for a in organizations if any(start <= s < end and _in_quote(doc[s].idx, quotes) == quoted for s, _ in a.mentions)]
            one = named if len(named) == 1 else [] if end > sentence.start else subject_of_sentence(doc, named, start, end)  # the sentence before only
            if one:
                actor.affiliation, actor.affiliation_rule = one[0].name, "spokesperson_sentence" if one is named else "spokesperson_subject"
            if named:
                break


_EMPLOYER_PREPOSITIONS = frozenset({"for", "of", "at", "with"})


def _in_quote(offset: int, quotes: list[Quote]) -> bool:
    return any(q.start <= offset < q.end for q in quotes)


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
            if len(actor_words) > 1 and (words[0] == actor_words[0] or words[0] in _surname_forms(actor_words[-1])):
                last = max((s for s, _ in actor.mentions if s < at), default=-1)
                if last >= 0 and (best is None or last > best[0]):
                    best = (last, actor)
        elif len(actor.name.split()) == 1 and actor.name in words:
            return actor  # "Kim" seen first, now "Kim Jong Un"
    return best[1] if best else None


def _surname_forms(word: str) -> tuple[str, ...]:
    """Rule article_surname: "al-Sayyari" is also written "Sayyari" (spurious_names.json)."""
    low = word.lower()
    return (word,) + tuple(word[len(a):] for a in word_set("lexicons/spurious_names.json", "article_surname") if low.startswith(a) and len(word) > len(a) + 1)


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return word_set("lexicons/organizations.json", "legal_forms")


# "Ministry of Commerce" is the "Commerce Ministry": an office named either way keys as the latter.
_OFFICE_OF = re.compile(r"^(?:the )?(ministry|department) of (?:the )?([a-z][a-z ,&'-]*)$")


@lru_cache(maxsize=1 << 14)
def org_key(name: str) -> str:
    """Clustering key of an organisation name: normalised, without a legal form ("Enbridge Inc"
    -> "enbridge"), an office in one word order ("Ministry of Commerce" -> "commerce ministry")."""
    words = normalize_name(name).split()
    while len(words) > 1 and words[-1] in _legal_forms():
        words.pop()
    key = " ".join(words)
    office = _OFFICE_OF.match(key)
    return f"{office.group(2)} {office.group(1)}" if office else key


def _expand_affiliations(actors: list[Actor]) -> None:
    """An employer written as a short form the story expands elsewhere ("GM spokeswoman Renee
    Rashid-Merem" in a story about General Motors) is given by the organisation's own name, the
    one its row carries, so a person's affiliation and the organisation read alike. Never a
    shorter name: a row the recogniser cut ("Enterprise Institute") keeps the employer whole."""
    full: dict[str, str] = {}
    for actor in actors:
        if actor.kind == "organization":
            for alias in actor.aliases:
                full.setdefault(org_key(alias), actor.name)
    for actor in actors:
        if actor.kind != "person" or not actor.affiliation:
            continue
        name = full.get(org_key(actor.affiliation))
        if name and len(name) > len(actor.affiliation) and org_key(actor.affiliation) not in org_key(name):
            actor.affiliation = name


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
    first = words[0].lower()
    named = [w for w in words if w.lower() not in _legal_forms()] or words  # "Boerse" of "Deutsche Boerse AG"
    if word in generic:  # "House" of "House of Representatives", not of "Senate Banking Committee"
        # head_alias: "the Commission" beside the story's one "European Commission" (the caller wants one candidate)
        return (word == first and len(words) >= 3 and words[1] == "of") or (word in _alias_heads() and word == named[-1].lower())
    if len(word) < 4:
        return False
    return word == first or (len(word) >= 5 and first.startswith(word)) or (len(word) >= 5 and word == named[-1].lower())


@lru_cache(maxsize=1)
def _alias_heads() -> frozenset[str]:
    return word_set("lexicons/organizations.json", "alias_heads")


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
            first_words = [a for a in candidates if a.name.split()[0] == short.name]  # "House": "House of Representatives", not "White House"
            fulls = acronyms if len(acronyms) == 1 else first_words if len(first_words) == 1 else candidates
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
