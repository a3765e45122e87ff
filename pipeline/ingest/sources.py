"""Where stories come from: files, folders, globs, archives and record files.

:func:`iter_items` streams :class:`Item` objects, one per story (or per story
that could not even be read), in a deterministic order and without unpacking
anything to disk. Reading never raises for a bad input: the item carries an
``error`` instead, so one broken file never stops a batch.

Memory stays bounded whatever the size of an archive: tar files are read in
stream mode, record files line by line, and no single story is read beyond
``max_chars`` (a larger one is an error item, not a read).

A run reads on one machine and parses elsewhere (worker processes, a Dask
cluster): :func:`identify` is the cheap part done where the reading happens
(decode and hash, so that stories already written can be skipped), and
:func:`parse_item` the rest, done by the worker.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import re
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any, Iterable, Iterator

from .formats import Story, StoryError, error_row, parse_story, story_id_of

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own max_length; no wire story comes near it
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
ARCHIVE_SUFFIXES = (*TAR_SUFFIXES, ".zip")
NUL = b"\x00"
_DIGITS = re.compile(r"(\d+)")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive or Office document",
    b"\x7fELF": "an executable program",
    b"SQLite format 3": "an SQLite database",
    b"PAR1": "a Parquet file",
}


@dataclass(frozen=True)
class FieldNames:
    """Names of the fields of JSON Lines and CSV records. The first name present wins."""

    text: tuple[str, ...] = ("text", "body", "content", "article")
    headline: tuple[str, ...] = ("headline", "title")
    date: tuple[str, ...] = ("date", "published", "published_at", "pub_date", "dct")
    byline: tuple[str, ...] = ("byline", "author", "authors")
    id: tuple[str, ...] = ("id",)
    url: tuple[str, ...] = ("url", "link")

    @classmethod
    def with_overrides(cls, **names: str | None) -> "FieldNames":
        base = cls()
        kwargs = {}
        for key, value in names.items():
            if value:
                kwargs[key] = (value,) + tuple(n for n in getattr(base, key) if n != value)
        return cls(**{**base.__dict__, **kwargs})


@dataclass
class Item:
    """One story's payload as read, before parsing."""

    source: str
    data: bytes | str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    container: str | None = None  # "jsonl" or "csv" for records


@dataclass(frozen=True)
class ReadOptions:
    encoding: str = "utf-8"
    max_chars: int = DEFAULT_MAX_CHARS
    fields: FieldNames = FieldNames()
    published: str | None = None  # --published: the date of stories that carry none (ISO)


# --- expanding the command line ------------------------------------------------


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders runs of digits by their value: ``story2`` before ``story10``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(name) if part)


def expand_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Files named, files below folders (recursively, sorted, hidden ones skipped), glob matches."""
    for given in inputs:
        path = os.fspath(given)
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted((d for d in dirs if not d.startswith(".")), key=natural_key)
                for name in sorted(files, key=natural_key):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        elif os.path.exists(path):
            yield path
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True), key=natural_key)
            if not matches:
                yield path  # reported as "no such file" below
            for match in matches:
                if os.path.isdir(match):
                    yield from expand_inputs([match])
                else:
                    yield match
        else:
            yield path


def input_problems(inputs: Iterable[str | os.PathLike]) -> list[str]:
    """What is wrong with the inputs as typed, before anything is read: a path that does not
    exist, a glob that matches nothing, a folder with no story files. These are usage mistakes,
    not stories, so a run refuses them instead of recording them as ``stories`` rows."""
    problems = []
    for given in inputs:
        path = os.fspath(given)
        if os.path.isdir(path):
            if next(expand_inputs([path]), None) is None:
                problems.append(f"no stories in folder {path} (it holds no files, or only hidden ones)")
        elif os.path.exists(path):
            continue
        elif glob.has_magic(path):
            if not any(os.path.exists(m) for m in expand_inputs([path])):
                problems.append(f"no files match {path}")
        else:
            problems.append(f"no such file or folder: {path}")
    return problems


def iter_items(inputs: Iterable[str | os.PathLike], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every story of every input, streamed."""
    for path in expand_inputs(inputs):
        if not os.path.exists(path):
            yield Item(path, error="no such file or folder")
            continue
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            yield Item(path, error=f"cannot read file: {exc.strerror or exc}")
            continue
        yield from _items_of_file(path, size, options)


def _items_of_file(path: str, size: int, options: ReadOptions) -> Iterator[Item]:
    lower = path.lower()
    try:
        if lower.endswith(TAR_SUFFIXES):
            yield from _tar_items(path, options)
        elif lower.endswith(".zip"):
            yield from _zip_items(path, options)
        elif lower.endswith(".gz"):
            inner = path[:-3]
            with gzip.open(path, "rb") as fh:
                yield from _stream_items(path, inner, fh, options)
        else:
            if _is_record_file(lower):
                with open(path, "rb") as fh:
                    yield from _record_items(path, lower, fh, options)
            elif size > options.max_chars * 4:
                yield Item(path, error=_too_large(size, options))
            else:
                with open(path, "rb") as fh:
                    yield Item(path, fh.read(options.max_chars * 4 + 1))
    except (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile, ValueError) as exc:
        yield Item(path, error=f"cannot read {_kind_of(path)}: {_reason(exc)}")


def _is_record_file(lower: str) -> bool:
    return lower.endswith(RECORD_SUFFIXES)


def _kind_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    if lower.endswith(".gz"):
        return "gzip file"
    return "file"


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError) or "end-of-stream" in text:
        return f"truncated or corrupt compressed data ({text})"
    return text


def _too_large(size: int, options: ReadOptions) -> str:
    return (
        f"story too large: {size / 1e6:.1f} MB, over the limit of {options.max_chars:,} characters "
        "(raise it with --max-chars if this really is one story)"
    )


def _stream_items(source: str, inner_name: str, fh: IO[bytes], options: ReadOptions) -> Iterator[Item]:
    """The items inside one (possibly decompressed) stream named ``inner_name``."""
    lower = inner_name.lower()
    if _is_record_file(lower):
        yield from _record_items(source, lower, fh, options)
        return
    data = fh.read(options.max_chars * 4 + 1)
    yield Item(source, data)


def _safe_member(name: str) -> str | None:
    """Why an archive member's path is unsafe, or None."""
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or name.startswith(("/", "\\")) or ".." in p.parts:
        return f"unsafe path in archive: member {name!r} climbs out of the archive; skipped"
    return None


def _tar_items(path: str, options: ReadOptions) -> Iterator[Item]:
    count = 0
    try:
        # Stream mode ("r|*") reads members in order without seeking: bounded memory.
        with tarfile.open(path, mode="r|*") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                source = f"{path}::{member.name}"
                unsafe = _safe_member(member.name)
                if unsafe:
                    yield Item(source, error=unsafe)
                    continue
                if _hidden(member.name):
                    continue
                fh = tar.extractfile(member)
                if fh is None:
                    continue
                count += 1
                yield from _member_items(source, member.name, member.size, fh, options)
    except (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile, ValueError) as exc:
        yield Item(f"{path}::#{count + 1}", error=f"archive ends early after {count} member(s): {_reason(exc)}")


def _zip_items(path: str, options: ReadOptions) -> Iterator[Item]:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            source = f"{path}::{info.filename}"
            unsafe = _safe_member(info.filename)
            if unsafe:  # before the hidden check: "../x" starts with a dot too
                yield Item(source, error=unsafe)
                continue
            if _hidden(info.filename):
                continue
            try:
                with zf.open(info) as fh:
                    yield from _member_items(source, info.filename, info.file_size, fh, options)
            except (OSError, EOFError, zipfile.BadZipFile, ValueError) as exc:
                yield Item(source, error=f"cannot read archive member: {_reason(exc)}")


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def _member_items(source: str, name: str, size: int, fh: IO[bytes], options: ReadOptions) -> Iterator[Item]:
    lower = name.lower()
    if lower.endswith(".gz"):
        with gzip.open(fh, "rb") as inner:
            yield from _stream_items(source, name[:-3], inner, options)
    elif not _is_record_file(lower) and size > options.max_chars * 4:
        yield Item(source, error=_too_large(size, options))
    else:
        yield from _stream_items(source, name, fh, options)


def _record_items(source: str, lower: str, fh: IO[bytes], options: ReadOptions) -> Iterator[Item]:
    text = io.TextIOWrapper(fh, encoding=options.encoding, errors="strict", newline="")
    container = "csv" if lower.endswith(".csv") else "jsonl"
    try:
        if container == "csv":
            yield from _csv_records(source, text, options)
        else:
            yield from _jsonl_records(source, text, options)
    except UnicodeDecodeError as exc:
        yield Item(f"{source}::?", error=f"record file is not valid {options.encoding} text: {exc.reason} at byte {exc.start}")
    finally:
        text.detach()


def _jsonl_records(source: str, text: IO[str], options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        where = f"{source}::{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(where, error=f"malformed JSON on line {number}: {exc.msg} at column {exc.colno}", container="jsonl")
            continue
        if not isinstance(record, dict):
            yield Item(where, error=f"line {number} is JSON but not an object with a text field", container="jsonl")
            continue
        yield _record_item(where, record, options, "jsonl")


def _csv_records(source: str, text: IO[str], options: ReadOptions) -> Iterator[Item]:
    csv.field_size_limit(max(options.max_chars * 4, 131072))
    reader = csv.DictReader(text)
    line = 1
    try:
        for record in reader:
            where = f"{source}::{line + 1}"
            line = reader.line_num
            yield _record_item(where, record, options, "csv")
    except csv.Error as exc:
        yield Item(f"{source}::{reader.line_num}", error=f"malformed CSV near line {reader.line_num}: {exc}", container="csv")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def _record_item(where: str, record: dict[str, Any], options: ReadOptions, container: str) -> Item:
    fields = options.fields
    record_id = _first(record, fields.id)
    ids = {"record_id": None if record_id is None else str(record_id)}
    body = _first(record, fields.text)
    if body is None:
        names = [str(k) for k in record]
        found = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "") if names else "no fields"
        return Item(
            where,
            error=f"record has no text field (looked for {', '.join(fields.text)}; found {found}): name it with --text-field",
            meta=ids,
            container=container,
        )
    if not isinstance(body, str):
        return Item(where, error=f"record's text field is {type(body).__name__}, not text", meta=ids, container=container)
    meta = {
        **ids,
        "headline": _first(record, fields.headline),
        "published": _first(record, fields.date),
        "byline": _first(record, fields.byline),
        "url": _first(record, fields.url),
    }
    return Item(where, body, meta, container=container)


# --- from item to story --------------------------------------------------------


def decode(item: Item, options: ReadOptions = ReadOptions()) -> str:
    """The item's text, or :class:`StoryError` with a reason a person understands."""
    if item.error:
        raise StoryError(item.error)
    data = item.data
    if data is None:
        raise StoryError("nothing was read")
    if isinstance(data, str):
        text = data
    else:
        if not data:
            raise StoryError("empty file")
        head = data[:8192]
        for magic, what in _MAGIC.items():
            if head.startswith(magic):
                raise StoryError(f"binary file, not text: looks like {what}")
        if NUL in head:
            raise StoryError(f"binary file, not text: NUL byte at offset {head.index(NUL)}")
        try:
            text = data.decode("utf-8-sig" if options.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else options.encoding)
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.start + 1]
            raise StoryError(
                f"not valid {options.encoding} text: byte 0x{bad.hex().upper()} at offset {exc.start} cannot be decoded "
                "(use --encoding if these files use another encoding)"
            ) from None
        except LookupError:
            raise StoryError(f"unknown text encoding {options.encoding!r}") from None
    if len(text) > options.max_chars:
        raise StoryError(_too_large(len(text.encode("utf-8")), options))
    if not text.strip():
        raise StoryError("empty story: the file holds only whitespace")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 8:
        raise StoryError(f"binary file, not text: {controls} control characters in the first 4 KB")
    return text


def parse_item(text: str, item: Item, options: ReadOptions = ReadOptions()) -> Story:
    """Parse one item's decoded text, with its record metadata (raises :class:`StoryError`)."""
    meta = item.meta
    return parse_story(
        text,
        item.source,
        headline=meta.get("headline"),
        published=meta.get("published"),
        byline=meta.get("byline"),
        container=item.container,
        record_id=meta.get("record_id"),
        url=meta.get("url"),
        default_published=options.published,
    )


def read_story(item: Item, options: ReadOptions = ReadOptions()) -> Story:
    """Decode and parse one item (raises :class:`StoryError`)."""
    return parse_item(decode(item, options), item, options)


def identify(item: Item, options: ReadOptions = ReadOptions()) -> tuple[str, Item]:
    """The item's ``story_id``, and the item with its text decoded (or with the reason it cannot be).

    The id is the one the story's ``stories`` row will carry, so a run can skip
    stories already written before shipping them to a worker; the returned
    item holds text (or an error), so the worker does not decode again.
    """
    try:
        text = decode(item, options)
    except StoryError as exc:
        reason = str(exc)
        return error_row(item.source, reason)["story_id"], Item(item.source, error=reason, meta=item.meta, container=item.container)
    return story_id_of(text), Item(item.source, text, item.meta, container=item.container)


def count_stories(inputs: Iterable[str | os.PathLike]) -> int | None:
    """How many stories ``inputs`` hold, when that is known without reading them: every input is
    one plain story file. None when an archive or record file is among them (counting those means
    reading them through)."""
    count = 0
    for path in expand_inputs(inputs):
        lower = path.lower()
        if _is_record_file(lower) or lower.endswith((*ARCHIVE_SUFFIXES, ".gz")):
            return None
        count += 1
    return count
