"""Robustness at scale: 300 good stories with 20 hostile items mixed in, one real run (issue 23).

    .venv/bin/python bench/bench_hostile.py                  # 300 Reuters stories + 20 hostile items, 2 workers
    .venv/bin/python bench/bench_hostile.py --stories 50 --workers 1   # a quick check

The hostile items are drawn (seeded) from the catalogue of tests/hostile.py:
lone surrogates, a file name that is not UTF-8, JSON nested 1,000 deep, a
5,000-digit integer, 60 MB endless lines in a .jsonl.gz and in a CSV in a zip,
tar links, a FIFO, UTF-16, lone CRs, binary, truncated gzip, zip-slip, a path
over 4,096 characters, a symbolic link loop; the output folder stands inside
the input. Prints how many good stories were kept, how many bad items got
their one error row, the run's time and each process's peak RSS (VmHWM,
sampled). Targets: every good story kept once, every bad item one error row,
every process under 1 GiB.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

from _runs import REUTERS, ROOT, machine

sys.path.insert(0, str(ROOT))
from tests.hostile import check_run, hostile_mix, run_measured  # noqa: E402

GIB = 2**30


def distinct_stories(corpus: Path, n: int) -> list[Path]:
    """The first ``n`` stories of ``corpus`` with distinct text (a story read twice is written once)."""
    seen: set[str] = set()
    picked = []
    for p in sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest = hashlib.blake2b(p.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            picked.append(p)
        if len(picked) == n:
            return picked
    raise SystemExit(f"{corpus} holds fewer than {n} distinct stories")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--hostile", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--corpus", type=Path, default=REUTERS)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        folder = Path(tmp) / "in"
        expected = hostile_mix(folder, args.seed, hostile=args.hostile, good_files=distinct_stories(args.corpus, args.stories))
        out = folder / "out"
        code, stdout, stderr, seconds, peaks = run_measured(["run", str(folder), "-o", str(out), "-w", str(args.workers), "-q"], 3600)
        problems = check_run(out, expected)
    good = sum(1 for w in expected.values() if w is None)
    bad = len(expected) - good
    print(stdout.strip())
    if stderr.strip():
        print("stderr:", stderr.strip()[-2000:])
    per_process = sorted((b for b in peaks.values()), reverse=True)
    print(f"inputs: {good} good stories (generated hostile ones included), {bad} bad items; exit code {code}; {seconds:.1f} s")
    print(f"problems: {len(problems)}" + "".join(f"\n  {p}" for p in problems[:20]))
    print("peak RSS per process (MiB): " + ", ".join(f"{b / 2**20:.0f}" for b in per_process))
    print(f"sum of the peaks of all processes: {sum(per_process) / 2**20:.0f} MiB")
    ok = not problems and per_process[0] < GIB
    print(f"verdict: {'PASS' if ok else 'FAIL'} (every good story once, every bad item one error row, each process < 1 GiB)")


if __name__ == "__main__":
    main()
