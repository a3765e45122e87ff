"""Leave-one-audit-out: how the routes table stands on each archive audit when the decision model
has not learnt that audit's verdicts.

For every audit of ``tests/data/route_audits.jsonl`` (50c, 50h, ...), the decision model is fitted
as ``train_route_pairs.py`` fits it (the fixtures' candidates plus the *other* audits' verdicts,
multiple-instance relabelling, C and threshold as given), the whole pipeline is run on that
audit's stories, and each audited row is matched to the row the build now writes
(``route_audit_check.matches``). Written: one JSON line per audited row (audit, n, verdict, and
the matching row's table, rule and model probability, or nothing when the row is gone), so
gates on model rows can be scored offline; printed: per audit and pooled, right / wrong rows
still written in ``routes``, the model's among them, and in ``routes`` and ``route_candidates``
together. The rules' own changes are measured here too: every
audit's rows are run through the current rules.

    python scripts/route_audit_loao.py tests/fixtures --audits tests/data/route_audits.jsonl \\
        --cache /tmp/cache --out loao.jsonl
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from route_audit_check import matches, parsed
from route_candidates import story_candidates_of
from train_route_pairs import audit_label, examples, fit, fixture_items, relabel, route_key, use_model
from pipeline.core import story_rows
from pipeline.extract.routes.story import MODEL_RULE


def audit_labelled(audits: list[dict], stories: dict[str, tuple]) -> list[tuple]:
    """Labelled candidates of the audited stories, each tagged with the audit whose row labels it."""
    by_member: dict[str, list[dict]] = {}
    for a in audits:
        by_member.setdefault(a["member"], []).append(a)
    out = []
    for member, rows in sorted(by_member.items()):
        wire, doc = stories[member]
        story, cands = story_candidates_of(wire, doc)
        for cand in cands:
            for row in rows:  # the first audited row joining the pair labels it, as in training
                y = audit_label(story, cand, [row])
                if y is not None:
                    out.append((row["audit"], cand.features, y, (member, route_key(story, cand))))
                    break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fixtures")
    ap.add_argument("--audits", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("-C", type=float, default=0.1)
    ap.add_argument("--threshold", type=float, default=0.8)
    args = ap.parse_args()
    audits = [json.loads(line) for line in args.audits.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = parsed(sorted({a["member"] for a in audits}), args.cache)
    fixture_rows = [(g, f, y, k) for g, f, y, k in examples(fixture_items(args.fixtures, args.cache / "fixture_docs.spacy"))]
    audit_rows = audit_labelled(audits, stories)
    pooled: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for name in sorted({a["audit"] for a in audits}):
            train = fixture_rows + [r for r in audit_rows if r[0] != name]
            use_model(fit(relabel(train, args.C), args.C), args.threshold)
            held = [a for a in audits if a["audit"] == name]
            written = {m: story_rows(*stories[m]) for m in {a["member"] for a in held}}
            kept: Counter[str] = Counter()
            for a in held:
                tables = written[a["member"]]
                hit = next((r for r in tables["routes"] if matches(r, a)), None)
                weak = next((r for r in tables.get("route_candidates", []) if matches(r, a)), None)
                row = hit or weak
                keep = {"table": "routes" if hit else "route_candidates", "rule": row["rule"], "p": row["model_probability"]} if row else {}
                fh.write(json.dumps({"audit": name, "n": a["n"], "verdict": a["verdict"], "was": a["rule"], **keep}) + "\n")
                if row:
                    kept[a["verdict"] + ":any"] += 1
                if hit:
                    kept[a["verdict"]] += 1
                    kept[a["verdict"] + (":model" if hit["rule"] == MODEL_RULE else ":rules")] += 1
            total = Counter(a["verdict"] for a in held)
            pooled.update(kept)
            pooled.update({"all_" + k: v for k, v in total.items()})
            print(f"{name}: routes right {kept['right']}/{total['right']} wrong {kept['wrong']}/{total['wrong']} "
                  f"(model rows right {kept['right:model']} wrong {kept['wrong:model']}); "
                  f"with route_candidates right {kept['right:any']} wrong {kept['wrong:any']}", flush=True)
    r, w, ra, wa = pooled["right"], pooled["wrong"], pooled["right:any"], pooled["wrong:any"]
    print(f"pooled routes: right {r}/{pooled['all_right']} wrong {w}/{pooled['all_wrong']}, precision of kept {r / max(1, r + w):.3f}; "
          f"model rows right {pooled['right:model']} wrong {pooled['wrong:model']}; "
          f"routes + route_candidates: right {ra} wrong {wa}, precision {ra / max(1, ra + wa):.3f}")


if __name__ == "__main__":
    main()
