"""The progress line of ``wireclaims run``: one line on a terminal, redrawn in place.

``1,234/2,000 stories  62% [######----]  ETA 1:35  8.1 stories/s  3,905 words/s  3 failed``

The line fits the terminal (80 columns at most): the parts that matter most
come first (counts, share, ETA), and the ones that do not fit are left out
whole rather than cut.

Rates are measured over the last half-minute, so they follow a run that
speeds up (workers warm) or slows down (long stories). The total, and with it
the percentage and the ETA, is known when the inputs are plain files (counted
in the background) or bounded by ``--limit``. Nothing is drawn when the
stream is not a terminal (a log file, a pipe, a notebook) or when quiet.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections import deque
from typing import TextIO

WINDOW = 30.0  # seconds of history behind the rates
REDRAW = 0.2  # seconds between redraws at most
BAR = 10  # characters of the bar
MAX_WIDTH = 80  # columns the line may take, at most (less on a narrower terminal)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """Counts of a run, drawn on ``stream`` when it is a terminal and not ``quiet``."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False, limit: int | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.limit = limit
        self.total: int | None = None  # stories in the inputs, when known
        self.ok = self.failed = self.skipped = self.words = 0
        self._history: deque[tuple[float, int, int]] = deque([(time.monotonic(), 0, 0)])
        self._drawn = 0.0
        self._width = 0

    def add(self, ok: int = 0, failed: int = 0, words: int = 0) -> None:
        self.ok += ok
        self.failed += failed
        self.words += words
        now = time.monotonic()
        self._history.append((now, self.ok + self.failed, self.words))
        while len(self._history) > 2 and now - self._history[1][0] > WINDOW:
            self._history.popleft()
        self._draw()

    def skip(self, n: int = 1) -> None:
        self.skipped += n
        self._draw()

    def target(self) -> int | None:
        """How many stories the run will have seen when it ends (skipped ones included), if known."""
        bounds = [b for b in (self.total, None if self.limit is None else self.skipped + self.limit) if b is not None]
        return min(bounds) if bounds else None

    def rates(self) -> tuple[float, float]:
        """Stories and words per second over the recent window."""
        (t0, n0, w0), (t1, n1, w1) = self._history[0], self._history[-1]
        elapsed = max(t1 - t0, 1e-9)
        return (n1 - n0) / elapsed, (w1 - w0) / elapsed

    def parts(self) -> list[str]:
        """The pieces of the line, most important first."""
        seen = self.ok + self.failed + self.skipped
        target = self.target()
        stories_s, words_s = self.rates()
        parts = [f"{seen:,}/{target:,} stories" if target else f"{seen:,} stories"]
        if target:
            share = min(1.0, seen / target)
            filled = int(share * BAR)
            parts.append(f"{share:4.0%} [{'#' * filled}{'-' * (BAR - filled)}]")
            if stories_s > 0:
                parts.append(f"ETA {_clock(max(0, target - seen) / stories_s)}")
        parts += [f"{stories_s:.1f} stories/s", f"{words_s:,.0f} words/s", f"{self.failed:,} failed"]
        if self.skipped:
            parts.append(f"{self.skipped:,} already done")
        return parts

    def line(self, width: int = MAX_WIDTH) -> str:
        """The parts that fit in ``width - 1`` columns (the last column stays free for the cursor)."""
        text = ""
        for part in self.parts():
            longer = f"{text}  {part}" if text else part
            if len(longer) > width - 1:
                break
            text = longer
        return text or self.parts()[0][: width - 1]

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW:
            return
        self._drawn = now
        text = self.line(min(MAX_WIDTH, shutil.get_terminal_size().columns))
        self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Draw the last counts and end the line."""
        if self.enabled and (self._width or self.ok + self.failed + self.skipped):
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
