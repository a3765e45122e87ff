"""Names several actors share (pipeline/link/namesakes.py, keys.is_generic_office): middle initials that differ
are two people; an office every body has ("Office of Inspector General") stays in its story."""

from __future__ import annotations

import pytest

from pipeline.link.keys import name_key
from pipeline.link.namesakes import _moved_names, initials

from .test_link import _link


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Gerald R. Ford", ("r",)),
        ("George H.W. Bush", ("h", "w")),
        ("George W.) Bush", ("w",)),
        ("J. Christopher Flowers", ("j",)),
        ("Gerald Ford", ()),
        ("Spider-Man 2", ()),  # a digit is no initial
        ("J. Smith", ()),  # one full word: the initial is the name
        ("Sam Smith Jr.", ()),
    ],
)
def test_the_initials_of_a_full_name(name, expected):
    assert initials(name) == expected


def _story(i: int) -> str:
    return f"b2c3d4e5f60718{i:02d}"


def test_two_sets_of_initials_are_two_people_and_the_plain_name_a_third_key():
    """The president ("Gerald Ford"), the Texas banker ("Gerald J. Ford") and the carrier ("Gerald R. Ford")."""
    rows = [(_story(i), "A1", "Gerald Ford", [], None) for i in range(3)]
    rows += [(_story(3 + i), "A1", "Gerald J. Ford", [], None) for i in range(2)]
    rows += [(_story(5), "A2", "Gerald R. Ford", [], None)]
    linked = _link(rows, kind="person")
    ids = linked.groupby("name")["entity_id"].agg(set)
    assert all(len(s) == 1 for s in ids) and len(set.union(*ids)) == 3
    rules = linked.groupby("name")["link_rule"].agg(set)
    assert rules["Gerald J. Ford"] == rules["Gerald R. Ford"] == {"person_initials"} and rules["Gerald Ford"] == {"same_name"}


def test_one_set_of_initials_keeps_the_plain_name():
    rows = [(_story(i), "A1", "Ben S. Bernanke", [], None) for i in range(2)] + [(_story(2), "A1", "Ben Bernanke", [], None)]
    linked = _link(rows, kind="person")
    assert linked["entity_id"].nunique() == 1 and set(linked["link_rule"]) == {"same_name"}


def test_a_dominant_set_of_initials_keeps_the_plain_name_and_the_rare_set_goes_apart():
    """"George W. Bush" in nine tenths of the initialled mentions stays with "George Bush"; his father goes apart."""
    rows = [(_story(i), "A1", "George W. Bush", [], None) for i in range(10)]
    rows += [(_story(10), "A1", "George Bush", [], None), (_story(11), "A2", "George H.W. Bush", [], None)]
    linked = _link(rows, kind="person").set_index("name")
    assert linked.loc["George Bush", "entity_id"] == linked.loc["George W. Bush", "entity_id"].iloc[0]
    assert linked.loc["George H.W. Bush", "entity_id"] not in set(linked.loc["George W. Bush", "entity_id"])
    assert _moved_names([("George W. Bush", "george bush", 19), ("George H.W. Bush", "george bush", 1)]) == [("George H.W. Bush", "george h w bush")]
    # Eight to two: no set dominates, both go apart.
    assert len(_moved_names([("George W. Bush", "george bush", 8), ("George H.W. Bush", "george bush", 2)])) == 2


@pytest.mark.parametrize(
    "name, office",
    [
        ("Office of Inspector General", True),
        ("Office of the Inspector General", True),
        ("Board of Directors", True),
        ("Audit Committee", True),
        ("Department of Health and Human Services Office of Inspector General", False),  # the name says whose
        ("Inspector General for Tax Administration", False),
        ("Committee", False),  # one word: left to the other rules
        ("General Motors Corp", False),
    ],
)
def test_an_office_every_body_has_keys_nothing(name, office):
    assert (name_key("organization", name, None).rule == "generic_office") == office


def test_the_pentagons_and_the_secs_inspector_general_are_not_joined():
    rows = [(_story(0), "A4", "Office of Inspector General", [], None), (_story(1), "A2", "Office of Inspector General", [], None),
            (_story(2), "A1", "Office of the Inspector General", [], None)]
    linked = _link(rows)
    assert linked["entity_id"].nunique() == 3 and set(linked["link_rule"]) == {"generic_office"}
