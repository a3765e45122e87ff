"""Count the named links the Reuters archive mentions most: "<Name> pipeline", "<Name> Canal", ...

The counts chose which links `models/gazetteer/named_links.json` describes (issue 17); the
ends, mode and operator of each were then written by hand from public knowledge. Rebuild
the counts with

    python scripts/mine_named_links.py [ARCHIVE] --top 80
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

from archive_sample import ARCHIVE, archive_texts

_NAME = r"(?:[A-Z][\w.'&-]*|of|the)(?:\s+(?:[A-Z][\w.'&-]*|of))*"
_LINK = re.compile(
    rf"\b(?:the\s+)?({_NAME})\s+(pipeline|Pipeline|gas pipeline|oil pipeline|Canal|canal|Strait|Straits|Tunnel|tunnel|railway|Railway|rail link|line)\b"
)
_STOP = {"The", "A", "An", "New", "Its", "This", "That", "Reuters", "U.S.", "His", "Their", "Our"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", default=str(ARCHIVE))
    ap.add_argument("--top", type=int, default=80)
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    for _member, text in archive_texts(args.archive):
        seen = set()
        for m in _LINK.finditer(text):
            name = m.group(1).strip()
            if name in _STOP or name.split()[0] in _STOP and len(name.split()) == 1:
                continue
            seen.add(f"{name} {m.group(2).lower()}")
        counts.update(seen)  # stories, not mentions
    for name, n in counts.most_common(args.top):
        print(f"{n}\t{name}")


if __name__ == "__main__":
    main()
