"""Quantities: numbers with unit, qualifier, rate and what they measure. (Filled by issue 3.)"""

from __future__ import annotations

from .actors import ActorIndex
from .context import DocContext
from .dates import DateIndex


def extract_quantities(ctx: DocContext, actors: ActorIndex, dates: DateIndex) -> list[dict]:
    return []
