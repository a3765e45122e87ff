"""``wireclaims link``: actors linked across stories, on a small real run that grows
(conftest's ``linked_run``: the seed and six Reuters stories, then three more added)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

import pipeline
from pipeline.link.entities import link_actors
from pipeline.link.keys import name_key, org_key, person_key
from pipeline.schema import ARCHIVE_TABLES, ARCHIVE_VIEWS

from .conftest import ROOT, needs_shared
from .test_docs import blocks, records, run_python



def _entity(tables, kind, name):
    rows = tables.entities[(tables.entities["kind"] == kind) & (tables.entities["name"] == name)]
    assert len(rows) == 1, (name, tables.entities[tables.entities["name"].str.contains(name.split()[-1])])
    return rows.iloc[0]


@pytest.mark.parametrize(
    "kind, a, b",
    [
        ("organization", "JPMorgan", "JP Morgan"),
        ("organization", "JPMorgan Chase & Co", "JP Morgan Chase & Co."),
        ("organization", "OAO Gazprom", "Gazprom"),
        ("organization", "Goldman Sachs Group Inc", "Goldman Sachs"),
        ("organization", "Standard & Poor's", "Standard and Poor's"),
        ("person", "Ben S. Bernanke", "Ben Bernanke"),
        ("organization", "T. Rowe Price Group Inc.'s", "T. Rowe Price Group Inc."),  # a possessive
        ("organization", "STEADY Raytheon Co.", "Raytheon Co."),  # a subheading glued before the name
        ("organization", "GOLDMAN LEADS Goldman", "Goldman"),
        ("organization", "Finance Ministry", "Finance Ministry"),
        ("organization", "Bear Stearns Cos Inc", "Bear Stearns"),  # "Cos" is "Companies", a legal form
        ("organization", "Bear Stearns Companies, Inc.", "Bear Stearns Co Inc"),
        ("organization", "AG Edwards", "A.G. Edwards"),  # initials, not the Swiss "AG"
        ("organization", "A.G. Edwards & Sons Inc.", "A.G. Edwards"),
    ],
)
def test_names_that_key_alike(kind, a, b):
    country = "DEU" if kind == "organization" else None
    assert name_key(kind, a, country).key == name_key(kind, b, country).key


@pytest.mark.parametrize(
    "kind, a, country_a, b, country_b",
    [
        ("organization", "Finance Ministry", "DEU", "Finance Ministry", "CHE"),  # one per country
        ("organization", "Morgan Stanley", None, "JPMorgan", None),
        ("person", "Jamie Dimon", None, "James Dimon", None),  # a first name differs: two names, not guessed one
        ("organization", "BNP Paribas", None, "Paribas", None),  # capitals that are no English word stay
        ("organization", "ARM Holdings", None, "Holdings", None),
        ("organization", "MAN AG", None, "Man Group", None),  # a German truck maker, a British hedge fund
        # "BT" is a legal form and "NYSE" and "TEAL" are English words, but without them "Group" names nothing.
        ("organization", "BT Group Plc", None, "NYSE Group Inc.", None),
        ("organization", "TEAL Group", None, "3i Group Plc", None),
        ("organization", "A.G. Edwards", None, "Edwards", None),  # "Edwards" alone was also ACS's Warren Edwards
    ],
)
def test_names_that_stay_apart(kind, a, country_a, b, country_b):
    assert name_key(kind, a, country_a).key != name_key(kind, b, country_b).key


def test_a_bare_name_or_a_nameless_institution_links_nothing():
    assert person_key("Dimon") is None and name_key("person", "Dimon", None).rule == "story_only"
    assert name_key("organization", "Treasury", None).rule == "story_only"  # whose Treasury?
    assert org_key("The Boeing Co") == org_key("Boeing")
    # A subheading's word in capitals ("BP MISSES PRODUCTION BOOST") is no organisation to link; an acronym is.
    assert name_key("organization", "BOOST", None).rule == "story_only"
    assert name_key("organization", "IAC", None).rule == "org_normalised"


# Names of the 20,000-story run that gathered unrelated actors across stories (link_audit20k_verdicts.md).
@pytest.mark.parametrize(
    "name, country",
    [
        ("Airlines", None),  # American Airlines without "American", Korean Air Lines, Czech Airlines
        ("International Group", None),  # AIG without "American"
        ("Media", None),
        ("Media Group", None),
        ("Group Inc.", None),
        ("Distillate", "USA"),  # a common noun
        ("Securities", "USA"),  # the Securities and Exchange Commission, cut at "and"
        ("Energy", "USA"),  # the Energy Information Administration, the Energy Department, Algeria's
        ("FX", None),  # "head of FX sales" at one bank and at another (link_audit20k: not_organizations)
        ("EBITA", None),
        ("Collateralized Debt Obligations", None),
        ("CDOs", None),
    ],
)
def test_a_name_of_generic_words_stays_in_its_story(name, country):
    assert name_key("organization", name, country) == (None, "story_only")


@pytest.mark.parametrize(
    "name, country, rule",
    [
        ("General Motors Corp.", "USA", "org_normalised"),  # "motors" is written capitalised
        ("Target Corp", "USA", "org_normalised"),  # "target" is generic, but a legal form makes a full name
        ("Financial Times", "GBR", "org_normalised"),  # two words
        ("United Airlines", "USA", "org_normalised"),
        ("Prudential Plc", "GBR", "org_normalised"),
        ("Bank of China", "CHN", "org_normalised"),
        ("Finance Ministry", "DEU", "org_country"),
        ("Central Bank", "RUS", "org_country"),
    ],
)
def test_a_name_with_a_word_of_its_own_links(name, country, rule):
    assert name_key("organization", name, country).rule == rule


def _link(rows: list[tuple], kind: str = "organization") -> pd.DataFrame:
    """``link_actors`` on actor rows of the 20,000-story run:
    (story_id, actor_id, name, aliases, country) or (..., title, affiliation, ticker)."""
    columns = ["story_id", "actor_id", "name", "aliases", "country", "title", "affiliation", "ticker"]
    frame = pd.DataFrame([row + (None,) * (len(columns) - len(row)) for row in rows], columns=columns)
    return _link_frame(frame.assign(kind=kind, country_source="knowledge", mentions=1))


def _entities(linked: pd.DataFrame) -> pd.Series:
    """The set of entity ids each surface name was linked to."""
    return linked.groupby("name")["entity_id"].agg(set)


def _link_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``link_actors`` on a frame of actor rows (the columns link reads; the others empty)."""
    con = duckdb.connect()
    for column in ("aliases", "title", "affiliation", "ticker"):
        if column not in frame:
            frame = frame.assign(**{column: [[] if column == "aliases" else None] * len(frame)})
    frame = frame.assign(entity_id=None, link_rule=None)
    con.register("actor_rows", frame)
    text = ("title", "affiliation", "ticker", "entity_id", "link_rule")
    con.execute(f"CREATE VIEW actors AS SELECT * REPLACE ({', '.join(f'CAST({c} AS VARCHAR) AS {c}' for c in text)}) FROM actor_rows")
    con.execute("CREATE VIEW previous_entities AS SELECT NULL::VARCHAR AS entity_id, NULL::VARCHAR AS key WHERE false")
    link_actors(con)
    linked = con.sql("SELECT l.*, a.name, a.affiliation FROM linked l JOIN actors a USING (story_id, actor_id)").df()
    con.close()
    return linked


def test_one_name_for_an_economist_and_a_vice_president_elsewhere_is_two_people():
    linked = _link([
        ("8926ce2ec3bd2b2b", "A4", "Charles Robertson", [], None, "vice president", "Boeing Support Systems"),
        ("b18174695d8a2bc9", "A6", "Charles Robertson", [], "NLD", "chief economist", "ING"),
        ("eedaac4cc5d0ca3d", "A6", "Charles Robertson", [], "NLD", "chief economist", "ING"),
    ], kind="person")
    by_employer = linked.groupby("affiliation")["entity_id"].agg(set)
    assert len(by_employer["ING"]) == 1 and by_employer["ING"].isdisjoint(by_employer["Boeing Support Systems"])
    assert set(linked[linked["affiliation"] == "ING"]["link_rule"]) == {"person_field"}


def test_an_analyst_who_moved_is_one_person():
    """Meredith Whitney, an analyst at CIBC World Markets, then at Oppenheimer: one person."""
    linked = _link([
        ("19e554c90462ecc4", "A19", "Meredith Whitney", [], None, "analyst", "CIBC World Markets"),
        ("04ad121d44af48f7", "A4", "Meredith Whitney", [], None, "analyst", "Oppenheimer Inc"),
        ("08820fd214b5f2dc", "A6", "Meredith Whitney", [], None, "banking analyst", "Oppenheimer & Co."),
    ], kind="person")
    assert linked["entity_id"].nunique() == 1 and set(linked["link_rule"]) == {"same_name"}


def test_a_name_does_not_go_into_an_alias_that_is_mostly_something_else():
    """"Prudential" is mostly the British Prudential Plc (46 stories of the run name it alone); two stories on
    the American Prudential Financial call it "Prudential" too. The two companies stay apart."""
    british = [
        ("0860fefec2d7bb87", "A12", "Prudential Plc", [], "GBR"),
        ("0bd778789a9a5e4f", "A14", "Prudential", [], "GBR"),
        ("0eae4c90ae80478a", "A16", "Prudential", [], "GBR"),
        ("10ee4c9b6e2df7c8", "A4", "Prudential", [], "GBR"),
        ("1848a012db38971a", "A5", "Prudential", [], "GBR"),
        ("1b3ea4473fc2fa69", "A5", "Prudential", [], "GBR"),
        ("23d1ee81155f0f4e", "A13", "Prudential", [], "GBR"),
        ("351b5b6eb083c248", "A10", "Prudential", [], "GBR"),
    ]
    american = [
        ("17f3f96b85e6fd9c", "A1", "Prudential Financial Inc.", ["Prudential", "Prudential Financial's"], "USA"),
        ("1f4f6bcc1e71f72d", "A1", "Prudential Financial Inc.", ["Prudential", "Prudential Financial's"], "USA"),
    ]
    linked = _link(british + american)
    by_name = _entities(linked)
    assert by_name["Prudential Plc"] == by_name["Prudential"] and len(by_name["Prudential Financial Inc."]) == 1
    assert by_name["Prudential"].isdisjoint(by_name["Prudential Financial Inc."])
    assert "alias" not in set(linked["link_rule"])
    # Named alone in fewer stories, "Prudential" was the American company's short form before i20j; now the two
    # companies are two senses of the short name, neither holding three quarters of its stories: a bare "Prudential"
    # stays in its story, and Prudential Plc keeps its own entity.
    fewer = _link(british[:4] + american)
    assert set(fewer[fewer["name"] == "Prudential"]["link_rule"]) == {"ambiguous_short"}
    assert _entities(fewer)["Prudential Plc"].isdisjoint(_entities(fewer)["Prudential Financial Inc."])


def test_the_tail_of_a_name_is_not_its_alias():
    """The extractor gave "Bank of China" as an alias of the Industrial and Commercial Bank of China; "ICBC"
    is one, "Bank of China" another bank."""
    linked = _link([
        ("070ba7373bf164fd", "A19", "Bank of China", [], "CHN"),
        ("16f016a6d54727ee", "A2", "Bank of China", [], "CHN"),
        ("10eebd83c58230d0", "A4", "Industrial and Commercial Bank of China", ["ICBC", "Bank of China"], "CHN"),
        ("3f1d7552de3f0820", "A1", "Industrial & Commercial Bank of China", ["Bank of China", "ICBC"], "CHN"),
        ("f1b7b21baa1184e1", "A6", "Industrial and Commercial Bank of China", ["Bank of China"], "CHN"),
        ("3affda7dd5e5a11f", "A15", "ICBC", [], None),
    ])
    by_name = _entities(linked)
    assert by_name["ICBC"] == by_name["Industrial and Commercial Bank of China"]
    assert by_name["Bank of China"].isdisjoint(by_name["ICBC"])
    assert set(linked[linked["name"] == "ICBC"]["link_rule"]) == {"alias"}


def test_a_head_cut_from_several_names_stays_in_its_story():
    """"National Association" was cut from the Realtors', the Home Builders' and Purchasing Management's names:
    whose? The longer names fill more stories than the head alone."""
    linked = _link([
        ("725a09fac8e01345", "A8", "National Association", [], "USA"),
        ("8a364cacb19b4872", "A4", "National Association", [], "USA"),
        ("72154ea8b8bb921b", "A3", "National Association of Realtors", [], "USA"),
        ("0bd99b432ebf8153", "A12", "National Association of Realtors", [], "USA"),
        ("bd33e0a9411d208d", "A21", "National Association of Home Builders", [], "USA"),
        ("997f6a2dc0686388", "A11", "National Association of Purchasing Management", [], "USA"),
    ])
    by_name = _entities(linked)
    assert len(by_name["National Association"]) == 2
    assert set(linked[linked["name"] == "National Association"]["link_rule"]) == {"story_only"}
    assert len(by_name["National Association of Realtors"]) == 1
    # One continuation ("Volkswagen of America") cuts nothing: "Ford of Europe" leaves Ford a name.
    ford = _link([
        ("580c2cd1175a1035", "A15", "Ford", [], "USA"), ("bc24251c9b2b6cd8", "A1", "Ford", [], "USA"),
        ("7dc6ab9694642c07", "A26", "Ford of Europe", [], "USA"),
    ])
    assert _entities(ford)["Ford"] and len(_entities(ford)["Ford"]) == 1


def test_a_tail_cut_from_several_names_stays_in_its_story():
    """The extractor cut "British" from British Airways Plc (BAY.L) and "US" from US Airways Group Inc.: "Airways"
    is also Qantas's, JetBlue's, Nippon's. "Disney", which Walt Disney Co. holds nearly alone, is its short form."""
    linked = _link([
        ("153e1f10989626fa", "A1", "Airways Plc", [], "GBR", None, None, "BAY.L"),
        ("ec6fd7d9a541393e", "A1", "Airways Plc", [], "GBR", None, None, "BAY.L"),
        ("f0ef02e8139c762d", "A1", "Airways Group Inc.", [], "USA"),
        ("64490477243dd8c6", "A1", "Qantas Airways Ltd.", [], "AUS"),
        ("e3c0ccad4d240a37", "A1", "Qantas Airways Ltd.", [], "AUS"),
        ("ca21f547c1a90376", "A1", "JetBlue Airways Corp.", [], "USA"),
        ("d31db6d024930fbc", "A26", "JetBlue Airways Corp.", [], "USA"),
        ("afd179b8c99cd350", "A5", "US Airways", [], "USA"),
    ])
    assert set(linked[linked["name"].str.startswith("Airways")]["link_rule"]) == {"story_only"}
    assert len(_entities(linked)["Qantas Airways Ltd."]) == 1
    disney = _link([
        ("5ddbbe94a5368f1d", "A1", "Walt Disney Co.", [], "USA"), ("6ee67ee49d0b0143", "A8", "Walt Disney Co.", [], "USA"),
        ("2638e836d479ec97", "A1", "Walt Disney Co.", [], "USA"), ("5ddbbe94a5368f1d", "A3", "Disney", [], "USA"),
        ("2638e836d479ec97", "A2", "Disney", [], "USA"), ("d31db6d024930fbc", "A9", "Roy Disney", [], "USA"),
    ])
    assert len(_entities(disney)["Disney"]) == 1


def test_a_plural_of_a_frequent_name_stays_in_its_story():
    """"the GMs and the Fords", "Chevys and Fords": cars, not Ford Motor Co."""
    fords = [("fa956d976d6f262d", "A11", "Fords", [], None), ("9390c7662fdee5c9", "A9", "Fords", [], None)]
    ford = [(story, actor, "Ford", [], "USA") for story, actor in [
        ("580c2cd1175a1035", "A15"), ("bc24251c9b2b6cd8", "A1"), ("7dc6ab9694642c07", "A26"), ("f99db3f5b8c227be", "A4"),
        ("317d174c0e2aed63", "A8"), ("84ff4b473faf618e", "A3"),
    ]]
    linked = _link(fords + ford)
    assert len(_entities(linked)["Fords"]) == 2 and len(_entities(linked)["Ford"]) == 1
    assert set(linked[linked["name"] == "Fords"]["link_rule"]) == {"story_only"}
    # Without the far more frequent singular, a name ending in "s" is a name ("Fords" twice, "Ford" once).
    assert len(_entities(_link(fords + ford[:1]))["Fords"]) == 1


def test_a_name_in_capitals_of_generic_words_links_only_if_written_so_elsewhere():
    """"LISTED BANK", from the headline "CHAIRMAN OF UK-LISTED BANK STANDARD CHARTERED", is no bank's name;
    "HIGH FREQUENCY ECONOMICS" is the firm the stories also write "High Frequency Economics"."""
    linked = _link([
        ("fae7bec5d38690c5", "A2", "LISTED BANK", [], "GBR"),
        ("dc92912a87088785", "A2", "LISTED BANK", [], "GBR"),
        ("6fe7796362b6fb00", "A2", "HIGH FREQUENCY ECONOMICS", [], None),
        ("6e3b37d3eb9bf347", "A3", "HIGH FREQUENCY ECONOMICS", [], None),
        ("1dfc9e5eea18c266", "A10", "High Frequency Economics", [], None),
    ])
    by_name = _entities(linked)
    assert len(by_name["LISTED BANK"]) == 2 and by_name["HIGH FREQUENCY ECONOMICS"] == by_name["High Frequency Economics"]
    assert set(linked[linked["name"] == "HIGH FREQUENCY ECONOMICS"]["link_rule"]) == {"org_normalised"}


def test_an_institution_takes_no_country_from_a_dateline_the_story_is_not_about():
    """A Tokyo-datelined story on Canada's budget ("would not say when he would present it to Parliament"):
    its people are Canadian, so its "Parliament" is not Japan's Diet of two Tokyo stories on Japan."""
    rows = [
        ("7a7a68d7c9cba0c7", "A1", "Jim Flaherty", "person", "CAN", "story", 4),
        ("7a7a68d7c9cba0c7", "A4", "Parliament", "organization", "JPN", "dateline", 1),
        ("57626b872efa71fc", "A4", "Parliament", "organization", "JPN", "dateline", 1),
        ("57626b872efa71fc", "A13", "Japan", "country", "JPN", "story", 6),
        ("58b3de62a9c8e992", "A10", "Parliament", "organization", "JPN", "dateline", 1),
        ("58b3de62a9c8e992", "A1", "Japan", "country", "JPN", "story", 4),
    ]
    frame = pd.DataFrame(rows, columns=["story_id", "actor_id", "name", "kind", "country", "country_source", "mentions"])
    linked = _link_frame(frame).set_index(["story_id", "actor_id"])
    assert linked.loc[("7a7a68d7c9cba0c7", "A4"), "link_rule"] == "story_only"
    tokyo = linked.loc[[("57626b872efa71fc", "A4"), ("58b3de62a9c8e992", "A10")]]
    assert tokyo["entity_id"].nunique() == 1 and set(tokyo["link_rule"]) == {"org_country"}


def test_an_alias_does_not_join_two_companies_by_a_shared_word():
    """Harris Associates, the Chicago fund manager, is "Harris" in its stories; Harris Corp (HRS.N), the defence
    communications maker, is another company: named with a legal form, it carries a ticker the fund manager never
    does. Maxim Group LLC, a broker, is not Maxim Integrated Products (MXIM.O)."""
    associates = [(story, actor, "Harris Associates", ["Harris"], "USA") for story, actor in [
        ("7600057e9c3df979", "A8"), ("5972f203a4464db7", "A5"), ("be4b6b2419b10fcb", "A5"), ("7e1bf07568cbca80", "A3"),
    ]]
    corp = [
        ("acf5ab2dc59a1af9", "A12", "Harris Corp.", [], "USA", None, None, "HRS.N"),
        ("a9ceb4fb92bd7f52", "A15", "Harris Corp", [], "USA", None, None, "HRS.N"),
    ]
    by_name = _entities(_link(associates + corp))
    assert by_name["Harris Corp"] == by_name["Harris Corp."] and by_name["Harris Corp"].isdisjoint(by_name["Harris Associates"])
    # Without a ticker or a legal form, "Harris" is the fund manager's short name.
    short = _link(associates + [("acf5ab2dc59a1af9", "A12", "Harris", [], "USA")])
    assert _entities(short)["Harris"] == _entities(short)["Harris Associates"]


def test_a_full_name_does_not_go_into_its_tail():
    """Sony Ericsson, the Sony joint venture its stories call "Ericsson", is not Ericsson, the Swedish company
    the archive names alone more often."""
    linked = _link([
        ("313cceb246eddd10", "A1", "Sony Ericsson", ["Ericsson"], "SWE"),
        ("1c45bb0ccc650ccd", "A12", "Sony Ericsson", ["Ericsson"], "SWE"),
        ("5dcf84fe48ff47a4", "A13", "Sony Ericsson", ["Ericsson"], "SWE"),
        ("46a055820aeaf33e", "A2", "Ericsson", [], "SWE"),
        ("9bf309ccb02370f3", "A5", "Ericsson", [], "SWE"),
        ("5295e88022f48ef7", "A6", "Ericsson", [], "SWE"),
        ("d9334b66880ea6c9", "A9", "Ericsson", [], "SWE"),
    ])
    by_name = _entities(linked)
    assert len(by_name["Sony Ericsson"]) == 1 and by_name["Sony Ericsson"].isdisjoint(by_name["Ericsson"])
    assert "alias" not in set(linked["link_rule"])


def test_one_company_under_two_names_joins_by_its_ticker():
    """Apple Computer Inc. (renamed Apple Inc in 2007) and Apple Inc both carry AAPL.O; "Builder Lennar Corp" is
    Lennar with a descriptor glued before it (LEN.N). UBS Securities carries its parent's UBSN.VX but is a unit."""
    apple = [(s, a, "Apple Computer Inc.", [], "USA", None, None, "AAPL.O") for s, a in [
        ("6aea7b37d443b2ae", "A4"), ("eb961077875d53ee", "A3"), ("1b8b12931e1d6924", "A10")]]
    apple += [(s, a, "Apple Inc", [], "USA", None, None, "AAPL.O") for s, a in [
        ("ee4af38c25f821ea", "A3"), ("29a9dc6b0402be7f", "A7"), ("b967278e13f370f7", "A9"), ("b645c60a6433abea", "A2")]]
    lennar = [(s, a, "Builder Lennar Corp", [], "USA", None, None, "LEN.N") for s, a in [("69738e37f7260dae", "A1"), ("f2a6a0c57023d0fb", "A1")]]
    lennar += [(s, a, "Lennar Corp.", [], "USA", None, None, "LEN.N") for s, a in [
        ("dd6d58eb8177404a", "A8"), ("9964cf9c9ac9fe3b", "A15"), ("f682f83f0c684c1f", "A15")]]
    ubs = [(s, a, "UBS Securities", [], "USA", None, None, "UBSN.VX") for s, a in [
        ("91b74cb8ed54e5be", "A7"), ("cef31494abc48432", "A1"), ("4bc75bdedbb6dc08", "A1")]]
    ubs += [(s, a, "UBS", [], "CHE", None, None, "UBSN.VX") for s, a in [
        ("91ce6aeb52892679", "A10"), ("40ddf82b6e306ddd", "A18"), ("11e8f2a525f5b89f", "A15"), ("0a8a8ff1971d92c8", "A1")]]
    linked = _link(apple + lennar + ubs)
    by_name = _entities(linked)
    assert by_name["Apple Computer Inc."] == by_name["Apple Inc"] and by_name["Builder Lennar Corp"] == by_name["Lennar Corp."]
    assert set(linked[linked["name"].isin(["Apple Computer Inc.", "Builder Lennar Corp"])]["link_rule"]) == {"ticker"}
    assert by_name["UBS Securities"].isdisjoint(by_name["UBS"])
    # Without the shared ticker, the names stay two entities.
    bare = _link([row[:5] for row in apple])
    assert _entities(bare)["Apple Computer Inc."].isdisjoint(_entities(bare)["Apple Inc"])


@needs_shared
def test_same_name_across_stories_is_one_entity(linked_run):
    before, _, _ = linked_run
    nozari = _entity(before, "person", "Gholamhossein Nozari")
    jp = _entity(before, "organization", "JP Morgan")
    assert nozari["stories"] >= 1 and jp["stories"] == 2 and "org_normalised" in list(jp["link_rules"])
    actors = before.actors[before.actors["entity_id"] == jp["entity_id"]]
    assert actors["story_id"].nunique() == 2 and set(actors["link_rule"]) == {"org_normalised"}
    assert before.actors["entity_id"].notna().all()


@needs_shared
def test_a_bare_surname_stays_in_its_story(linked_run):
    _, after, _ = linked_run
    actors = after.actors
    bare = actors[(actors["kind"] == "person") & ~actors["name"].str.contains(" ")]
    assert len(bare), "the run has a one-word person name"
    assert set(bare["link_rule"]) == {"story_only"}
    entities = after.entities.set_index("entity_id")
    assert (entities.loc[bare["entity_id"], "stories"] == 1).all()
    # Jamie and James Dimon share the surname only: two entities.
    dimons = after.entities[after.entities["name"].str.endswith("Dimon")]
    assert len(dimons) == 2


@needs_shared
def test_adding_stories_changes_no_entity_id(linked_run):
    before, after, _ = linked_run
    old = before.actors[["story_id", "actor_id", "entity_id"]].merge(after.actors[["story_id", "actor_id", "entity_id"]], on=["story_id", "actor_id"])
    assert len(old) == len(before.actors)
    assert (old["entity_id_x"] == old["entity_id_y"]).all()
    assert set(before.entities["entity_id"]) <= set(after.entities["entity_id"])
    # A name of the first run met again in an added story joins its entity.
    nozari_before = _entity(before, "person", "Gholamhossein Nozari")
    nozari_after = _entity(after, "person", "Gholamhossein Nozari")
    assert nozari_after["entity_id"] == nozari_before["entity_id"] and nozari_after["stories"] == nozari_before["stories"] + 1


@needs_shared
def test_linking_again_gives_the_same_tables(linked_run, tmp_path):
    _, after, out = linked_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    result = subprocess.run([sys.executable, "-m", "pipeline", "link", str(copy)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "kept their entity" in result.stdout
    again = pipeline.load(copy)
    for name in ("actors", *ARCHIVE_TABLES):
        assert again[name].equals(after[name]), name


@needs_shared
def test_a_run_older_than_a_table_links_and_loads(linked_run, tmp_path):
    """A run written before ``route_candidates`` existed: linking it must not fail on the missing table."""
    _, after, out = linked_run
    copy = tmp_path / "older"
    shutil.copytree(out, copy)
    (copy / "route_candidates.parquet").unlink()
    result = subprocess.run([sys.executable, "-m", "pipeline", "link", str(copy)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(copy / "claims.duckdb"), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM route_candidates").fetchall() == [(0,)]
        assert con.sql("SELECT count(*) FROM entities").fetchall()[0][0] == len(after.entities)


@needs_shared
def test_link_fresh_links_every_actor_anew(linked_run, tmp_path):
    """``link --fresh`` forgets the ids an earlier link gave; the same rules give the same keys, so the same ids."""
    _, after, out = linked_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    result = subprocess.run([sys.executable, "-m", "pipeline", "link", "--fresh", str(copy)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "(0 kept their entity)" in result.stdout
    both = after.actors.merge(pipeline.load(copy).actors, on=["story_id", "actor_id"], suffixes=("", "_fresh"))
    assert len(both) == len(after.actors) and both["entity_id_fresh"].notna().all()
    same = both[both["link_rule"] == both["link_rule_fresh"]]
    assert len(same) > len(both) / 2 and (same["entity_id"] == same["entity_id_fresh"]).all()


@needs_shared
def test_route_links_count_routes_by_country_pair_and_year(linked_run):
    _, after, _ = linked_run
    links = after.route_links
    russia_china = links[(links["origin_country"] == "RUS") & (links["destination_country"] == "CHN") & (links["mode"] == "pipeline")]
    assert len(russia_china) == 1
    row = russia_china.iloc[0]
    assert row["year"] == 2009 and row["stories"] == 1 and row["routes"] >= 1
    assert "crude" in [c["value"] for c in row["cargo"]]
    # Every routes row with two countries is counted once, in its year.
    routes = after.routes.merge(after.stories[["story_id", "published"]], on="story_id")
    countable = routes.dropna(subset=["origin_country", "destination_country"])
    assert links["routes"].sum() == len(countable)


@needs_shared
def test_expert_profiles_and_views_in_duckdb(linked_run):
    _, after, out = linked_run
    profiles = after.expert_profiles
    assert set(profiles["name"]) >= {"Leonid Petrov", "Andrei Lankov"}
    petrov = profiles[profiles["name"] == "Leonid Petrov"].iloc[0]
    assert [a["value"] for a in petrov["affiliations"]] == ["Australia National University"] and petrov["claims"] >= 1
    con = duckdb.connect(str(out / "claims.duckdb"), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert set(ARCHIVE_TABLES) | set(ARCHIVE_VIEWS) <= present
        claims = con.sql("SELECT count(*) FROM entity_claims WHERE entity_name = 'Gholamhossein Nozari'").fetchall()[0][0]
        assert claims >= 1
        assert con.sql("SELECT count(*) FROM actors WHERE entity_id IS NULL").fetchall()[0][0] == 0
    finally:
        con.close()


@needs_shared
def test_archive_page_answers_in_sql_and_pandas_agree(linked_run, tmp_path, monkeypatch):
    """docs/archive.md: each question's SQL and pandas give the same rows, on the small run."""
    _, _, out = linked_run
    (tmp_path / "outputs").symlink_to(out, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    sections: dict[str, dict[str, list[str]]] = {}
    for heading, lang, code in blocks(ROOT / "docs" / "archive.md"):
        sections.setdefault(heading, {}).setdefault(lang, []).append(code)
    namespace: dict = {}
    run_python(sections.pop("Three questions")["python"][0], namespace)
    questions = {h: s for h, s in sections.items() if "sql" in s}
    assert len(questions) == 3
    answers = {}
    for heading, langs in questions.items():
        by_sql = namespace["con"].sql(langs["sql"][0]).df()
        by_pandas = run_python(langs["python"][0], namespace)
        for column in by_sql.columns[by_sql.dtypes.map(pd.api.types.is_datetime64_any_dtype)]:  # DuckDB's df() gives a date as a timestamp
            by_pandas[column] = pd.to_datetime(by_pandas[column].astype(str)).astype(by_sql[column].dtype)
        assert list(by_pandas.columns) == list(by_sql.columns), heading
        assert records(by_pandas) == records(by_sql), heading
        answers[heading] = by_sql
    namespace["con"].close()
    oil = answers["A Russia–China oil link, year by year"]
    assert list(oil["year"]) == [2009] and "pipeline" in oil["modes"][0]
    assert len(answers["What Gazprom said, and when"]) >= 1


def test_titles_of_two_kinds_at_no_shared_employer_are_several_people():
    """"John Martin": a former federal judge who led Fidelity's inquiry, and Time Warner's chief financial officer
    (seed 23's #99). A Goldman Sachs chief executive who became Treasury Secretary (Henry Paulson) is one career."""
    martin = _link([
        ("9296363e60efa808", "A13", "John Martin", [], "USA", "former federal judge and attorney"),
        ("f943dd0086e79e9e", "A11", "John Martin", [], "USA", "former federal judge and attorney"),
        ("34bee3a74fd727f6", "A22", "John Martin", [], None, "Chief Financial Officer", "Financial"),
        ("5d71a0954d07d1f3", "A6", "John Martin", [], None, "Chief Financial Officer", "Financial"),
    ], kind="person")
    by_employer = martin.assign(employer=martin["affiliation"].fillna("none")).groupby("employer")["entity_id"].agg(set)
    judge, cfo = by_employer["none"], by_employer["Financial"]
    assert len(judge) == 1 and len(cfo) == 1 and judge.isdisjoint(cfo) and set(martin["link_rule"]) == {"person_field"}
    paulson = _link([
        ("85ecb7ef202acdbd", "A11", "Henry Paulson", [], "USA", "Treasury Secretary", "U.S. Treasury"),
        ("9173046b67a85a49", "A3", "Henry Paulson", [], "USA", "Treasury Secretary"),
        ("1426d433d263231e", "A17", "Henry Paulson", [], "USA", "chief executive", "Goldman Sachs"),
    ], kind="person")
    assert paulson["entity_id"].nunique() == 1 and set(paulson["link_rule"]) == {"same_name"}


def test_a_short_abbreviation_stays_in_its_story_unless_a_ticker_ties_it():
    """"DJ": a Dow Jones sector index in one story, Dow Jones & Co in another (seed 23's #13), no ticker on either;
    "UBS" carries UBSN.VX in some of its stories, which ties them all."""
    dj = _link([("fe5b484423c795fe", "A9", "DJ", [], None), ("e5d351c71eaed90e", "A11", "DJ", [], None)])
    assert dj["entity_id"].nunique() == 2 and set(dj["link_rule"]) == {"story_only"}
    ubs = _link([
        ("91ce6aeb52892679", "A10", "UBS", [], "CHE", None, None, "UBSN.VX"),
        ("38a8f68857ad4637", "A7", "UBS", [], "CHE"),
        ("43d553d911e8c284", "A18", "UBS", [], "CHE"),
    ])
    assert ubs["entity_id"].nunique() == 1 and set(ubs["link_rule"]) == {"org_normalised"}


def test_names_that_differ_only_in_letter_case_stay_apart():
    """eBay's "VeRO" programme is not "Vero", Suncorp's insurance brand (seed 23's #90)."""
    linked = _link([("161c37190c6a9246", "A7", "VeRO", [], None), ("d526996d878cdebc", "A15", "Vero", [], None)])
    assert linked["entity_id"].nunique() == 2 and "org_case" in set(linked["link_rule"])


@pytest.mark.parametrize("name", ["Higher Regional Court", "District Court", "Nordic exchange", "Toronto Stock exchange"])
def test_a_local_institution_or_a_descriptor_stays_in_its_story(name):
    """Munich's and Duesseldorf's "Higher Regional Court" are two courts (seed 23's #72); "Nordic exchange" describes OMX."""
    assert name_key("organization", name, "DEU") == (None, "story_only")


def test_a_local_institution_with_its_place_links():
    assert name_key("organization", "Munich Higher Regional Court", "DEU").rule == "org_normalised"


def test_a_name_in_capitals_cut_from_a_longer_one_stays_in_its_story():
    """"CAPITAL RESEARCH" in Reuters' lists of economists is Channel Capital Research cut (seed 23's #100), not
    Capital Research & Management, which other stories name "Capital Research"."""
    linked = _link([
        ("c21bf028fa40dae3", "A3", "CAPITAL RESEARCH", [], None),
        ("de85cf217b0bd4b8", "A9", "CAPITAL RESEARCH", [], None),
        ("950c59813b950436", "A6", "CHANNEL CAPITAL RESEARCH", [], None),
        ("f359baab6ef177d2", "A7", "CHANNEL CAPITAL RESEARCH", [], None),
        ("10f225196378d601", "A15", "Capital Research", [], None),
        ("b4f3bfffcba0478d", "A9", "Capital Research", [], None),
    ])
    by_name = _entities(linked)
    assert len(by_name["CAPITAL RESEARCH"]) == 2 and by_name["CAPITAL RESEARCH"].isdisjoint(by_name["Capital Research"])
    assert len(by_name["Capital Research"]) == 1


_LARRYS = [  # five people called Larry, in the 20,000-story run
    ("05e6d1f2a692419e", "A5", "Larry Ellison"), ("17114326fb233ea4", "A3", "Larry Ellison"),
    ("24b7506edfd39023", "A2", "Larry Kellner"), ("153c9c9361f8fe0d", "A8", "Larry Goldstone"),
    ("0c6a91bd7d77867c", "A6", "Larry Page"), ("20f0eba464b9e820", "A10", "Larry Fink"),
]


def test_a_bare_given_name_stays_in_its_story():
    """"Larry" typed as an organisation: Larry Wachowski in two stories, the commentator Larry So in a third (seed 24's #37)."""
    people = pd.DataFrame(_LARRYS, columns=["story_id", "actor_id", "name"]).assign(kind="person")
    larry = [("6927f843be76a156", "A10", "Larry"), ("7b261f0ece778e3f", "A19", "Larry"), ("a37f7ecd4319ea62", "A10", "Larry")]
    orgs = pd.DataFrame(larry, columns=["story_id", "actor_id", "name"]).assign(kind="organization")
    frame = pd.concat([people, orgs]).assign(country=None, country_source=None, mentions=1, aliases=[[]] * 9)
    linked = _link_frame(frame)
    bare = linked[linked["name"] == "Larry"]
    assert bare["entity_id"].nunique() == 3 and set(bare["link_rule"]) == {"story_only"}
    assert linked[linked["name"] == "Larry Ellison"]["entity_id"].nunique() == 1


def test_a_surname_of_well_known_people_does_not_join_the_firm_of_that_name():
    """"Paulson" alone is as often Treasury Secretary Henry Paulson as John Paulson's Paulson & Co (seed 24's #44)."""
    people = [("010bd74ce1dfddb7", "A2", "Henry Paulson"), ("01ba533caa44b8b2", "A15", "Henry Paulson"),
              ("02f9ac47b17e6daf", "A2", "Henry Paulson"), ("0385fd6e6a34d0b8", "A1", "Henry Paulson"),
              ("0a749973fb170fb9", "A15", "John Paulson"), ("106e8ce722a783a4", "A15", "John Paulson")]
    firm = [("012ddecaf467c83a", "A13", "Paulson & Co"), ("0a749973fb170fb9", "A16", "Paulson & Co"),
            ("173411a4f10c3add", "A9", "Paulson"), ("21ebf358d86bf5b6", "A3", "Paulson")]
    frame = pd.concat([
        pd.DataFrame(people, columns=["story_id", "actor_id", "name"]).assign(kind="person"),
        pd.DataFrame(firm, columns=["story_id", "actor_id", "name"]).assign(kind="organization"),
    ]).assign(country=None, country_source=None, mentions=1, aliases=[[]] * 10)
    linked = _link_frame(frame)
    assert set(linked[linked["name"] == "Paulson"]["link_rule"]) == {"story_only"}
    assert linked[linked["name"] == "Paulson & Co"]["entity_id"].nunique() == 1
    assert linked[linked["name"] == "Paulson"]["entity_id"].nunique() == 2


@pytest.mark.parametrize(
    "a, b",
    [
        (("39b622951a673466", "A7", "V-8", []), ("010e997c1f986eb9", "A6", "V-8", [])),  # an engine type (seed 24's #84)
        (("556a8a554def69aa", "A3", "Hippocratic", []), ("2819594ec5c803e5", "A4", "Hippocratic", [])),  # the oath (#48)
    ],
)
def test_a_model_code_or_an_adjective_is_no_organisation(a, b):
    linked = _link([a, b])
    assert linked["entity_id"].nunique() == 2 and set(linked["link_rule"]) == {"story_only"}


def test_two_names_joined_by_and_are_a_list_that_stays_in_its_story():
    """Mozilo's "NovaStar Financial and Ownit Mortgage Solutions", two lenders, each named alone elsewhere (seed 24's #92)."""
    both = "NovaStar Financial and Ownit Mortgage Solutions"
    linked = _link([
        ("6e7bf08dfdf81f72", "A15", both, []), ("58ef19a568da9173", "A15", both, []),
        ("dcaf85801d4d35b7", "A22", "NovaStar Financial", []), ("a64052a05edf7f7f", "A6", "Ownit Mortgage Solutions", []),
    ])
    listed = linked[linked["name"] == both]
    assert listed["entity_id"].nunique() == 2 and set(listed["link_rule"]) == {"story_only"}


def test_one_name_the_stories_place_in_two_countries_is_two_organisations():
    """Japan's and South Korea's "Fair Trade Commission", each placed so by two stories or more: a regulator of common
    words keys with its country (``regulator_country``)."""
    rows = [("fc53a15251e7f078", "A3", "JPN"), ("c5f0f7f38d5489b2", "A1", "JPN"), ("ea07d9e7a7cd2619", "A5", "KOR"),
            ("7a42c418feb0fe61", "A6", "KOR"), ("854b6a611b95dd1a", "A11", "KOR"), ("6a3ac2758302d5a6", "A3", "KOR")]
    frame = pd.DataFrame(rows, columns=["story_id", "actor_id", "country"])
    frame = frame.assign(name="Fair Trade Commission", kind="organization", country_source="story", mentions=1, aliases=[[]] * 6)
    linked = _link_frame(frame)
    country = linked["story_id"].map(dict(zip(frame["story_id"], frame["country"])))
    assert linked.groupby(country)["entity_id"].nunique().to_dict() == {"JPN": 1, "KOR": 1}
    assert linked["entity_id"].nunique() == 2 and set(linked["link_rule"]) == {"regulator_country"}


def test_a_bare_word_several_companies_start_joins_its_target_only_where_the_story_names_it():
    """"Delta", an alias of Delta Air Lines (DAL) in most stories, also starts Delta Petroleum (DPTR) and Delta & Pine
    Land (DLP): a bare "Delta" joins the airline only in a story that names the airline (seed 25's multi-alias E50);
    the Niger Delta's and Delta and Pine Land's "Delta" stay in their stories. "United Group Ltd" (UGL.AX) is a
    company of its own, not United Airlines (E34); a bare "United" beside UnitedHealth stays in its story."""
    airline = [(s, a, name, ["Delta"], "USA", None, None, ticker) for s, a, name, ticker in [
        ("007729ac123644fd", "A2", "Delta Air Lines Inc.", "DALRQ.PK"), ("04be854f85b1fc14", "A3", "Delta Air Lines Inc.", "DALRQ.PK"),
        ("072f5426052fe6f6", "A8", "Delta Air Lines", "DAL.N"), ("08467874a6de6067", "A2", "Delta Air Lines Inc.", "DALRQ.PK"),
        ("0c1b6cb311dda5d1", "A1", "Delta Air Lines Inc.", "DAL.N"), ("0f169995af33729d", "A8", "Delta Air Lines", "DAL.N"),
        ("19df72b96c9dfc6f", "A4", "Delta Air Lines Inc", "DAL.N"), ("a77d09f2992f2e5b", "A1", "Delta Air Lines Inc", None),
    ]]
    others = [
        ("b2666f776e100320", "A2", "Delta & Pine Land Co.", ["Delta"], "USA", None, None, "DLP.N"),
        ("11f411c43625cfe6", "A3", "Delta Petroleum Corp", ["Delta", "Delta Petroleum"], "USA", None, None, "DPTR.O"),
    ]
    bare = [("a77d09f2992f2e5b", "A6", "Delta", [], "USA"), ("5e91de41fc8b78e9", "A7", "Delta", [], "USA"),
            ("20470560c597b64e", "A9", "Delta", [], "USA")]
    linked = _link(airline + others + bare).set_index(["story_id", "actor_id"])
    assert linked.loc[("a77d09f2992f2e5b", "A6"), "entity_id"] == linked.loc[("007729ac123644fd", "A2"), "entity_id"]
    assert linked.loc[("a77d09f2992f2e5b", "A6"), "link_rule"] == "alias"
    apart = linked.loc[[("5e91de41fc8b78e9", "A7"), ("20470560c597b64e", "A9")]]
    assert set(apart["link_rule"]) == {"shared_head"} and apart["entity_id"].nunique() == 2
    assert linked.loc[("5e91de41fc8b78e9", "A7"), "entity_id"] != linked.loc[("007729ac123644fd", "A2"), "entity_id"]
    united = [(s, a, "United Airlines", ["United"], "USA") for s, a in [
        ("072f5426052fe6f6", "A2"), ("07fa7b8a06116cdf", "A2"), ("150ca7ffd46012a2", "A1"), ("1cbed7244c562492", "A2")]]
    united += [(s, a, "United Airlines", [], "USA") for s, a in [  # the airline, in far more stories than a bare "United"
        ("012df29075baa5ba", "A6"), ("02d54e74cc0be62e", "A9"), ("092f35e177afb6c6", "A19"), ("09aa2a95e57f56ae", "A8"),
        ("0abf591925e8e11a", "A2"), ("0c1b6cb311dda5d1", "A11"), ("0f682a2ffdf4ba2e", "A9"), ("105380c01190089e", "A2")]]
    united += [
        ("00fb8d86c7eea576", "A1", "United Parcel Service Inc", ["UPS"], "USA", None, None, "UPS.N"),
        ("03c71c7f4a002370", "A16", "United Technologies Corp.", [], "USA", None, None, "UTX.N"),
        ("a723045c65945c76", "A9", "United Group Ltd", [], "AUS", None, None, "UGL.AX"),
        ("40039a15f0b5eb33", "A13", "United", [], "USA"), ("40039a15f0b5eb33", "A1", "UnitedHealth Group Inc", [], "USA", None, None, "UNH.N"),
        ("a703e89f818be8d9", "A8", "United", [], "USA"), ("a703e89f818be8d9", "A12", "United Airlines", [], "USA"),
        ("6dad7b1d69ee96ff", "A9", "United", [], "USA"), ("fa13c62b64955fbf", "A14", "United", [], "USA"),
    ]
    rules = _link(united).set_index(["story_id", "actor_id"])["link_rule"]
    assert rules["a723045c65945c76", "A9"] == "shared_head" and rules["40039a15f0b5eb33", "A13"] == "shared_head"
    assert rules["a703e89f818be8d9", "A8"] == "alias"


def test_a_unit_holding_its_parents_mentions_stays_in_its_story():
    """HSBC Finance, HSBC's U.S. consumer-finance unit: where its story gives "HSBC" as its alias, its mentions are
    the parent's too ("Europe's biggest bank HSBC"), so it stays in its story; elsewhere HSBC Finance is one entity,
    never HSBC Holdings'. "HSBC Finance" of "HSBC Finance Director Douglas Flint" is HSBC (seed 25's multi-alias E9)."""
    parent = [(s, a, name, aliases, "GBR") for s, a, name, aliases in [
        ("18e30aa88dc6bf35", "A4", "HSBC Holdings Plc", []), ("17339d411f32e8b6", "A2", "HSBC Holdings Plc", ["Britain's HSBC Holdings Plc"]),
        ("a66d0131acd58de4", "A8", "HSBC Holdings Plc", ["HSBC"]), ("542fb2c69f6e1d29", "A5", "HSBC", []), ("0ef1717345574ac2", "A3", "HSBC", []),
    ]]
    unit = [(s, a, "HSBC Finance Corp.", ["HSBC Finance"], None) for s, a in [
        ("ace8e1d224a48564", "A6"), ("484260776fb95daf", "A9"), ("e2bb0d6169a846df", "A5")]]
    mixed = [("a39a89ef3ea322e7", "A1", "HSBC Finance", ["HSBC"], "GBR"), ("c84651cb22e21851", "A2", "HSBC Finance", ["HSBC"], "GBR")]
    orgs = pd.DataFrame(parent + unit + mixed + [("87e04c30abe263e5", "A4", "HSBC Finance", [], None)],
                        columns=["story_id", "actor_id", "name", "aliases", "country"]).assign(kind="organization")
    flint = pd.DataFrame([("87e04c30abe263e5", "A5", "Douglas Flint", [], None, "Director", "HSBC Finance", "person")],
                         columns=["story_id", "actor_id", "name", "aliases", "country", "title", "affiliation", "kind"])
    linked = _link_frame(pd.concat([orgs, flint]).assign(country_source="knowledge", mentions=1)).set_index(["story_id", "actor_id"])
    holdings = linked.loc[("18e30aa88dc6bf35", "A4"), "entity_id"]
    finance = linked.loc[[(s, a) for s, a, *_ in unit], "entity_id"]
    assert finance.nunique() == 1 and finance.iloc[0] != holdings
    assert set(linked.loc[[(s, a) for s, a, *_ in mixed], "link_rule"]) == {"unit_parent"}
    assert not set(linked.loc[[(s, a) for s, a, *_ in mixed], "entity_id"]) & {holdings, finance.iloc[0]}
    assert linked.loc[("87e04c30abe263e5", "A4"), "entity_id"] == holdings and linked.loc[("87e04c30abe263e5", "A4"), "link_rule"] == "title_cut"


def test_two_names_joined_by_a_comma_stay_in_their_story():
    """"Unlike Alcatel, Lucent did particularly well": a span over two companies (seed 25's multi-alias E1); "Clayton,
    Dubilier & Rice" is one private equity firm."""
    linked = _link([
        ("2ed857bc89ff9798", "A5", "Alcatel, Lucent", []), ("2ed857bc89ff9798", "A1", "Alcatel", []),
        ("2ed857bc89ff9798", "A3", "Lucent", []), ("3c06a567a820d85a", "A2", "Alcatel", []), ("c642060d2a8fd575", "A15", "Lucent", []),
        ("85cf1f626c3aa834", "A7", "Clayton, Dubilier & Rice", []), ("b270a39b86ab420a", "A6", "Clayton, Dubilier & Rice", []),
        ("e3517f87934403fe", "A20", "Clayton", []), ("e3517f87934403fe", "A21", "Dubilier & Rice", []),
    ])
    rules = linked.set_index("name")["link_rule"]
    assert rules["Alcatel, Lucent"] == "story_only" and (rules[["Alcatel", "Lucent"]] == "org_normalised").all()
    firm = linked[linked["name"] == "Clayton, Dubilier & Rice"]
    assert firm["entity_id"].nunique() == 1 and set(firm["link_rule"]) == {"org_normalised"}


def test_a_regulator_of_common_words_keys_with_its_country():
    """Britain's and Sweden's "Financial Services Authority" are two regulators (seed 26's E10); Britain's stays one."""
    linked = _link([
        ("01cf83121fbb6537", "A4", "Financial Services Authority", ["FSA"], "GBR"),
        ("e1f6c38a51df3c0a", "A18", "Financial Services Authority", ["UK's Financial Services Authority"], "GBR"),
        ("188c7a91220b3c38", "A9", "Financial Services Authority", ["Sweden's Financial Services Authority", "FSA"], "SWE"),
    ])
    by_country = linked.assign(country=["GBR", "GBR", "SWE"]).groupby("country")["entity_id"].agg(set)
    assert len(by_country["GBR"]) == 1 and by_country["GBR"].isdisjoint(by_country["SWE"])
    assert set(linked["link_rule"]) == {"regulator_country"}


def test_a_cut_tail_after_an_ampersand_stays_in_its_story():
    """"Sons" in a story naming "A.G. Edwards" is a cut of "A.G. Edwards & Sons" (seed 26's E21): it stays in its story
    while the firm links across stories. "Lowe", the tail of "Friedman Fleischer & Lowe" elsewhere, links across the
    stories about Lowe's Cos, which name no such firm."""
    linked = _link([
        ("812c86d46ae7d00b", "A26", "A.G. Edwards & Sons Inc.", []), ("3ce5e6aaa5babbcf", "A8", "A.G. Edwards", []),
        ("3ce5e6aaa5babbcf", "A9", "A.G. Edwards and Sons", []), ("3ce5e6aaa5babbcf", "A10", "Sons", []),
        ("84a48965a019341b", "A8", "A.G. Edwards", []), ("84a48965a019341b", "A9", "A.G. Edwards and Sons Inc.", []),
        ("84a48965a019341b", "A10", "Sons Inc.", []),
        ("e6d78abc7010db75", "A20", "Friedman Fleischer & Lowe", []), ("c12e40d1423d91bb", "A3", "Lowe's Companies Inc.", []), ("c12e40d1423d91bb", "A4", "Lowe", []),
        ("95c19785d61ba550", "A6", "Lowe's Cos", []), ("95c19785d61ba550", "A9", "Lowe", []),
    ])
    rules = linked.set_index(["story_id", "name"])["link_rule"]
    assert rules[("3ce5e6aaa5babbcf", "Sons")] == rules[("84a48965a019341b", "Sons Inc.")] == "cut_tail"
    assert linked[linked["name"].isin(["A.G. Edwards", "A.G. Edwards & Sons Inc."])]["entity_id"].nunique() == 1
    assert linked[linked["name"].str.startswith("Sons")]["entity_id"].nunique() == 2
    lowe = linked[linked["name"] == "Lowe"]
    assert lowe["entity_id"].nunique() == 1 and set(lowe["link_rule"]) == {"org_normalised"}


def test_two_company_names_run_together_stay_in_their_story():
    """"Microsoft Corp Yahoo Inc", a deal table's two columns, is two companies (seed 26's E4)."""
    linked = _link([
        ("96c3e1ac7d383915", "A9", "Microsoft Corp Yahoo Inc", []),
        ("27f290087e42cafb", "A11", "Microsoft Corp", []), ("3b05fa89e47ee52b", "A12", "Microsoft Corp", []),
    ])
    rules = linked.set_index("story_id")["link_rule"]
    assert rules["96c3e1ac7d383915"] == "run_together" and rules["27f290087e42cafb"] == rules["3b05fa89e47ee52b"] == "org_normalised"
    assert linked["entity_id"].nunique() == 2


def test_a_short_name_of_two_companies_links_by_its_ticker_or_its_story():
    """"Mitsubishi" is Mitsubishi Corp. (8058.T) in most stories, but two stories expand it to Mitsubishi Heavy
    Industries (7011.T), one each to Mitsubishi Motors and Electric: senses with tickers of their own, the second a real
    share (issue 20's i20j). A bare "Mitsubishi" joins the sense its story gives it (``short_expansion``); with none, the
    sense that holds three quarters of the stories, Mitsubishi Corp."""
    corp = [(s, a, "Mitsubishi Corp.", aliases, "JPN", None, None, ticker) for s, a, aliases, ticker in [
        ("00ee71b72778789a", "A4", [], None), ("066772776979c67e", "A10", ["Mitsubishi"], None), ("2637fd680fcff6ee", "A7", [], "8058.T"),
        ("878e869d4cd9c050", "A7", [], "8058.T"), ("a93c8103fe0750a9", "A9", [], None), ("c762f74825ef0b59", "A2", ["Mitsubishi"], "8058.T")]]
    corp += [(s, a, "Mitsubishi", [], "JPN", None, None, "8058.T") for s, a in [
        ("33a902a89cbdeed5", "A17"), ("a2281d90363d1c02", "A11"), ("b9ccf55f72c0a8c9", "A8"), ("e6100a645c8cfaaa", "A8"), ("f065523f9b97efa7", "A8")]]
    heavy = [
        ("21dcd9cfe3ceab34", "A8", "Mitsubishi Heavy Industries Ltd.", ["Mitsubishi"], "JPN", None, None, None),
        ("87f40ed4e32be611", "A4", "Mitsubishi Heavy Industries Ltd.", ["Japan's Mitsubishi Heavy Industries Ltd.", "Mitsubishi"], "JPN", None, None, "7011.T"),
        ("03e3602c542c6f15", "A11", "Mitsubishi Heavy Industries Ltd.", ["Japan's Mitsubishi Heavy Industries Ltd."], "JPN", None, None, "7011.T"),
    ]
    others = [("a78f59eb2b314294", "A11", "Mitsubishi Motors", ["Mitsubishi"], "JPN", None, None, "7211.T"),
              ("d0ec6aa68fd4b4ec", "A9", "Mitsubishi Electric Corp.", ["Mitsubishi"], "JPN", None, None, "6503.T")]
    bare = [("21dcd9cfe3ceab34", "A20", "Mitsubishi", [], "JPN"), ("0efcf65f0cb17369", "A27", "Mitsubishi", [], "JPN"),
            ("2944b698daf8fd2f", "A6", "Mitsubishi", [], "JPN")]
    linked = _link(corp + heavy + others + bare).set_index(["story_id", "actor_id"])
    entity, rule = linked["entity_id"], linked["link_rule"]
    assert entity[[(s, a) for s, a, *_ in corp]].nunique() == 1 and entity[[(s, a) for s, a, *_ in heavy]].nunique() == 1
    assert entity["21dcd9cfe3ceab34", "A20"] == entity["03e3602c542c6f15", "A11"] != entity["00ee71b72778789a", "A4"]
    assert rule["21dcd9cfe3ceab34", "A20"] == "short_expansion"
    assert entity["0efcf65f0cb17369", "A27"] == entity["2944b698daf8fd2f", "A6"] == entity["00ee71b72778789a", "A4"]


def test_a_short_name_no_sense_holds_stays_in_its_story():
    """"Bain" is Bain & Co. (its own key, with "& Co.") and, in the stories that give it as their alias, Bain Capital and
    Bain Capital Partners (one sense: one long form starts the other); neither holds three quarters of the stories, so a
    bare "Bain" no story expands stays in its story (before i20j it joined Bain & Co.)."""
    co = [("51a3e53ab154a721", "A14", "Bain & Co.", []), ("c0504dd81c9dba16", "A12", "Bain & Co.", ["Bain"]), ("cd7073aa8002d3cc", "A4", "Bain & Co.", [])]
    capital = [(s, "A5", "Bain Capital", ["Bain"]) for s in ["05cea0f20b82f96c", "3731f8a78b92d289", "415d01d79764b8fa", "5ae3d67f4234bb3d"]]
    capital += [("0fecee3bc58b02d3", "A3", "Bain Capital Partners", ["Bain Capital", "Bain"]), ("30302884d312a4c1", "A3", "Bain Capital Partners", ["Bain"]),
                ("36cb6eb4058ce0ea", "A3", "Bain Capital Partners LLC", ["Bain"]), ("06ac12476ff443df", "A2", "Bain Capital Partners", [])]
    bare = [(s, a, "Bain", []) for s, a in [("0690b032a3abbcbd", "A9"), ("28a9f7e573878837", "A9"), ("40baa6b59312f6c7", "A8"), ("0fecee3bc58b02d3", "A9")]]
    linked = _link([row + ("USA",) for row in co + capital + bare]).set_index(["story_id", "actor_id"])
    entity, rule = linked["entity_id"], linked["link_rule"]
    held = [("0690b032a3abbcbd", "A9"), ("28a9f7e573878837", "A9"), ("40baa6b59312f6c7", "A8")]
    assert set(rule[held]) == {"ambiguous_short"} and entity[held].nunique() == 3
    assert not set(entity[held]) & set(entity[[(s, a) for s, a, *_ in co + capital]])
    assert entity[[(s, a) for s, a, *_ in co]].nunique() == 1
    assert rule["0fecee3bc58b02d3", "A9"] == "short_expansion" and entity["0fecee3bc58b02d3", "A9"] != entity["cd7073aa8002d3cc", "A4"]


def test_a_long_form_named_with_a_legal_form_in_two_stories_is_a_second_sense():
    """As on the 20,000-story run: stories give "Bain" as the alias of Bain Capital and of Bain Capital Partners, which
    carries "LLC" in 2 of its 9 stories, under a quarter, yet two stories naming it with a legal form make it a company,
    not a product of "Bain" (i20k). Before, "Bain" had one sense, its own company Bain & Co. ("& Co." a legal form), and
    the ten bare "Bain" of Bain Capital's private-equity stories keyed with Bain & Co. Now neither sense holds three
    quarters of the stories: a bare "Bain" stays in its story."""
    co = [(s, "A4", "Bain & Co.", ["Bain"] if i == 0 else []) for i, s in enumerate(["51a3e53ab154a721", "c0504dd81c9dba16", "cd7073aa8002d3cc"])]
    capital = [(s, "A5", "Bain Capital", ["Bain"]) for s in ["05cea0f20b82f96c", "3731f8a78b92d289", "415d01d79764b8fa", "5ae3d67f4234bb3d", "1f0e2d3c4b5a6978"]]
    partners = ["30302884d312a4c1", "06ac12476ff443df", "7b1e0d2a9c4f3e11", "8a9b0c1d2e3f4a5b", "2b3c4d5e6f708192", "3c4d5e6f70819203", "4d5e6f7081920314"]
    capital += [(s, "A3", "Bain Capital Partners", ["Bain"] if i < 3 else []) for i, s in enumerate(partners)]
    capital += [(s, "A3", "Bain Capital Partners LLC", ["Bain"]) for s in ["36cb6eb4058ce0ea", "9d2c4b7e1f0a6b35"]]
    bare = [(s, "A9", "Bain", []) for s in ["0690b032a3abbcbd", "28a9f7e573878837", "40baa6b59312f6c7"]]
    linked = _link([row + ("USA",) for row in co + capital + bare]).set_index(["story_id", "actor_id"])
    entity, rule = linked["entity_id"], linked["link_rule"]
    held = [(s, a) for s, a, *_ in bare]
    assert set(rule[held]) == {"ambiguous_short"} and entity[held].nunique() == 3
    assert not set(entity[held]) & set(entity[[(s, a) for s, a, *_ in co + capital]])
    assert entity[[(s, a) for s, a, *_ in co]].nunique() == 1


def test_a_long_form_built_on_a_short_name_with_no_ticker_is_no_second_actor():
    """"Chrysler Aspen", a car two stories give "Chrysler" as its alias, names no other company: "Chrysler" keeps
    linking across stories (i20h's short-name rule split it into single-story entities)."""
    group = [(s, a, "Chrysler Group", ["Chrysler"], "USA") for s, a in [
        ("002da6ffe17a02be", "A1"), ("02f245edb802c4bb", "A1"), ("03682dc3643ca22d", "A3"), ("097393eb692c8549", "A4")]]
    aspen = [("3806b64a3f31f56c", "A2", "Chrysler Aspen", ["Chrysler"], "USA"), ("947e851745f4a4b1", "A2", "Chrysler Aspen", ["Chrysler"], "USA")]
    bare = [(s, a, "Chrysler", [], "USA") for s, a in [("031834a49d3f118f", "A2"), ("047540b43925c092", "A1"), ("3806b64a3f31f56c", "A9")]]
    linked = _link(group + aspen + bare)
    chrysler = linked[linked["name"].isin(["Chrysler", "Chrysler Group"])]
    assert chrysler["entity_id"].nunique() == 1 and not set(linked["link_rule"]) & {"ambiguous_short", "short_expansion"}
    assert linked[linked["name"] == "Chrysler Aspen"]["entity_id"].nunique() == 1


def test_a_long_form_of_another_sense_does_not_go_into_the_short_name():
    """Continental AG (CONG.DE) keys as "Continental"; stories expand "Continental" to Continental Airlines (CAL.N)
    as well. The airline's names stay its own entity, a bare "Continental" carrying CONG.DE is the German company, one
    carrying CAL.N or in a story naming the airline is the airline."""
    ag = [("09c15b7d952f1dc5", "A5", "Continental", [], "DEU", None, None, "CONG.DE"), ("e1ece64c11ae4c51", "A17", "Continental", ["Germany's Continental"], "DEU", None, None, "CONG.DE"),
          ("d0f04ddb73246b6b", "A13", "Continental AG", ["Continental"], "DEU"), ("d4829d91aae91c46", "A13", "Continental AG", ["Continental"], "DEU")]
    airline = [(s, a, name, ["Continental"], "USA", None, None, "CAL.N") for s, a, name in [
        ("17c1c5f82b398070", "A2", "Continental Airlines"), ("3bf3dddbc0b2e632", "A10", "Continental Airlines"),
        ("5c1a80e8df65053c", "A1", "Continental Airlines"), ("05539ea066a14175", "A2", "Continental Airlines Inc."),
        ("2003dfd9b6d0c969", "A1", "Continental Airlines Inc.")]]
    bare = [("17c1c5f82b398070", "A9", "Continental", [], "USA"), ("1dbabc16aca07c39", "A2", "Continental", [], "USA", None, None, "CAL.N")]
    linked = _link(ag + airline + bare).set_index(["story_id", "actor_id"])
    entity = linked["entity_id"]
    assert entity[[(s, a) for s, a, *_ in ag]].nunique() == 1 and entity[[(s, a) for s, a, *_ in airline]].nunique() == 1
    assert entity["17c1c5f82b398070", "A9"] == entity["1dbabc16aca07c39", "A2"] == entity["17c1c5f82b398070", "A2"] != entity["09c15b7d952f1dc5", "A5"]
