"""Scaling: one worker against two, and the Dask engine against the local one, on the same stories.

    .venv/bin/python bench/bench_scaling.py                  # 2,000 stories, 3 rounds (the figures)
    .venv/bin/python bench/bench_scaling.py --stories 100    # a quick check

Each round runs, in fresh processes and in an order that turns each round,
``wireclaims run FOLDER --workers 1``, ``--workers 2`` and ``--engine dask
--workers 2`` (a LocalCluster of two processes of one thread), each from
process start to exit, and prints:

* local 2 workers / local 1 worker, words per second: target >= 1.7 on a 2-core machine;
* dask 2 workers / local 2 workers: target >= 0.9 (within 10%).

Beside them, the same ratios from CPU seconds (all processes of a run): on an
idle machine with as many cores as workers, two workers can go at most
2 x CPU(1 worker) / CPU(2 workers) times as fast as one. When the machine is
busy, wall-clock ratios say little and these bounds say what the code allows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _runs import arguments, machine, median, scratch, story_folder, timed, verdict, wireclaims_run, words_written

CONFIGS = {
    "local-1": ("--workers", "1"),
    "local-2": ("--workers", "2"),
    "dask-2": ("--engine", "dask", "--workers", "2"),
}
TARGETS = {"local-2 / local-1": 1.7, "dask-2 / local-2": 0.9}


def main() -> None:
    args = arguments(__doc__).parse_args()
    print("machine:", machine())
    names = list(CONFIGS)
    ratios: dict[str, list[float]] = {k: [] for k in TARGETS}
    bounds: dict[str, list[float]] = {k: [] for k in TARGETS}  # from CPU seconds per word
    with scratch() as tmp:
        folder = story_folder(args.corpus, args.stories, Path(tmp))
        for r in range(1, args.rounds + 1):
            order = names[r % len(names) :] + names[: r % len(names)]  # each config leads one round in three
            rate: dict[str, float] = {}
            cpu_rate: dict[str, float] = {}  # words per CPU second, times the workers that share them
            for name in order:
                out = Path(tmp) / f"out-{name}-{r}"
                t = timed(wireclaims_run(folder, out, *CONFIGS[name]))
                words = words_written(out)
                rate[name] = words / t.wall
                cpu_rate[name] = words / t.cpu * int(CONFIGS[name][-1])
                print(f"round {r}: {name:8s} {rate[name]:8,.0f} words/s ({t.wall:.1f} s wall, {t.cpu:.1f} s CPU)", flush=True)
            for key in TARGETS:
                a, b = key.split(" / ")
                ratios[key].append(rate[a] / rate[b])
                bounds[key].append(cpu_rate[a] / cpu_rate[b])
            print(f"round {r}: " + ", ".join(f"{k} = {v[-1]:.3f} (CPU bound {bounds[k][-1]:.3f})" for k, v in ratios.items()), flush=True)
    print(f"stories: {args.stories}, rounds: {args.rounds}")
    for key, target in TARGETS.items():
        m = median(ratios[key])
        print(f"{key}, words per second: median {m:.3f} (target >= {target}: {verdict(m, target)}); from CPU seconds: {median(bounds[key]):.3f}")
    print(json.dumps({"bench": "scaling", "stories": args.stories, **{k: median(v) for k, v in ratios.items()}, **{f"{k} (CPU)": median(v) for k, v in bounds.items()}}))


if __name__ == "__main__":
    sys.exit(main())
