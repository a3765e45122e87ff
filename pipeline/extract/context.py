"""What every extractor needs to know about a parsed story, computed once.

:class:`DocContext` wraps the spaCy ``Doc`` with the story's date and
dateline, a sentence index and a paragraph index per token, and the
paragraphs that are not prose (the dateline, all-caps headings, the
"(Reporting by ...)" credit line): extractors look there only for what
belongs there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LEMMA, LENGTH, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from ..nlp import PARAGRAPH_BREAK
from .prefilter import prefiltered

TIME_ENTITIES = frozenset({"DATE", "TIME"})  # spaCy labels of dates and times: never a source, a thing said or a measured noun
_CREDIT = re.compile(r"^\(?\s*(?:(?:With\s+)?(?:additional\s+)?reporting|Writing|Editing|Compiled|Edited|Contributions?)\s+(?:by|from)\b", re.I)
# Credit lines and stock tickers can sit inside a paragraph: "(Reporting by A; Editing by B)", "( IBM.N )".
_NOT_PROSE = re.compile(
    r"(?i:\(\s*(?:With\s+)?(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Edited|Reported)\s+by\b[^)]*\)?)"
    # credit_line_forms (i18k): "(With reporting by", "(Contributions from", and "(Additional reporting <Name>" with no
    # "by" (it let a following "Editing by" through): reporters, never actors
    r"|\(\s*(?:With\s+(?:[Aa]dditional\s+)?(?:[Rr]eporting|[Cc]ontributions?)|Additional\s+[Rr]eporting|Contributions?\s+(?:by|from))\b[^)]*\)?"
    r"|\(\s*[A-Z0-9.]{1,8}\.[A-Za-z]{1,3}\s*(?:[,;]\s*[A-Z0-9.]{1,8}\.[A-Za-z]{1,3}\s*)*\)"
    r"|\b[A-Z0-9][A-Za-z0-9]{0,6}\.(?:[A-Z]{1,2}|DE|TO|HK|SS|SZ|KS|BO|NS|PA|MI|AS|MC|ST|OL|CO|HE|SW|VX|AX|SI|TW|KL|JK|BK|SA|MX)\b(?![.\w])",
)
_NOT_PROSE_SCAN = prefiltered(_NOT_PROSE)  # the same matches, found faster (prefilter.py)
_DATELINE_END = re.compile(r"\((?:Reuters|IFR)[^)]*\)\s*[-–—]+\s*$")


# The columns DocContext.build reads in one Doc.to_array call (one call for all is cheaper than one per extractor).
_COLUMNS = [IDX, SENT_START, LOWER, LEMMA, LENGTH, ENT_IOB, ENT_TYPE]


@dataclass(frozen=True)
class TokenArrays:
    """Per-token columns of the Doc, read once: extractors look tokens up here instead of building spaCy
    ``Token`` objects (``doc[i]`` costs about 0.3 µs, ``tok.idx`` as much again)."""

    starts: list[int]  # token.idx
    ends: list[int]  # token.idx + len(token.text)
    idx: np.ndarray  # starts, as int64
    lemma_ids: np.ndarray  # hash of token.lemma_
    ent_iob: np.ndarray  # 3 = B, 1 = I, 2 = O, 0 = none
    ent_type: np.ndarray  # hash of token.ent_type_

    @classmethod
    def of(cls, arr: np.ndarray) -> "TokenArrays":
        """From ``doc.to_array(_COLUMNS)``."""
        idx = arr[:, 0].astype(np.int64)
        return cls(idx.tolist(), (idx + arr[:, 4].astype(np.int64)).tolist(), idx, arr[:, 3], arr[:, 5], arr[:, 6])


@dataclass
class DocContext:
    doc: Doc
    published: date | None = None
    dateline: str | None = None
    byline: tuple[str, ...] = ()
    sentence_of: list[int] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # token [start, end)
    dateline_paragraph: int | None = None
    heading_paragraphs: frozenset[int] = frozenset()
    credit_paragraphs: frozenset[int] = frozenset()
    prose: list[bool] = field(default_factory=list)  # token i is ordinary story prose
    lower_ids: np.ndarray | None = None  # hash of each token's lower-case form, for fast lexicon scans
    text: str = ""  # doc.text, computed once (spaCy rebuilds it from every token on each access)
    sentence_starts: list[int] = field(default_factory=list)  # first token of each sentence
    arrays_: TokenArrays | None = None  # read by build; else on first use (see ``arrays``)
    sents_exact: bool = False  # sentence_bounds(i) is exactly doc[i].sent (set by build)

    @classmethod
    def build(
        cls,
        doc: Doc,
        published: date | None = None,
        dateline: str | None = None,
        byline: tuple[str, ...] | list[str] = (),
        text: str | None = None,
    ) -> "DocContext":
        """``text`` is ``doc.text`` when the caller already has it (it is the string that was parsed)."""
        # Whole-document arrays instead of a Python loop over tokens: creating
        # Token objects one by one costs more than everything else here.
        n = len(doc)
        text = doc.text if text is None else text
        arr = doc.to_array(_COLUMNS) if n else np.zeros((0, len(_COLUMNS)), dtype=np.uint64)
        idx = arr[:, 0].astype(np.int64)
        starts = arr[:, 1].view(np.int64) == 1
        sentence_of = np.maximum(np.cumsum(starts) - 1, 0).tolist()
        break_chars = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
        break_tokens = np.searchsorted(idx, break_chars).tolist() if break_chars else []
        paragraph_of = np.searchsorted(np.asarray(break_tokens, dtype=np.int64), np.arange(n), side="left").tolist() if n else []
        paragraphs: list[tuple[int, int]] = []
        start = 0
        for b in break_tokens:
            paragraphs.append((start, b + 1))
            start = b + 1
        if start < n or not paragraphs:
            paragraphs.append((start, n))
        ctx = cls(doc, published, dateline, tuple(byline), sentence_of, paragraph_of, paragraphs)
        ctx.lower_ids = arr[:, 2]
        ctx.arrays_ = TokenArrays.of(arr)
        # spaCy's Token.sent walks SENT_START back to a 1 (or token 0) and on to the next 1: the same as our
        # bounds when token 0 starts a sentence and no hook replaces spaCy's own sentences
        ctx.sents_exact = bool(n) and bool(starts[0]) and not (doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks)
        ctx.text = text
        ctx.sentence_starts = np.flatnonzero(starts).tolist() or [0]
        ctx._classify_paragraphs()
        ctx._mark_prose()
        return ctx

    def _mark_prose(self) -> None:
        doc = self.doc
        skip = {self.dateline_paragraph} | set(self.heading_paragraphs) | set(self.credit_paragraphs)
        prose = [p not in skip for p in self.paragraph_of]
        for m in _NOT_PROSE_SCAN.finditer(self.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    prose[i] = False
        self.prose = prose
    def _classify_paragraphs(self) -> None:
        headings, credits = set(), set()
        for k, text in enumerate(self.text.split("\n\n")):
            text = text.strip()
            if not text:
                continue
            if k == 0 and (
                (self.dateline and text.startswith(self.dateline) and len(text) <= len(self.dateline) + 16)
                or _DATELINE_END.search(text)
            ):
                self.dateline_paragraph = 0
                continue
            if _CREDIT.match(text):
                credits.add(k)
                continue
            if len(text) <= 80 and text.isupper() and len(text.split()) <= 8:
                headings.add(k)  # "LOYAL PARTNER": an all-caps heading
        self.heading_paragraphs = frozenset(headings)
        self.credit_paragraphs = frozenset(credits)

    # --- questions extractors ask -------------------------------------------

    def is_prose(self, i: int) -> bool:
        """True for a token of story prose (not dateline, heading, credit line or stock ticker)."""
        return self.prose[i] if 0 <= i < len(self.prose) else False

    def indices_of(self, words: frozenset[str] | set[str]) -> list[int]:
        """Indices of tokens whose lower-case form is in ``words``: a fast lexicon scan."""
        if self.lower_ids is None or not len(self.lower_ids):
            return []
        return np.flatnonzero(in_sorted(self.lower_ids, lexicon_ids(words))).tolist()

    def in_dateline(self, i: int) -> bool:
        return self.dateline_paragraph is not None and self.paragraph_of[i] == self.dateline_paragraph

    def sentence(self, i: int) -> int:
        return self.sentence_of[i] if 0 <= i < len(self.sentence_of) else 0

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token [start, end) of the sentence holding token ``i``."""
        k = self.sentence(i)
        start = self.sentence_starts[k] if k < len(self.sentence_starts) else 0
        end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.doc)
        return start, end

    @property
    def arrays(self) -> TokenArrays:
        """The per-token columns (built here when the context was not made by :meth:`build`)."""
        if self.arrays_ is None:
            n = len(self.doc)
            self.arrays_ = TokenArrays.of(self.doc.to_array(_COLUMNS) if n else np.zeros((0, len(_COLUMNS)), dtype=np.uint64))
        return self.arrays_

    def sent_range(self, i: int) -> tuple[int, int]:
        """``(doc[i].sent.start, doc[i].sent.end)`` without building the sentence (``Token.sent`` costs ~8 µs)."""
        if self.sents_exact and 0 <= i < len(self.sentence_of):
            return self.sentence_bounds(i)
        sent = self.doc[i].sent
        return sent.start, sent.end

    def sent_span(self, i: int) -> Span:
        """``doc[i].sent``: one slice instead of spaCy's walk over the sentence's tokens."""
        if self.sents_exact and 0 <= i < len(self.sentence_of):
            a, b = self.sentence_bounds(i)
            return self.doc[a:b]
        return self.doc[i].sent

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, sliced from the story text (``Span.text`` builds every token)."""
        if end <= start:
            return ""
        a = self.arrays
        if 0 <= start and end <= len(a.starts):  # else spaCy's slice rules (negative, past the end)
            return self.text[a.starts[start] : a.ends[end - 1]]
        span = self.doc[start:end]
        return self.text[span.start_char : span.end_char]


_LEXICON_IDS: dict[frozenset[str], np.ndarray] = {}


def in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_keys)`` for sorted keys, without sorting ``values``: one
    binary search per value, several times faster than ``np.isin`` on a story's tokens."""
    if not len(values) or not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(sorted_keys, values)
    pos[pos == len(sorted_keys)] = 0
    return sorted_keys[pos] == values


def lexicon_ids(words: frozenset[str] | set[str]) -> np.ndarray:
    """spaCy string hashes of a lexicon's words, sorted (cached per lexicon)."""
    key = words if isinstance(words, frozenset) else frozenset(words)
    ids = _LEXICON_IDS.get(key)
    if ids is None:
        ids = np.sort(np.fromiter((hash_string(w) for w in key), dtype=np.uint64, count=len(key)))
        _LEXICON_IDS[key] = ids
    return ids
