"""Named links: ends a story leaves implicit for a link it names ("the Nabucco pipeline").

``models/gazetteer/named_links.json`` describes the pipelines, tunnels and rail lines the
archive names most, each with its ends, mode, cargo and operator. A story must name the link:

* ``named_link:end``: a mention of the link with one end gets the other from the gazetteer
  ("the Keystone XL pipeline to the Gulf Coast" starts in Alberta);
* ``named_link``: a link named with no end in its sentence, and on no route of the story,
  becomes a route of its own with the gazetteer's ends.

Rule ``named_end_in_story`` (``ends_named_in_story`` in the gazetteer file): a gazetteer end is
used only when the story names that place, or, for a link across a border, its country, a place
in it or its people; audit 50j judged wrong the rows whose ends came from world knowledge alone.

Canals and straits are waypoints: they never make a route of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from ...gazetteer import gazetteer, normalize_name
from ...resources import load_json
from .ends import PREP_DEPS
from .fields import route_status, status_path
from .lexicon import lexicon
from .story import COUNTRY, LOCAL, REGION, End, Mention, Story, distinct


@dataclass(frozen=True)
class NamedLink:
    name: str
    names: tuple[str, ...]  # lower-cased surface names, the canonical one first
    mode: str
    origin: tuple[str, str | None] | None
    destination: tuple[str, str | None] | None
    cargo: tuple[str, ...]
    operator: str | None
    bidirectional: bool
    waypoint: bool


@dataclass(frozen=True)
class _LinkIndex:
    links: dict[str, NamedLink]  # by lower-cased surface name
    pattern: re.Pattern[str]
    part_nouns: frozenset[str]
    ends_named_in_story: bool


@lru_cache(maxsize=1)
def named_links() -> _LinkIndex:
    data = load_json("gazetteer/named_links.json")
    nouns = "|".join(sorted(map(re.escape, data["link_nouns"]), key=len, reverse=True))
    modifiers = "|".join(sorted(map(re.escape, data["link_modifiers"]), key=len, reverse=True))
    noun_after = rf"(?=(?i:(?:\s+(?:{modifiers}))?\s+(?:{nouns}))\b)"
    by_name: dict[str, NamedLink] = {}
    alternatives: list[tuple[str, str]] = []
    for entry in data["links"]:
        link = NamedLink(
            entry["name"], tuple(dict.fromkeys(n.lower() for n in (entry["name"], *entry["names"]))), entry["mode"],
            tuple(entry["origin"]) if entry.get("origin") else None,
            tuple(entry["destination"]) if entry.get("destination") else None,
            tuple(entry.get("cargo", ())), entry.get("operator"),
            bool(entry.get("bidirectional")), bool(entry.get("waypoint")),
        )
        for name in entry["names"]:
            by_name[name.lower()] = link
            alternatives.append((name, re.escape(name) + (noun_after if entry.get("needs_noun") else "")))
    alternatives.sort(key=lambda a: len(a[0]), reverse=True)
    # The lookahead on the names' first letters changes no match (every name starts with one of them) but lets
    # the engine skip a word without trying each of the names on it: the scan takes half the time.
    firsts = "".join(sorted({re.escape(name[0]) for name, _ in alternatives}))
    pattern = re.compile(r"\b(?=[" + firsts + r"])(?:" + "|".join(a for _, a in alternatives) + r")\b")
    return _LinkIndex(by_name, pattern, frozenset(data["part_nouns"]), bool(data.get("ends_named_in_story")))


def find_links(text: str) -> list[tuple[int, int, NamedLink]]:
    """(start, end, link) of every named link in ``text``."""
    gaz = named_links()
    return [(m.start(), m.end(), gaz.links[m.group(0).lower()]) for m in gaz.pattern.finditer(text)]


def _end(story: Story, name: str, iso3: str | None, tok_i: int) -> End:
    pid = story.place_named.get(normalize_name(name))
    if pid is not None:
        hit = story.place_of[pid]
        return End(hit.name if hit.kind == "country" else name, pid, hit.country or iso3, COUNTRY if hit.kind == "country" else LOCAL, tok_i)
    country = gazetteer().country(iso3) if iso3 else None
    if country is not None and normalize_name(country.name) == normalize_name(name):
        return story.country_end(iso3, name, story.doc[tok_i])
    return End(name, None, iso3, LOCAL if iso3 else REGION, tok_i)


def _story_names(story: Story, name: str) -> bool:
    """Whether the story itself names a gazetteer end: a place of the story by that name, or the
    name anywhere in its text ("the Baku-Tbilisi-Ceyhan pipeline")."""
    if normalize_name(name) in story.place_named:
        return True
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w])", story.ctx.text, re.IGNORECASE) is not None


def _story_names_country(story: Story, iso3: str | None) -> bool:
    """Whether the story names the country ``iso3``, a place in it or its people ("Canada's oil sands",
    "Anglo-French")."""
    if iso3 is None:
        return False
    if any(hit.country == iso3 for hit in story.place_of.values()):
        return True  # the country or a place in it ("LONDON (Reuters)")
    gaz = gazetteer()
    return any(t.pos_ in ("ADJ", "PROPN", "NOUN") and gaz.demonym(t.text) == iso3 for t in story.doc)


def _stated_ends(story: Story, link: NamedLink) -> NamedLink:
    """Rule ``named_end_in_story``: ``link`` with each gazetteer end the story does not name or
    clearly imply taken away. An end is implied when the link crosses a border and the story names
    the end's country or people (Keystone XL "from Canada's oil sands": Alberta). An end known only
    from the gazetteer is world knowledge the story never states (audit 50j: Capline, Seaway)."""
    if not named_links().ends_named_in_story:
        return link
    abroad = bool(link.origin and link.destination and link.origin[1] != link.destination[1])

    def kept(end: tuple[str, str | None] | None) -> tuple[str, str | None] | None:
        if end is None:
            return None
        named = _story_names(story, end[0]) or (abroad and _story_names_country(story, end[1]))
        return end if named else None

    return replace(link, origin=kept(link.origin), destination=kept(link.destination))


def _links_by_sentence(story: Story) -> list[tuple[tuple[int, int], int, NamedLink]]:
    """((first token, end token), sentence, link) of each named link in the story's prose."""
    out = []
    for start, end, link in find_links(story.ctx.text):
        span = story.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not story.ctx.is_prose(span.start):
            continue
        out.append(((span.start, span.end), story.ctx.sentence(span.start), link))
    return out


def _complete(story: Story, m: Mention, link: NamedLink, tok_i: int) -> bool:
    """Fill the ends ``m`` lacks from ``link``; False when the result would not be a route."""
    origin = m.origin or (_end(story, *link.origin, tok_i) if link.origin else None)
    destination = m.destination or (_end(story, *link.destination, tok_i) if link.destination else None)
    if origin is None or destination is None or not distinct(origin, destination):
        return False
    m.origin, m.destination = origin, destination
    m.mode, m.rule = link.mode, "named_link:end"
    m.vehicle = m.vehicle or link.name
    return True


def _carries(m: Mention, link: NamedLink) -> bool:
    vehicle = (m.vehicle or "").lower()
    return any(n in vehicle for n in link.names)


def _same_countries(m: Mention, link: NamedLink) -> bool:
    """A route of the link's mode between the link's countries ("a Canada to Texas oil pipeline"
    before "TransCanada's Keystone XL pipeline") is taken for the link itself."""
    if m.mode != link.mode or not (link.origin and link.destination and link.origin[1] and link.destination[1]):
        return False
    return (m.origin.country, m.destination.country) == (link.origin[1], link.destination[1]) and link.origin[1] != link.destination[1]


def _part_of_link(story: Story, first: int) -> bool:
    """Whether the link is named as the object of "<part> of" within the ten words before it
    (a possessor with its ticker may come between)."""
    doc = story.doc
    # Not the sentence bounds: the splitter may cut after "( TRP.TO )".
    words = [t.lower_ for t in doc[max(0, first - 10) : first]]
    if "." in words:
        words = words[len(words) - words[::-1].index(".") :]
    return "of" in words and any(w in named_links().part_nouns for w in words)


def _own_ends(story: Story, head: Token) -> dict[str, tuple[str, str | None]]:
    """Ends the story gives the link's name itself ("South Stream to Italy", "from Baku"): a
    preposition right after the name, whatever the parse hung it on."""
    lex = lexicon()
    doc = story.doc
    out: dict[str, tuple[str, str | None]] = {}
    preps = [p for p in head.children if p.dep_ in PREP_DEPS]
    if head.i + 1 < len(doc) and doc[head.i + 1].dep_ in PREP_DEPS:
        preps.append(doc[head.i + 1])
    for p in preps:
        role = "destination" if p.lower_ in lex.destination_preps else "origin" if p.lower_ in lex.origin_preps else None
        obj = next((o for o in p.children if o.dep_ == "pobj"), None)
        if role and obj is not None and (end := story.end_at(obj)) is not None:
            out[role] = (end.name, end.country)
    return out


_NEAR = 3  # tokens between a mention and the link's name: "the Keystone XL oil sands pipeline"


def _near(m: Mention, first: int, stop: int) -> bool:
    """Whether the mention is about the named link: its words touch the name, not "other lines"
    elsewhere in the sentence."""
    return any(first - _NEAR <= i < stop + _NEAR for i in m.tokens)


def link_mentions(story: Story, mentions: list[Mention]) -> list[Mention]:
    """Complete the mentions with fewer than two ends from the link their sentence names; add a
    mention for each named link that no mention of its sentence carries."""
    added: list[Mention] = []
    for (first, stop), sentence, link in _links_by_sentence(story):
        if link.waypoint:
            continue
        here = [
            m for m in mentions
            if m.sentence == sentence and m.kind == "transport" and m.mode in (link.mode, "unspecified") and _near(m, first, stop)
        ]
        carried = [m for m in mentions + added if m.ends == 2 and (_carries(m, link) or _same_countries(m, link))]
        if carried:
            # The story gave this link its ends elsewhere: those, not the gazetteer's, complete it here.
            link = replace(link, origin=(carried[0].origin.name, carried[0].origin.country), destination=(carried[0].destination.name, carried[0].destination.country))
        known = bool(link.origin and link.destination)
        if not carried:
            link = _stated_ends(story, link)
        completed = [m for m in here if m.ends < 2 and not m.bidirectional and _complete(story, m, link, stop - 1)]
        if completed or carried or not known:
            continue
        if _part_of_link(story, first):
            continue  # "the southern leg of ... Keystone XL": a part's ends are not the link's
        own = _own_ends(story, story.doc[stop - 1])
        link = replace(link, **own)  # "South Stream to Italy": the story's end wins
        if not (link.origin and link.destination):
            continue
        path = status_path([story.doc[stop - 1]])
        added.append(Mention(
            kind="transport", tokens=set(range(first, stop)),
            origin=_end(story, *link.origin, stop - 1),
            destination=_end(story, *link.destination, stop - 1),
            bidirectional=link.bidirectional, mode=link.mode, vehicle=link.name, vehicle_named=True,
            vehicle_keys={link.name.lower()}, cargo=list(link.cargo), operator=link.operator,
            status=route_status(path), span=(first, stop), sentence=sentence,
            rule="named_link",
        ))
    return added
