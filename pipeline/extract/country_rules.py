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

from ..gazetteer import gazetteer, normalize_name
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


def org_country_after(doc: Doc, s: int, e: int, entity_at: dict[int, EntityMention]) -> str | None:
    """Country from a place the parse attaches to the organisation: "BK Asset Management in New York"."""
    if e + 1 >= len(doc) or doc[e].lower_ != "in" or not (s <= doc[e].head.i < e):
        return None
    ent = entity_at.get(e + 1)
    if ent is None or ent.start != e + 1 or ent.label != "GPE":
        return None
    if ent.qualifier and ent.country:  # "in Chatham, New Jersey": the state says which Chatham (not Kent's)
        return ent.country
    place = gazetteer().lookup(ent.text)
    return place.country if place is not None else None


def coordinated_modifier(doc: Doc, k: int) -> bool:
    """Rule coordinated_modifier: words inside the noun phrase before a name that the tagger does
    not call nouns, read through like any modifier: the "and" of two common words ("Brazilian oil
    and gas start-up OGX SA", "Argentina-based oil and gas group Pan American Energy"; never an
    "and" between names: in "Germany's Siemens and Alstom" Alstom is no German firm) and a piece
    of a hyphenated word ("start-up", tagged a verb and a particle)."""
    if k == 0 or k + 1 >= len(doc):
        return False
    if doc[k].lower_ == "and":
        return all(doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower for i in (k - 1, k + 1))
    glued_after = doc[k + 1].text == "-" and not doc[k].whitespace_ and not doc[k + 1].whitespace_
    glued_before = doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and k > 1 and not doc[k - 2].whitespace_
    # "Italian-speaking Ticino" names a language, not Italy ("policy-setting" reads on)
    language = doc[k].tag_ == "VBG" and glued_before and gazetteer().is_demonym(doc[k - 2].text)
    return doc[k].is_lower and not language and (glued_after or glued_before)


def owned_phrase(doc: Doc, end: int, bodies: frozenset[str]) -> bool:
    """Rule owned_phrase: an international body (``bodies``, normalised) owns the body's noun
    phrase, or the phrase it is coordinated with ("The ECB's six-member Executive Board and
    larger Governing Council"): the dateline says nothing of its country. A national owner
    ("the Fed's policy-setting Federal Open Market Committee") leaves the dateline its say."""
    head = doc[end - 1]
    if head.dep_ == "conj":
        head = head.head
    return any(c.dep_ == "poss" and normalize_name(doc[c.left_edge.i : c.i + 1].text.removeprefix("The ").removeprefix("the ")) in bodies for c in head.children)
