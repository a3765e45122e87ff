"""Places: every location a story mentions, geocoded offline, one row per place.

Place mentions are the cleaned GPE, LOC and FAC entities (:mod:`.entities`)
and the parts of the dateline ("SEOUL/VLADIVOSTOK, Russia" gives Seoul and
Vladivostok, with Russia as the country to prefer). Each is looked up in the
gazetteer (:mod:`pipeline.gazetteer`); among places of the same name, one in
a country the story mentions wins. The words around a mention refine its
kind: "the port of Vladivostok", "the border town of Khasan".
Unresolved names are kept (kind ``other`` or ``region``, no coordinates)
rather than dropped: a researcher can see what the gazetteer lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..gazetteer import Place, gazetteer, normalize_name
from ..resources import load_json
from .context import DocContext
from .entities import EntityMention

_KIND_WORDS = {"port": "port", "harbour": "port", "harbor": "port", "town": "town", "city": "city", "village": "town", "region": "region", "province": "region", "state": "region"}


@dataclass
class PlaceHit:
    place: Place | None
    name: str
    kind: str
    country: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)  # char spans in the doc text
    tokens: list[tuple[int, int]] = field(default_factory=list)  # token spans (empty for dateline parts)
    aliases: list[str] = field(default_factory=list)
    place_id: str = ""


@dataclass
class PlaceIndex:
    places: list[PlaceHit]
    by_token: dict[int, str]

    def by_id(self, place_id: str) -> PlaceHit | None:
        for p in self.places:
            if p.place_id == place_id:
                return p
        return None


def dateline_parts(ctx: DocContext) -> list[tuple[str, int, int]]:
    """(text, start_char, end_char) of each place named in the dateline paragraph."""
    if ctx.dateline_paragraph is None:
        return []
    a, b = ctx.paragraphs[ctx.dateline_paragraph]
    para = ctx.doc[a:b]
    text = para.text
    base = para.start_char
    cut = re.search(r"\((?:Reuters|IFR)", text)
    place_text = ctx.dateline or (text[: cut.start()] if cut else text)
    at = text.find(place_text)
    if at < 0:
        place_text = text[: cut.start()] if cut else text
        at = 0
    parts = []
    for m in re.finditer(r"[^/,]+", place_text):
        part = m.group().strip()
        if not part or part[0].isdigit():
            continue
        offset = m.start() + (len(m.group()) - len(m.group().lstrip()))
        start = base + at + offset
        parts.append((part, start, start + len(part)))
    return parts


def extract_places(ctx: DocContext, mentions: list[EntityMention]) -> tuple[list[dict], PlaceIndex]:
    doc = ctx.doc
    gaz = gazetteer()
    orgs = load_json("gazetteer/organizations.json")
    org_words = {normalize_name(n) for n in orgs["abbreviations"]}

    # Countries the story names: they break ties between same-named cities.
    prefer: list[str] = []
    parts = dateline_parts(ctx)
    for text, _, _ in parts:
        c = gaz.country_named(text)
        if c and c.country:
            prefer.append(c.country)
    for m in mentions:
        if m.label == "GPE":
            c = gaz.country_named(m.text)
            if c and c.country and c.country not in prefer:
                prefer.append(c.country)
    preferred = tuple(prefer)

    hits: dict[tuple, PlaceHit] = {}
    order: list[tuple] = []

    def add(surface: str, char_span: tuple[int, int], token_span: tuple[int, int] | None, label: str, qualifier_country: str | None = None) -> None:
        if not gaz.is_place_name(surface):
            return
        place = gaz.lookup(surface, (qualifier_country,) if qualifier_country else preferred)
        if place is not None and qualifier_country and place.country != qualifier_country:
            place = None  # "Holland, Pennsylvania": the state names the country, whatever else the name denotes
        if place is None:
            if label == "FAC" or normalize_name(surface) in org_words:
                return
            key: tuple = ("?", normalize_name(surface))
            # "Flanagan, Illinois": an unknown name placed in a state or country is a town there.
            kind = "town" if qualifier_country else ("region" if label == "LOC" else "other")
            name, country = surface, qualifier_country
        else:
            key = (place.name, place.country, place.kind == "country")
            kind, name, country = place.kind, place.name, place.country
        if token_span is not None and kind not in ("country", "region"):
            kind = _kind_from_context(doc, token_span, kind)
        hit = hits.get(key)
        if hit is None:
            hit = PlaceHit(place, name, kind, country)
            hits[key] = hit
            order.append(key)
        elif hit.kind in ("city", "town") and kind == "port":
            hit.kind = "port"
        hit.spans.append(char_span)
        if token_span is not None:
            hit.tokens.append(token_span)
        if surface != name and surface not in hit.aliases:
            hit.aliases.append(surface)

    for text, s, e in parts:
        add(text, (s, e), None, "GPE")
    for m in mentions:
        if m.label in ("GPE", "LOC", "FAC"):
            span = doc[m.start : m.end]
            add(m.text, (span.start_char, span.end_char), (m.start, m.end), m.label, m.country if m.qualifier else None)

    ordered = sorted((hits[k] for k in order), key=lambda h: min(h.spans))
    rows = []
    by_token: dict[int, str] = {}
    for n, hit in enumerate(ordered, start=1):
        hit.place_id = f"P{n}"
        for s, e in hit.tokens:
            for i in range(s, e):
                by_token[i] = hit.place_id
        start, end = min(hit.spans)
        rows.append(
            {
                "place_id": hit.place_id,
                "name": hit.name,
                "kind": hit.kind,
                "country": hit.country,
                "lat": hit.place.lat if hit.place else None,
                "lon": hit.place.lon if hit.place else None,
                "mentions": len(hit.spans),
                "start": start,
                "end": end,
                "text": ctx.text[start:end],
                "aliases": hit.aliases,
                "geonameid": hit.place.geonameid if hit.place else None,
            }
        )
    return rows, PlaceIndex(ordered, by_token)


def _kind_from_context(doc, token_span: tuple[int, int], kind: str) -> str:
    """"the port of X", "the border town of X", "X port" refine a gazetteer kind."""
    s, e = token_span
    if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _KIND_WORDS:
        return _refine(kind, _KIND_WORDS[doc[s - 2].lower_])
    if e < len(doc) and doc[e].lower_ in ("port", "harbour", "harbor") and doc[e].pos_ == "NOUN":
        return _refine(kind, "port")
    return kind


def _refine(kind: str, context_kind: str) -> str:
    if context_kind == "port":
        return "port"
    if kind in ("other", "region") and context_kind in ("town", "city"):
        return context_kind
    if kind == "city" and context_kind == "town":
        return "town"
    return kind
