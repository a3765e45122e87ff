"""The archive report of a linked run, in Chromium: entities and experts with sparklines, the route
network on a world map, claims over time for a chosen entity, "Most quoted" by entity."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_report import _screenshot, browser  # noqa: F401 - the Chromium fixture

SECTIONS = ("entities", "experts", "claims-time", "network", "quoted", "agency", "anonymous", "stories")


@pytest.fixture(scope="module")
def archive_page(linked_run, tmp_path_factory) -> Path:
    _, _, out = linked_run
    page = tmp_path_factory.mktemp("archive-report") / "run.html"
    result = subprocess.run([sys.executable, "-m", "pipeline", "report", str(out), "-o", str(page)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return page


@pytest.fixture(scope="module")
def opened(browser, archive_page):  # noqa: F811
    browser.open(archive_page)
    assert browser.console_errors() == []
    assert browser.requests() == [archive_page.resolve().as_uri()]  # the map is in the page: nothing fetched
    return browser


def _column(browser, ident: str, index: int) -> list[str]:  # noqa: F811
    return browser.evaluate(f"[...document.querySelectorAll('#{ident} tbody tr')].map(tr => tr.cells[{index}].textContent)")


def test_every_archive_section_is_there(opened):
    present = opened.evaluate(f"{list(SECTIONS)}.filter(id => document.getElementById(id))")
    assert present == list(SECTIONS)


def test_entities_ranked_with_a_sparkline_each(opened, linked_run):
    _, after, _ = linked_run
    names = _column(opened, "entities", 0)
    stories = [int(n) for n in _column(opened, "entities", 5)]
    assert stories == sorted(stories, reverse=True) and "JP Morgan" in names
    assert "United States" not in names  # countries are the places' business, not the ranking's
    sparks = opened.evaluate("document.querySelectorAll('#entities svg.spark polyline').length")
    assert sparks == len(names)
    petrov = dict(zip(_column(opened, "experts", 0), _column(opened, "experts", 1)))["Leonid Petrov"]
    assert petrov.startswith("Australia National University (2017")


def test_route_network_is_drawn_on_a_world_map(opened):
    drawn = opened.evaluate(
        """(() => { const svg = document.querySelector('#network svg.world'); const r = svg.getBoundingClientRect();
            return [svg.querySelectorAll('g.land').length, svg.querySelectorAll('.links .link').length, r.width, r.height,
                    [...svg.querySelectorAll('.hubs text')].map(t => t.textContent)]; })()"""
    )
    countries, links, width, height, hubs = drawn
    assert countries >= 150 and links >= 3 and width > 600 and height > 300
    assert {"RUS", "CHN", "PRK"} <= set(hubs)
    rows = list(zip(_column(opened, "network", 0), _column(opened, "network", 1), _column(opened, "network", 2)))
    assert ("RUS", "CHN", "pipeline") in rows


def test_claims_over_time_follow_the_chosen_entity(opened):
    def bars():
        return opened.evaluate("[...document.querySelectorAll('#claims-chart rect.bar title')].map(t => t.textContent)")

    first = bars()
    options = opened.evaluate("[...document.querySelectorAll('#claims-entity option')].map(o => o.textContent)")
    assert first and len(options) >= 2 and not any("Reuters" in o for o in options)
    opened.evaluate("(() => { const s = document.getElementById('claims-entity'); s.value = '1'; s.dispatchEvent(new Event('change')); })()")
    assert bars() != first
    totals = [sum(int(t.split(": ")[1].split()[0]) for t in bars())]
    assert totals[0] == int(options[1].rsplit("(", 1)[1].rstrip(")"))


def test_most_quoted_by_entity_leaves_out_the_agency(opened, tmp_path):
    quoted = _column(opened, "quoted", 0)
    assert quoted and not any("Reuters" in name for name in quoted)
    assert any("Reuters" in name for name in _column(opened, "agency", 0))
    opened.evaluate("document.querySelectorAll('#entities thead th')[0].click()")
    names = _column(opened, "entities", 0)
    assert names == sorted(names, key=str.lower)
    opened.evaluate("document.getElementById('network').scrollIntoView()")
    _screenshot(opened, tmp_path, "report-archive-network.png")
