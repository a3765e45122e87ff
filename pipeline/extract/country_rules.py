"""Country rules added from round 13 (issue 18, session 10): small tests the evidence order of
:mod:`.actor_countries` calls, each named, their words in ``models/lexicons``.

* ``international_unit``: "ECB Governing Council", "UN Security Council": an international body's
  name followed by a unit head is the body's own unit, no country's.
* ``title_before_comma``: "Venezuela's Ambassador to Britain, Samuel Moncada, said": a title
  before a name set off by commas is read as a title right before the name is (its country
  word too: the sending country of an ambassador, never the one after "to").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import normalize_name
from ..resources import word_set
from .entities import EntityMention

_SENT_TO = frozenset({"to"})  # "Ambassador to Britain", "envoy to China": the host country, not the person's


def international_unit(name: str, bodies: frozenset[str]) -> bool:
    """Rule international_unit: an international body (``bodies``, normalised) that opens the
    name, and a unit head (``international_unit_heads``) that ends it."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in word_set("lexicons/organizations.json", "international_unit_heads"):
        return False
    return any(normalize_name(" ".join(words[:k])) in bodies for k in range(1, len(words)))


def comma_title_start(doc: Doc, start: int, end: int, entity_at: dict[int, EntityMention]) -> int | None:
    """Rule title_before_comma: where the title of "Venezuela's Ambassador to Britain, Samuel
    Moncada, said" would end if the name stood right after it: the name between two commas, and
    before the first comma a title, less a place it is sent "to" (the office's country is the
    one before the title, never the one after "to"). None when the shape is not there."""
    if start < 3 or end >= len(doc) or doc[start - 1].text != "," or doc[end].text != ",":
        return None
    j = start - 2  # the last word before the comma
    place = entity_at.get(j)
    if place is not None and place.label in ("GPE", "LOC") and place.start >= 2 and doc[place.start - 1].lower_ in _SENT_TO:
        j = place.start - 2
    return j + 1
