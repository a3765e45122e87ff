"""Throughput: the whole ``wireclaims run`` against bare ``nlp.pipe`` of the same model on the same stories.

    .venv/bin/python bench/bench_throughput.py                 # 2,000 stories, 3 rounds (the figure)
    .venv/bin/python bench/bench_throughput.py --stories 100   # a quick check

Both sides run in a fresh process, one after the other, alternating:

* bare: load the project's pipeline (``pipeline.nlp.get_nlp``: the model plus
  its entity ruler), read the stories, then time ``nlp.pipe`` over their
  bodies (the text the run parses), batch size as the run's;
* run: ``wireclaims run FOLDER -o OUT --workers 1`` timed from process start
  to exit: reading, spaCy, every extractor, Parquet and DuckDB written.

The ratio is words per second of the run over words per second of bare
``nlp.pipe`` alone (the run's start-up, reading and writing all count
against it); target >= 0.85. Also printed: the ratio against bare including
its model load, and against CPU seconds instead of wall-clock.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _runs import arguments, machine, median, python_json, scratch, story_folder, timed, verdict, wireclaims_run, words_written

TARGET = 0.85

BARE = """
import json, time
t0 = time.perf_counter()
from pipeline.core import read_items
from pipeline.ingest.formats import Story
from pipeline.ingest.sources import iter_items
from pipeline.nlp import get_nlp, pipeline_config
nlp = get_nlp()
loaded = time.perf_counter() - t0
stories = [s for s in read_items(iter_items([{folder!r}])) if isinstance(s, Story)]
texts = [s.text for s in stories]
words = sum(s.word_count for s in stories)
t1, c1 = time.perf_counter(), time.process_time()
for doc in nlp.pipe(texts, batch_size=int(pipeline_config().get("batch_size", 32))):
    pass
piped, cpu = time.perf_counter() - t1, time.process_time() - c1
print(json.dumps({{"words": words, "stories": len(stories), "load": loaded, "pipe": piped, "pipe_cpu": cpu}}))
"""


def bare(folder: Path) -> dict:
    return python_json(BARE.format(folder=str(folder)))


def main() -> None:
    args = arguments(__doc__).parse_args()
    print("machine:", machine())
    with scratch() as tmp:
        folder = story_folder(args.corpus, args.stories, Path(tmp))
        ratios, with_load, cpu_ratios = [], [], []
        for r in range(1, args.rounds + 1):
            sides = ("bare", "run") if r % 2 else ("run", "bare")
            for side in sides:
                if side == "bare":
                    b = bare(folder)
                else:
                    out = Path(tmp) / f"out-{r}"
                    run = timed(wireclaims_run(folder, out, "--workers", "1"))
                    words = words_written(out)
            bare_rate = b["words"] / b["pipe"]
            run_rate = words / run.wall
            ratios.append(run_rate / bare_rate)
            with_load.append(run_rate / (b["words"] / (b["pipe"] + b["load"])))
            # CPU seconds per word: bare nlp.pipe against all of the run's processes.
            cpu_ratios.append((b["pipe_cpu"] / b["words"]) / (run.cpu / words))
            print(
                f"round {r}: bare nlp.pipe {bare_rate:,.0f} words/s (model load {b['load']:.1f} s, pipe {b['pipe']:.1f} s, "
                f"{b['stories']} stories, {b['words']:,} words) | run {run_rate:,.0f} words/s ({run.wall:.1f} s wall, "
                f"{run.cpu:.1f} s CPU, {words:,} words) | ratio {ratios[-1]:.3f}",
                flush=True,
            )
    m = median(ratios)
    print(f"stories: {args.stories}, rounds: {args.rounds}")
    print(f"run / bare nlp.pipe, words per second: median {m:.3f} (target >= {TARGET}: {verdict(m, TARGET)})")
    print(f"run / bare nlp.pipe with its model load: median {median(with_load):.3f}")
    print(f"run / bare nlp.pipe, per CPU second (run: all its processes): median {median(cpu_ratios):.3f}")
    print(json.dumps({"bench": "throughput", "stories": args.stories, "ratio": m, "ratio_with_load": median(with_load), "cpu_ratio": median(cpu_ratios)}))


if __name__ == "__main__":
    sys.exit(main())
