"""The ``wireclaims`` command (also ``python -m pipeline``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .engines import DEFAULT_MAX_TOKENS, DEFAULT_STORY_TIMEOUT, ENGINES, DiskFull, RunError
from .ingest.sources import DEFAULT_MAX_CHARS
from .runner import DEFAULT_CHUNK_SIZE
from .schema import TABLE_NAMES

EXIT_DISK_FULL = 3  # distinct from 1 (some stories failed) and 2 (the run could not start)

EPILOG = """\
examples:
  wireclaims run corpus/ -o outputs/
  wireclaims run 'archive/**/*.txt' stories.jsonl.gz -o out/ --format csv
  wireclaims eval tests/fixtures/ --min-f1 0.8
  wireclaims eval tests/fixtures/ -p outputs/
  wireclaims report corpus/2017-05-03-russia-north-korea-ferry.txt -o report.html
  wireclaims report outputs/
"""


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="extract claim tables from stories into an output folder",
        description=(
            "Read stories (files, folders recursively, globs, .gz/.zip/.tar archives, JSON Lines, CSV), "
            "extract the claim tables and write OUT/<table>.parquet plus OUT/claims.duckdb. "
            "Stories already in OUT are skipped, so an interrupted run (Ctrl-C, a kill) resumes when run again. "
            "Stories that cannot be read or processed become stories rows with status='error'; "
            "the exit code is 1 when any failed, 3 when the disk is full, 130 when interrupted. "
            "The output folder is never read as input, even when it stands inside an input folder."
        ),
        epilog=(
            "examples:\n"
            "  wireclaims run corpus/ -o outputs/ --format csv\n"
            "  wireclaims run archive.tar.gz -o out/ --workers 4\n"
            "  wireclaims run 'archive/**/*.jsonl.gz' -o /shared/out/ --engine dask --scheduler tcp://head:8786\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, globs or archives")
    p.add_argument("-o", "--out", default="outputs/", help="output folder (default: outputs/)")
    p.add_argument("--format", action="append", choices=["csv", "jsonl"], default=[], help="also write CSV or JSON Lines (repeatable)")
    p.add_argument("--limit", type=int, help="process at most N stories not already in OUT (a trial run)")
    p.add_argument("-w", "--workers", type=int, default=1, help="worker processes, each with its own model (default: 1; 0: in this process, no time limit)")
    p.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or a Dask distributed cluster (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler to use (default: start a LocalCluster of --workers processes); OUT must be a folder every worker can write")
    p.add_argument("--dashboard", action="store_true", help="with --engine dask and no --scheduler: serve the LocalCluster's dashboard on 127.0.0.1 (its address is printed)")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help=f"stories per committed chunk: what an interruption can lose (default: {DEFAULT_CHUNK_SIZE})")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default: utf-8)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=f"stories longer than this are errors (default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS, help=f"stories of more tokens are errors; bounds a worker's memory (default: {DEFAULT_MAX_TOKENS:,})")
    p.add_argument("--story-timeout", type=float, default=DEFAULT_STORY_TIMEOUT, metavar="SECONDS", help=f"a story taking longer is an error (default: {DEFAULT_STORY_TIMEOUT:g})")
    p.add_argument("--text-field", help="record field holding the story text (JSON Lines, CSV)")
    p.add_argument("--headline-field", help="record field holding the headline")
    p.add_argument("--date-field", help="record field holding the publication date")
    p.add_argument("--byline-field", help="record field holding the byline")
    p.add_argument("--no-resume", action="store_true", help="process every story even when its id is already in the output (the new rows replace the old)")
    p.add_argument("--retry-errors", action="store_true", help="process again the stories that failed in an earlier run")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line (there is none either when stderr is not a terminal)")


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score tables against gold fixtures",
        description=(
            "Score predicted tables against gold fixtures (JSON files with a 'story' object) by the matching rules "
            "of the claim-tables spec: precision, recall and F1 per table, and the agreement of each checked field. "
            "Without -p, the pipeline is run on the fixtures' stories first."
        ),
        epilog="examples:\n  wireclaims eval tests/fixtures/\n  wireclaims eval tests/fixtures/seed -p outputs/ --min-f1 0.9 --table actors\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("fixtures", metavar="FIXTURES_DIR", help="folder of gold fixtures (or one gold JSON file)")
    p.add_argument("-p", "--pred", metavar="PRED_DIR", help="a run's output folder or .duckdb file to score")
    p.add_argument("--min-f1", type=float, help="exit 1 when a scored table's F1 is below this floor")
    p.add_argument("--table", action="append", choices=[t for t in TABLE_NAMES if t != "stories"], help="tables the floor applies to (default: all)")
    p.add_argument("--details", action="store_true", help="list missed, spurious and disagreeing rows")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write an HTML report to look at: one story, or a whole run",
        description=(
            "Write self-contained HTML (inline CSS, script and SVG; nothing fetched from the network). "
            "For a STORY (a file, or an archive or record file holding one story): the pipeline runs on it and one page "
            "shows the story text with actors, places, quantities, dates, routes and claims highlighted in their own colours "
            "(hover for details, click for the table row), a route figure and every table. "
            "For a run's OUT_DIR (or its claims.duckdb): a summary page (stories ok/failed, top actors, experts, routes "
            "across stories, quantities by unit) linking to one page per story, whose text is read again from stories.source. "
            "Several stories that were not run (a folder, an archive) are run in memory and reported like a run."
        ),
        epilog=(
            "examples:\n"
            "  wireclaims report corpus/2017-05-03-russia-north-korea-ferry.txt -o report.html\n"
            "  wireclaims report outputs/                  # writes outputs/report/index.html\n"
            "  wireclaims report outputs/ -o ~/www/run1/ --limit 200\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("target", metavar="STORY_OR_OUT_DIR", help="a story file, or a run's output folder or .duckdb file")
    p.add_argument("-o", "--out", help="the page to write for one story (default: report.html), or the folder for a run (default: OUT_DIR/report/)")
    p.add_argument("--limit", type=int, help="write at most N story pages (the summary still covers every story)")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the story files (default: utf-8)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wireclaims",
        description="Structured claim tables (actors, places, quantities, dates, routes, claims, experts) from news wire stories.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(sub)
    _add_eval(sub)
    _add_report(sub)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from .ingest.sources import FieldNames
    from .runner import run

    fields = FieldNames.with_overrides(text=args.text_field, headline=args.headline_field, date=args.date_field, byline=args.byline_field)
    try:
        summary = run(
            args.inputs,
            args.out,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            formats=args.format,
            limit=args.limit,
            chunk_size=args.chunk_size,
            encoding=args.encoding,
            max_chars=args.max_chars,
            max_tokens=args.max_tokens,
            story_timeout=args.story_timeout,
            fields=fields,
            resume=not args.no_resume,
            retry_errors=args.retry_errors,
            quiet=args.quiet,
            dashboard=args.dashboard,
        )
    except DiskFull as exc:
        print(f"wireclaims run: {exc}", file=sys.stderr)
        return EXIT_DISK_FULL
    except RunError as exc:
        print(f"wireclaims run: {exc}", file=sys.stderr)
        return 2
    print(summary.text())
    return summary.exit_code


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    report = evaluate(args.fixtures, args.pred)
    if not report.stories:
        print(f"no fixtures with a readable story under {args.fixtures}" + (f" (skipped: {', '.join(report.skipped)})" if report.skipped else ""), file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.text(details=args.details))
    if args.min_f1 is not None:
        tables = args.table or report.tables()
        below = [(t, report.total(t).f1) for t in tables if t in report.tables() and report.total(t).f1 < args.min_f1]
        if below:
            print("below the floor of %.2f: %s" % (args.min_f1, ", ".join(f"{t} {f:.3f}" for t, f in below)), file=sys.stderr)
            return 1
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .ingest.sources import ReadOptions
    from .report import report

    try:
        result = report(args.target, args.out, limit=args.limit, options=ReadOptions(encoding=args.encoding))
    except FileNotFoundError as exc:
        print(f"wireclaims report: {exc}", file=sys.stderr)
        return 2
    print(result.text())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"run": cmd_run, "eval": cmd_eval, "report": cmd_report}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
