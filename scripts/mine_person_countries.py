"""Mine the country of public figures the Reuters archive names with a national title (issue 18).

Writes ``models/gazetteer/person_countries.json``: people whom the archive introduces, story
after story, with one country's office ("U.S. President Barack Obama", "Chinese Premier Wen
Jiabao", "Russia's Foreign Minister Sergei Lavrov"), with the ISO 3166 alpha-3 code, how many
stories said so and the winning country's share of them.

Evidence is one shape, read with a regular expression (no NER): a country's name, its
possessive or its nationality adjective, then a title of public office in capitals
(``national_titles`` of ``models/lexicons/person_mining.json``, with capitalised words before
it: "Deputy Foreign Minister", "Treasury Secretary"), then the person's name: two to four
capitalised words or initials. A story counts once for each (person, country) it gives.

Kept: evidence >= 3 and share >= 0.9 (``--min-evidence``, ``--min-share``). The pipeline reads
the file for a person the story gives no other evidence for (``country_source = knowledge``):
wire style names the country of an office only when it is not the dateline's, so a story
datelined New York that quotes "Premier Wen Jiabao" does not say he is Chinese; the archive
does.

Rebuild the file (about 3 minutes, one core) with

    .venv/bin/python scripts/mine_person_countries.py
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from mine_org_countries import archive_stories, country_of_name, mining_arguments, write_json

from pipeline.gazetteer import gazetteer, normalize_name
from pipeline.resources import load_json

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "models/gazetteer/person_countries.json"
REBUILD_COMMAND = ".venv/bin/python scripts/mine_person_countries.py"
_LEXICON = load_json("lexicons/person_mining.json")


def _title_pattern() -> str:
    titles = sorted(_LEXICON["national_titles"], key=len, reverse=True)
    return "|".join(re.escape(" ".join(w if w in ("of", "and") else w.capitalize() for w in t.split())) for t in titles)


# A national title in capitals and the name after it; the country is looked for before the title.
_TITLE_AND_NAME = re.compile(
    r"(?<![\w-])(?:" + _title_pattern() + r")\s(?P<name>[A-Z][a-zA-Z'’-]+(?:\s(?:[A-Z]\.|(?:al-|el-|bin\s|bint\s|de\s|van\s|von\s)?[A-Z][a-zA-Z'’-]+)){1,3})(?![\w-])"
)
MAX_TITLE_WORDS = 3  # capitalised words between the country and the title: "Deputy Foreign", "Prime"


def country_before_title(words: list[str]) -> str | None:
    """The country that the words before a title name, through capitalised title words:
    "Japanese [Prime] Minister", "Russia's [Deputy Foreign] Minister", "U.S. [Treasury] Secretary"."""
    for skip in range(min(MAX_TITLE_WORDS, len(words)) + 1):
        if skip and not (words[-skip][:1].isupper() or words[-skip] in ("of", "and")):
            return None
        before = words[: len(words) - skip]
        for n in (2, 1):
            if len(before) < n:
                continue
            text = " ".join(before[-n:])
            possessive = bool(re.search(r"['’]s$", text))
            text = re.sub(r"['’]s$", "", text)
            iso = country_of_name(text) or (None if possessive else gazetteer().demonym(text))
            if iso:
                return iso
    return None


def person_name(name: str) -> str:
    """The name without a trailing possessive or a word that begins the next clause."""
    name = re.sub(r"['’]s$", "", name)
    words = name.split()
    while len(words) > 2 and words[-1].lower() in _LEXICON["not_name_words"]:
        words.pop()
    return " ".join(words)


def story_evidence(body: str) -> set[tuple[str, str, str]]:
    """(name key, name, country) of every person a story introduces with a national title."""
    found = set()
    for m in _TITLE_AND_NAME.finditer(body):
        iso = country_before_title(body[max(0, m.start() - 80) : m.start()].split())
        if iso:
            name = person_name(m.group("name"))
            found.add((normalize_name(name), name, iso))
    return found


def mine(archive: Path, limit: int | None) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]], int]:
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    stories = 0
    for stories, body in enumerate(archive_stories(archive, limit), 1):
        for key, name, iso in story_evidence(body):
            countries[key][iso] += 1
            surfaces[key][name] += 1
    return countries, surfaces, stories


def kept_people(countries: dict[str, Counter[str]], surfaces: dict[str, Counter[str]], min_evidence: int, min_share: float) -> dict[str, dict[str, object]]:
    kept: dict[str, dict[str, object]] = {}
    for key, counts in countries.items():
        evidence = sum(counts.values())
        iso, top = counts.most_common(1)[0]
        if evidence >= min_evidence and top / evidence >= min_share:
            kept[surfaces[key].most_common(1)[0][0]] = {"country": iso, "evidence": evidence, "share": round(top / evidence, 3)}
    return dict(sorted(kept.items()))


def main() -> None:
    args = mining_arguments(__doc__.splitlines()[0], DEFAULT_OUT, "stories", "stories").parse_args()
    started = time.monotonic()
    countries, surfaces, stories = mine(args.archive, args.limit)
    kept = kept_people(countries, surfaces, args.min_evidence, args.min_share)
    about = (
        "Person -> ISO 3166 alpha-3 country, mined from the Reuters archive 2006-2013 by "
        "scripts/mine_person_countries.py (issue 18): a country, its possessive or nationality, then a title of "
        "public office, then the name ('U.S. President Barack Obama'). A story counts once per (person, country). "
        f"Kept: evidence >= {args.min_evidence} stories and share >= {args.min_share}. Rebuild: {REBUILD_COMMAND}"
    )
    write_json(args.out, about, kept, section="people")
    print(f"{time.monotonic() - started:.0f} s: {stories} stories, {len(countries)} people with evidence, {len(kept)} kept -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
