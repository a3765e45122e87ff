"""The run page's archive sections, read from the linked tables (``wireclaims link``).

Entities and experts ranked, each with its institutions and a sparkline of mentions
year by year; the route network on a world map; the claims of a chosen entity over
time. A run that was not linked (its ``entities`` table is empty) has none of these.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from .html import Row, esc, fmt, script_json, section, simple_table
from .worldmap import Link, network_svg

AGENCY = re.compile(r"\bReuters\b", re.I)  # the wire service whose stories these are: its own polls, estimates, calculations
SPARK_WIDTH, SPARK_HEIGHT = 90, 18
CHOOSABLE = 60  # entities offered in the claims-over-time chooser


def _year(value: Any) -> int | None:
    return value.year if hasattr(value, "year") else None


class Timeline:
    """Counts per entity and year, over the run's years."""

    def __init__(self, rows: Mapping[str, list[Row]]) -> None:
        published = {s["story_id"]: _year(s.get("published")) for s in rows.get("stories", [])}
        self.entity = {(a["story_id"], a["actor_id"]): a.get("entity_id") for a in rows.get("actors", [])}
        self.mentions: dict[str, Counter] = defaultdict(Counter)
        self.claims: dict[str, Counter] = defaultdict(Counter)
        for a in rows.get("actors", []):
            self.mentions[a.get("entity_id")][published.get(a["story_id"])] += a.get("mentions") or 1
        for c in rows.get("claims", []):
            entity = self.entity.get((c["story_id"], c.get("source_actor_id")))
            if entity:
                self.claims[entity][published.get(c["story_id"])] += 1
        years = [y for y in published.values() if y is not None]
        self.years = list(range(min(years), max(years) + 1)) if years else []

    def sparkline(self, entity_id: str) -> str:
        counts = [self.mentions[entity_id].get(y, 0) for y in self.years]
        if len(counts) < 2:
            return ""
        top = max(counts) or 1
        step = SPARK_WIDTH / (len(counts) - 1)
        points = " ".join(f"{i * step:.1f},{SPARK_HEIGHT - 1 - (n / top) * (SPARK_HEIGHT - 2):.1f}" for i, n in enumerate(counts))
        title = ", ".join(f"{y}: {n}" for y, n in zip(self.years, counts) if n)
        return (f'<svg class="spark" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}">'
                f'<title>mentions by year: {esc(title)}</title><polyline points="{points}"/></svg>')


def _values(counted: Iterable[Row] | None, n: int = 2) -> str:
    return "; ".join(str(v["value"]) for v in list(counted or [])[:n])


def entities_section(entities: list[Row], timeline: Timeline, top: int) -> str:
    ranked = [e for e in entities if e.get("kind") != "country"][:top]
    rows = [
        [esc(e["name"]), esc(e.get("kind")), esc(e.get("country") or ""), esc(_values(e.get("affiliations"))), esc(_values(e.get("titles"))),
         str(e.get("stories")), str(e.get("mentions")), str(e.get("claims")), timeline.sparkline(e["entity_id"])]
        for e in ranked
    ]
    return section("Entities across the stories", simple_table(["name", "kind", "country", "institutions", "titles", "stories", "mentions", "claims", "mentions by year"], rows), ident="entities", wide=True)


def experts_section(profiles: list[Row], timeline: Timeline, top: int) -> str:
    rows = []
    for p in profiles[:top]:
        spells = "; ".join(f"{a['value']} ({fmt(a.get('first'))[:4]}–{fmt(a.get('last'))[:4]})" for a in p.get("affiliations") or [])
        rows.append([esc(p["name"]), esc(spells), esc(_values(p.get("fields"))), str(p.get("stories")), str(p.get("claims")),
                     esc(fmt(p.get("first_quoted"))), esc(fmt(p.get("last_quoted"))), timeline.sparkline(p["entity_id"])])
    table = simple_table(["expert", "institutions over time", "fields", "stories", "claims", "first quoted", "last quoted", "mentions by year"], rows)
    return section("Experts across the stories", table, ident="experts", wide=True)


def network_section(route_links: list[Row], top: int) -> str:
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in route_links:
        key = (r["origin_country"], r["destination_country"], r["mode"])
        g = pairs.setdefault(key, {"stories": 0, "routes": 0, "cargo": Counter(), "years": set()})
        g["stories"] += r.get("stories") or 0
        g["routes"] += r.get("routes") or 0
        g["cargo"].update({c["value"]: c["count"] for c in r.get("cargo") or []})
        if r.get("year"):
            g["years"].add(r["year"])
    links = [
        Link(o, d, mode, g["stories"], g["routes"], [c for c, _ in g["cargo"].most_common(3)],
             f"{min(g['years'])}–{max(g['years'])}" if g["years"] else "")
        for (o, d, mode), g in pairs.items()
    ]
    ranked = sorted(links, key=lambda k: (-k.stories, k.origin, k.destination, k.mode))
    table = simple_table(
        ["from", "to", "mode", "stories", "routes", "years", "cargo"],
        [[esc(k.origin), esc(k.destination), esc(k.mode), str(k.stories), str(k.routes), esc(k.years), esc(", ".join(k.cargo))] for k in ranked[:top]],
    )
    figure = f'<div class="figure">{network_svg(ranked[: top * 4])}</div>' if links else ""
    return section("Route network between countries", figure + table, ident="network", wide=True)


def claims_section(entities: list[Row], timeline: Timeline) -> str:
    """A chooser of the most quoted entities (the agency aside) and a bar chart of the chosen one's
    claims per year (drawn by archive.js from the data in the page)."""
    chosen = sorted((e for e in entities if e.get("claims") and not AGENCY.search(e["name"])), key=lambda e: (-e["claims"], e["name"]))[:CHOOSABLE]
    if not chosen:
        return section("Claims over time", '<p class="empty">no claims with a linked source</p>', ident="claims-time", wide=True)
    data = {"years": timeline.years, "entities": [
        {"id": e["entity_id"], "name": e["name"], "counts": [timeline.claims[e["entity_id"]].get(y, 0) for y in timeline.years]} for e in chosen
    ]}
    options = "".join(f'<option value="{i}">{esc(e["name"])} ({e["claims"]})</option>' for i, e in enumerate(chosen))
    inner = (f'<label>entity <select id="claims-entity">{options}</select></label>'
             f'<div id="claims-chart" class="figure"></div>'
             f'<script type="application/json" id="claims-data">{script_json(data)}</script>')
    return section("Claims over time", inner, ident="claims-time", wide=True)


def archive_sections(rows: Mapping[str, list[Row]], top: int) -> list[str]:
    """The sections, or none when the run was not linked."""
    entities = rows.get("entities", [])
    if not entities:
        return []
    timeline = Timeline(rows)
    return [
        entities_section(entities, timeline, top),
        experts_section(rows.get("expert_profiles", []), timeline, top),
        claims_section(entities, timeline),
        network_section(rows.get("route_links", []), top),
    ]
