"""Named-entity mentions, cleaned of the errors the small model makes on wire copy.

The statistical NER of ``en_core_web_sm`` is good but not on wire text: it
tags datelines ("SEOUL/VLADIVOSTOK") and headings ("LOYAL PARTNER") as
organisations, splits "Australia National University" into a country and an
organisation, calls Vladivostok a person and a surname an organisation.
:func:`entity_mentions` applies general repairs (no story-specific rules) and
returns one :class:`EntityMention` per cleaned span: the input of the actors
and places extractors.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..gazetteer import gazetteer, normalize_name
from ..resources import load_json, word_set
from .context import DocContext

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_TRIM_LEFT = frozenset({"the", "The", "a", "an", "'s", "’s"})


@dataclass
class EntityMention:
    start: int  # token offsets in the doc, end exclusive
    end: int
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    text: str

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def _org_heads() -> frozenset[str]:
    return word_set("lexicons/organizations.json", "heads")


def _not_actor_names() -> frozenset[str]:
    return frozenset(normalize_name(n) for n in load_json("gazetteer/organizations.json")["not_actors"])


def entity_mentions(ctx: DocContext) -> list[EntityMention]:
    """Cleaned entity mentions in document order (prose and dateline paragraphs only)."""
    doc = ctx.doc
    gaz = gazetteer()
    byline = {normalize_name(n) for n in ctx.byline}
    not_actors = _not_actor_names()
    raw: list[EntityMention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        if not ctx.is_prose(ent.start) and not ctx.in_dateline(ent.start):
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].text in _TRIM_LEFT or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")):
            end -= 1
        if end <= start:
            continue
        text = doc[start:end].text
        key = normalize_name(text)
        if key in byline or key in not_actors:
            continue
        raw.append(EntityMention(start, end, ent.label_, text))
    mentions = _merge_adjacent(doc, raw)
    persons = {doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    persons |= {doc[m.start].text for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    out: list[EntityMention] = []
    for m in mentions:
        if ctx.in_dateline(m.start):
            continue  # dateline places are read from the dateline itself (places.py)
        if m.label == "PERSON" and m.end - m.start == 1 and m.text not in persons:
            # A lone "person" that is a known place and nobody's name: Vladivostok.
            place = gaz.lookup(m.text)
            if place is not None and (place.kind == "country" or place.population >= 100_000 or place.geonameid is None):
                m.label = "GPE"
        elif m.label in ("ORG", "FAC", "GPE") and m.end - m.start == 1 and m.text in persons:
            m.label = "PERSON"  # a surname the model took for an organisation: "Tillerson called on"
        elif m.label == "FAC" and normalize_name(m.text) in _known_org_names():
            m.label = "ORG"
        out.append(m)
    return out


def _known_org_names() -> frozenset[str]:
    orgs = load_json("gazetteer/organizations.json")
    names = set(orgs["abbreviations"]) | set(orgs["abbreviations"].values()) | set(orgs.get("part_of", {}).values())
    return frozenset(normalize_name(n) for n in names)


def _merge_adjacent(doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """Join a place or organisation directly followed by an organisation that continues its name.

    "Australia" + "National University" -> "Australia National University";
    "the United Nations" + "Security Council" -> "United Nations Security Council".
    A possessive ("Japan's Yomiuri Shimbun") or any gap keeps them apart.
    """
    out: list[EntityMention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            if (
                prev.end == m.start
                and m.label == "ORG"
                and prev.label in ("GPE", "ORG", "NORP")
                and doc[m.start].text[:1].isupper()
                and not doc[prev.end - 1].text.endswith(("'s", "’s"))
                and doc[m.end - 1].text.lower() in _org_heads()
            ):
                out[-1] = EntityMention(prev.start, m.end, "ORG", doc[prev.start : m.end].text)
                continue
        out.append(m)
    return out
