"""Experts: named people quoted for their expertise. (Filled by issue 4.)"""

from __future__ import annotations

from .actors import ActorIndex
from .context import DocContext


def extract_experts(ctx: DocContext, actors: ActorIndex, actor_rows: list[dict], claims: list[dict]) -> list[dict]:
    return []
