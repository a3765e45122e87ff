"""Draw actor- and expert-rich stories from the Reuters archive for blind annotation (issue 18).

Reads ``../shared/corpus/reuters-2006-2013.tar.gz`` once and keeps stories that quote several
people (three or more "said") and name at least one expert-like role (analyst, economist,
strategist, professor, fellow, consultant, researcher ...). Each kept story is classed by
the rarest of a few beats its words point to (companies with legal suffixes, think tanks
and academia, governments and parties, markets, energy and commodities) and stories are
drawn per beat with a fixed seed. Only the text is read, never the pipeline's output, so
the drawn stories can be annotated blind. Stories already in ``tests/`` are skipped.

    python scripts/select_actor_stories.py [ARCHIVE] --per-beat 8 --seed 18 > rounds.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys

from archive_sample import ARCHIVE, draw, pools

BEATS: dict[str, str] = {
    "legal_form": r"\b(?:Pcl|GmbH|SpA|S\.p\.A\.|plc|PLC|AG|NV|N\.V\.|OAO|OJSC|SA|S\.A\.|Tbk|Bhd|KK|Oyj|ASA|AB)\b",
    "think_tank": r"\b(?:[Ii]nstitute|[Tt]hink[- ]tank|[Ff]ellow|[Pp]rofessor|[Uu]niversity|[Cc]onsultancy|[Rr]esearch [Cc]enter)\b",
    "government": r"\b(?:[Mm]inister|[Mm]inistry|[Pp]arty|[Pp]arliament|[Rr]egulator|[Cc]ommission)\b",
    "markets": r"\b(?:[Ss]trategist|[Ee]conomist|[Tt]rader|[Ff]und manager|[Bb]rokerage)\b",
    "energy": r"\b(?:oil|gas|crude|coal|copper|iron ore|refinery|OPEC)\b",
}
_BEAT_RES = {name: re.compile(words) for name, words in BEATS.items()}
_EXPERT = re.compile(r"\b(?:analysts?|economists?|strategists?|professor|fellow|consultants?|researchers?|expert)\b", re.I)
_SAID = re.compile(r"\bsaid\b")
_BY_RARITY = ("think_tank", "legal_form", "government", "energy", "markets")


def beat_of(body: str) -> str | None:
    """The rarest beat whose words occur at least twice in the story."""
    return next((name for name in _BY_RARITY if len(_BEAT_RES[name].findall(body)) >= 2), None)


def actor_beat(text: str) -> str | None:
    """The story's beat if it quotes several people and names an expert-like role."""
    body = text.split("\n", 4)[-1]
    if len(_SAID.findall(body)) < 3 or not _EXPERT.search(body):
        return None
    return beat_of(body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--per-beat", type=int, default=8)
    ap.add_argument("--words", default="250,900", help="min,max word count")
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    lo, hi = map(int, args.words.split(","))
    json.dump(draw(pools(args.archive, actor_beat, list(BEATS), (lo, hi)), args.per_beat, args.seed), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
