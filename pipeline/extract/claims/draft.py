"""The typed draft of a claim, the source reference, and what rules ask of a parsed story.

A :class:`Draft` is a claim before its source is resolved: the content's
character span and kind, the cue, the source's tokens (:class:`SourceRef`) and
the rule that made it. :class:`ClaimDoc` computes once what every rule asks
(quotations, token offsets, lemma and lower-case hashes).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from ..context import DocContext, in_sorted
from ..quotes import Quote, find_quotes
from ..speakers import Resolution, surname_index


class SourceRef(NamedTuple):
    """Tokens [start, end) that name a claim's source, and the head token of that phrase."""

    start: int
    end: int
    head: int


@dataclass
class Draft:
    """A claim before its source is resolved: token spans for source and cue, char span for content."""

    start: int  # content chars [start, end)
    end: int
    kind: str  # direct, indirect, mixed
    cue: str | None
    cue_i: int  # cue token (-1 for a continuation)
    source: tuple[int, int] | None  # source tokens [s, e)
    head: int | None  # the source's head token
    reach: int  # char offset where the reporting sentence ends (continuations start after it)
    parent: "Draft | None" = None  # the claim a continuation continues
    resolved: Resolution | None = None  # set by the speaker resolver
    # Chars inside [start, end) that are not the content: the reporting clause that interrupts an
    # indirect statement ("The plan, he said, will cost ...").
    gap: tuple[int, int] | None = None
    rule: str = ""  # the sieve or pattern that made the claim (the rows' ``rule`` column)

    def spans(self) -> list[tuple[int, int]]:
        """The content's char spans: one, or two around the reporting clause that interrupts it."""
        if self.gap is None:
            return [(self.start, self.end)]
        return [(self.start, self.gap[0]), (self.gap[1], self.end)]


class ClaimDoc:
    """What the claim finder asks about a parsed story, computed once."""

    def __init__(self, ctx: DocContext, actors: ActorIndex) -> None:
        self.ctx = ctx
        self.actors = actors
        self.doc: Doc = ctx.doc
        # the story's tokens, made once: ``doc[i]`` builds a new Token at each call (~0.3 µs), and the
        # claim rules ask for the same ones again and again (slices still go to ``doc``)
        self.tokens: list[Token] = list(self.doc)
        self.text: str = ctx.text or ctx.doc.text
        self.quotes: list[Quote] = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        arrays = ctx.arrays
        self.idx = arrays.idx
        self.starts, self.ends = arrays.starts, arrays.ends  # lists: bisect and indexing without numpy's per-call cost
        self.lemmas = arrays.lemma_ids
        self.lowers = ctx.lower_ids if ctx.lower_ids is not None and len(ctx.lower_ids) == len(self.doc) else self.doc.to_array(LOWER)
        self.quote_of = self._quote_of_tokens()
        self.quoted = (self.quote_of >= 0).tolist()
        self._surnames: dict[str, str] | None = None  # built on first use (speaker labels only)
        self._with_lower: dict[int, tuple[np.ndarray, list[int]]] = {}  # see tokens_with_lower

    def _quote_of_tokens(self) -> np.ndarray:
        """For each token, the index of the quotation its first character lies inside, or -1."""
        n = len(self.idx)
        out = np.full(n, -1, dtype=np.int64)
        if not self.quotes or not n:
            return out
        starts = np.array([q.inner_start for q in self.quotes], dtype=np.int64)
        ends = np.array([q.inner_end for q in self.quotes], dtype=np.int64)
        k = np.searchsorted(starts, self.idx, side="right") - 1
        ok = (k >= 0) & (self.idx < ends[np.maximum(k, 0)])
        out[ok] = k[ok]
        return out

    def in_quote(self, i: int) -> bool:
        return self.quoted[i]

    def quote_at(self, char: int) -> Quote | None:
        """The quotation whose marks enclose ``char`` (marks included)."""
        k = bisect_right(self.quote_starts, char) - 1
        return self.quotes[k] if k >= 0 and char < self.quotes[k].end else None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes if q.start < end and q.end > start]

    def person_named(self, word: str) -> bool:
        """Whether a person the story names has this name or surname, in any case ("PENCE")."""
        if self._surnames is None:
            self._surnames = surname_index(self.actors)
        return word.lower() in self._surnames

    def tokens_with_lower(self, ids: np.ndarray) -> list[int]:
        """Tokens whose lower-case form is one of the sorted hashes ``ids`` (a lexicon's, long-lived), in
        order: one scan a story instead of one per claim."""
        found = self._with_lower.get(id(ids))
        if found is None or found[0] is not ids:
            found = self._with_lower[id(ids)] = (ids, np.flatnonzero(in_sorted(self.lowers, ids)).tolist())
        return found[1]

    def char_end(self, i: int) -> int:
        return self.ends[i]


def token_at(d: ClaimDoc, char: int) -> int:
    return max(bisect_right(d.starts, char) - 1, 0)


def token_chars(d: ClaimDoc, a: int, b: int) -> tuple[int, int]:
    """Char span of tokens [a, b]."""
    return d.starts[a], d.ends[b]


def cue_candidates(d: ClaimDoc, values: np.ndarray, ids: np.ndarray) -> list[int]:
    """Tokens whose lemma or lower form (``values``) is one of the sorted hashes ``ids``, in the
    story's prose and outside quotations (one vectorised look-up: no Python work per token)."""
    return [i for i in np.flatnonzero(in_sorted(values, ids)).tolist() if d.ctx.is_prose(i) and not d.in_quote(i)]
