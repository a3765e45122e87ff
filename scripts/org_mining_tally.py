"""What ``mine_org_countries.py`` counted and dropped (issue 18): the whole tally kept in a
state file, so that keep rules can be tried again without mining the archive (45 minutes),
and a report of the names the knowledge file leaves out, with their counts and why.

Why a name is dropped, in the order it is decided:

* ``never_a_cue``: the recogniser found the name in candidate sentences but no cue ever
  spoke for its country (its listing may have);
* ``too_few_stories``: cues in fewer stories than ``--min-evidence``;
* ``split``: the leading country holds less than ``--min-share`` of the stories;
* ``not_keepable``: generic, an international body, a place, or never an actor;
* ``not_an_organization``: the archive reads it as a person or a place.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

MIN_MENTIONS_REPORTED = 5  # names seen fewer times are left out of the report (noise of the recogniser)


def _plain(table: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    return {key: dict(counts) for key, counts in table.items()}


def _counters(table: dict[str, dict[str, int]]) -> defaultdict[str, Counter[str]]:
    return defaultdict(Counter, {key: Counter(counts) for key, counts in table.items()})


TABLES = ("countries", "listings", "surfaces", "listed_surfaces", "labels")
COUNTERS = ("surnames", "introduced", "introduced_as_person")


def save_state(tally: Any, path: Path) -> None:
    """Write every count of the tally (pickle of plain dicts: the file is for this script only)."""
    state = {name: _plain(getattr(tally, name)) for name in TABLES}
    state.update({name: dict(getattr(tally, name)) for name in COUNTERS})
    state.update(stories=tally.stories, candidate_sentences=tally.candidate_sentences)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump(state, fh)


def load_state(tally: Any, path: Path) -> Any:
    """Fill an empty tally from a state file written by ``save_state``."""
    with open(path, "rb") as fh:
        state = pickle.load(fh)
    for name in TABLES:
        setattr(tally, name, _counters(state.get(name, {})))
    for name in COUNTERS:
        setattr(tally, name, Counter(state.get(name, {})))
    tally.stories, tally.candidate_sentences = state["stories"], state["candidate_sentences"]
    return tally


def drop_reason(tally: Any, key: str, min_evidence: int, min_share: float,
                keepable: Callable[[str, str], bool], organization: Callable[[Any, str, str, str], bool]) -> str:
    """Why a name with no knowledge entry was left out (the module's list of reasons)."""
    countries = tally.countries.get(key)
    if not countries:
        return "never_a_cue"
    evidence = sum(countries.values())
    iso, top = countries.most_common(1)[0]
    if evidence < min_evidence:
        return "too_few_stories"
    if top / evidence < min_share:
        return "split"
    name = tally.surfaces[key].most_common(1)[0][0]
    if not keepable(name, key):
        return "not_keepable"
    return "not_an_organization" if not organization(tally, key, name, iso) else "kept"


def dropped_report(tally: Any, kept_keys: set[str], min_evidence: int, min_share: float,
                   keepable: Callable[[str, str], bool], organization: Callable[[Any, str, str, str], bool]) -> dict[str, Any]:
    """Every name seen at least MIN_MENTIONS_REPORTED times (or with any evidence) and not kept:
    reason, cue countries, listing countries, recogniser labels, introductions."""
    rows: dict[str, Any] = {}
    keys = set(tally.countries) | set(tally.listings) | {k for k, c in tally.labels.items() if sum(c.values()) >= MIN_MENTIONS_REPORTED}
    for key in sorted(keys - kept_keys):
        surfaces = tally.surfaces.get(key) or tally.listed_surfaces.get(key)
        rows[key] = {
            "name": surfaces.most_common(1)[0][0] if surfaces else key,
            "reason": drop_reason(tally, key, min_evidence, min_share, keepable, organization),
            "cues": dict(tally.countries.get(key, {})),
            "listings": dict(tally.listings.get(key, {})),
            "labels": dict(tally.labels.get(key, {})),
            "introduced": tally.introduced.get(key, 0),
            "introduced_as_person": tally.introduced_as_person.get(key, 0),
            "surname": tally.surnames.get(key, 0),
        }
    reasons = Counter(row["reason"] for row in rows.values())
    return {"_about": "Names mine_org_countries.py did not keep (scripts/org_mining_tally.py).",
            "reasons": dict(reasons), "dropped": rows}


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=0), encoding="utf-8")


# --- listings as a fallback cue ----------------------------------------------------------

MIN_LISTED_STORIES = 3  # stories that list the name (or state its country) before it counts ...
MIN_LISTED_ALONE = 5  # ... or that list it, when no cue agrees ("Maroc Telecom" 3, Paris; "Shell Oil Co" 4, London)
# Legal forms no US firm bears: a US listing of a firm with one says nothing of its home.
FOREIGN_FORMS = frozenset({"ltd", "limited", "plc", "ag", "nv", "sa", "se", "asa", "ab", "spa", "bv", "oyj", "kgaa", "bhd"})
MIN_LISTING_SHARE = 0.95  # of its listing stories, on one country's exchanges (News Corp: 36 New York, 1 Sydney)
# Rule listing_agrees (session 12): a name whose cues split ("Google": 4 stories USA, 2 China of its
# China unit) still counts when it is listed in that many stories, on its leading cue country's exchanges
# alone, and that country holds this share of its cue stories: two kinds of evidence agree.
MIN_LISTED_SPLIT = 10
MIN_SPLIT_CUE_SHARE = 2 / 3


def named_countries(name: str) -> set[str]:
    """Countries a word or two of the name name ("China Life", "Deutsche Telekom", "Air France KLM")."""
    from pipeline.gazetteer import gazetteer

    gaz, words = gazetteer(), name.replace("-", " ").split()
    found = set()
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            text = " ".join(words[i : i + n])
            place = gaz.country_named(text)
            iso = place.country if place is not None else gaz.demonym(text)
            if iso and text[:1].isupper():
                found.add(iso)
    return found


def listed_entries(tally: Any, known_keys: set[str], keepable: Callable[[str, str], bool]) -> dict[str, dict[str, Any]]:
    """Entries for names the knowledge file lacks, from the exchange their Reuters code names.

    A listing speaks only where no cue does: the codes after the name are of one country's
    exchanges in 95% of its stories (a firm listed in two countries, "UBS AG UBSN.VX UBS.N", gives none), no
    cue ever named another country for it (ADRs: "Chinese search engine Baidu ( BIDU.O )"), it
    stands in at least MIN_LISTED_STORIES stories (listings and agreeing cues; MIN_LISTED_ALONE
    with no cue), or it is listed in MIN_LISTED_SPLIT stories and its listing country leads its
    cues with MIN_SPLIT_CUE_SHARE of them (rule listing_agrees: "Google Inc", cues 4 USA and 2
    China, listed 265 times in New York), and the
    recogniser calls it an organisation at least as often as anything else."""
    entries: dict[str, dict[str, Any]] = {}
    for key, listings in tally.listings.items():
        if key in known_keys or not listings:
            continue
        iso, listed = listings.most_common(1)[0]
        if listed < MIN_LISTING_SHARE * sum(listings.values()):
            continue  # listed in two countries ("UBS AG UBSN.VX UBS.N", "SAP SAPG.DE SAP.N")
        cues = tally.countries.get(key, {})
        if any(country != iso for country in cues) and not _listing_agrees(cues, iso, listed):
            continue
        labels = tally.labels.get(key, {})
        if labels.get("ORG", 0) * 2 < sum(labels.values()) + tally.surnames.get(key, 0):
            continue
        if tally.introduced_as_person.get(key, 0) > tally.introduced.get(key, 0):
            continue
        stories = listed + cues.get(iso, 0)
        name = tally.listed_surfaces[key].most_common(1)[0][0]
        if iso == "USA" and name.replace(".", "").split()[-1].lower() in FOREIGN_FORMS:
            continue  # "Willis Group Holdings Ltd", "Tyco Electronics Ltd": New York lists firms domiciled abroad
        if named_countries(name) - {iso}:
            continue  # "China Life Insurance Co ( LFC.N )": an ADR of a firm its name places abroad
        needed = MIN_LISTED_STORIES if cues.get(iso) else MIN_LISTED_ALONE
        if stories >= needed and keepable(name, key):
            share = stories / (listed + sum(cues.values()))  # 1.0 unless the cues split (listing_agrees)
            entries[name] = {"key": key, "country": iso, "evidence": stories, "share": round(share, 3), "rule": "listing"}
    return entries


def _listing_agrees(cues: dict[str, int], iso: str, listed: int) -> bool:
    """Rule listing_agrees: cues that split, led by the country of a name's many listings."""
    return listed >= MIN_LISTED_SPLIT and cues.get(iso, 0) >= MIN_SPLIT_CUE_SHARE * sum(cues.values())


def merge_listed(knowledge: Path, state: Path, tally: Any, keepable: Callable[[str, str], bool],
                 write: Callable[[Path, str, dict[str, dict[str, Any]]], None]) -> int:
    """Add ``listed_entries`` of a state file to the knowledge file (its entries unchanged)."""
    data = json.loads(knowledge.read_text(encoding="utf-8"))
    entries = data["organizations"]
    known = {str(e.get("key")) for e in entries.values()}
    added = listed_entries(load_state(tally, state), known, keepable)
    merged = {**entries, **{n: e for n, e in added.items() if n not in entries}}
    listed = sum(1 for e in merged.values() if e.get("rule") == "listing")
    about = data["_about"].split(" Listings:")[0] + (
        f" Listings: {listed} entries with 'rule': 'listing' come from the exchanges of the Reuters codes after a name "
        f"(scripts/org_mining_tally.py listed_entries, state of {tally.stories} stories), only for names listed in one "
        "country alone that no cue gives another country, or that are listed in 10 stories or more and whose cues "
        "that country leads with two thirds of them (rule listing_agrees: 'Google Inc.')."
    )
    write(knowledge, about, dict(sorted(merged.items(), key=lambda item: (item[0].lower(), item[0]))))
    return len(added)
