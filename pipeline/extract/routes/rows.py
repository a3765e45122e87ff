"""Rows: one row dict per route, in text order, with ids ``R1``, ``R2``, ...

``start``/``end`` span the route's first two-ended mention, so the
orchestrator's claim linking sees whether it lies inside a claim.
"""

from __future__ import annotations

from .story import Mention, Story


def route_rows(story: Story, routes: list[Mention], prefix: str = "R") -> list[dict]:
    doc = story.doc
    routes = sorted(routes, key=lambda r: r.span)
    rows = []
    for n, r in enumerate(routes, start=1):
        a, b = r.span
        span = doc[a:b]
        o, d = r.origin, r.destination
        rows.append(
            {
                "route_id": f"{prefix}{n}",
                "kind": r.kind,
                "origin": o.name if o else None,
                "destination": d.name if d else None,
                "origin_place_id": o.place_id if o else None,
                "destination_place_id": d.place_id if d else None,
                "bidirectional": r.bidirectional,
                "mode": r.mode,
                "vehicle": r.vehicle,
                "cargo": r.cargo,
                "capacity": r.capacity,
                "frequency": r.frequency,
                "operator": r.operator,
                "status": r.status,
                "start_date": r.start_date,
                "claim_id": None,
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
                "sentence": r.sentence,
                "origin_country": o.country if o else None,
                "destination_country": d.country if d else None,
                "rule": r.rule,
                "confidence": r.trust(),
                "model_probability": r.probability,
            }
        )
    return rows
