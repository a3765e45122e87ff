"""The cue lexicon: cues and their frames, vetoed words, connectives and hedges.

Read once from ``models/lexicons/cues.json`` and ``hedges.json``;
the words about speakers (pronouns, gender words, person, organisation and
document nouns) are the speaker lexicon of :mod:`pipeline.extract.speakers`,
held here as ``speakers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.strings import hash_string

from ...resources import load_json
from ..context import lexicon_ids
from ..speakers import SpeakerLexicon, speaker_lexicon


@dataclass(frozen=True)
class CueLexicon:
    frames: dict[str, frozenset[str]]  # "say" / "call on" -> frames
    restricted: frozenset[str]  # cues that report only with a source-like subject
    prepositions: tuple[tuple[str, ...], ...]
    not_sources: frozenset[str]
    speakers: SpeakerLexicon  # pronouns, gender words, person/organisation/document nouns (speakers.py)
    portions: frozenset[str]  # "percent", "majority": a share of a group, a source when the group is
    group_pronouns: frozenset[str]  # "those": people when a modifier follows ("those close to him")
    withholding: frozenset[str]  # "would not elaborate": the source keeps something back (the reporter's words)
    not_subjects: frozenset[str]
    relative: frozenset[str]
    hedge_modals: frozenset[str]
    outcome_modals: frozenset[str]  # "should": a hedge only with an outcome verb
    outcome_verbs: frozenset[str]
    hedge_not_after: frozenset[str]
    not_followed_by: dict[str, frozenset[str]]
    refusals: frozenset[str]  # "declined to say": no statement
    prospects: frozenset[str]  # "is expected to report": a statement still to come
    quote_only: frozenset[str]  # "asked", "chanted": the speaker's quoted words only, never a clause
    subordinators: frozenset[str]  # "when", "before": an adverbial clause is never the content
    connectives: dict[str, tuple[tuple[str, ...], ...]]  # first word -> "but", "in addition": the reporter's link, longest first
    aside_conjunctions: frozenset[str]  # "said X, although Y": the concession is the reporter's
    aside_participles: frozenset[str]  # "said X, contradicting Y" (besides the cue verbs themselves)
    reason_prepositions: frozenset[str]  # "accused X of ...", "blamed X on ...": the charge
    hedge_phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    hedging_cues: frozenset[str]  # "expect": the cue is the hedge
    nouns: frozenset[str]  # "claim", "report": nouns whose that-clause is attributed to their possessor
    lemma_ids: np.ndarray  # hashes of cue lemmas, for the candidate scan
    noun_ids: np.ndarray  # hashes of the cue nouns
    preposition_ids: np.ndarray  # hashes of the first words of prepositional cues
    hedge_first_ids: np.ndarray  # hashes of the words a hedge can begin with


def by_first_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lower-case phrases as word tuples keyed by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(p.lower().split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    cues = load_json("lexicons/cues.json")
    hedges = load_json("lexicons/hedges.json")
    frames: dict[str, set[str]] = {}
    for frame, keys in cues["frames"].items():
        for key in keys:
            frames.setdefault(key.lower(), set()).add(frame)
    lemmas = {k.split()[0] for k in frames}
    preps = tuple(tuple(p.lower().split()) for p in cues["prepositions"])
    modals = frozenset(w.lower() for w in hedges["modals"])
    hedge_phrases = by_first_word(hedges["phrases"])
    return CueLexicon(
        frames={k: frozenset(v) for k, v in frames.items()},
        restricted=frozenset(cues["source_subject_verbs"]),
        prepositions=preps,
        not_sources=frozenset(cues["not_sources"]),
        speakers=speaker_lexicon(),
        portions=frozenset(cues["portion_nouns"]),
        group_pronouns=frozenset(cues["group_pronouns"]),
        withholding=frozenset(cues["withholding"]),
        not_subjects=frozenset(cues["not_subjects"]),
        relative=frozenset(cues["relative_pronouns"]),
        hedge_modals=modals,
        outcome_modals=frozenset(hedges["outcome_modals"]),
        outcome_verbs=frozenset(hedges["outcome_verbs"]),
        hedge_not_after=frozenset(hedges["not_after"]),
        not_followed_by={k: frozenset(v) for k, v in cues["not_followed_by"].items()},
        refusals=frozenset(cues["refusals"]),
        prospects=frozenset(cues["prospects"]),
        quote_only=frozenset(cues["quote_only_cues"]),
        subordinators=frozenset(cues["subordinators"]),
        connectives=by_first_word(cues["connectives"]),
        aside_conjunctions=frozenset(cues["asides"]["conjunctions"]),
        aside_participles=frozenset(cues["asides"]["participles"]),
        reason_prepositions=frozenset(cues["reason_prepositions"]),
        hedge_phrases=hedge_phrases,
        hedging_cues=frozenset(hedges["cues"]),
        nouns=frozenset(cues["nouns"]),
        lemma_ids=np.sort(np.fromiter((hash_string(w) for w in lemmas), dtype=np.uint64)),
        noun_ids=np.sort(np.fromiter((hash_string(w) for w in cues["nouns"]), dtype=np.uint64)),
        preposition_ids=np.sort(np.fromiter((hash_string(p[0]) for p in preps), dtype=np.uint64)),
        hedge_first_ids=lexicon_ids(modals | hedge_phrases.keys()),
    )
