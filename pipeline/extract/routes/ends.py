"""Ends: where a mention's words say its route starts and ends, and in which direction.

Collects candidate ends in :class:`Parts` from prepositions (from/to/between/
with/through), place and nationality modifiers ("U.S. exports", "Russian gas"),
trading parties (a country actor, or an organisation's country), "X to Y" or
"X-Y" runs of places before a vehicle noun, listed ends ("to Germany, Italy and
France") and "demand in Asia"; then :func:`assign_ends` picks origin,
destination and direction, most explicit first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...gazetteer import gazetteer
from .lexicon import lexicon
from .story import End, LOCAL, Mention, Story, demonym_of, distinct, negated, strip_det
from .syntax import relation_place, sold_in_market


@dataclass
class Parts:
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


PREP_DEPS = ("prep", "dative")  # "carry gas to Europe": the parser calls that "to" a dative


def prep_ends(story: Story, t: Token, parts: Parts, child: bool = False) -> None:
    """Ends given by the prepositions under ``t`` (or by ``t`` itself when it is a preposition child)."""
    lex = lexicon()
    for p in [t] if child else [c for c in t.children if c.dep_ in PREP_DEPS]:
        if p.dep_ not in PREP_DEPS:
            continue
        obj = next((o for o in p.children if o.dep_ == "pobj"), None)
        if obj is None:
            continue
        word = p.lower_
        if (word in lex.between_preps or word in lex.partner_preps) and _party_topic(p.head):
            continue  # rule party_nouns: "a dispute over gas supplies between Russia and Ukraine"
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
        elif word in lex.via_preps and relation_place(p):
            parts.partners.append(end)  # rule partners_across: "China's trading partners across Europe"
        elif word in lex.via_preps:
            parts.vias.append(end)


def _party_topic(t: Token) -> bool:
    """Rule ``party_nouns``: whether ``t`` is a party noun ("talks", "agreement", "dispute") or what
    one is about ("a dispute over gas supplies"): its "between" and "with" name the parties."""
    party = lexicon().party_nouns
    if t.lemma_.lower() in party:
        return True
    prep = t.head if t.dep_ == "pobj" else None
    return prep is not None and prep.dep_ == "prep" and prep.head.lemma_.lower() in party


def _listed_ends(story: Story, obj: Token) -> list[End]:
    """Ends conjoined to ``obj`` by "and"/"or" (not "Flanagan, Illinois": a comma alone names a state)."""
    conjuncts = obj.conjuncts
    if not conjuncts or not any(t.dep_ == "cc" for c in [obj, *conjuncts] for t in c.children):
        return []
    return [e for c in conjuncts if c.i > obj.i and (e := story.end_at(c)) is not None]


def modifier_ends(story: Story, t: Token) -> list[End]:
    """Places and nationalities that modify a noun ("China's exports", "U.S. exports", "Russian gas")."""
    return [end for _, end in modifier_pairs(story, t)]


def modifier_pairs(story: Story, t: Token) -> list[tuple[Token, End]]:
    out: list[tuple[Token, End]] = []
    for c in t.lefts:
        if c.dep_ not in ("poss", "compound", "nmod", "amod") or negated(c):
            continue
        end = story.end_at(c)
        if end is None:
            actor = story.actor(c)
            if actor is not None and actor.kind == "country":
                end = story.country_end(actor.country, actor.name, c)
        if end is None:
            iso = demonym_of(story.doc, c)
            if iso:
                end = story.country_end(iso, strip_det(story.doc[c.left_edge.i : c.i + 1].text), c)
        if end is not None:
            out.append((c, end))
    return out


def party_end(story: Story, tok: Token) -> End | None:
    """The end a trading party stands for: a country actor (also a capital acting as its government:
    "Washington would sell ..."), else the place it names, else an organisation's country."""
    actor = story.actor(tok)
    if actor is not None and actor.kind == "country":
        return story.country_end(actor.country, actor.name, tok)
    return story.end_at(tok) or _actor_country_end(story, tok)


def _actor_country_end(story: Story, tok: Token) -> End | None:
    """The country behind an actor that acts as an end: a country actor, or an organisation's country
    (from the actor table or a nationality in its phrase: "Russian gas export monopoly Gazprom")."""
    actor = story.actor(tok)
    if actor is not None and actor.kind == "country":
        return story.country_end(actor.country, actor.name, tok)
    if actor is not None and actor.kind == "organization" and actor.country:
        return story.country_end(actor.country, actor.name, tok)
    if actor is not None and actor.kind == "person":
        return None
    return phrase_country_end(story, tok)


_CLAUSES = ("acl", "relcl", "advcl", "ccomp", "xcomp")


def phrase_country_end(story: Story, tok: Token) -> End | None:
    """The country of a nationality in a noun's own phrase, outside the clauses below it:
    "Russian gas export monopoly Gazprom" is Russian, "a contract to supply the French
    railways" is not French (archive audit 50f: Bombardier read as a French supplier)."""
    gaz = gazetteer()
    stack = [tok]
    while stack:
        for t in stack.pop().children:
            if t.dep_ in _CLAUSES:
                continue
            if t.dep_ in ("amod", "compound", "nmod") and gaz.is_demonym(t.text) and t.ent_type_ == "NORP" and not negated(t):
                return story.country_end(gaz.demonym(t.text), t.text, tok)
            stack.append(t)
    return None


def fallback_ends(story: Story, m: Mention, toks: list[Token], role: dict[int, str], carriers: list[Token], hosts: list[Token], parts: Parts) -> None:
    """Ends the parse did not attach: "a Canada to Texas oil pipeline", "its west Canada ... LNG export
    project" (a misparsed premodifier), goods named with their origin ("exporting Canada's energy"),
    "an export project that aims to meet growing demand in Asia"."""
    lex = lexicon()
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
    # "U.S. vehicle sales": the place is the market, neither the goods' origin nor a partner
    market = any(role[t.i] == "trade_noun" and sold_in_market(t) for t in toks)
    if m.kind == "trade" and parts.empty and not market:
        for t in toks:
            if role[t.i] != "trade_noun":
                continue
            for w in _left_window(doc, t.i):
                pid = story.places.by_token.get(w.i)
                if pid is not None and w.i not in m.tokens:
                    parts.add(lex.trade_nouns.get(t.lemma_.lower(), "pair"), story.place_end(pid, _last_token_of(story, pid, w)))
                    break
    if not parts.origins and not parts.pair and not market:
        for c in parts.cargo:
            found = modifier_ends(story, c)
            if found:
                parts.origins.append(found[0])
                break
    if m.kind == "trade" and parts.origins and not (parts.dests or parts.pair or parts.partners):
        parts.add("destination", _market_end(story, toks + hosts))


def _left_window(doc: Doc, i: int) -> list[Token]:
    """The noun-phrase words right before token ``i`` (robust to misparsed premodifiers)."""
    out: list[Token] = []
    sent_start = doc[i].sent.start
    j = i - 1
    lex = lexicon()
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


def _place_run(story: Story, window: list[Token]) -> tuple[End, End] | None:
    """"Canada to Texas", "Baku-Tbilisi-Ceyhan": places joined one to the next by a connector in a
    premodifier run; the first is the origin, the last the destination."""
    lex = lexicon()
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
        if joined and chain and t.i in story.one_place_tokens and chain[-1][1].i in story.one_place_tokens:
            chain[-1] = (chain[-1][0], t)  # rule one_place_name: "Asia-Pacific carriers" is one region
            gap = []
            continue
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


def _last_token_of(story: Story, pid: str, tok: Token) -> Token:
    j = tok.i
    while j + 1 < len(story.doc) and story.places.by_token.get(j + 1) == pid:
        j += 1
    return story.doc[j]


def _market_end(story: Story, toks: list[Token]) -> End | None:
    lex = lexicon()
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


def assign_ends(m: Mention, parts: Parts) -> None:
    """Origin, destination and direction from what the words said, most explicit first."""
    if parts.pair:
        m.origin, m.destination, m.bidirectional = parts.pair[0], parts.pair[1], True
        return
    origin = parts.origins[0] if parts.origins else None
    dest = next((d for d in parts.dests if origin is None or distinct(origin, d)), None)
    home = parts.homes[0] if parts.homes else None
    partner = next((p for p in parts.partners if home is None or distinct(home, p)), None)
    both_ways = {"origin", "destination"} <= parts.roles  # "imports and exports"
    if origin is not None and dest is not None:
        m.origin, m.destination, m.bidirectional = origin, dest, both_ways
    elif home is not None and partner is not None:
        m.origin, m.destination, m.bidirectional = home, partner, True
    elif len(parts.homes) >= 2 and distinct(parts.homes[0], parts.homes[1]):
        m.origin, m.destination, m.bidirectional = parts.homes[0], parts.homes[1], True  # "X is Y's trading partner"
    elif origin is not None and partner is not None and distinct(origin, partner):
        m.origin, m.destination = origin, partner
    elif dest is not None and (home or partner) is not None and distinct(dest, home or partner):  # type: ignore[arg-type]
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


def as_country(story: Story, end: End | None) -> End | None:
    """The country whose capital an end names ("Kiev" -> Ukraine); other ends unchanged."""
    if end is None or end.level != LOCAL:
        return end
    names = [end.name] + ([story.place_of[end.place_id].name] if end.place_id else [])
    if not any(gazetteer().government_of(n) == end.country for n in names if end.country):
        return end
    return story.country_end(end.country, end.name, story.doc[end.token])
