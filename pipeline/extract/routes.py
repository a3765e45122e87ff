"""Routes: transport links and trade flows between places, one row per route.

What it finds
    Links that move people or goods ("a new ferry service ... between North
    Korea and the Russian port of Vladivostok", "a Canada to Texas oil
    pipeline", "shipping crude to China via ... pipeline") and trade flows
    between countries ("China exports about 500,000 tonnes of crude",
    "Russia, the other major supplier of oil to North Korea", "a U.S. free
    trade agreement with Panama"), each with its ends, mode, vehicle, cargo,
    capacity, frequency, operator, status and start date.

How
    1. Triggers: tokens whose lemma is in ``models/lexicons/transport.json``
       (vehicles by mode, generic link nouns, goods/motion/trade verbs, trade
       nouns and agents, trade relation heads), found with one vectorised
       lemma look-up per story.
    2. Mentions: triggers joined by the dependency parse (a vehicle compound
       of a link noun, "flow of ... traffic", a vehicle that is the subject
       of a motion verb, "shipping ... via ... pipeline", "imports and
       exports") form one mention. Its ends come from the prepositions of
       its tokens and of the noun or verb that hosts it (from/to/between/
       with/through), from the subject of a trade verb ("China exports"),
       from place or nationality modifiers of a trade noun ("U.S. exports",
       "Russian mineral resources"), from an "X to Y" or "X-Y" run of places
       before a vehicle noun, and from "demand in Asia" for exports. An end
       is a place row, a phrase headed by a place noun that a place or a
       nationality modifies ("North Korean east coast ports", resolved to
       the country's place row), or a trade bloc ("the EU").
    3. Fields: cargo is the object of a goods verb or the "of" object of a
       trade noun or a commodity modifier ("oil tanker"); capacity and
       frequency are quantity rows inside the mention's cargo or verb
       phrase; status is read from the cue words on the path from the
       trigger to its clause (will/plan/propose: planned; halt/ban:
       suspended; "used to": historical; otherwise active); operator is an
       organisation that owns, builds, charters or runs the link, or the
       organisation that supplies the goods.
    4. Routes: mentions with both ends are merged when their ends agree (a
       city agrees with its country), so a route mentioned several times is
       one row enriched from every mention; a mention with one end or none
       ("the ferry route", "China halted exports") only enriches the one
       route it can belong to, and is otherwise dropped.

``start``/``end`` span the route's first two-ended mention, so the
orchestrator's claim linking sees whether it lies inside a claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json
from .actors import Actor, ActorIndex
from .context import DocContext, in_sorted
from .dates import DateIndex
from .places import PlaceHit, PlaceIndex

# --- lexicon ---------------------------------------------------------------------------------


def _lower_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class _Lexicon:
    vehicle_mode: dict[str, str]
    mode_word: dict[str, str]
    links: frozenset[str]
    weak_links: frozenset[str]
    goods_verbs: dict[str, str]
    motion_verbs: dict[str, str]
    trade_verbs: dict[str, str]
    trade_verbs_needing_cargo: frozenset[str]
    trade_nouns: dict[str, str]
    trade_nouns_needing_cargo: frozenset[str]
    trade_heads: frozenset[str]
    trade_modifiers: frozenset[str]
    trade_nouns_needing_head: frozenset[str]
    trade_agents: dict[str, str]
    trade_agents_needing_trade: frozenset[str]
    agents_of_possessor: frozenset[str]
    trade_blocs: frozenset[str]
    commodities: frozenset[str]
    generic_cargo: frozenset[str]
    generic_vehicles: frozenset[str]
    cargo_modifiers: frozenset[str]
    measure_nouns: frozenset[str]
    waypoint_heads: frozenset[str]
    place_heads: frozenset[str]
    market_nouns: frozenset[str]
    status_cues: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]], ...]  # (status, verbs, nouns, modifiers)
    negators: frozenset[str]
    operator_verbs: frozenset[str]
    operator_nouns: frozenset[str]
    company_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    start_words: frozenset[str]
    frequency_words: frozenset[str]
    end_modes: dict[str, str]
    flow_heads: frozenset[str]
    journey_nouns: frozenset[str]
    route_modifiers: frozenset[str]
    capacity_nouns: frozenset[str]
    not_capacity_kinds: frozenset[str]
    not_vehicle: dict[str, frozenset[str]]
    origin_preps: frozenset[str]
    destination_preps: frozenset[str]
    between_preps: frozenset[str]
    partner_preps: frozenset[str]
    via_preps: frozenset[str]
    date_preps: frozenset[str]
    start_preps: frozenset[str]
    route_preps: frozenset[str]
    connectors: frozenset[str]
    trigger_hashes: np.ndarray


@lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    from spacy.strings import hash_string

    data = load_json("lexicons/transport.json")
    vehicle_mode = {w.lower(): mode for mode, words in data["vehicles"].items() for w in words if " " not in w}
    mode_word = {w.lower(): mode for mode, words in data["mode_words"].items() for w in words}
    status = data["status"]
    preps = data["prepositions"]
    lex = dict(
        vehicle_mode=vehicle_mode,
        mode_word=mode_word,
        links=_lower_set(data["links"]),
        weak_links=_lower_set(data["weak_links"]),
        goods_verbs={k.lower(): v for k, v in data["goods_verbs"].items()},
        motion_verbs={k.lower(): v for k, v in data["motion_verbs"].items()},
        trade_verbs={k.lower(): v for k, v in data["trade_verbs"].items()},
        trade_verbs_needing_cargo=_lower_set(data["trade_verbs_needing_cargo"]),
        trade_nouns={k.lower(): v for k, v in data["trade_nouns"].items()},
        trade_nouns_needing_cargo=_lower_set(data["trade_nouns_needing_cargo"]),
        trade_heads=_lower_set(data["trade_heads"]),
        trade_modifiers=_lower_set(data["trade_modifiers"]),
        trade_nouns_needing_head=_lower_set(data["trade_nouns_needing_head"]),
        trade_agents={k.lower(): v for k, v in data["trade_agents"].items()},
        trade_agents_needing_trade=_lower_set(data["trade_agents_needing_trade"]),
        agents_of_possessor=_lower_set(data["agents_of_possessor"]),
        trade_blocs=frozenset(normalize_name(b) for b in data["trade_blocs"]),
        commodities=_lower_set(data["commodities"]),
        generic_cargo=_lower_set(data["generic_cargo"]),
        generic_vehicles=_lower_set(data["generic_vehicles"]),
        cargo_modifiers=_lower_set(data["cargo_modifiers"]),
        measure_nouns=_lower_set(data["measure_nouns"]),
        waypoint_heads=_lower_set(data["waypoint_heads"]),
        place_heads=_lower_set(data["place_heads"]),
        market_nouns=_lower_set(data["market_nouns"]),
        status_cues=tuple(
            (name, _lower_set(status[name]["verbs"]), _lower_set(status[name]["nouns"]), _lower_set(status[name]["modifiers"]))
            for name in ("suspended", "historical", "planned")
        ),
        negators=_lower_set(status["negators"]),
        operator_verbs=_lower_set(data["operator_verbs"]),
        operator_nouns=_lower_set(data["operator_nouns"]),
        company_nouns=_lower_set(data["company_nouns"]),
        speech_verbs=_lower_set(data["speech_verbs"]),
        start_words=_lower_set(data["start_words"]),
        frequency_words=_lower_set(data["frequency_words"]),
        end_modes={k.lower(): v for k, v in data["end_modes"].items()},
        flow_heads=_lower_set(data["flow_heads"]),
        journey_nouns=_lower_set(data["journey_nouns"]),
        route_modifiers=_lower_set(data["route_modifiers"]),
        capacity_nouns=_lower_set(data["capacity_nouns"]),
        not_capacity_kinds=_lower_set(data["not_capacity_kinds"]),
        not_vehicle={k.lower(): _lower_set(v) for k, v in data["not_vehicle"].items()},
        origin_preps=_lower_set(preps["origin"]),
        destination_preps=_lower_set(preps["destination"]),
        between_preps=_lower_set(preps["between"]),
        partner_preps=_lower_set(preps["partner"]),
        via_preps=_lower_set(preps["via"]),
        date_preps=_lower_set(preps["date"]),
        start_preps=_lower_set(preps["start"]),
        route_preps=_lower_set(preps["origin"] + preps["destination"] + preps["between"] + preps["partner"] + preps["via"] + preps["goods"]),
        connectors=_lower_set(data["place_connectors"]),
    )
    words = set(vehicle_mode) | lex["links"] | set(lex["goods_verbs"]) | set(lex["motion_verbs"])
    words |= set(lex["trade_verbs"]) | set(lex["trade_nouns"]) | set(lex["trade_agents"])
    hashes = np.array(sorted({hash_string(w) for w in words} | {hash_string(w.capitalize()) for w in words}), dtype=np.uint64)
    return _Lexicon(**lex, trigger_hashes=hashes)


# --- data -----------------------------------------------------------------------------------

# End levels: how specific a route end is; a more specific end refines a less specific one.
REGION, COUNTRY, AREA, LOCAL = 0, 1, 2, 3


@dataclass
class End:
    """One end of a route: its name, place row and country, how specific it is, and its head token."""

    name: str
    place_id: str | None
    country: str | None
    level: int
    token: int


@dataclass
class Mention:
    """One mention of a route in a sentence; a route is the first two-ended mention, enriched by the others."""

    kind: str  # transport or trade
    tokens: set[int]
    origin: End | None = None
    destination: End | None = None
    bidirectional: bool = False
    mode: str = "unspecified"
    vehicle: str | None = None
    vehicle_named: bool = False
    vehicle_keys: set[str] = field(default_factory=set)  # vehicle nouns and names, for "the ferry route"
    vehicle_nouns: set[str] = field(default_factory=set)
    cargo: list[str] = field(default_factory=list)
    capacity: list[str] = field(default_factory=list)
    frequency: str | None = None
    operator: str | None = None
    status: str = "active"
    start_date: str | None = None
    span: tuple[int, int] = (0, 0)  # token span of the mention
    sentence: int = 0

    @property
    def ends(self) -> int:
        return (self.origin is not None) + (self.destination is not None)


# --- per-story helpers -------------------------------------------------------------------


class _Story:
    """Look-ups one story needs: places, actors, dates and quantities by token."""

    def __init__(self, ctx: DocContext, places: PlaceIndex, actors: ActorIndex, quantities: list[dict], dates: DateIndex) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.places = places
        self.actors = actors
        self.place_of: dict[str, PlaceHit] = {p.place_id: p for p in places.places}
        self.country_place: dict[str, str] = {}
        self.place_named: dict[str, str] = {}
        for p in places.places:
            if p.kind == "country" and p.country and p.country not in self.country_place:
                self.country_place[p.country] = p.place_id
            for n in (p.name, *p.aliases):
                self.place_named.setdefault(normalize_name(n), p.place_id)
        self.actor_of: dict[str, Actor] = {a.actor_id: a for a in actors.actors}
        self.quantities = quantities
        self.dates = dates
        self._quantity_tokens: list[tuple[dict, int, int]] | None = None
        self._set_date_tokens: list[tuple[dict, int, int]] | None = None

    # quantities and dates by token ------------------------------------------------------
    def quantity_spans(self) -> list[tuple[dict, int, int]]:
        """(row, first token, last token) of each quantity row, computed on first use."""
        if self._quantity_tokens is None:
            self._quantity_tokens = self._token_spans(self.quantities)
        return self._quantity_tokens

    def set_date_spans(self) -> list[tuple[dict, int, int]]:
        """(row, first token, last token) of each date row that is a set ("six times a month", "each week")."""
        if self._set_date_tokens is None:
            self._set_date_tokens = self._token_spans([d for d in self.dates.rows if d.get("kind") == "set"])
        return self._set_date_tokens

    def _token_spans(self, rows: list[dict]) -> list[tuple[dict, int, int]]:
        out = []
        for row in rows:
            span = self.doc.char_span(row["start"], row["end"], alignment_mode="expand")
            if span is not None and len(span):
                out.append((row, span.start, span.end - 1))
        return out

    def date_value(self, i: int) -> str | None:
        """The resolved value of the date at token ``i`` (the index holds a value or a date_id)."""
        found = self.dates.date_at(i)
        if found is None:
            return None
        for row in self.dates.rows:
            if row.get("date_id") == found:
                return row.get("value") or row.get("text")
        return found

    # ends --------------------------------------------------------------------------------
    def place_end(self, pid: str, tok: Token) -> End:
        hit = self.place_of[pid]
        if hit.kind == "country":
            name = hit.name
            level = COUNTRY
        else:
            # The words as written: the gazetteer's choice of a same-named place can be wrong.
            a = b = tok.i
            while a > 0 and self.places.by_token.get(a - 1) == pid:
                a -= 1
            while b + 1 < len(self.doc) and self.places.by_token.get(b + 1) == pid:
                b += 1
            name = _strip_det(self.doc[a : b + 1].text)
            level = REGION if (hit.kind in ("region", "other") and not hit.country) else LOCAL
        return End(name, pid, hit.country, level, tok.i)

    def country_end(self, iso3: str | None, name: str, tok: Token) -> End:
        pid = self.country_place.get(iso3) if iso3 else None
        if pid is not None:
            return End(self.place_of[pid].name, pid, iso3, COUNTRY, tok.i)
        country = gazetteer().country(iso3)
        return End(country.name if country else name, None, iso3, COUNTRY if iso3 else REGION, tok.i)

    def end_at(self, tok: Token) -> End | None:
        """The route end a noun phrase headed by ``tok`` names, if any."""
        lex = _lex()
        pid = self.places.by_token.get(tok.i)
        if pid is not None:
            return self.place_end(pid, tok)
        lemma = tok.lemma_.lower()
        actor = self.actor(tok)
        if lemma in lex.place_heads:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj" and (p := self.places.by_token.get(o.i)) is not None:
                            return self.place_end(p, o)  # "the port of Vladivostok"
            found = self._modifier_place(tok)
            if found is not None:
                kind, value, first = found
                name = _strip_det(self.doc[first : tok.i + 1].text)
                if kind == "place":
                    hit = self.place_of[value]
                    if tok.pos_ == "PROPN" and hit.kind in ("region", "other") and not hit.country:
                        return End(name, None, None, REGION, tok.i)  # "Gulf Coast" is not the Gulf
                    # "North Korean ports" is an area of a country; "Vladivostok-area ports" a city's
                    return End(name, value, hit.country, AREA if hit.kind == "country" else LOCAL, tok.i)
                end = self.country_end(value, name, tok)
                end.name, end.level = name, AREA
                return end
        if actor is not None and (normalize_name(actor.name) in lex.trade_blocs or any(normalize_name(a) in lex.trade_blocs for a in actor.aliases)):
            return End(actor.name, None, None, REGION, tok.i)
        return None

    def _modifier_place(self, tok: Token) -> tuple[str, str | None, int] | None:
        """A place or nationality among a head noun's modifiers: ("place", pid, first) or ("country", iso3, first)."""
        best: tuple[str, str | None, int] | None = None
        for c in tok.lefts:
            if c.dep_ not in ("compound", "amod", "nmod", "npadvmod", "poss"):
                continue
            sub = list(c.subtree)
            for t in sub:
                p = self.places.by_token.get(t.i)
                if p is not None:
                    return ("place", p, sub[0].i)
            iso = _demonym_of(self.doc, c)
            if iso is not None:
                best = best or ("country", iso, sub[0].i)
            elif (p := self.place_named.get(normalize_name(c.text))) is not None and c.pos_ == "PROPN":
                return ("place", p, sub[0].i)
        return best

    def actor(self, tok: Token) -> Actor | None:
        actor_id = self.actors.actor_at(tok.i)
        return self.actor_of.get(actor_id) if actor_id else None


def _demonym_of(doc: Doc, c: Token) -> str | None:
    """ISO3 of a nationality modifier ("North Korean", "Russian"), not of a part of a longer name
    ("Central American")."""
    gaz = gazetteer()
    a, b = c.left_edge.i, c.right_edge.i
    text = _strip_det(doc[a : b + 1].text)
    if gaz.is_demonym(text):
        return gaz.demonym(text)
    if gaz.is_demonym(c.text) and not any(t.text[:1].isupper() for t in doc[a : b + 1] if t.i != c.i):
        return gaz.demonym(c.text)
    return None


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det) :]
    return text


# --- triggers ----------------------------------------------------------------------------


def _candidates(doc: Doc) -> list[int]:
    """Token indices whose lemma is a route trigger word (vectorised: no Python work per token)."""
    lemmas = doc.to_array([LEMMA])
    return np.flatnonzero(in_sorted(lemmas, _lex().trigger_hashes)).tolist()


def _not_vehicle(tok: Token, lemma: str) -> bool:
    blockers = _lex().not_vehicle.get(lemma)
    if not blockers:
        return False
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (c.lower_ in blockers or c.lemma_.lower() in blockers):
            return True
    return False


def _one_journey(tok: Token) -> bool:
    """"The ANA flight from Ube ... was canceled" is one journey, not a route; "flights", "a daily
    flight", "the first direct flight" are routes."""
    lex = _lex()
    if tok.tag_ in ("NNS", "NNPS"):
        return False
    mods = {c.lower_ for c in tok.lefts}
    if mods & lex.frequency_words or mods & lex.route_modifiers:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts)


def _trade_sense(tok: Token, lemma: str) -> bool:
    """"trading" is trade only before a trade head ("trading partner"), not "New York Stock Exchange trading"."""
    lex = _lex()
    return lemma not in lex.trade_nouns_needing_head or (tok.head.i != tok.i and tok.head.lemma_.lower() in lex.trade_heads)


def _mode_of_modifiers(tok: Token) -> str | None:
    lex = _lex()
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss"):  # "rail link", "the railroad's ... line"
            mode = lex.mode_word.get(c.lemma_.lower()) or lex.mode_word.get(c.lower_)
            if mode:
                return mode
    return None


# --- the extractor -----------------------------------------------------------------------


def extract_routes(
    ctx: DocContext,
    places: PlaceIndex,
    actors: ActorIndex,
    quantities: list[dict],
    dates: DateIndex,
    claims: list[dict],
) -> list[dict]:
    """Route rows (offsets into ``doc.text``); ``claim_id`` is filled by the orchestrator."""
    doc = ctx.doc
    candidates = [i for i in _candidates(doc) if ctx.is_prose(i)]
    if not candidates:
        return []
    story = _Story(ctx, places, actors, quantities, dates)
    mentions = _mentions(story, candidates)
    if not mentions:
        return []
    routes = _merge(mentions)
    _operators_by_vessel_name(story, routes)
    return _rows(story, routes)


# --- mentions ----------------------------------------------------------------------------


class _Triggers:
    """Classified trigger tokens of a story."""

    def __init__(self, story: _Story, candidates: list[int]) -> None:
        self.role: dict[int, str] = {}
        self.mode: dict[int, str] = {}
        doc = story.doc
        lex = _lex()
        for i in candidates:
            tok = doc[i]
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if pos in ("NOUN", "PROPN"):
                if lemma in lex.journey_nouns and _one_journey(tok):
                    continue
                if lemma in lex.vehicle_mode and not _not_vehicle(tok, lemma):
                    self._set(i, "vehicle", lex.vehicle_mode[lemma])
                elif lemma in lex.trade_nouns and not _not_vehicle(tok, lemma):
                    if (lemma not in lex.trade_nouns_needing_cargo or _names_commodity(tok)) and _trade_sense(tok, lemma):
                        self._set(i, "trade_noun", "unspecified")
                elif lemma in lex.trade_agents:
                    self._set(i, "trade_agent", "unspecified")
                elif lemma in lex.links and not _not_vehicle(tok, lemma):
                    self._set(i, "link", _mode_of_modifiers(tok) or "unspecified")
            elif pos == "VERB":
                if lemma in lex.goods_verbs:
                    self._set(i, "goods_verb", lex.goods_verbs[lemma] or "unspecified")
                elif lemma in lex.trade_verbs:
                    # "sell", "buy": trade only with goods as object ("sell ... fighter jets"), not a company
                    if lemma not in lex.trade_verbs_needing_cargo or any(_is_commodity(c) for c in _cargo_nouns(tok, strict=True)):
                        self._set(i, "trade_verb", "unspecified")
                elif lemma in lex.motion_verbs:
                    self._set(i, "motion_verb", lex.motion_verbs[lemma] or "unspecified")
            elif pos == "ADJ" and lemma in lex.trade_nouns and _trade_sense(tok, lemma):
                self._set(i, "trade_noun", "unspecified")  # "trading" tagged as an adjective

    def _set(self, i: int, role: str, mode: str) -> None:
        self.role[i] = role
        self.mode[i] = mode


def _mentions(story: _Story, candidates: list[int]) -> list[Mention]:
    doc = story.doc
    lex = _lex()
    trig = _Triggers(story, candidates)
    role = trig.role

    # A "trade" modifier makes its head a trade relation ("trade agreement", "trading partner").
    for i in list(role):
        tok = doc[i]
        if role[i] == "trade_noun" and tok.lemma_.lower() in lex.trade_modifiers and tok.dep_ in ("compound", "amod", "nmod"):
            head = tok.head
            if head.lemma_.lower() in lex.trade_heads and head.i not in role:
                role[head.i] = "trade_head"
                trig.mode[head.i] = "unspecified"

    parent = {i: i for i in role}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in list(role):
        tok = doc[i]
        head = tok.head
        if head.i == i:
            continue
        dep = tok.dep_
        if dep in ("compound", "amod", "nmod", "conj") and head.i in role:
            union(i, head.i)
        elif dep == "pobj" and head.head.i in role and head.head.i != i:
            prep = head.lower_
            if prep == "of" and role[head.head.i] in ("vehicle", "link", "trade_noun", "trade_head"):
                union(i, head.head.i)  # "flow of oil tanker traffic"
            elif prep in lex.via_preps or prep == "by":
                if role[i] in ("vehicle", "link") and role[head.head.i] in ("goods_verb", "trade_verb", "motion_verb", "trade_noun"):
                    union(i, head.head.i)  # "shipping crude ... via the ... pipeline", "exports through the ... pipeline"
        if dep == "pobj" and head.lower_ in lex.via_preps and role[i] in ("vehicle", "link") and head.head.pos_ == "VERB" and head.head.i not in role:
            # "Iraq resumed oil exports through the ... pipeline": the verb's object is the flow
            for c in head.head.children:
                if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i in role and role[c.i] in ("trade_noun", "goods_verb"):
                    union(i, c.i)
        elif dep in ("nsubj", "nsubjpass", "dobj") and head.i in role and role[head.i].endswith("_verb"):
            if role[i] in ("vehicle", "link") or role[head.i] != "motion_verb":
                union(i, head.i)
        elif dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.measure_nouns:
            # "About 10 percent of U.S. imports and exports ... pass through the Panama Canal"
            measure = head.head
            if measure.dep_ in ("nsubj", "nsubjpass") and measure.head.i in role and role[measure.head.i] == "motion_verb":
                union(i, measure.head.i)
    # Verbs whose (implied) subject is a vehicle: "the link has been used to carry ...",
    # "the Transco pipeline, which ships gas from ...".
    for i in list(role):
        if role[i].endswith("_verb"):
            subj = _subject(doc[i])
            if subj is None:
                continue
            if subj.i in role and role[subj.i] in ("vehicle", "link"):
                union(i, subj.i)
            for c in subj.lefts:  # "the Caspian Pipeline Consortium, which ships oil"
                if c.dep_ == "compound" and c.pos_ == "PROPN" and role.get(c.i) == "vehicle":
                    union(i, c.i)

    clusters: dict[int, list[int]] = {}
    for i in role:
        clusters.setdefault(find(i), []).append(i)

    out: list[Mention] = []
    for members in clusters.values():
        out.extend(_build(story, trig, sorted(members)))
    _fill_same_sentence(out)
    out.sort(key=lambda m: m.span)
    return out


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, following xcomp/conj/acl links and resolving relative and reported pronouns."""
    lex = _lex()
    v = verb
    for _ in range(5):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return _resolve_pronoun(c, v, lex)
        if v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i:
            v = v.head
            continue
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head
        break
    return None


def _resolve_pronoun(subj: Token, verb: Token, lex: _Lexicon) -> Token:
    low = subj.lower_
    if low in ("which", "that", "who") and verb.dep_ == "relcl":
        return verb.head
    if low in ("it", "they"):
        v = verb
        for _ in range(3):
            if v.dep_ == "ccomp" and v.head.lemma_.lower() in lex.speech_verbs:
                for c in v.head.children:
                    if c.dep_ == "nsubj" and c.lower_ not in ("it", "they"):
                        return c  # "the monopoly said it would build"
                break
            if v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
                v = v.head
                continue
            break
    return subj


def _left_window(doc: Doc, i: int) -> list[Token]:
    """The noun-phrase words right before token ``i`` (robust to misparsed premodifiers)."""
    out: list[Token] = []
    sent_start = doc[i].sent.start
    j = i - 1
    lex = _lex()
    while j >= sent_start and len(out) < 10:
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "SYM") or t.tag_ in ("POS", "HYPH"):
            out.append(t)
        elif t.tag_ in ("VBN", "VBG", "VBD") and out and out[-1].pos_ in ("ADJ", "NOUN", "PROPN"):
            out.append(t)  # a participle inside the run ("liquefied natural gas"), misread as a verb or not
        elif t.text in ("-", "–", "(", ")", "/") or t.lower_ in lex.connectors:
            out.append(t)
        else:
            break
        j -= 1
    out.reverse()
    return out


def _place_run(story: _Story, window: list[Token]) -> tuple[End, End] | None:
    """"Canada to Texas", "Baku-Tbilisi-Ceyhan": places joined one to the next by a connector in a
    premodifier run; the first is the origin, the last the destination."""
    lex = _lex()
    chain: list[tuple[str, Token]] = []  # (place_id, last token of the place)
    gap: list[Token] = []  # tokens since the last place
    for t in window:
        pid = story.places.by_token.get(t.i)
        if pid is None:
            gap.append(t)
            continue
        if chain and chain[-1][0] == pid and not gap:
            chain[-1] = (pid, t)  # the same place goes on ("New York")
            continue
        joined = len(gap) == 1 and (gap[0].text in ("-", "–", "/") or gap[0].lower_ in lex.connectors)
        if chain and not joined:
            if len(chain) >= 2:
                break
            chain = []
        chain.append((pid, t))
        gap = []
    if len(chain) < 2:
        return None
    (a, ta), (b, tb) = chain[0], chain[-1]
    return story.place_end(a, ta), story.place_end(b, tb)


def _last_token_of(story: _Story, pid: str, tok: Token) -> Token:
    j = tok.i
    while j + 1 < len(story.doc) and story.places.by_token.get(j + 1) == pid:
        j += 1
    return story.doc[j]


@dataclass
class _Parts:
    """What a mention's words say about its ends and goods, before they are resolved."""

    origins: list[End] = field(default_factory=list)
    dests: list[End] = field(default_factory=list)
    pair: list[End] = field(default_factory=list)  # "between A and B"
    homes: list[End] = field(default_factory=list)  # a trading party, direction open ("U.S. trade")
    partners: list[End] = field(default_factory=list)  # "trade with X"
    vias: list[End] = field(default_factory=list)  # "through the Panama Canal"
    more: list[tuple[str, End]] = field(default_factory=list)  # further listed ends
    cargo: list[Token] = field(default_factory=list)
    operators: list[Token] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # directions of the trade nouns seen

    def add(self, role: str, end: End | None) -> None:
        if end is not None:
            {"origin": self.origins, "destination": self.dests}.get(role, self.homes).append(end)

    @property
    def empty(self) -> bool:
        return not (self.origins or self.dests or self.pair or self.homes)


_OTHER_END = {"origin": "destination", "destination": "origin"}


def _build(story: _Story, trig: _Triggers, members: list[int]) -> list[Mention]:
    """The mention(s) a cluster of trigger words makes: one, or one per end of a list."""
    doc = story.doc
    role = trig.role
    toks = [doc[i] for i in members]
    vehicles = [t for t in toks if role[t.i] == "vehicle"]
    links = [t for t in toks if role[t.i] == "link"]
    kind = _mention_kind(story, trig, toks)
    if kind is None:
        return []
    m = Mention(kind=kind, tokens=set(members))
    parts = _Parts()
    hosts = _hosts(toks, role)
    for h in hosts:
        if h.pos_ == "NOUN":  # "liquefied natural gas (LNG) export project"
            parts.cargo.extend(c for c in h.lefts if c.dep_ in ("compound", "nmod", "amod") and _is_commodity(c) and c.i not in m.tokens)
    for t in toks + hosts:
        _prep_ends(story, t, parts)
    for t in toks:
        r = role[t.i]
        if r.endswith("_verb"):
            if not _verb_parts(story, t, r, parts, m, bool(vehicles)):
                return []
        elif r in ("trade_noun", "trade_head"):
            _trade_noun_parts(story, t, r, parts)
        elif r == "trade_agent":
            _agent_parts(story, t, parts)
        else:
            parts.cargo.extend(c for c in t.lefts if c.dep_ in ("compound", "nmod", "amod") and _is_commodity(c) and c.i not in m.tokens)
            parts.cargo.extend(o for o in _of_objects(t) if o.i not in m.tokens)
    _fallback_ends(story, m, toks, role, vehicles + links, hosts, parts)
    _assign_ends(m, parts)
    if m.kind == "trade" and m.ends == 0:
        return []  # a trade word with no end at all cannot enrich anything

    mode = next((trig.mode[t.i] for t in vehicles), None) or next((trig.mode[t.i] for t in toks if trig.mode[t.i] != "unspecified"), "unspecified")
    mode = _through_waypoint(m, parts.vias, mode)
    m.mode = mode if mode != "unspecified" else (_mode_from_context(toks, parts.cargo) or _mode_of_ends(m) or "unspecified")
    if m.kind == "trade" and m.mode != "unspecified":
        m.kind = "transport"  # "supply China with pipeline gas"
    if m.vehicle is None:
        _set_vehicle(story, m, vehicles, links, toks, role)
    m.cargo = _cargo_texts(story, parts.cargo)
    m.operator = _operator(story, toks, parts.operators)
    # The clause of a verb trigger says whether the flow runs ("ships gas"); nouns speak for it otherwise.
    path = _status_path([t for t in toks if t.pos_ == "VERB"] or toks)
    m.status = _status(path)
    m.start_date = _start_date(story, path, toks, m.status)
    m.capacity, m.frequency = _capacity_frequency(story, toks, parts.cargo, path)
    m.span, m.sentence = _mention_span(story, m, toks), story.ctx.sentence(members[0])
    if m.kind == "trade":
        # Between countries a capital stands for its government: "Russia cut supplies to Kiev".
        m.origin, m.destination = _as_country(story, m.origin), _as_country(story, m.destination)
    return [m, *_listed_mentions(m, parts.more)]


def _mention_kind(story: _Story, trig: _Triggers, toks: list[Token]) -> str | None:
    """"transport", "trade", or None when the words do not make a route mention."""
    lex = _lex()
    role = trig.role
    roles = {role[t.i] for t in toks}
    transport = bool(roles & {"vehicle", "goods_verb"}) or any(
        role[t.i] == "link" and (trig.mode[t.i] != "unspecified" or t.lemma_.lower() not in lex.weak_links) for t in toks
    )
    trade = bool(roles & {"trade_verb", "trade_noun", "trade_head", "trade_agent"})
    if not transport and not trade:
        # A motion verb alone counts only with goods as its object ("carry coal").
        motion = [t for t in toks if role[t.i] == "motion_verb"]
        return "transport" if any(_cargo_nouns(v, strict=True) for v in motion) else None
    if not transport and roles <= {"trade_agent", "motion_verb"}:
        # "partner", "market": trade agents only with their trade sense in view ("trading partner")
        agents = [t for t in toks if role[t.i] == "trade_agent"]
        if all(t.lemma_.lower() in lex.trade_agents_needing_trade for t in agents):
            if not any(c.lemma_.lower() in lex.trade_modifiers for t in agents for c in t.lefts):
                return None
    return "transport" if transport else "trade"


def _verb_parts(story: _Story, t: Token, r: str, parts: _Parts, m: Mention, has_vehicle: bool) -> bool:
    """Subject and object of a goods, trade or motion verb; False when the object is money."""
    lex = _lex()
    subj_role = lex.trade_verbs.get(t.lemma_.lower(), "origin") if r == "trade_verb" else "origin"
    subj = _subject(t)
    if subj is not None and subj.i not in m.tokens:
        if r != "motion_verb":
            parts.add(subj_role, _party_end(story, subj))  # "China exports", "India imports"
        if _is_org(story, subj):
            parts.operators.append(subj)
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if obj is None:
        return True
    if not has_vehicle and _is_money(obj):
        return False  # "pumped $33 billion into money markets": money, not goods
    obj_end = story.end_at(obj)
    if obj_end is not None:
        parts.add(_OTHER_END[subj_role], obj_end)  # "supply China with pipeline gas"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                parts.cargo.extend(o for o in c.children if o.dep_ == "pobj")
        return True
    parts.cargo.append(obj)
    goods = _cargo_head(obj)
    for c in list(obj.children) + (list(goods.children) if goods is not None and goods is not obj else []):
        # "ferry tourists between Japan and North Korea", "imports most of its oil from Iraq"
        _prep_ends(story, c, parts, child=True)
    return True


def _trade_noun_parts(story: _Story, t: Token, r: str, parts: _Parts) -> None:
    """Ends and goods of a trade noun: modifiers ("China's exports"), the subject of the verb that has
    it ("Russia has a trade deficit with China"), its "of" object ("the supply of jet fuel to ...")."""
    lex = _lex()
    noun_role = lex.trade_nouns.get(t.lemma_.lower(), "pair") if r == "trade_noun" else "pair"
    parts.roles.add(noun_role)
    for c, end in _modifier_pairs(story, t):
        # "Chinese tire imports" come from China; "China's imports" go to it
        parts.add("origin" if noun_role == "destination" and c.dep_ == "amod" else noun_role, end)
    if t.dep_ in ("dobj", "attr") and t.head.pos_ in ("VERB", "AUX"):
        subj = _subject(t.head)
        if subj is not None:
            parts.add(noun_role, _party_end(story, subj))
    for o in _of_objects(t):
        parts.cargo.append(o)
        for c in o.children:
            _prep_ends(story, c, parts, child=True)
    parts.cargo.extend(c for c in t.lefts if c.dep_ in ("compound", "nmod", "amod") and _is_commodity(c))


def _agent_parts(story: _Story, t: Token, parts: _Parts) -> None:
    """A supplier, customer or partner: the party it describes ("China, North Korea's main supplier"),
    the other party ("North Korea's"), the goods ("supplier of oil", "customer for Russian ... resources")."""
    lex = _lex()
    lemma = t.lemma_.lower()
    agent_role = lex.trade_agents[lemma]
    entity = _agent_entity(t)
    if entity is not None:
        parts.add(agent_role, _party_end(story, entity))
        if _is_org(story, entity):
            parts.operators.append(entity)
    for c in t.lefts:
        if c.dep_ == "poss" and lemma in lex.agents_of_possessor:
            parts.add(_OTHER_END.get(agent_role, "pair"), _party_end(story, c))
    goods = _of_objects(t) + _of_objects(t, "for")
    for o in goods:
        parts.cargo.append(o)
        if agent_role == "destination":
            for end in _modifier_ends(story, o):
                parts.add("origin", end)


def _fallback_ends(story: _Story, m: Mention, toks: list[Token], role: dict[int, str], carriers: list[Token], hosts: list[Token], parts: _Parts) -> None:
    """Ends the parse did not attach: "a Canada to Texas oil pipeline", "its west Canada ... LNG export
    project" (a misparsed premodifier), goods named with their origin ("exporting Canada's energy"),
    "an export project that aims to meet growing demand in Asia"."""
    lex = _lex()
    doc = story.doc
    if carriers and not (parts.origins or parts.dests or parts.pair):
        run = _place_run(story, _left_window(doc, max(t.i for t in carriers)))
        if run is not None:
            parts.origins.append(run[0])
            parts.dests.append(run[1])
    for t in toks:
        # "exports to Germany, Italy and France" with "to Germany" hung elsewhere by the parse
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None or nxt.head.i == t.i or role[t.i] not in ("trade_noun", "vehicle", "link"):
            continue
        if nxt.lower_ in lex.destination_preps and not parts.dests and not parts.pair:
            obj = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
            end = story.end_at(obj) if obj is not None and obj.dep_ == "pobj" and obj.head.i == nxt.i else None
            if end is not None:
                parts.dests.append(end)
                parts.more.extend(("destination", e) for e in _listed_ends(story, obj))  # type: ignore[arg-type]
    if m.kind == "trade" and parts.empty:
        for t in toks:
            if role[t.i] != "trade_noun":
                continue
            for w in _left_window(doc, t.i):
                pid = story.places.by_token.get(w.i)
                if pid is not None and w.i not in m.tokens:
                    parts.add(lex.trade_nouns.get(t.lemma_.lower(), "pair"), story.place_end(pid, _last_token_of(story, pid, w)))
                    break
    if not parts.origins and not parts.pair:
        for c in parts.cargo:
            found = _modifier_ends(story, c)
            if found:
                parts.origins.append(found[0])
                break
    if m.kind == "trade" and parts.origins and not (parts.dests or parts.pair or parts.partners):
        parts.add("destination", _market_end(story, toks + hosts))


def _through_waypoint(m: Mention, vias: list[End], mode: str) -> str:
    """A one-ended flow through a place ends there: "imports and exports of goods pass through the
    Panama Canal"; a canal or strait is its vehicle and makes it a sea route."""
    if m.ends != 1 or not vias:
        return mode
    lex = _lex()
    via = vias[0]
    if m.origin is None:
        m.origin = via
    else:
        m.destination = via
    last = via.name.split()[-1].lower() if via.name else ""
    if last in lex.waypoint_heads or last in lex.vehicle_mode:
        m.kind = "transport"
        m.vehicle, m.vehicle_named = via.name, True
        if mode == "unspecified":
            mode = lex.vehicle_mode.get(last) or "sea"
    return mode


def _mention_span(story: _Story, m: Mention, toks: list[Token]) -> tuple[int, int]:
    """Token span from the mention's first word (with its modifiers) to its last word or end, in its sentence."""
    idx = [t.i for t in toks] + [e.token for e in (m.origin, m.destination) if e is not None]
    sent = story.doc[toks[0].i].sent
    lo, hi = max(min(idx), sent.start), min(max(idx), sent.end - 1)
    return max(_phrase_start(story.doc[lo]), sent.start), hi + 1


def _phrase_start(tok: Token) -> int:
    """First word of the noun phrase a word heads: its determiners and premodifiers included."""
    first = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "npadvmod", "predet"):
            first = min(first, _phrase_start(c))
    return first


def _listed_mentions(m: Mention, more: list[tuple[str, End]]) -> list[Mention]:
    """One more mention per further end of a list ("flights from London to New York, Los Angeles and
    Las Vegas", "trade deals with South Korea and Colombia"), the same in every other respect."""
    out = []
    for which, end in more:
        if which == "partner":
            which = "destination" if m.bidirectional and m.origin is not None else ""
        elif m.bidirectional:
            which = ""
        if not which or getattr(m, which) is None or not all(_distinct(end, e) for e in (m.origin, m.destination) if e):
            continue
        other = replace(m, tokens=set(m.tokens), vehicle_keys=set(m.vehicle_keys), vehicle_nouns=set(m.vehicle_nouns), cargo=list(m.cargo), capacity=list(m.capacity))
        setattr(other, which, end)
        out.append(other)
    return out


def _hosts(toks: list[Token], role: dict[int, str]) -> list[Token]:
    """Words outside the mention whose prepositions belong to it: the verb of a subject or object trigger,
    the noun of "the size of its pipeline", the verb of "10 percent of U.S. imports pass through"."""
    out: list[Token] = []
    for t in toks:
        if role[t.i] not in ("vehicle", "link", "trade_noun", "trade_head", "trade_agent"):
            continue
        if t.dep_ in ("compound", "nmod") and role[t.i] in ("vehicle", "link") and role.get(t.head.i) is None:
            continue  # "pipeline company" is no pipeline
        cur = t
        for _ in range(3):
            if cur.dep_ in ("compound", "nmod") and cur is t and cur.head.lemma_.lower() in _lex().flow_heads:
                nxt = cur.head  # "export project", "import terminal" (not "trade dialogue": talks)
            elif cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in ("NOUN", "PROPN"):
                nxt = cur.head.head
            elif cur.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and cur.head.pos_ in ("VERB", "AUX"):
                nxt = cur.head
            else:
                break
            if nxt.i in role:
                break
            out.append(nxt)
            if nxt.pos_ in ("VERB", "AUX"):
                break
            cur = nxt
    return out


def _prep_ends(story: _Story, t: Token, parts: _Parts, child: bool = False) -> None:
    """Ends given by the prepositions under ``t`` (or by ``t`` itself when it is a preposition child)."""
    lex = _lex()
    for p in [t] if child else [c for c in t.children if c.dep_ == "prep"]:
        if p.dep_ != "prep":
            continue
        obj = next((o for o in p.children if o.dep_ == "pobj"), None)
        if obj is None:
            continue
        word = p.lower_
        if word in lex.between_preps:
            first, second = story.end_at(obj), None
            conj = next((c for c in obj.children if c.dep_ == "conj"), None)
            if conj is not None:
                second = story.end_at(conj)
            else:  # "between the Flanagan Terminal ... to Enbridge's Cushing Terminal"
                for c in list(obj.subtree) + list(t.children):
                    if c.dep_ == "prep" and c.lower_ in lex.destination_preps and c is not p:
                        o = next((x for x in c.children if x.dep_ == "pobj"), None)
                        if o is not None and (second := story.end_at(o)) is not None:
                            break
            if first is not None and second is not None:
                parts.pair.extend([first, second])
            continue
        end = story.end_at(obj)
        if end is None:
            continue
        if word in lex.origin_preps or (word == "out" and any(c.lower_ == "of" for c in p.children)):
            parts.origins.append(end)
            parts.more.extend(("origin", e) for e in _listed_ends(story, obj))
            # "from Flanagan, Illinois to Cushing": the parse often hangs "to" on the origin.
            for sub in p.subtree:
                if sub.dep_ == "prep" and sub.lower_ in lex.destination_preps:
                    for o in sub.children:
                        if o.dep_ == "pobj" and (d := story.end_at(o)) is not None:
                            parts.dests.append(d)
        elif word in lex.destination_preps:
            parts.dests.append(end)
            parts.more.extend(("destination", e) for e in _listed_ends(story, obj))
        elif word in lex.partner_preps:
            parts.partners.append(end)
            parts.more.extend(("partner", e) for e in _listed_ends(story, obj))
        elif word in lex.via_preps:
            parts.vias.append(end)


def _as_country(story: _Story, end: End | None) -> End | None:
    """The country whose capital an end names ("Kiev" -> Ukraine); other ends unchanged."""
    if end is None or end.level != LOCAL:
        return end
    names = [end.name] + ([story.place_of[end.place_id].name] if end.place_id else [])
    if not any(gazetteer().government_of(n) == end.country for n in names if end.country):
        return end
    return story.country_end(end.country, end.name, story.doc[end.token])


def _listed_ends(story: _Story, obj: Token) -> list[End]:
    """Ends conjoined to ``obj`` by "and"/"or" (not "Flanagan, Illinois": a comma alone names a state)."""
    conjuncts = obj.conjuncts
    if not conjuncts or not any(t.dep_ == "cc" for c in [obj, *conjuncts] for t in c.children):
        return []
    return [e for c in conjuncts if c.i > obj.i and (e := story.end_at(c)) is not None]


def _modifier_ends(story: _Story, t: Token) -> list[End]:
    """Places and nationalities that modify a noun ("China's exports", "U.S. exports", "Russian gas")."""
    return [end for _, end in _modifier_pairs(story, t)]


def _modifier_pairs(story: _Story, t: Token) -> list[tuple[Token, End]]:
    out: list[tuple[Token, End]] = []
    for c in t.lefts:
        if c.dep_ not in ("poss", "compound", "nmod", "amod"):
            continue
        end = story.end_at(c)
        if end is None:
            actor = story.actor(c)
            if actor is not None and actor.kind == "country":
                end = story.country_end(actor.country, actor.name, c)
        if end is None:
            iso = _demonym_of(story.doc, c)
            if iso:
                end = story.country_end(iso, _strip_det(story.doc[c.left_edge.i : c.i + 1].text), c)
        if end is not None:
            out.append((c, end))
    return out


def _party_end(story: _Story, tok: Token) -> End | None:
    """The end a trading party stands for: a country actor (also a capital acting as its government:
    "Washington would sell ..."), else the place it names, else an organisation's country."""
    actor = story.actor(tok)
    if actor is not None and actor.kind == "country":
        return story.country_end(actor.country, actor.name, tok)
    return story.end_at(tok) or _actor_country_end(story, tok)


def _actor_country_end(story: _Story, tok: Token) -> End | None:
    """The country behind an actor that acts as an end: a country actor, or an organisation's country
    (from the actor table or a nationality in its phrase: "Russian gas export monopoly Gazprom")."""
    actor = story.actor(tok)
    if actor is not None and actor.kind == "country":
        return story.country_end(actor.country, actor.name, tok)
    if actor is not None and actor.kind == "organization" and actor.country:
        return story.country_end(actor.country, actor.name, tok)
    if actor is not None and actor.kind == "person":
        return None
    gaz = gazetteer()
    for t in tok.subtree:
        if t.i != tok.i and t.dep_ in ("amod", "compound", "nmod") and gaz.is_demonym(t.text) and t.ent_type_ == "NORP":
            return story.country_end(gaz.demonym(t.text), t.text, tok)
    return None


def _is_org(story: _Story, tok: Token) -> bool:
    actor = story.actor(tok)
    if actor is not None:
        return actor.kind == "organization"
    return tok.lemma_.lower() in _lex().company_nouns


def _agent_entity(t: Token) -> Token | None:
    """Who a trade agent noun describes: "China, North Korea's main supplier"; "China is a customer"."""
    if t.dep_ == "appos":
        return t.head
    if t.dep_ == "attr" and t.head.pos_ in ("AUX", "VERB"):
        return next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    for c in t.children:
        if c.dep_ == "appos":
            return c
    return None


def _names_commodity(t: Token) -> bool:
    """Whether a noun's modifiers or "of" object name goods ("oil sales", "deliveries of grain")."""
    if any(c.dep_ in ("compound", "nmod", "amod") and _is_commodity(c) for c in t.lefts):
        return True
    return any(h is not None and _is_commodity(h) for o in _of_objects(t) if (h := _cargo_head(o)) is not None)


def _is_money(t: Token) -> bool:
    return t.ent_type_ == "MONEY" or any(c.tag_ == "$" for c in t.subtree if c.i <= t.i)


def _is_commodity(t: Token) -> bool:
    commodities = _lex().commodities
    return t.lemma_.lower() in commodities or t.lower_ in commodities


def _of_objects(t: Token, prep: str = "of") -> list[Token]:
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            out.extend(o for o in c.children if o.dep_ == "pobj")
    return out


def _market_end(story: _Story, toks: list[Token]) -> End | None:
    lex = _lex()
    for t in toks:
        for c in t.children:
            if c.dep_ not in ("relcl", "acl", "xcomp", "advcl"):
                continue
            for s in c.subtree:
                if s.lemma_.lower() in lex.market_nouns:
                    for p in s.children:
                        if p.dep_ == "prep" and p.lower_ in ("in", "of"):
                            for o in p.children:
                                if o.dep_ == "pobj" and (end := story.end_at(o)) is not None:
                                    return end
    return None


def _compatible(a: End, b: End) -> bool:
    """Whether two ends may be the same end of one route: the same place, or a place inside a
    country (or a country's area: "North Korean ports") that the other end names."""
    if (a.place_id and a.place_id == b.place_id) or normalize_name(a.name) == normalize_name(b.name):
        return True
    for x, y in ((a, b), (b, a)):
        if x.level in (COUNTRY, AREA) and x.country and y.country == x.country and y.level > x.level:
            return True
    return False


def _distinct(a: End, b: End) -> bool:
    return not _compatible(a, b)


def _assign_ends(m: Mention, parts: _Parts) -> None:
    """Origin, destination and direction from what the words said, most explicit first."""
    if parts.pair:
        m.origin, m.destination, m.bidirectional = parts.pair[0], parts.pair[1], True
        return
    origin = parts.origins[0] if parts.origins else None
    dest = next((d for d in parts.dests if origin is None or _distinct(origin, d)), None)
    home = parts.homes[0] if parts.homes else None
    partner = next((p for p in parts.partners if home is None or _distinct(home, p)), None)
    both_ways = {"origin", "destination"} <= parts.roles  # "imports and exports"
    if origin is not None and dest is not None:
        m.origin, m.destination, m.bidirectional = origin, dest, both_ways
    elif home is not None and partner is not None:
        m.origin, m.destination, m.bidirectional = home, partner, True
    elif len(parts.homes) >= 2 and _distinct(parts.homes[0], parts.homes[1]):
        m.origin, m.destination, m.bidirectional = parts.homes[0], parts.homes[1], True  # "X is Y's trading partner"
    elif origin is not None and partner is not None and _distinct(origin, partner):
        m.origin, m.destination = origin, partner
    elif dest is not None and (home or partner) is not None and _distinct(dest, home or partner):  # type: ignore[arg-type]
        m.origin, m.destination = home or partner, dest
    elif both_ways and (origin or dest or home):
        m.origin, m.bidirectional = origin or dest or home, True  # "U.S. imports and exports": one end, both ways
    else:
        m.origin = origin or (home if dest is None else None)
        m.destination = dest or (partner if m.origin is not None else None)
        if m.origin is None and m.destination is None and partner is not None:
            m.destination, m.bidirectional = partner, True
        elif m.origin is not None and m.destination is None and "pair" in parts.roles:
            m.bidirectional = True


def _mode_of_ends(m: Mention) -> str | None:
    """A transport link between airports flies; between ports it sails ("routes between the United States
    and London's Heathrow Airport")."""
    if m.kind != "transport":
        return None
    modes = _lex().end_modes
    for end in (m.origin, m.destination):
        last = end.name.split()[-1].lower() if end is not None and end.name else ""
        if last in modes:
            return modes[last]
    return None


def _mode_from_context(toks: list[Token], cargo_tokens: list[Token]) -> str | None:
    lex = _lex()
    for t in toks:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for o in c.children:
                    mode = lex.mode_word.get(o.lemma_.lower()) or lex.vehicle_mode.get(o.lemma_.lower())
                    if o.dep_ == "pobj" and mode:
                        return mode
    for c in cargo_tokens:
        for l in c.lefts:
            mode = lex.mode_word.get(l.lemma_.lower())
            if l.dep_ in ("compound", "amod", "nmod") and mode:
                return mode  # "pipeline gas", "seaborne coal"
    return None


def _compound_start(story: _Story, v: Token) -> int:
    """First token of the compound run that names a vehicle ("Keystone XL oil sands pipeline"):
    nouns and names right before it, without places, nationalities or numbers."""
    first = v.i
    j = v.i - 1
    while j >= 0:
        t = story.doc[j]
        if t.dep_ not in ("compound", "nmod") or not (j < t.head.i <= v.i):
            break
        if t.like_num or gazetteer().is_demonym(t.text) or _known_place(story, j):
            break
        first = j
        j -= 1
    return first


def _known_place(story: _Story, i: int) -> bool:
    """A token of a place the gazetteer knows (an unresolved "place" before "pipeline" is its name: "Nord Stream")."""
    pid = story.places.by_token.get(i)
    return pid is not None and (story.place_of[pid].place is not None or story.place_of[pid].country is not None)


def _set_vehicle(story: _Story, m: Mention, vehicles: list[Token], links: list[Token], toks: list[Token], role: dict[int, str]) -> None:
    """The vehicle: a named vessel or line first ("Mangyongbong ferry"), else the vehicle noun with its compounds."""
    lex = _lex()
    best: tuple[int, str, bool] | None = None
    for v in vehicles + links:
        first = _compound_start(story, v)
        words = story.doc[first : v.i + 1]
        named = any(w.pos_ == "PROPN" and not _known_place(story, w.i) for w in words)
        if v.i in m.tokens and role[v.i] == "vehicle":
            m.vehicle_nouns.add(v.lemma_.lower())
        if v in links and not named:
            continue
        score = (200 if named else 100) - abs(v.i - toks[0].i)
        if best is None or score > best[0]:
            best = (score, words.text, named)
        m.vehicle_keys.add(v.lemma_.lower())
        m.vehicle_keys.update(w.lower_ for w in words if w.pos_ == "PROPN")
    if best is None:
        # The subject of a goods or motion verb that is a vehicle ("the ageing boat used to ferry").
        for t in toks:
            if role[t.i] in ("goods_verb", "motion_verb"):
                subj = _subject(t)
                if subj is not None and subj.lemma_.lower() in lex.vehicle_mode:
                    best = (0, story.doc[_compound_start(story, subj) : subj.i + 1].text, False)
                    m.vehicle_keys.add(subj.lemma_.lower())
                    m.vehicle_nouns.add(subj.lemma_.lower())
                    break
    if best is not None:
        m.vehicle, m.vehicle_named = best[1], best[2]


def _cargo_nouns(verb: Token, strict: bool) -> list[Token]:
    """The goods a verb's object names (``strict``: only known commodities)."""
    out = []
    for c in verb.children:
        if c.dep_ == "dobj":
            for t in [c, *c.conjuncts]:
                head = _cargo_head(t)
                if head is not None and (not strict or _is_commodity(head)):
                    out.append(head)
    return out


def _cargo_head(t: Token) -> Token | None:
    """The noun that names the goods: "1,000 tonnes of cargo" -> cargo; "36,000 tonnes of oil products" -> products."""
    lex = _lex()
    for _ in range(3):
        if t.lemma_.lower() in lex.measure_nouns or t.pos_ == "NUM" or t.like_num or t.ent_type_ == "MONEY":
            objs = _of_objects(t) or _of_objects(t, "in")  # "$893 million in auto parts"
            if not objs:
                return t if _is_commodity(t) else None
            t = objs[0]
            continue
        return t
    return None


def _cargo_texts(story: _Story, cargo_tokens: list[Token]) -> list[str]:
    lex = _lex()
    out: list[str] = []
    seen: set[int] = set()
    queue = list(cargo_tokens)
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        queue.extend(t.conjuncts)  # "500,000 tonnes of crude and 270,000 tonnes of products"
        head = _cargo_head(t)
        if head is None:
            continue
        seen.add(head.i)
        queue.extend(head.conjuncts)
        if head.pos_ not in ("NOUN", "PROPN") and not (head.pos_ == "ADJ" and _is_commodity(head)) or head.like_num:
            continue
        if story.places.by_token.get(head.i) or story.actors.actor_at(head.i):
            continue
        lemma = head.lemma_.lower()
        if not _is_commodity(head) and head.pos_ != "PROPN":
            # Objects of a goods verb may be any goods; of a trade noun only known commodities.
            if not any(story.doc[i].dep_ == "dobj" for i in [t.i]) or lemma in lex.measure_nouns:
                continue
        first = head.i
        for c in head.lefts:
            if c.dep_ in ("compound", "nmod") or (c.dep_ == "amod" and (_is_commodity(c) or c.lemma_.lower() in lex.cargo_modifiers)):
                if story.places.by_token.get(c.i) is None and not gazetteer().is_demonym(c.text):
                    first = min(first, c.i)
        words = [w for w in story.doc[first : head.i + 1] if w.text not in ("(", ")")]
        text = " ".join(w.text for w in words)
        if text and text.lower() not in (x.lower() for x in out):
            out.append(text)
    return out


def _operator(story: _Story, toks: list[Token], operator_tokens: list[Token]) -> str | None:
    lex = _lex()
    candidates: list[Token] = []
    for t in toks:
        for c in t.lefts:
            if c.dep_ == "poss":
                candidates.append(c)  # "TransCanada Corp's ... pipeline", "its ... project"
        for c in t.children:
            if c.dep_ == "acl":  # "a pipeline project to be built by TransCanada Corp"
                for a in c.children:
                    if a.dep_ == "agent":
                        candidates.extend(o for o in a.children if o.dep_ == "pobj")
        if t.dep_ == "dobj" and t.head.lemma_.lower() in lex.operator_verbs:
            subj = _subject(t.head)
            if subj is not None:
                candidates.append(subj)  # "TransCanada will build the pipeline"
        # "would be the general agent for the ferry route"
        h = t.head
        if t.dep_ == "pobj" and h.lower_ in ("for", "of") and h.head.lemma_.lower() in lex.operator_nouns:
            noun = h.head
            if noun.dep_ == "attr":
                subj = _subject(noun.head)
                if subj is not None:
                    candidates.append(subj)
            elif noun.dep_ == "appos":
                candidates.append(noun.head)  # "Williams, owner of the Transco pipeline"
            for c in noun.lefts:
                if c.dep_ == "poss":
                    candidates.append(c)
    candidates.extend(operator_tokens)
    for c in candidates:
        name = _organisation_name(story, c)
        if name:
            return name
    return None


def _organisation_name(story: _Story, tok: Token) -> str | None:
    """The organisation a word stands for: an organisation actor, "its" (the nearest organisation
    before it), "his company" (the affiliation of the nearest person before it), "the company"."""
    lex = _lex()
    actor = story.actor(tok)
    if actor is not None:
        return actor.name if actor.kind == "organization" else None
    low = tok.lower_
    if low in ("its", "their"):
        return _nearest_org(story, tok.i)
    if tok.lemma_.lower() in lex.company_nouns:
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in ("his", "her"):
            for _, person in story.actors.persons_before(tok.i):
                return person.affiliation
            return None
        if poss is not None:
            return _organisation_name(story, poss)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return _nearest_org(story, tok.i)
    return None


def _nearest_org(story: _Story, i: int) -> str | None:
    sent = story.ctx.sentence(i)
    best: tuple[int, Actor] | None = None
    for a in story.actors.actors:
        if a.kind != "organization":
            continue
        for s, _ in a.mentions:
            if s < i and sent - story.ctx.sentence(s) <= 2 and (best is None or s > best[0]):
                best = (s, a)
    return best[1].name if best else None


def _status_path(toks: list[Token]) -> list[Token]:
    """The mention's words and the words above them up to their clause's verb."""
    path: list[Token] = []
    seen: set[int] = set()
    for t in toks:
        cur = t
        for _ in range(8):
            if cur.i in seen:
                break
            seen.add(cur.i)
            path.append(cur)
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in ("ROOT", "ccomp", "relcl", "advcl", "parataxis", "conj", "acl", "pcomp"):
                break
            if cur.head.i == cur.i:
                break
            if cur.dep_ == "prep" and cur.lower_ not in _lex().route_preps:
                break  # "may be ... because of the big trade ties", "could harm competition on ... routes"
            cur = cur.head
    return path


def _status(path: list[Token]) -> str:
    """Suspended, historical or planned when a cue of that status sits on the path; active otherwise."""
    lex = _lex()
    verbs: set[str] = set()
    nouns: set[str] = set()
    modifiers: set[str] = set()
    negated = False
    for t in path:
        if t.pos_ in ("VERB", "AUX"):
            verbs.add(t.lemma_.lower())
        elif t.pos_ in ("NOUN", "PROPN"):
            nouns.add(t.lemma_.lower())
        for c in t.children:
            dep = c.dep_
            if dep in ("aux", "auxpass", "amod", "advmod", "neg"):
                modifiers.add(c.lower_)
                negated = negated or dep == "neg" or c.lower_ in lex.negators
            elif dep in ("acl", "xcomp") and c.pos_ == "VERB" and c.i not in {x.i for x in path}:
                verbs.add(c.lemma_.lower())  # "a pipeline to be built", "service starting next week"
        if t.lower_ == "used" and not any(c.dep_ in ("auxpass", "aux") for c in t.children):
            if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
                return "historical"  # "the boat used to ferry tourists"
    for name, cue_verbs, cue_nouns, cue_modifiers in lex.status_cues:
        if verbs & cue_verbs or nouns & cue_nouns or modifiers & cue_modifiers:
            if name == "suspended" and negated:
                continue
            return name
    return "active"


def _start_date(story: _Story, path: list[Token], toks: list[Token], status: str) -> str | None:
    """When the route starts or started: a date after "from"/"since"/"starting", a date of a start word
    ("starting next week"), or for a planned route the date it is planned for ("in 2010")."""
    if not story.dates.by_token:
        return None
    lex = _lex()
    for t in path + [c for tok in toks for c in tok.children if c.dep_ in ("acl", "relcl")]:
        starts = t.lemma_.lower() in lex.start_words
        for c in t.children:
            if c.dep_ == "prep" and (c.lower_ in lex.start_preps or (c.lower_ in lex.date_preps and (starts or status == "planned"))):
                for o in c.children:
                    if o.dep_ == "pobj" and (v := story.date_value(o.i)) and not v.startswith("P"):
                        return v  # a date, not a duration or a set ("P3M")
            if starts and c.dep_ in ("npadvmod", "advmod", "obl", "tmod"):
                for sub in c.subtree:
                    if (v := story.date_value(sub.i)) and not v.startswith("P"):
                        return v
    return None


def _capacity_frequency(story: _Story, toks: list[Token], cargo_tokens: list[Token], path: list[Token]) -> tuple[list[str], str | None]:
    """Capacity: quantity rows (not money, shares, lengths or durations) in the cargo or on the vehicle
    ("up to 200 passengers", "700,000 barrel-a-day ... pipeline", "a capacity of 585,000 bpd").
    Frequency: a frequency quantity or a recurring date ("six times a month") on the verb, else a
    frequency word ("daily flights")."""
    lex = _lex()
    cargo_ranges = [(c.left_edge.i, c.right_edge.i) for c in cargo_tokens]
    own_ranges = []
    for t in toks:
        left = list(t.lefts)
        if left:
            own_ranges.append((left[0].left_edge.i, t.i))
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "of"):
                for o in c.children:
                    if o.lemma_.lower() in lex.capacity_nouns:
                        own_ranges.append((o.left_edge.i, o.right_edge.i))
    verb_ranges = [(c.left_edge.i, c.right_edge.i) for t in toks if t.pos_ == "VERB" for c in t.children if c.dep_ in ("npadvmod", "advmod", "prep")]

    def starts_in(a: int, ranges: list[tuple[int, int]]) -> bool:
        return any(lo <= a <= hi for lo, hi in ranges)

    capacity: list[str] = []
    frequency: str | None = None
    for row, a, b in story.quantity_spans() if story.quantities else []:
        kind = row.get("unit_kind")
        if kind == "frequency":
            if starts_in(a, verb_ranges + own_ranges):
                frequency = frequency or row.get("text")
            continue
        if kind in lex.not_capacity_kinds or any(a <= t.i <= b for t in toks):
            continue  # money, shares, lengths; "five ... oil tankers" counts vehicles, not what they carry
        if starts_in(a, cargo_ranges + own_ranges):
            capacity.append(row["quantity_id"])
    if frequency is None and story.dates.rows:
        for row, a, _ in story.set_date_spans():
            if starts_in(a, verb_ranges):
                frequency = row.get("text")
                break
    if frequency is None:
        for t in toks + path:
            for c in t.children:
                if c.dep_ in ("amod", "advmod", "npadvmod") and c.lower_ in lex.frequency_words:
                    return capacity, c.text  # "daily flights", "weekly service"
    return capacity, frequency


def _fill_same_sentence(mentions: list[Mention]) -> None:
    """A trade mention with one end takes its other end from another trade mention of the sentence
    ("Trade with the EU ..., or 52 percent of Russia's foreign trade")."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.kind == "trade":
            by_sentence.setdefault(m.sentence, []).append(m)
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        homes = [m.origin for m in group if m.origin is not None and (m.destination is None or not m.bidirectional)]
        for m in group:
            if m.ends == 1 and m.destination is not None and m.origin is None:
                # "Japan's exports slumped ... as shipments to Europe and China tumbled"
                home = next((h for h in homes if _distinct(h, m.destination)), None)
                if home is not None:
                    m.origin = home


# --- routes ------------------------------------------------------------------------------


def _ends_agree(route: Mention, m: Mention) -> tuple[bool, bool]:
    """(agree, reversed): whether the mention's ends fit the route's, and in which order."""
    ro, rd, mo, md = route.origin, route.destination, m.origin, m.destination
    def ok(a: End | None, b: End | None) -> bool:
        return a is None or b is None or _compatible(a, b)
    if ok(ro, mo) and ok(rd, md) and (mo is None or ro is not None) and (md is None or rd is not None):
        return True, False
    if (route.bidirectional or m.bidirectional) and ok(ro, md) and ok(rd, mo) and (md is None or ro is not None) and (mo is None or rd is not None):
        return True, True
    return False, False


def _fields_agree(route: Mention, m: Mention) -> bool:
    if route.kind != m.kind:
        return False
    if route.mode != "unspecified" and m.mode != "unspecified" and route.mode != m.mode:
        return False
    if route.vehicle_named and m.vehicle_named and route.vehicle and m.vehicle:
        if not (set(route.vehicle.lower().split()) & set(m.vehicle.lower().split()) - {"pipeline", "line", "the"}):
            return False
    if route.vehicle_nouns and m.vehicle_nouns and not (route.vehicle_nouns & m.vehicle_nouns):
        generic = _lex().generic_vehicles
        if not (route.vehicle_nouns & generic or m.vehicle_nouns & generic):
            return False  # a tanker flow is not the ferry service
    if route.kind == "transport" and route.cargo and m.cargo:
        generic = _lex().generic_cargo
        a = {w.lower() for c in route.cargo for w in c.split()} - generic
        b = {w.lower() for c in m.cargo for w in c.split()} - generic
        if a and b and not (a & b):
            return False
    return True


def _merge(mentions: list[Mention]) -> list[Mention]:
    routes: list[Mention] = []
    for m in mentions:
        if m.ends < 2:
            continue
        target = None
        for r in reversed(routes):  # the most recent route it fits: discourse continues a topic
            agree, rev = _ends_agree(r, m)
            if agree and _fields_agree(r, m):
                target = (r, rev)
                break
        if target is None:
            routes.append(m)
        else:
            _absorb(target[0], m, target[1], full=True)
    for m in mentions:
        if m.ends == 2:
            continue
        if m.ends == 0 and not m.vehicle_keys:
            continue
        cands = []
        for r in routes:
            agree, rev = _ends_agree(r, m)
            if not agree or not _fields_agree(r, m) or r.mode != m.mode:
                continue  # one end is too little to tell a pipeline from a shipping route
            if m.ends == 0 and not (m.vehicle_keys & r.vehicle_keys):
                continue
            cands.append((r, rev))
        if len(cands) > 1:
            same = [c for c in cands if c[0].sentence == m.sentence]
            cands = same if len(same) == 1 else cands
        if len(cands) == 1:
            _absorb(cands[0][0], m, cands[0][1], full=False)
    return routes


def _absorb(r: Mention, m: Mention, reverse: bool, full: bool) -> None:
    mo, md = (m.destination, m.origin) if reverse else (m.origin, m.destination)
    if mo is not None and r.origin is not None and mo.level > r.origin.level:
        r.origin = mo
    if md is not None and r.destination is not None and md.level > r.destination.level:
        r.destination = md
    if full and r.bidirectional and not m.bidirectional:
        r.bidirectional = False
        if reverse:
            r.origin, r.destination = r.destination, r.origin
    if r.mode == "unspecified":
        r.mode = m.mode
    if m.vehicle and (r.vehicle is None or (m.vehicle_named and not r.vehicle_named)):
        r.vehicle, r.vehicle_named = m.vehicle, m.vehicle_named
    r.vehicle_keys |= m.vehicle_keys
    r.vehicle_nouns |= m.vehicle_nouns
    for c in m.cargo:
        if c.lower() not in (x.lower() for x in r.cargo):
            r.cargo.append(c)
    for q in m.capacity:
        if q not in r.capacity:
            r.capacity.append(q)
    r.frequency = r.frequency or m.frequency
    r.operator = r.operator or m.operator
    r.start_date = r.start_date or m.start_date
    r.tokens |= m.tokens


def _operators_by_vessel_name(story: _Story, routes: list[Mention]) -> None:
    """"his company had chartered the Mangyongbong": an operator verb whose object names a route's vessel."""
    lex = _lex()
    named = [r for r in routes if r.vehicle_named and r.operator is None]
    if not named:
        return
    for tok in story.doc:
        if tok.pos_ != "PROPN" or tok.dep_ != "dobj" or tok.head.lemma_.lower() not in lex.operator_verbs:
            continue
        if story.places.by_token.get(tok.i):
            continue
        hits = [r for r in named if tok.lower_ in r.vehicle_keys and tok.i not in r.tokens]
        if len(hits) == 1:
            subj = _subject(tok.head)
            if subj is not None:
                hits[0].operator = _organisation_name(story, subj)


def _rows(story: _Story, routes: list[Mention]) -> list[dict]:
    doc = story.doc
    routes = sorted(routes, key=lambda r: r.span)
    rows = []
    for n, r in enumerate(routes, start=1):
        a, b = r.span
        span = doc[a:b]
        o, d = r.origin, r.destination
        rows.append(
            {
                "route_id": f"R{n}",
                "kind": r.kind,
                "origin": o.name if o else None,
                "destination": d.name if d else None,
                "origin_place_id": o.place_id if o else None,
                "destination_place_id": d.place_id if d else None,
                "bidirectional": r.bidirectional,
                "mode": r.mode,
                "vehicle": r.vehicle,
                "cargo": r.cargo,
                "capacity": r.capacity,
                "frequency": r.frequency,
                "operator": r.operator,
                "status": r.status,
                "start_date": r.start_date,
                "claim_id": None,
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
                "sentence": r.sentence,
            }
        )
    return rows
