"""``wireclaims report``: the story page, the run summary, and the page in a real (headless) Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pipeline
from pipeline.cli import main
from pipeline.report import read_texts, report, story_html, write_run_report
from pipeline.report.html import highlight_tables, style
from pipeline.schema import TABLES

from .conftest import FIXTURES, SEED_STORY

# --- reading a page back -------------------------------------------------------------


class StoryText(HTMLParser):
    """The text of ``<pre id="story-text">`` with the offsets, row keys and style of every highlight."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.text: list[str] = []
        self.at = 0
        self.open: list[dict | None] = []
        self.segments: list[dict] = []
        self.script_id: str | None = None
        self.data_json = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "pre" and a.get("id") == "story-text":
            self.inside = 1
            return
        if tag == "script":
            self.script_id = a.get("id")
        if self.inside and tag == "span":
            seg = None
            if "hl" in (a.get("class") or "").split():
                seg = {"start": self.at, "keys": a["data-r"].split(), "further": (a.get("data-f") or "").split(),
                       "class": a["class"], "style": a.get("style", "")}
            self.open.append(seg)

    def handle_endtag(self, tag):
        if tag == "pre" and self.inside:
            self.inside = 0
        elif tag == "script":
            self.script_id = None
        elif self.inside and tag == "span":
            seg = self.open.pop()
            if seg is not None:
                seg["end"] = self.at
                self.segments.append(seg)

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)
            self.at += len(data)
        elif self.script_id == "wc-data":
            self.data_json += data


def parse_page(html: str) -> StoryText:
    p = StoryText()
    p.feed(html)
    return p


def covered(segments: list[dict], key: str) -> set[int]:
    return {i for s in segments if key in s["keys"] for i in range(s["start"], s["end"])}


# --- rows for every table, made from the seed's gold annotations -----------------------


def _find(raw: str, text: str, after: int = 0) -> tuple[int, int] | None:
    m = re.compile(r"\s+".join(re.escape(w) for w in text.split())).search(raw, after)
    return (m.start(), m.end()) if m else None


def _first(value):
    return value[0] if isinstance(value, list) else value


def gold_tables(extracted: pipeline.Tables, raw: str) -> pipeline.Tables:
    """The seed's extracted actors and places plus quantities, dates, claims, routes and experts from gold.

    The renderer is tested on every kind of row whatever the extractors fill in so
    far; gold gives no offsets, so each row's span is where its text first occurs.
    """
    gold = json.loads((FIXTURES / "seed" / "gold.json").read_text(encoding="utf-8"))
    sid = extracted.stories["story_id"].iloc[0]
    rows = {name: t.to_pylist() for name, t in extracted.to_arrow().items()}
    actor_of = {}
    for a in rows["actors"]:
        for n in [a["name"], *(a["aliases"] or [])]:
            actor_of.setdefault(n, a["actor_id"])
    place_of = {}
    for p in rows["places"]:
        for n in [p["name"], p["text"], *(p["aliases"] or [])]:
            place_of.setdefault(n, p)
    rows["quantities"] = []
    for q in gold["quantities"]:
        span = _find(raw, q["text"])
        if span:
            rows["quantities"].append({**{k: _first(v) for k, v in q.items() if k != "alt"}, "story_id": sid, "quantity_id": f"Q{len(rows['quantities']) + 1}",
                                       "start": span[0], "end": span[1], "sentence": 0})
    rows["dates"] = []
    for d in gold["dates"]:
        span = _find(raw, d["text"])
        if span:
            rows["dates"].append({**d, "story_id": sid, "date_id": f"D{len(rows['dates']) + 1}", "kind": "date", "start": span[0], "end": span[1]})
    rows["claims"] = []
    for c in gold["claims"]:
        span = _find(raw, _first(c["content"]).strip('"'))
        if span:
            source = _first(c["source"])
            rows["claims"].append({**{k: _first(v) for k, v in c.items() if k != "optional"}, "story_id": sid, "claim_id": f"C{len(rows['claims']) + 1}",
                                   "source_actor_id": actor_of.get(source), "source_kind": "person" if source in actor_of else "anonymous",
                                   "start": span[0], "end": span[1], "sentence": 0})
    rows["routes"] = []
    for r in gold["routes"]:
        origin = next((place_of[n] for n in r["origin"] if n in place_of), None)
        destination = next((place_of[n] for n in r["destination"] if n in place_of), None)
        anchor = _first(r.get("vehicle")) or _first(r["cargo"])
        span = _find(raw, anchor)
        if span:
            rows["routes"].append({**{k: _first(v) for k, v in r.items() if k not in ("cargo", "origin", "destination")}, "cargo": r["cargo"],
                                   "story_id": sid, "route_id": f"R{len(rows['routes']) + 1}",
                                   "origin": origin["name"] if origin else r["origin"][0], "destination": destination["name"] if destination else r["destination"][0],
                                   "origin_place_id": origin and origin["place_id"], "destination_place_id": destination and destination["place_id"],
                                   "capacity": [], "start": span[0], "end": span[1]})
    rows["experts"] = [
        {"story_id": sid, "actor_id": actor_of[e["name"]], "name": e["name"], "title": _first(e["title"]), "affiliation": e.get("affiliation"), "claims": 1}
        for e in gold["experts"] if e["name"] in actor_of
    ]
    return pipeline.Tables.from_rows(rows)


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    """The seed story's page, written by the command line as a user would."""
    out = tmp_path_factory.mktemp("report") / "seed.html"
    assert main(["report", str(SEED_STORY), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def full_tables(seed_tables, seed_text) -> pipeline.Tables:
    return gold_tables(seed_tables, seed_text)


@pytest.fixture(scope="module")
def full_page(full_tables, seed_text, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "seed-every-table.html"
    out.write_text(story_html(full_tables, seed_text), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def run_report(fixture_run_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run-report")
    assert main(["report", str(fixture_run_dir), "-o", str(out)]) == 0
    return out


# --- the story page ------------------------------------------------------------------


def test_page_shows_the_raw_text_exactly(seed_page, seed_text):
    page = parse_page(seed_page.read_text(encoding="utf-8"))
    assert "".join(page.text) == seed_text


def test_every_row_is_highlighted_at_its_offsets(seed_page, seed_tables, seed_text):
    page = parse_page(seed_page.read_text(encoding="utf-8"))
    checked = 0
    for table in highlight_tables():
        id_col = TABLES[table].id_column
        for row in seed_tables[table].to_dict("records"):
            key = f"{table}:{row[id_col]}"
            chars = covered(page.segments, key)
            assert set(range(row["start"], row["end"])) <= chars, f"{key} {seed_text[row['start']:row['end']]!r} not highlighted"
            checked += 1
    assert checked == sum(len(seed_tables[t]) for t in highlight_tables()) > 0


def test_seed_page_has_every_kind_of_highlight(seed_page):
    # The bar: the real extraction of the seed shows actors, places, quantities, dates, routes and claims.
    page = parse_page(seed_page.read_text(encoding="utf-8"))
    kinds = {k.split(":")[0] for s in page.segments for k in s["keys"]}
    assert kinds == set(highlight_tables())


def test_further_mentions_are_pale_and_never_in_the_header(seed_page, seed_tables, seed_text):
    page = parse_page(seed_page.read_text(encoding="utf-8"))
    body_start = seed_text.index("SEOUL/VLADIVOSTOK, Russia May 3")
    further = [s for s in page.segments if s["further"]]
    assert further, "no further mention marked"
    assert all(s["start"] >= body_start for s in further)
    # A further mention reads as one of the row's names.
    actors = {f"actors:{r['actor_id']}": r for r in seed_tables.actors.to_dict("records")}
    for s in further:
        for key in s["further"]:
            if key in actors:
                names = {" ".join(n.split()) for n in [actors[key]["name"], actors[key]["text"], *actors[key]["aliases"]]}
                assert " ".join(seed_text[s["start"]:s["end"]].split()) in names or any(
                    " ".join(seed_text[s["start"]:s["end"]].split()) in n for n in names
                )
    # No row gets more further mentions than its count says.
    for key, row in actors.items():
        starts = {s["start"] for s in further if key in s["further"]}
        assert len(starts) <= row["mentions"] - 1


def test_every_kind_of_row_is_highlighted_in_its_own_style(full_page, full_tables):
    page = parse_page(full_page.read_text(encoding="utf-8"))
    for table in highlight_tables():
        n = len(full_tables[table])
        assert n > 0, f"the gold-derived {table} table is empty"
        keys = {k for s in page.segments for k in s["keys"] if k.startswith(table + ":")}
        assert len(keys) == n, f"{table}: {len(keys)} of {n} rows highlighted"
        s = style(table)
        with_style = [seg for seg in page.segments if any(k.startswith(table + ":") for k in seg["keys"])]
        if s.kind == "fill":
            assert any("background" in seg["style"] for seg in with_style)
        else:
            assert all(f"ln-{table}" in seg["class"] for seg in with_style)
    # Distinct colours: no two tables look alike.
    looks = [(style(t).kind, style(t).colour) for t in highlight_tables()]
    assert len(set(looks)) == len(looks)


def test_hover_details(full_page, full_tables):
    data = json.loads(parse_page(full_page.read_text(encoding="utf-8")).data_json)["rows"]
    details = {key: dict(d["d"]) for key, d in data.items()}
    kim = full_tables.actors.set_index("name").loc["Kim Jong Un"]
    d = details[f"actors:{kim['actor_id']}"]
    assert "Kim" in d["aliases"] and d["title"] == kim["title"]
    q = full_tables.quantities.iloc[0]
    d = details[f"quantities:{q['quantity_id']}"]
    assert d["value"] == "90" and d["unit"] == "percent"
    c = full_tables.claims.set_index("source").loc["Leonid Petrov"].iloc[0]
    d = details[f"claims:{c['claim_id']}"]
    assert d["source"] == "Leonid Petrov"
    # An id is shown with what it names, and an expert row shows on its actor.
    assert d["source_actor_id"] == f"{c['source_actor_id']} Leonid Petrov"
    assert "North Korea expert" in details[f"actors:{c['source_actor_id']}"]["experts"]


def test_route_figure(full_page, full_tables):
    html = full_page.read_text(encoding="utf-8")
    figure = html[html.index('<section class="figure">'):html.index("</section>", html.index('<section class="figure">'))]
    svg = figure[figure.index('<svg class="routes"'):figure.index("</svg>") + 6]  # the story's figure; a detail may follow
    places = full_tables.places.dropna(subset=["lat", "lon"])
    assert 2 <= svg.count('<circle class="place"') <= len(places)
    drawn = set(re.findall(r'<path class="route"[^>]*><title>(R\d+):', figure))
    not_drawn = figure.count(" → ", figure.index("not drawn")) if "not drawn" in figure else 0
    # Every route is drawn (in the figure or its zoomed-in details: a short one in both) or listed as not drawn.
    assert len(drawn) + not_drawn == len(full_tables.routes) and len(drawn) >= 4
    for mode in set(full_tables.routes["mode"]):
        assert f">{mode}" in svg  # arrow labels and the mode legend
    assert "marker-start" in svg  # bidirectional routes have two heads


def test_page_is_self_contained(seed_page):
    html = seed_page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", html, re.I)
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_text_is_escaped(tmp_path):
    raw = 'Acme Corp said <script>alert("x")</script> & Co. would ship 5 tonnes to Rotterdam. </pre>'
    tables = pipeline.extract(raw)
    html = story_html(tables, raw)
    assert "<script>alert" not in html and "</pre> " not in html and "alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "".join(parse_page(html).text) == raw


def test_story_of_a_record_file(tmp_path):
    # One record of a JSON Lines file is one story: offsets index the record's text.
    text = "MOSCOW (Reuters) - Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday."
    records = tmp_path / "one.jsonl"
    records.write_text(json.dumps({"text": text, "date": "2013-03-22"}) + "\n", encoding="utf-8")
    result = report(records, tmp_path / "one.html")
    page = parse_page(result.path.read_text(encoding="utf-8"))
    assert "".join(page.text) == text
    assert any(text[s["start"]:s["end"]] == "Vladimir Putin" for s in page.segments)


# --- a run -----------------------------------------------------------------------------


def test_run_summary(run_report, fixture_run_dir):
    tables = pipeline.load(fixture_run_dir)
    index = (run_report / "index.html").read_text(encoding="utf-8")
    ok = int((tables.stories["status"] == "ok").sum())
    failed = int((tables.stories["status"] == "error").sum())
    assert f"stories ok <b>{ok}</b>" in index and f"failed <b>{failed}</b>" in index
    for heading in ("Stories", "Entities across the stories", "Experts across the stories", "Most quoted", "Route network between countries", "Routes across stories", "Quantities by unit"):
        assert f"<h2>{heading}" in index
    # The run is linked: the entity (not a country) named in the most stories is listed first.
    top = tables.entities[tables.entities["kind"] != "country"]["stories"].max()
    first_row = re.search(r'<section id="entities" class="wide">.*?<tbody><tr>(?:<td>.*?</td>){5}<td>(\d+)</td>', index, re.S)
    assert first_row and int(first_row[1]) == top
    # Every story has a page, linked from the summary, and every link resolves.
    links = re.findall(r'href="(stories/[^"]+)"', index)
    assert len(links) == len(tables.stories)
    assert all((run_report / link).is_file() for link in links)
    error_row = tables.stories[tables.stories["status"] == "error"].iloc[0]
    assert error_row["error"] in index


def test_run_story_pages_have_their_text(run_report, fixture_run_dir):
    tables = pipeline.load(fixture_run_dir)
    for story in tables.stories.to_dict("records"):
        html = (run_report / "stories" / f"{story['story_id']}.html").read_text(encoding="utf-8")
        if story["status"] != "ok":
            assert "could not be processed" in html
            continue
        page = parse_page(html)
        raw = Path(story["source"]).read_text(encoding="utf-8")
        assert "".join(page.text) == raw
        n_rows = sum(len(tables.story(story["story_id"])[t]) for t in highlight_tables())
        assert len({k for s in page.segments for k in s["keys"]}) == n_rows


def test_run_report_when_a_source_changed(fixture_run_dir, tmp_path):
    tables = pipeline.load(fixture_run_dir)
    ok = tables.stories[tables.stories["status"] == "ok"]
    moved = tmp_path / "story.txt"
    source = ok["source"].iloc[0]
    moved.write_text(Path(source).read_text(encoding="utf-8") + "\nA correction appended later.\n", encoding="utf-8")
    tables.stories.loc[tables.stories["source"] == source, "source"] = str(moved)
    texts = read_texts(tables.stories.to_dict("records"))
    sid = ok["story_id"].iloc[0]
    assert sid not in texts  # the text no longer hashes to the story id: no wrong highlights
    assert len(texts) == len(ok) - 1
    result = write_run_report(tables, tmp_path / "report", texts=texts, limit=None)
    assert result.without_text == [sid]
    assert "could not be read again" in (tmp_path / "report" / "stories" / f"{sid}.html").read_text(encoding="utf-8")


def test_limit_writes_fewer_pages_but_summarises_every_story(fixture_run_dir, tmp_path):
    tables = pipeline.load(fixture_run_dir)
    assert main(["report", str(fixture_run_dir), "-o", str(tmp_path), "--limit", "2"]) == 0
    assert len(list((tmp_path / "stories").glob("*.html"))) == 2
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="stories/', index)) == 2
    assert index.count("<tr>") >= len(tables.stories)  # every story is still a row of the summary


def test_stories_not_run_yet_are_reported_like_a_run(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a.txt").write_text("LONDON (Reuters) - BP said on Monday it would sell its stake in the Rotterdam refinery.", encoding="utf-8")
    (folder / "b.txt").write_text("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Friday.", encoding="utf-8")
    result = report(folder, tmp_path / "out")
    assert result.path == tmp_path / "out" / "index.html" and result.pages == 3 and not result.without_text
    for page in (tmp_path / "out" / "stories").glob("*.html"):
        parsed = parse_page(page.read_text(encoding="utf-8"))
        assert parsed.segments  # the text was at hand: highlighted


def test_report_of_a_missing_path_fails_cleanly(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nothing-here.txt"), "-o", str(tmp_path / "x.html")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


# --- in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from .chromium import Browser, ChromiumError, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed and could not be installed (apt-get install chromium)")
    try:
        b = Browser(binary)
    except (ChromiumError, OSError) as exc:
        pytest.skip(f"Chromium does not start here: {exc}")
    yield b
    b.close()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _screenshot(browser, tmp_path: Path, name: str) -> Path:
    """A screenshot of the page, checked for size; kept in $WIRECLAIMS_SCREENSHOTS when set, for people to look at."""
    shot = browser.screenshot(tmp_path / name)
    assert _png_size(shot) == (1400, 1000)
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few hundred bytes
    keep = os.environ.get("WIRECLAIMS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / name)
    return shot


@pytest.mark.parametrize("which", ["seed_page", "full_page"])
def test_page_in_chromium(browser, which, request, tmp_path):
    path: Path = request.getfixturevalue(which)
    html = path.read_text(encoding="utf-8")
    expected = {t: len({k for s in parse_page(html).segments for k in s["keys"] if k.startswith(t + ":")}) for t in highlight_tables()}
    browser.open(path)
    assert browser.console_errors() == []
    assert browser.requests() == [path.resolve().as_uri()], "the page fetched something"
    found = browser.evaluate(
        """(() => { const keys = {};
            document.querySelectorAll('#story-text .hl').forEach(el => el.dataset.r.split(' ').forEach(k => keys[k] = 1));
            const n = {}; Object.keys(keys).forEach(k => { const t = k.split(':')[0]; n[t] = (n[t] || 0) + 1; });
            return n; })()"""
    )
    assert {t: found.get(t, 0) for t in expected} == expected
    # Highlights are painted: the first actor's segment has a background.
    painted = browser.evaluate(
        "(() => { const el = document.querySelector('#story-text .hl[data-r^=\"actors:\"]'); const cs = getComputedStyle(el);"
        " return [cs.backgroundColor, cs.backgroundImage]; })()"
    )
    assert painted[0] not in ("rgba(0, 0, 0, 0)", "transparent") or painted[1] != "none"
    # Hovering an actor shows its details.
    tip = browser.evaluate(
        """(() => { const el = [...document.querySelectorAll('#story-text .hl')].find(e => e.textContent === 'Kim Jong Un');
            el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            const tip = document.getElementById('wc-tip');
            return [tip.hidden, tip.textContent, document.querySelectorAll('tr.focus').length]; })()"""
    )
    assert tip[0] is False and "Kim Jong Un" in tip[1] and "aliases" in tip[1] and "Kim" in tip[1]
    assert tip[2] >= 1  # the actor's table row lights up too
    figure = browser.evaluate("(() => { const r = document.querySelector('svg.routes').getBoundingClientRect(); return [r.width, r.height, document.querySelectorAll('svg.routes circle').length]; })()")
    assert figure[0] > 300 and figure[1] > 150 and figure[2] > 0
    _screenshot(browser, tmp_path, f"report-{which}.png")
    assert browser.console_errors() == []


def test_run_summary_in_chromium(browser, run_report, tmp_path):
    index = run_report / "index.html"
    browser.open(index)
    assert browser.console_errors() == []
    assert browser.requests() == [index.resolve().as_uri()]
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert hrefs and all(h.startswith("file://") and Path(h[len("file://"):]).is_file() for h in hrefs)
    _screenshot(browser, tmp_path, "report-run-summary.png")
