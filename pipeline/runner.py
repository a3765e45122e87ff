"""``wireclaims run``: stream stories from inputs through the pipeline into an output folder.

Stories are read lazily, grouped into chunks, processed, and each chunk is
committed atomically (:mod:`pipeline.writers`); stories whose ids are already
in the output are skipped, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .core import read_items, process_stories
from .ingest.formats import Story
from .ingest.sources import DEFAULT_MAX_CHARS, FieldNames, Item, ReadOptions, iter_items
from .writers import clean_temporary, commit_chunk, done_story_ids, finalize


@dataclass
class RunSummary:
    out_dir: Path
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), first few

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def text(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.ok} stories ok, {self.failed} failed, {self.skipped} already done; "
            f"{self.words:,} words in {self.seconds:.1f} s ({rate:,.0f} words/s)",
            "tables: " + ", ".join(f"{k}={v}" for k, v in self.counts.items()),
            f"written to {self.out_dir}",
        ]
        for source, reason in self.errors[:10]:
            lines.append(f"  error: {source}: {reason}")
        if self.failed > 10:
            lines.append(f"  ... and {self.failed - 10} more (see stories.parquet, status='error')")
        return "\n".join(lines)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(
    inputs: str | os.PathLike | Sequence[str | os.PathLike],
    out_dir: str | os.PathLike = "outputs",
    *,
    formats: Sequence[str] = (),
    limit: int | None = None,
    chunk_size: int = 64,
    encoding: str = "utf-8",
    max_chars: int = DEFAULT_MAX_CHARS,
    fields: FieldNames | None = None,
    resume: bool = True,
    quiet: bool = True,
) -> RunSummary:
    """Run the whole pipeline over ``inputs`` into ``out_dir``; see ``wireclaims run --help``.

    Writes ``<table>.parquet`` for every table and ``claims.duckdb``; ``formats``
    may add ``"csv"`` and ``"jsonl"``. Returns a :class:`RunSummary` whose
    ``exit_code`` is 1 when any story failed.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    clean_temporary(out)
    options = ReadOptions(encoding=encoding, max_chars=max_chars, fields=fields or FieldNames())
    summary = RunSummary(out)
    done = done_story_ids(out) if resume else set()
    t0 = time.perf_counter()
    items: Iterable[Item] = iter_items(inputs, options)
    if limit is not None:
        items = islice(items, limit)
    for n, chunk in enumerate(_chunks(items, chunk_size)):
        stories = read_items(chunk, options)
        todo = []
        for s in stories:
            sid = s.story_id if isinstance(s, Story) else s["story_id"]
            if sid in done:
                summary.skipped += 1
                continue
            done.add(sid)
            todo.append(s)
        if not todo:
            continue
        result = process_stories(todo)
        commit_chunk(out, f"{time.time_ns():020d}-{n:06d}", result.rows)
        summary.ok += result.ok
        summary.failed += result.failed
        summary.words += result.words
        for row in result.rows["stories"]:
            if row["status"] == "error" and len(summary.errors) < 10:
                summary.errors.append((row["source"], row["error"]))
        if not quiet:
            print(f"\r{summary.ok + summary.failed} stories ({summary.failed} failed)", end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    summary.counts = finalize(out, ("parquet", "duckdb", *formats))
    summary.seconds = time.perf_counter() - t0
    return summary
