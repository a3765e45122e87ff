"""``wireclaims link``: the run's stories as one archive.

Reads a finished run's Parquet tables through DuckDB and writes the archive
tables of :data:`pipeline.schema.ARCHIVE_TABLES` (``entities``,
``expert_profiles``, ``route_links``), fills ``actors.entity_id`` and
``actors.link_rule``, and writes ``claims.duckdb`` again with those tables and
the views that join the per-story tables to the entities. The steps:

1. :mod:`pipeline.link.keys`: each actor's key, from its own name and kind;
2. :mod:`pipeline.link.entities`: the sieves that look across stories (an alias,
   a name in two countries), and the entity id, a hash of the key (kept when an
   earlier link gave one);
3. :mod:`pipeline.link.archive`: the archive tables, aggregated in DuckDB.

Memory does not grow with the stories beyond DuckDB's bounded share: rows are
streamed from Parquet to Parquet; Python sees the distinct names only.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..schema import TABLES
from ..writers import (
    MERGE_MEMORY,
    RunError,
    committed_chunks,
    exclusive_output,
    finalize,
    query_batches,
    rewrite_duckdb,
    sql_path,
    write_batches,
)
from .archive import QUERIES
from .entities import link_actors

__all__ = ["link", "link_output", "LinkSummary"]

_READ = ("stories", "actors", "claims", "experts", "routes")


@dataclass
class LinkSummary:
    out_dir: Path
    counts: dict[str, int] = field(default_factory=dict)  # rows written per archive table
    actors: int = 0
    linked_before: int = 0  # actors that kept the entity an earlier link gave them
    seconds: float = 0.0

    def text(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts.items())
        return (
            f"linked {self.actors:,} actors ({self.linked_before:,} kept their entity) in {self.seconds:.1f} s\n"
            f"archive tables: {counts}\nwritten to {self.out_dir}"
        )


def _view(con: duckdb.DuckDBPyConnection, out: Path, name: str, blank: frozenset[str] = frozenset()) -> None:
    """View ``name`` over ``OUT/<name>.parquet`` with every schema column (null where an older run
    did not write it, or where named in ``blank``) and ``_row``, the row's place in the file."""
    path = sql_path(out / f"{name}.parquet")
    present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()} - blank
    columns = [f'"{c.name}"' if c.name in present else f'CAST(NULL AS {_sql_type(c.type)}) AS "{c.name}"' for c in TABLES[name].columns]
    con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT {', '.join(columns)}, file_row_number AS _row FROM read_parquet('{path}', file_row_number = true)")


def _sql_type(arrow_type: object) -> str:
    return {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN", "date32[day]": "DATE"}.get(str(arrow_type), "VARCHAR[]")


def _previous_entities(con: duckdb.DuckDBPyConnection, out: Path, fresh: bool) -> None:
    path = out / "entities.parquet"
    source = f"SELECT entity_id, key FROM read_parquet('{sql_path(path)}')" if path.is_file() and not fresh else "SELECT NULL::VARCHAR AS entity_id, NULL::VARCHAR AS key WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE previous_entities AS {source}")


# Forgotten by ``link --fresh``: what an earlier link gave each actor.
_LINK_COLUMNS = frozenset({"entity_id", "link_rule"})


def link_output(out: Path, fresh: bool = False) -> LinkSummary:
    """Link a finished run's tables in ``out`` (the caller holds the folder's lock). ``fresh``: forget
    the entities an earlier link gave, so that changed linking rules apply to every actor."""
    t0 = time.perf_counter()
    summary = LinkSummary(out)
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = '{sql_path(out / '.tmp-duckdb')}'")
        con.execute(f"SET memory_limit = '{MERGE_MEMORY}'")
        for name in _READ:
            _view(con, out, name, _LINK_COLUMNS if fresh and name == "actors" else frozenset())
        _previous_entities(con, out, fresh)
        summary.actors, summary.linked_before = con.execute("SELECT count(*), count(entity_id) FROM actors").fetchall()[0]
        link_actors(con)
        for name, sql in QUERIES.items():  # entities first: expert_profiles reads it
            summary.counts[name] = write_batches(name, query_batches(con.sql(sql)), out / f"{name}.parquet")
            if name == "entities":
                con.execute(f"CREATE OR REPLACE TEMP TABLE entities AS SELECT * FROM read_parquet('{sql_path(out / 'entities.parquet')}')")
        actors = con.sql(
            "SELECT a.* EXCLUDE (entity_id, link_rule, _row), l.entity_id, l.link_rule FROM actors a "
            "JOIN linked l USING (story_id, actor_id) ORDER BY a._row"
        )
        write_batches("actors", query_batches(actors), out / "actors.parquet")
    finally:
        con.close()
        shutil.rmtree(out / ".tmp-duckdb", ignore_errors=True)
    rewrite_duckdb(out)
    summary.seconds = time.perf_counter() - t0
    return summary


def link(out_dir: str | os.PathLike, fresh: bool = False) -> LinkSummary:
    """``wireclaims link OUT``: link the run in ``out_dir`` (finishing its merge first if it was stopped);
    ``fresh`` (``--fresh``): link every actor anew, ignoring the entity ids an earlier link gave."""
    out = Path(out_dir)
    if not (out / "stories.parquet").is_file() and not committed_chunks(out):
        raise RunError(f"{out_dir} holds no wireclaims run (no stories.parquet): run `wireclaims run ... -o {out_dir}` first")
    with exclusive_output(out):
        if committed_chunks(out):
            finalize(out, ("parquet",))
        return link_output(out, fresh)
