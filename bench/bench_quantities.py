"""Quantities against the CQE evaluation sets: value F1 and value+unit F1 by the CQE protocol.

Usage: .venv/bin/python bench/bench_quantities.py [FILE.json ...] [--details N]
       .venv/bin/python bench/bench_quantities.py --fixtures DIR [DIR ...]

Default files: ../shared/benchmarks/quantities/{currency,dimension}-model.json,
the CQE evaluation sets built from Microsoft Recognizers-Text specs (Almasian
et al., EMNLP 2023): sentences with gold quantities ``{"value", "normalized_unit"}``,
values as strings, ranges as "low-high".

Each sentence goes through the project's pipeline as a plain story (no
date): spaCy, entities, actors, dates, then
:func:`pipeline.extract.quantities.extract_quantities`. Predictions are
scored as CQE's ``evaluate_models.calculate_metrics`` does: per sentence,
gold and predicted quantities sorted by unit; a gold value matches a
prediction when the numbers agree within a relative tolerance of 1e-5 (a
range only matches a range); value hits are counted at most once per gold
quantity; a value+unit hit needs the normalised units to be equal and uses
the prediction up. P = hits / predicted, R = hits / gold.

Our units are mapped to CQE's names with ``models/lexicons/benchmark_units.json``
(our "USD" is their "dollar"; a rate is "<unit> per <per>"; a count keeps its
noun). A range is reported as (low, high); a vague magnitude ("dozens") by its
value, as CQE's gold does.

value+change: these two sets carry no gold ``change``, so CQE's value+change
figure (88.1, on its NewsQuant set) cannot be computed here; the script says so.

``--fixtures``: the same three figures on annotated stories (gold fixtures with
a ``quantities`` table, e.g. ``tests/fixtures/quantities-*``): each story goes
through the whole pipeline as ``wireclaims eval`` runs it; gold units are
mapped to CQE's names the same way as ours; optional gold rows, and
predictions whose text is an optional row's or is listed under
``quantities_ignore``, are left out; value+change needs the value and the
``change`` (up, down or none) to agree.

``--others``: quantulum3 on the same sentences, in the same table, when it is
installed (not a project dependency: ``pip install quantulum3``). Its
scikit-learn classifier (pickled with an older scikit-learn) does not load with
the one installed here, so it runs with the classifier off, as it does when
scikit-learn is absent; its unit names are CQE's own (CQE's unit file derives
from quantulum's), "dimensionless" is CQE's "-". CQE itself (``pip install
cqe``) pins torch, spacy-transformers, pydantic 1 and typing_extensions 4.4, so it
cannot share this environment, and it loads its spaCy model through
spacy_download, which downloads ``en_core_web_sm`` at run time when it is missing:
it is not run here (see docs/quantities-dates.md).

Published anchors (CQE paper, NewsQuant): CQE value F1 92.0, value+unit 85.6,
value+change 88.1; quantulum3 73.0 and 47.2. On currency-model.json CQE
reaches 84.2 / 79.6 and quantulum3 76.2 / 32.5 (CQE_Evaluation repository).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.actors import extract_actors  # noqa: E402
from pipeline.extract.context import DocContext  # noqa: E402
from pipeline.extract.dates import extract_dates  # noqa: E402
from pipeline.extract.entities import entity_mentions  # noqa: E402
from pipeline.extract.quantities import extract_quantities  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402
from pipeline.resources import load_json  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks" / "quantities"
DEFAULT = [BENCH / "currency-model.json", BENCH / "dimension-model.json"]


def cqe_unit(row: dict[str, Any]) -> str:
    """Our row's unit in CQE's names."""
    names = load_json("lexicons/benchmark_units.json")
    unit = row.get("unit")
    if unit is None:
        return names["cqe_no_unit"]
    measure = load_json("lexicons/units.json")["measures"].get(unit, {})
    name = names["cqe"].get(unit) or measure.get("name", unit).lower()
    if unit == "tonne":
        words = row["text"].lower().replace("-", " ").split()
        if any(w in names["cqe_ton_forms"] for w in words) and "metric" not in words:
            name = "ton"
    if row.get("per"):
        name = f"{name} per {row['per']}"
    return name


def cqe_value(row: dict[str, Any]) -> float | tuple[float, float]:
    if row.get("low") is not None and row.get("high") is not None and row.get("qualifier") == "=" and row["low"] != row["high"]:
        return (row["low"], row["high"])
    return row["value"]


def gold_value(v: str) -> float | tuple[float, float]:
    if "E" not in v and not v.startswith("-") and "-" in v:
        a, b = v.split("-", 1)
        return (float(a), float(b))
    return float(v)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def values_match(g: Any, p: Any) -> bool:
    if isinstance(g, tuple) and isinstance(p, tuple):
        return close(g[0], p[0]) and close(g[1], p[1])
    if isinstance(g, tuple) or isinstance(p, tuple):
        return False
    return close(g, p)


def predict_quantulum(text: str) -> list[dict[str, Any]]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its pickled model needs an older scikit-learn
    out = []
    for q in parser.parse(text):
        unit = q.unit.name.lower()
        out.append({"value": q.value, "normalized_unit": "-" if unit == "dimensionless" else unit, "text": q.surface})
    return out


def predict(nlp, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    ctx = DocContext.build(doc)
    _, actors = extract_actors(ctx, entity_mentions(ctx))
    _, dates = extract_dates(ctx)
    rows = extract_quantities(ctx, actors, dates)
    return [{"value": cqe_value(r), "normalized_unit": cqe_count_unit(doc, r) or cqe_unit(r), "text": r["text"]} for r in rows]


_COUNT_WORDS = frozenset({"ADJ", "NOUN", "PROPN"})


def cqe_count_unit(doc, row: dict[str, Any]) -> str | None:
    """A count as CQE names it: the counted noun with the adjectives and nouns between it and the
    number, lemmatised ("eight cabinet ministers" -> "cabinet minister", "the six largest cities" ->
    "large city"); our table keeps the head noun (``passenger``), so this is the benchmark's mapping."""
    if row.get("unit_kind") != "count" or row.get("per"):
        return None
    span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
    if span is None:
        return None
    numbers = [k for k, t in enumerate(span) if t.like_num or t.pos_ == "NUM" or t.ent_type_ == "CARDINAL"]
    if not numbers:
        return None
    # the count's own number, not one joined by a hyphen to the noun's modifier ("five of the three-ton satellites":
    # "three-ton satellite", as CQE writes it)
    hyphened = {k for k in range(len(span)) if span[k].text == "-" or (k + 1 < len(span) and span[k + 1].text == "-" and k > numbers[0])}
    last_number = max([numbers[0]] + [k for k in numbers if k not in hyphened])
    words = [t for k, t in enumerate(span) if k > last_number + (span[last_number + 1 : last_number + 2].text == "-") and (t.pos_ in _COUNT_WORDS or t.tag_ in ("JJR", "JJS") or k in hyphened)]
    name = " ".join(t.lemma_.lower() if t.pos_ in _COUNT_WORDS else t.text.lower() for t in words).replace(" - ", "-")
    return name or None


def _gold_forms(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A gold fixture row as CQE gold quantities, one per form the annotator accepts: each unit
    alternative, then each ``alt`` (value, unit) pair ("34 cents": USD 0.34, or 34 cents); our
    canonical unit names mapped to CQE's."""
    ranged = row.get("low") is not None and row.get("high") is not None and row["low"] != row["high"]
    value = f"{row['low']!r}-{row['high']!r}" if ranged else repr(float(row["value"]))
    units = row["unit"] if isinstance(row.get("unit"), list) else [row.get("unit")]
    pairs = [(value, u) for u in units] + [(repr(float(v)), u) for v, u in row.get("alt", [])]
    return [
        {"value": v, "normalized_unit": cqe_unit({"unit": {"$": "USD", "dollar": "USD"}.get(u, u), "per": row.get("per"), "text": row["text"]}), "change": row.get("change")}
        for v, u in pairs
    ]


def _gold_item(row: dict[str, Any], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """The form of a gold row a prediction of the story takes, else its first form: CQE's gold
    has one unit per quantity, ours every form a careful annotator accepts."""
    forms = _gold_forms(row)
    for form in forms:
        if any(values_match(gold_value(form["value"]), p["value"]) and p["normalized_unit"] == form["normalized_unit"] for p in predicted):
            return form
    return forms[0]


def cqe_items(stories: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """CQE gold items of annotated stories, each gold row in the form the story's predictions take."""
    return [{"text": st["text"], "quantities": [_gold_item(r, tags) for r in st["rows"]]} for st, tags in zip(stories, predictions)]


def fixture_items(folder: Path, others: bool = False) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]], list[list[dict[str, Any]]]]:
    """The required gold rows, our predicted and (``others``) quantulum3's quantities of every fixture under ``folder``, one item per story."""
    from pipeline.core import process_stories
    from pipeline.evaluate import find_fixtures, norm, story_id_of
    from pipeline.ingest.formats import parse_story

    fixtures = [f for f in find_fixtures(folder) if f.available() and "quantities" in f.gold]
    stories = [parse_story(f.read_story(), f.source) for f in fixtures]
    rows = process_stories(stories).rows["quantities"]
    items, preds, theirs = [], [], []
    for f in fixtures:
        sid = story_id_of(f.read_story())
        skip = {norm(t) for t in f.gold.get("quantities_ignore", [])} | {norm(r["text"]) for r in f.gold["quantities"] if r.get("optional")}
        mine = [r for r in rows if r["story_id"] == sid and norm(r["text"]) not in skip]
        predicted = [{"value": cqe_value(r), "normalized_unit": cqe_unit(r), "text": r["text"], "change": r.get("change")} for r in mine]
        items.append({"text": f.name, "rows": [r for r in f.gold["quantities"] if not r.get("optional")]})
        preds.append(predicted)
        if others:
            body = next(s.body.text for s in stories if s.source == f.source)
            theirs.append([t for t in predict_quantulum(body) if norm(t["text"]) not in skip])
    return items, preds, theirs


def score(items: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """CQE's calculate_metrics for value, value+unit and (when gold has it) value+change."""
    total_gt = total_tags = correct_value = correct_unit = correct_change = 0
    misses: list[tuple[str, Any, list]] = []
    for item, tags in zip(items, predictions):
        gt = sorted(item["quantities"], key=lambda d: d["normalized_unit"])
        tags = sorted(tags, key=lambda d: d["normalized_unit"])
        total_gt += len(gt)
        total_tags += len(tags)
        budget = len(gt)
        unused = list(tags)
        for q in gt:
            if "change" in q:
                hit = next((t for t in unused if values_match(gold_value(q["value"]), t["value"]) and t.get("change") == q["change"]), None)
                if hit is not None:
                    correct_change += 1
                    unused.remove(hit)
            gv, gu = gold_value(q["value"]), q["normalized_unit"].lower()
            hit_unit = False
            for t in tags:
                if values_match(gv, t["value"]):
                    if budget > 0:
                        correct_value += 1
                        budget -= 1
                    if t["normalized_unit"] == gu:
                        correct_unit += 1
                        tags.remove(t)
                        hit_unit = True
                        break
            if not hit_unit:
                misses.append((item["text"], (q["value"], gu), [(t["value"], t["normalized_unit"]) for t in tags]))

    def prf(hits: int) -> tuple[float, float, float]:
        p = hits / total_tags if total_tags else 0.0
        r = hits / total_gt if total_gt else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

    has_change = any("change" in q for it in items for q in it["quantities"])
    out = {"gold": total_gt, "predicted": total_tags, "value": prf(correct_value), "value+unit": prf(correct_unit), "misses": misses}
    if has_change:
        out["value+change"] = prf(correct_change)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--details", type=int, default=0, help="print up to N sentences with a missed value+unit")
    ap.add_argument("--fixtures", nargs="+", type=Path, help="score annotated stories (gold fixtures) instead of CQE sets")
    ap.add_argument("--others", action="store_true", help="also score quantulum3 on the same sentences")
    args = ap.parse_args()
    if args.fixtures:
        for folder in args.fixtures:
            items, preds, theirs = fixture_items(folder, args.others)
            _report(str(folder), score(cqe_items(items, preds), preds), args.details)
            if args.others:
                _report(f"{folder} quantulum3", score(cqe_items(items, theirs), theirs), 0)
        return
    nlp = get_nlp()
    all_items: list[dict[str, Any]] = []
    all_preds: list[list[dict[str, Any]]] = []
    for path in args.files:
        if not path.is_file():
            raise SystemExit(f"{path} not found (is ../shared present?)")
        items = json.loads(path.read_text(encoding="utf-8"))
        preds = [predict(nlp, it["text"]) for it in items]
        all_items += items
        all_preds += preds
        _report(path.name, score(items, preds), args.details)
        if args.others:
            _report(f"{path.name} quantulum3", score(items, [predict_quantulum(it["text"]) for it in items]), 0)
    if len(args.files) > 1:
        _report("all", score(all_items, all_preds), 0)
    print("value+change: n/a (these sets carry no gold change; CQE's 88.1 is on NewsQuant)")


def _report(name: str, s: dict[str, Any], details: int) -> None:
    print(f"{name}: {s['gold']} gold quantities, {s['predicted']} predicted")
    for kind in ("value", "value+unit", "value+change"):
        if kind not in s:
            continue
        p, r, f = s[kind]
        print(f"  {kind:<11} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    for text, gold, tags in s["misses"][:details]:
        print(f"    missed {gold} in {text[:110]!r}; predicted {tags}")


if __name__ == "__main__":
    main()
