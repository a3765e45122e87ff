"""Speed: claim and expert extraction as a share of the spaCy parse time on Reuters stories.

Usage: .venv/bin/python bench/bench_extract_speed_claims.py [N_STORIES] [--seed S]

The issue's budget: claims + experts together add at most 5% to the parse.
Entities and actors (their inputs) run untimed; ``extract_claims`` and
``extract_experts`` are timed, interleaved with the parse batch by batch
(bench/_speed.py).
"""

from __future__ import annotations

import argparse
from _speed import print_result, ratio_to_parse, reuters_stories

from pipeline.extract.actors import extract_actors
from pipeline.extract.entities import entity_mentions

import pipeline.extract.claims as claims
import pipeline.extract.experts as experts


def prepare(ctx, doc, story):
    actor_rows, actors = extract_actors(ctx, entity_mentions(ctx))
    return ctx, actors, actor_rows


def stage(ctx, actors, actor_rows):
    rows = claims.extract_claims(ctx, actors)
    experts.extract_experts(ctx, actors, actor_rows, rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=300, help="stories from the Reuters sample (0 = all 2,000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    stories = reuters_stories(args.n, args.seed)
    print_result("claims+experts", ratio_to_parse(prepare, stage, stories), limit=0.05)


if __name__ == "__main__":
    main()
