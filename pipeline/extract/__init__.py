"""Extractors: plain functions from a parsed story (``Doc``) to table rows.

One module per kind of thing, each documented with what it finds and how:

=============  ===========================================================
``actors``     people, organisations, countries, with titles and aliases
``places``     locations, geocoded offline
``dates``      time expressions resolved against the story's date
``quantities`` numbers with unit, qualifier, rate and what they measure
``claims``     attributed statements: source, cue, content, hedge
``experts``    named people quoted for their expertise
``routes``     transport links and trade flows between places
=============  ===========================================================

:func:`extract_rows` runs them in dependency order and returns rows whose
``start``/``end`` are character offsets into ``doc.text``; mapping them to
the raw source is the caller's job (:mod:`pipeline.core`).

This package is also the public ``pipeline.extract(text)``: calling the module
calls :func:`pipeline.core.extract`. So ``pipeline.extract`` is one object, the
package, and ``import pipeline.extract.claims`` or ``pipeline.extract.claims``
work as for any package (a function of that name used to shadow it).
"""

from __future__ import annotations

import sys
import types
from datetime import date
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from ..tables import Rows, empty_rows
from .actors import extract_actors
from .claims import extract_claims
from .context import DocContext
from .dates import extract_dates
from .entities import entity_mentions
from .experts import extract_experts
from .places import extract_places
from .quantities import extract_quantities
from .routes import extract_routes

if TYPE_CHECKING:  # pragma: no cover
    from ..tables import Tables

__all__ = [
    "DocContext",
    "extract_rows",
    "extract_actors",
    "extract_places",
    "extract_dates",
    "extract_quantities",
    "extract_claims",
    "extract_experts",
    "extract_routes",
    "link_to_claims",
]


def extract_rows(
    doc: Doc,
    *,
    published: date | None = None,
    dateline: str | None = None,
    byline: tuple[str, ...] | list[str] = (),
    text: str | None = None,
) -> Rows:
    """All tables' rows for one parsed story (no ``story_id``; offsets into ``doc.text``)."""
    ctx = DocContext.build(doc, published, dateline, byline, text)
    mentions = entity_mentions(ctx)
    actor_rows, actors = extract_actors(ctx, mentions)
    place_rows, places = extract_places(ctx, mentions)
    date_rows, dates = extract_dates(ctx)
    quantity_rows = extract_quantities(ctx, actors, dates)
    claim_rows = extract_claims(ctx, actors)
    link_to_claims(quantity_rows, claim_rows)
    route_rows, candidate_rows = extract_routes(ctx, places, actors, quantity_rows, dates, claim_rows)
    link_to_claims(route_rows, claim_rows)
    link_to_claims(candidate_rows, claim_rows)
    expert_rows = extract_experts(ctx, actors, actor_rows, claim_rows)
    rows = empty_rows()
    rows.update(
        actors=actor_rows,
        places=place_rows,
        dates=date_rows,
        quantities=quantity_rows,
        claims=claim_rows,
        routes=route_rows,
        route_candidates=candidate_rows,
        experts=expert_rows,
    )
    return rows


def link_to_claims(rows: list[dict], claims: list[dict]) -> None:
    """Give each row lying inside a claim's content that claim's ``claim_id`` (innermost wins)."""
    if not claims:
        return
    spans = sorted(((c["start"], c["end"], c["claim_id"]) for c in claims), key=lambda c: c[1] - c[0])
    for row in rows:
        if row.get("claim_id"):
            continue
        for start, end, claim_id in spans:
            if start <= row["start"] and row["end"] <= end:
                row["claim_id"] = claim_id
                break


class _ExtractModule(types.ModuleType):
    """This package, callable as :func:`pipeline.core.extract` (``pipeline.extract(text)``)."""

    def __call__(self, text: str, **options: Any) -> "Tables":
        """All claim tables for one story's text: :func:`pipeline.core.extract` (``published``, ``story_id``, ``source``)."""
        from ..core import extract  # here: pipeline.core imports this package

        return extract(text, **options)


sys.modules[__name__].__class__ = _ExtractModule
