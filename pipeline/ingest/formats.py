"""Wire formats: from a story's raw text to a :class:`Story`.

Four formats are recognised, per file or record:

``seed``
    ``" date YYYY-MM-DD By A and B"``, then ``"| DATELINE"``, then a body
    hard-wrapped at about 65 characters with no blank lines between paragraphs.
``reuters``
    the Reuters archive: ``-- headline``, ``-- By  Name``,
    ``-- Fri Aug 5, 2011 1:04am EDT``, ``-- URL``, then a body that opens
    ``CITY (Reuters) - ``.
``plain``
    text with no header.
``jsonl`` / ``csv``
    records whose text field holds one of the above (detected again inside
    the field), with optional headline, date and byline fields.

The body's dateline ("SEOUL/VLADIVOSTOK, Russia May 3", "FRANKFURT (Reuters) -")
is kept in the text, as its own paragraph, so its places are found and the
first sentence starts where the story does.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .text import CleanText, unwrap


class StoryError(Exception):
    """A story that cannot be processed; the message is shown to people as is."""


@dataclass
class Story:
    story_id: str
    source: str
    raw: str
    format: str
    body: CleanText
    headline: str | None = None
    published: date | None = None
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    record_id: str | None = None
    url: str | None = None
    repairs: str | None = None  # what reading changed so that the story can be written (lone surrogates)

    @property
    def text(self) -> str:
        """The clean body text that is parsed."""
        return self.body.text

    @property
    def word_count(self) -> int:
        return len(self.body.text.split())

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.body.raw_span(start, end)

    def stories_row(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "source": self.source,
            "record_id": self.record_id,
            "url": self.url,
            "headline": self.headline,
            "published": self.published,
            "byline": list(self.byline),
            "dateline": self.dateline,
            "word_count": self.word_count,
            "status": "ok",
            "error": None,
            "format": self.format,
            "chars": len(self.raw),
            "repairs": self.repairs,
        }


def story_id_of(text: str) -> str:
    """Deterministic id: the first 16 hex digits of BLAKE2b over the source text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def error_row(
    source: str,
    reason: str,
    *,
    story_id: str | None = None,
    fmt: str | None = None,
    chars: int | None = None,
    record_id: str | None = None,
) -> dict[str, Any]:
    """A ``stories`` row for a story that could not be processed."""
    return {
        "story_id": story_id or story_id_of("\x00error\x00" + source),
        "source": source,
        "record_id": record_id,
        "url": None,
        "headline": None,
        "published": None,
        "byline": [],
        "dateline": None,
        "word_count": 0,
        "status": "error",
        "error": reason,
        "format": fmt,
        "chars": chars,
    }


# --- header parsing -------------------------------------------------------

_SEED_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+By[ \t]+(.*?))?[ \t]*\r?\n")
_SEED_DATELINE = re.compile(r"\|[ \t]*(.*?)[ \t]*\r?\n")
_REUTERS_HEADER_LINE = re.compile(r"--[ \t]?(.*?)[ \t]*\r?\n")
_REUTERS_DATE = re.compile(r"([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2}),\s+(\d{4})")
_REUTERS_OPENING = re.compile(
    r"\s*(?P<dateline>[A-Z][^()\n]{1,80}?)\s*\((?:Reuters|IFR|Reuters Breakingviews)[^)]*\)\s*[-–—]+",
)
# Other agencies' and papers' openings: "WASHINGTON -- President Obama ...", "FLINT, Mich., Oct. 4 (UPI) —
# Former ...": a line that starts with a place in capitals, maybe a state and a date, maybe an agency, then a dash.
_AGENCY_OPENING = re.compile(
    r"(?m)^[ \t]*(?P<dateline>[A-Z]{2}[A-Z.'’ ]{1,30}?(?:,[ \t]*[A-Z][A-Za-z.]{1,15}(?:[ \t]+[A-Za-z0-9.]{1,15})?){0,2})"
    r"[ \t]*(?:\([A-Za-z .]{1,30}\))?[ \t]*(?:--|—|–)(?=[ \t]+[A-Z“\"])"
)
_AGENCY_OPENING_REACH = 600  # chars from the start of a plain story in which such a dateline may stand
_MONTH_DAY = re.compile(
    r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
)
_URL = re.compile(r"https?://\S+$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_BYLINE_PREFIX = re.compile(r"^\s*(?:By|BY|by)\s+")


def split_byline(text: str | None) -> list[str]:
    """``"By James Pearson and Alexei Chernyshev"`` -> the two names."""
    if not text:
        return []
    text = _BYLINE_PREFIX.sub("", text.strip())
    return [name.strip() for name in _BYLINE_SPLIT.split(text) if name.strip()]


def parse_date(value: Any) -> date | None:
    """A publication date from a header or record field (ISO, Reuters style, or a datetime)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = _REUTERS_DATE.search(s)
    if m:
        try:
            return datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%b %d %Y").date()
        except ValueError:
            return None
    return None


def detect_format(raw: str) -> str:
    if _SEED_HEADER.match(raw):
        return "seed"
    if raw.startswith("-- ") or raw.startswith("--\n"):
        return "reuters"
    return "plain"


def parse_story(
    raw: str,
    source: str,
    *,
    story_id: str | None = None,
    headline: str | None = None,
    published: Any = None,
    byline: Any = None,
    container: str | None = None,
    record_id: Any = None,
    url: str | None = None,
    default_published: Any = None,
) -> Story:
    """Parse one story's decoded text. Metadata passed in (from a record) wins over the header's;
    ``default_published`` (``--published``) is the date of a story that has none of its own."""
    if not raw.strip():
        raise StoryError("empty story: no text to read")
    fmt = detect_format(raw)
    sid = story_id or story_id_of(raw)
    if fmt == "seed":
        story = _parse_seed(raw, source, sid)
    elif fmt == "reuters":
        story = _parse_reuters(raw, source, sid)
    else:
        story = _parse_plain(raw, source, sid)
    if container:
        story.format = container
    if headline:
        story.headline = str(headline).strip()
    if published is not None and published != "":
        story.published = parse_date(published) or story.published
    if byline:
        story.byline = list(byline) if isinstance(byline, (list, tuple)) else split_byline(str(byline))
    if story.published is None and default_published not in (None, ""):
        story.published = parse_date(default_published)
    if record_id not in (None, ""):
        story.record_id = str(record_id)
    if url:
        story.url = str(url).strip()
    if not story.text.strip():
        raise StoryError("story has a header but no body text")
    return story


def _parse_seed(raw: str, source: str, sid: str) -> Story:
    m = _SEED_HEADER.match(raw)
    assert m is not None
    published = parse_date(m[1])
    byline = split_byline(m[2])
    pos = m.end()
    dateline = None
    d = _SEED_DATELINE.match(raw, pos)
    if d:
        dateline = d[1] or None
        pos = d.end()
    body = unwrap(raw, pos, extra_breaks=_dateline_break(raw, pos, dateline))
    return Story(sid, source, raw, "seed", body, None, published, byline, dateline)


def _dateline_break(raw: str, pos: int, dateline: str | None) -> list[int]:
    """Where the body's opening "DATELINE Month Day" ends, to start a paragraph there."""
    if not dateline:
        return []
    start = pos + (len(raw[pos:]) - len(raw[pos:].lstrip()))
    if not raw.startswith(dateline, start):
        return []
    end = start + len(dateline)
    md = _MONTH_DAY.match(raw, end)
    if md:
        end = md.end()
    return [end] if end < len(raw) and raw[end].isspace() else []


def _parse_reuters(raw: str, source: str, sid: str) -> Story:
    pos = 0
    fields: list[str] = []
    while len(fields) < 4:
        m = _REUTERS_HEADER_LINE.match(raw, pos)
        if not m:
            break
        fields.append(m[1])
        pos = m.end()
    headline = fields[0] if fields and fields[0] else None
    byline = split_byline(fields[1]) if len(fields) > 1 else []
    published = parse_date(fields[2]) if len(fields) > 2 else None
    url = fields[3] if len(fields) > 3 and _URL.match(fields[3]) else None
    dateline, breaks = _wire_opening(raw, pos)
    body = unwrap(raw, pos, extra_breaks=breaks, glued_paragraphs=True)
    return Story(sid, source, raw, "reuters", body, headline, published, byline, dateline, url=url)


def _wire_opening(raw: str, pos: int) -> tuple[str | None, list[int]]:
    """The place of a body that opens "FRANKFURT (Reuters) -", and where that opening ends (the
    dateline becomes a paragraph of its own, never part of the first sentence)."""
    opening = _REUTERS_OPENING.match(raw, pos)
    if not opening:
        return None, []
    return _place_of(opening["dateline"]), [opening.end()]


def _place_of(dateline: str) -> str:
    """The place of a dateline: some carry the date too ("WASHINGTON, Oct 23", "FLINT, Mich., Oct. 4")."""
    dateline = re.sub(r"\s+", " ", dateline).strip().rstrip(",")
    return re.split(r",\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", dateline)[0].strip().rstrip(",")


def _agency_opening(raw: str) -> tuple[str | None, list[int]]:
    """The place of a plain story whose first lines hold "WASHINGTON --" or "FLINT, Mich. (UPI) —",
    and where that opening ends."""
    opening = _AGENCY_OPENING.search(raw, 0, _AGENCY_OPENING_REACH)
    if not opening:
        return None, []
    return _place_of(opening["dateline"]), [opening.end()]


def _parse_plain(raw: str, source: str, sid: str) -> Story:
    dateline, breaks = _wire_opening(raw, 0)
    if dateline is None:
        dateline, breaks = _agency_opening(raw)
    body = unwrap(raw, 0, extra_breaks=breaks)
    return Story(sid, source, raw, "plain", body, dateline=dateline)
