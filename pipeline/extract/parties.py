"""National political parties (issue 18, session 11, i18m): rule ``party_country``.

A party belongs to one nation, but its name often does not say which ("Social Democrats",
"Greens", "CDU"), and the archive miner leaves such names out (they are not firms). The names
and the countries that have a party so named are data: ``models/gazetteer/national_parties.json``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..gazetteer import normalize_name
from ..resources import load_json

if TYPE_CHECKING:
    from .actors import Actor


@lru_cache(maxsize=1)
def _parties() -> dict[str, tuple[str, ...]]:
    """Normalised party name -> the countries that have a party so named."""
    table = load_json("gazetteer/national_parties.json")["parties"]
    return {normalize_name(name): tuple(isos) for name, isos in table.items()}


def party_countries(name: str) -> tuple[str, ...]:
    """The countries with a party named ``name`` ("the Greens" as "Greens"); empty when it is none."""
    return _parties().get(normalize_name(name), ())


def is_party(name: str) -> bool:
    return bool(party_countries(name))


def party_country(names: tuple[str, ...], home: str | None, story_countries: set[str]) -> tuple[str | None, str]:
    """Rule party_country: (ISO3, evidence) for a party named by one of ``names``. A name one
    country's party carries gives that country ("knowledge"); a shared name the single-country
    dateline's country when it is among them ("dateline": "Social Democrats" in a BERLIN story),
    else the story's one country among them ("story"); otherwise none: a wrong code is worse."""
    for name in names:
        isos = party_countries(name)
        if not isos:
            continue
        if len(isos) == 1:
            return isos[0], "knowledge"
        if home in isos:
            return home, "dateline"
        among = story_countries & set(isos)
        return (among.pop(), "story") if len(among) == 1 else (None, "")
    return None, ""


def give_party_affiliations(doc: Doc, actors: list[Actor]) -> None:
    """Rule possessive_party: "Merkel's CDU" names the party a person belongs to, which becomes
    their affiliation when the story gave them none (a person's party is where they work in
    politics; their country then follows from the party's)."""
    person_at = {i: a for a in actors if a.kind == "person" for s, e in a.mentions for i in range(s, e)}
    if not person_at:
        return
    for org in actors:
        if org.kind != "organization" or not any(is_party(n) for n in (org.name, *org.aliases)):
            continue
        for s, _ in org.mentions:
            person = person_at.get(s - 2) if s >= 2 and doc[s - 1].tag_ == "POS" else None
            if person is not None and person.affiliation is None:
                person.affiliation, person.affiliation_rule = org.name, "possessive_party"
