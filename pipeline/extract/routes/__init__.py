"""Routes: transport links and trade flows between places, one row per route.

What it finds
    Links that move people or goods ("a new ferry service ... between North
    Korea and the Russian port of Vladivostok", "a Canada to Texas oil
    pipeline", "shipping crude to China via ... pipeline") and trade flows
    between countries ("China exports about 500,000 tonnes of crude",
    "Russia, the other major supplier of oil to North Korea", "the U.S. trade
    deficit with China"), each with its ends, mode, vehicle, cargo,
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
    4. Sieves and named links give one-ended mentions their other end
       (``implied``, ``named_links``).
    5. Decision: every two ends of a sentence around a rule-confirmed trigger
       word form a pair candidate (``candidates``); a logistic model kept as
       data (``models/routes/pair_model.json``) takes the pairs the rules left
       open (``decision``; rule ``pair_model``). Mentions whose words deny the
       flow or only entertain it are dropped (``stated``). A route only the
       model found, below the probability the lexicon asks of the routes table
       (``model_route_probability``), goes to ``route_candidates`` instead.
    6. Routes: mentions with both ends are merged when their ends agree (a
       city agrees with its country), so a route mentioned several times is
       one row enriched from every mention; a mention with one end or none
       ("the ferry route", "China halted exports") only enriches the one
       route it can belong to, and is otherwise dropped.

Modules, in the order the steps run
    ``triggers`` (candidate tokens and their roles), ``mentions`` (clusters of
    triggers into mentions, with ``ends`` and ``fields``), ``implied`` and
    ``named_links`` (sieves for missing ends), ``candidates`` and ``decision``
    (pairs weighed by the model), ``stated`` (denied and hypothetical flows), ``merging`` (mentions into routes), ``rows``
    (row dicts); ``story`` holds the ends, mentions and
    per-story look-ups, ``syntax`` the parse walks they share, ``lexicon`` the
    vocabulary.

``start``/``end`` span the route's first two-ended mention, so the
orchestrator's claim linking sees whether it lies inside a claim.
"""

from __future__ import annotations

from ..actors import ActorIndex
from ..context import DocContext
from ..dates import DateIndex
from ..places import PlaceIndex
from .mentions import find_mentions
from .decision import pair_mentions
from .implied import complete_ends
from .lexicon import lexicon
from .merging import merge, operators_by_vessel_name
from .named_links import link_mentions
from .rows import route_rows
from .stated import stated
from .story import MODEL_RULE, End, Mention, Story, distinct
from .triggers import Triggers, trigger_candidates

__all__ = ["extract_routes", "rule_mentions", "End", "Mention"]


def rule_mentions(
    ctx: DocContext, places: PlaceIndex, actors: ActorIndex, quantities: list[dict], dates: DateIndex
) -> tuple[Story, Triggers, list[Mention]] | None:
    """The story's look-ups, trigger words and the mentions the rules make (parse, sieves, named
    links), or None when the story has no trigger word in its prose."""
    candidates = [i for i in trigger_candidates(ctx.doc, ctx.arrays.lemma_ids) if ctx.is_prose(i)]
    if not candidates:
        return None
    story = Story(ctx, places, actors, quantities, dates)
    triggers = Triggers(story, candidates)
    mentions = find_mentions(story, triggers)
    complete_ends(story, mentions)
    mentions += link_mentions(story, mentions)
    return story, triggers, mentions


def extract_routes(
    ctx: DocContext,
    places: PlaceIndex,
    actors: ActorIndex,
    quantities: list[dict],
    dates: DateIndex,
    claims: list[dict],
) -> tuple[list[dict], list[dict]]:
    """Route rows and route-candidate rows (offsets into ``doc.text``); ``claim_id`` is filled by
    the orchestrator."""
    found = rule_mentions(ctx, places, actors, quantities, dates)
    if found is None:
        return [], []
    story, triggers, mentions = found
    mentions += pair_mentions(story, triggers, mentions)
    mentions = stated(story, mentions)  # a denied or merely entertained flow is no route
    routes = [r for r in merge(sorted(mentions, key=lambda m: m.span)) if _joins_two_places(r)]
    operators_by_vessel_name(story, routes)
    weak = [r for r in routes if _weak(r)]
    return route_rows(story, [r for r in routes if not _weak(r)]), route_rows(story, weak, prefix="RC")


def _weak(route: Mention) -> bool:
    """A route only the decision model found, below ``model_route_probability``: in the archive
    audits, scored leave-one-audit-out, such rows were right 9 times in 22 (docs/routes.md)."""
    return route.rule == MODEL_RULE and (route.probability or 0.0) < lexicon().model_route_probability


def _joins_two_places(route: Mention) -> bool:
    """A link joins two places: a row whose ends are one place ("Bunge" to "Bunge", a city and
    its own country) says nothing."""
    return route.origin is None or route.destination is None or distinct(route.origin, route.destination)
