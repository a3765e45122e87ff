"""Route rows of a slice of the archive (stories FIRST..LAST in archive order), parsed once.

``parse`` reads the slice from ``../shared/corpus/reuters-2006-2013.tar.gz`` and keeps the spaCy
parses in ``CACHE/docs.spacy`` (with the member names); ``rows`` runs the routes of whatever
build is on ``PYTHONPATH`` over those parses and writes one JSON line per row of ``routes`` and
``route_candidates`` (with its member and table); ``diff`` compares the ``routes`` rows. Two builds are compared on the same parses: run ``rows`` once with each build's
``PYTHONPATH`` and compare the two files (``--diff``). Archive stories above 30,000 are reserved
for fresh audits: the script refuses them.

    python scripts/route_slice_rows.py parse CACHE --first 10001 --last 12400
    PYTHONPATH=BUILD python scripts/route_slice_rows.py rows CACHE OUT.jsonl
    python scripts/route_slice_rows.py diff BEFORE.jsonl AFTER.jsonl
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from spacy.tokens import DocBin

from archive_sample import ARCHIVE, archive_texts

RESERVED_AFTER = 30_000  # stories 30,001+ are the lead's fresh audits


def slice_texts(first: int, last: int) -> list[tuple[str, str]]:
    """(member, text) of archive stories first..last (1-based, archive order)."""
    if last > RESERVED_AFTER:
        raise SystemExit(f"stories above {RESERVED_AFTER:,} are reserved for fresh audits")
    return [(m, t) for n, (m, t) in enumerate(archive_texts(ARCHIVE, last), start=1) if n >= first]


def parse(cache: Path, first: int, last: int) -> None:
    from pipeline.ingest.formats import parse_story
    from pipeline.nlp import get_nlp

    nlp = get_nlp()
    stories = [(m, parse_story(t, f"{ARCHIVE}::{m}")) for m, t in slice_texts(first, last)]
    docs = nlp.pipe((w.text for _, w in stories), batch_size=32)
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=True).to_disk(cache / "docs.spacy")
    (cache / "slice.json").write_text(json.dumps({"first": first, "last": last, "members": [m for m, _ in stories]}))


def rows(cache: Path, out: Path) -> None:
    from pipeline.core import story_rows
    from pipeline.ingest.formats import parse_story
    from pipeline.nlp import get_nlp

    meta = json.loads((cache / "slice.json").read_text())
    texts = dict(slice_texts(meta["first"], meta["last"]))
    docs = DocBin().from_disk(cache / "docs.spacy").get_docs(get_nlp().vocab)
    with out.open("w", encoding="utf-8") as fh:
        for member, doc in zip(meta["members"], docs):
            wire = parse_story(texts[member], f"{ARCHIVE}::{member}")
            tables = story_rows(wire, doc)
            for table in ("routes", "route_candidates"):
                for r in tables.get(table, []):
                    keep = {k: r[k] for k in ("origin", "destination", "bidirectional", "kind", "rule", "confidence", "model_probability", "text")}
                    fh.write(json.dumps({"member": member, "table": table, **keep}) + "\n")


def diff(before: Path, after: Path) -> None:
    def load(p: Path) -> list[dict]:
        rows = [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
        return [r for r in rows if r.get("table", "routes") == "routes"]

    def key(r: dict) -> tuple:
        return (r["member"], r["origin"], r["destination"], r["bidirectional"])

    a, b = load(before), load(after)
    ka, kb = {key(r) for r in a}, {key(r) for r in b}
    print(f"routes: before {len(a)} rows, after {len(b)} rows")
    for r in a:
        if key(r) not in kb:
            print(f"- {r['rule']} {r['member'].split('/')[-1]} {r['origin']} -> {r['destination']} | {r['text']}")
    for r in b:
        if key(r) not in ka:
            print(f"+ {r['rule']} {r['member'].split('/')[-1]} {r['origin']} -> {r['destination']} | {r['text']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("parse", "rows", "diff"))
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--first", type=int, default=10_001)
    ap.add_argument("--last", type=int, default=12_400)
    args = ap.parse_args()
    if args.step == "parse":
        parse(args.paths[0], args.first, args.last)
    elif args.step == "rows":
        rows(args.paths[0], args.paths[1])
    else:
        diff(args.paths[0], args.paths[1])


if __name__ == "__main__":
    main()
