"""How the current build stands on the archive audits: which audited route rows it still writes.

Every archive audit (``tests/data/route_audits.jsonl``: a row's two ends and a blind reader's
verdict) is matched against the routes this build writes for the same story, by the eval's
end matching. Printed: per verdict, how many audited rows are still written, and per rule and
confidence band, right / written among the audited rows still written; ``--list`` prints every
audited row with the rule, confidence and sentence of the row that now matches it. A filter
that removes wrong rows should keep the right ones: this is the archive half of every change's
measurement (the blind-round cross-validation of ``train_route_pairs.py`` is the other).

    python scripts/route_audit_check.py tests/data/route_audits.jsonl [--list] [--cache DIR]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin

from archive_sample import ARCHIVE
from pipeline.core import story_rows
from pipeline.evaluate import _ARCHIVES, _end_ok
from pipeline.ingest.formats import parse_story
from pipeline.nlp import get_nlp

BANDS = (0.0, 0.6, 0.7, 0.8, 0.9)


def band(confidence: float) -> str:
    low = max(b for b in BANDS if confidence >= b)
    return f">={low:.1f}"


def parsed(members: list[str], cache: Path | None) -> dict[str, tuple]:
    """(wire story, Doc) per member; Docs kept in ``cache`` so filters can be re-measured fast."""
    for member in members:
        _ARCHIVES.want(ARCHIVE, member)
    wires = {m: parse_story(_ARCHIVES.read(ARCHIVE, m).decode("utf-8-sig"), f"{ARCHIVE}::{m}") for m in members}
    docs = cached_docs([wires[m].text for m in members], cache / "audit_docs.spacy" if cache else None)
    return {m: (wires[m], d) for m, d in zip(members, docs)}


def cached_docs(texts: list[str], path: Path | None) -> list[Doc]:
    """The parses of ``texts``, read from ``path`` when an earlier run left them there, else parsed (and kept there)."""
    nlp = get_nlp()
    if path and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:  # a cache of other stories (an audit added since) is parsed anew
            return docs
    docs = [nlp(t) for t in texts]
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def matches(row: dict, audited: dict) -> bool:
    o, d = [audited["origin"]], [audited["destination"]]
    fwd = _end_ok(o, row["origin"], []) and _end_ok(d, row["destination"], [])
    bwd = _end_ok(o, row["destination"], []) and _end_ok(d, row["origin"], [])
    return fwd or (bwd and (row["bidirectional"] or audited["bidirectional"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("audits", type=Path)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args()
    audits = [json.loads(line) for line in args.audits.read_text(encoding="utf-8").splitlines() if line.strip()]
    members = sorted({a["member"] for a in audits})
    stories = parsed(members, args.cache)
    routes = {m: story_rows(w, doc)["routes"] for m, (w, doc) in stories.items()}
    kept: Counter[str] = Counter()
    by_rule: dict[str, Counter] = defaultdict(Counter)
    by_band: dict[str, Counter] = defaultdict(Counter)
    for a in audits:
        hit = next((r for r in routes[a["member"]] if matches(r, a)), None)
        if hit is not None:
            kept[a["verdict"]] += 1
            by_rule[hit["rule"]][a["verdict"]] += 1
            by_band[band(hit["confidence"])][a["verdict"]] += 1
        if args.list:
            sent = list(stories[a["member"]][1].sents)[hit["sentence"]].text if hit else ""
            where = f"{hit['rule']} {hit['confidence']:.2f} {hit['kind']} | {' '.join(sent.split())}" if hit else "-"
            print(f"{a['audit']}/{a['n']:<3} {a['verdict']:5} {a['origin']} -> {a['destination']} [{a['rule']}] now: {where}")
    total = Counter(a["verdict"] for a in audits)
    print(f"audited rows still written: right {kept['right']}/{total['right']}, wrong {kept['wrong']}/{total['wrong']}")
    for name, table in (("rule", by_rule), ("confidence", by_band)):
        for key, c in sorted(table.items()):
            n = c["right"] + c["wrong"]
            print(f"  {name} {key:26} right {c['right']:3}/{n:<3} ({c['right'] / n:.2f})")


if __name__ == "__main__":
    main()
