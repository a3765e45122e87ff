"""Mentions: which trigger words make one mention of a route, and what kind.

Triggers joined by the parse (a vehicle compound of a link noun, "flow of ...
traffic", a vehicle that is the subject of a motion verb, "shipping ... via ...
pipeline", "imports and exports") form one cluster; each cluster is built into
a transport or trade mention (or none), with its ends (:mod:`.ends`) and fields
(:mod:`.fields`), plus one more mention per further end of a list.
"""

from __future__ import annotations

from spacy.tokens import Token

from .ends import Parts, as_country, assign_ends, fallback_ends, modifier_ends, modifier_pairs, party_end, prep_ends
from .fields import (
    capacity_frequency,
    cargo_texts,
    mode_from_context,
    mode_of_ends,
    operator_of,
    route_status,
    set_vehicle,
    start_date,
    status_path,
    through_waypoint,
)
from .lexicon import lexicon
from .story import End, Mention, Story, distinct
from .syntax import NOUN_MODIFIER_DEPS, cargo_head, cargo_nouns, is_commodity, of_objects, sold_in_market, subject
from .triggers import Triggers


def find_mentions(story: Story, trig: Triggers) -> list[Mention]:
    """The mentions the story's triggers make, cluster by cluster (not yet in text order)."""
    doc = story.doc
    lex = lexicon()
    role = trig.role

    # A "trade" modifier makes its head a trade relation ("trade deficit", "trading partner").
    for i in list(role):
        tok = doc[i]
        if role[i] == "trade_noun" and tok.lemma_.lower() in lex.trade_modifiers and tok.dep_ in NOUN_MODIFIER_DEPS:
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
            subj = subject(doc[i])
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
    return out


_OTHER_END = {"origin": "destination", "destination": "origin"}


def _build(story: Story, trig: Triggers, members: list[int]) -> list[Mention]:
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
    parts = Parts()
    hosts = _hosts(toks, role)
    for h in hosts:
        if h.pos_ == "NOUN":  # "liquefied natural gas (LNG) export project"
            parts.cargo.extend(c for c in h.lefts if c.dep_ in NOUN_MODIFIER_DEPS and is_commodity(c) and c.i not in m.tokens)
    for t in toks + hosts:
        prep_ends(story, t, parts)
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
            parts.cargo.extend(c for c in t.lefts if c.dep_ in NOUN_MODIFIER_DEPS and is_commodity(c) and c.i not in m.tokens)
            parts.cargo.extend(o for o in of_objects(t) if o.i not in m.tokens)
    _linked_object(story, toks, parts)
    fallback_ends(story, m, toks, role, vehicles + links, hosts, parts)
    assign_ends(m, parts)
    if m.kind == "trade" and m.ends == 0:
        return []  # a trade word with no end at all cannot enrich anything

    mode = next((trig.mode[t.i] for t in vehicles), None) or next((trig.mode[t.i] for t in toks if trig.mode[t.i] != "unspecified"), "unspecified")
    mode = through_waypoint(m, parts.vias, mode)
    m.mode = mode if mode != "unspecified" else (mode_from_context(toks, parts.cargo) or mode_of_ends(m) or "unspecified")
    _air_context(story, m, toks, trig)
    if m.kind == "trade" and m.mode != "unspecified":
        m.kind = "transport"  # "supply China with pipeline gas"
    if m.vehicle is None:
        set_vehicle(story, m, vehicles, links, toks, role)
    _trade_as_cargo(m, parts)
    m.cargo = cargo_texts(story, parts.cargo)
    m.operator = operator_of(story, toks, parts.operators)
    # The clause of a verb trigger says whether the flow runs ("ships gas"); nouns speak for it otherwise.
    path = status_path([t for t in toks if t.pos_ == "VERB"] or toks)
    m.status = route_status(path)
    m.start_date = start_date(story, path, toks, m.status)
    m.capacity, m.frequency = capacity_frequency(story, toks, parts.cargo, path)
    m.span, m.sentence = _mention_span(story, m, toks), story.ctx.sentence(members[0])
    if m.kind == "trade":
        # Between countries a capital stands for its government: "Russia cut supplies to Kiev".
        m.origin, m.destination = as_country(story, m.origin), as_country(story, m.destination)
    return [m, *_listed_mentions(m, parts.more)]


def _linked_object(story: Story, toks: list[Token], parts: Parts) -> None:
    """Rule ``link_object_end`` (audit 50n): "the Gulf of Aden, which links Europe to Asia through the
    Red Sea": the object of a linking verb (lexicon ``link_verbs``) is one end of a two-way link, its
    "to" place the other; the place passed stays a waypoint."""
    if parts.pair or parts.origins or not parts.dests:
        return
    for t in toks:
        if t.pos_ != "VERB" or t.lemma_.lower() not in lexicon().link_verbs:
            continue
        for o in t.children:
            end = story.end_at(o) if o.dep_ == "dobj" else None
            other = next((d for d in parts.dests if end is not None and distinct(end, d)), None)
            if end is not None and other is not None:
                parts.pair.extend([end, other])
                parts.dests.clear()
                return


def _air_context(story: Story, m: Mention, toks: list[Token], trig: Triggers) -> None:
    if m.kind == "transport" and m.mode == "unspecified" and _air_sentence(story, toks, trig):
        m.mode = "air"


def _air_sentence(story: Story, toks: list[Token], trig: Triggers) -> bool:
    """Rule ``air_context_mode`` (audits 50m, 50n): a generic link noun ("routes from London to
    Dallas") in a sentence that names aircraft, airlines or slots (lexicon ``air_context_words``)
    and no word of another mode."""
    lex = lexicon()
    if not any(trig.role[t.i] == "link" for t in toks):
        return False
    sent = story.ctx.sent_span(toks[0].i)
    if any((lex.mode_word.get(w.lower_) or lex.vehicle_mode.get(w.lower_) or "air") != "air" for w in sent):
        return False  # "the ferry company ... its airline unit": another mode is named
    return any(w.lower_ in lex.air_context_words for w in sent)


def _trade_as_cargo(m: Mention, parts: Parts) -> None:
    """Rule ``exports_shipped`` (audit 50n): "ships about a quarter of its exports to China": a flow
    noun (lexicon ``flow_nouns_not_cargo``) as the goods of a mention is no cargo, and with no mode
    the flow is trade."""
    flows = lexicon().flow_nouns_not_cargo

    def is_trade(c: Token) -> bool:
        head = cargo_head(c) or c
        return head.lemma_.lower() in flows or head.lower_ in flows

    kept = [c for c in parts.cargo if not is_trade(c)]
    if len(kept) < len(parts.cargo):
        parts.cargo = kept
        if m.mode == "unspecified" and m.vehicle is None:
            m.kind = "trade"


def _mention_kind(story: Story, trig: Triggers, toks: list[Token]) -> str | None:
    """"transport", "trade", or None when the words do not make a route mention."""
    lex = lexicon()
    role = trig.role
    roles = {role[t.i] for t in toks}
    transport = bool(roles & {"vehicle", "goods_verb"}) or any(
        role[t.i] == "link" and (trig.mode[t.i] != "unspecified" or t.lemma_.lower() not in lex.weak_links) for t in toks
    )
    trade = bool(roles & {"trade_verb", "trade_noun", "trade_head", "trade_agent"})
    if not transport and not trade:
        # A motion verb alone counts only with goods as its object ("carry coal").
        motion = [t for t in toks if role[t.i] == "motion_verb"]
        return "transport" if any(cargo_nouns(v, strict=True) for v in motion) else None
    if not transport and roles <= {"trade_agent", "motion_verb"}:
        # "partner", "market": trade agents only with their trade sense in view ("trading partner")
        agents = [t for t in toks if role[t.i] == "trade_agent"]
        if all(t.lemma_.lower() in lex.trade_agents_needing_trade for t in agents):
            if not any(c.lemma_.lower() in lex.trade_modifiers for t in agents for c in t.lefts):
                return None
    return "transport" if transport else "trade"


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
            if cur.dep_ in ("compound", "nmod") and cur is t and cur.head.lemma_.lower() in lexicon().flow_heads:
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


def _verb_parts(story: Story, t: Token, r: str, parts: Parts, m: Mention, has_vehicle: bool) -> bool:
    """Subject and object of a goods, trade or motion verb; False when the object is money."""
    lex = lexicon()
    subj_role = lex.trade_verbs.get(t.lemma_.lower(), "origin") if r == "trade_verb" else "origin"
    subj = subject(t)
    if subj is not None and subj.i not in m.tokens:
        if r != "motion_verb":
            parts.add(subj_role, party_end(story, subj))  # "China exports", "India imports"
            # "Indonesia and Australia compete to sell coal to India": each subject is a party
            parts.more.extend((subj_role, e) for c in subj.conjuncts if c.i > subj.i and (e := party_end(story, c)) is not None)
        if story.is_org(subj):
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
    goods = cargo_head(obj)
    for c in list(obj.children) + (list(goods.children) if goods is not None and goods is not obj else []):
        # "ferry tourists between Japan and North Korea", "imports most of its oil from Iraq"
        prep_ends(story, c, parts, child=True)
    return True


def _trade_noun_parts(story: Story, t: Token, r: str, parts: Parts) -> None:
    """Ends and goods of a trade noun: modifiers ("China's exports"), the subject of the verb that has
    it ("Russia has a trade deficit with China"), its "of" object ("the supply of jet fuel to ...")."""
    lex = lexicon()
    noun_role = lex.trade_nouns.get(t.lemma_.lower(), "pair") if r == "trade_noun" else "pair"
    parts.roles.add(noun_role)
    possessed = any(c.dep_ == "poss" for c in t.lefts)
    for c, end in [] if sold_in_market(t) else modifier_pairs(story, t):
        # "Chinese tire imports" come from China, and so do "Japan's Iran crude imports" from
        # Iran; "China's imports" and "U.S. imports" go to it
        source = c.dep_ == "amod" or (c.dep_ in ("compound", "nmod") and possessed)
        parts.add("origin" if noun_role == "destination" and source else noun_role, end)
    if t.dep_ in ("dobj", "attr") and t.head.pos_ in ("VERB", "AUX"):
        subj = subject(t.head)
        if subj is not None:
            parts.add(noun_role, party_end(story, subj))
    for o in of_objects(t):
        parts.cargo.append(o)
        for c in o.children:
            prep_ends(story, c, parts, child=True)
    parts.cargo.extend(c for c in t.lefts if c.dep_ in NOUN_MODIFIER_DEPS and is_commodity(c))


def _agent_parts(story: Story, t: Token, parts: Parts) -> None:
    """A supplier, customer or partner: the party it describes ("China, North Korea's main supplier"),
    the other party ("North Korea's"), the goods ("supplier of oil", "customer for Russian ... resources")."""
    lex = lexicon()
    lemma = t.lemma_.lower()
    agent_role = lex.trade_agents[lemma]
    entity = _agent_entity(t)
    if entity is not None:
        parts.add(agent_role, party_end(story, entity))
        if story.is_org(entity):
            parts.operators.append(entity)
    possessor = None
    for c in t.lefts:
        if c.dep_ == "poss" and lemma in lex.agents_of_possessor:
            possessor = party_end(story, c)
            parts.add(_OTHER_END.get(agent_role, "pair"), possessor)
    if entity is not None and possessor is not None and agent_role in _OTHER_END:
        parts.more.extend((agent_role, e) for e in _ranked_peers(story, t))
    goods = of_objects(t) + of_objects(t, "for")
    for o in goods:
        parts.cargo.append(o)
        if agent_role == "destination":
            for end in modifier_ends(story, o):
                parts.add("origin", end)


def _ranked_peers(story: Story, t: Token) -> list[End]:
    """Rule ``ranked_peer``: "Iran is China's No.3 supplier after Saudi Arabia and Angola": the places
    a possessed supplier or customer is ranked after or behind are suppliers or customers of the same
    party (lexicon ``peer_preps``); they are never ends of the agent's own row."""
    return [e for x in peer_objects(t) if (e := story.end_at(x)) is not None]


def peer_objects(t: Token) -> list[Token]:
    """The objects of ``t``'s "after"/"behind" (lexicon ``peer_preps``), with their conjuncts."""
    preps = [p for p in t.children if p.dep_ == "prep" and p.lower_ in lexicon().peer_preps]
    objs = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    return [x for o in objs for x in (o, *o.conjuncts)]


def _agent_entity(t: Token) -> Token | None:
    """Who a trade agent noun describes: "China, North Korea's main supplier"; "China is a customer"."""
    if t.dep_ == "appos":
        return _nearest_conjunct(t)
    if t.dep_ == "attr" and t.head.pos_ in ("AUX", "VERB"):
        return next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    for c in t.children:
        if c.dep_ == "appos":
            return c
    return None


def _nearest_conjunct(t: Token) -> Token:
    """Rule ``nearest_apposition`` (audit 50n): "the Netherlands, the biggest gas producer in the EU,
    or Canada -- the biggest supplier to the United States --": the parser hangs the second
    apposition on the list's first member; it describes the member right before it."""
    head = t.head
    between = [c for c in head.subtree if head.i < c.i < t.i and c.dep_ == "conj" and c.ent_type_ in ("GPE", "LOC", "NORP", "ORG")]
    return between[-1] if between else head


def _is_money(t: Token) -> bool:
    """An amount of money and not goods priced by it: "pumped $33 billion into money markets",
    not "exported $15 billion worth of iron ore" nor "$893 million in auto parts"."""
    if not (t.ent_type_ == "MONEY" or any(c.tag_ == "$" for c in t.subtree if c.i <= t.i)):
        return False
    goods = cargo_head(t)
    return goods is None or goods.i == t.i or not is_commodity(goods)


def _mention_span(story: Story, m: Mention, toks: list[Token]) -> tuple[int, int]:
    """Token span from the mention's first word (with its modifiers) to its last word or end, in its sentence."""
    idx = [t.i for t in toks] + [e.token for e in (m.origin, m.destination) if e is not None]
    sent = story.ctx.sent_span(toks[0].i)
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
        if not which or getattr(m, which) is None or not all(distinct(end, e) for e in (m.origin, m.destination) if e):
            continue
        out.append(m.copy(**{which: end}))
    return out
