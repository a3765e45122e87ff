"""Quotations: where direct speech is, found from the quotation marks alone.

Straight (``"``) and curly (``“ ”``) double quotation marks, and the doubled
apostrophes and backticks of Penn-Treebank style copy (``''`` and two backticks),
are paired within each paragraph (a line break ends a paragraph):

* A curly mark says which side it is on (but a closing mark that opens a
  paragraph before a word, with a closing mark later in it, is a typo for
  the opening one). A straight one opens when it
  follows a space, an opening bracket, a dash or a colon (or starts the
  paragraph) and a word follows; it closes when a word or punctuation
  precedes it and a space or punctuation follows; otherwise it toggles.
* Wire style leaves a quotation that runs into the next paragraph unclosed
  and reopens it there: an unclosed quotation ends with its paragraph
  (``closed=False``). Where paragraphs were glued together (the Reuters
  archive), an opening mark met inside an open quotation right after a
  sentence end is that reopening: the open quotation ends before it.
* Any other opening mark inside a quotation nests; a closing mark with
  nothing open is ignored. Unbalanced marks never raise.

Single quotation marks are left alone: they are apostrophes far more often
than quotes in news copy, and quotes nested inside a double-quoted one do not
change where the outer one is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"''|``|[\"“”\n]")
_OPEN_BEFORE = frozenset("([{—–-/:;")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…'’")
_SENTENCE_END = frozenset(".!?…")
# An unclosed quotation in a paragraph this long (copy whose paragraph breaks
# were lost) stops at its first sentence end instead of swallowing the story.
_LONG_UNCLOSED = 600


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start`` is the opening mark's offset, ``end`` is just past the closing mark
    (or the end of the quoted text when the quotation is left unclosed)."""

    start: int
    end: int
    closed: bool
    open_len: int = 1  # characters of the opening mark
    close_len: int = 1

    @property
    def inner_start(self) -> int:
        return self.start + self.open_len

    @property
    def inner_end(self) -> int:
        return self.end - self.close_len if self.closed else self.end


def _side(text: str, i: int, n: int, para_start: int) -> str:
    """'open', 'close' or '?' for the quotation mark of ``n`` characters at ``text[i]``."""
    ch = text[i]
    if ch == "“" or ch == "`":
        return "open"
    if ch == "”":
        # A paragraph opening with a closing mark before a word, closed later in the paragraph
        # ('”Mr. Trump embodies ... shame.” ― Sonya Herridge'), is a typo for the opening one.
        # Cheap tests first: nearly every closing mark follows a word and is done here.
        if (i == para_start or text[i - 1].isspace()) and i + 1 < len(text) and text[i + 1].isalnum():
            if not text[para_start:i].strip():
                line_end = text.find("\n", i)
                rest = text[i + 1 : line_end if line_end >= 0 else len(text)]
                if "”" in rest or '"' in rest:
                    return "open"
        return "close"
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + n] if i + n < len(text) else " "
    opens = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in "\"”")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def _after_sentence_end(text: str, i: int, para_start: int) -> bool:
    """Whether the last non-space character before ``i`` ends a sentence."""
    j = i - 1
    while j >= para_start and text[j].isspace():
        j -= 1
    return j >= para_start and j < i - 1 and text[j] in _SENTENCE_END


def _unclosed_end(text: str, start: int, para_end: int) -> int:
    end = para_end
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > _LONG_UNCLOSED:
        m = re.compile(r"[.!?…](?=\s)").search(text, start, end)
        if m:
            end = m.end()
    return end


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of ``text`` in order; unclosed ones end with their paragraph."""
    quotes: list[Quote] = []
    para_start = 0
    open_at: int | None = None
    open_len = 1
    depth = 0  # nested quotations inside the open one

    def finish_paragraph(end: int) -> None:
        nonlocal open_at, depth
        if open_at is not None:
            stop = _unclosed_end(text, open_at, end)
            if stop > open_at + open_len:
                quotes.append(Quote(open_at, stop, False, open_len))
        open_at, depth = None, 0

    for m in _MARK.finditer(text):
        i, n = m.start(), len(m.group())
        if text[i] == "\n":
            finish_paragraph(i)
            para_start = i + 1
            continue
        side = _side(text, i, n, para_start)
        if side == "?":
            side = "close" if open_at is not None else "open"
        if side == "open":
            if open_at is None:
                open_at, open_len = i, n
            elif depth == 0 and _after_sentence_end(text, i, para_start):
                finish_paragraph(i)  # a glued paragraph reopening the quotation
                open_at, open_len = i, n
            else:
                depth += 1
        elif open_at is not None:
            if depth:
                depth -= 1
            else:
                quotes.append(Quote(open_at, i + n, True, open_len, n))
                open_at = None
    finish_paragraph(len(text))
    return quotes
