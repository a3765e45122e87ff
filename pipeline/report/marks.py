"""The story text with every table's rows highlighted, and the details shown on hover.

Every table with ``start``/``end`` columns indexes the raw story text, so the
raw text is rendered as is (HTML-escaped, whitespace kept) and cut at every
span boundary into segments; each segment lists the rows covering it
(``data-r``) and takes the fills and lines of their tables. Spans may nest or
cross (a quantity inside a claim, a route across two claims): segments handle
both without re-nesting elements.

A row's own span is its first mention. Tables that count ``mentions`` (actors,
places) are also marked, paler, at the further occurrences of the row's
surface forms (``text``, ``name``, ``aliases``) in the story body, at most
``mentions - 1`` of them: the tables do not store every mention's offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..schema import TABLES
from .html import (
    IdIndex,
    Row,
    StoryRows,
    esc,
    fmt,
    highlight_tables,
    is_missing,
    rgba,
    row_key,
    row_label,
    shorten,
    style,
)

_SURFACE_COLUMNS = ("text", "name", "aliases")
_DETAIL_SKIP = frozenset({"story_id", "start", "end"})


@dataclass(frozen=True)
class Mark:
    key: str  # row key, "actors:A1"
    table: str
    start: int
    end: int
    first: bool  # the row's own span; False for a further mention


def _span(row: Row, length: int) -> tuple[int, int] | None:
    start, end = row.get("start"), row.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= length:
        return None
    return start, end


def _surface_pattern(surface: str) -> str:
    # Raw wire copy is hard-wrapped: "North\nKorea" is a mention of "North Korea".
    return r"\s+".join(re.escape(w) for w in surface.split())


def further_mentions(table: str, rows: list[Row], keys: list[str], raw: str, body_start: int, taken: list[tuple[int, int]]) -> list[Mark]:
    """Occurrences of the rows' names after their first mention, longest names first, never overlapping."""
    surfaces: dict[str, int] = {}  # surface -> row position; the earlier row wins a shared surface
    budget: dict[int, int] = {}
    for i, row in enumerate(rows):
        mentions = row.get("mentions")
        if not isinstance(mentions, int) or mentions < 2:
            continue
        budget[i] = mentions - 1
        for column in _SURFACE_COLUMNS:
            value = row.get(column)
            for surface in value if isinstance(value, list) else [value]:
                if isinstance(surface, str) and len(surface.strip()) >= 2:
                    surfaces.setdefault(" ".join(surface.split()), i)
    if not surfaces:
        return []
    ordered = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(_surface_pattern(s) for s in ordered) + r")(?!\w)")
    occupied = sorted(taken)
    marks: list[Mark] = []
    for m in pattern.finditer(raw, body_start):
        i = surfaces.get(" ".join(m.group().split()))
        if i is None or budget.get(i, 0) <= 0:
            continue
        if any(a < m.end() and m.start() < b for a, b in occupied):
            continue
        budget[i] -= 1
        marks.append(Mark(keys[i], table, m.start(), m.end(), False))
    return marks


def story_marks(rows: StoryRows, raw: str, body_start: int = 0) -> tuple[list[Mark], dict[str, int]]:
    """Every highlight of one story, and per table the rows whose span could not be placed."""
    marks: list[Mark] = []
    unplaced: dict[str, int] = {}
    for table in highlight_tables():
        table_rows = rows.get(table, [])
        keys = [row_key(table, r, i) for i, r in enumerate(table_rows)]
        own: list[tuple[int, int]] = []
        for key, row in zip(keys, table_rows):
            span = _span(row, len(raw))
            if span is None:
                unplaced[table] = unplaced.get(table, 0) + 1
                continue
            own.append(span)
            marks.append(Mark(key, table, span[0], span[1], True))
        if "mentions" in TABLES[table].names:
            marks.extend(further_mentions(table, table_rows, keys, raw, body_start, own))
    return marks, unplaced


def _segment_attrs(active: list[Mark]) -> str:
    order = {name: k for k, name in enumerate(highlight_tables())}
    active = sorted(active, key=lambda m: (order[m.table], not m.first))
    fills: list[str] = []
    lines: list[str] = []
    seen: set[str] = set()
    for m in active:
        if m.table in seen:
            continue
        seen.add(m.table)
        s = style(m.table)
        if s.kind == "fill":
            fills.append(rgba(s.colour, 1 if m.first else 0.45))
        else:
            lines.append(f"ln-{m.table}")
    css = ""
    if len(fills) == 1:
        css = f"background:{fills[0]}"
    elif fills:
        # Stacked bands: a country that is both an actor and a place shows both colours.
        step = 100 / len(fills)
        stops = ",".join(f"{c} {k * step:.0f}% {(k + 1) * step:.0f}%" for k, c in enumerate(fills))
        css = f"background:linear-gradient({stops})"
    classes = " ".join(["hl", *lines, *(["first"] if any(m.first for m in active) else [])])
    keys = " ".join(dict.fromkeys(m.key for m in active))
    further = " ".join(dict.fromkeys(m.key for m in active if not m.first))
    style_attr = f' style="{css}"' if css else ""
    further_attr = f' data-f="{esc(further)}"' if further else ""
    return f'class="{classes}" data-r="{esc(keys)}"{further_attr}{style_attr}'


def render_text(raw: str, marks: list[Mark]) -> str:
    """The raw text as HTML with one ``<span class="hl">`` per highlighted segment."""
    bounds = sorted({0, len(raw), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = esc(raw[a:b])
        out.append(f"<span {_segment_attrs(active)}>{piece}</span>" if active else piece)
    return "".join(out)


def row_details(table: str, row: Row, ids: IdIndex, backrefs: list[tuple[str, Row]]) -> dict[str, Any]:
    """What the tooltip shows for a row: every non-empty column, ids resolved, rows that point at it."""
    details: list[list[str]] = []
    id_col = TABLES[table].id_column
    for column in TABLES[table].names:
        value = row.get(column)
        if column in _DETAIL_SKIP or column == id_col or is_missing(value):  # the id heads the tooltip
            continue
        details.append([column, shorten(ids.describe(column, value))])
    for other, ref in backrefs:
        summary = "; ".join(
            f"{c}: {shorten(fmt(v), 60)}" for c, v in ref.items() if c not in _DETAIL_SKIP and not c.endswith("_id") and not is_missing(v)
        )
        details.append([other, summary])
    return {"t": table, "id": row.get(id_col) if id_col else None, "label": row_label(table, row), "d": details}


def backreferences(rows: StoryRows, ids: IdIndex) -> dict[str, list[tuple[str, Row]]]:
    """For each id, the rows of tables without text spans that refer to it (an actor's ``experts`` row)."""
    refs: dict[str, list[tuple[str, Row]]] = {}
    spanned = set(highlight_tables())
    for table, table_rows in rows.items():
        if table in spanned or table == "stories" or table not in TABLES:
            continue
        for row in table_rows:
            for column, value in row.items():
                for ident in ids.refs(column, value) or []:
                    refs.setdefault(ident, []).append((table, row))
    return refs


def tooltip_data(rows: StoryRows, ids: IdIndex) -> dict[str, dict[str, Any]]:
    """Row key -> details, for every highlighted row."""
    back = backreferences(rows, ids)
    data: dict[str, dict[str, Any]] = {}
    for table in highlight_tables():
        id_col = TABLES[table].id_column
        for i, row in enumerate(rows.get(table, [])):
            ident = row.get(id_col) if id_col else None
            data[row_key(table, row, i)] = row_details(table, row, ids, back.get(ident, []) if ident else [])
    return data
