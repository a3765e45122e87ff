"""The routes vocabulary: ``models/lexicons/transport.json`` read once into sets and maps.

Decides nothing about a story: it holds which words are vehicles (by mode), links,
goods, motion and trade verbs, trade nouns and agents, status cues and route
prepositions, and the sorted hashes of every trigger word for the vectorised scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from ...gazetteer import normalize_name
from ...resources import load_json


def _lower_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class Lexicon:
    vehicle_mode: dict[str, str]
    mode_word: dict[str, str]
    links: frozenset[str]
    weak_links: frozenset[str]
    mode_vote_ignores: frozenset[str]
    rule_confidence: dict[str, float]
    substitution_verbs: frozenset[str]
    obstruction_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    speaker_heads: frozenset[str]
    equivalent_end: dict[str, int]  # normalised end name -> its group
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
    agreement_names: frozenset[str]
    party_nouns: frozenset[str]
    one_place_names: frozenset[str]
    range_from_preps: frozenset[str]
    model_route_probability: float
    vehicle_goods_heads: frozenset[str]
    commodities: frozenset[str]
    generic_cargo: frozenset[str]
    generic_vehicles: frozenset[str]
    cargo_modifiers: frozenset[str]
    measure_nouns: frozenset[str]
    waypoint_heads: frozenset[str]
    transit_only_heads: frozenset[str]
    bypass_verbs: frozenset[str]
    scope_preps: frozenset[str]
    ranked_scope_preps: frozenset[str]
    ranking_words: frozenset[str]
    place_heads: frozenset[str]
    market_nouns: frozenset[str]
    market_flow_nouns: frozenset[str]
    status_cues: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]], ...]  # (status, verbs, nouns, modifiers)
    negators: frozenset[str]
    threats: frozenset[str]
    done_when_past: frozenset[str]
    operator_verbs: frozenset[str]
    operator_nouns: frozenset[str]
    operator_titles: frozenset[str]
    company_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    start_words: frozenset[str]
    frequency_words: frozenset[str]
    end_modes: dict[str, str]
    flow_heads: frozenset[str]
    journey_nouns: frozenset[str]
    person_journey_nouns: frozenset[str]
    person_journey_agents: frozenset[str]
    present_modifiers: frozenset[str]
    relation_nouns: frozenset[str]
    peer_preps: frozenset[str]
    inquiry_nouns: frozenset[str]
    sea_carrier_modifiers: frozenset[str]
    speculative_modals: frozenset[str]
    speculative_times: frozenset[str]
    balance_nouns: frozenset[str]
    anaphor_heads: frozenset[str]
    air_context_words: frozenset[str]
    link_verbs: frozenset[str]
    impersonal_subjects: frozenset[str]
    business_heads: frozenset[str]
    state_body_words: frozenset[str]
    flow_nouns_not_cargo: frozenset[str]
    route_modifiers: frozenset[str]
    capacity_nouns: frozenset[str]
    not_capacity_kinds: frozenset[str]
    not_vehicle: dict[str, frozenset[str]]
    not_goods: frozenset[str]
    making_nouns: frozenset[str]
    buyer_attractors: frozenset[str]
    denial_words: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    policy_nouns: frozenset[str]
    company_place_kinds: frozenset[str]
    host_preposition_skip_deps: frozenset[str]
    host_preposition_skip_verbs: frozenset[str]
    goods_origin_deps: frozenset[str]
    list_glue: frozenset[str]
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
    trigger_words: frozenset[str]


# Lists and word -> value maps read as they are (lower-cased) from the JSON key of their field's name.
_WORD_SETS = (
    "links", "weak_links", "mode_vote_ignores", "substitution_verbs", "obstruction_verbs", "intent_nouns", "speaker_heads", "trade_verbs_needing_cargo",
    "trade_nouns_needing_cargo", "market_flow_nouns", "trade_heads", "trade_modifiers", "trade_nouns_needing_head", "trade_agents_needing_trade",
    "agents_of_possessor", "commodities", "generic_cargo", "generic_vehicles", "cargo_modifiers",
    "measure_nouns", "waypoint_heads", "transit_only_heads", "bypass_verbs", "scope_preps", "ranked_scope_preps", "ranking_words", "operator_titles", "place_heads", "market_nouns", "operator_verbs",
    "operator_nouns", "company_nouns", "speech_verbs", "start_words", "frequency_words",
    "flow_heads", "journey_nouns", "route_modifiers", "capacity_nouns", "not_capacity_kinds", "not_goods", "making_nouns",
    "buyer_attractors", "denial_words", "hypothetical_verbs", "hypothetical_modifiers", "policy_nouns", "company_place_kinds",
    "host_preposition_skip_deps", "host_preposition_skip_verbs", "goods_origin_deps", "list_glue",
    "party_nouns", "one_place_names", "range_from_preps", "vehicle_goods_heads", "person_journey_nouns", "person_journey_agents",
    "present_modifiers", "relation_nouns", "peer_preps", "inquiry_nouns", "sea_carrier_modifiers", "speculative_modals", "speculative_times",
    "balance_nouns", "anaphor_heads", "air_context_words", "link_verbs", "impersonal_subjects", "business_heads", "state_body_words", "flow_nouns_not_cargo",
)
_WORD_MAPS = ("goods_verbs", "motion_verbs", "trade_verbs", "trade_nouns", "trade_agents", "end_modes")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from spacy.strings import hash_string

    data = load_json("lexicons/transport.json")
    vehicle_mode = {w.lower(): mode for mode, words in data["vehicles"].items() for w in words if " " not in w}
    mode_word = {w.lower(): mode for mode, words in data["mode_words"].items() for w in words}
    status = data["status"]
    preps = data["prepositions"]
    lex: dict = {name: _lower_set(data[name]) for name in _WORD_SETS}
    lex.update({name: {k.lower(): v for k, v in data[name].items()} for name in _WORD_MAPS})
    lex.update({f"{role}_preps": _lower_set(preps[role]) for role in ("origin", "destination", "between", "partner", "via", "date", "start")})
    lex.update(
        vehicle_mode=vehicle_mode,
        mode_word=mode_word,
        rule_confidence=dict(data["rule_confidence"]),
        equivalent_end={normalize_name(n): k for k, group in enumerate(data["equivalent_ends"]) for n in group},
        trade_blocs=frozenset(normalize_name(b) for b in data["trade_blocs"]),
        agreement_names=frozenset(normalize_name(b) for b in data["agreement_names"]),
        model_route_probability=float(data["model_route_probability"]),
        status_cues=tuple(
            (name, _lower_set(status[name]["verbs"]), _lower_set(status[name]["nouns"]), _lower_set(status[name]["modifiers"]))
            for name in ("suspended", "historical", "planned")
        ),
        negators=_lower_set(status["negators"]),
        threats=_lower_set(status["threats"]),
        done_when_past=_lower_set(status["done_when_past"]),
        not_vehicle={k.lower(): _lower_set(v) for k, v in data["not_vehicle"].items()},
        route_preps=_lower_set(preps["origin"] + preps["destination"] + preps["between"] + preps["partner"] + preps["via"] + preps["goods"]),
        connectors=_lower_set(data["place_connectors"]),
    )
    words = set(vehicle_mode) | lex["links"] | set(lex["goods_verbs"]) | set(lex["motion_verbs"])
    words |= set(lex["trade_verbs"]) | set(lex["trade_nouns"]) | set(lex["trade_agents"])
    hashes = np.array(sorted({hash_string(w) for w in words} | {hash_string(w.capitalize()) for w in words}), dtype=np.uint64)
    return Lexicon(**lex, trigger_hashes=hashes, trigger_words=frozenset(words))
