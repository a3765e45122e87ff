"""A full name the archive already shows as several people, whose other mentions name several employers: the
``person_employer`` guard of ``wireclaims link`` (issue 20, i20n).

``person_field`` keys a name's analyst (or judge, politician...) mentions apart; what is left keeps the bare name and so
joins whoever else carries it: seed 29's "David Miller" joined a director of the Iowa Farm Bureau Federation, "David
Miller of Sanders Morris Harris" (no title read), "Caris & Co's David Miller" and Lenovo's Asia Pacific president.
Where those left mentions name two employers or more, each employer is one person (``person_employer``), and a mention
with no employer could be any of them: it stays in its story (``ambiguous_person``), like a bare surname.

Only names ``person_field`` split: over every full name, two employers are mostly one career or one employer written
two ways (Henry Paulson at "Treasury" and "U.S. Treasury", Meredith Whitney at CIBC then Oppenheimer; measured in
docs/archive.md, i20n).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..writers import query_batches, temp_table
from ..resources import word_set
from .keys import LEXICON, org_words

_EMPLOYERS = pa.schema([("key", pa.string()), ("affiliation", pa.string()), ("target", pa.string())])
_AMBIGUOUS = pa.schema([("key", pa.string())])
MIN_HEAD_LETTERS = 4  # an employer key that starts or ends a longer one is the same employer ("ford", "bancorp")
MIN_EMPLOYERS = 2  # employers that make a split name's other mentions several people
EMPLOYER_DOMINANCE = 0.5  # ... unless one holds this share of their stories: one person, the others the extractor's slips
# (Google's Eric Schmidt read "Microsoft Corp" and "Federal Communications Commission" in stories about them)


def _employer_of(affiliation: str, aliases: dict[str, str]) -> tuple[str, str] | None:
    """An affiliation's organisation key as the linker keys organisations, an alias taken to its target ("Caris & Co"
    and "Caris & Company": caris), with its first word ("matrix" of Matrix Asset Advisors and Matrix Asset Management)."""
    words = org_words(affiliation)
    key = "".join(words)
    if not key or set(words) <= word_set(LEXICON, "title_affiliation_words"):  # "Chief Executive": a title, no employer
        return None
    return aliases.get(key, key), words[0]


def _grouped(employers: set[tuple[str, str]]) -> dict[str, str]:
    """Each employer key to the first, by length, that starts or ends it or shares its first word ("ford" for
    "fordmotor", "bancorp" for "usbancorp", "matrixassetadvisors" for "matrixassetmanagement"): one employer written
    two ways. A short key inside another is not enough: "ing" is in "boeingsupportsystems", "co" in "federalcommunications"."""
    heads: list[tuple[str, str]] = []
    out = {}
    for key, first in sorted(employers, key=lambda e: (len(e[0]), e)):
        head = next((h for h, f in heads if f == first or (len(h) >= MIN_HEAD_LETTERS and (key.startswith(h) or key.endswith(h)))), None)
        if head is None:
            heads.append((key, first))
        out[key] = head or key
    return out


def _targets(key: str, rows: list[dict], aliases: dict[str, str]) -> tuple[list[dict], bool]:
    """One name's mentions with an employer (``side``: the split key of a titled one, None for one left with the bare
    name): each left affiliation's target key, and whether the name is ambiguous."""
    employers = {r["affiliation"]: _employer_of(r["affiliation"], aliases) for r in rows}
    groups = _grouped({e for e in employers.values() if e})
    group_of = {aff: groups[e[0]] for aff, e in employers.items() if e}
    sides: dict[str, set[str]] = {}
    for r in rows:
        if r["side"] and r["affiliation"] in group_of:
            sides.setdefault(group_of[r["affiliation"]], set()).add(r["side"])
    out, stories = [], {}
    for r in rows:
        group = group_of.get(r["affiliation"])
        if r["side"] or group is None:
            continue
        if len(sides.get(group, ())) == 1:  # "David Miller of Sanders Morris Harris": the analyst there
            out.append({"key": key, "affiliation": r["affiliation"], "target": next(iter(sides[group]))})
        else:
            stories.setdefault(group, []).append(r)
    sizes = {g: sum(r["n"] for r in rs) for g, rs in stories.items()}
    ambiguous = len(sizes) >= MIN_EMPLOYERS and max(sizes.values()) < EMPLOYER_DOMINANCE * sum(sizes.values())
    if ambiguous:
        out += [{"key": key, "affiliation": r["affiliation"], "target": f"{key}|at:{g}"} for g, rs in stories.items() for r in rs]
    return out, ambiguous


def person_employers(con: duckdb.DuckDBPyConnection, key_join: str, side: str) -> None:
    """Temp tables ``person_employers(key, affiliation, target)`` and ``ambiguous_people(key)``. For each name of
    ``field_names`` or ``kind_names``, ``side`` (SQL over ``a``, ``k``, ``fn``, ``kn``) gives a mention's split key (the
    analyst's, the judge's), null for one left with the bare name. A left mention goes to the split key whose
    mentions name its employer, when one does; the other left mentions, when they name two employers or more and none
    holds half their stories, key by employer, and those of the name with no employer stay in their story (its key in
    ``ambiguous_people``). Reads ``alias_map``."""
    aliases = {r[0]: r[1] for r in con.execute("SELECT alias_key, target_key FROM alias_map WHERE kind = 'organization'").fetchall()}
    mentions = con.sql(
        f"""SELECT k.key, a.affiliation, {side} AS side, count(DISTINCT a.story_id) AS n FROM actors a JOIN {key_join}
        LEFT JOIN field_names fn ON fn.key = k.key LEFT JOIN kind_names kn ON kn.key = k.key
        WHERE a.kind = 'person' AND a.affiliation IS NOT NULL AND (fn.key IS NOT NULL OR kn.key IS NOT NULL)
        GROUP BY ALL ORDER BY ALL"""
    )
    by_key: dict[str, list[dict]] = {}
    for batch in query_batches(mentions):
        for r in batch.to_pylist():
            by_key.setdefault(r["key"], []).append(r)
    rows, ambiguous = [], []
    for key, found in by_key.items():
        targets, several = _targets(key, found, aliases)
        rows += targets
        ambiguous += [{"key": key}] if several else []
    temp_table(con, "person_employers", rows, _EMPLOYERS)
    temp_table(con, "ambiguous_people", ambiguous, _AMBIGUOUS)
