"""Precision of each route rule on annotated fixtures: how the ``confidence`` column is set.

For every predicted route row the eval either matches a gold row, matches an optional one,
counts it as spurious, or ignores it; this prints, per ``rule``, rows matched to required gold
and rows counted spurious, and their precision. Rebuild the figures in docs/routes.md with

    python scripts/route_rule_precision.py tests/fixtures
"""
from __future__ import annotations

import sys
from collections import Counter

from pipeline.core import process_stories
from pipeline.evaluate import _pred_rows, find_fixtures, score_table
from pipeline.ingest.formats import parse_story
from pipeline.tables import Tables


def main(folders: list[str]) -> None:
    fixtures = [f for folder in folders for f in find_fixtures(folder) if f.available() and "routes" in f.gold]
    tables = Tables.from_rows(process_stories([parse_story(f.read_story(), f.source) for f in fixtures]).rows)
    total: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for f in fixtures:
        rows = _pred_rows(tables, "routes", f.story_id)
        score = score_table("routes", f.gold["routes"], f.gold.get("routes_ignore", []), rows)
        total.update(r["rule"] for r in rows)
        spurious.update(r["rule"] for r in score.spurious)
    print(f"{'rule':28} rows  spurious  precision (optional matches count as right)")
    for rule, n in total.most_common():
        print(f"{rule:28} {n:4}  {spurious[rule]:8}  {1 - spurious[rule] / n:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
