"""Shared speed measurement: an extractor's time as a share of the spaCy parse time.

Any engineer's speed bench can use :func:`ratio_to_parse`, or :func:`main` for
the whole command line::

    from _speed import main
    main("dates+quantities", prepare, stage, 0.05, __doc__.splitlines()[0])

``prepare(ctx, doc, story)`` runs first, untimed, and returns the arguments
of ``stage`` (so upstream extractors are not charged to the one measured);
``stage(*args)`` is timed. The machine is shared and noisy, so the two sides
are measured in the same run and interleaved batch by batch: each batch of
stories is parsed (timed), then every story of it goes through ``stage``
(timed). The ratio of the sums is what is reported, with the per-batch
ratios' median as a check against one slow spell skewing it.
"""

from __future__ import annotations

import glob
import importlib
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.context import DocContext  # noqa: E402
from pipeline.ingest.formats import Story, parse_story  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402

REUTERS = ROOT.parent / "shared" / "corpus" / "reuters-2006-2013-sample"


@dataclass
class SpeedResult:
    stories: int
    tokens: int
    parse_seconds: float
    stage_seconds: float
    batch_ratios: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.stage_seconds / self.parse_seconds if self.parse_seconds else float("nan")

    @property
    def median_batch_ratio(self) -> float:
        return statistics.median(self.batch_ratios) if self.batch_ratios else float("nan")


def reuters_stories(n: int, seed: int = 0, folder: Path = REUTERS) -> list[Story]:
    """``n`` stories of the Reuters sample, drawn with a fixed seed (all of them if ``n`` <= 0)."""
    files = sorted(glob.glob(str(folder / "*" / "*")))
    if not files:
        raise SystemExit(f"no stories under {folder} (is ../shared present?)")
    if 0 < n < len(files):
        files = random.Random(seed).sample(files, n)
    out = []
    for f in files:
        try:
            out.append(parse_story(Path(f).read_bytes().decode("utf-8-sig"), f))
        except Exception:  # an unreadable story is not a speed figure
            continue
    return out


def ratio_to_parse(
    prepare: Callable[[DocContext, Any, Story], tuple],
    stage: Callable[..., Any],
    stories: Sequence[Story],
    batch_size: int = 16,
    warmup: int = 4,
) -> SpeedResult:
    """Time ``stage`` against the spaCy parse of the same stories, interleaved batch by batch."""
    nlp = get_nlp()
    # warm up both sides (model caches, lexicons, regex compilation) outside the measurement;
    # dateparser's first call compiles its regexes (0.4-0.9 s once a process), which a few
    # warm-up stories may not reach
    importlib.import_module("pipeline.extract.dates").parse_with_dateparser("the past decade", "2010-01-01")
    for doc, story in zip(nlp.pipe([s.text for s in stories[:warmup]]), stories[:warmup]):
        ctx = DocContext.build(doc, story.published, story.dateline, story.byline)
        stage(*prepare(ctx, doc, story))
    result = SpeedResult(0, 0, 0.0, 0.0)
    for k in range(0, len(stories), batch_size):
        batch = stories[k : k + batch_size]
        t0 = time.perf_counter()
        docs = list(nlp.pipe([s.text for s in batch], batch_size=batch_size))
        parse = time.perf_counter() - t0
        spent = 0.0
        for doc, story in zip(docs, batch):
            ctx = DocContext.build(doc, story.published, story.dateline, story.byline)
            args = prepare(ctx, doc, story)
            t1 = time.perf_counter()
            stage(*args)
            spent += time.perf_counter() - t1
            result.tokens += len(doc)
        result.stories += len(batch)
        result.parse_seconds += parse
        result.stage_seconds += spent
        result.batch_ratios.append(spent / parse if parse else float("nan"))
    return result


def print_result(name: str, r: SpeedResult, limit: float | None = None) -> None:
    per_story_parse = 1000 * r.parse_seconds / max(r.stories, 1)
    per_story_stage = 1000 * r.stage_seconds / max(r.stories, 1)
    print(f"stories: {r.stories}, tokens: {r.tokens}")
    print(f"spaCy parse: {r.parse_seconds:.2f} s ({per_story_parse:.1f} ms/story)")
    print(f"{name}: {r.stage_seconds:.3f} s ({per_story_stage:.2f} ms/story)")
    verdict = "" if limit is None else (f"  (limit {limit:.0%}: {'ok' if r.ratio <= limit else 'OVER'})")
    print(f"ratio {name} / parse: {r.ratio:.2%}  (median of batches {r.median_batch_ratio:.2%}){verdict}")


def main(name: str, prepare: Callable[[DocContext, Any, Story], tuple], stage: Callable[..., Any], limit: float, description: str) -> SpeedResult:
    """The command line every speed bench shares: ``[N_STORIES] [--seed S]``, then the printed ratio."""
    import argparse

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("n", nargs="?", type=int, default=300, help="stories from the Reuters sample (0 = all 2,000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    result = ratio_to_parse(prepare, stage, reuters_stories(args.n, args.seed))
    print_result(name, result, limit=limit)
    return result

