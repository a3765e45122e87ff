"""The speed-ups of issue 18 (i18h) answer exactly what the slow ways answered.

DocContext's token arrays and sentence ranges against spaCy's own Token attributes,
``Token.sent`` and ``Span.text``; the unit matcher against the one-regex unit pattern at
every position; prefiltered patterns against the originals.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline.extract.context import DocContext
from pipeline.extract.prefilter import lookahead, prefiltered
from pipeline.extract.quantities.lexicon import lex
from pipeline.extract.quantities.unit_match import unit_matchers
from pipeline.nlp import get_nlp

SEED = Path(__file__).parent / "fixtures" / "seed" / "story.txt"
TEXT = (
    "LONDON (Reuters) - Shares in BP rose 3.5 percent to 450 pence on Monday, traders said.\n\n"
    "\"We expect a 10 km-long pipeline,\" Chief Executive Bob Dudley told reporters. It would cost $2.5 billion.\n\n"
    "(Reporting by Jane Doe; Editing by John Roe)"
)


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    nlp = get_nlp()
    return [nlp(TEXT), nlp(SEED.read_text(encoding="utf-8"))]


def test_token_arrays_are_spacys_attributes(docs: list[Doc]) -> None:
    for doc in docs:
        a = DocContext.build(doc).arrays
        assert a.starts == [t.idx for t in doc]
        assert a.ends == [t.idx + len(t.text) for t in doc]
        assert a.lemma_ids.tolist() == [t.lemma for t in doc]
        assert a.ent_iob.tolist() == [t.ent_iob for t in doc]
        assert a.ent_type.tolist() == [t.ent_type for t in doc]


def test_sentences_are_token_sent(docs: list[Doc]) -> None:
    for doc in docs:
        ctx = DocContext.build(doc)
        assert ctx.sents_exact
        for t in doc:
            assert ctx.sent_range(t.i) == (t.sent.start, t.sent.end)
            span = ctx.sent_span(t.i)
            assert (span.start, span.end) == (t.sent.start, t.sent.end)


def test_sentences_when_token_zero_starts_none() -> None:
    """A fixed parse whose first token is marked as no sentence start: spaCy's walk is followed."""
    doc = Doc(get_nlp().vocab, words=["and", "then", "it", "rose", ".", "It", "fell", "."], sent_starts=[False, False, False, False, False, True, False, False])
    ctx = DocContext.build(doc)
    assert not ctx.sents_exact
    assert [ctx.sent_range(t.i) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]


def test_span_text_is_span_text(docs: list[Doc]) -> None:
    doc = docs[0]
    ctx = DocContext.build(doc, text=TEXT)
    n = len(doc)
    for a, b in [(0, 1), (0, n), (3, 9), (n - 2, n), (n - 1, n + 5), (-3, n), (-4, -1), (n + 1, n + 3), (5, 5), (6, 2)]:
        expected = "" if b <= a else doc[a:b].text
        assert ctx.span_text(a, b) == expected, (a, b)


def test_unit_matcher_is_the_unit_pattern(docs: list[Doc]) -> None:
    lx = lex()
    case_sensitive, case_insensitive = unit_matchers()
    text = docs[1].text + " 5 -  kg 5 \u212aB 5 - \u00b0C 5 \u017fecond 5 -\t- percent 5\u00a0km 10 \u03bcg 3 MUSD 20 (kg) 7 Days"
    for pos in range(len(text)):
        for whole, fast in ((lx.unit_cs, case_sensitive), (lx.unit_ci, case_insensitive)):
            m = whole.match(text, pos)
            assert fast.match(text, pos) == ((m.group("u"), m.end()) if m else None), (pos, text[pos : pos + 12])


def test_prefilter_reads_first_characters() -> None:
    assert lookahead(re.compile(r"(?<!\w)(?:the\s+)?(?i:end|close)")) == "(?=(?-i:[t])|(?i:[ec]))"
    assert lookahead(re.compile(r"\d+|[½¼]")) == r"(?=(?-i:[\d½¼]))"
    assert lookahead(re.compile(r"a?")) is None  # may match the empty string: every position
    assert lookahead(re.compile(r"[^a]b")) is None  # a negated class: not told
    assert lookahead(re.compile(r"(a)\1")) is not None
    assert lookahead(re.compile(r"(?P<x>a)?(?P=x)b")) is None  # a back-reference may come first


def test_prefiltered_matches_are_the_same(docs: list[Doc]) -> None:
    text = docs[1].text + " the end of the YEAR, Close of the quarter; 12/25/2012 FY2012 year-end"
    for source in [r"(?<!\w)(?=\w)(?i:(?:the\s+)?(?:end|close)\s+of\s+the\s+(?P<u>week|month|quarter|year)|(?:the\s+)?year[\s-]end)",
                   r"(?<![\d/.])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4})", r"FY\s?\d{4}|[A-Z][a-z]+"]:
        rx = re.compile(source)
        fast = prefiltered(rx)
        assert fast is not rx
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)]  # the test text has matches
