"""Quantities: real sentences through the real model; units, qualifiers, changes, rates and what is measured."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract.actors import extract_actors
from pipeline.extract.context import DocContext
from pipeline.extract.dates import extract_dates
from pipeline.extract.entities import entity_mentions
from pipeline.extract.numbers import find_numbers
from pipeline.extract.quantities import extract_quantities


@pytest.fixture(scope="module")
def quantities_of(nlp):
    def run(text: str, published: date | None = date(2017, 5, 3)) -> tuple[list[dict], object]:
        ctx = DocContext.build(nlp(text), published)
        _, actors = extract_actors(ctx, entity_mentions(ctx))
        _, dates = extract_dates(ctx)
        return extract_quantities(ctx, actors, dates), actors

    return run


def one(rows: list[dict], text: str) -> dict:
    found = [r for r in rows if r["text"] == text]
    assert len(found) == 1, f"{text!r} not found once in {[r['text'] for r in rows]}"
    return found[0]


# --- the seed story, through the public API ---------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seed_tables) -> list[dict]:
    return seed_tables.quantities.to_dict("records")


def test_seed_quantities(seed_rows):
    q = one(seed_rows, "about 90 percent")
    assert (q["value"], q["unit"], q["unit_kind"], q["qualifier"]) == (90, "percent", "percent", "~")
    assert "North Korea's trade" in q["measured"]
    # a bound before a conjunction holds for both conjuncts
    assert one(seed_rows, "up to 200 passengers")["qualifier"] == "<="
    q = one(seed_rows, "1,000 tonnes")
    assert (q["unit"], q["qualifier"], q["measured"]) == ("tonne", "<=", "cargo")
    q = one(seed_rows, "six times a month")
    assert (q["value"], q["unit"], q["unit_kind"], q["per"]) == (6, "times", "frequency", "month")
    q = one(seed_rows, "tens of thousands of dollars")
    assert (q["value"], q["low"], q["high"], q["unit"], q["per"]) == (10000, 10000, 100000, "USD", "month")
    assert one(seed_rows, "about 500,000 tonnes")["per"] == "year"  # "... each year" in the same clause
    assert one(seed_rows, "about 36,000 tonnes")["date"] == "2015"
    q = one(seed_rows, "half a century")
    assert (q["value"], q["unit"]) == (50, "year")


def test_seed_conversion_gives_two_rows(seed_rows):
    roubles = one(seed_rows, "4,000 roubles")
    dollars = one(seed_rows, "about $70")
    assert (roubles["unit"], roubles["per"], dollars["unit"], dollars["qualifier"]) == ("RUB", "day", "USD", "~")
    assert roubles["measured"] == dollars["measured"] and "labour" in roubles["measured"]
    km, miles = one(seed_rows, "just about 100 km"), one(seed_rows, "60 miles")
    assert (km["unit"], miles["unit"]) == ("km", "mile") and "border" in miles["measured"]


def test_seed_not_quantities(seed_rows):
    texts = {r["text"] for r in seed_rows}
    # years, the back-reference "the two", "one of the largest", "his 30s", "the first card"
    assert not texts & {"2015", "2006", "two", "the two", "one", "30s", "first", "2017"}
    assert not any(t.startswith(("One ", "two years")) for t in texts)


def test_seed_owner_and_claim_columns(seed_rows, seed_tables):
    actors = dict(zip(seed_tables.actors["actor_id"], seed_tables.actors["name"]))
    assert actors[one(seed_rows, "about 500,000 tonnes")["actor_id"]] == "China"
    assert actors[one(seed_rows, "about 36,000 tonnes")["actor_id"]] == "Russia"
    assert all(r["sentence"] >= 0 and r["start"] < r["end"] for r in seed_rows)


# --- forms of numbers, units and their cues ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, text, value, low, high, unit",
    [
        ("China and Russia plan to increase bilateral trade to $60-80 billion by 2010.", "$60-80 billion", 6e10, 6e10, 8e10, "USD"),
        ("Trend growth is between 2 and 2.5 percent, the analyst said.", "between 2 and 2.5 percent", 2, 2, 2.5, "percent"),
        ("Walls were eight to 10 feet tall.", "eight to 10 feet", 8, 8, 10, "foot"),
        ("The spread is $2.60-$2.80 per barrel.", "$2.60-$2.80 per barrel", 2.6, 2.6, 2.8, "USD"),
        ("They send home hundreds of millions of dollars.", "hundreds of millions of dollars", 1e8, 1e8, 1e9, "USD"),
        ("The group has a multi-billion dollar investment.", "multi-billion dollar", 2e9, 2e9, 1e10, "USD"),
    ],
)
def test_ranges_and_vague_magnitudes(quantities_of, sentence, text, value, low, high, unit):
    q = one(quantities_of(sentence)[0], text)
    assert (q["value"], q["low"], q["high"]) == pytest.approx((value, low, high))
    assert q["unit"] == unit


@pytest.mark.parametrize(
    "sentence, text, value, unit, kind, per",
    [
        ("The company will build a 4,070-km pipeline.", "4,070-km", 4070, "km", "length", None),
        ("The project will produce 1.2 mtpy of LNG.", "1.2 mtpy", 1.2e6, "tonne", "mass", "year"),
        ("Russia will export 5 bcm of gas.", "5 bcm", 5e9, "cubic metre", "volume", None),
        ("The refinery processes 200,000 bpd.", "200,000 bpd", 200000, "barrel", "volume", "day"),
        ("The pipeline carries 700,000 barrel-a-day of crude.", "700,000 barrel-a-day", 700000, "barrel", "volume", "day"),
        ("The bank lent EUR 125 million to the group.", "EUR 125 million", 1.25e8, "EUR", "currency", None),
        ("The firm lost HK$10.05 billion.", "HK$10.05 billion", 1.005e10, "HKD", "currency", None),
        ("He paid 4,000 roubles for it.", "4,000 roubles", 4000, "RUB", "currency", None),
        ("Wages rose to 320 yuan a month.", "320 yuan a month", 320, "CNY", "currency", "month"),
        ("Ferguson was fined 10,000 Swiss francs.", "10,000 Swiss francs", 10000, "CHF", "currency", None),
        ("Its net worth was estimated at £8.10 million.", "£8.10 million", 8.1e6, "GBP", "currency", None),
        ("The submarine weighs 25 lakh tonnes.", "25 lakh tonnes", 2.5e6, "tonne", "mass", None),
        ("The ferry will carry 200 passengers.", "200 passengers", 200, "passenger", "count", None),
        ("The party won two-thirds of the vote.", "two-thirds", 66.666667, "percent", "percent", None),
        ("Rates rose 25 basis points.", "25 basis points", 25, "basis point", "percent", None),
        ("The plant produces 762 MW of power.", "762 MW", 762, "MW", "energy", None),
    ],
)
def test_units(quantities_of, sentence, text, value, unit, kind, per):
    q = one(quantities_of(sentence)[0], text)
    assert q["value"] == pytest.approx(value)
    assert (q["unit"], q["unit_kind"], q["per"]) == (unit, kind, per)


@pytest.mark.parametrize(
    "sentence, text, qualifier",
    [
        ("The city is just about 100 km from the border.", "just about 100 km", "~"),
        ("The fund raised more than $15 billion.", "more than $15 billion", ">"),
        ("Petronas will own at least 50 percent of the project.", "at least 50 percent", ">="),
        ("The firm runs 300 or more petrol stations.", "300 or more petrol stations", ">="),
        ("Capacity could go up to 18 million tpy.", "up to 18 million tpy", "<="),
        ("Shares fell to just under $50.", "just under $50", "<"),
        ("Sterling fell to around $1.5160.", "around $1.5160", "~"),
    ],
)
def test_qualifiers(quantities_of, sentence, text, qualifier):
    assert one(quantities_of(sentence)[0], text)["qualifier"] == qualifier


def test_changes_and_levels(quantities_of):
    rows, _ = quantities_of("Sales rose 5 percent to $10 billion.")
    assert one(rows, "5 percent")["change"] == "up"
    assert one(rows, "$10 billion")["change"] is None  # the level reached, not the change
    rows, _ = quantities_of("OPEC agreed to cut output by 300,000 barrels per day.")
    q = one(rows, "300,000 barrels per day")
    assert (q["change"], q["per"], q["measured"]) == ("down", "day", "output")
    rows, _ = quantities_of("Moody's cut Britain's rating by one notch.")
    q = one(rows, "one notch")
    assert (q["change"], q["measured"]) == ("down", "Britain's rating")
    rows, _ = quantities_of("The index fell 12.5 points, or 0.8 percent, to 1,520.3.")
    assert [(r["text"], r["change"]) for r in rows] == [("12.5 points", "down"), ("0.8 percent", "down"), ("1,520.3", None)]


def test_measured_from_the_parse(quantities_of):
    rows, _ = quantities_of("China exports about 500,000 tonnes of crude to North Korea.")
    assert one(rows, "about 500,000 tonnes")["measured"] == "crude"
    rows, _ = quantities_of("Panama is completing its $5.3 billion canal expansion project.")
    assert one(rows, "$5.3 billion")["measured"] == "canal expansion project"
    rows, _ = quantities_of("Enbridge bought ConocoPhillips' stake in the pipeline for $1.5 billion.")
    assert "stake" in one(rows, "$1.5 billion")["measured"]
    rows, _ = quantities_of("Trade between the two nations soared 38.6 percent last year.")
    q = one(rows, "38.6 percent")
    assert (q["measured"], q["change"], q["date"]) == ("Trade between the two nations", "up", "2016")
    rows, _ = quantities_of("The man had worked in Russia for 11 years.")
    assert one(rows, "11 years")["measured"] == "worked in Russia"


def test_four_digits_after_a_bound_are_an_amount(quantities_of):
    q = one(quantities_of("About 2000 people marched.")[0], "About 2000 people")
    assert (q["value"], q["unit"], q["qualifier"]) == (2000, "people", "~")


def test_actor_owns_quantity(quantities_of):
    rows, actors = quantities_of("China exports about 500,000 tonnes of crude to North Korea.")
    owner = actors.actor(one(rows, "about 500,000 tonnes")["actor_id"])
    assert owner is not None and owner.name == "China"


@pytest.mark.parametrize(
    "sentence",
    [
        "Boeing 747 jets and G20 leaders met in Room 5; No. 1 was the U.S.",
        "The two countries signed the deal, and both sides welcomed the two agreements.",
        "The meeting starts at 10:30 a.m. on the 3rd floor of the Sakhalin-3 office.",
        "Shares of Japan Petroleum Exploration Co ( 1662.T ) rose in 2012.",
        "It is one of the country's largest aquifers.",
        "The three patents, which cover camera phone technology, were acquired from Nokia.",  # a reference back, described
        "Italy will propose broadening the Group of Seven nations.",
        "Once coal seams are exposed, the mine can be worked.",
        "Kim Jong Un's 2017 greetings went to Putin first.",
    ],
)
def test_not_quantities(quantities_of, sentence):
    assert quantities_of(sentence)[0] == []


@pytest.mark.parametrize(
    "sentence, text",
    [
        # a clause saying which makes "the N nouns" new things counted, not a reference back (round 3)
        ("Patel's was one of the three government departments that lodged the original appeal.", "three government departments"),
        ("Rosneft will look for partners to explore the three Arctic Kara Sea blocks earmarked for the venture.", "three Arctic Kara Sea blocks"),
    ],
)
def test_restricted_counts_are_new(quantities_of, sentence, text):
    assert one(quantities_of(sentence)[0], text)["unit_kind"] == "count"


def test_number_words_and_scales():
    def values(text: str) -> list[float]:
        return [n.value for n in find_numbers(text)]

    assert values("one hundred and twenty") == [120]
    assert values("two and a half million") == [2.5e6]
    assert values("a dozen eggs and forty-five cents") == [12, 45]
    assert values("12,34,567.89 rupees and 10 1/2 miles") == [1234567.89, 10.5]
    assert values("tens of thousands") == [10000]


# --- issue 19: ranges, signs, scales, changes, context units (one table each) ---------------------



def _check(row: dict, expected: dict) -> None:
    got = {k: row[k] for k in expected}
    for k, v in expected.items():
        if isinstance(v, float):
            assert got[k] == pytest.approx(v, rel=1e-9), (k, got)
        else:
            assert got[k] == v, (k, got)


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        ("Inflation will be 3% to 4% next year.", "3% to 4%", {"value": 3.0, "low": 3.0, "high": 4.0, "unit": "percent"}),
        ("Growth will be between 8 and 9 percent.", "between 8 and 9 percent", {"low": 8.0, "high": 9.0, "unit": "percent"}),
        ("The pipe is 10 km to 20 km long.", "10 km to 20 km", {"low": 10.0, "high": 20.0, "unit": "km"}),
        # the second number's scale is not carried onto a first that has its own
        ("The price rose from $650,000 to $2.1 million.", "from $650,000 to $2.1 million", {"low": 650000.0, "high": 2.1e6, "unit": "USD", "change": None}),
        ("Prices went from 650,000 to 2.1 million yuan.", "from 650,000 to 2.1 million yuan", {"low": 650000.0, "high": 2.1e6, "unit": "CNY"}),
        ("Spending could reach $60-80 billion.", "$60-80 billion", {"low": 6e10, "high": 8e10}),
        ("The town has six to seven hundred residents.", "six to seven hundred residents", {"low": 600.0, "high": 700.0, "unit": "resident"}),
        ("The company cut output by 5 to 7 percent.", "5 to 7 percent", {"low": 5.0, "high": 7.0, "change": "down"}),
    ],
)
def test_issue19_ranges(quantities_of, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)


def test_issue19_by_x_to_y_is_a_change_and_a_level(quantities_of):
    rows, _ = quantities_of("The bank raised rates by 0.5% to 2.5%.")
    assert [(r["text"], r["low"], r["change"]) for r in rows] == [("0.5%", None, "up"), ("2.5%", None, None)]


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        ("GDP growth was -2.4% in the quarter.", "-2.4%", {"value": -2.4, "unit": "percent"}),
        ("Temperatures fell to minus 15 degrees overnight.", "minus 15 degrees", {"value": -15.0, "unit": "degree"}),
        ("The index stood at -0.3 on Friday.", "-0.3", {"value": -0.3}),
        ("The error rate was .001 percent.", ".001 percent", {"value": 0.001, "unit": "percent"}),
        ("There are 6.02×10^23 atoms in a mole.", "6.02×10^23 atoms", {"value": 6.02e23, "unit": "atom"}),
        ("Forty-one thousand two hundred people attended.", "Forty-one thousand two hundred people", {"value": 41200.0, "unit": "people"}),
        ("The 2006-07 season of the Sakhalin-3 field made 5 tonnes.", "5 tonnes", {"value": 5.0}),
    ],
)
def test_issue19_signs_and_forms(quantities_of, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)
    assert all(r["value"] > 0 for r in rows if r["text"] != text) or expected["value"] < 0


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        ("They sold 3.4m barrels of oil.", "3.4m barrels", {"value": 3.4e6, "unit": "barrel"}),
        ("He ran the 100m in 9.58 seconds.", "100m", {"value": 100.0, "unit": "metre"}),
        ("The stadium holds 40k fans.", "40k fans", {"value": 40000.0, "unit": "fan"}),
        ("It raised 3bn euros.", "3bn euros", {"value": 3e9, "unit": "EUR"}),
        ("Apple paid $4.5B for it.", "$4.5B", {"value": 4.5e9, "unit": "USD"}),
        ("China holds 2.3 trln yuan of reserves.", "2.3 trln yuan", {"value": 2.3e12, "unit": "CNY"}),
        ("It costs three quarters billion us dollars.", "three quarters billion us dollars", {"value": 7.5e8, "unit": "USD"}),  # a fraction before a scale
    ],
)
def test_issue19_scales(quantities_of, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        ("Shares fell more than 40% on Monday.", "more than 40%", {"qualifier": ">", "change": "down"}),
        ("The stock suffered a 7% slide.", "7%", {"change": "down"}),
        ("Samsung's shares rose 0.7 percent versus the wider market's 0.2 percent rise.", "0.2 percent", {"change": "up", "measured": "wider market"}),
        ("Shares rose 59 percent, beating a 41 percent gain in the broader market.", "41 percent", {"change": "up", "measured": "broader market"}),
        ("Worldwide shipments of PCs are likely to fall 9.7 percent this year.", "9.7 percent", {"change": "down", "measured": "shipments of PCs"}),
        ("Net profit rose to 3.72 trillion won from 1.22 trillion won a year ago.", "3.72 trillion won", {"change": None, "measured": "Net profit"}),
        # round 3's lessons: a particle with a quantity of its own is not the verb's direction; a change noun
        # compounded into the noun; a comparative's measure
        ("It expects revPAR to grow 5 to 7 percent in its international business, down 1 percent from its earlier view.", "5 to 7 percent", {"change": "up"}),
        ("It expects revPAR to grow 5 to 7 percent in its international business, down 1 percent from its earlier view.", "1 percent", {"change": "down"}),
        ("The company maintained its North American revPAR growth forecast of 6 to 8 percent.", "6 to 8 percent", {"change": "up"}),
        ("Merrill has extended the deadline to 18 months, 50 percent longer than in the initial scheme.", "50 percent", {"change": "up", "measured": "deadline"}),
        ("OPEC cut output 5 percent in March.", "5 percent", {"change": "down", "measured": "output"}),
        ("Traffic had fallen sharply in October, with passenger numbers down 10 percent on a year ago.", "10 percent", {"change": "down", "measured": "passenger numbers"}),
        ("The company filled 4 percent more prescriptions in stores open at least a year.", "4 percent", {"change": "up", "measured": "prescriptions in stores open at least a year"}),
    ],
)
def test_issue19_changes_and_bounds(quantities_of, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        # index points, from the index named or the change beside the level
        ("The Dow Jones industrial average declined 0.12 percent to end at 12,632.", "12,632", {"unit": "point"}),
        ("The benchmark fell 2 points to 8,410.5.", "8,410.5", {"unit": "point"}),
        # an elided counted noun
        ("Sales rose to 7 from 5 stores.", "7", {"unit": "store", "unit_kind": "count"}),
        # ages
        ("Robert Jones, 71, said the plan was fine.", "71", {"unit": "year", "measured": "age of Jones"}),
        ("The 46-year-old told Reuters he was surprised.", "46-year-old", {"unit": "year", "measured": "age"}),
        ("Its incidence begins to increase after age 50.", "50", {"unit": "year", "measured": "age"}),
        # a count noun the tagger made a verb
        ("The company has contracts for two Atlas 5 launches to fly its satellites.", "two Atlas 5 launches", {"unit": "launch"}),
        # "units" says nothing of what is counted: the clause does
        ("Tablet shipments are expected to grow 57.7 percent to 227.4 million units.", "227.4 million units", {"measured": "Tablet shipments"}),
        ("The EU set a target of 130 grams of CO2 per km by 2015.", "130 grams", {"unit": "gram", "per": "km"}),
        ("He pleaded not guilty to charges of laundering more than HK$720 million.", "more than HK$720 million", {"unit": "HKD", "qualifier": ">", "measured": "laundering"}),
    ],
)
def test_issue19_context_units_and_measured(quantities_of, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)


@pytest.mark.parametrize(
    "sentence, text, unit, kind",
    [
        ("The engine makes 500 lb-ft of torque.", "500 lb-ft", "lb-ft", "energy"),
        ("It revs to 6,000 rpm.", "6,000 rpm", "rpm", "frequency"),
        ("The car gets 30 mpg on the highway.", "30 mpg", "mpg", "other"),
        ("He averages 25.3 ppg this season.", "25.3 ppg", "ppg", "other"),
        ("The tank is rated at 3,000 psi.", "3,000 psi", "psi", "other"),
        ("The bolts are made of 60 ksi steel.", "60 ksi", "ksi", "other"),
        ("The battery holds 3,000 mAh.", "3,000 mAh", "mAh", "other"),
        ("The plant produced 2 GWh last week.", "2 GWh", "GWh", "energy"),
        ("A tanker of 300,000 dwt arrived.", "300,000 dwt", "deadweight tonne", "mass"),
        ("Pressure fell to 980 hPa.", "980 hPa", "hPa", "other"),
    ],
)
def test_issue19_generated_units(quantities_of, sentence, text, unit, kind):
    """Units from pint's registry and the override file (scripts/build_unit_lexicon.py)."""
    rows, _ = quantities_of(sentence)
    q = one(rows, text)
    assert (q["unit"], q["unit_kind"]) == (unit, kind)


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("It raised US$5 million.", "US$5 million", 5e6, "USD"),
        ("Shares closed at A$20.", "A$20", 20.0, "AUD"),
        ("The stock ended at C$3.10.", "C$3.10", 3.1, "CAD"),
        ("A ticket costs HK$8.", "HK$8", 8.0, "HKD"),
        ("The fine is S$4,000.", "S$4,000", 4000.0, "SGD"),
        ("The deal was worth NZ$12m (US$8m).", "NZ$12m", 12e6, "NZD"),
        ("The deal was worth NZ$12m (US$8m).", "US$8m", 8e6, "USD"),
        ("The company will invest Rs 400 crore in the plant.", "Rs 400 crore", 4e9, "INR"),
        ("Profit rose to PS25 million.", "PS25 million", 25e6, "GBP"),
        ("The car costs Y=2.5 million in Tokyo.", "Y=2.5 million", 2.5e6, "JPY"),
        # an amount and its cents, written in two units or with a bare number closing the phrase
        ("The ticket only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD"),
        ("The meal only cost thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", 13.45, "USD"),
        ("The book costs 15 dollars and 15.", "15 dollars and 15", 15.15, "USD"),
        ("The subscription will increase to 17 USD 25.", "17 USD 25", 17.25, "USD"),
        # a unit alone in brackets after the number
        ("The weight is 20 (kg).", "20 (kg)", 20, "kg"),
        ("The weight is 20 [kg].", "20 [kg]", 20, "kg"),
    ],
)
def test_issue19_money_and_unit_forms(quantities_of, sentence, text, value, unit):
    rows, _ = quantities_of(sentence)
    q = one(rows, text)
    assert (q["value"], q["unit"]) == (pytest.approx(value), unit)


def test_issue19_ps_is_not_a_pound_before_a_model_number(quantities_of):
    rows, _ = quantities_of("Sony sold more PS3 and PS4 consoles.")
    assert [r["unit"] for r in rows if r["unit"] == "GBP"] == []


def test_unit_lexicon_is_what_its_sources_give():
    """models/lexicons/units.json is generated (pint, ISO 4217, units_overrides.json): never edited by hand."""
    pytest.importorskip("pint")
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "scripts" / "build_unit_lexicon.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# What a quantity measures, by named rule (pipeline/extract/quantities/roles.py and _share_measured;
# word lists in models/lexicons/quantity_cues.json). Sentences of the shapes the development rounds missed.
@pytest.mark.parametrize(
    "rule, sentence, text, measured",
    [
        ("dateline", "MIAMI (Reuters) -\n\nA Miami businessman was sentenced to 50 years on Friday for fraud.", "50 years", "Miami businessman"),
        ("duration_in", "MIAMI (Reuters) - A Miami businessman was sentenced to 50 years in prison on Friday for fraud.", "50 years", "prison"),
        ("copula_subject", "The undrawn fee was 8 basis points for the three-year tranche, according to the report.", "8 basis points", "undrawn fee"),
        ("copula_subject", "The newspaper said the agreement is for five years.", "five years", "agreement"),
        ("gerund_subject", "Officials said spending in the next fiscal year would total $3.2 trillion.", "$3.2 trillion", "spending in the next fiscal year"),
        ("trading_session", "Intel shares were down 1 percent at $21.40 in afternoon Nasdaq trade.", "$21.40", "Intel shares"),
        ("split_object", "Google is expected to close a $3 billion, three-year revolving credit facility this week.", "$3 billion", "three-year revolving credit facility"),
        ("participle_purpose", "Another $60 billion set aside for the Federal Deposit Insurance Corp to cover bank failures will also be saved.", "$60 billion", "Federal Deposit Insurance Corp"),
        ("list_comma", "Emissions were 127 grams, followed by France, Spain and Italy, which were all below 133 grams.", "below 133 grams", "France, Spain and Italy"),
        ("change_compound", "Its flagship store in New York reported a 17 percent sales increase.", "17 percent", "sales"),
        ("change_noun", "With emissions already low, it only has to achieve 4.2 percent cuts by 2015.", "4.2 percent", "cuts"),
        ("complex_preposition", "He ran a scheme that sought to bilk the U.S. government out of more than $200 million.", "more than $200 million", "U.S. government"),
        ("compared_quantity", "Net income was $140.5 million, or $1.02 per share, compared with $130.3 million, or 97 cents per share, a year earlier.", "$130.3 million", "Net income"),
        ("compared_quantity", "Net income was $140.5 million, or $1.02 per share, compared with $130.3 million, or 97 cents per share, a year earlier.", "97 cents per share", "Net income"),
        ("compared_quantity", "Operating profit was 4.23 trillion won, better than a forecast for 3.92 trillion won and well above last year's 1.48 trillion won.", "1.48 trillion won", "Operating profit"),
        ("frequency_modifier", "Singh, a three-times major winner, had an endorsement deal with the bank.", "three-times", "major winner"),
        ("np_per", "Earnings per share rose 15 percent to $1.02 in the quarter.", "15 percent", "Earnings per share"),
        # round 3's lessons (quantities-*-q3)
        ("dateline", "LOS ANGELES (Reuters) -\n\nShares of Amazon.com Inc plunged 15 percent on Wednesday.", "15 percent", "Shares of Amazon.com Inc"),
        ("compared_quantity", "Amazon reported third-quarter profit of $80 million -- beating the consensus by a penny -- compared with $19 million a year before.", "$19 million", "third-quarter profit"),
        ("trading_session", "Shares of the Web retailer fell almost 15 percent to $86.12 in afternoon trade on the Nasdaq.", "$86.12", "Shares of the Web retailer"),
        ("trading_venue", "Shares of Lear closed down 39 percent at 54 cents on the New York Stock Exchange.", "54 cents", "Shares of Lear"),
        ("pronoun_subject", "Its shares fell 2 percent to $37.20 after the bell. They closed at $38.03 on Wednesday.", "$38.03", "Its shares"),
        ("worth_of", "Marriott repurchased about $400 million worth of stock during the quarter.", "about $400 million", "stock"),
        ("partitive", "Lear breached its covenants after borrowing all of the $1.2 billion available to it.", "$1.2 billion", "borrowing"),
        ("possessive", "State laws require employers to give 60 to 90 days' notice before mass layoffs.", "60 to 90 days", "notice"),
        ("value_verb", "Mitsui Kestrel Coal Investment holds the other 20 percent.", "20 percent", "Mitsui Kestrel Coal Investment"),
        ("value_verb", "She said the company was on track to return $1 billion to shareholders in 2012.", "$1 billion", "return"),
        ("amount_as", "Rio said it would spend $793 million as its share of the cost to extend the mine.", "$793 million", "its share of the cost"),
        ("frequency_modifier", "Amazon shares trade at 66 times 2008 estimated earnings, a valuation over four times that of the Dow Jones Retail Index.", "over four times", "valuation"),
        # round 4's lessons (quantities-*-q4)
        ("session_span", "Boeing said its deliveries slowed. Its shares ended the week up 2.3 percent at $131.20.", "2.3 percent", "Its shares"),
        ("session_span", "Ford's stock slipped early but recovered to finish the day up 1.1 percent at $15.02.", "1.1 percent", "Ford's stock"),
        ("gerund_clause", "Nokia shares closed 3 percent higher, after earlier climbing 7.5 percent to a two-month high.", "7.5 percent", "Nokia shares"),
        ("earning_amount", "In the second quarter the Memphis-based group earned $520 million, or 82 cents a share.", "$520 million", "earned"),
        ("earning_amount", "The Memphis-based group earned $520 million, or 82 cents a share, compared with $400 million a year earlier.", "$400 million", "earned"),
        ("earning_amount", "Wall Street had expected the retailer to earn 91 cents a share on revenue of $9 billion.", "91 cents a share", "earn"),
        ("change_up", "Shares of the miner skyrocketed 48 percent to $3.10 on the news.", "48 percent", "Shares of the miner"),
        # round 5's lessons (quantities-*-q5)
        ("comma_participle", "The agency forecast higher wheat prices, expected to climb by 8 percent next year.", "8 percent", "higher wheat prices"),
        ("comma_participle", "Auditors flagged the insurance claims, totaling $52 million, as suspect.", "$52 million", "insurance claims"),
        ("comma_participle", "The energy index led the decline, falling 2.2 percent.", "2.2 percent", "energy index"),  # a fall: the subject's
        ("agent_antecedent", "Growth was led by mortgages issued by local banks, which rose 4.1 percent in March.", "4.1 percent", "mortgages"),
        ("participle_noun", "In May, consumer debt, which includes auto loans, contracted by $2.1 billion.", "$2.1 billion", "consumer debt"),
        ("amount_subject", "Ford shares were down 42 cents, or 3.1 percent, to close at $13.20 on Friday.", "$13.20", "Ford shares"),
        ("index_name", "The rally has left the Nikkei 225 up 9 percent since March.", "9 percent", "Nikkei 225"),
        ("bound_adjective", "Lear could be worth as high as $60, one analyst said.", "as high as $60", "Lear"),
        ("bound_adjective", "One analyst said the stock could be worth as much as $85.", "as much as $85", "stock"),
        ("coordinated_thing", "The Senate passed a $40 billion tax cut and infrastructure package.", "$40 billion", "tax cut and infrastructure package"),
        ("bare_rate_noun", "Brent crude rose 90 cents to $61.20 barrel in London.", "$61.20", "Brent crude"),
        ("priced_subject", "April puts with $30 strike prices have traded 1,200 times so far.", "1,200 times", "traded"),
    ],
)
def test_measured_rules(quantities_of, rule, sentence, text, measured):
    rows, _ = quantities_of(sentence)
    assert one(rows, text)["measured"] == measured, rule


@pytest.mark.parametrize(
    "sentence, texts",
    [
        ("He paid $15 and 50 shares changed hands.", ["$15", "50 shares"]),  # a symbol, not a written currency
        ("The two bills were 50 dollars and 50 dollars.", ["50 dollars", "50 dollars"]),  # two amounts, not cents
        ("It raised 15 dollars and 50 more people joined.", ["15 dollars", "50 more people"]),
    ],
)
def test_minor_units_not_joined(quantities_of, sentence, texts):
    assert [r["text"] for r in quantities_of(sentence)[0]] == texts


# Counts round 4 missed (quantities-*-q4), by named rule (pipeline/extract/quantities/counts.py; word lists and
# patterns in models/lexicons/quantity_cues.json). Sentences of the same shapes, not the stories' own.
@pytest.mark.parametrize(
    "rule, sentence, text, expected",
    [
        ("model_count", "Emirates ordered 30 Boeing 787-9 jets and took delivery of 5 Airbus A380 last year.", "5 Airbus A380", {"value": 5, "unit": "A380", "unit_kind": "count", "measured": "Airbus A380"}),
        ("model_count", "The carrier plans to lease up to 6 A350s for its Asian routes.", "up to 6 A350s", {"value": 6, "unit": "A350", "qualifier": "<="}),
        ("model_count", "Qantas Airways 4 787-9 $900 million", "4 787-9", {"unit": "787-9", "unit_kind": "count"}),
        ("model_count", "The army bought 500 M-16 rifles from the supplier.", "500 M-16 rifles", {"unit": "rifle"}),
        ("collective_counts", "The airline grounded 22 aircraft after the inspection.", "22 aircraft", {"unit": "aircraft", "unit_kind": "count"}),
        ("factbox_label", "FACTS -- Employees: 12,400. -- Visitors per year: 3 million.", "12,400", {"unit": "employee", "measured": "Employees"}),
        ("factbox_label", "FACTS -- Employees: 12,400. -- Visitors per year: 3 million.", "3 million", {"unit": "visitor", "per": "year", "measured": "Visitors per year"}),
        ("elided_count", "About 950 million shares changed hands, below the daily average of 1.1 billion.", "1.1 billion", {"unit": "share", "unit_kind": "count"}),
        # round 5's (quantities-*-q5)
        ("partitive_count", "The regulator said the bank broke 12 of its own lending rules last year.", "12 of its own lending rules", {"value": 12, "unit": "rule", "unit_kind": "count"}),
        ("partitive_count", "Roughly 4 million of the carrier's 9 million passengers flew abroad.", "Roughly 4 million", {"value": 4e6, "unit": "passenger", "qualifier": "~"}),
        ("breadth_count", "On the Nasdaq, gainers outpaced losers by 1,802 to 1,015.", "1,802", {"value": 1802, "unit": "gainer", "measured": "gainers"}),
        ("breadth_count", "On the Nasdaq, gainers outpaced losers by 1,802 to 1,015.", "1,015", {"value": 1015, "unit": "loser", "measured": "losers"}),
        ("breadth_count", "Rising issues beat falling ones by 2,210 to 870 on the NYSE.", "870", {"unit": "issue", "measured": "falling ones", "low": None}),
        ("first_mention", "The five refineries named in the report process crude from Canada.", "five refineries", {"value": 5, "unit": "refinery"}),
        ("bare_rate_noun", "Brent crude rose 90 cents to $61.20 barrel in London.", "$61.20", {"unit": "USD", "per": "barrel"}),
        ("annual_rate", "Spending grew at an annual rate of $12 billion. In the prior quarter, that rate was $9 billion.", "$12 billion", {"per": "year"}),
        ("annual_rate", "Spending grew at an annual rate of $12 billion. In the prior quarter, that rate was $9 billion.", "$9 billion", {"per": "year"}),
        ("coordinated_thing", "The Senate passed a $40 billion tax cut and infrastructure package.", "$40 billion", {"change": None}),
        ("annual_rate", "Economists forecast growth at an annual rate of 1.6 percent.", "1.6 percent", {"per": None}),  # a percent is no amount a year
        ("elided_count", "Ford should sell about 2.4 million cars under its three brands this year, up from 2.1 million in 2012.", "2.1 million", {"unit": "car"}),
        ("or_restated", "Ford shares were down 42 cents, or 3.1 percent, to close at $13.20 on Friday.", "3.1 percent", {"change": "down"}),
        ("phrasal_changes", "Shares of the miner gave up 6.2 percent to $14.10.", "6.2 percent", {"change": "down"}),
        ("change_nouns_up", "That was well below the $6 billion advance Wall Street analysts had forecast in a Reuters poll.", "$6 billion", {"change": "up"}),
    ],
)
def test_count_rules(quantities_of, rule, sentence, text, expected):
    rows, _ = quantities_of(sentence)
    _check(one(rows, text), expected)


@pytest.mark.parametrize(
    "sentence, texts",
    [
        ("Shell bought five refineries in 2009. The five refineries process crude from Canada.", ["five refineries"]),  # said before
        ("The two companies signed the deal on Monday.", []),  # a pair is a reference back
        ("Chelsea beat Arsenal 3 to 1 on Sunday.", []),  # a score, no breadth verb's nouns
        ("Tiffany shares traded within their 52-week range of $45.98 to 29.63.", ["52-week", "$45.98 to 29.63"]),  # a range written high first
    ],
)
def test_round5_rules_keep_off(quantities_of, sentence, texts):
    assert [r["text"] for r in quantities_of(sentence)[0]] == texts


def test_model_price_cell_measures_the_model(quantities_of):
    """Rule table_cell: an order table's value after a model count prices that model."""
    rows, _ = quantities_of("Orders: Lufthansa 3 Airbus A350 $900 million 5 Boeing 777-9 $1,700 million")
    assert one(rows, "$900 million")["measured"] == "Airbus A350"
    assert one(rows, "$1,700 million")["measured"] == "Boeing 777-9"


def test_rate_adjective_on_what_is_measured(quantities_of):
    """Rule rate_adjective: "a daily average of N" is N a day."""
    rows, _ = quantities_of("Volume was light at 700 million shares, below last year's daily average of 900 million.")
    assert one(rows, "900 million")["per"] == "day"


def test_skyrocket_is_a_rise(quantities_of):
    rows, _ = quantities_of("Shares of the miner skyrocketed 48 percent to $3.10 on the news.")
    assert one(rows, "48 percent")["change"] == "up"


def test_rate_adjective_and_model_count_keep_off_money(quantities_of):
    """A quarterly profit is not a rate; "USD50" is an amount, not a model."""
    rows, _ = quantities_of("Its quarterly operating profit improved to 361 million pounds.")
    assert one(rows, "361 million pounds")["per"] is None
    rows, _ = quantities_of("This week we are giving away 3 USD50 gift cards.")
    assert all(r["unit"] != "USD50" for r in rows)
