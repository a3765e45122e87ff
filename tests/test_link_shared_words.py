"""A bare word two companies' names start (session 11, i20q): the seed-35 blind checks' "Apollo" (Apollo Group Inc,
the education company, joined into Apollo Management) and "Banco"/"Dai-ichi" (Banco Santander and Banco do Brasil;
Dai-ichi Life and Daiichi Sankyo). Rows are actors of the run46k archive run (story ids as there)."""

from __future__ import annotations

from pipeline.link.keys import alias_key, name_key

from .test_link import _link, _entities

_MANAGEMENT = [  # Apollo Management, which its stories call "Apollo"
    (s, a, "Apollo Management", ["Apollo"] if alias else [], "USA", None, None, "APOLO.UL" if alias else None)
    for s, a, alias in [
        ("0be38e37ddf104c9", "A2", True), ("0d0e0ac6ae5ecd8d", "A10", False), ("0f3176302c4e31c1", "A31", False),
        ("11b56ef64b8d989d", "A8", False), ("11d088bc75919c52", "A2", True), ("134b51dcf651d934", "A11", False),
        ("1fa4903815c0f1f6", "A4", False), ("23ceb63c1c319544", "A2", True), ("2552f79afbd8814c", "A2", True),
        ("295a5c0c16bf62b5", "A6", False), ("31990038b5e7942c", "A9", False), ("3223fb50fa69d970", "A1", True),
        ("3299002ecd23d349", "A6", True), ("33115ea7fd99d6cc", "A1", False),
    ]
]
_EDUCATION = [  # the University of Phoenix's owner, keyed "apollo" once "Group" and "Inc" are dropped
    ("84d3bbd4d4ca30ea", "A4", "Apollo Group Inc", [], "USA", None, None, "APOL.O"),
    ("2454aa6c5b8381d4", "A2", "Apollo Group Inc.", [], "USA", None, None, "APOL.O"),
]
# Bare "Apollo" in stories that name no Apollo Management: buyout firm, Adobe's tools, the moon mission; with them
# the education company's legal form is under a quarter of its key's actors, so the older formal_keys guard let it go.
_BARE = [(s, a, "Apollo", [], "USA") for s, a in [
    ("19042f5f2b5f4e83", "A9"), ("26e0260da290ebf7", "A18"), ("3a7eab8d6fd52e22", "A8"), ("3fb3e48f1c009e60", "A6"),
    ("4cff55079e37e4f9", "A5"), ("55afc003abd6b8a8", "A22"), ("56d08a46e88632cb", "A26"), ("aa9e33e64aba1511", "A8"),
]]

def test_a_bare_word_that_is_also_another_listed_companys_own_name_joins_no_alias_target():
    """Before i20q the alias "Apollo" sent the key "apollo" with "Apollo Group Inc" (APOL.O) into Apollo Management
    (APOLO.UL): the shared-head guard counted only names with a word after "Apollo", and "Group Inc" are dropped."""
    named = [("0be38e37ddf104c9", "A9", "Apollo", [], "USA")]  # a bare "Apollo" in a story naming Apollo Management
    linked = _link(_MANAGEMENT + _EDUCATION + _BARE + named).set_index(["story_id", "actor_id"])
    management = linked.loc[("0d0e0ac6ae5ecd8d", "A10"), "entity_id"]
    assert linked.loc[("84d3bbd4d4ca30ea", "A4"), "entity_id"] != management
    assert linked.loc[("2454aa6c5b8381d4", "A2"), "link_rule"] == "shared_head"
    assert linked.loc[("0be38e37ddf104c9", "A9"), "entity_id"] == management  # its story names the target
    assert linked.loc[("aa9e33e64aba1511", "A8"), "link_rule"] == "shared_head"
    assert linked.loc[("aa9e33e64aba1511", "A8"), "entity_id"] != management

def test_a_bare_word_whose_key_names_no_other_listed_company_still_joins_its_alias_target():
    """Without the education company, "Apollo" is Apollo Management's short name, whatever its story names."""
    linked = _link(_MANAGEMENT + _BARE).set_index(["story_id", "actor_id"])
    assert linked.loc[("aa9e33e64aba1511", "A8"), "entity_id"] == linked.loc[("0d0e0ac6ae5ecd8d", "A10"), "entity_id"]
    assert linked.loc[("aa9e33e64aba1511", "A8"), "link_rule"] == "alias"

def test_a_foreign_common_noun_alone_is_no_name():
    """"Banco" is Santander in two stories and Banco do Brasil in two others (seed 35's merge 11); "Dai-ichi" was
    Dai-ichi Mutual Life, joined into Daiichi Sankyo by the alias "Daiichi" (multi 16)."""
    assert name_key("organization", "Banco", "BRA").rule == "foreign_generic"
    assert name_key("organization", "Dai-ichi", None).key is None
    assert name_key("organization", "Banco Santander", "ESP").key == "bancosantander"
    assert name_key("organization", "Groupe SA", None).key is not None  # a legal form: a company's own name
    assert alias_key("organization", "Daiichi") is None and alias_key("organization", "Daiichi Sankyo") == "daiichisankyo"
    linked = _link([
        ("f6c5edb067df7bd8", "A9", "Banco", [], "ESP"), ("168f97e3d38385d7", "A4", "Banco", [], "BRA"),
        ("f6c5edb067df7bd8", "A3", "Banco Santander", [], "ESP"), ("cc62ad1b3ca1588f", "A5", "Banco Santander", [], "ESP"),
        ("91b30c7d2ac13f3c", "A2", "Daiichi Sankyo Co Ltd", ["Daiichi"], "JPN", None, None, "4568.T"),
        ("3e4545047ca68918", "A1", "Daiichi Sankyo", ["Daiichi"], "JPN", None, None, "4568.T"),
        ("0a1b2c3d4e5f6a7b", "A3", "Dai-ichi", [], "JPN"),
    ])
    by_name = _entities(linked)
    assert len(by_name["Banco"]) == 2 and set(linked[linked["name"] == "Banco"]["link_rule"]) == {"foreign_generic"}
    assert len(by_name["Banco Santander"]) == 1
    assert not by_name["Dai-ichi"] & by_name["Daiichi Sankyo"]
