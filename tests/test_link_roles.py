"""Issue 20, session 12 (i20r): a person's employer read from a title ("Wal-Mart public relations official") for
``person_field``, and "Assurance" as a unit's tail (``unit_parent``), on actor rows of the 46,000-story run (story and
actor ids as the run gave them; ``link_actors`` with the real lexicons)."""

from __future__ import annotations

import pandas as pd

from .test_link import _link, _link_frame


def _entity_by(linked: pd.DataFrame, column: str) -> dict:
    return dict(zip(linked[column], linked["entity_id"]))


def test_an_employer_named_in_a_title_parts_an_economist_from_a_spokesman():
    """Seed 37: Haitong Securities' chief economist Chen Lu and "Chen Lu, a Wal-Mart China public relations official"
    (no affiliation read: Wal-Mart is in the title) are two people. So are McGraw-Hill Construction's chief economist
    Robert Murray (no affiliation read either) and Murray Energy's chief executive."""
    chen = _link([
        ("087107a64fc8942a", "A5", "Chen Lu", [], "CHN", "Wal-Mart public relations official", None),
        ("a8b33c20858bc344", "A15", "Chen Lu", ["Chen"], "CHN", "chief economist", "Haitong Securities"),
    ], kind="person")
    entity = _entity_by(chen, "story_id")
    assert entity["087107a64fc8942a"] != entity["a8b33c20858bc344"]
    assert set(chen[chen["story_id"] == "a8b33c20858bc344"]["link_rule"]) == {"person_field"}
    murray = _link([
        ("7fb147ae6ef4a31f", "A7", "Robert Murray", [], None, "McGraw - Hill Construction chief economist", None),
        ("dfa122e227f900db", "A5", "Robert Murray", [], None, "chairman and chief executive", "Murray Energy Corp."),
    ], kind="person")
    assert murray["entity_id"].nunique() == 2


def test_a_title_naming_the_analysts_own_place_keeps_one_person():
    """Jeffrey Frankel, "a Harvard University economist" (the extractor read "Economic Research", the NBER committee he
    sits on, as his employer) and a Harvard professor: one person (main split him). Robert Hall, "Stanford University
    economist" and "Stanford University professor": one. Evan Rourke, "M.D. Sass muni strategist" and MD Sass's
    portfolio manager: one ("M.D." and "MD" are one word)."""
    frankel = _link([
        ("073d5277d30d8877", "A16", "Jeffrey Frankel", [], None, "professor", "Harvard"),
        ("3cb9a87af083f9fb", "A2", "Jeffrey Frankel", [], "USA", "Harvard University economist", None),
        ("95ca72a2c2e2a6f6", "A3", "Jeffrey Frankel", [], None, "economist", "Economic Research"),
        ("deabb0685aa79ee0", "A5", "Jeffrey Frankel", [], "USA", "Harvard University economist", "Economic Research"),
    ], kind="person")
    assert frankel["entity_id"].nunique() == 1 and set(frankel["link_rule"]) == {"same_name"}
    hall = _link([
        ("073d5277d30d8877", "A18", "Robert Hall", [], "USA", "Stanford University professor", None),
        ("ad1be551ad875ed6", "A1", "Robert Hall", [], "USA", "Stanford University economist", "Economic Research"),
    ], kind="person")
    assert hall["entity_id"].nunique() == 1
    rourke = _link([
        ("212a17416f6db1b5", "A3", "Evan Rourke", [], None, "M.D. Sass muni strategist", None),
        ("666ebe361a894602", "A6", "Evan Rourke", [], "USA", "municipal bond portfolio manager", "MD Sass"),
    ], kind="person")
    assert rourke["entity_id"].nunique() == 1


def test_an_experts_other_title_with_an_experts_word_names_no_employer():
    """Paul Krugman, a Princeton economist and a "New York Times Columnist and professor" (no affiliation read): a
    professor is an expert's title too, so "New" is read as no employer and he stays one."""
    krugman = _link([
        ("074756b8b7d97e14", "A11", "Paul Krugman", [], "USA", "economist", "Princeton University"),
        ("4eee8853f676fc99", "A23", "Paul Krugman", [], None, "economist", "Princeton University"),
        ("3b7502a7e00810df", "A32", "Paul Krugman", [], "USA", "New York Times Columnist and professor", None),
        ("2daa887c8b601d7f", "A24", "Paul Krugman", [], None, "Nobel prize-winning economist", None),
    ], kind="person")
    assert krugman["entity_id"].nunique() == 1 and set(krugman["link_rule"]) == {"same_name"}


def test_an_assurance_unit_holding_its_parents_short_name_stays_in_its_story():
    """Seed 37: "Ambac Assurance Corp", the bond insurer's unit, whose story also gives "Ambac" (the parent, Ambac
    Financial Group: "where Ambac's main insurance unit is legally based") as its alias, mixes the two: it stays in its
    story (``unit_parent``, "assurance" in ``unit_tails``); the unit's other actors stay one entity apart from the parent."""
    parent = [("cab1da2d983f549c", "A4", "Ambac Financial Group Inc", ["AMBAC Financial"], "USA"),
              ("95d469293769abb4", "A11", "Ambac Financial Group Inc", ["Ambac"], "USA"),
              ("cacc1318e2516015", "A11", "Ambac Financial Group Inc", ["Ambac"], "USA"),
              ("5544f8a8de450189", "A17", "Ambac", [], "USA"), ("8385490cad704ec7", "A12", "Ambac", [], "USA")]
    unit = [(s, a, "Ambac Assurance Corp", ["Ambac Assurance"], None) for s, a in [
        ("f529c231e68b9d96", "A9"), ("d840779d56dfb4aa", "A5"), ("2e979962e0b3dc19", "A3")]]
    mixed = ("267f719e2b7a2954", "A2", "Ambac Assurance Corp", ["Ambac Assurance", "Ambac"], "USA")
    frame = pd.DataFrame(parent + unit + [mixed], columns=["story_id", "actor_id", "name", "aliases", "country"])
    linked = _link_frame(frame.assign(kind="organization", country_source="knowledge", mentions=1)).set_index(["story_id", "actor_id"])
    holding = linked.loc[("cab1da2d983f549c", "A4"), "entity_id"]
    units = linked.loc[[(s, a) for s, a, *_ in unit], "entity_id"]
    assert units.nunique() == 1 and units.iloc[0] != holding
    assert linked.loc[mixed[:2], "link_rule"] == "unit_parent"
    assert linked.loc[mixed[:2], "entity_id"] not in {holding, units.iloc[0]}
