"""Accuracy floors for claims and experts (issue 4), on the annotated fixtures.

Seed: claims F1 >= 0.90 with cue, kind and hedge agreement >= 0.85; experts
F1 = 1.0 with title and affiliation agreement = 1.0. Reuters fixtures: claims
and experts F1 >= 0.80. Scored by ``pipeline.evaluate`` through the session's
``fixture_report`` (the pipeline runs once).
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import EvalReport

from .conftest import needs_shared

FLOORS = {
    # (fixtures, table): (F1 floor, {field: agreement floor})
    ("seed", "claims"): (0.90, {"cue": 0.85, "kind": 0.85, "hedge": 0.85}),
    ("seed", "experts"): (1.0, {"title": 1.0, "affiliation": 1.0}),
    ("reuters-", "claims"): (0.80, {}),
    ("reuters-", "experts"): (0.80, {}),
}


def _check(report: EvalReport, prefix: str, table: str) -> None:
    scored = EvalReport([s for s in report.stories if s.fixture.startswith(prefix)], [])
    if not scored.stories:
        pytest.skip(f"no {prefix} fixture story available")
    floor, fields = FLOORS[(prefix, table)]
    score = scored.total(table)
    assert score.tp + score.fn > 0, f"{prefix} {table}: no gold rows scored"
    assert score.f1 >= floor, f"{prefix} {table} F1 {score.f1:.3f} < {floor}\n{scored.text(details=True)}"
    for name, field_floor in fields.items():
        agreement = score.agreement(name)
        assert agreement is not None and agreement >= field_floor, f"{prefix} {table}.{name} agreement {agreement} < {field_floor}"


@pytest.mark.parametrize("table", ["claims", "experts"])
def test_seed_floor(fixture_report, table):
    _check(fixture_report, "seed", table)


@needs_shared
@pytest.mark.parametrize("table", ["claims", "experts"])
def test_reuters_floor(fixture_report, table):
    _check(fixture_report, "reuters-", table)
