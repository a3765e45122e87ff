"""From stories to rows: the one code path every engine and API call goes through.

``read -> parse with spaCy -> extract rows -> map offsets to the raw text``.
:func:`read_items` and :func:`process_stories` do it for a batch (a worker's unit of work);
:func:`extract` for one text, as ``pipeline.extract``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any, Collection, Iterable, Protocol, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_rows
from .ingest.formats import Story, StoryError, error_row, parse_story, story_id_of
from .ingest.sources import Item, ReadOptions, decode, parse_item
from .nlp import get_nlp, pipeline_config
from .tables import Rows, Tables, empty_rows

# A batch given to nlp.pipe stops growing at this many characters: the parser's
# memory grows with the tokens parsed together (about 17 KB a token for this
# model), so this bounds a worker's memory whatever the mix of story lengths.
BATCH_CHARS = 100_000


def story_rows(story: Story, doc: Doc) -> Rows:
    """Every table's rows for one parsed story: ``story_id`` set, offsets in the raw text."""
    rows = extract_rows(doc, published=story.published, dateline=story.dateline, byline=story.byline, text=story.text)
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


class BatchMonitor(Protocol):
    """Told before and after each batch of stories goes through spaCy and the extractors.

    The engines use it to put a time limit on a batch and to remember which
    stories were in flight when a worker died (:mod:`pipeline.engines.watch`).
    """

    def begin(self, story_ids: Sequence[str]) -> None: ...

    def end(self, ok: int, failed: int, words: int) -> None: ...


def process_stories(
    stories: Sequence[Story | dict[str, Any]],
    nlp: Language | None = None,
    *,
    batch_size: int | None = None,
    max_tokens: int | None = None,
    alone: Collection[str] = (),
    monitor: BatchMonitor | None = None,
) -> BatchResult:
    """Parse and extract a batch; each element is a :class:`Story` or an error row already made.

    Stories go through ``nlp.pipe`` in batches of at most ``batch_size``
    stories (default: ``models/pipeline.json``) and :data:`BATCH_CHARS`
    characters; a story whose id is in ``alone`` is given a batch of its own.
    A story of more than ``max_tokens`` tokens, one spaCy fails on and one an
    extractor fails on each become an error row; the others are unaffected.
    """
    nlp = nlp or get_nlp()
    size = batch_size or int(pipeline_config().get("batch_size", 32))
    t0 = time.perf_counter()
    result = BatchResult(empty_rows(), 0, 0, 0, 0.0)
    batch: list[Story] = []
    chars = 0
    for s in stories:
        if not isinstance(s, Story):
            result.rows["stories"].append(s)
            result.failed += 1
            continue
        isolated = s.story_id in alone
        if batch and (isolated or len(batch) >= size or chars + len(s.text) > BATCH_CHARS):
            _process_batch(batch, nlp, max_tokens, monitor, result)
            batch, chars = [], 0
        batch.append(s)
        chars += len(s.text)
        if isolated:
            _process_batch(batch, nlp, max_tokens, monitor, result)
            batch, chars = [], 0
    if batch:
        _process_batch(batch, nlp, max_tokens, monitor, result)
    result.seconds = time.perf_counter() - t0
    return result


def _story_error(result: BatchResult, s: Story, reason: str) -> None:
    result.rows["stories"].append(error_row(s.source, reason, story_id=s.story_id, fmt=s.format, chars=len(s.raw), record_id=s.record_id))
    result.failed += 1


def _process_batch(batch: list[Story], nlp: Language, max_tokens: int | None, monitor: BatchMonitor | None, result: BatchResult) -> None:
    if monitor:
        monitor.begin([s.story_id for s in batch])
    before = (result.ok, result.failed, result.words)
    todo: list[tuple[Story, Doc]] = []
    for s in batch:
        try:
            doc = nlp.make_doc(s.text)
        except Exception as exc:  # spaCy refuses some texts (over its max_length): that story only
            _story_error(result, s, f"cannot tokenize: {type(exc).__name__}: {exc}")
            continue
        if max_tokens and len(doc) > max_tokens:
            _story_error(
                result, s, f"story too long to parse: {len(doc):,} tokens, over the limit of {max_tokens:,} (raise it with --max-tokens)"
            )
            continue
        todo.append((s, doc))
    try:
        parsed: list[Doc | None] = list(nlp.pipe([doc for _, doc in todo], batch_size=max(1, len(todo))))
    except Exception:  # one story broke a component: parse them one by one to find it
        parsed = []
        for s, _ in todo:
            try:
                parsed.append(nlp(s.text))  # a fresh doc: the failed pipe may have half-annotated the old one
            except Exception as exc:
                _story_error(result, s, f"spaCy failed: {type(exc).__name__}: {exc}")
                parsed.append(None)
    for (s, _), doc in zip(todo, parsed):
        if doc is None:
            continue
        try:
            merge_rows(result.rows, story_rows(s, doc))
            result.ok += 1
            result.words += s.word_count
        except Exception as exc:  # an extractor bug must cost one story, not the batch
            _story_error(result, s, f"extraction failed: {type(exc).__name__}: {exc}")
    if monitor:
        monitor.end(result.ok - before[0], result.failed - before[1], result.words - before[2])


def read_items(items: Iterable[Item], options: ReadOptions = ReadOptions()) -> list[Story | dict[str, Any]]:
    """Decode and parse items; the ones that fail become error rows.

    A story that decodes but does not parse keeps the id of its text, the one
    :func:`pipeline.ingest.sources.identify` gave it, so a rerun skips it.
    """
    out: list[Story | dict[str, Any]] = []
    for item in items:
        try:
            text = decode(item, options)
        except StoryError as exc:
            out.append(error_row(item.source, str(exc), fmt=item.container, record_id=item.meta.get("record_id")))
            continue
        try:
            out.append(parse_item(text, item, options))
        except Exception as exc:  # a StoryError says why; anything else is a parser bug, and costs one story
            reason = str(exc) if isinstance(exc, StoryError) else f"parsing failed: {type(exc).__name__}: {exc}"
            out.append(
                error_row(item.source, reason, story_id=story_id_of(text), fmt=item.container, chars=len(text), record_id=item.meta.get("record_id"))
            )
    return out


def extract(
    text: str,
    *,
    published: date | str | None = None,
    story_id: str | None = None,
    source: str | None = None,
    record_id: str | None = None,
    url: str | None = None,
) -> Tables:
    """All claim tables for one story's text.

    ``text`` may carry a wire header (seed or Reuters format) or be plain;
    ``published`` (a date or ISO string) anchors relative dates when the text
    has no header date; ``record_id`` and ``url`` are kept in the ``stories``
    row, to link it back to your own records. A text that cannot be processed gives a ``stories``
    row with ``status="error"`` and the reason, and empty tables.
    """
    source = source or "<text>"
    try:
        story = parse_story(text, source, story_id=story_id, published=published, record_id=record_id, url=url)
    except StoryError as exc:
        rows = empty_rows()
        rows["stories"].append(error_row(source, str(exc), story_id=story_id, record_id=record_id))
        return Tables.from_rows(rows)
    return Tables.from_rows(process_stories([story]).rows)
