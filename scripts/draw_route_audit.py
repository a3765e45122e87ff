"""Draw route rows of a run for a blind audit, and file a checker's verdicts afterwards.

Draw: ``N`` route rows at random (``--seed``) from a run folder's ``routes.parquet`` and
``stories.parquet`` (or its ``.parts/`` while the run is still going), leaving out every story
an earlier audit (``tests/data/route_audits.jsonl``) or a fixture (``tests/fixtures/*/gold.json``)
has read. Written to ``OUT/``:

* ``material.jsonl``: what the checker sees, one row a line: row number, story member, origin,
  destination, two-way, mode, kind, cargo, status and the sentence; never the rule or the
  confidence, so the checker judges the row, not the rule;
* ``stories/<n>.txt``: each drawn story's text, named by its story number in ``material.jsonl``;
* ``key.jsonl``: per row number, the run's story id, route id, rule, confidence and model
  probability, for the lead only.

File: ``--verdicts V.jsonl --audit 50j`` reads the checker's verdicts (``{"n": 3, "verdict":
"right"}`` a line; "right" or "wrong", anything else such as a note is kept as ``note``), joins
them with ``OUT/material.jsonl`` and ``OUT/key.jsonl`` and appends one line per row to
``tests/data/route_audits.jsonl`` in its format (audit, n, member, origin, destination,
bidirectional, rule, verdict).

    python scripts/draw_route_audit.py RUN OUT --seed 90 -n 50 [--members-after 20000]
    python scripts/draw_route_audit.py RUN OUT --verdicts verdicts.jsonl --audit 50j
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
AUDITS = ROOT / "tests/data/route_audits.jsonl"
MEMBER = "::"
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')]))\s+(?=[\"'(]?[A-Z0-9])|\n\s*\n")


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def excluded(audits: Path) -> set[str]:
    """Last path parts of every story an audit or a fixture has read."""
    names = {Path(a["member"]).name for a in read_lines(audits)} if audits.is_file() else set()
    for gold in (ROOT / "tests/fixtures").rglob("gold.json"):
        story = json.loads(gold.read_text(encoding="utf-8")).get("story", {})
        names.add(Path(str(story.get("file", "")).split(MEMBER)[-1]).name)
    return names


def run_rows(run: Path) -> list[dict]:
    """Every route row of the run with its story's source, in a fixed order."""
    where = run if (run / "routes.parquet").is_file() else run / ".parts" / "*"
    sql = f"""select r.*, s.source from read_parquet('{where}/routes.parquet') r
              join read_parquet('{where}/stories.parquet') s using (story_id)
              order by s.source, r.story_id, r.route_id"""
    return duckdb.sql(sql).df().to_dict("records")


def story_text(source: str, cache: dict[str, str]) -> str:
    """The raw text of a story, from its file or its archive member (one pass per archive)."""
    if source not in cache:
        if MEMBER in source:
            from pipeline.evaluate import _ARCHIVES

            archive, member = source.split(MEMBER, 1)
            cache[source] = _ARCHIVES.read(Path(archive), member).decode("utf-8-sig", "replace")
        else:
            cache[source] = Path(source).read_text(encoding="utf-8-sig", errors="replace")
    return cache[source]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) holding ``text[start:end]``, cut at sentence ends found by punctuation."""
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    first = max(c for c in cuts if c <= start)
    last = min((c for c in cuts if c >= end), default=len(text))
    return " ".join(text[first:last].split())


def draw(args: argparse.Namespace) -> None:
    skip = excluded(args.audits)
    rows = [r for r in run_rows(args.run) if Path(r["source"].split(MEMBER)[-1]).name not in skip]
    if args.members_after is not None:
        order = _archive_order(args.run)
        rows = [r for r in rows if order.get(r["source"], -1) >= args.members_after]
    chosen = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.n, len(rows))))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stories").mkdir(exist_ok=True)
    cache: dict[str, str] = {}
    for r in (rows[i] for i in chosen):
        if MEMBER in r["source"]:
            from pipeline.evaluate import _ARCHIVES

            _ARCHIVES.want(Path(r["source"].split(MEMBER)[0]), r["source"].split(MEMBER, 1)[1])
    numbers: dict[str, int] = {}
    with (args.out / "material.jsonl").open("w", encoding="utf-8") as mat, (args.out / "key.jsonl").open("w", encoding="utf-8") as key:
        for n, r in enumerate((rows[i] for i in chosen), 1):
            text = story_text(r["source"], cache)
            story_n = numbers.setdefault(r["source"], len(numbers) + 1)
            (args.out / "stories" / f"{story_n}.txt").write_text(text, encoding="utf-8")
            member = r["source"].split(MEMBER)[-1]
            mat.write(json.dumps({
                "n": n, "story": story_n, "member": member, "origin": r["origin"], "destination": r["destination"],
                "bidirectional": bool(r["bidirectional"]), "mode": r["mode"], "kind": r["kind"], "cargo": list(r["cargo"] if r["cargo"] is not None else []),
                "status": r["status"], "sentence": sentence_around(text, int(r["start"]), int(r["end"])),
            }, ensure_ascii=False) + "\n")
            key.write(json.dumps({
                "n": n, "story_id": r["story_id"], "route_id": r["route_id"], "rule": r["rule"],
                "confidence": _number(r["confidence"]), "model_probability": _number(r.get("model_probability")),
            }) + "\n")
    print(f"{len(chosen)} rows from {len(numbers)} stories ({len(rows)} eligible rows) -> {args.out}")


def _number(x) -> float | None:
    """A float, or None for a missing one (NaN, as pandas reads a null)."""
    return None if x is None or x != x else float(x)


def _archive_order(run: Path) -> dict[str, int]:
    """Source -> 0-based position in the archive, for archive runs (``--members-after``)."""
    from archive_sample import archive_texts

    sources = {r["source"] for r in run_rows(run)}
    archives = {s.split(MEMBER)[0] for s in sources if MEMBER in s}
    order = {}
    for archive in archives:
        for i, (member, _) in enumerate(archive_texts(archive)):
            order[f"{archive}{MEMBER}{member}"] = i
    return order


def file_verdicts(args: argparse.Namespace) -> None:
    """Append the checker's verdicts to the audits file, joined with the material and the key."""
    material = {m["n"]: m for m in read_lines(args.out / "material.jsonl")}
    key = {k["n"]: k for k in read_lines(args.out / "key.jsonl")}
    done = {(a["audit"], a["n"]) for a in read_lines(args.audits)} if args.audits.is_file() else set()
    lines = []
    for v in read_lines(args.verdicts):
        n = int(v["n"])
        if (args.audit, n) in done:
            raise SystemExit(f"audit {args.audit} row {n} is already in {args.audits}")
        m = material[n]
        row = {"audit": args.audit, "n": n, "member": m["member"], "origin": m["origin"], "destination": m["destination"],
               "bidirectional": m["bidirectional"], "rule": key[n]["rule"], "verdict": v["verdict"]}
        if row["verdict"] not in ("right", "wrong"):
            raise SystemExit(f"row {n}: verdict must be right or wrong, not {row['verdict']!r}")
        if v.get("note"):
            row["note"] = v["note"]
        lines.append(json.dumps(row, ensure_ascii=False))
    with args.audits.open("a", encoding="utf-8") as fh:
        fh.write("".join(line + "\n" for line in lines))
    print(f"appended {len(lines)} verdicts of audit {args.audit} to {args.audits}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path, help="run folder (routes.parquet and stories.parquet, or .parts/)")
    ap.add_argument("out", type=Path, help="folder for material.jsonl, key.jsonl and stories/")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--members-after", type=int, help="only stories at this 0-based archive position or later")
    ap.add_argument("--verdicts", type=Path, help="file these verdicts (JSON Lines of n, verdict) instead of drawing")
    ap.add_argument("--audit", help="the audit's name for --verdicts (e.g. 50j)")
    ap.add_argument("--audits", type=Path, default=AUDITS, help="the audits file (stories to leave out; where verdicts go)")
    args = ap.parse_args()
    if args.verdicts:
        if not args.audit:
            ap.error("--verdicts needs --audit")
        file_verdicts(args)
    else:
        draw(args)


if __name__ == "__main__":
    main()
