"""Accuracy floors: `wireclaims eval` on the annotated fixtures must stay above them.

The seed floors come from the issues; the Reuters fixtures (annotated for this
project, stories read from ../shared) have their own, lower floors.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import evaluate

from .conftest import FIXTURES, needs_shared

SEED_FLOORS = {
    # table: (F1 floor, {field: agreement floor})
    "actors": (0.90, {"title": 0.85, "affiliation": 0.85, "country": 0.85}),
    "places": (0.90, {"country": 0.85}),
}
REUTERS_FLOORS = {
    "actors": (0.80, {}),
    "places": (0.80, {}),
}


@pytest.fixture(scope="module")
def seed_report():
    return evaluate(FIXTURES / "seed")


@pytest.fixture(scope="module")
def reuters_report():
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.name.startswith("reuters-"))
    report = evaluate(FIXTURES)
    report.stories = [s for s in report.stories if s.fixture.startswith("reuters-")]
    if not report.stories:
        pytest.skip("no Reuters fixture story available")
    assert len(report.stories) == len(fixtures)
    return report


@pytest.mark.parametrize("table", sorted(SEED_FLOORS))
def test_seed_floor(seed_report, table):
    floor, fields = SEED_FLOORS[table]
    score = seed_report.total(table)
    assert score.f1 >= floor, f"seed {table} F1 {score.f1:.3f} < {floor}\n{seed_report.text(details=True)}"
    for field, field_floor in fields.items():
        agreement = score.agreement(field)
        assert agreement is not None and agreement >= field_floor, f"seed {table}.{field} agreement {agreement} < {field_floor}"


@needs_shared
@pytest.mark.parametrize("table", sorted(REUTERS_FLOORS))
def test_reuters_floor(reuters_report, table):
    floor, fields = REUTERS_FLOORS[table]
    score = reuters_report.total(table)
    assert score.f1 >= floor, f"Reuters {table} F1 {score.f1:.3f} < {floor}"
    for field, field_floor in fields.items():
        agreement = score.agreement(field)
        assert agreement is not None and agreement >= field_floor, f"Reuters {table}.{field} agreement {agreement} < {field_floor}"
