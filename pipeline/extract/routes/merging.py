"""Routes: which mentions are one route.

A one-ended trade mention first takes its other end from another trade mention
of its sentence. Mentions with both ends then merge when their ends agree (a
city agrees with its country) and their fields do, so a route mentioned several
times is one row enriched from every mention; a mention with one end or none
only enriches the one route it can belong to. Last, an operator verb whose
object names a route's vessel gives that route its operator.
"""

from __future__ import annotations

from ...gazetteer import normalize_name
from .fields import organisation_name
from .lexicon import lexicon
from .story import MODEL_RULE, End, Mention, Story, compatible
from .syntax import subject


def _ends_agree(route: Mention, m: Mention) -> tuple[bool, bool]:
    """(agree, reversed): whether the mention's ends fit the route's, and in which order."""
    ro, rd, mo, md = route.origin, route.destination, m.origin, m.destination
    def ok(a: End | None, b: End | None) -> bool:
        return a is None or b is None or compatible(a, b)
    if ok(ro, mo) and ok(rd, md) and (mo is None or ro is not None) and (md is None or rd is not None):
        return True, False
    if (route.bidirectional or m.bidirectional) and ok(ro, md) and ok(rd, mo) and (md is None or ro is not None) and (mo is None or rd is not None):
        return True, True
    return False, False


def _same_flow(route: Mention, m: Mention) -> bool:
    """A trade flow and a sea or unspecified transport between the very same two ends are one
    link ("Iran is shipping oil to China" and "Iranian shipments to China"); not a pipeline
    beside a trade, nor a port's tankers beside its country's trade."""
    if {route.mode, m.mode} - {"sea", "unspecified"} or route.bidirectional or m.bidirectional:
        return False
    names = [normalize_name(e.name) if e is not None else None for e in (route.origin, route.destination, m.origin, m.destination)]
    return None not in names and names[:2] == names[2:]


def _fields_agree(route: Mention, m: Mention) -> bool:
    if route.kind != m.kind and not _same_flow(route, m):
        return False
    if route.mode != "unspecified" and m.mode != "unspecified" and route.mode != m.mode:
        return False
    if route.vehicle_named and m.vehicle_named and route.vehicle and m.vehicle:
        if not (set(route.vehicle.lower().split()) & set(m.vehicle.lower().split()) - {"pipeline", "line", "the"}):
            return False
    if route.vehicle_nouns and m.vehicle_nouns and not (route.vehicle_nouns & m.vehicle_nouns):
        generic = lexicon().generic_vehicles
        if not (route.vehicle_nouns & generic or m.vehicle_nouns & generic):
            return False  # a tanker flow is not the ferry service
    if route.kind == "transport" and route.cargo and m.cargo:
        generic = lexicon().generic_cargo
        a = {w.lower() for c in route.cargo for w in c.split()} - generic
        b = {w.lower() for c in m.cargo for w in c.split()} - generic
        if a and b and not (a & b):
            return False
    return True


def merge(mentions: list[Mention]) -> list[Mention]:
    """Routes from mentions in text order: two-ended mentions first, then the others enrich them."""
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
    if full and _names_the_route(m, r):
        r.rule, r.probability = m.rule, m.probability
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


def _names_the_route(m: Mention, r: Mention) -> bool:
    """Whether mention ``m`` rather than route ``r`` names the route's rule: a rule beats the
    decision model (the rules are the sure patterns, the model what they left open); among
    rules the surer one wins, between two model pairs the likelier."""
    m_model, r_model = m.rule == MODEL_RULE, r.rule == MODEL_RULE
    if m_model != r_model:
        return r_model
    if m_model:
        return (m.probability or 0.0) > (r.probability or 0.0)
    return m.trust() > r.trust()


def operators_by_vessel_name(story: Story, routes: list[Mention]) -> None:
    """"his company had chartered the Mangyongbong": an operator verb whose object names a route's vessel."""
    lex = lexicon()
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
            subj = subject(tok.head)
            if subj is not None:
                hits[0].operator = organisation_name(story, subj)
