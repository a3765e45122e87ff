"""Extraction alone on fixed parsed Docs: every table's rows (identity) and the CPU each extractor takes.

Usage (run with PYTHONPATH naming the build to measure, so two builds share one parse)::

    python bench/extract_fixed_docs.py parse DIR [--n 300] [--seed 0]
    python bench/extract_fixed_docs.py dump DIR OUT.jsonl
    python bench/extract_fixed_docs.py compare BEFORE.jsonl AFTER.jsonl
    python bench/extract_fixed_docs.py time DIR [--rounds 3]
    python bench/extract_fixed_docs.py profile DIR [--top 40]

``parse`` draws N stories of the Reuters sample (the draw of bench/_speed.py) and
parses them once into ``DIR/docs.spacy`` with their file names in ``DIR/files.json``.
``dump`` runs :func:`pipeline.core.story_rows` on each and writes every row of every
table, every column, as one JSON line. ``time`` reports the CPU seconds
(``time.process_time``, less hurt by other work on the machine than wall time) of
extraction per extractor, best of the rounds. ``profile`` runs cProfile over the lot.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any, Callable

from spacy.tokens import Doc, DocBin

from pipeline.core import story_rows
from pipeline.ingest.formats import Story, parse_story
from pipeline.nlp import get_nlp

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from _speed import REUTERS, reuters_stories  # noqa: E402


def parse(folder: Path, n: int, seed: int) -> None:
    items = reuters_stories(n, seed)
    docs = list(get_nlp().pipe((s.text for s in items), batch_size=16))
    folder.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=True).to_disk(folder / "docs.spacy")
    (folder / "files.json").write_text(json.dumps([s.source for s in items]), encoding="utf-8")
    print(f"{len(docs)} stories, {sum(map(len, docs))} tokens parsed into {folder}")


def load(folder: Path) -> list[tuple[Story, Doc]]:
    files = json.loads((folder / "files.json").read_text(encoding="utf-8"))
    items = [parse_story(Path(f).read_bytes().decode("utf-8-sig"), f) for f in files]
    docs = list(DocBin().from_disk(folder / "docs.spacy").get_docs(get_nlp().vocab))
    return list(zip(items, docs))


def dump(folder: Path, out: Path) -> None:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for story, doc in load(folder):
            for table, rows in story_rows(story, doc).items():
                for row in rows:
                    fh.write(json.dumps({"story": story.source, "table": table, "row": row}, sort_keys=True, default=repr) + "\n")
                    n += 1
    print(f"{n} rows written to {out}")


def compare(before: Path, after: Path, show: int = 5) -> bool:
    """Table by table: the same rows in the same order, every column."""
    def by_table(path: Path) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            out.setdefault(json.loads(line)["table"], []).append(line)
        return out

    a, b = by_table(before), by_table(after)
    same = True
    for table in sorted(set(a) | set(b)):
        left, right = a.get(table, []), b.get(table, [])
        diffs = [(i, x, y) for i, (x, y) in enumerate(zip(left, right)) if x != y]
        ok = not diffs and len(left) == len(right)
        same &= ok
        print(f"{table:11s} {len(left):6d} rows before, {len(right):6d} after: {'identical' if ok else f'{len(diffs)} differ'}")
        for i, x, y in diffs[:show]:
            print(f"   row {i}\n   - {x}\n   + {y}")
    return same


def _wrapped() -> dict[str, float]:
    """Wrap each extractor that extract_rows calls with a CPU-time counter (this process only)."""
    import pipeline.extract as ex

    spent: dict[str, float] = {}
    names = ["DocContext.build", "entity_mentions", "extract_actors", "extract_places", "extract_dates",
             "extract_quantities", "extract_claims", "extract_routes", "extract_experts", "link_to_claims"]

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kw: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return timed

    for name in names:
        if name == "DocContext.build":
            build = ex.DocContext.build
            ex.DocContext.build = staticmethod(wrap(name, build))  # type: ignore[method-assign]
        else:
            setattr(ex, name, wrap(name, getattr(ex, name)))
    return spent


def warm_up(pairs: list[tuple[Story, Doc]]) -> None:
    """Lexicons, regexes and dateparser's first call (0.4-0.9 s of regex compilation once a process)."""
    importlib.import_module("pipeline.extract.dates").parse_with_dateparser("the past decade", "2010-01-01")
    for story, doc in pairs[:4]:
        story_rows(story, doc)


def time_it(folder: Path, rounds: int) -> None:
    pairs = load(folder)
    warm_up(pairs)
    spent = _wrapped()
    totals = []
    per_round: list[dict[str, float]] = []
    for _ in range(rounds):
        spent.clear()
        t = time.process_time()
        for story, doc in pairs:
            story_rows(story, doc)
        totals.append(time.process_time() - t)
        per_round.append(dict(spent))
    best = min(range(rounds), key=totals.__getitem__)
    print(f"{len(pairs)} stories; extraction CPU s per round: " + ", ".join(f"{t:.2f}" for t in totals) + f" (best {totals[best]:.2f})")
    for name, s in sorted(per_round[best].items(), key=lambda kv: -kv[1]):
        print(f"  {name:20s} {s:6.2f} s  {s / totals[best]:6.1%}")


def profile(folder: Path, top: int, out: Path | None = None) -> None:
    pairs = load(folder)
    warm_up(pairs)
    prof = cProfile.Profile()
    prof.enable()
    for story, doc in pairs:
        story_rows(story, doc)
    prof.disable()
    if out:
        prof.dump_stats(out)
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def sample(folder: Path, top: int, repeat: int = 1, interval: float = 0.0005) -> None:
    """A statistical profile (a stack sample every ``interval`` CPU seconds): no per-call overhead, so
    token-heavy code is not over-charged as under cProfile. Prints the share of samples each function
    is on the stack for (inclusive) and at the top of (self)."""
    import collections
    import signal

    pairs = load(folder)
    warm_up(pairs)
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = [0]

    def on_tick(_sig: int, frame: Any) -> None:
        total[0] += 1
        seen = set()
        top_name = None
        while frame is not None:
            code = frame.f_code
            name = f"{code.co_filename.split('pipeline/')[-1]}:{code.co_name}"
            if top_name is None:
                top_name = name
            if name not in seen:
                seen.add(name)
                inclusive[name] += 1
            frame = frame.f_back
        own[top_name or "?"] += 1

    signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, interval, interval)
    for _ in range(repeat):  # the timer ticks every few ms at best: repeat for more samples
        for story, doc in pairs:
            story_rows(story, doc)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    n = max(total[0], 1)
    print(f"{total[0]} samples")
    for title, counter in (("inclusive", inclusive), ("self", own)):
        print(f"-- {title}")
        for name, k in counter.most_common(top):
            print(f"{k / n:6.1%}  {name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse")
    p.add_argument("dir", type=Path)
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    d = sub.add_parser("dump")
    d.add_argument("dir", type=Path)
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    t = sub.add_parser("time")
    t.add_argument("dir", type=Path)
    t.add_argument("--rounds", type=int, default=3)
    f = sub.add_parser("profile")
    f.add_argument("dir", type=Path)
    f.add_argument("--top", type=int, default=40)
    f.add_argument("--out", type=Path, help="also write the raw profile here (pstats)")
    sm = sub.add_parser("sample")
    sm.add_argument("dir", type=Path)
    sm.add_argument("--top", type=int, default=60)
    sm.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.dir, args.top, args.repeat)
        return 0
    if args.cmd == "parse":
        parse(args.dir, args.n, args.seed)
    elif args.cmd == "dump":
        dump(args.dir, args.out)
    elif args.cmd == "compare":
        return 0 if compare(args.before, args.after) else 1
    elif args.cmd == "time":
        time_it(args.dir, args.rounds)
    else:
        profile(args.dir, args.top, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
