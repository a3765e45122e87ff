"""Issue 20, session 10 (i20n): ``person_employer``, a name ``person_field`` splits whose other mentions name several
employers (:mod:`pipeline.link.employers`), on actor rows of the 30,000-story run (story and actor ids as the run gave
them; ``link_actors`` with the real lexicons)."""

from __future__ import annotations

from pipeline.link.employers import _employer_of, _grouped

from .test_link import _link

_MILLER = [  # seed 29's "David Miller": analysts at Sanders Morris Harris and Caris, a farm bureau's director, Lenovo's president
    ("ed37bdce2ddf20df", "A9", "David Miller", [], None, "analyst", "Sanders Morris Harris"),
    ("5fa7c3321b6857f7", "A4", "David Miller", [], None, "analyst", "Sanders Morris Harris"),
    ("198a5f4a7beaa069", "A5", "David Miller", [], None, "analyst", "Caris & Company"),
    ("fc25ab9da5c71558", "A1", "David Miller", [], "USA", "director", "Iowa Farm Bureau Federation"),
    ("d49e5fb8ee4b0807", "A3", "David Miller", [], None, None, "Sanders Morris Harris"),
    ("e48c1c3934d2c201", "A4", "David Miller", [], None, None, "Caris & Co"),
    ("9bdc0419f5edbf22", "A4", "David Miller", [], None, "president", None),
]


def test_an_untitled_mention_at_the_analysts_employer_is_the_analyst():
    """"David Miller of Sanders Morris Harris" and "Caris & Co's David Miller" (no title read) had joined the farm
    bureau's director and Lenovo's president under the bare name: they join the analyst (``person_employer``)."""
    linked = _link(_MILLER, kind="person")
    entity = dict(zip(linked["story_id"], linked["entity_id"]))
    rule = dict(zip(linked["story_id"], linked["link_rule"]))
    assert entity["d49e5fb8ee4b0807"] == entity["e48c1c3934d2c201"] == entity["ed37bdce2ddf20df"]
    assert rule["d49e5fb8ee4b0807"] == rule["e48c1c3934d2c201"] == "person_employer"
    assert entity["fc25ab9da5c71558"] != entity["ed37bdce2ddf20df"]


def test_the_bare_name_at_several_employers_keys_by_employer():
    """"John Taylor": Arcadia's analyst (``person_field``), and under the bare name the head of the National Community
    Reinvestment Coalition, FX Concepts' chief executive and a welder at Continental: one person per employer; the
    analyst's entity keeps its three stories."""
    linked = _link([
        ("759b8b138fc0abea", "A3", "John Taylor", [], None, "analyst", "Arcadia Investment Corp."),
        ("ff5002a19548e79e", "A19", "John Taylor", [], None, "analyst", "Arcadia Investment Corp."),
        ("e6303fcc15f54de5", "A17", "John Taylor", [], None, "analyst", "Arcadia Investment Corp."),
        ("f18a3e463d98abe2", "A3", "John Taylor", [], None, None, "Continental"),
        ("4a2ace27dd02c1b8", "A16", "John Taylor", [], None, "chairman and chief executive officer", "FX Concepts Inc"),
        ("95ec93ac2c13c8ba", "A3", "John Taylor", [], None, "chief executive officer", "FX Concepts Inc."),
        ("a9e4b59c935903d9", "A12", "John Taylor", [], None, "president and chief executive officer",
         "National Community Reinvestment Coalition"),
        ("5bc1d59497425b70", "A9", "John Taylor", [], None, None, "National Community Reinvestment Coalition"),
    ], kind="person")
    by_employer = linked.groupby("affiliation")["entity_id"].agg(set)
    fx, ncrc = by_employer["FX Concepts Inc"] | by_employer["FX Concepts Inc."], by_employer["National Community Reinvestment Coalition"]
    assert len(fx) == 1 and len(ncrc) == 1 and fx.isdisjoint(ncrc) and len(by_employer["Arcadia Investment Corp."]) == 1
    assert by_employer["Continental"].isdisjoint(fx | ncrc | by_employer["Arcadia Investment Corp."])
    assert set(linked[linked["affiliation"] != "Arcadia Investment Corp."]["link_rule"]) == {"person_employer"}


def test_one_employer_holding_half_the_stories_is_one_person():
    """U.S. Bancorp's chief executive Richard Davis ("Bancorp" 3 stories, "U.S. Bancorp" 1; the extractor read
    "Wachovia Corp" and "Wells Fargo" for him in stories about them) stays one person with his mentions that read
    no employer, although Needham's analyst Richard Davis splits the name."""
    rows = [("e24a520796dcbb67", "A8", "analyst", "Needham & Co."), ("08146258614d788c", "A8", "analyst", "Needham & Co."),
            ("2f258e3065efc098", "A6", "Chief Executive", "Bancorp"), ("9b37c7ef866681c6", "A3", "Chief Executive", "Bancorp"),
            ("3bce789ef6515751", "A1", "Chief Executive", "Bancorp"), ("ecce03b80152414d", "A6", "Chief Executive", "U.S. Bancorp"),
            ("6fee4471b590ee55", "A11", "Chief Executive", "Wachovia Corp"), ("bfa3cb6ffa0b8cbc", "A19", "Chief Executive", "Wells Fargo"),
            ("b73c36cc534b90e4", "A18", "Chief Executive", None), ("8b88fae3139164f4", "A21", "Chief Executive", None)]
    linked = _link([(s, a, "Richard Davis", [], None, t, e) for s, a, t, e in rows], kind="person")
    ceo = linked[linked["affiliation"] != "Needham & Co."]
    assert ceo["entity_id"].nunique() == 1 and set(ceo["link_rule"]) == {"same_name"}


def test_employers_written_two_ways_are_one_and_a_title_is_none():
    aliases: dict[str, str] = {}
    keys = {_employer_of(a, aliases) for a in ("Ford Motor Co", "Ford", "U.S. Bancorp", "Bancorp", "Matrix Asset Advisors",
                                              "Matrix Asset Management", "ING", "Boeing Support Systems")}
    grouped = _grouped(keys)
    assert grouped["fordmotor"] == grouped["ford"] and grouped["usbancorp"] == grouped["bancorp"]
    assert grouped["matrixassetadvisors"] == grouped["matrixassetmanagement"]
    assert grouped["ing"] != grouped["boeingsupportsystems"]  # "ing" is inside "boeing", not its start or end
    assert _employer_of("Chief Executive", aliases) is None and _employer_of("Financial", aliases) is None
