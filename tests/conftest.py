"""Shared test fixtures: the real spaCy pipeline, the seed story, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HELDOUT = ROOT / "tests" / "heldout"  # annotated stories never used for development
SEED_STORY = FIXTURES / "seed" / "story.txt"
SHARED = (ROOT.parent / "shared").resolve()
REUTERS_SAMPLE = SHARED / "corpus" / "reuters-2006-2013-sample"

# A sample story beside the fixtures in fixture_run_dir: an analyst quoted on oil volumes, for docs/analyses.md.
DOCS_SAMPLE = ("20120516/us-oil-midwest-idUSBRE84F0KK20120516",)

needs_shared = pytest.mark.skipif(not REUTERS_SAMPLE.is_dir(), reason="../shared is absent")


def actor_rows(text: str) -> dict[str, dict]:
    """The actors ``pipeline.extract`` finds in ``text``, by name."""
    import pipeline

    return {r["name"]: r for r in pipeline.extract(text).actors.to_dict("records")}


def route_rows(text: str) -> list[dict]:
    """Every row ``pipeline.extract`` writes in ``routes`` and ``route_candidates`` for ``text``."""
    import pipeline

    out = pipeline.extract(text)
    return [r for t in ("routes", "route_candidates") for r in out[t].to_dict("records")]


def fixed_doc(words, heads, deps, pos, tags, lemmas, ents=None):
    """A parse given word by word (as spaCy's matcher tests build them), so a rule is tested apart from the parser."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    return Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents)


def cell(row: dict, column: str):
    """A row's value, None where the table holds a missing value (lists stay lists)."""
    import pandas as pd

    value = row.get(column)
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value


def assert_same_tables(a, b, *, ignore_source: bool = False, ignore_link: bool = False) -> None:
    """Every table of ``a`` equals ``b``'s: the same rows in the same order, with the same dtypes.

    ``ignore_source`` leaves out ``stories.source``, which names where a story was read from;
    ``ignore_link`` the columns ``wireclaims link`` fills (``actors.entity_id``, ``actors.link_rule``),
    empty in a run's committed parts until it is linked.
    """
    import pandas as pd

    from pipeline.schema import TABLE_NAMES

    for name in TABLE_NAMES:
        left, right = a[name], b[name]
        if ignore_source and name == "stories":
            left, right = left.drop(columns="source"), right.drop(columns="source")
        if ignore_link and name == "actors":
            left, right = left.drop(columns=["entity_id", "link_rule"]), right.drop(columns=["entity_id", "link_rule"])
        pd.testing.assert_frame_equal(left, right, check_exact=True, obj=name)


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


@pytest.fixture(scope="session")
def fixture_run_dir(tmp_path_factory) -> Path:
    """A real ``wireclaims run`` output: corpus/, the fixtures' stories that are available, and one unreadable file."""
    import pipeline
    from pipeline.evaluate import find_fixtures

    base = tmp_path_factory.mktemp("fixture-run")
    bad = base / "unreadable.txt"
    bad.write_bytes(b"\x00\x01binary\x00")
    fixtures = [f for f in find_fixtures(FIXTURES) if f.available() and f.story_path != SEED_STORY.resolve()]
    stories = [str(f.story_path) for f in fixtures if not f.member]
    # A story inside the archive is copied out: the run reads it as its own file.
    for f in fixtures:
        if f.member:
            copy = base / "archive-members" / f"{f.name}.txt"
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(f.read_story(), encoding="utf-8")
            stories.append(str(copy))
    stories += [str(REUTERS_SAMPLE / s) for s in DOCS_SAMPLE if (REUTERS_SAMPLE / s).is_file()]
    out = base / "outputs"
    pipeline.run([str(ROOT / "corpus"), *stories, str(bad)], out, quiet=True)
    return out


@pytest.fixture(scope="session")
def short_stories(tmp_path_factory) -> Path:
    """A folder of 12 short Reuters stories from the sample (1.5 to 2.5 KB), copied to a temporary folder."""
    import shutil

    if not REUTERS_SAMPLE.is_dir():
        pytest.skip("../shared is absent")
    picked = [p for p in sorted(REUTERS_SAMPLE.rglob("*")) if p.is_file() and 1500 <= p.stat().st_size <= 2500][:12]
    folder = tmp_path_factory.mktemp("short-stories")
    for p in picked:
        shutil.copy(p, folder / f"{p.parent.name}-{p.name}.txt")
    return folder


@pytest.fixture(scope="session")
def short_run(short_stories, tmp_path_factory) -> Path:
    """``wireclaims run`` over ``short_stories`` with one worker process, in small chunks: the reference output."""
    import pipeline

    out = tmp_path_factory.mktemp("short-run") / "out"
    summary = pipeline.run(short_stories, out, workers=1, chunk_size=4, quiet=True)
    assert summary.exit_code == 0, summary.text()
    return out


# A run that grows (tests/test_link.py, the archive report): the seed and six Reuters stories (two name
# "JP Morgan", one "JPMorgan Chase & Co", Iran's OPEC governor, a Russia-China summit with its oil
# pipeline), then three more stories added to the same output, as a resumed run adds them.
BASE = (
    "20081021/us-citicpacfici-idUSTRE49K0AU20081021",  # "JP Morgan"
    "20110417/us-tepco-kddi-idUSTRE73G02I20110417",  # "JP Morgan"
    "20080503/us-jpmorgan-citigroup-idUSL0353675920080503",
    "20090615/us-summit-sco-trade-sb-idUSTRE55E1DJ20090615",  # Russia-China pipeline, Medvedev
    "20081105/us-iran-opec-idUSTRE4A45D120081105",  # Gholamhossein Nozari
    "20080804/us-markets-oil-idUST14048520080804",
)
ADDED = (
    "20081106/us-jpmorgan-ceo-idUSTRE4A555H20081106",
    "20080318/us-gazprom-exports-idUSL1833921620080318",
    "20071115/us-opec-algeria-idUSSP30399920071115",  # Nozari again
)



def _copy_sample(names, folder: Path) -> Path:
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(REUTERS_SAMPLE / name, folder / f"{name.split('/')[1]}.txt")
    return folder


@pytest.fixture(scope="session")
def linked_run(tmp_path_factory):
    """The linked output after the first run, then after the added stories: (before, after, out)."""
    import pipeline

    if not REUTERS_SAMPLE.is_dir():
        pytest.skip("../shared is absent")
    base = tmp_path_factory.mktemp("link")
    out = base / "out"
    first = _copy_sample(BASE, base / "first")
    summary = pipeline.run([str(ROOT / "corpus"), str(first)], out, workers=0, quiet=True)
    assert summary.exit_code == 0 and summary.link is not None, summary.text()
    before = pipeline.load(out)
    more = _copy_sample(ADDED, base / "more")
    summary = pipeline.run([str(ROOT / "corpus"), str(first), str(more)], out, workers=0, quiet=True)
    assert summary.ok == len(ADDED) and summary.skipped == len(BASE) + 1, summary.text()
    return before, pipeline.load(out), out
