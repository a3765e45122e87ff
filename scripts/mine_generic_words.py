"""Mine the generic words of the Reuters archive (issue 20): the words it writes mostly in lower case.

Writes ``generic_words`` into ``models/lexicons/linking.json``. ``wireclaims link`` keeps an
organisation named by such words alone ("Airlines", "Securities", "Media", "International
Group Inc", "Bankers Association", "Distillate") within its story: the name is an industry
or a common noun, or a real name the extractor cut ("American Airlines" without
"American"), and it would gather unrelated actors across stories.

A word counts where case tells something: inside a sentence (not its first word, not after a
colon or a quote or a bracket), written in lower case ("airlines") or capitalised
("Airlines"); a word in capitals (a headline, an acronym) does not count. A word is generic
when it is met at least ``--min-count`` times so and in lower case in at least
``--min-lower`` of them. Names written capitalised lift a word's capitals, so the bar is low:
in the first 20,000 stories "airlines" is lower case 706 times of 1,681 (0.42), "securities"
0.62, "group" 0.51, "association" 0.14, "electric" 0.22; "disney", "prudential", "china" never.

    .venv/bin/python scripts/mine_generic_words.py            # 20,000 stories: 6 CPU-minutes
    .venv/bin/python scripts/mine_generic_words.py --limit 2000 --dry-run --show airlines group
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from archive_sample import archive_texts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared/corpus/reuters-2006-2013.tar.gz"
LEXICON = ROOT / "models/lexicons/linking.json"
HEADER_PREFIX = "-- "  # "-- headline", "-- By ...", "-- date", "-- URL"
_WORD = re.compile(r"(?<![\w'’.-])([A-Za-z][a-z]+)(?![\w'’-])")
# What before a word makes its capital say nothing: a sentence's end, a colon, a quote, a bracket, a dash.
_OPENING = re.compile(r"(?:^|[.!?:;\"“”(\[—–-])\s*$")
_DATELINE = re.compile(r"^[^()]{0,80}\(Reuters\)\s*-*\s*")


def bodies(path: Path, limit: int | None) -> Iterator[str]:
    """The story texts of the archive, without the header lines and the dateline."""
    for _, text in archive_texts(path, limit):
        yield "\n".join(_DATELINE.sub("", line.strip()) for line in text.splitlines() if not line.startswith(HEADER_PREFIX))


def count_cases(texts: Iterator[str]) -> tuple[Counter, Counter]:
    """Per lower-cased word: how often it is written in lower case, and capitalised, inside a sentence."""
    lower: Counter = Counter()
    title: Counter = Counter()
    for text in texts:
        for line in text.splitlines():
            for m in _WORD.finditer(line):
                if _OPENING.search(line[: m.start()]):
                    continue
                word = m.group(1)
                (lower if word[0].islower() else title)[word.lower()] += 1
    return lower, title


def generic_words(lower: Counter, title: Counter, min_count: int, min_lower: float) -> list[str]:
    words = set(lower) | set(title)
    return sorted(w for w in words if lower[w] + title[w] >= min_count and lower[w] >= min_lower * (lower[w] + title[w]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=20000, help="stories to read, from the archive's start")
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--min-lower", type=float, default=0.3)
    ap.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    ap.add_argument("--show", nargs="*", default=[], help="words whose counts to print")
    args = ap.parse_args()
    lower, title = count_cases(bodies(args.archive, args.limit))
    for w in args.show:
        print(f"{w}: lower {lower[w]}, capitalised {title[w]}")
    words = generic_words(lower, title, args.min_count, args.min_lower)
    print(f"{len(words):,} generic words of {len(set(lower) | set(title)):,}")
    if args.dry_run:
        return
    lexicon = json.loads(LEXICON.read_text(encoding="utf-8"))
    lexicon["generic_words"] = words
    LEXICON.write_text(json.dumps(lexicon, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
