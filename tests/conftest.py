"""Shared test fixtures: the real spaCy pipeline, the seed story, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED_STORY = FIXTURES / "seed" / "story.txt"
SHARED = (ROOT.parent / "shared").resolve()
REUTERS_SAMPLE = SHARED / "corpus" / "reuters-2006-2013-sample"

needs_shared = pytest.mark.skipif(not REUTERS_SAMPLE.is_dir(), reason="../shared is absent")


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_STORY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_tables(seed_text):
    import pipeline

    return pipeline.extract(seed_text, source=str(SEED_STORY))


@pytest.fixture(scope="session")
def fixture_report():
    """The pipeline scored against every fixture whose story is available (run once per session)."""
    from pipeline.evaluate import evaluate

    return evaluate(FIXTURES)
