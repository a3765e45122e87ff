"""Route ends and mentions, and the per-story look-ups that name an end.

Decides what a noun phrase names as a route end (a place row, an area of a
country such as "North Korean east coast ports", a trade bloc) and how specific
it is (:data:`REGION` < :data:`COUNTRY` < :data:`AREA` < :data:`LOCAL`), and
whether two ends may be the same end of one route (:func:`compatible`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...gazetteer import gazetteer, normalize_name
from ...resources import load_json, model_path
from ..actors import Actor, ActorIndex
from ..context import DocContext
from ..dates import DateIndex
from ..places import PlaceHit, PlaceIndex
from .lexicon import lexicon
from .syntax import NOUN_MODIFIER_DEPS


MODEL_RULE = "pair_model"  # the rule name of a mention the decision model made (decision.py)
CANDIDATE_CONFIDENCE = "pair_model:candidate"  # rule_confidence key of a model row kept out of routes

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
    rule: str = "parse"  # what gave the mention its ends: parse, implied:<sieve>, named_link[:end], pair_model
    probability: float | None = None  # the decision model's probability, for a pair_model mention

    def copy(self, **changes: object) -> "Mention":
        """Another mention like this one (its sets and lists copied, not shared), with ``changes``."""
        fresh = dict(tokens=set(self.tokens), vehicle_keys=set(self.vehicle_keys), vehicle_nouns=set(self.vehicle_nouns), cargo=list(self.cargo), capacity=list(self.capacity))
        return replace(self, **{**fresh, **changes})

    def trust(self) -> float:
        """How far to trust the mention's ends: its rule's share of right rows (lexicon ``rule_confidence``);
        a model row below ``model_route_probability`` (a ``route_candidates`` row) has its own share."""
        lex = lexicon()
        if self.rule == MODEL_RULE and (self.probability or 0.0) < lex.model_route_probability:
            return lex.rule_confidence[CANDIDATE_CONFIDENCE]
        return lex.rule_confidence[self.rule]

    @property
    def ends(self) -> int:
        return (self.origin is not None) + (self.destination is not None)


class Story:
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
        self.company_places = company_places(places, actors)
        self.quantities = quantities
        self.dates = dates
        self._quantity_tokens: list[tuple[dict, int, int]] | None = None
        self._set_date_tokens: list[tuple[dict, int, int]] | None = None
        self._one_place: frozenset[int] | None = None

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
            name = strip_det(self.doc[a : b + 1].text)
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
        lex = lexicon()
        if self.names_agreement(tok):
            return None
        pid = self.places.by_token.get(tok.i)
        if pid is not None:
            return None if pid in self.company_places else self.place_end(pid, tok)
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
                name = strip_det(self.doc[first : tok.i + 1].text)
                if kind == "place":
                    hit = self.place_of[value]
                    if tok.pos_ == "PROPN" and hit.kind in ("region", "other") and not hit.country:
                        return End(name, None, None, REGION, tok.i)  # "Gulf Coast" is not the Gulf
                    if hit.kind in ("region", "other") and not hit.country and region_anaphor(tok):
                        return self._antecedent_country(tok)  # "the Caribbean country": Cuba, named before
                    # "North Korean ports" is an area of a country; "Vladivostok-area ports" a city's
                    return End(name, value, hit.country, AREA if hit.kind == "country" else LOCAL, tok.i)
                end = self.country_end(value, name, tok)
                end.name, end.level = name, AREA
                return end
        if lemma in lex.market_nouns or lemma in lex.trade_agents or lemma in lex.place_heads:
            named = self._named_instance(tok)
            if named is not None:
                return named
        if actor is not None and (normalize_name(actor.name) in lex.trade_blocs or any(normalize_name(a) in lex.trade_blocs for a in actor.aliases)):
            return End(actor.name, None, None, REGION, tok.i)
        return None

    def _antecedent_country(self, tok: Token) -> End | None:
        """The country named last before ``tok`` (within the story), which the anaphor stands for."""
        for i in range(tok.i - 1, -1, -1):
            pid = self.places.by_token.get(i)
            if pid is not None and pid not in self.company_places and self.place_of[pid].kind == "country":
                return self.place_end(pid, self.doc[i])
        return None

    def names_agreement(self, tok: Token) -> bool:
        """Rule ``agreement_not_end``: a trade agreement's name (lexicon ``agreement_names``: "NAFTA")
        is no end, nor is a bloc's name that modifies a party noun ("the Mercosur trade pact")."""
        lex = lexicon()
        actor = self.actor(tok)
        names = {normalize_name(tok.text)} | ({normalize_name(n) for n in (actor.name, *actor.aliases)} if actor else set())
        if names & lex.agreement_names:
            return True
        if tok.dep_ in NOUN_MODIFIER_DEPS and names & lex.trade_blocs:
            head = tok.head
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head  # "the ASEAN free trade agreement": up to "agreement"
            return head.lemma_.lower() in lex.party_nouns
        return False

    @property
    def one_place_tokens(self) -> frozenset[int]:
        """Rule ``one_place_name``: the tokens of hyphenated names of one region (lexicon
        ``one_place_names``: "Asia-Pacific"), which are no two places."""
        if self._one_place is None:
            text, found = self.ctx.text.lower(), set()
            for name in lexicon().one_place_names:
                at = text.find(name)
                while at >= 0:
                    span = self.doc.char_span(at, at + len(name), alignment_mode="expand")
                    found.update(range(span.start, span.end) if span is not None else ())
                    at = text.find(name, at + 1)
            self._one_place = frozenset(found)
        return self._one_place

    def _named_instance(self, tok: Token) -> End | None:
        """The place a common noun is illustrated by: "top consumers Japan and South Korea"
        (apposition), "popular resorts such as Cancun" ("such as")."""
        for c in tok.children:
            if c.dep_ == "appos" and (pid := self.places.by_token.get(c.i)) is not None:
                return self.place_end(pid, c)
            if c.dep_ == "prep" and c.lower_ == "as" and any(w.lower_ == "such" for w in c.lefts) or (c.dep_ == "amod" and c.lower_ == "such"):
                for o in c.subtree:
                    if o.dep_ == "pobj" and (pid := self.places.by_token.get(o.i)) is not None:
                        return self.place_end(pid, o)
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
            iso = demonym_of(self.doc, c)
            if iso is not None:
                best = best or ("country", iso, sub[0].i)
            elif (p := self.place_named.get(normalize_name(c.text))) is not None and c.pos_ == "PROPN":
                return ("place", p, sub[0].i)
        return best

    def is_org(self, tok: Token) -> bool:
        """Whether ``tok`` names an organisation: an organisation actor, or a company noun."""
        actor = self.actor(tok)
        if actor is not None:
            return actor.kind == "organization"
        return tok.lemma_.lower() in lexicon().company_nouns

    def actor(self, tok: Token) -> Actor | None:
        actor_id = self.actors.actor_at(tok.i)
        return self.actor_of.get(actor_id) if actor_id else None


def company_places(places: PlaceIndex, actors: ActorIndex) -> set[str]:
    """Rule ``company_not_place``: places that are companies. A town the gazetteer found under the
    name or an alias of an organisation of the story ("BM Group", "Bunge", "Gannett" for Gannett Co.
    Inc.), or a town or "other" place (lexicon ``company_place_kinds``) named like an organisation
    the archive knows ("VW") or like the first word of one of the story's ("Smithfield" of
    Smithfield Foods Inc.: a city such as Shanghai of Shanghai Volkswagen stays a place)."""
    names = [n for a in actors.actors if a.kind == "organization" for n in (a.name, *a.aliases)]
    orgs = {normalize_name(n) for n in names}
    kinds = lexicon().company_place_kinds
    # "Smithfield" of Smithfield Foods Inc., "Gannett" of Gannett Co.: a town sharing a company's head word
    known = archive_companies() | {normalize_name(n.split()[0]) for n in names if len(n.split()) > 1}
    return {
        p.place_id
        for p in places.places
        if p.kind != "country" and (normalize_name(p.name) in orgs or (p.kind in kinds and normalize_name(p.name) in known))
    }


@lru_cache(maxsize=1)
def archive_companies() -> frozenset[str]:
    """Organisation names the archive mining kept (``gazetteer/org_countries.json``), normalised."""
    if not model_path("gazetteer/org_countries.json").is_file():
        return frozenset()
    return frozenset(normalize_name(n) for n in load_json("gazetteer/org_countries.json")["organizations"])


def demonym_of(doc: Doc, c: Token) -> str | None:
    """ISO3 of a nationality modifier ("North Korean", "Russian"), not of a part of a longer name
    ("Central American")."""
    gaz = gazetteer()
    if negated(c):
        return None
    a, b = c.left_edge.i, c.right_edge.i
    text = strip_det(doc[a : b + 1].text)
    if gaz.is_demonym(text):
        return gaz.demonym(text)
    if gaz.is_demonym(c.text) and not any(t.text[:1].isupper() for t in doc[a : b + 1] if t.i != c.i):
        return gaz.demonym(c.text)
    return None


def region_anaphor(tok: Token) -> bool:
    """Rule ``region_country_anaphor`` (audit 50n): "the Caribbean country" (a definite singular
    country noun of lexicon ``anaphor_heads``, read under a region) names a country, not the region."""
    return tok.tag_ == "NN" and tok.lower_ in lexicon().anaphor_heads and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts)


def negated(c: Token) -> bool:
    """"non-Russian sources": a nationality that says where the goods do not come from."""
    doc = c.doc
    return c.i >= 2 and doc[c.i - 1].text == "-" and doc[c.i - 2].lower_ == "non"


def strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def compatible(a: End, b: End) -> bool:
    """Whether two ends may be the same end of one route: the same place or an equivalent one
    (lexicon ``equivalent_ends``), or a place inside a country (or a country's area: "North Korean ports") that the other end names."""
    na, nb = normalize_name(a.name), normalize_name(b.name)
    if (a.place_id and a.place_id == b.place_id) or na == nb:
        return True
    groups = lexicon().equivalent_end
    if na in groups and groups.get(nb) == groups[na]:
        return True  # "European Union" and "Europe"
    for x, y in ((a, b), (b, a)):
        if x.level in (COUNTRY, AREA) and x.country and y.country == x.country and y.level > x.level:
            return True
    return False


def distinct(a: End, b: End) -> bool:
    return not compatible(a, b)
