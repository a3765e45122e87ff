"""Accuracy floors of the routes table (issue 5), scored by `wireclaims eval` rules on the fixtures.

Seed: routes F1 >= 0.80 with mode agreement >= 0.90 and cargo agreement >= 0.80.
Reuters fixtures (pipelines, LNG, canals, trade; stories read from ../shared): routes F1 >= 0.70.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import EvalReport

from .conftest import FIXTURES, needs_shared

SEED_FLOOR = (0.80, {"mode": 0.90, "cargo": 0.80})
REUTERS_FLOOR = (0.70, {})


def _subset(report: EvalReport, keep) -> EvalReport:
    return EvalReport([s for s in report.stories if keep(s.fixture)], [])


def _check(report: EvalReport, floor: float, fields: dict[str, float], label: str) -> None:
    score = report.total("routes")
    details = report.text(details=True)
    assert score.f1 >= floor, f"{label} routes F1 {score.f1:.3f} < {floor}\n{details}"
    for name, field_floor in fields.items():
        agreement = score.agreement(name)
        assert agreement is not None and agreement >= field_floor, f"{label} routes.{name} agreement {agreement} < {field_floor}\n{details}"


def test_seed_routes_floor(fixture_report):
    seed = _subset(fixture_report, lambda name: name == "seed")
    assert seed.stories, "the seed fixture was not scored"
    _check(seed, *SEED_FLOOR, "seed")


@needs_shared
def test_reuters_routes_floor(fixture_report):
    expected = sorted(p.name for p in FIXTURES.iterdir() if p.name.startswith("reuters-"))
    reuters = _subset(fixture_report, lambda name: name.startswith("reuters-"))
    if not reuters.stories:
        pytest.skip("no Reuters fixture story available")
    assert sorted(s.fixture for s in reuters.stories) == expected
    _check(reuters, *REUTERS_FLOOR, "Reuters")
