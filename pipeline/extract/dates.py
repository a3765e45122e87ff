"""Dates: time expressions resolved against the story's date. (Filled by issue 3.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import DocContext


@dataclass
class DateIndex:
    """Date mentions by token, for quantities (``date``) and routes (``start_date``)."""

    rows: list[dict] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)

    def date_at(self, i: int) -> str | None:
        return self.by_token.get(i)


def extract_dates(ctx: DocContext) -> tuple[list[dict], DateIndex]:
    return [], DateIndex()
