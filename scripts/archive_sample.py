"""Shared by the story selectors: walk the Reuters archive once and draw stories per class.

``pools`` reads every story of the archive whose word count is in range and that no fixture
already uses, and files its member name under the class ``classify`` gives it (or none);
``draw`` picks a fixed-seed sample of each pool. Only the text is read, never the pipeline's
output, so the stories can be annotated blind.
"""
from __future__ import annotations

import json
import random
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared/corpus/reuters-2006-2013.tar.gz"


def used_stories() -> set[str]:
    """Archive member names (last path part) already in the project's fixtures."""
    names = set()
    for gold in (ROOT / "tests").rglob("gold.json"):
        story = json.loads(gold.read_text()).get("story", {})
        names.add(Path(str(story.get("file", "")).split("::")[-1]).name)
    return names


def pools(archive: str | Path, classify: Callable[[str], str | None], classes: list[str], words: tuple[int, int]) -> dict[str, list[str]]:
    """Member names per class, for stories of ``words`` (min, max) words not already in ``tests/``."""
    skip = used_stories()
    out: dict[str, list[str]] = {name: [] for name in classes}
    for member, text in archive_texts(archive):
        if Path(member).name in skip or not words[0] <= len(text.split()) <= words[1]:
            continue
        if (name := classify(text)) is not None:
            out[name].append(member)
    return out


def archive_texts(archive: str | Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(member name, text) of the archive's stories, in archive order; the first ``limit`` only when given."""
    with tarfile.open(archive, "r:gz") as tar:
        count = 0
        for member in tar:
            fh = tar.extractfile(member) if member.isfile() else None
            if fh is None:
                continue
            yield member.name, fh.read().decode("utf-8", "replace")
            count += 1
            if limit is not None and count >= limit:
                return


def draw(pooled: dict[str, list[str]], per_class: int, seed: int) -> dict:
    """A fixed-seed sample of each pool, with the pool sizes."""
    rng = random.Random(seed)
    chosen = {name: sorted(rng.sample(sorted(pool), min(per_class, len(pool)))) for name, pool in pooled.items()}
    return {"seed": seed, "pool_sizes": {k: len(v) for k, v in pooled.items()}, "chosen": chosen}
