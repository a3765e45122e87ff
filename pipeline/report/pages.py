"""The two pages: one story (text with highlights, route figure, tables) and a whole run (summary)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from ..schema import TABLES, TABLE_NAMES
from ..tables import Tables
from .archive import AGENCY, archive_sections
from .figure import Arrow, Point, route_figure
from .html import (
    IdIndex,
    Row,
    StoryRows,
    esc,
    fmt,
    highlight_tables,
    is_missing,
    legend_html,
    page,
    row_key,
    section,
    simple_table,
    swatch,
    table_html,
)
from .marks import render_text, story_marks, tooltip_data


def table_rows(tables: Tables) -> dict[str, list[Row]]:
    """Every table as plain Python rows (None for nulls, lists for lists)."""
    return {name: table.to_pylist() for name, table in tables.to_arrow().items()}


def rows_by_story(rows: Mapping[str, list[Row]]) -> dict[str, StoryRows]:
    """Rows grouped by ``story_id``, in the order of the stories table."""
    grouped: dict[str, StoryRows] = {r["story_id"]: {n: [] for n in TABLE_NAMES} for r in rows.get("stories", [])}
    for name in TABLE_NAMES:
        for r in rows.get(name, []):
            grouped.setdefault(r["story_id"], {n: [] for n in TABLE_NAMES})[name].append(r)
    return grouped


# --- the route figure of a story ---------------------------------------------------


def _norm(name: Any) -> str:
    return " ".join(str(name).lower().replace("the ", " ").split()) if name else ""


def story_figure(rows: StoryRows) -> str:
    places = [p for p in rows.get("places", []) if not is_missing(p.get("lat")) and not is_missing(p.get("lon"))]
    points = [Point(p["place_id"], p["name"], p["lat"], p["lon"], p.get("kind") or "", p.get("mentions") or 1) for p in places]
    by_name: dict[str, str] = {}
    for p in places:
        for n in [p["name"], p.get("text"), *(p.get("aliases") or [])]:
            by_name.setdefault(_norm(n), p["place_id"])
    arrows = []
    for r in rows.get("routes", []):
        a = r.get("origin_place_id") or by_name.get(_norm(r.get("origin"))) or ""
        b = r.get("destination_place_id") or by_name.get(_norm(r.get("destination"))) or ""
        arrows.append(
            Arrow(a, b, r.get("mode") or "unspecified", r.get("kind") or "transport", list(r.get("cargo") or []), bool(r.get("bidirectional")),
                  title=f"{r.get('route_id')}: {r.get('origin') or '?'} → {r.get('destination') or '?'} ({r.get('mode')}, {r.get('status')})",
                  tag=r.get("route_id") or "")
        )
    figure = route_figure(points, arrows, caption="places and routes of the story")
    parts = [figure.svg]
    skipped = figure.skipped
    known = {p.key for p in points}
    close = [a for a in skipped if a.origin in known and a.destination in known and a.origin != a.destination] + figure.short
    skipped = [a for a in skipped if a not in close]
    details, lost = _details(points, close)
    parts += details
    skipped += lost
    if skipped:
        parts.append('<p class="note">not drawn (an end without coordinates, or both ends at one spot): ' + "; ".join(esc(a.title) for a in skipped) + "</p>")
    elif not arrows:
        parts.append('<p class="note">no routes in this story</p>')
    return "".join(parts)


def _details(points: list[Point], close: list[Arrow], levels: int = 3) -> tuple[list[str], list[Arrow]]:
    """Zoomed figures of the routes too short to see at the story's scale: each level frames the
    routes still too short (or not drawn: both ends at one spot) at the one before, a ferry across
    a strait beside a pipeline across a continent. Returns the figures and the routes no zoom drew."""
    known = {p.key for p in points}
    parts: list[str] = []
    pending = close
    drawn: set[int] = set()
    for _ in range(levels):
        if not pending:
            break
        detail = route_figure(points, pending, height=300, caption="routes between neighbouring places", min_pad=0.05)
        shown = [a for a in pending if a not in detail.skipped]
        drawn |= {id(a) for a in shown}
        parts.append(f'<h3 class="detail">detail: {len(shown)} route(s) between neighbouring places</h3>{detail.svg}')
        closer = [a for a in detail.skipped if a.origin in known and a.destination in known and a.origin != a.destination] + detail.short
        if len(closer) == len(pending):  # no closer frame would draw them better
            break
        pending = closer
    return parts, [a for a in close if id(a) not in drawn]


# --- one story -----------------------------------------------------------------------


def _story_header(story: Row | None, counts: Mapping[str, int], back: str | None) -> str:
    title = (story or {}).get("headline") or (story or {}).get("source") or "story"
    meta = []
    if story:
        for column, label in (("published", "published"), ("byline", "by"), ("dateline", "dateline"), ("source", "source"),
                              ("story_id", "story_id"), ("format", "format"), ("word_count", "words")):
            if not is_missing(story.get(column)):
                meta.append(f"<span><b>{esc(label)}</b> {esc(fmt(story[column]))}</span>")
    nav = f'<a class="back" href="{esc(back)}">← run summary</a>' if back else ""
    return f'<header>{nav}<h1>{esc(title)}</h1><p class="meta">{" ".join(meta)}</p>{legend_html(counts)}</header>'


def story_page(rows: StoryRows, raw: str | None, *, body_start: int = 0, back: str | None = None, note: str | None = None) -> str:
    """The HTML page of one story: highlighted raw text beside the route figure and every table."""
    story = (rows.get("stories") or [None])[0]
    counts = {name: len(rows.get(name, [])) for name in TABLE_NAMES}
    ids = IdIndex(rows)
    parts = [_story_header(story, counts, back)]
    if story and story.get("status") == "error":
        parts.append(f'<p class="error"><b>This story could not be processed:</b> {esc(story.get("error") or "")}</p>')
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    if raw is not None:
        marks, unplaced = story_marks(rows, raw, body_start)
        text = f'<pre class="text" id="story-text">{render_text(raw, marks)}</pre>'
        if unplaced:
            text += '<p class="note">rows without a span in this text: ' + ", ".join(f"{t} {n}" for t, n in unplaced.items()) + "</p>"
    else:
        text = '<p class="note">the story text is not available, so nothing is highlighted</p>'
    tables = []
    for name in TABLE_NAMES:
        if name == "stories":
            continue
        table = rows.get(name, [])
        keys = [row_key(name, r, i) for i, r in enumerate(table)]
        tables.append(
            f'<details class="table" id="t-{esc(name)}" {"open" if table else ""}><summary>{swatch(name) if name in highlight_tables() else ""}'
            f'{esc(name)} <span class="n">{len(table)}</span> <span class="row-is">one row is {esc(TABLES[name].row_is)}</span></summary>'
            f"{table_html(name, table, ids, keys=keys)}</details>"
        )
    parts.append(
        '<main class="story-grid">'
        f'<article class="story">{text}</article>'
        f'<aside class="side"><section class="figure"><h2>Routes</h2>{story_figure(rows)}</section>{"".join(tables)}</aside>'
        "</main>"
    )
    parts.append('<div id="wc-tip" class="tip" role="tooltip" hidden></div>')
    title = (story or {}).get("headline") or (story or {}).get("source") or "wireclaims story"
    return page(f"wireclaims: {title}", "\n".join(parts), data={"rows": tooltip_data(rows, ids)})


# --- a whole run ---------------------------------------------------------------------


def _top(counter: Counter, n: int) -> list[tuple[Any, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]


STORY_ROWS = 1000  # stories listed on a run's page: a reader's list, not the archive's index


def summary_page(rows: Mapping[str, list[Row]], links: Mapping[str, str], title: str, *, top: int = 25) -> str:
    """The run's summary: stories ok/failed, top actors, experts, routes across stories, quantities by unit."""
    stories = rows.get("stories", [])
    per_story = rows_by_story(rows)
    ok = sum(1 for s in stories if s.get("status") == "ok")
    failed = len(stories) - ok
    totals = " ".join(f'<span class="chip">{swatch(n) if n in highlight_tables() else ""}{esc(n)} <b>{len(rows.get(n, []))}</b></span>' for n in TABLE_NAMES)
    parts = [
        f'<header><h1>{esc(title)}</h1><p class="meta"><span class="chip ok">stories ok <b>{ok}</b></span> '
        f'<span class="chip failed">failed <b>{failed}</b></span> {totals}</p></header><main class="summary">'
    ]

    # Stories, with a link to each page and the count of each table's rows.
    shown = [n for n in TABLE_NAMES if n != "stories"]
    story_rows = []
    for s in stories[:STORY_ROWS]:
        sid = s["story_id"]
        label = s.get("headline") or s.get("source") or sid
        cell = f'<a href="{esc(links[sid])}">{esc(label)}</a>' if sid in links else esc(label)
        counts = [str(len(per_story.get(sid, {}).get(n, []))) for n in shown]
        status = esc(s.get("status") or "")
        if s.get("status") == "error":
            status = f'<span class="bad">error</span>: {esc(s.get("error") or "")}'
        story_rows.append([cell, esc(fmt(s.get("published"))), status, *counts])
    more = f'<p class="note">the first {STORY_ROWS:,} of {len(stories):,} stories; all are in stories.parquet</p>' if len(stories) > STORY_ROWS else ""
    parts.append(section("Stories", simple_table(["story", "published", "status", *shown], story_rows) + more, ident="stories", wide=True))

    archive = archive_sections(rows, top)  # a linked run: entities, experts, claims over time, the route network
    parts += archive or [_top_actors(rows, top), _top_experts(rows, top)]
    parts.append(_quoted_sections(rows, top))

    # Routes across stories: the same ends and mode in several stories count once each.
    parts.append(section("Routes across stories", _routes_summary(rows, top), ident="routes", wide=True))

    # Quantities by unit.
    units: dict[tuple[Any, Any], list[float]] = defaultdict(list)
    for q in rows.get("quantities", []):
        units[(q.get("unit"), q.get("unit_kind"))].append(q.get("value"))
    unit_rows = []
    for (unit, kind), values in sorted(units.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))[:top]:
        nums = sorted(v for v in values if isinstance(v, (int, float)))
        median = nums[len(nums) // 2] if nums else None
        unit_rows.append([esc(unit), esc(kind), str(len(values)), esc(fmt(nums[0] if nums else None)), esc(fmt(median)), esc(fmt(nums[-1] if nums else None))])
    parts.append(section("Quantities by unit", simple_table(["unit", "unit_kind", "quantities", "min", "median", "max"], unit_rows), ident="quantities"))
    parts.append("</main>")
    return page(title, "\n".join(parts), scripts=("archive.js",) if archive else ())


def _top_actors(rows: Mapping[str, list[Row]], top: int) -> str:
    """Actors by the number of stories naming them (a run not linked: grouped by name as written)."""
    actor_stories: Counter = Counter()
    actor_mentions: Counter = Counter()
    actor_countries: dict[tuple, Counter] = {}
    for a in rows.get("actors", []):
        key = (a.get("name"), a.get("kind"))
        actor_stories[key] += 1
        actor_mentions[key] += a.get("mentions") or 0
        if a.get("country"):
            actor_countries.setdefault(key, Counter())[a["country"]] += 1
    return section(
            "Top actors",
            simple_table(
                ["name", "kind", "country", "stories", "mentions"],
                [[esc(k[0]), esc(k[1]), esc(_top(actor_countries[k], 1)[0][0]) if k in actor_countries else "", str(actor_stories[k]), str(actor_mentions[k])]
                 for k in sorted(actor_stories, key=lambda k: (-actor_stories[k], -actor_mentions[k], str(k)))[:top]],
            ),
            ident="actors",
        )


def _top_experts(rows: Mapping[str, list[Row]], top: int) -> str:
    """Experts, with what they are experts in and how often they were quoted (a run not linked)."""
    experts: dict[str, dict[str, Any]] = {}
    for e in rows.get("experts", []):
        columns = ("title", "affiliation", "field", "expertise_evidence")
        x = experts.setdefault(e.get("name"), {"stories": 0, "claims": 0, **{c: Counter() for c in columns}})
        x["stories"] += 1
        x["claims"] += e.get("claims") or 0
        for column in columns:
            if e.get(column):
                x[column][e[column]] += 1
    expert_rows = [
        [esc(name), *(esc(_top(x[c], 1)[0][0]) if x[c] else "" for c in columns), str(x["stories"]), str(x["claims"])]
        for name, x in sorted(experts.items(), key=lambda kv: (-kv[1]["claims"], -kv[1]["stories"], str(kv[0])))[:top]
    ]
    return section("Experts", simple_table(["name", "title", "affiliation", "field", "evidence", "stories", "claims"], expert_rows), ident="experts")


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def _fold(name: Any) -> str:
    """A name as grouped: case, leading article and spacing folded ("The Kremlin" = "kremlin")."""
    return " ".join(_ARTICLE.sub("", str(name or "")).lower().split())


class _Quoted:
    """Claims counted by who made them across stories: actors folded by name and alias, the agency
    and anonymous sources apart."""

    def __init__(self, actors: Iterable[Row]) -> None:
        self.group: dict[str, int] = {}  # folded name or alias -> group
        self.names: list[Counter] = []  # group -> names as written
        self.actor: dict[tuple[str, str], int] = {}  # (story_id, actor_id) -> group
        for a in actors:
            self.actor[(a["story_id"], a["actor_id"])] = self._join(a)
        self.claims: dict[str, Counter] = {"named": Counter(), "agency": Counter(), "anonymous": Counter(), "described": Counter()}
        self.stories: dict[str, dict[Any, set]] = {k: defaultdict(set) for k in self.claims}
        self.kinds: dict[Any, Counter] = defaultdict(Counter)
        self.words: dict[Any, str] = {}  # a source without an actor: its words as first written

    def _join(self, a: Row) -> int:
        # A person's one-word alias is a surname ("Kim"): shared by different people, so not a key.
        # A linked run's entity (wireclaims link) joins the actors its rules linked across stories.
        aliases = [x for x in a.get("aliases") or [] if a.get("kind") != "person" or len(str(x).split()) > 1]
        keys = [k for k in (a.get("entity_id"), _fold(a.get("name")), *map(_fold, aliases)) if k]
        group = next((self.group[k] for k in keys if k in self.group), None)
        if group is None:
            group = len(self.names)
            self.names.append(Counter())
        self.names[group][a.get("name")] += 1
        for k in keys:
            self.group.setdefault(k, group)
        return group

    def add(self, c: Row) -> None:
        group = self.actor.get((c["story_id"], c.get("source_actor_id")))
        words = c.get("source") or ""
        name = self.names[group].most_common(1)[0][0] if group is not None else words
        if AGENCY.search(f"{words} {name}"):
            kind, key, words = "agency", _fold(name), name
        elif group is not None:
            kind, key = "named", ("group", group)
        else:  # no actor behind the words: "analysts", "a spokeswoman", "the company"
            kind, key = "anonymous" if c.get("source_kind") == "anonymous" else "described", _fold(words)
        self.claims[kind][key] += 1
        self.stories[kind][key].add(c["story_id"])
        self.kinds[(kind, key)][c.get("source_kind")] += 1
        self.words.setdefault((kind, key), words)

    def label(self, kind: str, key: Any) -> str:
        if kind == "named":
            return str(self.names[key[1]].most_common(1)[0][0])
        return self.words.get((kind, key), str(key))

    def table(self, kind: str, top: int) -> str:
        rows = []
        for key, n in _top(self.claims[kind], top):
            source_kind = self.kinds[(kind, key)].most_common(1)[0][0]
            rows.append([esc(self.label(kind, key)), esc(source_kind), str(n), str(len(self.stories[kind][key]))])
        return simple_table(["source", "kind", "claims", "stories"], rows)


def _quoted_sections(rows: Mapping[str, list[Row]], top: int) -> str:
    """Most quoted actors (name and alias folded), then the agency itself, anonymous sources, and
    sources the story describes without a name the tables resolve ("the company")."""
    quoted = _Quoted(rows.get("actors", []))
    for c in rows.get("claims", []):
        quoted.add(c)
    return "".join(
        (
            section("Most quoted", quoted.table("named", top), ident="quoted"),
            section("The agency itself", quoted.table("agency", top), ident="agency"),
            section("Anonymous sources", quoted.table("anonymous", top), ident="anonymous"),
            section("Sources described, not named", quoted.table("described", top), ident="described"),
        )
    )


def _routes_summary(rows: Mapping[str, list[Row]], top: int) -> str:
    places: dict[tuple[str, str], Row] = {(p["story_id"], p["place_id"]): p for p in rows.get("places", []) if p.get("place_id")}
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows.get("routes", []):
        key = (r.get("origin"), r.get("destination"), r.get("mode"), r.get("kind"))
        g = groups.setdefault(key, {"stories": set(), "cargo": Counter(), "ends": [], "bidirectional": False})
        g["stories"].add(r["story_id"])
        g["cargo"].update(r.get("cargo") or [])
        g["bidirectional"] |= bool(r.get("bidirectional"))
        g["ends"].append((places.get((r["story_id"], r.get("origin_place_id"))), places.get((r["story_id"], r.get("destination_place_id")))))
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]["stories"]), str(kv[0])))[:top]
    table = simple_table(
        ["origin", "destination", "mode", "kind", "stories", "cargo"],
        [[esc(k[0]), esc(k[1]), esc(k[2]), esc(k[3]), str(len(g["stories"])), esc(", ".join(c for c, _ in _top(g["cargo"], 5)))] for k, g in ordered],
    )
    points: dict[str, Point] = {}
    arrows: list[Arrow] = []
    for (origin, destination, mode, kind), g in ordered:
        ends = next(((a, b) for a, b in g["ends"] if a and b and a.get("lat") is not None and b.get("lat") is not None), None)
        if not ends:
            continue
        for place in ends:
            key = _norm(place["name"])
            if key in points:
                points[key].weight += 1
            else:
                points[key] = Point(key, place["name"], place["lat"], place["lon"], place.get("kind") or "")
        arrows.append(
            Arrow(_norm(ends[0]["name"]), _norm(ends[1]["name"]), mode or "unspecified", kind or "transport", [c for c, _ in _top(g["cargo"], 3)],
                  g["bidirectional"], weight=len(g["stories"]), title=f"{origin} → {destination}: {mode}, {len(g['stories'])} stories")
        )
    figure = route_figure(list(points.values()), arrows, width=760, height=440, caption="routes across the run").svg if arrows else ""
    return figure + table


def story_links(stories: Iterable[Row], folder: str = "stories") -> dict[str, str]:
    return {s["story_id"]: f"{folder}/{s['story_id']}.html" for s in stories}
