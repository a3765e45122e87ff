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

Where the pages go (``-o``) does not depend on how many stories there are:
``-o x.html`` always writes ``x.html`` (the story's page, or the summary), and
a report of several stories writes its story pages into the folder
``x_files/`` beside it (a browser's name for a saved page's files); ``-o DIR/`` (a folder: a trailing slash, an existing folder, or a
name without ``.html``) writes ``DIR/index.html`` and ``DIR/stories/``.

Every page is one HTML file with its CSS, script and SVG inline; it fetches
nothing (a Content-Security-Policy forbids it).

>>> from pipeline.report import report
>>> report("corpus/2017-05-03-russia-north-korea-ferry.txt", "report.html")  # doctest: +SKIP
"""

from __future__ import annotations

import glob
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

__all__ = ["report", "story_html", "write_story_report", "write_run_report", "ReportResult", "ReportError", "Layout"]

_RUN_MARKERS = ("stories.parquet", "claims.duckdb", ".parts")


class ReportError(ValueError):
    """A report that cannot be written where it was asked (a usage mistake, not a story's fault)."""


@dataclass
class ReportResult:
    path: Path  # the page to open: the story page, or the run's summary page
    pages: int = 0
    without_text: list[str] = field(default_factory=list)  # story ids whose text could not be read again
    ok: int = 0  # stories processed
    failed: int = 0  # stories that could not be

    @property
    def all_failed(self) -> bool:
        return self.failed > 0 and self.ok == 0

    def text(self) -> str:
        line = f"wrote {self.path} ({self.pages} page{'s' if self.pages != 1 else ''})"
        if self.without_text:
            line += f"; {len(self.without_text)} stories without text to highlight (source gone or changed)"
        if self.failed:
            line += f"; {self.failed} of {self.ok + self.failed} stories failed" + (" (every one)" if self.all_failed else "")
        return line


@dataclass(frozen=True)
class Layout:
    """Where a report's pages go: the page to open, the folder of story pages, and links between them."""

    index: Path
    pages: Path
    link_folder: str  # the story pages' folder, relative to the index page
    back: str  # the index page, relative to a story page

    @classmethod
    def of(cls, out: str | os.PathLike) -> "Layout":
        """``x.html``: the page itself, story pages in ``x_files/``; a folder: ``index.html`` and ``stories/`` in it."""
        text = os.fspath(out)
        path = Path(text)
        if path.suffix.lower() in (".html", ".htm") and not text.endswith(("/", os.sep)):
            if path.is_dir():
                raise ReportError(f"the output path {text} is a folder; give a page name (x.html) or the folder with a trailing slash")
            folder = f"{path.stem}_files"
            return cls(path, path.with_name(folder), folder, f"../{path.name}")
        if path.exists() and not path.is_dir():
            raise ReportError(f"the output path {text} is a file; give a page (x.html) or a folder (DIR/)")
        return cls(path / "index.html", path / "stories", "stories", "../index.html")

    def check(self, *, story_pages: bool = True) -> None:
        """:class:`ReportError` when the pages cannot be written here (a file stands where a folder must be)."""
        for folder in (self.index.parent, self.pages) if story_pages else (self.index.parent,):
            for p in (folder, *folder.parents):
                if p.exists() and not p.is_dir():
                    raise ReportError(f"cannot write the report: {p} is a file, where a folder is needed")


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
    """Run the pipeline on one story and write its page (``out``: a page, or a folder for ``index.html``)."""
    layout = Layout.of(out)
    layout.check(story_pages=False)
    result = process_stories([story])
    tables = Tables.from_rows(result.rows)
    raw = story.raw if isinstance(story, Story) else None
    layout.index.parent.mkdir(parents=True, exist_ok=True)
    _write(layout.index, story_html(tables, raw))
    return ReportResult(layout.index, 1, ok=result.ok, failed=result.failed)


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
        read = 0
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
                read += 1
            if read == len(sources):  # every story wanted from this container
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


def write_run_report(tables: Tables, out: str | os.PathLike, *, texts: Mapping[str, str] | None = None,
                     bases: Iterable[Path] = (), title: str = "wireclaims run", limit: int | None = None,
                     options: ReadOptions = ReadOptions()) -> ReportResult:
    """The summary page and one page per story (see :class:`Layout`: ``out`` is ``x.html`` or a folder).

    ``limit`` bounds the story pages written; the summary covers every story.
    """
    layout = Layout.of(out)
    layout.check()
    layout.pages.mkdir(parents=True, exist_ok=True)
    rows = table_rows(tables)
    stories = rows.get("stories", [])
    paged = stories if limit is None else stories[:limit]
    if texts is None:
        texts = read_texts(paged, bases, options)
    links = story_links(paged, layout.link_folder)
    per_story = rows_by_story(rows)
    missing = []
    for s in paged:
        sid = s["story_id"]
        raw = texts.get(sid)
        note = None
        if raw is None and s.get("status") == "ok":
            missing.append(sid)
            note = f"the text of {s.get('source')} could not be read again (moved, or changed since the run): tables only"
        html = story_page(per_story[sid], raw, body_start=_body_start(raw) if raw else 0, back=layout.back, note=note)
        _write(layout.pages / Path(links[sid]).name, html)
    _write(layout.index, summary_page(rows, links, title))
    failed = sum(1 for s in stories if s.get("status") != "ok")
    return ReportResult(layout.index, len(paged) + 1, missing, ok=len(stories) - failed, failed=failed)


def _write(path: Path, html: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)


def report(target: str | os.PathLike, out: str | os.PathLike | None = None, *, limit: int | None = None,
           options: ReadOptions = ReadOptions()) -> ReportResult:
    """What ``wireclaims report`` does: a story's page, or a run's summary with its story pages.

    ``target`` is a run's output folder or ``.duckdb`` file, or stories to run
    (a file, folder, glob or archive). ``out`` (see :class:`Layout`) defaults
    to ``report.html`` for one story, to ``<run folder>/report/`` for a run and
    to ``report/`` for several stories. ``limit`` bounds the story pages; the
    summary covers every story. Raises :class:`FileNotFoundError` when there
    are no stories, :class:`ReportError` when ``out`` cannot hold the pages.
    """
    from ..writers import load

    target_path = Path(target)
    if out is not None:
        Layout.of(out).check(story_pages=False)  # before any work
    if is_run_output(target_path):
        run_dir = target_path if target_path.is_dir() else target_path.parent
        dest = Path(out) if out else run_dir / "report"
        bases = [Path.cwd(), run_dir.resolve().parent, run_dir.resolve()]
        return write_run_report(load(target_path), dest, bases=bases, title=f"wireclaims run: {target}", limit=limit, options=options)
    if not target_path.exists() and not glob.has_magic(os.fspath(target)):
        raise FileNotFoundError(f"{target}: no such file or folder")
    items = list(iter_items([os.fspath(target)], options))
    if not items:
        raise FileNotFoundError(f"no stories found at {target}")
    stories = read_items(items, options)
    if len(stories) == 1:
        return write_story_report(stories[0], out or "report.html")
    result = process_stories(stories)
    texts = {s.story_id: s.raw for s in stories if isinstance(s, Story)}
    return write_run_report(Tables.from_rows(result.rows), out or "report", texts=texts, title=f"wireclaims report: {target}", limit=limit)
