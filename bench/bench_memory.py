"""Memory: a worker's peak resident memory does not grow with the number of stories.

    .venv/bin/python bench/bench_memory.py                         # 500 against 2,000 stories (the figure)
    .venv/bin/python bench/bench_memory.py --small 50 --stories 200  # a quick check

Runs ``pipeline.run`` over the first ``--small`` stories and over the first
``--stories`` stories, each in a fresh process with ``--workers`` worker
processes, and prints each worker's peak RSS (measured by the worker itself,
``getrusage``) and the calling process's. Targets: the larger run's peak per
worker within 10% of the smaller's, and under 1 GiB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _runs import arguments, machine, python_json, scratch, story_folder, verdict

RUN = """
import json, resource
import pipeline
if __name__ == "__main__":
    s = pipeline.run({folder!r}, {out!r}, workers={workers}, quiet=True, resume=False)
    print(json.dumps({{"workers": list(s.peak_rss.values()), "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      "ok": s.ok, "failed": s.failed}}))
"""
GIB = 2**30


def peaks(folder: Path, out: Path, workers: int) -> dict:
    return python_json(RUN.format(folder=str(folder), out=str(out), workers=workers))


def main() -> None:
    parser = arguments(__doc__, rounds=1)
    parser.add_argument("--small", type=int, default=500, help="stories of the smaller run (default: 500)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes of each run (default: 1)")
    args = parser.parse_args()
    print("machine:", machine())
    growth, largest = [], 0
    with scratch() as tmp:
        for r in range(1, args.rounds + 1):
            result = {}
            for n in (args.small, args.stories) if r % 2 else (args.stories, args.small):
                folder = story_folder(args.corpus, n, Path(tmp))
                result[n] = peaks(folder, Path(tmp) / f"out-{n}-{r}", args.workers)
                mib = ", ".join(f"{b / 2**20:,.0f}" for b in result[n]["workers"])
                print(
                    f"round {r}: {n:5d} stories ({result[n]['ok']} ok, {result[n]['failed']} failed): peak RSS per worker {mib} MiB; "
                    f"calling process {result[n]['main'] / 2**20:,.0f} MiB",
                    flush=True,
                )
            small, large = max(result[args.small]["workers"]), max(result[args.stories]["workers"])
            growth.append(large / small)
            largest = max(largest, large)
            print(f"round {r}: peak per worker, {args.stories} / {args.small} stories = {growth[-1]:.3f}", flush=True)
    worst = max(growth)
    print(f"peak RSS per worker, {args.stories} against {args.small} stories: {worst:.3f} at most (target <= 1.10: {verdict(worst, 1.10, False)})")
    print(f"largest peak per worker: {largest / 2**20:,.0f} MiB (target < 1,024 MiB: {verdict(largest, GIB, False)})")
    print(json.dumps({"bench": "memory", "small": args.small, "stories": args.stories, "growth": worst, "peak_mib": largest / 2**20}))


if __name__ == "__main__":
    sys.exit(main())
