"""``wireclaims report``: self-contained HTML pages to look at an extraction.

* One story (a file, or one record of an archive or JSON Lines file): the
  pipeline runs on it and the page shows the raw story text with every table's
  rows highlighted in their own colour (hover for a row's details: an actor's
  aliases and title, a quantity's value and unit, a claim's source), a route
  figure (places at their coordinates, routes as arrows labelled by mode and
  cargo) and every table beside it.
* A run's output folder (or its ``claims.duckdb``): a summary page (stories ok
  and failed, top actors, experts, routes across stories, quantities by unit)
  linking to one such page per story. The story texts are read again from
  ``stories.source``; a story whose source is gone or has changed since the run
  still gets its page, with the tables but no highlights.
* Several stories that were not run yet (a folder, an archive): they are run in
  memory and written as a run's report.

Every page is one HTML file with its CSS, script and SVG inline; it fetches
nothing (a Content-Security-Policy forbids it).

>>> from pipeline.report import report
>>> report("corpus/2017-05-03-russia-north-korea-ferry.txt", "report.html")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..core import process_stories, read_items
from ..ingest.formats import Story, StoryError, parse_story, story_id_of
from ..ingest.sources import ReadOptions, decode, iter_items
from ..schema import TABLE_NAMES
from ..tables import Tables
from .html import Row, StoryRows
from .pages import rows_by_story, story_links, story_page, summary_page, table_rows

__all__ = ["report", "story_html", "write_story_report", "write_run_report", "ReportResult"]

_RUN_MARKERS = ("stories.parquet", "claims.duckdb", ".parts")


@dataclass
class ReportResult:
    path: Path  # the page to open: the story page, or the run's index.html
    pages: int = 0
    without_text: list[str] = field(default_factory=list)  # story ids whose text could not be read again

    def text(self) -> str:
        line = f"wrote {self.path} ({self.pages} page{'s' if self.pages != 1 else ''})"
        if self.without_text:
            line += f"; {len(self.without_text)} stories without text to highlight (source gone or changed)"
        return line


def is_run_output(path: str | os.PathLike) -> bool:
    p = Path(path)
    if p.is_file():
        return p.suffix in (".duckdb", ".db")
    # A partitioned stories table (a distributed run's folder) counts too.
    return p.is_dir() and (any((p / m).exists() for m in _RUN_MARKERS) or any((p / "stories").glob("*.parquet")))


def _body_start(raw: str) -> int:
    """Where the body starts in the raw text (further mentions are not looked for in the header)."""
    try:
        return parse_story(raw, "<report>").body.raw_offset(0)
    except StoryError:
        return 0


def story_html(tables: Tables, raw: str | None, *, back: str | None = None, note: str | None = None) -> str:
    """The page of one story from its tables (one story's rows) and its raw text."""
    rows = rows_by_story(table_rows(tables))
    story_rows: StoryRows = next(iter(rows.values())) if rows else {name: [] for name in TABLE_NAMES}
    return story_page(story_rows, raw, body_start=_body_start(raw) if raw else 0, back=back, note=note)


def write_story_report(story: Story | dict, out: str | os.PathLike) -> ReportResult:
    """Run the pipeline on one story and write its page."""
    result = process_stories([story])
    tables = Tables.from_rows(result.rows)
    raw = story.raw if isinstance(story, Story) else None
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write(out, story_html(tables, raw))
    return ReportResult(out, 1)


def read_texts(stories: Iterable[Row], bases: Iterable[Path] = (), options: ReadOptions = ReadOptions()) -> dict[str, str]:
    """The raw text of each ok story, read again from its source (checked against its ``story_id``).

    A source is a path as given to ``wireclaims run`` (relative to where it ran:
    tried as is, then against ``bases``), or ``<archive or record file>::<member or line>``.
    """
    wanted: dict[str, dict[str, str]] = defaultdict(dict)  # container path -> {source: story_id}
    for s in stories:
        if s.get("status") != "ok" or not s.get("source"):
            continue
        source = s["source"]
        container = source.split("::", 1)[0]
        wanted[container][source] = s["story_id"]
    texts: dict[str, str] = {}
    for container, sources in wanted.items():
        found = _locate(container, bases)
        if found is None:
            continue
        for item in iter_items([found], options):
            # The item's source names the path we opened; map it back to the one the run recorded.
            source = container + item.source[len(found):]
            sid = sources.get(source)
            if sid is None:
                continue
            try:
                text = decode(item, options)
            except StoryError:
                continue
            if story_id_of(text) == sid:
                texts[sid] = text
            if len(texts) == len(sources):
                break
    return texts


def _locate(path: str, bases: Iterable[Path]) -> str | None:
    if os.path.exists(path):
        return path
    if not os.path.isabs(path):
        for base in bases:
            candidate = base / path
            if candidate.exists():
                return str(candidate)
    return None


def write_run_report(tables: Tables, out_dir: str | os.PathLike, *, texts: Mapping[str, str] | None = None,
                     bases: Iterable[Path] = (), title: str = "wireclaims run", limit: int | None = None) -> ReportResult:
    """The summary page ``out_dir/index.html`` and one page per story under ``out_dir/stories/``."""
    out = Path(out_dir)
    (out / "stories").mkdir(parents=True, exist_ok=True)
    rows = table_rows(tables)
    stories = rows.get("stories", [])
    paged = stories if limit is None else stories[:limit]
    if texts is None:
        texts = read_texts(paged, bases)
    links = story_links(paged)
    per_story = rows_by_story(rows)
    missing = []
    for s in paged:
        sid = s["story_id"]
        raw = texts.get(sid)
        note = None
        if raw is None and s.get("status") == "ok":
            missing.append(sid)
            note = f"the text of {s.get('source')} could not be read again (moved, or changed since the run): tables only"
        html = story_page(per_story[sid], raw, body_start=_body_start(raw) if raw else 0, back="../index.html", note=note)
        _write(out / links[sid], html)
    index = out / "index.html"
    _write(index, summary_page(rows, links, title))
    return ReportResult(index, len(paged) + 1, missing)


def _write(path: Path, html: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)


def report(target: str | os.PathLike, out: str | os.PathLike | None = None, *, limit: int | None = None,
           options: ReadOptions = ReadOptions()) -> ReportResult:
    """What ``wireclaims report`` does: a story's page, or a run's summary with its story pages.

    ``target`` is a run's output folder or ``.duckdb`` file, or stories to run
    (a file, folder, glob or archive). ``out`` defaults to ``report.html`` for
    one story and to ``<run folder>/report/`` (or ``report/``) otherwise.
    """
    from ..writers import load

    target_path = Path(target)
    if is_run_output(target_path):
        run_dir = target_path if target_path.is_dir() else target_path.parent
        dest = Path(out) if out else run_dir / "report"
        bases = [Path.cwd(), run_dir.resolve().parent, run_dir.resolve()]
        return write_run_report(load(target_path), dest, bases=bases, title=f"wireclaims run: {target}", limit=limit)
    items = list(iter_items([os.fspath(target)], options))
    if not items:
        raise FileNotFoundError(f"no stories found at {target}")
    stories = read_items(items, options)
    if len(stories) == 1:
        if isinstance(stories[0], dict) and stories[0].get("status") == "error" and not target_path.exists():
            raise FileNotFoundError(f"{target}: {stories[0].get('error')}")
        return write_story_report(stories[0], out or "report.html")
    if limit is not None:
        stories = stories[:limit]
    result = process_stories(stories)
    texts = {s.story_id: s.raw for s in stories if isinstance(s, Story)}
    return write_run_report(Tables.from_rows(result.rows), out or "report", texts=texts, title=f"wireclaims report: {target}")
