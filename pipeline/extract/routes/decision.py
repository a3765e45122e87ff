"""Decision: which pair candidates are routes, in which direction, and how sure.

A multinomial logistic model (weights kept as data in ``models/routes/pair_model.json``,
trained by ``scripts/train_route_pairs.py`` on the annotated development stories) gives
each :class:`~.candidates.PairCandidate` four probabilities: no route, first -> second,
second -> first, both ways. A candidate whose probability of some route (any direction) reaches
the model's threshold becomes a mention, in its likeliest direction (``rule="pair_model"``, ``model_probability`` the probability; ``confidence``
is how often the model's rows were right in the archive audits),
unless the parse-driven rules already tie the same two ends (their row stands: the rules
are the sure patterns, the model decides what they left open). The mention takes its
kind, mode, vehicle, cargo, operator and status from the rule mention on the path between
its ends, or its kind and mode from the sentence's trigger words when there is none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from ...resources import load_json, model_path
from .ends import as_country
from .lexicon import lexicon
from .fields import cargo_texts, route_status, status_path, titled_operator
from .candidates import PairCandidate, pair_candidates
from .story import MODEL_RULE, Mention, Story, compatible
from .syntax import is_commodity
from .triggers import Triggers

NO_ROUTE, FORWARD, BACKWARD, BOTH = "none", "forward", "backward", "both"
MODEL_FILE = "routes/pair_model.json"  # under models/


@dataclass(frozen=True)
class PairModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]] = field(hash=False)
    threshold: float

    @classmethod
    def from_dict(cls, data: dict, threshold: float | None = None) -> "PairModel":
        """The model of a ``pair_model.json`` document (or of a fit's parameters, given a threshold)."""
        return cls(
            classes=tuple(data["classes"]),
            intercept=tuple(data["intercept"]),
            weights={k: tuple(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"] if threshold is None else threshold),
        )

    def probabilities(self, features: list[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}


@lru_cache(maxsize=1)
def pair_model() -> PairModel | None:
    """The trained model, or None when none has been trained (the rules then work alone)."""
    if not model_path(MODEL_FILE).is_file():
        return None
    return PairModel.from_dict(load_json(MODEL_FILE))


def decide(model: PairModel, candidate: PairCandidate) -> tuple[str, float]:
    """(direction, P(route)) when the probability of some route (1 - P(none)) reaches the
    threshold, the direction being the likeliest route class; else (none, P(none))."""
    probs = model.probabilities(candidate.features)
    route = 1.0 - probs[NO_ROUTE]
    if route >= model.threshold:
        return max((c for c in model.classes if c != NO_ROUTE), key=probs.__getitem__), route
    return NO_ROUTE, probs[NO_ROUTE]


def pair_mentions(story: Story, trig: Triggers, mentions: list[Mention]) -> list[Mention]:
    """Mentions for the candidates the model takes that no two-ended rule mention already ties."""
    model = pair_model()
    if model is None:
        return []
    out: list[Mention] = []
    for cand in pair_candidates(story, confirmed_roles(trig, mentions), mentions):
        if _tied_by_rules(cand, mentions) or _list_partners(story, cand, mentions):
            continue
        verdict, probability = decide(model, cand)
        if verdict == NO_ROUTE:
            continue
        base = _nearest_mention(cand, mentions) or _bare_mention(story, trig, cand)
        verdict = _rule_direction(story, cand, mentions) or verdict
        origin, destination = (cand.second, cand.first) if verdict == BACKWARD else (cand.first, cand.second)
        if base.kind == "trade":  # between countries a capital stands for its government
            origin, destination = as_country(story, origin), as_country(story, destination)
        out.append(
            base.copy(
                origin=origin,
                destination=destination,
                bidirectional=verdict == BOTH,
                rule=MODEL_RULE,
                probability=round(probability, 3),
                span=(min(base.span[0], origin.token, destination.token), max(base.span[1], origin.token + 1, destination.token + 1)),
            )
        )
    return out


def confirmed_roles(trig: Triggers, mentions: list[Mention]) -> dict[int, str]:
    """The roles of the trigger words that made a rule mention: words the sense filters and the
    mention builder kept ("trade partner", not "financial markets")."""
    return {i: trig.role[i] for m in mentions for i in m.tokens if i in trig.role}


def _tied_by_rules(cand: PairCandidate, mentions: list[Mention]) -> bool:
    for m in mentions:
        if m.ends != 2 or m.sentence != cand.sentence:
            continue
        o, d = m.origin, m.destination
        if (compatible(o, cand.first) and compatible(d, cand.second)) or (compatible(o, cand.second) and compatible(d, cand.first)):
            return True
    return False


def _list_partners(story: Story, cand: PairCandidate, mentions: list[Mention]) -> bool:
    """Rule ``list_partners``: the pair's ends are neighbours in one list of places (only lexicon
    ``list_glue`` and place words between them, no "between" before) and a rule mention of the
    sentence ties one of them without the other: "U.S. exports to Mexico, the European Union ..."
    makes Mexico and the EU two destinations, not a route from one to the other."""
    doc, lex = story.doc, lexicon()
    lo, hi = sorted((cand.first.token, cand.second.token))
    gap = [t for t in doc[lo + 1 : hi] if not t.ent_type_ or t.lower_ in lex.list_glue]
    if not gap or any(t.lower_ not in lex.list_glue for t in gap):
        return False
    if not any(t.lower_ in lex.list_glue and t.lower_ != "the" for t in gap):
        return False  # "the European Union" alone: one name, not a list
    start = lo
    while start > 0 and doc[start - 1].ent_type_ and doc[start - 1].ent_type_ == doc[lo].ent_type_:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in lex.between_preps:
        return False  # "between Mexico and the EU" is a pair
    rule_ends = [e for m in mentions if m.sentence == cand.sentence and m.rule != MODEL_RULE for e in (m.origin, m.destination) if e is not None]
    one = any(compatible(e, cand.first) for e in rule_ends)
    other = any(compatible(e, cand.second) for e in rule_ends)
    return one != other


def _rule_direction(story: Story, cand: PairCandidate, mentions: list[Mention]) -> str | None:
    """The direction the rules give the pair, before the model's: rule ``goods_origin`` (a place that
    names the goods' origin: "accepted a shipment of U.S. beef"), then a one-ended rule mention of
    the sentence ("exports to Japan": Japan is a destination), then rule ``shared_role`` (a
    two-ended rule mention of the sentence whose origin is one of the ends: "U.S. exports to Canada,
    the European Union": the United States is the origin of the pair with the EU too; a shared
    destination is not used: "transit gas via the ex-Soviet state to customers in Poland" made one)."""
    one = [m for m in mentions if m.sentence == cand.sentence and m.ends == 1 and not m.bidirectional]
    two = [m for m in mentions if m.sentence == cand.sentence and m.ends == 2 and not m.bidirectional]
    found = _goods_origin(story, cand)  # before a one-ended mention: "South Korea accepted a shipment" made it an exporter
    for m in one:
        found = found or _role_direction(cand, m.origin if m.origin is not None else m.destination, m.origin is not None)
    for m in two:
        found = found or _role_direction(cand, m.origin, True)  # an exporter's role only: a shared destination misled
    return found


def _role_direction(cand: PairCandidate, end, is_origin: bool) -> str | None:
    """FORWARD or BACKWARD when ``end`` (an origin when ``is_origin``) is one of the pair's ends only."""
    if compatible(end, cand.first) and not compatible(end, cand.second):
        return FORWARD if is_origin else BACKWARD
    if compatible(end, cand.second) and not compatible(end, cand.first):
        return BACKWARD if is_origin else FORWARD
    return None


def _goods_origin(story: Story, cand: PairCandidate) -> str | None:
    """Rule ``goods_origin``: an end that modifies a commodity noun (lexicon ``goods_origin_deps``:
    "U.S. beef", "Argentine corn") is where the goods come from, when the other end is not one too."""
    deps = lexicon().goods_origin_deps
    marks = [story.doc[e.token].dep_ in deps and is_commodity(story.doc[e.token].head) for e in (cand.first, cand.second)]
    if marks == [True, False]:
        return FORWARD
    if marks == [False, True]:
        return BACKWARD
    return None


def _nearest_mention(cand: PairCandidate, mentions: list[Mention]) -> Mention | None:
    """The rule mention whose words lie on the path between the two ends, nearest its top: its
    goods and vehicle are the pair's; a mention elsewhere in the sentence lends nothing."""
    on_path = [m for m in mentions if m.sentence == cand.sentence and m.tokens & cand.path]
    if not on_path:
        return None
    return min(on_path, key=lambda m: min(abs(i - cand.lowest_head) for i in m.tokens))


def _bare_mention(story: Story, trig: Triggers, cand: PairCandidate) -> Mention:
    """A mention for a pair no rule mention lies on: kind and mode from the sentence's trigger
    words, goods from the commodity words on the path ("Argentine wheat"), status from the
    cue words above the path's top ("halted", "will")."""
    doc = story.doc
    sent = story.ctx.sent_span(cand.first.token)
    tokens = {i for i in trig.role if sent.start <= i < sent.end}
    roles = {trig.role[i] for i in tokens}
    transport = bool(roles & {"vehicle", "goods_verb", "link"})
    modes = {trig.mode[i] for i in tokens if trig.mode[i] != "unspecified"}
    goods = [doc[i] for i in sorted(cand.path) if doc[i].pos_ == "NOUN" and is_commodity(doc[i])]
    return Mention(
        kind="transport" if transport else "trade",
        tokens=tokens,
        mode=next(iter(modes)) if len(modes) == 1 else "unspecified",
        cargo=cargo_texts(story, goods),
        status=route_status(status_path([doc[cand.lowest_head]])),
        operator=titled_operator(story, sent),
        span=(min(cand.first.token, cand.second.token), max(cand.first.token, cand.second.token) + 1),
        sentence=cand.sentence,
    )
