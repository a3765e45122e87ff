"""JSON Lines and CSV record files, read line by line with a cap on every line.

A record file may come from anywhere: one endless line inside a 1 MB
``.jsonl.gz`` decompresses to gigabytes, a CSV cell may be larger than the
csv module accepts, a JSON value may be nested a thousand levels deep or hold
an integer of ten thousand digits. Each such record costs its own error item
and nothing else: lines are read with :meth:`io.TextIOBase.readline` and a
size limit (an over-long line is skipped to its end without being kept),
CSV records are bounded by the csv module's field limit set to the same cap,
and every parser error is caught per record, so the records after it are read.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Iterator

LINE_SLACK = 65_536  # characters a record may hold beside its text (headline, date, other fields)
SKIP_BLOCK = 1 << 20  # characters read at a time while skipping the rest of an over-long line


def line_cap(max_chars: int) -> int:
    """Characters one record line may hold: a text of ``max_chars`` written with JSON's ``\\uXXXX``
    escapes takes up to six characters per character, and the other fields take some more."""
    return max_chars * 6 + LINE_SLACK


def capped_lines(text: IO[str], cap: int) -> Iterator[tuple[int, str | None, int]]:
    """``(line number, line, quotes)`` for each line, or ``(number, None, quotes)`` for a line over
    ``cap`` characters, whose rest is read and dropped a block at a time: memory never holds more.
    ``quotes`` counts the line's double quotes (dropped part included), for CSV's quoted cells."""
    number = 0
    while True:
        line = text.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(("\n", "\r")):
            quotes = line.count('"')
            while True:
                rest = text.readline(SKIP_BLOCK)
                quotes += rest.count('"')
                if not rest or rest.endswith(("\n", "\r")):
                    break
            yield number, None, quotes
        else:
            yield number, line, line.count('"')


def too_long(number: int, cap: int) -> str:
    return (
        f"record too large: line {number} is over {cap:,} characters, more than a story of --max-chars can take; "
        "skipped without reading it (raise --max-chars if this really is one story)"
    )


def undecodable(line: str) -> int | None:
    """Column of the first byte the file's encoding could not decode (kept as a lone surrogate), or None."""
    for column, c in enumerate(line, start=1):
        if "\udc80" <= c <= "\udcff":
            return column
    return None


def json_records(text: IO[str], cap: int, encoding: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """``(line number, record, None)`` for each JSON object, ``(number, None, reason)`` for each bad line."""
    for number, line, _ in capped_lines(text, cap):
        if line is None:
            yield number, None, too_long(number, cap)
            continue
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        column = undecodable(line)
        if column is not None:
            yield number, None, f"line {number} is not valid {encoding} text (column {column}; use --encoding if the file uses another)"
            continue
        record, reason = _parse_json(line, number)
        if reason is None and not isinstance(record, dict):
            reason = f"line {number} is JSON but not an object with a text field"
        yield number, record if reason is None else None, reason


def _parse_json(line: str, number: int) -> tuple[Any, str | None]:
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON on line {number}: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, f"unreadable JSON on line {number}: nested too deeply"
    except ValueError as exc:  # an integer of more than 4,300 digits, say
        return None, f"unreadable JSON on line {number}: {exc}"


def csv_records(text: IO[str], cap: int, encoding: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """``(first line, record, None)`` for each CSV record, ``(first line, None, reason)`` for each bad one.

    Records are named by the line they start on (a quoted cell may span lines). A record over
    ``cap`` characters (one huge cell, or an unclosed quote) is dropped up to its end, found by
    counting quotes, so the csv parser never holds more and the records after it are read.
    """
    over: list[int] = []  # first lines of records dropped as too large, not reported yet
    previous = csv.field_size_limit(cap + 2)
    try:
        yield from _csv_rows(csv.reader(_bounded_records(text, cap, over)), over, cap, encoding)
    finally:
        csv.field_size_limit(previous)


def _bounded_records(text: IO[str], cap: int, over: list[int]) -> Iterator[str]:
    """The file's lines for the csv parser, but none of a record grown over ``cap`` characters.

    A record goes on to the next line while a quoted cell is open (an odd count of quotes so far:
    an escaped quote is doubled). When a record grows too large, the lines given of it are closed
    with a quote (the parser returns a cut record, reported as too large), and the rest of it is
    read and dropped until its quotes close; each line dropped is given as an empty one.
    """
    open_quote = False
    start, size, given, dropping = 0, 0, 0, False
    for number, line, quotes in capped_lines(text, cap):
        if not open_quote:
            start, size, given, dropping = number, 0, 0, False
        size += len(line) if line is not None else cap + 1
        open_quote ^= quotes % 2 == 1
        if not dropping and size > cap:
            dropping = True
            over.append(start)
            if given:  # the parser is inside the record's open quote: close it, in place of this line
                yield '"\n'
                continue
        if dropping:
            yield "\n"  # an empty line in its place keeps the parser's line count the file's
            continue
        given += 1
        yield line


def _csv_rows(reader: Any, over: list[int], cap: int, encoding: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row: list[str] | None = next(reader)
            failure = None
        except StopIteration:
            row, failure = None, ""
        except csv.Error as exc:
            row, failure = None, f"malformed CSV in the record that starts on line {start}: {exc}"
        cut = False
        for number in over:  # records dropped as too large; the row just read may be one, cut short
            cut = cut or (row is not None and number == start)
            yield number, None, f"record too large: the record that starts on line {number} is over {cap:,} characters; skipped (raise --max-chars if it is one story)"
        over.clear()
        if failure == "":
            break
        if failure:
            yield start, None, failure
            continue
        if not row or cut:
            continue
        if header is None:
            header = row
            continue
        if any(undecodable(cell) is not None for cell in row):
            yield start, None, f"the record that starts on line {start} is not valid {encoding} text (use --encoding if the file uses another)"
            continue
        yield start, dict(zip(header, row)), None


def text_stream(fh: IO[bytes], encoding: str) -> io.TextIOWrapper:
    """``fh`` as text: bytes the encoding cannot decode are kept as lone surrogates (found per line
    by :func:`undecodable`), so one bad byte costs one record, not the rest of the file."""
    return io.TextIOWrapper(fh, encoding=encoding, errors="surrogateescape", newline="")
