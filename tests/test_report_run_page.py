"""The run's summary page, in Chromium: sortable tables, and who is quoted, grouped as a reader counts them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_report import _screenshot, browser  # noqa: F401 - the Chromium fixture

# Five short stories: OPEC named in full (alias OPEC), as "OPEC" and as "Opec"; Putin twice; the agency's
# own poll and calculations; anonymous analysts; a source the tables cannot name ("The company").
STORIES = {
    "a.txt": 'LONDON (Reuters) - The Organization of the Petroleum Exporting Countries (OPEC) said on Monday that oil output '
    'would rise. "Demand is strong," OPEC said. Russian President Vladimir Putin said Moscow would keep its exports steady. '
    "Analysts said prices could fall.",
    "b.txt": 'VIENNA (Reuters) - OPEC said on Tuesday it expected demand to grow next year. "We are confident," OPEC said in a '
    "statement. A Reuters poll showed that economists expect slower growth. Analysts said the group would meet again in June.",
    "c.txt": "MOSCOW (Reuters) - President Vladimir Putin said on Wednesday that Russia would build a new pipeline to China. "
    "Putin said the pipeline would carry gas. The company said the work would start in May, according to Reuters calculations.",
    "d.txt": "LONDON (Reuters) - Opec said on Thursday that its members would cut output. The Kremlin said Russia would not join the cut.",
    "e.txt": "MOSCOW (Reuters) - The Kremlin said on Friday that talks with OPEC went well. Analysts said the cut was small.",
}

TABLES = """(() => Object.fromEntries(['quoted', 'agency', 'anonymous', 'described', 'stories'].map(id =>
    [id, [...document.querySelectorAll('#' + id + ' tbody tr')].map(tr => [...tr.cells].map(td => td.textContent))])))()"""


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("quoted")
    (base / "in").mkdir()
    for name, text in STORIES.items():
        (base / "in" / name).write_text(text + "\n", encoding="utf-8")
    for args in (["run", str(base / "in"), "-o", str(base / "out"), "-q"], ["report", str(base / "out"), "-o", str(base / "run.html")]):
        result = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    return base / "run.html"


@pytest.fixture(scope="module")
def tables(browser, summary):  # noqa: F811
    browser.open(summary)
    assert browser.console_errors() == []
    return browser.evaluate(TABLES)


def test_most_quoted_groups_an_actor_across_stories_by_name_alias_and_case(tables):
    quoted = {row[0]: (int(row[2]), int(row[3])) for row in tables["quoted"]}
    # OPEC in full (a, b) and "Opec" (d) are one source: 4 claims in 3 stories; Putin's 3 claims in 2 stories.
    assert quoted["Organization of the Petroleum Exporting Countries"] == (4, 3)
    assert quoted["Vladimir Putin"] == (3, 2)
    assert not any("Reuters" in name or name.lower() in ("analysts", "the company") for name in quoted)


def test_the_agency_and_anonymous_sources_are_apart(tables):
    assert [row[0] for row in tables["agency"]] == ["Reuters"] and tables["agency"][0][2] == "2"
    anonymous = {row[0]: int(row[2]) for row in tables["anonymous"]}
    assert anonymous["Analysts"] == 3
    assert "The company" in [row[0] for row in tables["described"]]


def test_a_click_on_a_heading_sorts_its_table(browser, tables, tmp_path):  # noqa: F811
    def column(ident: str, index: int) -> list[str]:
        return browser.evaluate(f"[...document.querySelectorAll('#{ident} tbody tr')].map(tr => tr.cells[{index}].textContent)")

    def click(ident: str, index: int) -> None:
        browser.evaluate(f"document.querySelectorAll('#{ident} thead th')[{index}].click()")

    click("quoted", 0)  # text: A to Z first
    names = column("quoted", 0)
    assert names == sorted(names, key=str.lower) and len(names) >= 3
    click("quoted", 0)
    assert column("quoted", 0) == sorted(names, key=str.lower, reverse=True)
    click("quoted", 2)  # numbers: largest first, as numbers
    claims = [int(n) for n in column("quoted", 2)]
    assert claims == sorted(claims, reverse=True)
    click("quoted", 2)
    assert [int(n) for n in column("quoted", 2)] == sorted(claims)
    assert browser.evaluate("document.querySelectorAll('#quoted thead th')[2].getAttribute('aria-sort')") == "ascending"
    stories = [row[0] for row in tables["stories"]]
    click("stories", 0)
    assert column("stories", 0) == sorted(stories, key=str.lower)  # every table sorts, not only the quoted ones
    _screenshot(browser, tmp_path, "report-run-sorted.png")
