"""Speed: all extraction (every table, from the parsed Doc to rows) as a share of the spaCy parse time.

Usage: .venv/bin/python bench/bench_extract_speed_all.py [N_STORIES] [--seed S]

The budget of issue 18: all extraction stays under 10% of the parse. ``story_rows`` (entity
cleaning, actors with their affiliation patterns and country evidence, places, quantities,
dates, routes, claims, experts) is timed, interleaved with the parse batch by batch
(bench/_speed.py).
"""

from __future__ import annotations

from _speed import main

from pipeline.core import story_rows


def prepare(ctx, doc, story):
    return story, doc


if __name__ == "__main__":
    main("all extraction", prepare, story_rows, limit=0.10, description=__doc__.splitlines()[0])
