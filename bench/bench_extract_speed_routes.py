"""Speed: route extraction as a share of the spaCy parse time on Reuters stories.

Usage: .venv/bin/python bench/bench_extract_speed_routes.py [N_STORIES] [--seed S]

The issue's budget: route extraction adds at most 3% to the parse. Its inputs
(entities, actors, places, dates, quantities, claims) run untimed;
``extract_routes`` is timed, interleaved with the parse batch by batch
(bench/_speed.py), and the share of stories that yield a route is printed
beside the ratio.
"""

from __future__ import annotations

import importlib

import _speed

from pipeline.extract.actors import extract_actors
from pipeline.extract.entities import entity_mentions
from pipeline.extract.places import extract_places

# ``pipeline.extract`` exports functions named like these modules: import the modules by path.
dates = importlib.import_module("pipeline.extract.dates")
quantities = importlib.import_module("pipeline.extract.quantities")
claims = importlib.import_module("pipeline.extract.claims")
routes = importlib.import_module("pipeline.extract.routes")

found = {"stories": 0, "with_routes": 0, "routes": 0, "candidates": 0}


def prepare(ctx, doc, story):
    mentions = entity_mentions(ctx)
    _, actors = extract_actors(ctx, mentions)
    _, places = extract_places(ctx, mentions)
    _, date_index = dates.extract_dates(ctx)
    quantity_rows = quantities.extract_quantities(ctx, actors, date_index)
    claim_rows = claims.extract_claims(ctx, actors)
    return ctx, places, actors, quantity_rows, date_index, claim_rows


def stage(ctx, places, actors, quantity_rows, date_index, claim_rows):
    rows, candidates = routes.extract_routes(ctx, places, actors, quantity_rows, date_index, claim_rows)
    found["stories"] += 1
    found["with_routes"] += bool(rows)
    found["routes"] += len(rows)
    found["candidates"] += len(candidates)


def main() -> None:
    _speed.main("routes", prepare, stage, 0.03, __doc__.splitlines()[0])
    print(f"route rows: {found['routes']} in {found['with_routes']} of {found['stories']} timed stories (warm-up included); "
          f"route_candidates rows: {found['candidates']}")


if __name__ == "__main__":
    main()
