"""Speed: date extraction alone as a share of the spaCy parse time on Reuters stories.

Usage: .venv/bin/python bench/bench_extract_speed_dates.py [N_STORIES] [--seed S]

``extract_dates`` is timed, interleaved with the parse batch by batch
(bench/_speed.py); it includes finding the text's numbers, which quantities then
reuse. Dates are the largest share of extraction after claims (issue 19); the budget
shown is the dates+quantities one (5%). dateparser's start-up is done before the
measurement, as in the other speed benches; since issue 19 a run of Reuters stories
seldom starts it at all (a bare month spaCy calls a date is resolved by our rule).
"""

from __future__ import annotations

from _speed import main

from pipeline.extract.dates import extract_dates


def prepare(ctx, doc, story):
    return (ctx,)


if __name__ == "__main__":
    main("dates", prepare, extract_dates, 0.05, __doc__.splitlines()[0])
