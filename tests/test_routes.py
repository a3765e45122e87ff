"""Routes (issue 5): transport links and trade flows, on the seed story and on short real sentences.

Everything runs the real pipeline (spaCy model, gazetteer, lexicons); the seed
tables come from the session fixture so the story is parsed once.
"""

from __future__ import annotations

import pytest

import pipeline


def _rows(tables) -> list[dict]:
    return tables.routes.to_dict("records")


def _route(tables, *names: str) -> dict:
    """The one route whose ends are ``names`` (in either order)."""
    wanted = {n.lower() for n in names}
    found = [r for r in _rows(tables) if {str(r["origin"]).lower(), str(r["destination"]).lower()} == wanted]
    assert len(found) == 1, f"expected one route {names}, got {[(r['origin'], r['destination']) for r in _rows(tables)]}"
    return found[0]


def _place_id(tables, name: str) -> str:
    places = tables.places
    return places[places["name"] == name]["place_id"].iloc[0]


@pytest.fixture(scope="module")
def sentences():
    """Short sentences, one story each, extracted in one call of the pipeline per sentence."""
    texts = {
        "imports": "Ukraine's gas imports from Russia rose 5 percent last year.",
        "flights": "MAXJet operated flights from London to New York, Los Angeles and Las Vegas.",
        "halted": "Russia halted gas supplies to Ukraine on Monday.",
        "takeover": "Thomson agreed to buy London-based Reuters Group for $17 billion.",
        "credit": "China's Development Bank has opened a credit line worth $1 billion to its Russian equivalent.",
        "keystone": "TransCanada's Keystone XL pipeline would carry oil from Canada to Texas.",
        "shipments": "Japan's exports slumped in July as shipments to Europe and China tumbled.",
        "pumps": "The Nord Stream pipeline pumps Russian gas under the Baltic Sea to Germany.",
        "daily": "Daily flights between Beijing and Taipei will start next month.",
    }
    return {key: pipeline.extract(text) for key, text in texts.items()}


# --- the seed story ------------------------------------------------------------------


def test_seed_ferry_is_one_route_enriched_from_every_mention(seed_tables):
    ferries = [r for r in _rows(seed_tables) if r["vehicle"] and "ferry" in r["vehicle"].lower()]
    assert len(ferries) == 1, ferries
    ferry = ferries[0]
    # "between North Korea and the Russian port of Vladivostok" refined by "between Vladivostok and ... Rajin"
    assert {ferry["origin"], ferry["destination"]} == {"Vladivostok", "Rajin"}
    assert ferry["bidirectional"] and ferry["mode"] == "sea" and ferry["kind"] == "transport"
    assert "Mangyongbong" in ferry["vehicle"]
    assert ferry["operator"] == "Investstroitrest"  # "his company had chartered the Mangyongbong"
    assert ferry["status"] == "planned"
    assert {"passengers", "cargo"} <= set(ferry["cargo"])


def test_seed_ferry_capacity_and_frequency_come_from_quantities(seed_tables):
    ferry = _route(seed_tables, "Vladivostok", "Rajin")
    quantities = seed_tables.quantities.set_index("quantity_id")
    texts = {quantities.loc[q, "text"] for q in ferry["capacity"]}
    assert any("200 passengers" in t for t in texts) and any("1,000 tonnes" in t for t in texts), texts
    assert ferry["frequency"] == "six times a month"
    assert ferry["start_date"] == "2017-W19"  # "starting next week"


def test_seed_tanker_route_ends_at_a_nationality_phrase(seed_tables):
    tankers = _route(seed_tables, "Vladivostok", "North Korean east coast ports")
    assert tankers["origin"] == "Vladivostok" and not tankers["bidirectional"]
    # the phrase is no place row of its own: it resolves to the country it names
    assert tankers["destination_place_id"] == _place_id(seed_tables, "North Korea")
    assert tankers["origin_place_id"] == _place_id(seed_tables, "Vladivostok")
    assert "tanker" in tankers["vehicle"] and tankers["cargo"] == ["oil"] and tankers["status"] == "active"


def test_seed_route_inside_a_claim_carries_its_claim_id(seed_tables):
    tankers = _route(seed_tables, "Vladivostok", "North Korean east coast ports")
    claims = seed_tables.claims.set_index("claim_id")
    assert tankers["claim_id"] in claims.index, "the tanker flow is what the shipping data 'shows'"
    assert "tanker traffic" in claims.loc[tankers["claim_id"], "content"]


def test_seed_rail_link_and_historical_boat(seed_tables):
    rail = _route(seed_tables, "Khasan", "Rajin")
    assert rail["mode"] == "rail" and rail["bidirectional"]
    assert {"coal", "metals", "oil products"} <= set(rail["cargo"])
    assert rail["status"] == "active"  # "has been used to carry" is not "used to"
    boat = _route(seed_tables, "Japan", "North Korea")
    assert boat["mode"] == "sea" and boat["status"] == "historical"  # "the ageing boat used to ferry tourists"
    assert boat["cargo"] == ["tourists"]


def test_seed_trade_flows(seed_tables):
    china = _route(seed_tables, "China", "North Korea")
    assert china["kind"] == "trade" and china["origin"] == "China" and china["mode"] == "unspecified"
    assert {"crude", "products"} <= set(china["cargo"])  # "China exports ... crude and ... products"
    russia = _route(seed_tables, "Russia", "North Korea")
    assert russia["origin"] == "Russia" and not russia["bidirectional"]
    assert {"oil products", "jet fuel"} <= set(russia["cargo"])


def test_seed_rows_are_well_formed(seed_tables, seed_text):
    rows = _rows(seed_tables)
    assert [r["route_id"] for r in rows] == [f"R{n}" for n in range(1, len(rows) + 1)]
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    place_ids = set(seed_tables.places["place_id"])
    quantity_ids = set(seed_tables.quantities["quantity_id"])
    for r in rows:
        assert seed_text[r["start"] : r["end"]].split() == r["text"].split()
        assert r["origin_place_id"] in place_ids and r["destination_place_id"] in place_ids
        assert set(r["capacity"]) <= quantity_ids


# --- sentences ---------------------------------------------------------------------------


def test_imports_run_from_the_source_to_the_importer(sentences):
    route = _route(sentences["imports"], "Russia", "Ukraine")
    assert route["origin"] == "Russia" and route["kind"] == "trade" and list(route["cargo"]) == ["gas"]


def test_a_list_of_destinations_gives_one_route_each(sentences):
    rows = _rows(sentences["flights"])
    assert {(r["origin"], r["destination"]) for r in rows} == {("London", "New York"), ("London", "Los Angeles"), ("London", "Las Vegas")}
    assert {r["mode"] for r in rows} == {"air"}


def test_halted_supplies_are_suspended(sentences):
    route = _route(sentences["halted"], "Russia", "Ukraine")
    assert route["status"] == "suspended" and list(route["cargo"]) == ["gas"]


def test_takeovers_and_credit_lines_are_not_routes(sentences):
    assert _rows(sentences["takeover"]) == []  # buying a company is not trade in goods
    assert _rows(sentences["credit"]) == []  # "credit line ... to" is no line


def test_named_pipeline_with_operator(sentences):
    route = _route(sentences["keystone"], "Canada", "Texas")
    assert route["mode"] == "pipeline" and route["vehicle"] == "Keystone XL pipeline"
    assert route["operator"] == "TransCanada" and route["status"] == "planned"  # "would carry"
    nord = _route(sentences["pumps"], "Russia", "Germany")  # origin from "Russian gas"
    assert nord["vehicle"] == "Nord Stream pipeline" and list(nord["cargo"]) == ["gas"] and nord["status"] == "active"


def test_an_export_origin_carries_over_within_a_sentence(sentences):
    rows = _rows(sentences["shipments"])
    assert {(r["origin"], r["destination"]) for r in rows} == {("Japan", "Europe"), ("Japan", "China")}


def test_daily_flights_between_two_cities(sentences):
    route = _route(sentences["daily"], "Beijing", "Taipei")
    assert route["bidirectional"] and route["mode"] == "air"
    assert route["frequency"] == "Daily" and route["status"] == "planned"


@pytest.mark.parametrize(
    "text,status",
    [
        # a threatened or possible cut leaves the flow running
        ("Ukraine has threatened to cut off gas supplies to Moldova.", "active"),
        ("Algeria could halt gas exports to Spain.", "active"),
        # a halt that happened suspends it
        ("Russian pipeline monopoly Transneft halted oil supplies to Lithuania on Monday.", "suspended"),
        # past exports happened; an agreement to ship is still a plan
        ("Norway expanded gas exports to Britain in 2008.", "active"),
        ("Chile agreed to ship copper to China.", "planned"),
    ],
)
def test_status_follows_the_mood_of_the_verb(text: str, status: str):
    assert [r["status"] for r in pipeline.extract(text).routes.to_dict("records")] == [status]


@pytest.mark.parametrize(
    "text,operator",
    [
        ("Russian pipeline monopoly Transneft halted oil supplies to Lithuania on Monday.", "Transneft"),
        ("Russian gas monopoly Gazprom pumps gas to Turkey.", "Gazprom"),
        ("Chile agreed to ship copper to China.", None),
    ],
)
def test_an_organisation_titled_operator_runs_the_sentences_flows(text: str, operator: str | None):
    rows = pipeline.extract(text).routes.to_dict("records")
    assert len(rows) == 1 and (rows[0]["operator"] or None) == operator
