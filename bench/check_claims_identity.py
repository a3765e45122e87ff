"""Identity check for claims and experts: the rows a refactor must leave unchanged.

Usage::

    .venv/bin/python bench/check_claims_identity.py dump OUT.jsonl [--sets seed,fixtures,polnear,sample]
    .venv/bin/python bench/check_claims_identity.py compare BEFORE.jsonl AFTER.jsonl
    .venv/bin/python bench/check_claims_identity.py digests [tests/data/claims_identity.json]

``dump`` runs the extractors claims depends on (entities, actors), then
``extract_claims`` and ``extract_experts``, over each set of stories and writes
one JSON line per row: the set, the story, the table and every column but
``rule`` (the column the refactor adds). ``compare`` reports, set by set and
table by table, how many rows were compared and the first differences.

Sets: ``seed`` (tests/fixtures/seed), ``fixtures`` (every available fixture
story), ``polnear`` (the PolNeAR dev split, ../shared/benchmarks/polnear-dev)
and ``sample`` (the 2,000 Reuters sample stories,
../shared/corpus/reuters-2006-2013-sample). A set whose folder is absent is
skipped with a note (set WIRECLAIMS_SHARED where ../shared is elsewhere, as
from a git worktree). Parsing is the slow part, so the parsed Docs are cached
with ``DocBin`` (``--cache``, /tmp by default), keyed by the texts and the
model: a comparison only re-runs extraction.

``digests`` writes one hash per story of the seed and the fixtures (its rows,
``rule`` left out): tests/test_claims_identity.py checks the rows still hash
the same. After a change meant to alter claims or experts, look at what moved
with ``dump`` and ``compare`` (before and after the change), then rewrite the
digests with this command.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from pipeline.extract.actors import extract_actors  # noqa: E402
from pipeline.extract.claims import extract_claims  # noqa: E402
from pipeline.extract.context import DocContext  # noqa: E402
from pipeline.extract.entities import entity_mentions  # noqa: E402
from pipeline.extract.experts import extract_experts  # noqa: E402
from pipeline.ingest.formats import Story, parse_story  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
MODELS = ROOT / "models"
SEED = FIXTURES / "seed" / "story.txt"
# ../shared beside the checkout; WIRECLAIMS_SHARED names it elsewhere (a git worktree's parent has none).
SHARED = Path(os.environ.get("WIRECLAIMS_SHARED") or ROOT.parent / "shared")
POLNEAR = SHARED / "benchmarks" / "polnear-dev"
SAMPLE = SHARED / "corpus" / "reuters-2006-2013-sample"
SETS = ("seed", "fixtures", "polnear", "sample")
DEFAULT_CACHE = Path("/tmp/wireclaims-identity-cache")
DIGESTS = ROOT / "tests" / "data" / "claims_identity.json"
NEW_COLUMNS = frozenset({"rule"})  # added by the refactor: left out of the comparison


def _seed() -> list[tuple[str, str]]:
    return [(str(SEED.relative_to(ROOT)), SEED.read_text(encoding="utf-8"))]


def _fixtures() -> list[tuple[str, str]]:
    """Every fixture's story that can be read, keyed by the file its gold names."""
    from pipeline.evaluate import _ARCHIVES, Fixture, find_fixtures

    found: dict[str, Fixture] = {}
    for f in find_fixtures(FIXTURES):
        name = f.gold["story"]["file"]
        if not f.available() and "shared/" in name:  # read it from WIRECLAIMS_SHARED instead
            f = Fixture(f.path, {**f.gold, "story": {**f.gold["story"], "file": str(SHARED / name.split("shared/", 1)[1])}})
            if f.member:
                _ARCHIVES.want(f.story_path, f.member)
        if f.available():
            found.setdefault(name, f)
    return sorted((name, f.read_story()) for name, f in found.items())


def _polnear() -> list[tuple[str, str]]:
    """The dev split's articles that have an annotation (the ones bench_polnear.py scores)."""
    stems = {ann.stem.rsplit("_", 1)[0] for ann in (POLNEAR / "attributions").glob("*.ann")}
    texts = [POLNEAR / "text" / f"{s}.txt" for s in sorted(stems)]
    return [(str(t), t.read_text(encoding="utf-8")) for t in texts if t.is_file()]


def _sample() -> list[tuple[str, str]]:
    files = sorted(p for p in SAMPLE.glob("*/*") if p.is_file())
    return [(str(p.relative_to(SAMPLE)), p.read_bytes().decode("utf-8-sig")) for p in files]


READERS = {"seed": _seed, "fixtures": _fixtures, "polnear": _polnear, "sample": _sample}
NEEDS = {"polnear": POLNEAR / "text", "sample": SAMPLE}


def stories(name: str) -> list[Story]:
    out = []
    for source, raw in READERS[name]():
        try:
            out.append(parse_story(raw, source))
        except Exception:  # an unreadable story has no rows before or after
            continue
    return out


def parsed(name: str, items: list[Story], cache: Path) -> list[Doc]:
    """The stories' Docs, from the DocBin cache when the texts, the model and the project's parts of
    the spaCy pipeline (models/pipeline.json, the gazetteer behind the entity ruler) are the same."""
    nlp = get_nlp()
    key = hashlib.sha1()
    key.update(json.dumps([spacy.__version__, nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names]).encode())
    for f in sorted([MODELS / "pipeline.json", *(MODELS / "gazetteer").rglob("*")]):
        if f.is_file():
            key.update(f.read_bytes())
    for s in items:
        key.update(s.text.encode("utf-8"))
    path = cache / f"{name}-{key.hexdigest()[:16]}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((s.text for s in items), batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def rows_of(story: Story, doc: Doc) -> Iterator[tuple[str, dict[str, Any]]]:
    ctx = DocContext.build(doc, story.published, story.dateline, story.byline, story.text)
    actor_rows, actors = extract_actors(ctx, entity_mentions(ctx))
    claim_rows = extract_claims(ctx, actors)
    expert_rows = extract_experts(ctx, actors, actor_rows, claim_rows)
    for table, rows in (("claims", claim_rows), ("experts", expert_rows)):
        for row in rows:
            yield table, {k: v for k, v in row.items() if k not in NEW_COLUMNS}


def story_rows(name: str, cache: Path) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """(story, its claims and experts rows) for each story of a set, in order."""
    items = stories(name)
    for story, doc in zip(items, parsed(name, items, cache)):
        yield story.source, list(rows_of(story, doc))


def available(name: str) -> bool:
    if name in NEEDS and not NEEDS[name].is_dir():
        print(f"{name}: skipped ({NEEDS[name]} is absent)")
        return False
    return True


def dump(out: Path, names: list[str], cache: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as fh:
        for name in filter(available, names):
            n = k = 0
            for source, rows in story_rows(name, cache):
                k += 1
                for table, row in rows:
                    fh.write(json.dumps({"set": name, "story": source, "table": table, "row": row}, sort_keys=True, default=str) + "\n")
                    n += 1
            counts[name] = n
            print(f"{name}: {k} stories, {n} rows")
    return counts


def digest(rows: list[tuple[str, dict[str, Any]]]) -> str:
    return hashlib.sha1(json.dumps(rows, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def digests(cache: Path = DEFAULT_CACHE, names: tuple[str, ...] = ("seed", "fixtures")) -> dict[str, str]:
    """``set:story`` -> hash of the story's rows, for the stories that can be read."""
    return {f"{name}:{source}": digest(rows) for name in names for source, rows in story_rows(name, cache)}


def load(path: Path) -> dict[tuple[str, str], list[str]]:
    """Rows by (set, table), as JSON lines in file order."""
    out: dict[tuple[str, str], list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.setdefault((rec["set"], rec["table"]), []).append(json.dumps([rec["story"], rec["row"]], sort_keys=True))
    return out


def compare(before: Path, after: Path, show: int = 5) -> bool:
    a, b = load(before), load(after)
    same = True
    for key in sorted(set(a) | set(b)):
        left, right = a.get(key, []), b.get(key, [])
        diffs = [(i, x, y) for i, (x, y) in enumerate(zip(left, right)) if x != y]
        ok = not diffs and len(left) == len(right)
        same &= ok
        verdict = "identical" if ok else f"{len(diffs)} differ" + ("" if len(left) == len(right) else ", row counts differ")
        print(f"{key[0]:9s} {key[1]:8s} {len(left):6d} rows before, {len(right):6d} after: {verdict}")
        for i, x, y in diffs[:show]:
            print(f"   row {i}\n   - {x}\n   + {y}")
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--sets", default=",".join(SETS))
    d.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    g = sub.add_parser("digests")
    g.add_argument("out", type=Path, nargs="?", default=DIGESTS)
    g.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, [s for s in args.sets.split(",") if s], args.cache)
        return 0
    if args.cmd == "digests":
        found = digests(args.cache)
        args.out.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(found)} stories' digests written to {args.out}")
        return 0
    return 0 if compare(args.before, args.after) else 1


if __name__ == "__main__":
    sys.exit(main())
