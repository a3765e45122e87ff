"""Unwrapping hard-wrapped wire copy while keeping every offset traceable.

Wire stories arrive hard-wrapped at 60-70 characters, sometimes with blank
lines between paragraphs (Reuters archive), sometimes without (the seed's
format). spaCy parses much better on unwrapped paragraphs, but the output
contract says every ``start``/``end`` indexes the *raw* text. So the clean text
is built only by replacing whitespace runs (by one space, by a paragraph break
``"\\n\\n"``, or by nothing where a word was split by a wrap after a hyphen);
every other character is copied, and :class:`CleanText` maps clean offsets
back to raw ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Sequence

PARAGRAPH = "\n\n"

_WS_RUN = re.compile(r"\s+")
# Whitespace the clean text may change: every run but a lone space.
_WS_TO_CLEAN = re.compile(r"\s{2,}|[^\S ]")
_SENTENCE_END = re.compile(r"""[.!?:]["'”’)\]]*$|["”]$""")
_GLUED_PARAGRAPH = re.compile(r"""[.!?]["'”’)]*$""")


@dataclass
class CleanText:
    """Clean text plus a piecewise-linear map from its offsets to raw offsets.

    ``segments`` holds ``(clean_start, raw_start, copied)``: from ``clean_start``
    on, clean characters are copies of raw ones starting at ``raw_start`` (when
    ``copied``) or stand in for the whitespace run starting at ``raw_start``.
    """

    text: str
    segments: list[tuple[int, int, bool]] = field(default_factory=list)
    raw_end: int = 0

    def __post_init__(self) -> None:
        self._starts = [s[0] for s in self.segments]

    def raw_offset(self, i: int) -> int:
        """Raw offset of clean offset ``i`` (a position between characters)."""
        if not self.segments:
            return i
        k = bisect_right(self._starts, i) - 1
        if k < 0:
            return self.segments[0][1]
        clean_start, raw_start, copied = self.segments[k]
        if copied:
            return raw_start + (i - clean_start)
        return raw_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of the clean span ``[start, end)``.

        The end is mapped from the span's last character, so trailing
        whitespace replacements never stretch the raw span.
        """
        if end <= start:
            r = self.raw_offset(start)
            return r, r
        return self.raw_offset(start), self.raw_offset(end - 1) + 1


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, bool]] = []
        self.length = 0

    def copy(self, raw: str, start: int, end: int) -> None:
        if end > start:
            self.segments.append((self.length, start, True))
            self.parts.append(raw[start:end])
            self.length += end - start

    def replace(self, raw_start: int, new: str) -> None:
        if new:
            self.segments.append((self.length, raw_start, False))
            self.parts.append(new)
            self.length += len(new)

    def build(self, raw_end: int) -> CleanText:
        return CleanText("".join(self.parts), self.segments, raw_end)


def _lines(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in ``raw[start:end]``, without the newline."""
    out = []
    pos = start
    while pos < end:
        nl = raw.find("\n", pos, end)
        if nl < 0:
            out.append((pos, end))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def paragraph_breaks(raw: str, start: int, end: int) -> set[int]:
    """Raw offsets of newlines that end a paragraph in ``raw[start:end]``.

    With blank lines in the text, blank lines separate paragraphs. Without
    them (hard-wrapped copy like the seed), a line ends its paragraph when it
    ends a sentence and the next line's first word would still have fitted on
    it: a wrapping program would not have broken there, a writer did. Short
    all-caps lines are headings and stand alone.
    """
    lines = _lines(raw, start, end)
    if not lines:
        return set()
    stripped = [raw[a:b].strip() for a, b in lines]
    breaks: set[int] = set()
    if any(not s for s in stripped[1:-1]):
        for (a, b), text in zip(lines, stripped):
            if not text and b < end:
                breaks.add(b)
        return breaks
    width = max(len(raw[a:b].rstrip()) for a, b in lines)
    for i in range(len(lines) - 1):
        this, nxt = stripped[i], stripped[i + 1]
        if not this or not nxt:
            continue
        next_word = nxt.split(None, 1)[0]
        fits = len(raw[lines[i][0] : lines[i][1]].rstrip()) + 1 + len(next_word) <= width
        ends_sentence = _SENTENCE_END.search(this) is not None
        # A quote paragraph opens with a quotation mark: a sentence end followed by one is a break too.
        opens_quote = nxt[:1] in "\"“"
        if (ends_sentence and (fits or opens_quote)) or _is_heading_line(this, nxt):
            breaks.add(lines[i][1])
    return breaks


def _is_heading_line(this: str, nxt: str) -> bool:
    """A short all-caps line (with few words) is a heading; so is the boundary before one."""
    def heading(s: str) -> bool:
        letters = [c for c in s if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters) and len(s.split()) <= 6

    return heading(this) or heading(nxt)


def unwrap(
    raw: str,
    start: int = 0,
    end: int | None = None,
    *,
    extra_breaks: Iterable[int] = (),
    glued_paragraphs: bool = False,
) -> CleanText:
    """Clean text of ``raw[start:end]``: lines joined, paragraphs separated by ``"\\n\\n"``.

    ``extra_breaks`` are raw offsets inside whitespace runs that must become
    paragraph breaks (after a dateline, say). With ``glued_paragraphs``, two or
    more spaces after a sentence end inside a line also break a paragraph:
    the Reuters archive glued some paragraphs together that way.
    """
    end = len(raw) if end is None else end
    breaks = sorted(paragraph_breaks(raw, start, end))
    forced = sorted(extra_breaks)
    builder = _Builder()
    pos = start
    # Skip leading whitespace: the clean text starts at the first word; trailing whitespace is dropped.
    m = _WS_RUN.match(raw, pos, end)
    if m:
        pos = m.end()
    content_end = end
    while content_end > pos and raw[content_end - 1].isspace():
        content_end -= 1
    for ws_start, ws_end in _runs_to_clean(raw, pos, content_end, forced):
        builder.copy(raw, pos, ws_start)
        pos = ws_end
        run = raw[ws_start:ws_end]
        is_break = _contains(breaks, ws_start, ws_end - 1) or _contains(forced, ws_start, ws_end)
        if not is_break and glued_paragraphs and "\n" not in run and len(run) >= 2:
            before = raw[max(start, ws_start - 3) : ws_start]
            after = raw[ws_end : ws_end + 1]
            is_break = bool(_GLUED_PARAGRAPH.search(before)) and (after.isupper() or after in "\"“'‘")
        if is_break:
            builder.replace(ws_start, PARAGRAPH)
        elif "\n" in run and _split_word(raw, ws_start, ws_end):
            continue  # a word wrapped after its hyphen: join without a space
        else:
            builder.replace(ws_start, " ")
    builder.copy(raw, pos, content_end)
    return builder.build(end)


def _runs_to_clean(raw: str, start: int, end: int, forced: Sequence[int]) -> list[tuple[int, int]]:
    """The whitespace runs of ``raw[start:end]`` that the clean text may change.

    A lone space between words stays as it is, so it is copied with the words
    around it (most runs are lone spaces: visiting each would cost more than the
    rest of unwrapping), unless a forced break stands on it.
    """
    runs = [m.span() for m in _WS_TO_CLEAN.finditer(raw, start, end)]
    lone = [
        (f, f + 1)
        for f in forced
        if start < f < end - 1 and raw[f] == " " and not raw[f - 1].isspace() and not raw[f + 1].isspace()
    ]
    return sorted(runs + lone) if lone else runs


def _contains(sorted_offsets: Sequence[int], a: int, b: int) -> bool:
    k = bisect_right(sorted_offsets, a - 1)
    return k < len(sorted_offsets) and sorted_offsets[k] <= b


def _split_word(raw: str, ws_start: int, ws_end: int) -> bool:
    """True when a line ends with ``letter-`` and the next starts with a letter."""
    return (
        ws_start >= 2
        and raw[ws_start - 1] == "-"
        and raw[ws_start - 2].isalpha()
        and ws_end < len(raw)
        and raw[ws_end].isalpha()
    )
