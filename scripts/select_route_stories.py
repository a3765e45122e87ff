"""Draw route-rich stories from the Reuters archive for blind annotation rounds (issue 17).

Reads ``../shared/corpus/reuters-2006-2013.tar.gz`` once, scores each story by how many
sentences tie a route word (pipeline, tanker, ferry, flight, exports ...) to a capitalised
name after "to"/"from"/"between"/"via", classes it by its most frequent route family, and
draws stories per family with a fixed seed. It reads only the text (never the pipeline's
output), so the stories can be annotated blind. Stories already in ``tests/`` are skipped.

    python scripts/select_route_stories.py [ARCHIVE] --per-family 6 --seed 17 > rounds.json
    # route-poor stories, closer to the archive at large (round 12):
    python scripts/select_route_stories.py --min-tied 1 --max-tied 1 --min-sentences 1 --per-family 3 --seed 12
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

from archive_sample import ARCHIVE, draw, pools

FAMILIES: dict[str, str] = {
    "pipeline": r"pipelines?|gas ?lines?",
    "shipping": r"tankers?|shipments?|shipped|shipping|cargoes|vessels?|freighters?|supertankers?|VLCCs?|bulkers?",
    "rail": r"rail(way|road)?s?|trains?",
    "ferry": r"ferr(y|ies)",
    "air": r"flights?|flies|fly|airlines?|nonstop|routes?",
    "trade": r"exports?|exported|imports?|imported|exporters?|importers?|suppliers?|supplies|trade",
    "sanctions": r"embargo(es)?|sanctions?|blockade",
}
_FAMILY_RES = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in FAMILIES.items()}
_TIED = re.compile(r"\b(?:to|from|between|via|into)\s+(?:the\s+)?[A-Z][a-z]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")


def score(text: str) -> tuple[int, Counter]:
    """(sentences tying a route word to a named end, route words per family)."""
    body = text.split("\n", 4)[-1]
    tied, families = 0, Counter()
    for sentence in _SENTENCE.split(body):
        hits = {name for name, rx in _FAMILY_RES.items() if rx.search(sentence)}
        families.update(hits)
        if hits and _TIED.search(sentence):
            tied += 1
    return tied, families


# Rarer families first, so a ferry story that also mentions exports counts as a ferry story.
_BY_RARITY = ("ferry", "rail", "pipeline", "sanctions", "shipping", "air", "trade")


def family_of(families: Counter, min_sentences: int = 3) -> str | None:
    """The rarest route family named in at least ``min_sentences`` sentences."""
    return next((name for name in _BY_RARITY if families[name] >= min_sentences), None)


def route_family(text: str, min_tied: int, max_tied: int | None = None, min_sentences: int = 3) -> str | None:
    """The story's route family if enough of its sentences (and, with ``max_tied``, not too
    many) tie a route word to a named end."""
    tied, families = score(text)
    if tied < min_tied or (max_tied is not None and tied > max_tied):
        return None
    return family_of(families, min_sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--per-family", type=int, default=6)
    ap.add_argument("--min-tied", type=int, default=3)
    ap.add_argument("--max-tied", type=int, default=None, help="route-poor stories: at most this many tied sentences")
    ap.add_argument("--min-sentences", type=int, default=3, help="sentences naming the family's words")
    ap.add_argument("--words", default="200,1100", help="min,max word count")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    lo, hi = map(int, args.words.split(","))
    pooled = pools(args.archive, lambda text: route_family(text, args.min_tied, args.max_tied, args.min_sentences), list(FAMILIES), (lo, hi))
    json.dump(draw(pooled, args.per_family, args.seed), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
