"""Accuracy floors for quantities and dates (issue 3), on the annotated fixtures.

Seed: quantities F1 >= 0.90 with unit, qualifier and per agreement >= 0.90;
dates F1 >= 0.90 with value agreement >= 0.90. Reuters fixtures: F1 >= 0.80
for both tables. Scored by ``pipeline.evaluate`` (the spec's matching rules)
through the session's ``fixture_report`` (the pipeline runs once).
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import EvalReport, TableScore

from .conftest import needs_shared

SEED_FLOORS = {
    "quantities": (0.90, {"unit": 0.90, "qualifier": 0.90, "per": 0.90}),
    "dates": (0.90, {"value": 0.90}),
}
REUTERS_FLOORS = {
    "quantities": (0.80, {}),
    "dates": (0.80, {}),
}


def _total(report: EvalReport, table: str, prefix: str) -> TableScore:
    total = TableScore()
    for story in report.stories:
        if story.fixture.startswith(prefix) and table in story.tables:
            total.add(story.tables[table])
    return total


def _check(score: TableScore, floor: float, fields: dict[str, float], what: str, report: EvalReport) -> None:
    assert score.tp + score.fn > 0, f"{what}: no gold rows scored"
    assert score.f1 >= floor, f"{what} F1 {score.f1:.3f} < {floor}\n{report.text(details=True)}"
    for field, field_floor in fields.items():
        agreement = score.agreement(field)
        assert agreement is not None and agreement >= field_floor, f"{what}.{field} agreement {agreement} < {field_floor}"


@pytest.mark.parametrize("table", sorted(SEED_FLOORS))
def test_seed_floor(fixture_report, table):
    floor, fields = SEED_FLOORS[table]
    _check(_total(fixture_report, table, "seed"), floor, fields, f"seed {table}", fixture_report)


@needs_shared
@pytest.mark.parametrize("table", sorted(REUTERS_FLOORS))
def test_reuters_floor(fixture_report, table):
    if not any(s.fixture.startswith("reuters-") for s in fixture_report.stories):
        pytest.skip("no Reuters fixture story available")
    floor, fields = REUTERS_FLOORS[table]
    _check(_total(fixture_report, table, "reuters-"), floor, fields, f"Reuters {table}", fixture_report)
