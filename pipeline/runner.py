"""``wireclaims run``: stream stories from inputs through an engine into an output folder.

Stories are read lazily (:mod:`pipeline.ingest.sources`); each is decoded
and hashed here, skipped when its ``story_id`` is already in the output, and
the rest are cut into chunks that an engine (:mod:`pipeline.engines`)
processes and commits atomically (:mod:`pipeline.writers`). At the end the
chunks are merged into the final tables. So an interrupted run (Ctrl-C,
SIGTERM, SIGKILL, a power cut) loses at most the chunks in flight, and the
same command run again goes on where it stopped; each story ends up in the
tables exactly once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from itertools import count, islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .engines import DEFAULT_MAX_TOKENS, DEFAULT_STORY_TIMEOUT, ERRORS_KEPT, ChunkReport, DiskFull, Job, Limits, RunError, Tally, is_disk_full, make_engine
from .ingest.formats import parse_date
from .ingest.paths import input_problems, output_among_inputs
from .ingest.sources import DEFAULT_MAX_CHARS, FieldNames, Item, ReadOptions, count_stories, identify, iter_items
from .link import LinkSummary, link_output
from .progress import Progress
from .writers import clean_temporary, committed_chunks, done_story_ids, exclusive_output, finalize

DEFAULT_CHUNK_SIZE = 64  # stories per committed chunk: what an interruption can cost at most, per worker


@dataclass
class RunSummary:
    out_dir: Path
    engine: str = ""
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), first few
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> its peak resident memory, bytes
    notes: list[str] = field(default_factory=list)  # said once, before the counts
    link: LinkSummary | None = None  # the archive tables written at the end

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def add(self, report: ChunkReport) -> None:
        self.ok += report.ok
        self.failed += report.failed
        self.words += report.words
        self.errors.extend(report.errors[: ERRORS_KEPT - len(self.errors)])
        if report.worker:
            self.peak_rss[report.worker] = max(report.peak_rss, self.peak_rss.get(report.worker, 0))

    def text(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        lines = [f"note: {note}" for note in self.notes] + [
            f"{self.ok} stories ok, {self.failed} failed, {self.skipped} already done; "
            f"{self.words:,} words in {self.seconds:.1f} s ({rate:,.0f} words/s; {self.engine})",
        ]
        if self.peak_rss:
            lines.append(f"peak memory per worker: {max(self.peak_rss.values()) / 2**20:,.0f} MiB at most")
        if self.interrupted:
            lines.append(
                f"interrupted: what was committed is kept under {self.out_dir / '.parts'} (pipeline.load reads it); "
                "run the same command again to go on"
            )
        else:
            lines.append("tables: " + ", ".join(f"{k}={v}" for k, v in self.counts.items()))
            if self.link:
                lines.append("archive tables: " + ", ".join(f"{k}={v}" for k, v in self.link.counts.items()) + f" (linked in {self.link.seconds:.1f} s)")
            lines.append(f"written to {self.out_dir}")
        for source, reason in self.errors[:ERRORS_KEPT]:
            lines.append(f"  error: {source}: {reason}")
        if self.failed > ERRORS_KEPT:
            lines.append(f"  ... and {self.failed - ERRORS_KEPT} more (see stories.parquet, status='error')")
        return "\n".join(lines)


def _jobs(
    items: Iterable[Item],
    out: Path,
    *,
    done: set[str],
    options: ReadOptions,
    limits: Limits,
    chunk_size: int,
    limit: int | None,
    summary: RunSummary,
    progress: Progress,
) -> Iterator[Job]:
    """Chunks of the stories not written yet, at most ``limit`` stories in all."""
    run_key = f"{time.time_ns():020d}"  # chunk names sort by run, then by order within it

    def todo() -> Iterator[tuple[str, Item]]:
        for item in items:
            story_id, ready = identify(item, options)
            if story_id in done:  # written by an earlier run, or read twice in this one
                summary.skipped += 1
                progress.skip()
                continue
            done.add(story_id)
            yield story_id, ready

    stories = todo() if limit is None else islice(todo(), limit)
    for n in count():
        chunk = list(islice(stories, chunk_size))
        if not chunk:
            return
        ids, ready = zip(*chunk)
        yield Job(f"{run_key}-{n:08d}", str(out), list(ready), list(ids), options, limits)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a batch scheduler's stop) ends the run as Ctrl-C does: committed work kept."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _iso_date(value: str | date | None) -> str | None:
    """``--published`` as an ISO date, or :class:`RunError` when it is not a date."""
    if value is None or value == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise RunError(f"--published {value}: not a date (give YYYY-MM-DD)")
    return parsed.isoformat()


def _check_usage(inputs: Sequence[str | os.PathLike], out_dir: str | os.PathLike) -> Path:
    """The output folder, made; or :class:`RunError` for a usage mistake (inputs that name no
    stories, an output path that is a file), before anything is written."""
    if not inputs:
        raise RunError("no inputs given")
    problems = input_problems(inputs)
    if problems:
        raise RunError("; ".join(problems))
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise RunError(f"the output path {out_dir} is a file; give a folder (-o DIR)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RunError(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    return out


def run(
    inputs: str | os.PathLike | Sequence[str | os.PathLike],
    out_dir: str | os.PathLike = "outputs",
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    formats: Sequence[str] = (),
    limit: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    encoding: str = "utf-8",
    max_chars: int = DEFAULT_MAX_CHARS,
    max_tokens: int | None = DEFAULT_MAX_TOKENS,
    story_timeout: float | None = DEFAULT_STORY_TIMEOUT,
    fields: FieldNames | None = None,
    published: str | date | None = None,
    resume: bool = True,
    retry_errors: bool = False,
    quiet: bool = False,
    dashboard: bool = False,
) -> RunSummary:
    """Run the whole pipeline over ``inputs`` into ``out_dir``; see ``wireclaims run --help``.

    Writes ``<table>.parquet`` for every table and ``claims.duckdb``; ``formats``
    may add ``"csv"`` and ``"jsonl"``. ``limit`` counts stories not already
    in ``out_dir``. ``published`` (a date or ISO string) is the publication
    date of stories that carry none (plain text), so their relative dates
    resolve. Returns a :class:`RunSummary` whose ``exit_code`` is 1
    when any story failed and 130 when the run was interrupted (Ctrl-C or
    SIGTERM; the tables are then left unmerged, and a rerun goes on). The output folder is
    never read as input. A full disk raises :class:`~pipeline.engines.DiskFull` (what was
    committed is kept); ``dashboard`` serves a LocalCluster's dashboard on 127.0.0.1.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out = _check_usage(inputs, out_dir)
    options = ReadOptions(encoding=encoding, max_chars=max_chars, fields=fields or FieldNames(), published=_iso_date(published), exclude=str(out))
    limits = Limits(story_timeout=story_timeout, max_tokens=max_tokens)
    summary = RunSummary(out)
    if output_among_inputs(inputs, str(out)):
        summary.notes.append(f"the output folder {out} is among the inputs; it is never read as input")
    t0 = time.perf_counter()
    try:
        _run(inputs, out, summary, options, limits, engine=engine, workers=workers, scheduler=scheduler, formats=formats, limit=limit,
             chunk_size=chunk_size, resume=resume, retry_errors=retry_errors, quiet=quiet, dashboard=dashboard)
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFull(_disk_full_message(out)) from exc
        raise
    summary.seconds = time.perf_counter() - t0
    return summary


def _disk_full_message(out: Path) -> str:
    try:
        free = f"{shutil.disk_usage(out).free / 2**20:,.0f} MiB free"
    except OSError:
        free = "free space unknown"
    kept = len(committed_chunks(out))
    return (
        f"disk full: cannot write into {out} ({free}). Free some space and run the same command again: "
        f"the {kept} chunk(s) committed so far are kept and not processed again"
    )


def _run(
    inputs: Sequence[str | os.PathLike],
    out: Path,
    summary: RunSummary,
    options: ReadOptions,
    limits: Limits,
    *,
    engine: str,
    workers: int,
    scheduler: str | None,
    formats: Sequence[str],
    limit: int | None,
    chunk_size: int,
    resume: bool,
    retry_errors: bool,
    quiet: bool,
    dashboard: bool,
) -> None:
    """The run itself, into ``summary`` (see :func:`run`)."""
    with exclusive_output(out):
        clean_temporary(out)
        done = done_story_ids(out, ok_only=retry_errors) if resume else set()
        progress = Progress(quiet=quiet, limit=limit)
        if progress.enabled:  # the total only serves the progress line; counting walks the inputs once more
            threading.Thread(target=lambda: setattr(progress, "total", count_stories(inputs, options.exclude)), daemon=True).start()
        jobs = _jobs(
            iter_items(inputs, options),
            out,
            done=done,
            options=options,
            limits=limits,
            chunk_size=chunk_size,
            limit=limit,
            summary=summary,
            progress=progress,
        )
        try:
            with _terminate_as_interrupt(), make_engine(engine, workers, scheduler, dashboard=dashboard) as eng:
                summary.engine = eng.description
                for report in eng.run(jobs, Tally(progress.add)):
                    summary.add(report)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            progress.close()
        if not summary.interrupted and not (summary.ok or summary.failed or summary.skipped):
            raise RunError(f"no stories found in {', '.join(map(os.fspath, inputs))}")
        if not summary.interrupted:
            summary.counts = finalize(out, ("parquet", *formats))
            summary.link = link_output(out)  # also writes claims.duckdb, with the archive tables
