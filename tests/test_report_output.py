"""``wireclaims report`` writes where it is told, whatever the number of stories, and its exit code says how it went."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED_STORY
from .test_report import _screenshot, browser  # noqa: F401 - the Chromium fixture

STORIES = {
    "a": "LONDON (Reuters) - BP said on Monday it would sell its stake in the Rotterdam refinery.",
    "b": "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Friday.",
    "c": "Oil exports from Iraq rose 5 percent to 3 million barrels a day in May, the ministry said.",
}


def wireclaims(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    """Three JSON Lines records whose text is in a field the defaults do not know."""
    path = tmp_path_factory.mktemp("records") / "wire.jsonl"
    path.write_text("".join(json.dumps({"id": k, "story": v}) + "\n" for k, v in STORIES.items()))
    return path


@pytest.fixture(scope="module")
def page_report(records, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "wire.html"
    result = wireclaims("report", str(records), "--text-field", "story", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote {out} (4 pages)" in result.stdout
    return out


def _links(page: Path) -> list[str]:
    return re.findall(r'<a[^>]* href="([^"#]+)"', page.read_text(encoding="utf-8"))


def test_one_story_writes_the_page_named(tmp_path):
    out = tmp_path / "seed.html"
    result = wireclaims("report", str(SEED_STORY), "-o", str(out))
    assert result.returncode == 0 and out.is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["seed.html"]
    folder = tmp_path / "dir"
    assert wireclaims("report", str(SEED_STORY), "-o", f"{folder}/").returncode == 0
    assert (folder / "index.html").is_file()


def test_several_stories_write_the_page_named_and_a_folder_beside_it(page_report):
    pages = sorted((page_report.parent / "wire_files").glob("*.html"))
    assert page_report.is_file() and len(pages) == 3
    links = [link for link in _links(page_report) if link.endswith(".html")]
    assert sorted(links) == sorted(f"wire_files/{p.name}" for p in pages)
    for p in pages:  # each story page links back to the summary
        assert "../wire.html" in _links(p)
        assert (p.parent / "../wire.html").resolve() == page_report.resolve()


def test_several_stories_into_a_folder(records, tmp_path):
    result = wireclaims("report", str(records), "--text-field", "story", "-o", f"{tmp_path / 'site'}/", "--limit", "2")
    assert result.returncode == 0, result.stderr
    index = tmp_path / "site" / "index.html"
    assert f"wrote {index} (3 pages)" in result.stdout
    assert len(list((tmp_path / "site" / "stories").glob("*.html"))) == 2  # --limit: at most 2 story pages ...
    text = index.read_text(encoding="utf-8")
    assert all(f"{records}::{n}" in text for n in (1, 2, 3))  # ... and the summary still covers every story


def test_a_run_reported_from_json_lines_finds_its_texts_with_the_same_field(records, tmp_path):
    out = tmp_path / "run"
    assert wireclaims("run", str(records), "-o", str(out), "-q", "--text-field", "story").returncode == 0
    result = wireclaims("report", str(out), "-o", str(tmp_path / "run.html"), "--text-field", "story")
    assert result.returncode == 0 and "without text" not in result.stdout, result.stdout
    assert len(list((tmp_path / "run_files").glob("*.html"))) == 3
    assert not list((tmp_path / "run").glob("*.html"))  # the run's own folder, beside run.html, is left alone


def test_every_story_failed_exits_1(records, tmp_path):
    result = wireclaims("report", str(records), "-o", str(tmp_path / "x.html"))  # no --text-field: no text found
    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 of 3 stories failed (every one)" in result.stdout
    one = wireclaims("report", str(records) + "-missing", "-o", str(tmp_path / "y.html"))
    assert one.returncode == 2 and "no such file or folder" in one.stderr


def test_an_output_path_that_is_a_file(records, tmp_path):
    (tmp_path / "taken").write_text("mine")
    result = wireclaims("report", str(records), "--text-field", "story", "-o", str(tmp_path / "taken"))
    assert result.returncode == 2 and "is a file" in result.stderr and "Traceback" not in result.stderr, result.stderr
    (tmp_path / "wire_files").write_text("mine")  # where x.html's story pages would go
    result = wireclaims("report", str(records), "--text-field", "story", "-o", str(tmp_path / "wire.html"))
    assert result.returncode == 2 and "is a file, where a folder is needed" in result.stderr, result.stderr
    assert (tmp_path / "taken").read_text() == "mine" and (tmp_path / "wire_files").read_text() == "mine"


def test_page_and_folder_in_chromium(browser, page_report, tmp_path):  # noqa: F811
    browser.open(page_report)
    assert browser.console_errors() == []
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.href).filter(h => h.endsWith('.html'))")
    assert len(hrefs) == 3 and all(Path(h[len("file://"):]).is_file() for h in hrefs)
    _screenshot(browser, tmp_path, "report-output-summary.png")
    browser.open(Path(hrefs[0][len("file://"):]))
    back = browser.evaluate("document.querySelector('a.back').href")
    assert Path(back[len("file://"):]).resolve() == page_report.resolve()
    _screenshot(browser, tmp_path, "report-output-story.png")
