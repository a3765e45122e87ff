"""An organisation's country from the place in the description after its name (issue 18, round 12):
"Hamilton Place Strategies, a Washington policy advisory firm" (rule described_place)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import gazetteer
from ..resources import word_set
from .entities import EntityMention


def org_country_described(doc: Doc, e: int, entity_at: dict[int, EntityMention]) -> str | None:
    """Country from a place in the description after the name (rule described_place):
    "Hamilton Place Strategies, a Washington policy advisory firm"; the description must end in a
    firm noun, so "Apple, a Cupertino favourite" or a list of firms gives nothing."""
    if e + 2 >= len(doc) or doc[e].text != "," or doc[e + 1].lower_ not in ("a", "an"):
        return None
    k, country = e + 2, None
    while k < min(e + 9, len(doc)):
        ent = entity_at.get(k)
        if ent is not None and ent.start == k and ent.label == "GPE" and country is None:
            place = gazetteer().lookup(ent.text)
            country = ent.country if ent.qualifier else (place.country if place is not None else None)
            k = ent.end
            continue
        tok = doc[k]
        if not (tok.is_lower or tok.text == "-"):
            break
        if tok.lower_ in word_set("lexicons/organizations.json", "firm_nouns"):
            return country
        k += 1
    return None
