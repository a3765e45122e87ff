"""The worker-side guard of one chunk: a time limit per batch, and a memory of what was in flight.

Before each batch of stories goes through spaCy and the extractors, the watch
writes the ids in flight to ``OUT/.parts/.watch/<chunk>.json`` and arms a
timer: :func:`faulthandler.dump_traceback_later` with ``exit=True``, a C
thread that needs no GIL, so it fires even when the worker is stuck inside
the tokenizer, the parser or a regular expression. When a batch takes longer
than the limit, the timer writes the Python stack to ``<chunk>.trace`` and
ends the process. Batching through ``nlp.pipe`` means no one story can be
timed on its own, hence the two steps below.

Whoever runs the chunk again (the local engine, or Dask after a worker died)
starts a new watch on the same chunk, which reads what the last attempt left:

* several stories were in flight: each becomes a *suspect*, given a batch of
  its own from now on;
* one story was in flight: it is the *culprit*, and becomes an error row
  saying why (over the time limit, and where it was stuck; or the worker died:
  out of memory or a crash in native code).

So every death narrows the search, and a chunk is done after at most one
death per bad story, plus one. The files go when the chunk is committed.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
from pathlib import Path
from typing import IO, Callable, Sequence

from ..writers import WORKER_DIED, parts_dir

WATCH = ".watch"  # under OUT/.parts/: hidden, so never taken for a chunk, and cleaned at each run's start
_FRAME = re.compile(r'File "(?P<path>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')


def _short(path: str) -> str:
    """A source path as a person would look it up: from the package's folder on."""
    path = path.replace("\\", "/")
    if "site-packages/" in path:
        return path.split("site-packages/")[-1]
    if "/pipeline/" in path:
        return "pipeline/" + path.split("/pipeline/")[-1]
    return path


def died_reason(timeout: float | None, trace: str) -> str:
    """Why the story in flight was lost, from the stack the timer wrote (empty: it did not fire)."""
    # One block per thread, innermost frame first; the stuck one is running the unit of work.
    blocks = re.split(r"\n(?=(?:Current thread|Thread) 0x)", trace)
    block = next((b for b in blocks if "process_stories" in b), blocks[0])
    frame = _FRAME.search(block)
    if frame:
        return (
            f"took longer than the time limit of {timeout:g} s (raise it with --story-timeout); "
            f"stopped in {_short(frame['path'])} line {frame['line']} ({frame['func']})"
        )
    return f"{WORKER_DIED} while processing this story (out of memory, a crash in native code, or killed from outside); a rerun tries it again"


class Watch:
    """The :class:`~pipeline.core.BatchMonitor` of one chunk (see the module docstring).

    With ``timeout=None`` nothing is armed or written: it only passes each
    batch's counts to ``progress``.
    """

    def __init__(self, out_dir: Path, key: str, timeout: float | None, progress: Callable[[int, int, int], None] | None = None) -> None:
        self.timeout = timeout
        self.progress = progress
        self.suspects: set[str] = set()
        self.culprits: dict[str, str] = {}
        self._trace_fh: IO[str] | None = None
        folder = parts_dir(out_dir) / WATCH
        self.marker = folder / f"{key}.json"
        self.trace = folder / f"{key}.trace"
        if timeout is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        if self.marker.is_file():
            state = json.loads(self.marker.read_text(encoding="utf-8"))
            self.suspects = set(state["suspects"])
            self.culprits = dict(state["culprits"])
            in_flight = state["in_flight"]
            if len(in_flight) == 1:
                trace = self.trace.read_text(encoding="utf-8", errors="replace") if self.trace.is_file() else ""
                self.culprits[in_flight[0]] = died_reason(state["timeout"], trace)
            else:
                self.suspects.update(in_flight)

    def begin(self, story_ids: Sequence[str]) -> None:
        if self.timeout is None:
            return
        state = {"suspects": sorted(self.suspects), "culprits": self.culprits, "in_flight": list(story_ids), "timeout": self.timeout}
        tmp = self.marker.with_name(f".tmp-{self.marker.name}")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.marker)
        if self._trace_fh is None:
            self._trace_fh = open(self.trace, "w", encoding="utf-8")
        faulthandler.dump_traceback_later(self.timeout, exit=True, file=self._trace_fh)

    def end(self, ok: int, failed: int, words: int) -> None:
        if self.timeout is not None:
            faulthandler.cancel_dump_traceback_later()
        if self.progress:
            self.progress(ok, failed, words)

    def __enter__(self) -> "Watch":
        return self

    def __exit__(self, *exc: object) -> None:
        """Never leave the timer armed once the chunk is over, however it ended."""
        if self.timeout is not None:
            faulthandler.cancel_dump_traceback_later()
        if self._trace_fh is not None:
            self._trace_fh.close()
            self._trace_fh = None

    def forget(self) -> None:
        """The chunk is committed: its files go."""
        self.marker.unlink(missing_ok=True)
        self.trace.unlink(missing_ok=True)
