"""Affiliations, countries and names of actors (issue 18): rules on fixed parses and on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from spacy.tokens import Doc

import pipeline
import pipeline.extract.actor_countries as actor_countries
import pipeline.extract.affiliations as affiliations
from pipeline.evaluate import norm
from pipeline.extract.entities import EntityMention
from pipeline.gazetteer import gazetteer
from pipeline.nlp import get_nlp

CASES = Path(__file__).parent / "data" / "affiliation_cases.jsonl"


def _agrees(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return norm(gold) in norm(predicted) or norm(predicted) in norm(gold)


def _person(tables: pipeline.Tables, name: str) -> dict:
    rows = [r for r in tables.actors.to_dict("records") if r["kind"] == "person" and (r["name"] == name or name in list(r["aliases"]))]
    assert rows, f"{name} is not a person row: {tables.actors[['name', 'kind']].values.tolist()}"
    return {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in rows[0].items()}


# --- the patterns on a fixed parse: no parser, no recogniser ---------------------------------


def _fixed(words: list[str], pos: list[str], names: list[tuple[int, int, str]]) -> tuple[Doc, list[EntityMention]]:
    doc = Doc(get_nlp().vocab, words=words, pos=pos)
    return doc, [EntityMention(s, e, label, doc[s:e].text) for s, e, label in names]


@pytest.mark.parametrize(
    "words, pos, names, employer, rule",
    [
        (
            ["Foo", "Capital", "analyst", "Jane", "Roe", "said", "."],
            ["PROPN", "PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 2, "ORG"), (3, 5, "PERSON")],
            "Foo Capital",
            "org_title_name",
        ),
        (
            ["said", "Jane", "Roe", ",", "head", "of", "research", "at", "London", "-", "based", "consultancy", "Foo", "Risk", "."],
            ["VERB", "PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT"],
            [(1, 3, "PERSON"), (8, 9, "GPE"), (12, 14, "ORG")],
            "Foo Risk",
            "appos_at+field+based+described",
        ),
        (
            ["Jane", "Roe", ",", "a", "former", "Foo", "official", "now", "at", "Bar", ",", "said", "."],
            ["PROPN", "PROPN", "PUNCT", "DET", "ADJ", "PROPN", "NOUN", "ADV", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"],
            [(0, 2, "PERSON"), (5, 6, "ORG"), (9, 10, "ORG")],
            "Bar",
            "former_now_at",
        ),
        (
            ["Foo", "'s", "chief", "economist", "Jane", "Roe", "said", "."],
            ["PROPN", "PART", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "ORG"), (4, 6, "PERSON")],
            "Foo",
            "org_possessive_title",
        ),
        (  # round 7: the tagger reads "Citi" as an adjective; the knowledge file knows the firm
            ["Citi", "economists", "Johanna", "Chua", "said", "."],
            ["ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(2, 4, "PERSON")],
            "Citi",
            "org_title_name",
        ),
        (  # a title that repeats a body's name leaves the body the employer
            ["U.S.", "Treasury", "Secretary", "Henry", "Paulson", "said", "."],
            ["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "GPE"), (1, 2, "ORG"), (3, 5, "PERSON")],
            "U.S. Treasury",
            "org_title_name",
        ),
        (  # the recogniser took the employer for a person; after "of" the slot is an employer's
            ["Jane", "Roe", ",", "chief", "economist", "of", "Lord", "Abbett", ",", "said", "."],
            ["PROPN", "PROPN", "PUNCT", "ADJ", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"],
            [(0, 2, "PERSON"), (6, 8, "PERSON")],
            "Lord Abbett",
            "appos_at",
        ),
        (  # round 19 (i18o): a comma between the title and "at"
            ["Jane", "Roe", ",", "currency", "strategist", ",", "at", "Foo", "Bank", "in", "London", "has", "recommended", "it", "."],
            ["PROPN", "PROPN", "PUNCT", "NOUN", "NOUN", "PUNCT", "ADP", "PROPN", "PROPN", "ADP", "PROPN", "AUX", "VERB", "PRON", "PUNCT"],
            [(0, 2, "PERSON"), (7, 9, "ORG"), (10, 11, "GPE")],
            "Foo Bank",
            "listed_at",
        ),
        (
            ["blamed", "(", "Foo", "leader", ")", "Jane", "Roe", "."],
            ["VERB", "PUNCT", "PROPN", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT"],
            [(2, 3, "ORG"), (5, 7, "PERSON")],
            "Foo",
            "paren_org_title_name",
        ),
        (
            ["Foo", "Motor", "Europe", "(", "7203.T", ")", "Chief", "Executive", "Jane", "Roe", "warned", "."],
            ["PROPN", "PROPN", "PROPN", "PUNCT", "X", "PUNCT", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "ORG"), (2, 3, "LOC"), (8, 10, "PERSON")],
            "Foo Motor Europe",
            "org_ticker_title_name",
        ),
    ],
)
def test_a_pattern_reads_the_employer_from_a_fixed_parse(words, pos, names, employer, rule):
    doc, mentions = _fixed(words, pos, names)
    person = next(m for m in mentions if m.label == "PERSON")
    found = affiliations.find_affiliations(doc, mentions)[person.start]
    assert (doc[found.start : found.end].text, found.rule) == (employer, rule)


@pytest.mark.parametrize(
    "words, pos, names",
    [
        (
            ["Thai", "Finance", "Minister", "Korn", "Chatikavanij", "said", "."],
            ["ADJ", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "NORP"), (3, 5, "PERSON")],
        ),
        (  # the seed story's "U.S. Secretary of State Rex Tillerson": a title, not an employer
            ["U.S.", "Secretary", "of", "State", "Rex", "Tillerson", "said", "."],
            ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "GPE"), (1, 4, "ORG"), (4, 6, "PERSON")],
        ),
        (  # round 7: "U.S. Trade" is a country and a title's first word, no body
            ["U.S.", "Trade", "Representative", "Ron", "Kirk", "said", "."],
            ["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            [(0, 1, "GPE"), (3, 5, "PERSON")],
        ),
    ],
)
def test_no_pattern_takes_a_title_word_for_an_employer(words, pos, names):
    doc, mentions = _fixed(words, pos, names)
    assert affiliations.find_affiliations(doc, mentions) == {}


# --- end to end: the wire shapes of the issue, then 100 archive sentences --------------------


@pytest.mark.parametrize(
    "text, name, title, affiliation",
    [
        ("said Jane Roe, head of research at London-based consultancy Foo Risk.", "Jane Roe", "head of research", "Foo Risk"),
        ("Foo Capital analyst Jane Roe said prices would rise.", "Jane Roe", "analyst", "Foo Capital"),
        ("Jane Roe of the Bar Institute said prices would rise.", "Jane Roe", None, "Bar Institute"),
        ("Jane Roe, who heads Foo's Asia desk, said prices would rise.", "Jane Roe", None, "Foo"),
        ("Prices will rise, according to Jane Roe, an economist with Foo Bank in Singapore.", "Jane Roe", "economist", "Foo Bank"),
        ("Jane Roe, a former Foo official now at Bar Partners, said prices would rise.", "Jane Roe", None, "Bar Partners"),
        ("Foo Capital's Jane Roe said prices would rise.", "Jane Roe", None, "Foo Capital"),
        ('"It is a buy," said Jane Roe, a spokeswoman, at Monday\'s briefing.', "Jane Roe", "spokeswoman", None),
    ],
)
def test_the_wire_shapes_give_name_title_and_affiliation(text, name, title, affiliation):
    row = _person(pipeline.extract(text), name)
    assert _agrees(affiliation, row["affiliation"]), row
    if title is not None:
        assert _agrees(title, row["title"]), row


@pytest.mark.parametrize(
    "text, name, affiliation",
    [  # sentences of actor round 9 (tests/fixtures/actors-*-r9), whose employers the build missed or got wrong
        (
            "Geithner began his trip on Tuesday with meeting with the president of the ECB, Mario Draghi, in Frankfurt "
            "and the head of Germany's Bundesbank, Jens Weidmann.",
            "Mario Draghi",
            "European Central Bank",
        ),
        (
            "Geithner began his trip on Tuesday with meeting with the president of the ECB, Mario Draghi, in Frankfurt "
            "and the head of Germany's Bundesbank, Jens Weidmann.",
            "Jens Weidmann",
            "Bundesbank",
        ),
        ("Treasury Secretary Timothy Geithner said on Tuesday the International Monetary Fund has an important role to play.", "Timothy Geithner", "Treasury"),
        (
            '"They\'re going to struggle until this alliance with Fiat matures," AutoNation Inc Chief Executive Mike Jackson told Reuters.',
            "Mike Jackson",
            "AutoNation Inc",
        ),
        (
            "Damon Silvers, associate general counsel for the AFL-CIO, the country's largest labor federation, said the Fed's "
            "role as central banker demands it keep its distance from politics.",
            "Damon Silvers",
            "AFL-CIO",
        ),
        (
            "A March 12 hearing was scheduled for Madoff to appear in court, said a clerk for Judge Denny Chin in U.S. District Court in Manhattan.",
            "Denny Chin",
            "U.S. District Court",
        ),
        ("said UCLA political scientist Michael Ross.", "Michael Ross", "UCLA"),
        (
            'Yao Jian, a Commerce Ministry spokesman, told reporters in June that overseas acquisitions by Chinese firms were "rational".',
            "Yao Jian",
            "Commerce Ministry",
        ),
    ],
)
def test_round_9_shapes_give_the_employer(text, name, affiliation):
    assert _agrees(affiliation, _person(pipeline.extract(text), name)["affiliation"])


def test_a_surname_before_a_who_clause_takes_the_first_of_both_employers():
    """Round 9: only full names were matched, and "of both Chrysler and Fiat SpA" is two employers."""
    tables = pipeline.extract(
        "Sergio Marchionne said the worst is behind Chrysler. \"We've been given a second chance,\" Marchionne, who is "
        "chief executive of both Chrysler and Fiat SpA, told reporters."
    )
    assert _person(tables, "Sergio Marchionne")["affiliation"] == "Chrysler"


def test_a_title_s_modifier_is_no_employer_and_an_officer_works_for_the_story_company():
    """Round 9: "Deputy" in "Alitalia shareholder and Deputy Chairman Salvatore Mancuso", "Group
    Finance" in "Group Finance Director Leslie Chang"; "CITIC Pacific", which the recogniser cuts
    into "CITIC" and the ocean, is the story's company its officers work for."""
    text = (
        "HONG KONG (Reuters) - CITIC Pacific warned of losses. CITIC Pacific plans a major provision, Chairman Larry Yung "
        "told reporters. CITIC Pacific has a market value of around $4.1 billion, and its shares have fallen. Group Finance "
        "Director Leslie Chang had resigned as of Monday. Financial controller Chi Yin Chau, who also resigned, had failed to "
        "exercise oversight, it added. Parent CITIC Group agreed to arrange a standby loan. CITIC Pacific shares were suspended."
    )
    tables = pipeline.extract(text)
    assert "CITIC Pacific" in tables.actors["name"].tolist()
    assert not {"Group Finance", "CITIC", "Pacific"} & set(tables.actors["name"])
    for name in ("Larry Yung", "Leslie Chang", "Chi Yin Chau"):
        assert _person(tables, name)["affiliation"] == "CITIC Pacific", name
    assert _person(tables, "Leslie Chang")["title"] == "Group Finance Director"
    alitalia = pipeline.extract(
        "ROME (Reuters) - Alitalia needs cash. Alitalia's board met on Monday. Alitalia shareholder and Deputy Chairman "
        "Salvatore Mancuso was quoted on Monday saying he was not in favor of a takeover. Alitalia employs 14,000 people."
    )
    assert "Deputy" not in set(alitalia.actors["name"])
    assert _person(alitalia, "Salvatore Mancuso")["affiliation"] == "Alitalia"


def test_a_spokesperson_speaks_for_the_one_organisation_of_the_sentence():
    """Development stories: "said spokesman Dan Pfeiffer" after "The White House welcomed ...", with
    Congress only inside the quotation; "company spokesman Chris Bona" with Baxter only in his quote;
    two organisations in the sentence give none."""
    pfeiffer = pipeline.extract(
        "The White House welcomed the new funding measure. \"If Congress has a better idea that ensures that everyone "
        "pays their fair share, we're open to it,\" said spokesman Dan Pfeiffer."
    )
    assert _person(pfeiffer, "Dan Pfeiffer")["affiliation"] == "White House"
    bona = pipeline.extract('"At this point, it\'s too soon to say" what role, if any, Baxter might play, company spokesman Chris Bona said.')
    assert _person(bona, "Chris Bona")["affiliation"] == "Baxter"
    two = pipeline.extract("Ford and Toyota both raised prices on Monday, said spokesman Dan Pfeiffer.")
    assert _person(two, "Dan Pfeiffer")["affiliation"] is None
    own_words = pipeline.extract(  # 2,000-story sample: his employer is in his own words, lower case
        "The SonntagsZeitung newspaper cited a banking source. Mario Tuor, a spokesman for the Swiss department for "
        "international financial affairs, would only say that talks are underway."
    )
    assert _person(own_words, "Mario Tuor")["affiliation"] is None


def test_a_title_that_begins_with_a_policy_area_names_no_organisation():
    """Round 7: "U.S. Trade Representative Ron Kirk" and "Vice Premier Wang Qishan" made actors
    "U.S. Trade" and "Vice" and took them for employers."""
    tables = pipeline.extract(
        "A Chinese delegation led by Vice Premier Wang Qishan will be in Washington on Tuesday for talks with U.S. "
        "Trade Representative Ron Kirk, acting U.S. Commerce Secretary Rebecca Blank and U.S. Agriculture Secretary Tom Vilsack."
    )
    rows = tables.actors[["name", "kind", "title", "affiliation"]].astype(object).where(tables.actors.notna(), None)
    assert rows.values.tolist() == [
        ["Wang Qishan", "person", "Vice Premier", None],
        ["Ron Kirk", "person", "Trade Representative", None],
        ["Rebecca Blank", "person", "Commerce Secretary", None],
        ["Tom Vilsack", "person", "Agriculture Secretary", None],
    ]


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ('"We are fishing in the fog," said Heinz-Gerd Sonnenschein, equities strategist at Germany\'s Postbank.', "Heinz-Gerd Sonnenschein", "person"),
        ("The European Commission, the EU's executive, accused Chinese firms of selling solar panels below cost.", "European Commission", "organization"),
        (  # the claims identity check: a plural title before one name is a firm only for experts' titles
            "Senators Maria Cantwell of Washington state, Democratic chair of the subcommittee, and New Hampshire's Kelly "
            "Ayotte, the top Republican, worried about the loss of service to smaller cities.",
            "Maria Cantwell",
            "person",
        ),
    ],
)
def test_an_organisation_before_a_title_and_its_employer_is_a_person_only_if_named_like_one(text, name, kind):
    rows = pipeline.extract(text).actors
    assert rows[rows["name"] == name]["kind"].tolist() == [kind]


def test_an_executive_without_a_named_employer_works_for_the_story_company():
    """Round 7: "Chief Executive Jean-Francois Henin said" in a story about Maurel & Prom; the
    company must be named at least three times and clearly more than any other."""
    text = (
        "French oil group Maurel & Prom is considering a London listing. Maurel & Prom is the only player of its size "
        'in the upstream in Paris. "It\'s true that our listing in Paris is a handicap," Chief Executive Jean-Francois '
        "Henin said. Maurel & Prom shares rose 2 percent. Its partner Total declined to comment."
    )
    henin = _person(pipeline.extract(text), "Jean-Francois Henin")
    assert (henin["affiliation"], henin["affiliation_rule"], henin["country"]) == ("Maurel & Prom", "story_company", "FRA")
    two_firms = text.replace("Its partner Total declined to comment.", "Royal Dutch Shell will sell assets. Shell shares fell. Shell declined to comment.")
    assert _person(pipeline.extract(two_firms), "Jean-Francois Henin")["affiliation"] is None


def test_archive_sentences_give_the_annotated_affiliation():
    """100 archive sentences of ten shapes, annotated from the sentence alone (76 right at the
    patterns' first run, 94 since; the floor keeps that)."""
    cases = [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]
    wrong = []
    for case in cases:
        tables = pipeline.extract(case["text"])
        rows = [r for r in tables.actors.to_dict("records") if r["kind"] == "person" and case["name"] in (r["name"], *r["aliases"])]
        predicted = rows[0]["affiliation"] if rows else None
        predicted = None if isinstance(predicted, float) else predicted
        if not rows or not _agrees(case["affiliation"], predicted):
            wrong.append((case["shape"], case["name"], case["affiliation"], predicted))
    assert len(cases) == 100
    assert len(wrong) <= 7, wrong


# --- countries from evidence ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name, country, source",
    [
        ("Russia's Gazprom raised prices on Monday.", "Gazprom", "RUS", "story"),
        ("Shares of Siam Cement Pcl rose 3 percent.", "Siam Cement Pcl", "THA", "legal_form"),
        ("The Bank of Japan kept rates on hold.", "Bank of Japan", "JPN", "name"),
        ("The Federal Reserve kept rates on hold, the New York Times reported.", "Federal Reserve", "USA", "knowledge"),
        ("The New York Times reported the deal.", "New York Times", "USA", "name"),  # New York, not York, England
        ("Shares of Toyota Motor Corp fell in Tokyo and New York.", "Toyota Motor Corp", None, None),  # Corp is no country's
        (  # round 9: the city after "of" beats the office's city (it had given USA)
            '"This isn\'t part of the exit strategy," said Chris Rupkey, an economist for Bank of Tokyo/Mitsubishi UFJ in New York.',
            "Bank of Tokyo/Mitsubishi UFJ",
            "JPN",
            "name",
        ),
        (  # round 9: a university beside another country takes no dateline (it had given GBR)
            'LONDON (Reuters) - Confidence fell. "Risk is re-evaluated across an investment community centered on U.S. '
            'institutional investors," said Harvard University Professor Ken Froot.',
            "Harvard University",
            None,
            None,
        ),
        (
            'LONDON (Reuters) - Confidence fell. "Risk is being re-evaluated," said Imperial College Professor Ken Froot.',
            "Imperial College",
            "GBR",
            "dateline",
        ),
    ],
)
def test_an_organisation_gets_its_country_from_evidence_only(text, name, country, source):
    rows = {r["name"]: r for r in pipeline.extract(text).actors.to_dict("records")}
    row = rows[name]
    got = None if pd.isna(row["country"]) else row["country"]
    if country is None and got is not None:
        assert row["country_source"] == "knowledge", row  # the archive may know it; no guess from the name
        return
    assert (got, row["country_source"] if got else None) == (country, source)


@pytest.mark.parametrize(
    "name, country",
    [
        ("Lufthansa Cargo", "DEU"),  # round 7
        ("GE Energy", "USA"),
        ("Wachovia Capital Markets", "USA"),
        ("HSBC Bank Brasil", None),  # a unit abroad says where it is, not its parent
        ("Goldman Sachs Asia", None),
    ],
)
def test_a_unit_named_after_its_known_parent_takes_the_parent_country(name, country):
    assert actor_countries.parent_country(name) == country


def test_a_party_s_members_take_the_dateline_country_and_a_nationality_its_own():
    """Round 7: "Senate Democrats", "Republicans" in a Washington story had no country."""
    tables = pipeline.extract(
        "WASHINGTON (Reuters) - Senate Democrats on Wednesday proposed a tax on millionaires. Republicans rejected "
        "the plan, and Democrats said they would press on."
    )
    groups = tables.actors[tables.actors["kind"] == "group"]
    assert groups[["name", "country", "country_source"]].values.tolist() == [["Democrats", "USA", "dateline"], ["Republicans", "USA", "dateline"]]
    assert actor_countries._group_evidence("Greeks", None) == ("GRC", "name")
    assert actor_countries._group_evidence("Democrats", None) == (None, None)  # no dateline, no guess


def test_a_person_takes_the_country_of_the_employer():
    tables = pipeline.extract("Jane Roe, an analyst at Russia's Gazprom, said prices would rise.")
    assert _person(tables, "Jane Roe")["country"] == "RUS"


def test_a_legal_form_of_several_countries_needs_one_of_them_in_the_story():
    assert actor_countries.legal_form_country("Foo GmbH", {"DEU", "FRA"}) == "DEU"
    assert actor_countries.legal_form_country("Foo GmbH", {"FRA"}) is None
    assert actor_countries.legal_form_country("Foo Inc", {"USA"}) is None


# --- names: tickers, headings, short forms -------------------------------------------------


def test_a_ticker_is_cut_from_the_name_into_its_column():
    row = next(r for r in pipeline.extract("Merrill Lynch & Co Inc MER.N said it would cut jobs.").actors.to_dict("records") if r["kind"] == "organization")
    assert (row["name"], row["ticker"]) == ("Merrill Lynch & Co Inc", "MER.N")


def test_a_firm_named_after_its_founder_is_one_organisation():
    """Round 9: the recogniser cut "Bernard L. Madoff Investment Securities LLC" into a "person" and
    "Securities LLC"; a legal form after a person's name makes them one firm."""
    rows = pipeline.extract(
        "Madoff, 70, is charged with securities fraud. Irving Picard, the trustee liquidating Bernard L. Madoff "
        "Investment Securities LLC, has found about $1 billion in assets."
    ).actors
    assert "Bernard L. Madoff Investment Securities LLC" in rows[rows["kind"] == "organization"]["name"].tolist()
    assert "Securities LLC" not in rows["name"].tolist()


def test_an_all_capitals_subhead_is_no_actor():
    tables = pipeline.extract("Gold rose. BUY THE RUMOR, SELL THE NEWS? Investors fled. 'LIQUIDITY SUPPORT' EYED The IMF met.")
    assert set(tables.actors["name"]) == {"International Monetary Fund"}


def test_short_names_and_acronyms_join_the_full_name():
    tables = pipeline.extract("GM said it would sell Hummer. General Motors Corp had tried before. The BOJ held rates, the Bank of Japan said.")
    names = {r["name"]: set(r["aliases"]) for r in tables.actors.to_dict("records")}
    assert "GM" in names["General Motors Corp"] and "BOJ" in names["Bank of Japan"]
    assert "GM" not in names and "BOJ" not in names


# --- geocoding: the populous and story-consistent reading ---------------------------------


@pytest.mark.parametrize(
    "name, story_countries, country",
    [
        ("Frankfurt", ("USA",), "DEU"),  # never Frankfort, Kentucky
        ("Birmingham", ("USA",), "GBR"),  # Alabama's is under a quarter of England's
        ("Manchester", ("USA",), "GBR"),  # not Richmond, which has it as an alternate name
        ("Sydney", ("USA", "CAN"), "AUS"),
        ("Cambridge", ("USA",), "USA"),  # Massachusetts' is comparable: the story decides
        ("Valencia", ("ESP",), "ESP"),
    ],
)
def test_an_ambiguous_place_name_takes_the_populous_or_story_consistent_reading(name, story_countries, country):
    assert gazetteer().lookup(name, story_countries).country == country


def test_frankfurt_in_an_american_story_is_in_germany():
    tables = pipeline.extract("NEW YORK (Reuters) - U.S. stocks fell on Monday as traders in Frankfurt and London sold banks.")
    frankfurt = tables.places[tables.places["text"] == "Frankfurt"].to_dict("records")
    assert frankfurt and frankfurt[0]["country"] == "DEU"


# --- round 10's shapes (held out, scored once on 3d9a438; docs/actors.md) ----------------------


@pytest.mark.parametrize(
    "text, name, affiliation",
    [
        (  # the title and its employer before the name, in apposition
            "That report quoted a top Deutsche Bank trader, Greg Lippmann, as repeatedly warning colleagues about "
            "the poor quality of residential mortgage securities.",
            "Greg Lippmann",
            "Deutsche Bank",
        ),
        (  # "a spokesperson for News Corp, Teri Everett,"
            '"The Post is not known for its aggressive coverage." A spokesperson for News Corp, Teri Everett, did not '
            "return a query seeking comment.",
            "Teri Everett",
            "News Corp",
        ),
        (  # the title goes on after "and"
            "Mike Lazaridis, a RIM founder and its corporate technology guru, came out swinging as the story gathered steam.",
            "Mike Lazaridis",
            "RIM",
        ),
        (  # a firm's national unit in the possessive: the unit is the employer, the title follows
            '"And that\'s never publicized," said Duncan Stewart, Deloitte Canada\'s director of research on technology, '
            "media and telecommunications.",
            "Duncan Stewart",
            "Deloitte Canada",
        ),
        (  # a who-clause whose title's employer is described first, then named in apposition
            "BlackBerry user Robert McFarlane, who is chief financial officer of Canada's No. 2 phone company, Telus Corp, "
            'said countries that ban the service risk becoming a business "backwater."',
            "Robert McFarlane",
            "Telus Corp",
        ),
    ],
)
def test_round_10_shapes_give_the_employer(text, name, affiliation):
    assert _person(pipeline.extract(text), name)["affiliation"] == affiliation


def test_a_national_unit_s_possessive_leaves_the_title_its_field():
    text = (
        '"And that\'s never publicized," said Duncan Stewart, Deloitte Canada\'s director of research on technology, '
        "media and telecommunications."
    )
    stewart = _person(pipeline.extract(text), "Duncan Stewart")
    assert (stewart["title"], stewart["country"], stewart["country_source"]) == ("director of research", "CAN", "affiliation")


def test_a_short_form_the_story_expands_is_given_by_the_full_name():
    """Round 10: "GM spokeswoman" in a story that names General Motors first; the table gave "GM"."""
    text = (
        "DETROIT (Reuters) - General Motors has had talks with smaller rival Chrysler LLC about a merger. GM declined "
        'to comment. "GM officials routinely discuss issues of mutual interest with other automakers," said GM '
        "spokeswoman Renee Rashid-Merem."
    )
    tables = pipeline.extract(text)
    assert _person(tables, "Renee Rashid-Merem")["affiliation"] == "General Motors"
    alone = 'DETROIT (Reuters) - "We routinely discuss issues," said GM spokeswoman Renee Rashid-Merem.'
    assert _person(pipeline.extract(alone), "Renee Rashid-Merem")["affiliation"] == "GM"  # nothing to expand it to


def test_a_shape_with_the_title_beside_the_employer_gives_the_title_too():
    """Round 10: the patterns read Lippmann's and Everett's employers, but no title reader saw theirs."""
    text = (
        "That report quoted a top Deutsche Bank trader, Greg Lippmann, as warning colleagues. A spokesperson for "
        "News Corp, Teri Everett, did not return a query seeking comment."
    )
    tables = pipeline.extract(text)
    assert _person(tables, "Greg Lippmann")["title"] == "trader"
    assert _person(tables, "Teri Everett")["title"] == "spokesperson"
