"""The knowledge miner's listing fallback and its tally (issue 18, scripts/org_mining_tally.py)."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import org_mining_tally as tally_module  # noqa: E402


def _tally(rows: dict[str, dict]) -> SimpleNamespace:
    """A tally as the miner counts it: per key, cue countries, listing countries, labels and surfaces."""
    t = SimpleNamespace(
        countries=defaultdict(Counter), listings=defaultdict(Counter), surfaces=defaultdict(Counter),
        listed_surfaces=defaultdict(Counter), labels=defaultdict(Counter), surnames=Counter(),
        introduced=Counter(), introduced_as_person=Counter(), stories=100, candidate_sentences=100,
    )
    for key, row in rows.items():
        t.countries[key].update(row.get("cues", {}))
        t.listings[key].update(row["listings"])
        t.labels[key].update({"ORG": 10})
        t.listed_surfaces[key][row["name"]] += 1
    return t


def test_a_listing_speaks_only_where_no_cue_or_second_listing_does():
    t = _tally({
        "telus": {"name": "Telus Corp.", "cues": {"CAN": 2}, "listings": {"CAN": 6}},
        "ubs": {"name": "UBS AG", "listings": {"CHE": 20, "USA": 20}},  # listed in two countries
        "baidu": {"name": "Baidu", "cues": {"CHN": 4}, "listings": {"USA": 30}},  # an ADR the cues place abroad
        "china life insurance": {"name": "China Life Insurance Co.", "listings": {"USA": 9}},  # its name does
        "willis group holdings": {"name": "Willis Group Holdings Ltd.", "listings": {"USA": 9}},  # a foreign form
        "news": {"name": "News Corp", "cues": {"USA": 1}, "listings": {"USA": 36, "AUS": 1}},
        "maroc telecom": {"name": "Maroc Telecom", "listings": {"FRA": 3}},  # too few stories with no cue
    })
    entries = tally_module.listed_entries(t, known_keys=set(), keepable=lambda name, key: True)
    assert {e["key"]: e["country"] for e in entries.values()} == {"telus": "CAN", "news": "USA"}
    assert all(e["rule"] == "listing" for e in entries.values())
    assert tally_module.listed_entries(t, known_keys={"telus", "news"}, keepable=lambda n, k: True) == {}


def test_the_state_file_keeps_every_count(tmp_path):
    t = _tally({"telus": {"name": "Telus Corp.", "cues": {"CAN": 2}, "listings": {"CAN": 6}}})
    tally_module.save_state(t, tmp_path / "state.pkl")
    back = tally_module.load_state(_tally({}), tmp_path / "state.pkl")
    assert back.listings["telus"] == Counter({"CAN": 6}) and back.countries["telus"] == Counter({"CAN": 2})
    report = tally_module.dropped_report(back, set(), 3, 0.9, lambda n, k: True, lambda *a: True)
    assert report["dropped"]["telus"]["reason"] == "too_few_stories"


def test_a_name_whose_cues_split_counts_when_its_many_listings_agree_with_their_leader():
    # Rule listing_agrees: "Google Inc": cues 4 USA and 2 China (its China unit), listed 265 times in New York.
    t = _tally({
        "google": {"name": "Google Inc.", "cues": {"USA": 4, "CHN": 2}, "listings": {"USA": 265}},
        "fewlisted": {"name": "Fewlisted Inc.", "cues": {"USA": 4, "CHN": 2}, "listings": {"USA": 9}},  # under 10 listings
        "evensplit": {"name": "Evensplit Inc.", "cues": {"USA": 3, "CHN": 3}, "listings": {"USA": 40}},  # no two thirds
        "baidu": {"name": "Baidu", "cues": {"CHN": 4}, "listings": {"USA": 30}},  # the cues' leader is not the listing's
    })
    entries = tally_module.listed_entries(t, known_keys=set(), keepable=lambda name, key: True)
    assert {e["key"]: e["country"] for e in entries.values()} == {"google": "USA"}
    assert entries["Google Inc."]["share"] == round(269 / 271, 3)
