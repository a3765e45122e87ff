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

import codecs
import errno
import gzip
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any, Iterable, Iterator

from .formats import Story, StoryError, error_row, parse_story, story_id_of
from .paths import Problem, expand_inputs, shown_path
from .records import csv_records, json_records, line_cap, text_stream

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own max_length; no wire story comes near it
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
ARCHIVE_SUFFIXES = (*TAR_SUFFIXES, ".zip")
NUL = b"\x00"
# What reading a damaged file or archive raises: each costs that file (or member) an error item.
# zlib's and lzma's own errors are neither OSError nor ValueError: a corrupt deflate stream in a
# .gz or a zip member raised zlib.error and ended the whole run; a zip member that is encrypted
# or compressed by a method Python lacks raises RuntimeError or NotImplementedError.
READ_ERRORS = (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile, ValueError, zlib.error, lzma.LZMAError, RuntimeError, NotImplementedError)
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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def repair(value: str) -> tuple[str, int]:
    """``value`` with each lone surrogate (which no writer can encode) replaced by U+FFFD, and how many."""
    return _LONE_SURROGATE.subn("\ufffd", value)


@dataclass
class Item:
    """One story's payload as read, before parsing.

    Made writable here, once, whatever read it: the source is shown with bytes that are not UTF-8
    escaped (:func:`~pipeline.ingest.paths.shown_path`), and lone surrogates in the text and the
    record's fields (a JSON ``"\\udc80"``) become U+FFFD, one character for one so offsets hold;
    ``meta["repairs"]`` says so, and the story's row keeps it.
    """

    source: str
    data: bytes | str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    container: str | None = None  # "jsonl" or "csv" for records

    def __post_init__(self) -> None:
        self.source = shown_path(self.source)
        if self.error is not None:
            self.error = repair(self.error)[0]
        repaired = 0
        if isinstance(self.data, str):
            self.data, repaired = repair(self.data)
        for key, value in list(self.meta.items()):
            if isinstance(value, str):
                self.meta[key], n = repair(value)
                repaired += n
        if repaired:
            self.meta["repairs"] = f"{repaired} lone surrogate(s) replaced by U+FFFD"


@dataclass(frozen=True)
class ReadOptions:
    encoding: str = "utf-8"
    max_chars: int = DEFAULT_MAX_CHARS
    fields: FieldNames = FieldNames()
    published: str | None = None  # --published: the date of stories that carry none (ISO)
    exclude: str | None = None  # a folder never read (a run's own output), resolved


# --- expanding the command line ------------------------------------------------


def iter_items(inputs: Iterable[str | os.PathLike], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every story of every input, streamed (never one from ``options.exclude``, a run's output)."""
    for path in expand_inputs(inputs, options.exclude):
        if isinstance(path, Problem):
            yield Item(path.path, error=path.reason)
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield Item(path, error=_unstattable(path, exc))
            continue
        if not stat.S_ISREG(info.st_mode):
            yield Item(path, error=f"not a regular file but {_file_kind(info.st_mode)}; skipped without reading it")
            continue
        yield from _items_of_file(path, info.st_size, options)


def _unstattable(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or folder" if not os.path.islink(path) else "a symbolic link to nothing"
    if exc.errno == errno.ENAMETOOLONG:
        return f"cannot read file: {exc.strerror} (a path of {len(path):,} characters; the system's limit is 4,096)"
    return f"cannot read file: {exc.strerror or exc}"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), which could block the run forever"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


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
    except READ_ERRORS as exc:
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
    if isinstance(exc, (zlib.error, lzma.LZMAError)):
        return f"corrupt compressed data ({text})"
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
                if member.isdir():
                    continue
                source = f"{path}::{member.name}"
                unsafe = _safe_member(member.name)
                if unsafe:
                    yield Item(source, error=unsafe)
                    continue
                if _hidden(member.name):
                    continue
                if not member.isfile():
                    yield Item(source, error=_not_a_member_file(member))
                    continue
                fh = tar.extractfile(member)
                if fh is None:
                    continue
                count += 1
                yield from _member_items(source, member.name, member.size, fh, options)
    except READ_ERRORS as exc:
        yield Item(f"{path}::#{count + 1}", error=f"archive ends early after {count} member(s): {_reason(exc)}")


def _not_a_member_file(member: tarfile.TarInfo) -> str:
    """Why a tar member that is not a regular file is not read (links are never followed)."""
    if member.issym():
        return f"archive member is a symbolic link (to {member.linkname!r}); links are not followed"
    if member.islnk():
        return f"archive member is a hard link (to {member.linkname!r}); read the member it links to instead"
    kind = "a FIFO" if member.isfifo() else "a device" if member.isdev() else "not a file"
    return f"archive member is {kind}; skipped"


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
            except READ_ERRORS as exc:
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
    """One item per record; each bad record (over-long, undecodable, malformed) is an error item
    of its own, and the records after it are read (see :mod:`pipeline.ingest.records`)."""
    container = "csv" if lower.endswith(".csv") else "jsonl"
    read = csv_records if container == "csv" else json_records
    try:
        text = text_stream(fh, options.encoding)
    except LookupError:
        yield Item(f"{source}::?", error=f"unknown text encoding {options.encoding!r}", container=container)
        return
    try:
        for number, record, reason in read(text, line_cap(options.max_chars), options.encoding):
            where = f"{source}::{number}"
            yield Item(where, error=reason, container=container) if record is None else _record_item(where, record, options, container)
    except UnicodeDecodeError as exc:  # surrogateescape covers single bytes; a multi-byte codec may still fail
        yield Item(f"{source}::?", error=f"record file is not valid {options.encoding} text: {exc.reason} at byte {exc.start}", container=container)
    finally:
        text.detach()


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
    byline = _first(record, fields.byline)
    if isinstance(byline, (list, tuple)):  # names as JSON gives them: only text goes into the table
        byline = ", ".join(str(name) for name in byline if isinstance(name, (str, int, float)) and str(name).strip())
    meta = {
        **ids,
        "headline": _text_or_none(_first(record, fields.headline)),
        "published": _text_or_none(_first(record, fields.date)),
        "byline": _text_or_none(byline),
        "url": _text_or_none(_first(record, fields.url)),
    }
    return Item(where, body, meta, container=container)


def _text_or_none(value: Any) -> str | None:
    """A record field as text: a JSON number or list becomes its text, nothing else reaches a table."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, bool)):
        return str(value)
    return None


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
        text = _decode_bytes(data, options)
    if len(text) > options.max_chars:
        raise StoryError(_too_large(len(text.encode("utf-8")), options))
    if not text.strip():
        raise StoryError("empty story: the file holds only whitespace")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 8:
        raise StoryError(f"binary file, not text: {controls} control characters in the first 4 KB")
    return _lone_cr_as_newline(text)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LONE_CR = re.compile("\r(?!\n)")


def _encoding_of(data: bytes, options: ReadOptions) -> str:
    """The encoding a byte order mark names (it wins over ``--encoding``), else ``--encoding``."""
    for bom, name in _BOMS:  # UTF-32's before UTF-16's: FF FE 00 00 starts both
        if data.startswith(bom):
            return name
    return "utf-8-sig" if options.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else options.encoding


def _decode_bytes(data: bytes, options: ReadOptions) -> str:
    """Bytes to text, or :class:`StoryError`: binary files are told apart from text first, except
    in an encoding whose text holds NUL bytes (UTF-16, UTF-32)."""
    if not data:
        raise StoryError("empty file")
    encoding = _encoding_of(data, options)
    head = data[:8192]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise StoryError(f"binary file, not text: looks like {what}")
    wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32"))
    if NUL in head and not wide:
        raise StoryError(f"binary file, not text: NUL byte at offset {head.index(NUL)}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise StoryError(
            f"not valid {encoding} text: byte 0x{bad.hex().upper()} at offset {exc.start} cannot be decoded "
            "(use --encoding if these files use another encoding)"
        ) from None
    except LookupError:
        raise StoryError(f"unknown text encoding {options.encoding!r}") from None


def _lone_cr_as_newline(text: str) -> str:
    """Old Mac line ends (a CR alone) as newlines, one character for one: the headers and the
    paragraphs are found as in any file, and offsets still index the file's text."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def parse_item(text: str, item: Item, options: ReadOptions = ReadOptions()) -> Story:
    """Parse one item's decoded text, with its record metadata (raises :class:`StoryError`)."""
    meta = item.meta
    story = parse_story(
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
    story.repairs = meta.get("repairs")
    return story


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


def count_stories(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> int | None:
    """How many stories ``inputs`` hold, when that is known without reading them: every input is
    one plain story file. None when an archive or record file is among them (counting those means
    reading them through)."""
    count = 0
    for path in expand_inputs(inputs, exclude):
        if isinstance(path, Problem):
            return None
        lower = path.lower()
        if _is_record_file(lower) or lower.endswith((*ARCHIVE_SUFFIXES, ".gz")):
            return None
        count += 1
    return count
