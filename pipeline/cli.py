"""The ``wireclaims`` command (also ``python -m pipeline``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .schema import TABLE_NAMES

EPILOG = """\
examples:
  wireclaims run corpus/ -o outputs/
  wireclaims run 'archive/**/*.txt' stories.jsonl.gz -o out/ --format csv
  wireclaims eval tests/fixtures/ --min-f1 0.8
  wireclaims eval tests/fixtures/ -p outputs/
"""


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="extract claim tables from stories into an output folder",
        description=(
            "Read stories (files, folders recursively, globs, .gz/.zip/.tar archives, JSON Lines, CSV), "
            "extract the claim tables and write OUT/<table>.parquet plus OUT/claims.duckdb. "
            "Stories already in OUT are skipped, so an interrupted run resumes. "
            "Stories that cannot be read become stories rows with status='error'; the exit code is 1 when any failed."
        ),
        epilog="example:\n  wireclaims run corpus/ -o outputs/ --format csv\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, globs or archives")
    p.add_argument("-o", "--out", default="outputs/", help="output folder (default: outputs/)")
    p.add_argument("--format", action="append", choices=["csv", "jsonl"], default=[], help="also write CSV or JSON Lines (repeatable)")
    p.add_argument("--limit", type=int, help="process at most N stories (a trial run)")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default: utf-8)")
    p.add_argument("--max-chars", type=int, default=None, help="stories longer than this are errors (default: 1,000,000)")
    p.add_argument("--text-field", help="record field holding the story text (JSON Lines, CSV)")
    p.add_argument("--headline-field", help="record field holding the headline")
    p.add_argument("--date-field", help="record field holding the publication date")
    p.add_argument("--byline-field", help="record field holding the byline")
    p.add_argument("--no-resume", action="store_true", help="process every story even when its id is already in the output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")


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
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from .ingest.sources import DEFAULT_MAX_CHARS, FieldNames
    from .runner import run

    fields = FieldNames.with_overrides(text=args.text_field, headline=args.headline_field, date=args.date_field, byline=args.byline_field)
    summary = run(
        args.inputs,
        args.out,
        formats=args.format,
        limit=args.limit,
        encoding=args.encoding,
        max_chars=args.max_chars or DEFAULT_MAX_CHARS,
        fields=fields,
        resume=not args.no_resume,
        quiet=args.quiet or not sys.stderr.isatty(),
    )
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {"run": cmd_run, "eval": cmd_eval}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
