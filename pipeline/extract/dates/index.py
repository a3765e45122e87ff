"""The dates extractor's data: the mentions it indexes for other extractors, and its candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..numbers import Number, TokenIndex

@dataclass
class DateMention:
    start: int  # char offsets into doc.text, end exclusive
    end: int
    text: str
    value: str | None
    kind: str  # date, duration, set
    token_start: int
    token_end: int
    sentence: int


@dataclass
class DateIndex:
    """Date mentions by token, for quantities (``date``) and routes (``start_date``).

    ``numbers`` are the number atoms of the text (:func:`.numbers.find_numbers`),
    found once here and reused by quantities; ``tokens`` maps characters to tokens.
    """

    rows: list[dict] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)
    mentions: list[DateMention] = field(default_factory=list)
    numbers: list[Number] | None = None
    tokens: TokenIndex | None = None

    def date_at(self, i: int) -> str | None:
        return self.by_token.get(i)

    def mention_at(self, i: int) -> DateMention | None:
        for m in self.mentions:
            if m.token_start <= i < m.token_end:
                return m
        return None

    def in_sentence(self, k: int) -> list[DateMention]:
        return [m for m in self.mentions if m.sentence == k]


TenseAt = Callable[..., "str | None"]  # (char offset, day_level=False) -> "past", "future" or None


@dataclass(frozen=True)
class Anchor:
    """How a candidate counts from its anchor: ``n`` units (ISO letter) away, shown at ``grain``.

    ``mode`` is "mention" (the last date mentioned, else the story's date),
    "mention-only" (the last date mentioned, else unknown) or "period" (the
    story's date, unless a reporting period was just mentioned).
    ``grain`` None keeps the anchor's own granularity when it is a period and
    the unit is a year ("a year earlier" than the third quarter), else the unit's.
    """

    mode: str
    n: int
    unit: str
    grain: str | None = None


@dataclass
class Candidate:
    start: int
    end: int
    value: str | None
    kind: str
    priority: int = 0
    anchor: Anchor | None = None  # an anaphoric date: its value is counted from the last one mentioned (anchoring.py)
