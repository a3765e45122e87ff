"""Which linking rule makes the multi-name entities of a linked run, and a sample per rule to read (issue 20).

A rule's *risk* is the number of multi-name entities (three distinct actor names or more, as
``draw_link_audit.py multi`` draws them) holding a name that only that rule brought in: an actor whose
``link_rule`` is the rule and whose name is not the entity's most frequent name. ``--read RULE`` draws
``-n`` such (entity, name) pairs at random (fixed seed) with the name's sentence, for a developer to read
(a development figure, not a blind check).

    python scripts/link_rule_risk.py RUN                      # per rule: actors, entities, multi-name entities
    python scripts/link_rule_risk.py RUN --read alias -n 30 --seed 29 -o /work/stage/i20l_read_alias.json
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from draw_link_audit import ARCHIVE, context, read_members  # noqa: E402

_JOINED = """
WITH names AS (
  SELECT entity_id, name, count(*) AS n FROM actors WHERE entity_id IS NOT NULL AND kind <> 'country' GROUP BY ALL
),
multi AS (SELECT entity_id, arg_max(name, n) AS main FROM names GROUP BY entity_id HAVING count(*) >= 3)
SELECT a.link_rule, a.entity_id, m.main, a.name, a.story_id, a.start, a."end", s.source
FROM actors a JOIN multi m USING (entity_id) JOIN stories s USING (story_id)
WHERE a.name <> m.main
"""


def connect(run: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in ("actors", "stories"):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{run / (table + '.parquet')}')")
    return con


def rule_table(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(rule, actors, entities over two names or more, multi-name entities it brings a name into)."""
    return con.execute(f"""
        WITH j AS ({_JOINED}),
        ents AS (SELECT entity_id FROM actors WHERE entity_id IS NOT NULL AND kind <> 'country' GROUP BY ALL HAVING count(DISTINCT name) >= 2)
        SELECT a.link_rule, count(*) AS actors,
          count(DISTINCT a.entity_id) FILTER (WHERE a.entity_id IN (SELECT entity_id FROM ents)) AS in_renamed,
          (SELECT count(DISTINCT entity_id) FROM j WHERE j.link_rule = a.link_rule) AS multi
        FROM actors a WHERE a.kind <> 'country' GROUP BY a.link_rule ORDER BY multi DESC, actors DESC""").fetchall()


def read_sample(con: duckdb.DuckDBPyConnection, rule: str, n: int, seed: int, archive: Path) -> list[dict]:
    """``n`` (entity, name) pairs the rule brought in, one mention each, drawn at random."""
    rows = con.execute(f"SELECT * FROM ({_JOINED}) WHERE link_rule = ? ORDER BY entity_id, name, story_id", [rule]).fetchall()
    by_pair: dict[tuple[str, str], list[tuple]] = {}
    for row in rows:
        by_pair.setdefault((row[1], row[3]), []).append(row)
    rng = random.Random(seed)
    pairs = rng.sample(sorted(by_pair), min(n, len(by_pair)))
    picks = [rng.choice(by_pair[p]) for p in pairs]
    texts = read_members(archive, {str(p[7]).split("::")[-1] for p in picks})
    out = []
    for number, (_, entity_id, main, name, story_id, start, end, source) in enumerate(picks, 1):
        text = texts.get(str(source).split("::")[-1], "")
        out.append({"n": number, "entity_id": entity_id, "entity": main, "name": name, "story_id": story_id,
                    "context": context(text, start, end) if text else ""})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("--read", help="a link_rule: draw names it brought into multi-name entities")
    ap.add_argument("-n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("-o", "--out", type=Path)
    args = ap.parse_args()
    con = connect(args.run)
    if not args.read:
        print(f"{'link_rule':<18} {'actors':>8} {'renamed':>8} {'multi':>6}")
        for rule, actors, renamed, multi in rule_table(con):
            print(f"{rule or '-':<18} {actors:>8,} {renamed:>8,} {multi:>6,}")
        return
    sample = read_sample(con, args.read, args.n, args.seed, args.archive)
    text = json.dumps(sample, indent=1, ensure_ascii=False)
    args.out.write_text(text) if args.out else print(text)


if __name__ == "__main__":
    main()
