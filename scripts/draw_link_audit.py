"""Draw the material of issue 20's two blind checks of a linked run (entity merges, multi-name entities).

``merges``: entities that join actors of two stories or more, or of two names or more (countries
aside: their key is an ISO code), drawn at random with a fixed seed. For each, two of its actors
from different stories (of different names where it has several), each shown with its sentence,
and, for the judgement of the whole entity, its most frequent names and three more mentions.

``multi``: entities holding three distinct actor names or more, drawn likewise; every distinct
name (up to ``--names``) with one mention in context, so a checker can say whether any of them is
another actor ("should it have been split?").

The material names no linking rule; the rule of every actor shown goes to a separate key file, so
the checker judges what the table says, not why. Story texts are read from the archive members the
run's ``stories.source`` names; offsets index the raw text.

    python scripts/draw_link_audit.py RUN merges --seed 27 -o /work/stage/link_merges27
    python scripts/draw_link_audit.py RUN multi --seed 27 -n 50 -o /work/stage/link_multi27
"""
from __future__ import annotations

import argparse
import json
import random
import re
import tarfile
from pathlib import Path

import duckdb

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n\s*\n")


def context(text: str, start: int, end: int, width: int = 260) -> str:
    """The sentence holding text[start:end], the mention marked [[...]], cut to ``width`` each side."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    right = stop.start() if stop else len(text)
    left, right = max(left, start - width), min(right, end + width)
    marked = text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]
    return " ".join(marked.split())


def merged_entities(con: duckdb.DuckDBPyConnection, min_names: int) -> list[str]:
    """Entity ids of non-country entities with two stories or more, or ``min_names`` distinct actor names or more."""
    having = "count(DISTINCT a.story_id) >= 2 OR " if min_names <= 2 else ""
    return [r[0] for r in con.execute(f"""
        SELECT a.entity_id FROM actors a WHERE a.entity_id IS NOT NULL AND a.kind <> 'country'
        GROUP BY a.entity_id HAVING {having} count(DISTINCT a.name) >= {min_names} ORDER BY a.entity_id""").fetchall()]


def entity_actors(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> dict[str, list[dict]]:
    """The actors of each entity, with the archive member of their story."""
    con.execute("CREATE OR REPLACE TEMP TABLE wanted AS SELECT unnest(?) AS entity_id", [entity_ids])
    rows = con.execute("""
        SELECT a.entity_id, a.story_id, a.actor_id, a.name, a.kind, a.start, a."end", a.link_rule, s.source, s.published
        FROM actors a JOIN wanted USING (entity_id) JOIN stories s USING (story_id)
        ORDER BY a.entity_id, a.story_id, a.actor_id""").fetchall()
    out: dict[str, list[dict]] = {}
    cols = ("entity_id", "story_id", "actor_id", "name", "kind", "start", "end", "link_rule", "source", "published")
    for row in rows:
        record = dict(zip(cols, row))
        record["member"] = str(record["source"]).split("::")[-1]
        out.setdefault(record["entity_id"], []).append(record)
    return out


def pick_merge(actors: list[dict], rng: random.Random) -> list[dict]:
    """Two actors of different stories, of different names when the entity has several."""
    first = rng.choice(actors)
    others = [a for a in actors if a["story_id"] != first["story_id"]] or [a for a in actors if a is not first]
    renamed = [a for a in others if a["name"] != first["name"]]
    return [first, rng.choice(renamed or others)]


def pick_names(actors: list[dict], rng: random.Random, limit: int) -> list[dict]:
    """One actor for each distinct name (the most frequent names first), at most ``limit``."""
    by_name: dict[str, list[dict]] = {}
    for actor in actors:
        by_name.setdefault(actor["name"], []).append(actor)
    names = sorted(by_name, key=lambda n: (-len(by_name[n]), n))[:limit]
    return [rng.choice(by_name[name]) for name in names]


def read_members(archive: Path, members: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if member.name in members:
                texts[member.name] = tar.extractfile(member).read().decode("utf-8", "replace")
                if len(texts) == len(members):
                    break
    return texts


def shown(actor: dict, texts: dict[str, str]) -> dict:
    text = texts.get(actor["member"], "")
    return {"name": actor["name"], "kind": actor["kind"], "story": actor["member"].split("/")[-1],
            "published": str(actor["published"]), "context": context(text, actor["start"], actor["end"]) if text else ""}


def draw(run: Path, mode: str, n: int, seed: int, names: int, archive: Path) -> tuple[list[dict], list[list[dict]]]:
    """(per entity: what the checker sees, and the actors shown with their rules) for ``n`` drawn entities."""
    con = duckdb.connect()
    for table in ("actors", "stories"):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{run / (table + '.parquet')}')")
    con.execute(f"CREATE VIEW entities AS SELECT * FROM read_parquet('{run / 'entities.parquet'}')")
    pool = merged_entities(con, 2 if mode == "merges" else 3)
    rng = random.Random(seed)
    chosen = sorted(rng.sample(pool, min(n, len(pool))))
    rng.shuffle(chosen)
    by_entity = entity_actors(con, chosen)
    summary = {r[0]: r[1:] for r in con.execute(
        "SELECT entity_id, name, aliases, stories FROM entities WHERE entity_id IN (SELECT entity_id FROM wanted)").fetchall()}
    picks = []
    for entity_id in chosen:
        actors = by_entity[entity_id]
        if mode == "merges":
            extra = rng.sample(actors, min(3, len(actors)))
            picks.append((entity_id, pick_merge(actors, rng), extra))
        else:
            picks.append((entity_id, pick_names(actors, rng, names), []))
    texts = read_members(archive, {a["member"] for _, shown_, extra in picks for a in shown_ + extra})
    material, keys = [], []
    for number, (entity_id, main, extra) in enumerate(picks, 1):
        name, aliases, stories = summary[entity_id]
        item = {"n": number, "entity": name, "stories": stories, "names": list(aliases or [])[:10],
                "mentions": [shown(a, texts) for a in main]}
        if extra:
            item["more_mentions"] = [shown(a, texts) for a in extra]
        material.append(item)
        keys.append([{"n": number, "entity_id": entity_id, "name": a["name"], "story_id": a["story_id"],
                      "actor_id": a["actor_id"], "link_rule": a["link_rule"]} for a in main + extra])
    return material, keys


def write_audit(out: Path, material: list, keys: list) -> None:
    """``out/material.json`` (what the checker sees) and ``out/key.json`` (how each row was made: not for the checker)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "material.json").write_text(json.dumps(material, indent=1, ensure_ascii=False))
    (out / "key.json").write_text(json.dumps(keys, indent=1, ensure_ascii=False))


ARCHIVE = Path(__file__).resolve().parents[2] / "shared/corpus/reuters-2006-2013.tar.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path, help="a linked run folder (actors, stories, entities .parquet)")
    ap.add_argument("mode", choices=("merges", "multi"))
    ap.add_argument("-n", type=int, default=None, help="entities to draw (default: 100 merges, 50 multi)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--names", type=int, default=12, help="multi: distinct names shown per entity at most")
    ap.add_argument("--archive", type=Path, default=ARCHIVE, help="the archive the run read (default ../shared's)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="folder: material.json (for the checker), key.json (not)")
    args = ap.parse_args()
    n = args.n or (100 if args.mode == "merges" else 50)
    material, keys = draw(args.run, args.mode, n, args.seed, args.names, args.archive)
    write_audit(args.out, material, keys)
    print(f"{len(material)} entities drawn -> {args.out}/material.json (rules in key.json)")


if __name__ == "__main__":
    main()
