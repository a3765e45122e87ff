"""The ``wireclaims`` command (also ``python -m pipeline``).

Nothing heavy is imported before the command line is read, so that a command
that will load the model says so at once (:func:`say_loading`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .ingest.sources import ReadOptions

from . import __version__

EXIT_DISK_FULL = 3  # distinct from 1 (some stories failed) and 2 (the run could not start)

EPILOG = """\
examples:
  wireclaims run corpus/ -o outputs/
  wireclaims run 'archive/**/*.txt' stories.jsonl.gz -o out/ --also-write csv
  wireclaims eval tests/fixtures/ --min-f1 0.8
  wireclaims eval tests/fixtures/ -p outputs/
  wireclaims report corpus/2017-05-03-russia-north-korea-ferry.txt -o report.html
  wireclaims link outputs/
  wireclaims report outputs/
"""


def _add_reading(p: argparse.ArgumentParser) -> None:
    """How stories are read: the same options for ``run`` and ``report``."""
    p.add_argument("--text-field", help="record field holding the story text (JSON Lines, CSV)")
    p.add_argument("--headline-field", help="record field holding the headline")
    p.add_argument("--date-field", help="record field holding the publication date")
    p.add_argument("--byline-field", help="record field holding the byline")
    p.add_argument("--id-field", help="record field holding the record's own id, kept as stories.record_id (default: id, when present)")
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD) of stories that carry none, such as plain text files: relative dates resolve from it")


def _read_options(args: argparse.Namespace) -> "ReadOptions":
    """The :class:`ReadOptions` of ``run`` and ``report``'s reading options."""
    from .ingest.formats import parse_date
    from .ingest.sources import FieldNames, ReadOptions

    if args.published and parse_date(args.published) is None:
        print(f"wireclaims {args.command}: --published {args.published}: not a date (give YYYY-MM-DD)", file=sys.stderr)
        raise SystemExit(2)
    fields = FieldNames.with_overrides(text=args.text_field, headline=args.headline_field, date=args.date_field, byline=args.byline_field, id=args.id_field)
    return ReadOptions(encoding=args.encoding, max_chars=getattr(args, "max_chars", ReadOptions.max_chars), fields=fields, published=args.published)


def _add_run(sub: argparse._SubParsersAction) -> None:
    from .engines import DEFAULT_MAX_TOKENS, DEFAULT_STORY_TIMEOUT, ENGINES
    from .ingest.sources import DEFAULT_MAX_CHARS
    from .runner import DEFAULT_CHUNK_SIZE

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
            "  wireclaims run corpus/ -o outputs/ --also-write csv\n"
            "  wireclaims run archive.tar.gz -o out/ --workers 4\n"
            "  wireclaims run 'archive/**/*.jsonl.gz' -o /shared/out/ --engine dask --scheduler tcp://head:8786\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, globs or archives")
    p.add_argument("-o", "--out", default="outputs/", help="output folder (default: outputs/)")
    p.add_argument(
        "--also-write", "--format", dest="format", action="append", choices=["csv", "jsonl"], default=[], metavar="{csv,jsonl}",
        help="output formats to write besides Parquet and DuckDB (repeatable; list columns are JSON in CSV). "
        "Not the input format, which is read from each file; --format is the old name",
    )
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
    _add_reading(p)
    p.add_argument("--no-resume", action="store_true", help="process every story even when its id is already in the output (the new rows replace the old)")
    p.add_argument("--retry-errors", action="store_true", help="process again the stories that failed in an earlier run")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line (there is none either when stderr is not a terminal)")


def _add_eval(sub: argparse._SubParsersAction) -> None:
    from .schema import TABLE_NAMES

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


def _add_link(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "link",
        help="link the actors of a run's stories into entities; write the archive tables",
        description=(
            "Link the actors of every story of a run into entities (one per real-world actor) and write OUT/entities.parquet, "
            "OUT/expert_profiles.parquet and OUT/route_links.parquet, fill actors.entity_id and actors.link_rule, and write "
            "OUT/claims.duckdb again with those tables and views joining the per-story tables to the entities. "
            "wireclaims run does this at its end; run it alone after changing the linking rules. An actor linked before keeps "
            "its entity_id, unless --fresh. See docs/archive.md."
        ),
        epilog="examples:\n  wireclaims link outputs/\n  wireclaims link --fresh outputs/    # the current rules for every actor: ids may change\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT_DIR", help="a run's output folder")
    p.add_argument(
        "--fresh", action="store_true", help="link every actor anew by the current rules, forgetting the entity ids an earlier link gave"
    )


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
            "Several stories that were not run (a folder, an archive) are run in memory and reported like a run. "
            "The exit code is 1 when every story failed, 2 for a usage mistake."
        ),
        epilog=(
            "examples:\n"
            "  wireclaims report corpus/2017-05-03-russia-north-korea-ferry.txt -o report.html\n"
            "  wireclaims report outputs/                  # writes outputs/report/index.html\n"
            "  wireclaims report outputs/ -o run1.html     # writes run1.html, story pages in run1_files/\n"
            "  wireclaims report outputs/ -o ~/www/run1/ --limit 200\n"
            "  wireclaims report stories.jsonl --text-field body -o stories.html\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("target", metavar="STORY_OR_OUT_DIR", help="a story file, or a run's output folder or .duckdb file")
    p.add_argument(
        "-o", "--out",
        help="x.html: that page is always written (one story's page, or the summary), and for several stories their pages go "
        "into the folder x_files/ beside it (as a browser saves a page); DIR/: DIR/index.html and DIR/stories/ (default: report.html for one story, "
        "OUT_DIR/report/ for a run, report/ for several stories)",
    )
    p.add_argument("--limit", type=int, help="write at most N story pages (the summary still covers every story)")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the story files (default: utf-8)")
    _add_reading(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wireclaims",
        description="Structured claim tables (actors, places, quantities, dates, routes, claims, experts) from news wire stories.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wireclaims {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(sub)
    _add_eval(sub)
    _add_link(sub)
    _add_report(sub)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from .engines import DiskFull, RunError
    from .runner import run

    options = _read_options(args)
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
            fields=options.fields,
            published=args.published,
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


def cmd_link(args: argparse.Namespace) -> int:
    from .link import link
    from .writers import RunError

    try:
        summary = link(args.out, fresh=args.fresh)
    except RunError as exc:
        print(f"wireclaims link: {exc}", file=sys.stderr)
        return 2
    print(summary.text())
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import ReportError, report

    try:
        result = report(args.target, args.out, limit=args.limit, options=_read_options(args))
    except (FileNotFoundError, ReportError) as exc:
        print(f"wireclaims report: {exc}", file=sys.stderr)
        return 2
    print(result.text())
    return 1 if result.all_failed else 0


def say_loading(argv: Sequence[str]) -> None:
    """On a terminal, say at once what the first seconds of a command go to (importing spaCy,
    loading the model, starting workers), before anything heavy is imported."""
    if not argv or argv[0] not in ("run", "report", "eval") or not sys.stderr.isatty():
        return
    if {"-h", "--help", "-q", "--quiet"} & set(argv):
        return
    print(f"wireclaims {argv[0]}: loading the model...", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # at once: building the full parser imports the engines
        print(f"wireclaims {__version__}")
        return 0
    say_loading(argv)
    args = build_parser().parse_args(argv)
    handlers = {"run": cmd_run, "eval": cmd_eval, "link": cmd_link, "report": cmd_report}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
