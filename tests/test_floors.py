"""Accuracy floors: `wireclaims eval` on the annotated fixtures must stay above them.

Four sets, each scored by ``pipeline.evaluate`` (the spec's matching rules):

* ``seed``: the user's seed story, with the floors the issues set;
* ``reuters``: six Reuters stories annotated for this project (tests/fixtures),
  which were also the extractors' development set, and fifteen annotated for
  claims and experts only, each held out until it taught the fixes it prompted
  (reuters-moodys-us-rating, first scored at claims F1 0.897;
  reuters-ventana-roche-bid, 0.933; reuters-fedex-rates, 1.00 with experts 0.67;
  reuters-novo-tresiba, 1.00 with experts 1.00, a source "The drugmaker -"; and
  thirteen annotated blind on 2026-11-29, whose first scores each gold file's
  ``_about`` records);
* ``routes``: 112 archive stories chosen for routes by scripts/select_route_stories.py
  and annotated for routes only, from their text, in blind rounds 1-4 and 6-12 of 8-20
  stories (issue 17; tests/fixtures/routes-*, the later rounds' names end in -rN;
  first-contact figures in docs/routes.md and each ``_about``); they are also the
  training set of the routes decision model (scripts/train_route_pairs.py), so their
  floor guards against regressions, it is no estimate; round 5 waits held out in
  tests/blind/round5;
* ``actors``: 82 archive stories chosen for quoted people and organisations by
  scripts/select_actor_stories.py and annotated for actors and experts only, from their
  text, in blind rounds (issue 18; tests/fixtures/actors-*, first-contact figures in
  docs/actors.md and each ``_about``): rounds 1-4 and 6-10 (round 7's names end in -r7,
  scored once held out at actors F1 0.886, affiliation 0.58, experts recall 0.50; round
  8's in -r8, scored once held out at F1 0.896, affiliation 0.85, country 0.76, experts
  recall 0.875; round 9's in -r9, scored once held out at F1 0.864, affiliation 0.60,
  country 0.82, experts recall 0.909; round 10's in -r10, scored once held out at F1 0.912,
  affiliation 0.63, country 0.59, experts recall 0.895);
* ``heldout``: five Reuters stories annotated later by a second annotator and
  never used for development (tests/heldout), and twenty-four annotated for claims
  and experts only from their text before the pipeline ran on them
  (reuters-icahn-lionsgate, first scored at claims F1 1.00, kind 0.75, experts
  1.00; reuters-amr-pilots, claims F1 0.91, experts 1.00; reuters-jpmorgan-schapiro,
  claims F1 1.00; reuters-gasoline-pump-prices, 1.00 and 1.00;
  reuters-markets-kerry-syria, 0.93 and 1.00; reuters-opec-gulf-price-alarm 0.86;
  reuters-china-eu-debt-worries 0.96; reuters-ge-2011-outlook 0.89 with experts
  1.00; and six scored once, on the build that closed the session of 2026-11-29:
  reuters-gulf-saudi-liquidity 0.84, reuters-paulson-asia-trade 0.90,
  reuters-fedex-outlook-2010 0.78, reuters-g7-recovery-poll 0.95 with experts
  0.80, reuters-roy-hill-mine-finance 0.88 with experts 0.67,
  reuters-apple-earnings-options 0.88 with experts 0.00; and four scored once, on
  build 577298e: reuters-asiana-crash-boeing 0.97 with experts 0.80,
  reuters-ceo-pay-tax-study 0.83 with experts 0.00, reuters-oil-spill-turtles
  1.00 with experts 0.00, reuters-telkom-politics 0.94 with experts 1.00; and six
  scored once, on build fc51226: reuters-aig-fraud-lawsuit 0.97 with experts 1.00,
  reuters-china-energy-investment 0.94 with experts 0.80,
  reuters-fannie-freddie-bailout 0.85, reuters-g20-trade-flat-tire 0.90,
  reuters-lehman-rescue-specter 0.97 and reuters-us-airways-ual-talks 0.90, each
  with experts 1.00). Their floors sit a
  little below the scores measured on them, so a regression shows, and the
  README reports those figures as the honest estimate.

Reuters stories are read from ../shared; their floors skip when it is absent.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import EvalReport, TableScore, evaluate

from .conftest import FIXTURES, HELDOUT, REUTERS_SAMPLE

# (set, table): (F1 floor, {field: agreement floor})
FLOORS: dict[tuple[str, str], tuple[float, dict[str, float]]] = {
    ("seed", "actors"): (0.90, {"title": 0.85, "affiliation": 0.85, "country": 0.85}),
    ("seed", "places"): (0.90, {"country": 0.85}),
    ("seed", "quantities"): (0.90, {"unit": 0.90, "qualifier": 0.90, "per": 0.90}),
    ("seed", "dates"): (0.90, {"value": 0.90}),
    ("seed", "routes"): (0.80, {"mode": 0.90, "cargo": 0.80}),
    ("seed", "claims"): (0.90, {"cue": 0.85, "kind": 0.85, "hedge": 0.85, "addressee": 1.0}),
    ("seed", "experts"): (1.0, {"title": 1.0, "affiliation": 1.0}),
    ("reuters", "actors"): (0.80, {"country": 0.55}),
    ("reuters", "places"): (0.80, {}),
    ("reuters", "quantities"): (0.80, {}),
    ("reuters", "dates"): (0.80, {}),
    ("reuters", "routes"): (0.70, {}),
    ("reuters", "claims"): (0.95, {"cue": 0.95, "kind": 0.95}),
    ("reuters", "experts"): (0.90, {}),
    # Routes blind rounds 1-4 and 6-12 (tests/fixtures/routes-*, 343 required rows): first
    # contact 0.222-0.632 per round (docs/routes.md); 0.573 (P 0.766, R 0.458) in-sample with
    # the decision model trained on them; its cross-validated figure, by round, is 0.54.
    ("routes", "routes"): (0.55, {"kind": 0.95, "mode": 0.78}),
    # Actor blind rounds 1-4 and 6-8 (issue 18; tests/fixtures/actors-*, 690 required actors, 118
    # experts): first contact F1 0.790-0.896, country 0.26-0.76, affiliation 0.58-0.86. With round 8
    # joined (3ff90d8): F1 0.909, title 0.97, affiliation 0.90, country 0.81; experts P 1.00 R 0.95;
    # after the weak-evidence guards (i18d): the same, experts R 0.958. Round 9 joined (795 required
    # actors, 129 experts): F1 0.903, title 0.95, affiliation 0.86, country 0.82 on 40a18ec; after
    # its lessons (i18e) F1 0.908, title 0.96, affiliation 0.94, country 0.83; experts P 1.00 R 0.95.
    # Round 10 joined (906 required actors, 148 experts): F1 0.908, title 0.95, affiliation 0.90,
    # country 0.80, experts R 0.946 on 4596ca8; after its lessons (i18f) title 0.97, affiliation 0.92, country 0.805, experts R 0.959.
    # Round 12 joined (1,130 required actors, 183 experts; its affiliation 0.77 alone): F1 0.911,
    # affiliation 0.905 (286 of 316), country 0.805 on ecdc2cc; after its lessons (i18i) F1 0.920,
    # title 0.957, affiliation 0.905 (the same 286), country 0.815, experts R 0.962.
    # Round 13 joined (1,251 required actors, 199 experts): F1 0.920, title 0.951, affiliation 0.908,
    # country 0.812, experts R 0.955 on 6d2534b; after its lessons (i18j) F1 0.923, title 0.963,
    # country 0.819, experts R 0.965 at P 1.00. Floors unchanged.
    # Round 14 joined (1,359 required actors, 219 experts; its affiliation 0.811 alone): F1 0.922, title 0.962,
    # affiliation 0.899 (346 of 385: under this floor), country 0.821, experts R 0.963 on 5630740; after its
    # lessons (i18k) F1 0.924, affiliation 0.904 (348 of 385). Floors unchanged.
    # Round 15 joined (1,465 required actors, 232 experts; its affiliation 0.70 alone): F1 0.926, title 0.953,
    # affiliation 0.889 (369 of 415: under this floor), country 0.813 on ca7f1d3; after its lessons (i18l)
    # affiliation 0.896 (372 of 415: still under it), country 0.816. The affiliation floor goes from 0.90 to
    # 0.89 (lead, session 10): the blind rounds that joined are harder than the set was, not the rules worse
    # (no story's employer got worse on either merge; `wireclaims eval --details` before and after).
    # Rounds 16 and 17 joined (1,697 required actors, 257 experts; affiliation 0.706 and 0.731 alone): F1 0.920,
    # title 0.941, affiliation 0.874 (415 of 475: under this floor), country 0.805 on 4c31c30; after their
    # lessons (i18m) F1 0.922, affiliation 0.884 (420 of 475: still under it), country 0.831. The affiliation
    # floor goes from 0.89 to 0.88 (lead, session 11: two harder blind rounds joined, no story's employer got
    # worse), the country floor from 0.80 to 0.82 (measured 0.831 with the party and home-firm sources).
    # Round 18 joined (1,795 required actors, 270 experts): F1 0.920, title 0.941, affiliation 0.884, country
    # 0.833 on 15c292e; after its lessons (i18n) F1 0.923, title 0.941, affiliation 0.886, country 0.836. Floors unchanged.
    # Round 19 joined (1,913 required actors, 286 experts): F1 0.922, title 0.940, affiliation 0.8802 (0.0002 over this
    # floor), country 0.830, experts P 0.996 R 0.930 on 062323b; after its lessons (i18o) title 0.941, affiliation 0.886,
    # country 0.831, experts R 0.955. Floors unchanged.
    ("actors", "actors"): (0.90, {"title": 0.93, "affiliation": 0.88, "country": 0.82}),
    ("actors", "experts"): (0.93, {"affiliation": 0.95}),
    # Dates, one blind round of eight stories (issue 19; tests/fixtures/dates-*, 105 required dates):
    # first contact F1 0.976, value 0.96; 1.000 and 0.98 after its lessons. Round 2 (dates-*-d2, 8 stories, held out,
    # first contact F1 0.955, value 1.00) joined it once scored: both rounds F1 0.983, value 0.99 before its lessons,
    # 1.000 and 0.99 after them.
    ("dates", "dates"): (0.97, {"value": 0.95}),
    # Quantity blind round 1 (issue 19; tests/fixtures/quantities-*-q1, 79 required quantities across
    # beats): first contact F1 0.974, measured 0.69, change 0.88 (docs/quantities-dates.md); 0.987,
    # measured 0.90, change 0.94 after its lessons. Round 2 (quantities-*-q2, 62 more; first contact F1 0.967,
    # measured 0.79) joined them once scored; both rounds together: F1 0.978, measured 0.85 before its lessons,
    # 0.99 after the named measured rules (docs/quantities-dates.md). Round 3 (quantities-*-q3, 104 more; held out,
    # first contact F1 0.951, measured 0.81, change 0.86) joined them once scored: rounds 1-3 F1 0.967, measured 0.91,
    # change 0.93 before its lessons, F1 0.975, measured 0.97, change 0.98 after them (task i19d). Round 4 (quantities-*-q4,
    # 147 more; held out, first contact F1 0.931, measured 0.76, change 0.96) joined them once scored: rounds 1-4 F1 0.965,
    # measured 0.89, change 0.97 before its lessons, F1 0.986, measured 0.94, change 0.98 after them (task i19e). Round 5
    # (quantities-*-q5, 100 more; held out, first contact on 40a18ec F1 0.953, measured 0.87, change 0.91, per 0.50) joined
    # them once scored: rounds 1-5 F1 0.979, measured 0.92, change 0.96, per 0.87 before its lessons, F1 0.989, measured
    # 0.95, change 0.99, per 0.97 after them (task i19f).
    ("quantities", "quantities"): (0.98, {"unit": 0.97, "qualifier": 0.98, "measured": 0.93, "change": 0.97, "per": 0.93}),
    ("heldout", "actors"): (0.75, {}),
    ("heldout", "places"): (0.85, {}),
    ("heldout", "quantities"): (0.90, {"unit": 0.90}),
    ("heldout", "dates"): (0.90, {"value": 0.85}),
    ("heldout", "routes"): (0.70, {}),
    ("heldout", "claims"): (0.90, {"cue": 0.90, "addressee": 1.0}),
    ("heldout", "experts"): (0.80, {}),  # 0.852 with round 5's four stories (11 of 15 experts at first contact), 0.889 with round 6's
}


@pytest.fixture(scope="session")
def heldout_report() -> EvalReport:
    return evaluate(HELDOUT)


def _reports(fixture_report: EvalReport, heldout_report: EvalReport) -> dict[str, EvalReport]:
    def subset(report: EvalReport, keep) -> EvalReport:
        return EvalReport([s for s in report.stories if keep(s.fixture)], [])

    return {
        "seed": subset(fixture_report, lambda name: name == "seed"),
        "reuters": subset(fixture_report, lambda name: name.startswith("reuters-")),
        "routes": subset(fixture_report, lambda name: name.startswith("routes-")),
        "actors": subset(fixture_report, lambda name: name.startswith("actors-")),
        "dates": subset(fixture_report, lambda name: name.startswith("dates-")),
        "quantities": subset(fixture_report, lambda name: name.startswith("quantities-")),
        "heldout": heldout_report,
    }


@pytest.mark.parametrize("which,table", sorted(FLOORS))
def test_floor(which: str, table: str, fixture_report: EvalReport, heldout_report: EvalReport) -> None:
    report = _reports(fixture_report, heldout_report)[which]
    if which != "seed":
        if not REUTERS_SAMPLE.is_dir():
            pytest.skip("../shared is absent: no Reuters story to score")
        folder = HELDOUT if which == "heldout" else FIXTURES
        prefix = {"routes": "routes-", "actors": "actors-", "dates": "dates-", "quantities": "quantities-"}.get(which, "reuters-")
        expected = sorted(p.name for p in folder.iterdir() if p.name.startswith(prefix))
        assert sorted(s.fixture for s in report.stories) == expected, "every annotated story is scored"
    floor, fields = FLOORS[(which, table)]
    score: TableScore = report.total(table)
    assert score.tp + score.fn > 0, f"{which} {table}: no gold rows scored"
    assert score.f1 >= floor, f"{which} {table} F1 {score.f1:.3f} < {floor}\n{report.text(details=True)}"
    for field, field_floor in fields.items():
        agreement = score.agreement(field)
        assert agreement is not None and agreement >= field_floor, f"{which} {table}.{field} agreement {agreement} < {field_floor}"
