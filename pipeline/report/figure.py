"""The route figure: places as points at their coordinates, routes as labelled arrows, in plain SVG.

No map tiles and no base map: an equirectangular projection (longitudes
scaled by the cosine of the middle latitude) fitted to the points, with a
graticule for orientation. A route is a curved arrow from origin to
destination (arrowheads at both ends when bidirectional), coloured by mode,
dashed for trade flows, labelled with its mode and cargo; several routes
between the same two places bend apart so none hides another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .html import esc, shorten

MODE_COLOURS = {
    "sea": "#1d39c4",
    "rail": "#874d00",
    "road": "#595959",
    "air": "#9e1068",
    "pipeline": "#000000",
    "unspecified": "#8c8c8c",
}
_OTHER_MODE = "#13c2c2"
_GRID_STEPS = (0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60)
_CHAR_WIDTH = 6.2  # px per character at the label font size, for label placement
SHORT_ROUTE = 60.0  # px: a route drawn shorter than this is drawn again in a zoomed detail figure
_LABEL_RINGS = (7, 14, 24, 36, 50)  # px from its dot at which a place's label is tried, nearest first
_LABEL_DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))


@dataclass
class Point:
    key: str
    name: str
    lat: float
    lon: float
    kind: str = ""
    weight: float = 1.0  # draws bigger for places that matter more (mentions, stories)


@dataclass
class Arrow:
    origin: str  # Point.key
    destination: str
    mode: str = "unspecified"
    kind: str = "transport"
    cargo: list[str] = field(default_factory=list)
    bidirectional: bool = False
    weight: float = 1.0  # stroke width grows with it (routes seen in many stories)
    title: str = ""  # tooltip
    tag: str = ""  # short label ("R2") when the long one does not fit

    @property
    def label(self) -> str:
        cargo = ", ".join(self.cargo[:3]) + ("…" if len(self.cargo) > 3 else "")
        text = self.mode + (f": {cargo}" if cargo else "")
        return shorten(text + (f" ×{self.weight:g}" if self.weight > 1 else ""), 48)


class _Projection:
    def __init__(self, points: list[Point], width: int, height: int, margin: int, min_pad: float = 1.0) -> None:
        lons = [p.lon for p in points]
        # A set spanning the antimeridian (Alaska and Kamchatka) is drawn around it, not across the globe.
        self.shift = max(lons) - min(lons) > 180 and all(abs(lon) > 90 for lon in lons if lon < 0)
        lons = [self._lon(lon) for lon in lons]
        lats = [p.lat for p in points]
        lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
        pad = max(min_pad, 0.12 * max(lat1 - lat0, lon1 - lon0))
        self.lat0, self.lat1 = max(-85.0, lat0 - pad), min(85.0, lat1 + pad)
        self.lon0, self.lon1 = lon0 - pad, lon1 + pad
        self.kx = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        span_x = (self.lon1 - self.lon0) * self.kx
        span_y = self.lat1 - self.lat0
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.ox = margin + ((width - 2 * margin) - span_x * self.scale) / 2
        self.oy = margin + ((height - 2 * margin) - span_y * self.scale) / 2

    def _lon(self, lon: float) -> float:
        return lon + 360 if self.shift and lon < 0 else lon

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x = self.ox + (self._lon(lon) - self.lon0) * self.kx * self.scale
        y = self.oy + (self.lat1 - lat) * self.scale
        return x, y


def _grid(proj: _Projection, width: int, height: int) -> list[str]:
    # The finest step whose lines stay far enough apart to label.
    step = next((s for s in _GRID_STEPS if s * proj.scale * proj.kx >= 56 and s * proj.scale >= 28), 90)
    out = ['<g class="grid">']
    lat = math.ceil(proj.lat0 / step) * step
    while lat <= proj.lat1:
        _, y = proj(lat, proj.lon0)
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        out.append(f'<text x="3" y="{y - 2:.1f}">{abs(lat):g}°{"N" if lat >= 0 else "S"}</text>')
        lat += step
    lon = math.ceil(proj.lon0 / step) * step
    while lon <= proj.lon1:
        x, _ = proj(proj.lat0, lon)
        shown = (lon + 180) % 360 - 180
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>')
        out.append(f'<text x="{x + 2:.1f}" y="{height - 3}">{abs(shown):g}°{"E" if shown >= 0 else "W"}</text>')
        lon += step
    out.append("</g>")
    return out


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _fits(box: Box, placed: list[Box], width: int, height: int) -> bool:
    if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
        return False
    return all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed)


def _label_box(x: float, y: float, dx: float, dy: float, w: float, h: float) -> tuple[Box, float, float, str]:
    """The box of a label offset by (dx, dy) from a dot, its text anchor point and alignment."""
    anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
    tx, ty = x + dx, y + dy + (4 if dy == 0 else 0 if dy < 0 else h - 2)
    left = tx - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
    return (left, ty - h + 2, left + w, ty + 2), tx, ty, anchor


def _place_label(x: float, y: float, text: str, placed: list[Box], width: int, height: int) -> tuple[float, float, str, bool]:
    """Where a point's label goes: the nearest spot around its dot that covers nothing placed yet,
    further out when the place is crowded (with a leader line back to the dot, the last value); when
    nothing is free, right of the dot anyway, so that every place is named."""
    w, h = len(text) * _CHAR_WIDTH + 2, 14.0  # a little over the drawn text's box, so that labels never touch
    for ring in _LABEL_RINGS:
        for ux, uy in _LABEL_DIRECTIONS:
            box, tx, ty, anchor = _label_box(x, y, ux * ring, uy * ring, w, h)
            if _fits(box, placed, width, height):
                placed.append(box)
                return tx, ty, anchor, ring > _LABEL_RINGS[0]
    box, tx, ty, anchor = _label_box(x, y, _LABEL_RINGS[0] if x + w + 8 < width else -_LABEL_RINGS[0], 0, w, h)
    placed.append(box)
    return tx, ty, anchor, False


def _route_label(start: tuple[float, float], control: tuple[float, float], end: tuple[float, float], text: str,
                 placed: list[Box], width: int, height: int) -> tuple[float, float, str] | None:
    """A spot on (or just beside) the curve where the route's label covers nothing else."""
    w, h = len(text) * _CHAR_WIDTH, 12.0
    for t in (0.5, 0.4, 0.6, 0.3, 0.7):
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t * t * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t * t * end[1]
        for dy in (4, -8, 16):
            box = (x - w / 2, y + dy - h + 2, x + w / 2, y + dy + 2)
            if _fits(box, placed, width, height):
                placed.append(box)
                return x, y + dy, text
    return None


@dataclass
class Figure:
    svg: str
    skipped: list[Arrow]  # arrows not drawn: an end not among the points, or both ends at one spot at this scale
    short: list[Arrow] = field(default_factory=list)  # drawn, but shorter than SHORT_ROUTE: worth a zoomed detail


def route_figure(points: list[Point], arrows: list[Arrow], *, width: int = 640, height: int = 400, caption: str = "",
                 min_pad: float = 1.0) -> Figure:
    """An SVG figure of ``points`` and ``arrows``.

    When some arrows can be drawn, the frame fits their ends (other points show
    when they fall inside it), so routes are not shrunk to dots by a far-away place.
    ``min_pad`` (degrees) is the least margin around them: a zoomed detail takes less.
    """
    if not points:
        return Figure('<p class="empty">no place with coordinates to draw</p>', list(arrows))
    margin = 28
    keys = {p.key for p in points}
    ends = {k for a in arrows if a.origin in keys and a.destination in keys and a.origin != a.destination for k in (a.origin, a.destination)}
    framed = [p for p in points if p.key in ends] or points
    proj = _Projection(framed, width, height, margin, min_pad)
    # A wide, flat set of places needs less height than the most allowed: shrink the figure to fit.
    used = int((proj.lat1 - proj.lat0) * proj.scale) + 2 * margin
    if used < height:
        height = max(used, 160)
        proj = _Projection(framed, width, height, margin, min_pad)
    xy = {p.key: proj(p.lat, p.lon) for p in points}
    # Points outside the frame are left out.
    xy = {k: (x, y) for k, (x, y) in xy.items() if 0 <= x <= width and 0 <= y <= height}
    points = [p for p in points if p.key in xy]
    skipped: list[Arrow] = []
    short: list[Arrow] = []
    modes = sorted({a.mode for a in arrows})
    colour = {m: MODE_COLOURS.get(m, _OTHER_MODE) for m in modes}
    out = [
        f'<svg class="routes" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{esc(caption or "route figure")}">',
        "<defs>",
    ]
    for m in modes:
        out.append(
            f'<marker id="arrow-{esc(m)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour[m]}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>')
    out += _grid(proj, width, height)
    out.append('<g class="arrows">')
    pair_count: dict[tuple[str, str], int] = {}
    tips: dict[str, list[tuple[float, float]]] = {}  # where routes already end around each dot
    curves: list[tuple[tuple[float, float], tuple[float, float], tuple[float, float], Arrow]] = []
    for a in arrows:
        if a.origin not in xy or a.destination not in xy or a.origin == a.destination:
            skipped.append(a)
            continue
        (x1, y1), (x2, y2) = xy[a.origin], xy[a.destination]
        dist = math.hypot(x2 - x1, y2 - y1)
        if dist < 10:
            skipped.append(a)
            continue
        pair = tuple(sorted((a.origin, a.destination)))
        n = pair_count.get(pair, 0)  # type: ignore[arg-type]
        pair_count[pair] = n + 1  # type: ignore[index]
        # Alternate sides and bend further for each further route between the same two places.
        bend = (0.18 + 0.14 * (n // 2)) * (1 if n % 2 == 0 else -1) * (1 if a.origin <= a.destination else -1)
        ux, uy = (x2 - x1) / dist, (y2 - y1) / dist
        cx, cy = (x1 + x2) / 2 - uy * bend * dist, (y1 + y2) / 2 + ux * bend * dist
        # Stop short of the dots so the arrowheads show, each where no other route's end already is.
        sx, sy = _tip(a.origin, x1, y1, cx, cy, tips)
        ex, ey = _tip(a.destination, x2, y2, cx, cy, tips)
        if math.hypot(ex - sx, ey - sy) < SHORT_ROUTE:  # the drawn curve is at least as long as this chord
            short.append(a)
        stroke = min(1.5 + 1.2 * math.log2(a.weight), 7) if a.weight > 1 else 1.8
        dash = ' stroke-dasharray="6 4"' if a.kind == "trade" else ""
        start_marker = f' marker-start="url(#arrow-{esc(a.mode)})"' if a.bidirectional else ""
        out.append(
            f'<path class="route" d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" '
            f'stroke="{colour[a.mode]}" stroke-width="{stroke:.1f}"{dash}{start_marker} marker-end="url(#arrow-{esc(a.mode)})">'
            f"<title>{esc(a.title or a.label)}</title></path>"
        )
        curves.append(((sx, sy), (cx, cy), (ex, ey), a))
    out.append("</g>")
    # Labels go where they cover nothing already placed: the mode legend, the dots, the arrowheads, other labels.
    placed: list[Box] = [(width - 100, 0, width, 8 + 14 * len(modes))] if modes else []
    placed += [(x - 4, y - 4, x + 4, y + 4) for x, y in xy.values()]
    for start, _, end, a in curves:
        placed += [(x - 7, y - 7, x + 7, y + 7) for x, y in ((end, start) if a.bidirectional else (end,))]
    labels = []
    for start, control, end, a in curves:
        spot = _route_label(start, control, end, a.label, placed, width, height)
        if spot is None and a.tag:
            spot = _route_label(start, control, end, a.tag, placed, width, height)
        if spot:
            labels.append((*spot, colour[a.mode]))
    out.append('<g class="points">')
    for p in sorted(points, key=lambda p: -p.weight):
        x, y = xy[p.key]
        r = min(3 + 1.5 * math.log2(max(p.weight, 1)), 9)
        out.append(f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{esc(p.name)} ({p.lat:.3f}, {p.lon:.3f}) {esc(p.kind)}</title></circle>')
        tx, ty, anchor, leader = _place_label(x, y, p.name, placed, width, height)
        if leader:
            out.append(f'<line class="leader" x1="{x:.1f}" y1="{y:.1f}" x2="{tx:.1f}" y2="{ty - 4:.1f}"/>')
        out.append(f'<text class="place-label" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" data-place="{esc(p.key)}">{esc(p.name)}</text>')
    out.append("</g>")
    out.append('<g class="route-labels">')
    for x, y, text, c in labels:
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="{c}">{esc(text)}</text>')
    out.append("</g>")
    if modes:
        out.append('<g class="mode-legend">')
        for k, m in enumerate(modes):
            y = 14 + 14 * k
            out.append(f'<line x1="{width - 96}" y1="{y - 4}" x2="{width - 74}" y2="{y - 4}" stroke="{colour[m]}" stroke-width="2"/>')
            out.append(f'<text x="{width - 70}" y="{y}">{esc(m)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return Figure("".join(out), skipped, short)


def _tip(key: str, x: float, y: float, tx: float, ty: float, tips: dict[str, list[tuple[float, float]]]) -> tuple[float, float]:
    """Where a route ends near the dot at (x, y), heading for (tx, ty): 6 px short of it, or further
    out along its way when another route already ends there, so that no arrowhead hides another."""
    taken = tips.setdefault(key, [])
    dist = math.hypot(tx - x, ty - y) or 1.0
    for d in (6.0, 18.0, 30.0):
        px, py = x + (tx - x) / dist * d, y + (ty - y) / dist * d
        if all(math.hypot(px - qx, py - qy) >= 10 for qx, qy in taken):
            break
    taken.append((px, py))
    return px, py
