"""Claims: attributed statements. (Filled by issue 4.)"""

from __future__ import annotations

from .actors import ActorIndex
from .context import DocContext


def extract_claims(ctx: DocContext, actors: ActorIndex) -> list[dict]:
    return []
