"""The route network on a world map: links between countries over real coastlines and borders.

The base map is the world map the ``pygal_maps_world`` package ships (``worldmap.svg``: one
group of paths per country, keyed by its ISO 3166 alpha-2 code), inlined in the page: no
tile server, nothing fetched when the page is viewed. A link's ends are its countries'
centres, taken from the map's own paths (the middle of each country's largest shape), so
the links sit on the map whatever its projection.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pycountry

from .html import esc

MAP_PACKAGE = "pygal_maps_world"
_COUNTRY = re.compile(r'<g class="([a-z]{2}) country[^"]*">(.*?)</g>', re.S)
_PATH = re.compile(r'<path d="([^"]+)"')
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "z": 0}
MIN_SHAPE = 3  # map units: smaller islets are left out
MODE_COLOURS = {"sea": "#1677ff", "pipeline": "#d46b08", "rail": "#531dab", "road": "#5b8c00", "air": "#c41d7f", "unspecified": "#595959"}


@dataclass(frozen=True)
class BaseMap:
    width: float
    height: float
    countries: str  # the SVG paths, one group per country
    centres: dict[str, tuple[float, float]]  # ISO alpha-2 (upper case) -> map x, y


def _ends(d: str) -> list[tuple[float, float]]:
    """The points a path passes through (segment ends; curves' control points left out)."""
    tokens = _TOKEN.findall(d)
    x = y = 0.0
    points: list[tuple[float, float]] = []
    command, i = "m", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            continue
        n = _ARGS.get(command.lower(), 2) or 2  # numbers after a closepath: a lineto's
        args = [float(t) for t in tokens[i:i + n]]
        i += n
        relative = command.islower()
        if command.lower() == "h":
            x = x + args[0] if relative else args[0]
        elif command.lower() == "v":
            y = y + args[0] if relative else args[0]
        else:
            ex, ey = args[-2], args[-1]
            x, y = (x + ex, y + ey) if relative else (ex, ey)
        points.append((x, y))
        if command == "m":
            command = "l"  # pairs after a moveto are linetos
        elif command == "M":
            command = "L"
    return points


def _centre(paths: list[str]) -> tuple[float, float]:
    """The middle of the bounding box of the largest of a country's shapes."""
    best, best_area = (0.0, 0.0), -1.0
    for d in paths:
        points = _ends(d)
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        area = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if area > best_area:
            best, best_area = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2), area
    return best


def _outline(d: str) -> str | None:
    """A shape as a polyline through its points rounded to whole map units (half a pixel on a page),
    repeats left out; None for an islet smaller than MIN_SHAPE units across. A fifth of the original's
    size, so the page stays quick to draw."""
    points: list[tuple[int, int]] = []
    for x, y in _ends(d):
        p = (round(x), round(y))
        if not points or p != points[-1]:
            points.append(p)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if len(points) < 3 or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_SHAPE:
        return None
    return "M" + " ".join(f"{x},{y}" for x, y in points) + "Z"


@lru_cache(maxsize=1)
def base_map() -> BaseMap:
    svg = files(MAP_PACKAGE).joinpath("worldmap.svg").read_text(encoding="utf-8")
    width, height = (float(v) for v in _VIEWBOX.search(svg).groups())
    groups, centres = [], {}
    for code, inner in _COUNTRY.findall(svg):
        paths = _PATH.findall(inner)
        centres[code.upper()] = _centre(paths)
        outlines = "".join(f'<path d="{o}"/>' for o in map(_outline, paths) if o)
        groups.append(f'<g class="land" data-c="{code.upper()}">{outlines}</g>')
    return BaseMap(width, height, "".join(groups), centres)


def alpha2(iso3: str | None) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return country.alpha_2 if country else None


@dataclass
class Link:
    origin: str  # ISO3
    destination: str
    mode: str
    stories: int
    routes: int
    cargo: list[str]
    years: str  # "2008-2012"


def _curve(a: tuple[float, float], b: tuple[float, float]) -> str:
    """A gentle arc from a to b (bent to the left of the way), so links both ways do not overlap."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    bend = 0.18
    cx, cy = mx - dy * bend, my + dx * bend
    return f"M{a[0]:.1f},{a[1]:.1f} Q{cx:.1f},{cy:.1f} {b[0]:.1f},{b[1]:.1f}"


def network_svg(links: list[Link]) -> str:
    """The map with the links drawn on it: width by stories, colour by mode; hover for details."""
    world = base_map()
    most = max((link.stories for link in links), default=1)
    drawn, hubs = [], {}
    for link in sorted(links, key=lambda k: k.stories):
        a, b = (world.centres.get(alpha2(c) or "") for c in (link.origin, link.destination))
        if a is None or b is None:
            continue
        width = 1.5 + 10 * math.sqrt(link.stories / most)
        title = (f"{link.origin} → {link.destination}, {link.mode}: {link.stories} stories, {link.routes} routes, {link.years}"
                 + (f"; cargo: {', '.join(link.cargo)}" if link.cargo else ""))
        colour = MODE_COLOURS.get(link.mode, MODE_COLOURS["unspecified"])
        if a == b:  # a route within one country
            drawn.append(f'<circle class="link" cx="{a[0]:.1f}" cy="{a[1]:.1f}" r="{width * 1.2:.1f}" fill="none" stroke="{colour}" stroke-width="2"><title>{esc(title)}</title></circle>')
        else:
            drawn.append(f'<path class="link" d="{_curve(a, b)}" stroke="{colour}" stroke-width="{width:.1f}"><title>{esc(title)}</title></path>')
        for code, point in ((link.origin, a), (link.destination, b)):
            hubs[code] = point
    labels = "".join(f'<text x="{p[0]:.1f}" y="{p[1] - 8:.1f}">{esc(code)}</text>' for code, p in sorted(hubs.items()))
    legend = "".join(
        f'<g transform="translate({20 + i * 150},{world.height - 30})"><rect width="40" height="8" fill="{colour}"/>'
        f'<text x="48" y="9">{esc(mode)}</text></g>'
        for i, (mode, colour) in enumerate(MODE_COLOURS.items())
    )
    return (
        f'<svg class="world" viewBox="0 0 {world.width:.0f} {world.height:.0f}" role="img" aria-label="route network">'
        f'<rect class="sea" width="100%" height="100%"/><g class="countries">{world.countries}</g>'
        f'<g class="links">{"".join(drawn)}</g><g class="hubs">{labels}</g><g class="mode-legend">{legend}</g></svg>'
    )
