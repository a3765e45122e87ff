"""Speed: date and quantity extraction as a share of the spaCy parse time on Reuters stories.

Usage: .venv/bin/python bench/bench_extract_speed_quantities_dates.py [N_STORIES] [--seed S]

The issue's budget: dates + quantities together add at most 5% to the parse.
Entities and actors (inputs of quantities) run untimed; ``extract_dates`` and
``extract_quantities`` are timed, interleaved with the parse batch by batch
(bench/_speed.py). dateparser's cache starts empty, as in a real run, but its
start-up (importing it and loading its English data, about a second, paid once
per process) is done before the measurement.
"""

from __future__ import annotations

from _speed import main

from pipeline.extract.actors import extract_actors
from pipeline.extract.dates import extract_dates, parse_with_dateparser
from pipeline.extract.entities import entity_mentions
from pipeline.extract.quantities import extract_quantities


def prepare(ctx, doc, story):
    _, actors = extract_actors(ctx, entity_mentions(ctx))
    return ctx, actors


def stage(ctx, actors):
    _, dates = extract_dates(ctx)
    extract_quantities(ctx, actors, dates)


if __name__ == "__main__":
    parse_with_dateparser("19 July 2012", "2017-05-03")  # process start-up, not per-story work
    parse_with_dateparser.cache_clear()
    main("dates+quantities", prepare, stage, 0.05, __doc__.splitlines()[0])
