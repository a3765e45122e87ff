"""`wireclaims eval --details`: a field that disagrees is reported with the gold row it belongs to."""

from __future__ import annotations

from pipeline.evaluate import score_table


def test_a_disagreeing_field_names_its_gold_row() -> None:
    gold = [{"name": "Delta Lloyd", "kind": "organization", "country": "NLD"}]
    pred = [{"name": "Delta Lloyd", "kind": "organization", "country": None}]
    score = score_table("actors", gold, [], pred)
    assert score.tp == 1
    (field_name, gold_value, pred_value, row) = score.disagreements[0]
    assert (field_name, gold_value, pred_value) == ("country", "NLD", None)
    assert "name=Delta Lloyd" in row and "kind=organization" in row


def test_an_agreeing_field_is_not_reported() -> None:
    gold = [{"name": "Delta Lloyd", "kind": "organization", "country": "NLD"}]
    pred = [{"name": "Delta Lloyd", "kind": "organization", "country": "NLD"}]
    assert score_table("actors", gold, [], pred).disagreements == []
