"""Draw actors with a country code from a run for a blind check of issue 18's "every code given is right".

Non-country actors (people, organisations, groups) that carry a code, drawn at random with a fixed seed; each is shown
with its first mention in context, its kind and the code's country name, never the evidence (`country_source`), which
goes to a separate key file. Story texts are read from the paths or archive members the run's ``stories.source``
names; offsets index the raw text.

    python scripts/draw_country_audit.py RUN --seed 19 -n 50 -o /work/stage/codes50
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import duckdb
import pycountry

from draw_link_audit import context, write_audit
from draw_route_audit import story_text


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_3=code)
    return found.name if found else code


def draw(run: Path, n: int, seed: int) -> tuple[list[dict], list[dict]]:
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT a.story_id, a.actor_id, a.name, a.kind, a.title, a.affiliation, a.country, a.country_source,
               a.start, a."end", s.source
        FROM read_parquet('{run / 'actors.parquet'}') a JOIN read_parquet('{run / 'stories.parquet'}') s USING (story_id)
        WHERE a.country IS NOT NULL AND a.kind <> 'country' ORDER BY a.story_id, a.actor_id""").fetchall()
    chosen = random.Random(seed).sample(rows, min(n, len(rows)))
    texts: dict[str, str] = {}
    material, keys = [], []
    for number, (story_id, actor_id, name, kind, title, affiliation, code, source, start, end, path) in enumerate(chosen, 1):
        text = story_text(path, texts)
        material.append({"n": number, "name": name, "kind": kind, "title": title, "affiliation": affiliation,
                         "code": code, "country": country_name(code), "context": context(text, start, end),
                         "story": path.split("/")[-1]})
        keys.append({"n": number, "story_id": story_id, "actor_id": actor_id, "country_source": source})
    return material, keys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("-o", "--out", type=Path, required=True, help="folder: material.json (for the checker), key.json (not)")
    args = ap.parse_args()
    material, keys = draw(args.run, args.n, args.seed)
    write_audit(args.out, material, keys)
    print(f"{len(material)} coded actors drawn -> {args.out}/material.json (evidence in key.json)")


if __name__ == "__main__":
    main()
