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

from spacy.tokens import Doc, Span, Token

_CREDIT = re.compile(r"^\(?\s*(?:\(|)\s*(?:Reporting|Additional reporting|Writing|Editing|Compiled|Edited)\s+by\b", re.I)
_DATELINE_END = re.compile(r"\((?:Reuters|IFR)[^)]*\)\s*[-–—]+\s*$")


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

    @classmethod
    def build(
        cls,
        doc: Doc,
        published: date | None = None,
        dateline: str | None = None,
        byline: tuple[str, ...] | list[str] = (),
    ) -> "DocContext":
        sentence_of = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sentence_of[i] = k
        paragraph_of = [0] * len(doc)
        paragraphs: list[tuple[int, int]] = []
        start = 0
        p = 0
        for tok in doc:
            paragraph_of[tok.i] = p
            if tok.is_space and "\n\n" in tok.text:
                paragraphs.append((start, tok.i + 1))
                start = tok.i + 1
                p += 1
        if start < len(doc) or not paragraphs:
            paragraphs.append((start, len(doc)))
        ctx = cls(doc, published, dateline, tuple(byline), sentence_of, paragraph_of, paragraphs)
        ctx._classify_paragraphs()
        return ctx

    def _classify_paragraphs(self) -> None:
        headings, credits = set(), set()
        for k, (a, b) in enumerate(self.paragraphs):
            text = self.doc[a:b].text.strip()
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
            letters = [c for c in text if c.isalpha()]
            if letters and all(c.isupper() for c in letters) and len(text.split()) <= 8:
                headings.add(k)
        self.heading_paragraphs = frozenset(headings)
        self.credit_paragraphs = frozenset(credits)

    # --- questions extractors ask -------------------------------------------

    def is_prose(self, i: int) -> bool:
        """True for a token in an ordinary paragraph (not dateline, heading or credit line)."""
        p = self.paragraph_of[i] if i < len(self.paragraph_of) else 0
        return p != self.dateline_paragraph and p not in self.heading_paragraphs and p not in self.credit_paragraphs

    def in_dateline(self, i: int) -> bool:
        return self.dateline_paragraph is not None and self.paragraph_of[i] == self.dateline_paragraph

    def sentence(self, i: int) -> int:
        return self.sentence_of[i] if 0 <= i < len(self.sentence_of) else 0

    def sentence_span(self, i: int) -> Span:
        return self.doc[i].sent


def span_text(doc: Doc, start: int, end: int) -> str:
    """Text of tokens [start, end) with single spaces."""
    return doc[start:end].text if end > start else ""


def token_after(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None
