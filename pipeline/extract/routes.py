"""Routes: transport links and trade flows. (Filled by issue 5.)"""

from __future__ import annotations

from .actors import ActorIndex
from .context import DocContext
from .dates import DateIndex
from .places import PlaceIndex


def extract_routes(
    ctx: DocContext,
    places: PlaceIndex,
    actors: ActorIndex,
    quantities: list[dict],
    dates: DateIndex,
    claims: list[dict],
) -> list[dict]:
    return []
