"""Round 18's lessons (issue 18): rules on real text, and on fixed parses where a rule reads the parse."""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline

from .conftest import actor_rows, cell


def test_a_firm_in_a_town_named_before_its_state_takes_the_state_s_country():
    # Round 18's two wrong codes: "Advisors Inc. in Holland Pennsylvania" read Holland as the Netherlands.
    rows = actor_rows(
        'NEW YORK (Reuters) - "Demand is holding up," said economist Jane Roe of Roe Economic Advisors Inc. in Holland Pennsylvania.'
    )
    assert cell(rows["Roe Economic Advisors Inc."], "country") == "USA"
    assert cell(rows["Jane Roe"], "country") == "USA"


@pytest.mark.parametrize(
    "place, state, elsewhere",
    [("Holland", "Pennsylvania", "NLD"), ("Holland", "Michigan", "NLD"), ("Paris", "Texas", "FRA")],
)
def test_a_place_right_before_a_state_without_a_comma_is_a_town_there(place, state, elsewhere):
    places = pd.DataFrame(pipeline.extract(f"Officials in {place} {state} said sales rose.")["places"])
    row = places[places["text"] == place].iloc[0]
    assert (row["country"], row["kind"]) == ("USA", "town")
    # where the parse does not tie "in" to the firm, its country stays empty: never the other country's code
    rows = actor_rows(f'NEW YORK (Reuters) - "Demand is holding up," said economist Jane Roe of Roe Economic Advisors Inc. in {place} {state}.')
    assert cell(rows["Roe Economic Advisors Inc."], "country") in ("USA", None)
    assert cell(rows["Jane Roe"], "country") != elsewhere


def test_two_places_side_by_side_are_not_qualified_unless_the_second_is_a_state():
    places = pd.DataFrame(pipeline.extract("He flew from Paris to Texas, then to Holland.")["places"])
    assert set(places["country"]) == {"FRA", "USA", "NLD"}


def test_a_list_of_countries_is_not_a_place_qualified_by_the_next():
    # "Chile, Peru": a comma between two country names is a list, not Chile in Peru
    places = pd.DataFrame(pipeline.extract("Chile, Peru and Bolivia imported wheat from Argentina.")["places"])
    assert dict(zip(places["text"], places["country"])) == {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL", "Argentina": "ARG"}
