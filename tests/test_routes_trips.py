"""Rules from fresh archive audit 50l's wrong rows (issue 17, session 10, i17k): a person's one
trip is no route (``person_trip``), a country passed in transit is no end (``transit_not_end``),
and a flow that runs now keeps ``active`` when its clause plans something else (``present_flow``); a
"carrier" is an airline unless a modifier makes it a ship (``carrier_mode``); a flow that "could" happen
"in the future" is no row (``speculative_flow``).

Sentences are written anew on the audited shapes; each rule that reads the parse also has a
fixed-parse test, so a parser change and a rule bug are told apart.
"""

from __future__ import annotations

from pipeline.extract.routes.fields import _present_flow, through_waypoint
from pipeline.extract.routes.stated import _speculated
from pipeline.extract.routes.story import End, Mention
from pipeline.extract.routes.triggers import _carrier_mode, _in_persons_trip

from .conftest import fixed_doc, route_rows


# --- person_trip -------------------------------------------------------------------------------

def test_a_persons_train_trip_is_no_route():
    text = ("WASHINGTON (Reuters) - The senator spoke briefly as she began a bus trip from Boston to Albany "
            "on Monday, two days before the vote.")
    assert not any(r["origin"] == "Boston" and r["destination"] == "Albany" for r in route_rows(text))


def test_a_regular_train_service_is_still_a_route():
    text = "LONDON (Reuters) - Eurostar runs a daily train service from London to Paris through the Channel Tunnel."
    assert any({r["origin"], r["destination"]} == {"London", "Paris"} for r in route_rows(text))


def test_fixed_parse_person_subject_makes_the_trip_and_its_vehicle_no_trigger():
    # "Obama began a train trip": trip is the object of a verb whose subject is a PERSON
    words = ["Obama", "began", "a", "train", "trip"]
    doc = fixed_doc(words, heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "det", "compound", "dobj"],
               pos=["PROPN", "VERB", "DET", "NOUN", "NOUN"], tags=["NNP", "VBD", "DT", "NN", "NN"],
               lemmas=["Obama", "begin", "a", "train", "trip"], ents=["B-PERSON", "O", "O", "O", "O"])
    assert _in_persons_trip(doc[4]) and _in_persons_trip(doc[3])


def test_fixed_parse_a_company_subject_or_plural_trips_are_kept():
    doc = fixed_doc(["Amtrak", "began", "a", "train", "trip"], heads=[1, 1, 4, 4, 1],
               deps=["nsubj", "ROOT", "det", "compound", "dobj"], pos=["PROPN", "VERB", "DET", "NOUN", "NOUN"],
               tags=["NNP", "VBD", "DT", "NN", "NN"], lemmas=["Amtrak", "begin", "a", "train", "trip"],
               ents=["B-ORG", "O", "O", "O", "O"])
    assert not _in_persons_trip(doc[4]) and not _in_persons_trip(doc[3])
    doc = fixed_doc(["He", "runs", "train", "trips"], heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "compound", "dobj"],
               pos=["PRON", "VERB", "NOUN", "NOUN"], tags=["PRP", "VBZ", "NN", "NNS"],
               lemmas=["he", "run", "train", "trip"])
    assert not _in_persons_trip(doc[3])


def test_fixed_parse_a_possessive_pronoun_makes_a_persons_trip():
    doc = fixed_doc(["his", "trip"], heads=[1, 1], deps=["poss", "ROOT"], pos=["PRON", "NOUN"], tags=["PRP$", "NN"],
               lemmas=["his", "trip"])
    assert _in_persons_trip(doc[1])


# --- transit_not_end ---------------------------------------------------------------------------

def test_a_transit_country_is_no_origin():
    text = ("MOSCOW (Reuters) - The row led to a halt of oil deliveries through Belarus to Poland and Germany, "
            "refiners said.")
    assert not any(r["origin"] == "Belarus" for r in route_rows(text))


def _end(name: str, token: int) -> End:
    return End(name=name, place_id=None, country=None, level=1, token=token)


def test_through_waypoint_keeps_a_canal_end_but_not_a_country():
    m = Mention(kind="trade", tokens={0}, destination=_end("Europe", 5))
    assert through_waypoint(m, [_end("Ukraine", 3)], "unspecified") == "unspecified"
    assert m.origin is None
    m = Mention(kind="trade", tokens={0}, destination=_end("Asia", 5))
    assert through_waypoint(m, [_end("Panama Canal", 3)], "unspecified") == "sea"
    assert m.origin is not None and m.origin.name == "Panama Canal"


# --- present_flow ------------------------------------------------------------------------------

def test_current_imports_stay_active_under_a_plan_to_end_them():
    text = "TOKYO (Reuters) - The ministry aims to halve Japan's current imports of coal from Australia within five years."
    rows = [r for r in route_rows(text) if r["origin"] == "Australia"]
    assert rows and all(r["status"] == "active" for r in rows)


def test_a_planned_flow_stays_planned():
    text = "TOKYO (Reuters) - The ministry plans to start Japan's imports of coal from Australia within five years."
    rows = [r for r in route_rows(text) if r["origin"] == "Australia"]
    assert rows and all(r["status"] == "planned" for r in rows)


def test_fixed_parse_present_modifier_and_relation_noun():
    doc = fixed_doc(["current", "imports"], heads=[1, 1], deps=["amod", "ROOT"], pos=["ADJ", "NOUN"], tags=["JJ", "NNS"],
               lemmas=["current", "import"])
    assert _present_flow([doc[1]])
    doc = fixed_doc(["trading", "partners"], heads=[1, 1], deps=["compound", "ROOT"], pos=["NOUN", "NOUN"],
               tags=["NN", "NNS"], lemmas=["trading", "partner"])
    assert _present_flow([doc[1]])
    doc = fixed_doc(["new", "imports"], heads=[1, 1], deps=["amod", "ROOT"], pos=["ADJ", "NOUN"], tags=["JJ", "NNS"],
               lemmas=["new", "import"])
    assert not _present_flow([doc[1]])


# --- carrier_mode ------------------------------------------------------------------------------

def test_an_airline_carrier_cutting_service_flies():
    text = ("CHICAGO (Reuters) - Delta is the second big U.S. carrier to reduce service to Brazil amid the outbreak, "
            "which has reached at least 10 countries.")
    rows = [r for r in route_rows(text) if r["destination"] == "Brazil"]
    assert rows and all(r["mode"] == "air" for r in rows)


def test_fixed_parse_a_bulk_carrier_is_a_ship():
    doc = fixed_doc(["dry", "bulk", "carrier"], heads=[2, 2, 2], deps=["amod", "compound", "ROOT"],
               pos=["ADJ", "NOUN", "NOUN"], tags=["JJ", "NN", "NN"], lemmas=["dry", "bulk", "carrier"])
    assert _carrier_mode(doc[2]) == "sea"
    doc = fixed_doc(["U.S.", "carrier"], heads=[1, 1], deps=["compound", "ROOT"], pos=["PROPN", "NOUN"], tags=["NNP", "NN"],
               lemmas=["U.S.", "carrier"])
    assert _carrier_mode(doc[1]) is None  # the lexicon's default, air


# --- speculative_flow --------------------------------------------------------------------------

def test_a_flow_that_could_happen_in_the_future_is_no_row():
    text = ("BEIJING (Reuters) - Chen said Geely could export cars to South America from Brazil, its third overseas "
            "plant, in the future, but gave no timetable.")
    assert not any(r["destination"] == "South America" for r in route_rows(text))


def test_a_modal_flow_without_an_open_future_keeps_its_row():
    text = "BEIJING (Reuters) - Chen said Geely will export cars to South America from Brazil next year."
    assert any(r["destination"] == "South America" for r in route_rows(text))


def test_fixed_parse_could_sell_in_the_future():
    words = ["could", "sell", "cars", "in", "the", "future"]
    doc = fixed_doc(words, heads=[1, 1, 1, 1, 5, 3], deps=["aux", "ROOT", "dobj", "prep", "det", "pobj"],
               pos=["AUX", "VERB", "NOUN", "ADP", "DET", "NOUN"], tags=["MD", "VB", "NNS", "IN", "DT", "NN"],
               lemmas=["could", "sell", "car", "in", "the", "future"])
    assert _speculated(doc[1])
    doc = fixed_doc(["will", "sell", "cars"], heads=[1, 1, 1], deps=["aux", "ROOT", "dobj"], pos=["AUX", "VERB", "NOUN"],
               tags=["MD", "VB", "NNS"], lemmas=["will", "sell", "car"])
    assert not _speculated(doc[1])
