"""Train the routes decision model (``models/routes/pair_model.json``) on annotated stories.

Every pair candidate (``pipeline/extract/routes/candidates.py``) of every story whose gold has
a ``routes`` list is labelled from that gold: ``forward`` when a required or optional gold route
runs from its first end to its second, ``backward`` the other way, ``both`` when the gold route
is two-way, ``none`` when no gold route joins the two ends (candidates that only an optional
gold row joins are left out: a careful annotator could go either way). A multinomial logistic
regression (scikit-learn) is fitted on the binary features; the weights are written as JSON
so the pipeline needs no scikit-learn at run time.

The threshold is chosen by cross-validation end to end: each blind round (read from the gold's
``_about``, "round N"; other fixtures form one group) is held out in turn, the model trained on the others, the whole pipeline run on the held-out stories and the
routes table scored by the eval's own matching; the threshold with the best pooled F1 wins
(unless ``--threshold`` names one: the blind rounds are route-rich, and a higher threshold
keeps more of the archive's rows right) and the per-fold figures are printed (and kept in
the JSON's ``_about``).

Archive audits add labels where no annotated story reaches: ``--audits
tests/data/route_audits.jsonl`` holds the verdicts of blind readers on route rows drawn at
random from archive runs (a row's two ends, "right" or "wrong"). The candidates of those
stories that join an audited row's ends are labelled from its verdict (the others are left
out: nobody read them) and join the training set of every fold; they are never held out,
since they are no complete annotation to score. The stories are read from
``../shared/corpus/reuters-2006-2013.tar.gz``.

    pip install -e ".[train]"   # scikit-learn, for training only
    python scripts/train_route_pairs.py tests/fixtures --audits tests/data/route_audits.jsonl
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from archive_sample import ARCHIVE
from route_audit_check import cached_docs
from route_candidates import end_names, story_candidates_of
from pipeline.core import story_rows
from pipeline.evaluate import _ARCHIVES, Fixture, _end_ok, _pred_rows, find_fixtures, score_table
from pipeline.extract.routes import decision
from pipeline.extract.routes.candidates import PairCandidate
from pipeline.extract.routes.story import Story
from pipeline.ingest.formats import Story as WireStory, parse_story
from pipeline.resources import model_path
from pipeline.tables import Tables

CLASSES = (decision.NO_ROUTE, decision.FORWARD, decision.BACKWARD, decision.BOTH)
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.93)


@dataclass
class Annotated:
    fixture: Fixture
    group: str
    wire: WireStory
    doc: Doc


def fold_of(fixture: Fixture, folder: str) -> str:
    """The cross-validation group of a fixture: its blind round, else its folder."""
    found = re.search(r"\bround (\d+)\b", str(fixture.gold.get("_about", "")))
    return f"round {found.group(1)}" if found else folder


def fixture_items(folder: str, cache: Path | None = None) -> list[Annotated]:
    """The annotated route fixtures of ``folder``, parsed (the parses kept in ``cache``, a .spacy file, when given)."""
    fixtures = [f for f in find_fixtures(folder) if f.available() and "routes" in f.gold]
    wires = [parse_story(f.read_story(), f.source) for f in fixtures]
    docs = cached_docs([w.text for w in wires], cache)
    return [Annotated(f, fold_of(f, folder), w, d) for f, w, d in zip(fixtures, wires, docs)]


def story_candidates(item: Annotated) -> tuple[Story, list[PairCandidate]]:
    """The pair candidates of one annotated story."""
    return story_candidates_of(item.wire, item.doc)


def label(story: Story, cand: PairCandidate, gold: list[dict]) -> str | None:
    """The candidate's class from the gold routes, or None when only optional rows join its ends."""
    a_name, a_alias = end_names(story, cand.first)
    b_name, b_alias = end_names(story, cand.second)
    found: set[str] = set()
    optional_only = True
    for g in gold:
        fwd = _end_ok(g.get("origin"), a_name, a_alias) and _end_ok(g.get("destination"), b_name, b_alias)
        bwd = _end_ok(g.get("origin"), b_name, b_alias) and _end_ok(g.get("destination"), a_name, a_alias)
        if not (fwd or bwd) or (fwd and bwd and not g.get("bidirectional")):
            continue  # no match, or one that cannot tell the direction (both ends accept "United States")
        optional_only = optional_only and bool(g.get("optional"))
        found.add(decision.BOTH if g.get("bidirectional") else decision.FORWARD if fwd else decision.BACKWARD)
    if not found:
        return decision.NO_ROUTE
    if optional_only:
        return None
    if decision.BOTH in found or {decision.FORWARD, decision.BACKWARD} <= found:
        return decision.BOTH
    return found.pop()


Labelled = tuple[str, list[str], str, tuple]  # group, features, class, (story, route key)


def examples(items: list[Annotated]) -> list[Labelled]:
    out = []
    for item in items:
        story, cands = story_candidates(item)
        for cand in cands:
            y = label(story, cand, item.fixture.gold["routes"])
            if y is not None:
                out.append((item.group, cand.features, y, (item.fixture.name, route_key(story, cand))))
    return out


AUDIT_GROUP = "archive audits"


def audit_examples(path: Path, cache: Path | None = None) -> list[Labelled]:
    """Labelled candidates from audit verdicts: a candidate joining an audited row's two ends
    takes the row's direction when the row was right, ``none`` when it was wrong."""
    by_member: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_member.setdefault(row["member"], []).append(row)
    if not ARCHIVE.is_file():
        print(f"no archive at {ARCHIVE}: audits skipped", file=sys.stderr)
        return []
    for member in by_member:
        _ARCHIVES.want(ARCHIVE, member)  # one pass over the archive reads them all
    out: list[Labelled] = []
    members = sorted(by_member)
    wires = [parse_story(_ARCHIVES.read(ARCHIVE, m).decode("utf-8-sig"), f"{ARCHIVE}::{m}") for m in members]
    docs = cached_docs([w.text for w in wires], cache)
    for member, wire, doc in zip(members, wires, docs):
        audited = by_member[member]
        story, cands = story_candidates_of(wire, doc)
        for cand in cands:
            y = audit_label(story, cand, audited)
            if y is not None:
                out.append((AUDIT_GROUP, cand.features, y, (member, route_key(story, cand))))
    return out


def audit_label(story: Story, cand: PairCandidate, audited: list[dict]) -> str | None:
    a_name, a_alias = end_names(story, cand.first)
    b_name, b_alias = end_names(story, cand.second)
    for row in audited:
        fwd = _end_ok([row["origin"]], a_name, a_alias) and _end_ok([row["destination"]], b_name, b_alias)
        bwd = _end_ok([row["origin"]], b_name, b_alias) and _end_ok([row["destination"]], a_name, a_alias)
        if not (fwd or bwd):
            continue
        if row["verdict"] == "wrong":
            return decision.NO_ROUTE
        return decision.BOTH if row["bidirectional"] else decision.FORWARD if fwd else decision.BACKWARD
    return None


def relabel(labelled: list[Labelled], c: float) -> list[tuple[str, list[str], str]]:
    """The training rows. A gold route is one row however many sentences name its two ends, and
    most of those sentences do not state it ("the Russia-North Korea relationship"): after a
    first fit, only the candidates of a route that the model finds most likely (the best one,
    and any within reach of it) stay positive; the others are left out rather than taught as
    routes (multiple-instance relabelling)."""
    first = decision.PairModel.from_dict(fit([(g, f, y) for g, f, y, _ in labelled], c), 0.5)
    score = [0.0 if y == decision.NO_ROUTE else 1 - first.probabilities(f)[decision.NO_ROUTE] for _, f, y, _ in labelled]
    best: dict[tuple, float] = {}
    for (_, _, y, key), p in zip(labelled, score):
        if y != decision.NO_ROUTE:
            best[key] = max(best.get(key, 0.0), p)
    return [(g, f, y) for (g, f, y, key), p in zip(labelled, score) if y == decision.NO_ROUTE or p >= min(0.5, best[key] - 0.15)]


def route_key(story: Story, cand: PairCandidate) -> tuple[str, str]:
    """The two ends by country (or name), unordered: the candidates of one gold route share it."""
    a = cand.first.country or cand.first.name
    b = cand.second.country or cand.second.name
    return tuple(sorted((a, b)))  # type: ignore[return-value]


def fit(rows: list[tuple[str, list[str], str]], c: float) -> dict:
    """Weights per feature in CLASSES order, from scikit-learn's logistic regression."""
    names = sorted({f for _, feats, _ in rows for f in feats})
    column = {f: j for j, f in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, (_, feats, _) in enumerate(rows):
        x[i, [column[f] for f in feats]] = 1.0
    y = [lab for _, _, lab in rows]
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, y)
    found, coef, intercept = list(model.classes_), model.coef_, model.intercept_
    order = [found.index(k) for k in CLASSES if k in found]
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(coef[i, j]), 4) for i in order]
        if any(abs(v) >= 1e-3 for v in w):
            weights[name] = w
    return {"classes": [found[i] for i in order], "intercept": [round(float(intercept[i]), 4) for i in order], "weights": weights}


def score_routes(items: list[Annotated]) -> dict[str, tuple[int, int, int]]:
    """Routes scored by the eval, from one run of the pipeline: ``routes`` alone, and ``both`` with
    the ``route_candidates`` rows scored as routes too (the model's rows before
    ``model_route_probability`` keeps the weaker ones out)."""
    rows: dict[str, list] = {}
    for item in items:
        for name, table in story_rows(item.wire, item.doc).items():
            rows.setdefault(name, []).extend(table)
    out = {}
    for which in ("routes", "both"):
        routes = rows.get("routes", []) + (rows.get("route_candidates", []) if which == "both" else [])
        tables = Tables.from_rows({**{k: v for k, v in rows.items() if k != "route_candidates"}, "routes": routes})
        tp = fp = fn = 0
        for item in items:
            f = item.fixture
            s = score_table("routes", f.gold["routes"], f.gold.get("routes_ignore", []), _pred_rows(tables, "routes", f.story_id))
            tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
        out[which] = (tp, fp, fn)
    return out


def use_model(params: dict | None, threshold: float) -> None:
    model = None if params is None else decision.PairModel.from_dict(params, threshold)
    decision.pair_model = lambda: model  # type: ignore[assignment]  # the decision step reads the fold's model


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="folders of gold fixtures")
    ap.add_argument("-C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--audits", type=Path, help="JSON Lines of audit verdicts on archive route rows")
    ap.add_argument("--threshold", type=float, help="ship this threshold instead of the best pooled F1's (and score only it)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--with-candidates", action="store_true", help="choose the threshold on routes and route_candidates together (both are always printed)")
    ap.add_argument("--cache", type=Path, help="folder to keep the parses in (fixtures and audited stories), so reruns skip the parse")
    args = ap.parse_args()
    cache = (lambda name: args.cache / name) if args.cache else (lambda name: None)
    items = [item for i, folder in enumerate(args.folders) for item in fixture_items(folder, cache(f"fixture_docs{i}.spacy"))]
    rows = examples(items)
    print(f"{len(items)} stories, {len(rows)} candidates: {dict(Counter(r[2] for r in rows))}", file=sys.stderr)
    audited = audit_examples(args.audits, cache("audit_docs.spacy")) if args.audits else []
    print(f"audits: {len(audited)} candidates: {dict(Counter(r[2] for r in audited))}", file=sys.stderr)
    rows += audited

    groups = sorted({it.group for it in items})
    thresholds = (args.threshold,) if args.threshold else THRESHOLDS  # a named threshold: only it is scored (5-10x faster)
    pooled = {(w, t): [0, 0, 0] for w in ("routes", "both") for t in (None, *thresholds)}
    per_fold = []
    for g in groups:
        held = [it for it in items if it.group == g]
        params = fit(relabel([r for r in rows if r[0] != g], args.C), args.C)
        line = {"group": g}
        for t in (None, *thresholds):
            use_model(None if t is None else params, t or 1.0)
            for which, counts in score_routes(held).items():
                pooled[which, t] = [a + b for a, b in zip(pooled[which, t], counts)]
                line[("rules" if t is None else str(t)) + ("" if which == "routes" else ":both")] = round(f1(*counts)[2], 3)
        per_fold.append(line)
        print(json.dumps(line), file=sys.stderr)
    tables = {w: {("rules" if t is None else str(t)): [round(v, 3) for v in f1(*pooled[w, t])] for t in (None, *thresholds)} for w in ("routes", "both")}
    print("pooled P/R/F1 by threshold, routes:", json.dumps(tables["routes"]), file=sys.stderr)
    print("pooled P/R/F1 by threshold, routes + route_candidates:", json.dumps(tables["both"]), file=sys.stderr)
    chosen = "both" if args.with_candidates else "routes"
    summary = tables[chosen]
    best = args.threshold or max(thresholds, key=lambda t: f1(*pooled[chosen, t])[2])
    params = fit(relabel(rows, args.C), args.C)
    params["threshold"] = best
    params["_about"] = {
        "what": "routes decision model: multinomial logistic regression over pair-candidate features (scripts/train_route_pairs.py)",
        "trained_on": groups,
        "stories": len(items),
        "candidates": len(rows),
        "audit_candidates": len(audited),
        "C": args.C,
        "cross_validation": {"pooled_P_R_F1": summary, "pooled_P_R_F1_with_candidates": tables["both"], "per_fold_F1": per_fold, "threshold": best},
    }
    if not args.no_write:
        out = model_path(decision.MODEL_FILE)
        out.write_text(json.dumps(params, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out} ({len(params['weights'])} features, threshold {best})", file=sys.stderr)


if __name__ == "__main__":
    main()
