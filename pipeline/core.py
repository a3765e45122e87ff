"""From stories to rows: the one code path every engine and API call goes through.

``read -> parse with spaCy -> extract rows -> map offsets to the raw text``.
:func:`process_items` does it for a batch (a worker's unit of work);
:func:`extract` for one text, as ``pipeline.extract``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_rows
from .ingest.formats import Story, StoryError, error_row, parse_story
from .ingest.sources import Item, ReadOptions, read_story
from .nlp import get_nlp
from .tables import Rows, Tables, empty_rows


def story_rows(story: Story, doc: Doc) -> Rows:
    """Every table's rows for one parsed story: ``story_id`` set, offsets in the raw text."""
    rows = extract_rows(doc, published=story.published, dateline=story.dateline, byline=story.byline)
    for table_rows in rows.values():
        for row in table_rows:
            row["story_id"] = story.story_id
            if "start" in row:
                row["start"], row["end"] = story.raw_span(row["start"], row["end"])
    rows["stories"] = [story.stories_row()]
    return rows


def merge_rows(into: Rows, more: Rows) -> Rows:
    for name, table_rows in more.items():
        into[name].extend(table_rows)
    return into


@dataclass
class BatchResult:
    rows: Rows
    ok: int
    failed: int
    words: int
    seconds: float


def process_stories(
    stories: Sequence[Story | dict[str, Any]],
    nlp: Language | None = None,
    *,
    batch_size: int = 32,
) -> BatchResult:
    """Parse and extract a batch; each element is a :class:`Story` or an error row already made."""
    nlp = nlp or get_nlp()
    t0 = time.perf_counter()
    rows = empty_rows()
    good = [s for s in stories if isinstance(s, Story)]
    docs = iter(nlp.pipe((s.text for s in good), batch_size=batch_size))
    ok = failed = words = 0
    for s in stories:
        if not isinstance(s, Story):
            rows["stories"].append(s)
            failed += 1
            continue
        doc = next(docs)
        try:
            merge_rows(rows, story_rows(s, doc))
            ok += 1
            words += s.word_count
        except Exception as exc:  # an extractor bug must cost one story, not the batch
            rows["stories"].append(
                error_row(s.source, f"extraction failed: {type(exc).__name__}: {exc}", story_id=s.story_id, fmt=s.format, chars=len(s.raw))
            )
            failed += 1
    return BatchResult(rows, ok, failed, words, time.perf_counter() - t0)


def read_items(items: Iterable[Item], options: ReadOptions = ReadOptions()) -> list[Story | dict[str, Any]]:
    """Decode and parse items; the ones that fail become error rows."""
    out: list[Story | dict[str, Any]] = []
    for item in items:
        try:
            out.append(read_story(item, options))
        except StoryError as exc:
            out.append(error_row(item.source, str(exc), fmt=item.container))
    return out


def process_items(items: Sequence[Item], options: ReadOptions = ReadOptions(), nlp: Language | None = None) -> BatchResult:
    return process_stories(read_items(items, options), nlp)


def extract(
    text: str,
    *,
    published: date | str | None = None,
    story_id: str | None = None,
    source: str | None = None,
) -> Tables:
    """All claim tables for one story's text.

    ``text`` may carry a wire header (seed or Reuters format) or be plain;
    ``published`` (a date or ISO string) anchors relative dates when the text
    has no header date. A text that cannot be processed gives a ``stories``
    row with ``status="error"`` and the reason, and empty tables.
    """
    source = source or "<text>"
    try:
        story = parse_story(text, source, story_id=story_id, published=published)
    except StoryError as exc:
        rows = empty_rows()
        rows["stories"].append(error_row(source, str(exc), story_id=story_id))
        return Tables.from_rows(rows)
    return Tables.from_rows(process_stories([story]).rows)
