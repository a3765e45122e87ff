"""Writing tables to disk (Parquet, DuckDB, CSV, JSON Lines) and reading them back.

A run writes in two steps so that a crash never leaves a half-written table
and a rerun can resume:

1. every finished chunk of stories is committed as a folder
   ``OUT/.parts/<chunk>/`` holding one Parquet file per table, written in a
   temporary folder and renamed into place (a rename is atomic);
2. at the end, :func:`finalize` merges the committed chunks and any tables
   already in ``OUT`` into ``OUT/<table>.parquet`` and ``OUT/claims.duckdb``
   (each written to a temporary name, then renamed), ordered by source and
   row id so the result does not depend on the engine or worker count.

The story ids already present (final tables plus committed chunks) are what a
rerun skips.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Mapping, Sequence

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLE_NAMES, TABLES
from .tables import Rows, Tables, conform, rows_to_arrow

PARTS = ".parts"
DUCKDB_FILE = "claims.duckdb"
FORMATS = ("parquet", "duckdb", "csv", "jsonl")


def parts_dir(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / PARTS


def commit_chunk(out_dir: str | os.PathLike, chunk: str, rows: Rows | Mapping[str, pa.Table]) -> Path:
    """Write one chunk's tables atomically as ``OUT/.parts/<chunk>/``."""
    base = parts_dir(out_dir)
    base.mkdir(parents=True, exist_ok=True)
    final = base / chunk
    tmp = base / f".tmp-{chunk}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    for name in TABLE_NAMES:
        value = rows[name]
        table = value if isinstance(value, pa.Table) else rows_to_arrow(name, value)
        pq.write_table(table, tmp / f"{name}.parquet")
    if final.exists():  # the same chunk committed by an earlier, interrupted attempt
        shutil.rmtree(final)
    os.replace(tmp, final)
    return final


def committed_chunks(out_dir: str | os.PathLike) -> list[Path]:
    base = parts_dir(out_dir)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def _table_files(out_dir: Path, name: str) -> list[str]:
    files = [str(p / f"{name}.parquet") for p in committed_chunks(out_dir)]
    final = out_dir / f"{name}.parquet"
    if final.is_file():
        files.insert(0, str(final))
    elif (out_dir / name).is_dir():  # a partitioned table (Dask engine)
        files.extend(str(p) for p in sorted((out_dir / name).glob("*.parquet")))
    return files


def done_story_ids(out_dir: str | os.PathLike) -> set[str]:
    """Story ids already written into ``out_dir`` (final tables and committed chunks)."""
    files = _table_files(Path(out_dir), "stories")
    if not files:
        return set()
    ids: set[str] = set()
    for f in files:
        ids.update(pq.read_table(f, columns=["story_id"]).column("story_id").to_pylist())
    return ids


def clean_temporary(out_dir: str | os.PathLike) -> None:
    """Remove temporary files an interrupted run left behind."""
    out = Path(out_dir)
    base = parts_dir(out)
    if base.is_dir():
        for p in base.iterdir():
            if p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
    for p in out.glob(".tmp-*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def _id_order(name: str) -> str:
    id_col = TABLES[name].id_column
    if id_col is None:
        return ""
    return f", TRY_CAST(regexp_extract(t.{id_col}, '[0-9]+') AS BIGINT), t.{id_col}"


def finalize(out_dir: str | os.PathLike, formats: Sequence[str] = ("parquet", "duckdb")) -> dict[str, int]:
    """Merge committed chunks into the final tables and write every requested format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    clean_temporary(out)
    con = duckdb.connect()
    counts: dict[str, int] = {}
    story_files = _table_files(out, "stories")
    for name in TABLE_NAMES:
        files = _table_files(out, name)
        tmp = out / f".tmp-{name}.parquet"
        cols = ", ".join(f"t.{c}" for c in TABLES[name].names)
        if files and story_files:
            order_source = (
                "LEFT JOIN (SELECT story_id, min(source) AS _source FROM read_parquet($stories) GROUP BY story_id) s "
                "ON s.story_id = t.story_id"
            )
            con.execute(
                f"COPY (SELECT {cols} FROM read_parquet($files, union_by_name=true) t {order_source} "
                f"ORDER BY s._source, t.story_id{_id_order(name)}) TO '{tmp}' (FORMAT parquet)",
                {"files": files, "stories": story_files},
            )
            table = conform(name, pq.read_table(tmp))
            pq.write_table(table, tmp)
        else:
            pq.write_table(rows_to_arrow(name, []), tmp)
        counts[name] = pq.ParquetFile(tmp).metadata.num_rows
        os.replace(tmp, out / f"{name}.parquet")
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    con.close()
    base = parts_dir(out)
    if base.exists():
        shutil.rmtree(base)
    if "duckdb" in formats:
        write_duckdb(out, out / DUCKDB_FILE)
    for fmt in formats:
        if fmt in ("csv", "jsonl"):
            write_text_format(out, fmt)
    return counts


def write_duckdb(parquet_dir: Path, target: Path) -> None:
    """An embedded DuckDB file holding every table, with the schema's meanings as comments."""
    tmp = target.with_name(f".tmp-{target.name}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name, table in TABLES.items():
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{parquet_dir / (name + '.parquet')}')")
            con.execute(f"COMMENT ON TABLE {name} IS {_sql_string('One row is ' + table.row_is + '.')}")
            for c in table.columns:
                con.execute(f'COMMENT ON COLUMN {name}."{c.name}" IS {_sql_string(c.meaning)}')
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_text_format(parquet_dir: Path, fmt: str) -> None:
    con = duckdb.connect()
    try:
        for name in TABLE_NAMES:
            src = parquet_dir / f"{name}.parquet"
            target = parquet_dir / f"{name}.{fmt}"
            tmp = parquet_dir / f".tmp-{name}.{fmt}"
            options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT json"
            con.execute(f"COPY (SELECT * FROM read_parquet('{src}')) TO '{tmp}' ({options})")
            os.replace(tmp, target)
    finally:
        con.close()


def write_tables(tables: Tables, out_dir: str | os.PathLike, formats: Sequence[str] = ("parquet", "duckdb")) -> None:
    """Write in-memory :class:`Tables` (one story or many) as a finished run's output."""
    out = Path(out_dir)
    commit_chunk(out, "tables", tables.to_arrow())
    finalize(out, formats)


def _arrow(result: duckdb.DuckDBPyRelation) -> pa.Table:
    """A query result as an Arrow table (the method's name changed in DuckDB 2)."""
    fetch = getattr(result, "to_arrow_table", None) or getattr(result, "fetch_arrow_table")
    return fetch()


def load(path: str | os.PathLike) -> Tables:
    """Read a run's output back: a folder of Parquet tables, or a DuckDB file."""
    p = Path(path)
    if p.is_file() and p.suffix in (".duckdb", ".db"):
        con = duckdb.connect(str(p), read_only=True)
        try:
            present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            arrow = {name: _arrow(con.sql(f"SELECT * FROM {name}")) for name in TABLE_NAMES if name in present}
        finally:
            con.close()
        return Tables.from_arrow(arrow)
    if p.is_dir():
        arrow = {}
        for name in TABLE_NAMES:
            files = _table_files(p, name)
            if files:
                arrow[name] = pa.concat_tables([conform(name, pq.read_table(f)) for f in files])
        if not arrow and (p / DUCKDB_FILE).is_file():
            return load(p / DUCKDB_FILE)
        return Tables.from_arrow(arrow)
    raise FileNotFoundError(f"no wireclaims output at {p}: expected a folder of <table>.parquet files or a .duckdb file")
