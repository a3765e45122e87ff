"""The story report's route figure, measured in Chromium: every place named, short routes zoomed, two-way routes with two heads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.report.figure import SHORT_ROUTE

from .conftest import ROOT
from .test_report import _screenshot, browser  # noqa: F401 - the Chromium fixture

SEED = ROOT / "corpus" / "2017-05-03-russia-north-korea-ferry.txt"

# Per figure: its places and their labels, and each route's path: title, length, ends, markers.
MEASURE = """(() => [...document.querySelectorAll('svg.routes')].map(svg => ({
    places: [...svg.querySelectorAll('circle.place')].map(c => c.querySelector('title').textContent.split(' (')[0]),
    labels: [...svg.querySelectorAll('text.place-label')].map(t => t.textContent),
    boxes: [...svg.querySelectorAll('text.place-label')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.width, b.height]; }),
    routes: [...svg.querySelectorAll('path.route')].map(p => { const n = p.getTotalLength(), a = p.getPointAtLength(0), b = p.getPointAtLength(n);
        const title = p.querySelector('title').textContent;
        return {id: title.split(':')[0], title: title, length: n, start: [a.x, a.y], end: [b.x, b.y],
                heads: [p.getAttribute('marker-start'), p.getAttribute('marker-end')].filter(Boolean).length,
                twoWay: getComputedStyle(p).markerStart !== 'none'}; }),
})))()"""


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("figure") / "seed.html"
    result = subprocess.run([sys.executable, "-m", "pipeline", "report", str(SEED), "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def figures(browser, seed_report):  # noqa: F811
    browser.open(seed_report)
    assert browser.console_errors() == []
    return browser.evaluate(MEASURE)


def test_every_place_on_a_figure_is_named_the_main_country_too(figures):
    assert len(figures) >= 2  # the story's figure and at least one zoomed detail
    for fig in figures:
        assert sorted(fig["labels"]) == sorted(fig["places"])
    assert "North Korea" in figures[0]["labels"]  # the story's main country (its most mentioned)


def test_labels_of_the_story_figure_do_not_cover_one_another(figures):
    boxes = figures[0]["boxes"]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i) if _overlap(boxes[i], boxes[j])]
    assert not overlaps, [(figures[0]["labels"][i], figures[0]["labels"][j]) for i, j in overlaps]


def test_short_routes_are_drawn_again_zoomed_until_they_show(figures):
    longest: dict[str, float] = {}
    for fig in figures:
        for r in fig["routes"]:
            longest[r["id"]] = max(longest.get(r["id"], 0.0), r["length"])
    short_in_story = [r["id"] for r in figures[0]["routes"] if r["length"] < SHORT_ROUTE]
    assert short_in_story  # the seed's ferry and railway are a few pixels long at the story's scale
    assert all(longest[r] >= SHORT_ROUTE for r in short_in_story), {r: longest[r] for r in short_in_story}
    assert _ferry_and_railway(figures) <= set(longest)


def test_two_way_routes_have_two_heads_that_nothing_covers(figures, browser, tmp_path):  # noqa: F811
    two_way = [r for fig in figures for r in fig["routes"] if r["twoWay"]]
    assert {r["id"] for r in two_way} >= _ferry_and_railway(figures)
    assert all(r["heads"] == 2 for r in two_way)
    for fig in figures:  # no arrowhead sits on another: every route end is apart from the others
        ends = [p for r in fig["routes"] for p in (r["start"], r["end"])]
        close = [(a, b) for i, a in enumerate(ends) for b in ends[:i] if abs(a[0] - b[0]) + abs(a[1] - b[1]) < 8]
        assert not close, close
    browser.evaluate("document.querySelectorAll('svg.routes')[1].scrollIntoView()")
    _screenshot(browser, tmp_path, "report-route-figure-detail.png")


def _ferry_and_railway(figures: list[dict]) -> set[str]:
    """The ids of the seed's Rajin-Vladivostok ferry and Khasan-Rajin railway, found by their ends (ids are positional)."""
    titles = {r["id"]: r["title"] for fig in figures for r in fig["routes"]}
    ids = {i for i, t in titles.items() if ("Rajin" in t and "Vladivostok" in t) or ("Khasan" in t and "Rajin" in t)}
    assert len(ids) == 2, titles
    return ids


def _overlap(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    """Whether two boxes (x, y, width, height) overlap by more than ``slack`` px both ways."""
    return a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2] and a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3]
