"""Legal forms' countries (evidence ``legal_form`` of :mod:`.actor_countries`): a legal suffix that
belongs to one country ("Pcl" Thailand, "OAO" Russia), or to several of which exactly one is a
country of the story ("GmbH" in a story about Germany). Suffixes come from ``cleanco`` and the
``legal_form_countries`` table of ``models/lexicons/organizations.json``."""

from __future__ import annotations

from functools import lru_cache

from cleanco import countrysources

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, word_set


@lru_cache(maxsize=1)
def _legal_form_table() -> dict[str, tuple[str, ...]]:
    table = load_json("lexicons/organizations.json")["legal_form_countries"]
    return {form: tuple(isos) if isinstance(isos, list) else (isos,) for form, isos in table.items() if not form.startswith("_")}


@lru_cache(maxsize=1)
def _cleanco_forms() -> dict[str, frozenset[str]]:
    """cleanco's legal terms (lower case, its own spelling) -> ISO3 of the countries it lists for them."""
    gaz = gazetteer()
    forms: dict[str, set[str]] = {}
    for country, term in countrysources():
        place = gaz.country_named(country)
        if place is not None and place.country:
            forms.setdefault(term.lower(), set()).add(place.country)
    return {term: frozenset(isos) for term, isos in forms.items()}


def legal_form_country(name: str, story_countries: set[str]) -> str | None:
    """The country a legal suffix points to: its only one, or its only one among the story's."""
    words = normalize_name(name).split()
    if len(words) < 2 or words[-1] in word_set("lexicons/organizations.json", "legal_forms_worldwide"):
        return None
    candidates = set(_legal_form_table().get(words[-1], ()))
    if not candidates:
        # cleanco only where it names a single country: it gives "Ltd" six and "Corp" two.
        named = next((_cleanco_forms()[t] for n in (3, 2, 1) if (t := " ".join(words[-n:])) in _cleanco_forms()), frozenset())
        return next(iter(named)) if len(named) == 1 else None
    if len(candidates) == 1:
        return candidates.pop()
    in_story = candidates & story_countries
    return in_story.pop() if len(in_story) == 1 else None
