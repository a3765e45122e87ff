"""Writing tables to disk (Parquet, DuckDB, CSV, JSON Lines) and reading them back.

A run writes in two steps so that a crash never leaves a half-written table
and a rerun can resume:

1. every finished chunk of stories is committed as a folder
   ``OUT/.parts/<chunk>/`` holding one Parquet file per table, written in a
   temporary folder, flushed to disk and renamed into place (a rename is
   atomic). Workers commit their own chunks, so on a cluster ``OUT`` must be a
   folder every machine sees;
2. at the end, :func:`finalize` merges the committed chunks and any tables
   already in ``OUT`` into ``OUT/<table>.parquet`` and ``OUT/claims.duckdb``
   (each written to a temporary name, then renamed), ordered by source,
   story and row id so the result does not depend on the engine or worker
   count. It streams through DuckDB, so its memory does not grow with the run.

When one story was written more than once (a rerun with ``--no-resume`` or
``--retry-errors``, a chunk finished by a worker that outlived a killed run),
the newest version wins: chunks are newer than the final tables and later
chunks (by name) newer than earlier ones. An error row also gives way to any
newer row of the same source (a file that failed to decode, read again with
the right ``--encoding``). :func:`load` and
:func:`done_story_ids` read a folder through the same merge, so an
interrupted run's output reads back as the tables it will finalize to.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from .ingest.formats import error_row
from .schema import ALL_TABLES, ARCHIVE_TABLES, ARCHIVE_VIEWS, TABLE_NAMES, TABLES, Table
from .tables import Rows, Tables, conform, rows_to_arrow

PARTS = ".parts"
LOCK_FILE = ".lock"  # the lock file of earlier versions, removed when found
DUCKDB_FILE = "claims.duckdb"
STALE_DUCKDB = ".stale-claims.duckdb"  # present while claims.duckdb may be behind the Parquet tables
MERGE_BATCH_ROWS = 131_072  # rows per Arrow batch (and Parquet row group) while merging
# Error rows that say a worker died rather than what is wrong with the story: a rerun tries these
# stories again (as --retry-errors does for every error), since an innocent story may be among them.
WORKER_DIED = "the worker process died"
CHUNK_ABANDONED = "not processed: worker processes died"
MERGE_MEMORY = "1GB"  # DuckDB's share while merging (its default is most of the RAM); sorts spill to disk beyond


class RunError(RuntimeError):
    """A run cannot go on, for a reason to tell the person running it (not a story's fault)."""


@contextlib.contextmanager
def exclusive_output(out: Path) -> Iterator[None]:
    """Refuse a second run (or link) into the same folder at the same time.

    The lock is taken on the folder itself, so nothing is left behind in it;
    it goes with the process, however that ends.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise RunError(f"another wireclaims run is writing into {out}") from None
        (out / LOCK_FILE).unlink(missing_ok=True)  # left by earlier versions, which locked a file
        yield
    finally:
        os.close(fd)


def parts_dir(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / PARTS


def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_parquet(table: pa.Table, path: Path) -> None:
    with open(path, "wb") as fh:
        pq.write_table(table, fh)
        fh.flush()
        os.fsync(fh.fileno())


WRITE_FAILURES = (pa.ArrowException, UnicodeError, ValueError, TypeError, OverflowError)


def writable(rows: Rows) -> tuple[dict[str, pa.Table], list[dict]]:
    """A chunk's rows as Arrow tables every writer accepts, and the stories rows taken out.

    The whole chunk converts at once when it can (always, unless an extractor let a bad value
    through). When it cannot, each row is tried alone, and every story owning a row that fails
    is written as an error row saying why, without its other rows: one story that breaks the
    writer costs that story, never its chunk.
    """
    try:
        return {name: rows_to_arrow(name, rows[name]) for name in TABLE_NAMES}, []
    except WRITE_FAILURES:
        pass
    reasons: dict[str, str] = {}
    for name in TABLE_NAMES:
        for row in rows[name]:
            try:
                rows_to_arrow(name, [row])
            except WRITE_FAILURES as exc:
                reasons.setdefault(row.get("story_id"), f"could not be written ({name} table): {type(exc).__name__}: {exc}")
    kept = {name: [r for r in rows[name] if r.get("story_id") not in reasons] for name in TABLE_NAMES}
    demoted = [r for r in rows["stories"] if r.get("story_id") in reasons]
    for r in demoted:
        source = str(r.get("source")).encode("utf-8", "backslashreplace").decode("utf-8")
        kept["stories"].append(error_row(source, reasons[r["story_id"]], story_id=r["story_id"], fmt=r.get("format"), chars=r.get("chars")))
    return {name: rows_to_arrow(name, kept[name]) for name in TABLE_NAMES}, demoted


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
        _write_parquet(table, tmp / f"{name}.parquet")
    _fsync_dir(tmp)
    if final.exists():  # the same chunk committed by an earlier, interrupted attempt
        shutil.rmtree(final)
    os.replace(tmp, final)
    _fsync_dir(base)
    return final


def committed_chunks(out_dir: str | os.PathLike) -> list[Path]:
    """Committed chunk folders, oldest first."""
    base = parts_dir(out_dir)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def clean_temporary(out_dir: str | os.PathLike) -> None:
    """Remove what an interrupted run left behind, except its committed chunks."""
    out = Path(out_dir)
    base = parts_dir(out)
    leftovers = list(out.glob(".tmp-*"))
    if base.is_dir():
        leftovers += [p for p in base.iterdir() if p.name.startswith(".")]  # half-written chunks, watch files
    for p in leftovers:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


# A source's sort key in which runs of digits sort by value ("::2" before "::10"), as natural_key does.
NATURAL_ORDER = (
    "coalesce(list_aggr(list_transform(regexp_extract_all({column}, '[0-9]+|[^0-9]+'), "
    "lambda x: CASE WHEN regexp_matches(x, '^[0-9]') THEN lpad(x, 30, '0') ELSE x END), 'string_agg', ''), '')"
)


def _id_order(name: str) -> str:
    id_col = TABLES[name].id_column
    if id_col is None:
        return ""
    return f", TRY_CAST(regexp_extract(t.{id_col}, '[0-9]+') AS BIGINT), t.{id_col}"


def _arrow_reader(relation: duckdb.DuckDBPyRelation, rows: int) -> pa.RecordBatchReader:
    """A query's rows as a stream of Arrow batches (the method's name changed in DuckDB 2)."""
    stream = getattr(relation, "to_arrow_reader", None) or getattr(relation, "fetch_arrow_reader")
    return stream(rows)


class _Merged:
    """Everything committed in an output folder, as DuckDB queries: the newest version of each story.

    Generation 0 is the final tables, then one generation per committed chunk
    in commit order; a story's rows are read from its newest generation only.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.con = duckdb.connect()
        self.con.execute(f"SET temp_directory = '{sql_path(out / '.tmp-duckdb')}'")  # big sorts spill here
        self.con.execute(f"SET memory_limit = '{MERGE_MEMORY}'")
        folders = ([out] if (out / "stories.parquet").is_file() else []) + committed_chunks(out)
        self.files: dict[str, list[str]] = {}
        paths, gens = [], []
        for name in TABLE_NAMES:
            self.files[name] = []
            for gen, folder in enumerate(folders):
                f = folder / f"{name}.parquet"
                if f.is_file():
                    self.files[name].append(str(f))
                    paths.append(str(f))
                    gens.append(gen)
        self.con.register("gens", pa.table({"path": pa.array(paths, pa.string()), "gen": pa.array(gens, pa.int64())}))
        self.empty = not self.files["stories"]
        if not self.empty:
            # A story's newest version; an error row also goes when its source was read again
            # later (its id comes from the source when the text could not be read).
            self.con.execute(
                "CREATE TEMP TABLE latest AS WITH v AS (SELECT t.story_id, t.source, t.status, g.gen "
                "FROM read_parquet($files, filename=true) t JOIN gens g ON g.path = t.filename), "
                "l AS (SELECT story_id, max(gen) AS gen, arg_max(source, gen) AS source, arg_max(status, gen) AS status "
                "FROM v GROUP BY story_id), s AS (SELECT source, max(gen) AS gen FROM v GROUP BY source) "
                f"SELECT l.*, {NATURAL_ORDER.format(column='l.source')} AS sort_key "
                "FROM l JOIN s ON s.source = l.source WHERE l.status = 'ok' OR l.gen = s.gen",
                {"files": self.files["stories"]},
            )

    def __enter__(self) -> "_Merged":
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()
        shutil.rmtree(self.out / ".tmp-duckdb", ignore_errors=True)

    def batches(self, name: str) -> Iterator[pa.Table]:
        """The table's rows in the final order, a batch at a time, with the schema's columns."""
        if self.empty or not self.files[name]:
            return
        relation = self.con.sql(
            "SELECT t.* EXCLUDE (filename) FROM read_parquet($files, filename=true, union_by_name=true) t "
            "JOIN gens g ON g.path = t.filename JOIN latest l ON l.story_id = t.story_id AND l.gen = g.gen "
            f"ORDER BY l.sort_key, l.source, t.story_id{_id_order(name)}",
            params={"files": self.files[name]},
        )
        for table in query_batches(relation):
            yield conform(name, table)

    def table(self, name: str) -> pa.Table:
        return pa.concat_tables([rows_to_arrow(name, []), *self.batches(name)])

    def story_ids(self, ok_only: bool = False) -> set[str]:
        if self.empty:
            return set()
        if ok_only:
            where = " WHERE status = 'ok'"
        else:  # not the stories whose worker died: retried by every run
            stories = self.files["stories"]
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE died AS SELECT DISTINCT t.story_id FROM read_parquet($files, filename=true) t "
                "JOIN gens g ON g.path = t.filename JOIN latest l ON l.story_id = t.story_id AND l.gen = g.gen "
                "WHERE t.status = 'error' AND (starts_with(t.error, $died) OR starts_with(t.error, $abandoned))",
                {"files": stories, "died": WORKER_DIED, "abandoned": CHUNK_ABANDONED},
            )
            where = " WHERE story_id NOT IN (SELECT story_id FROM died)"
        return {r[0] for r in self.con.execute(f"SELECT story_id FROM latest{where}").fetchall()}


def sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def done_story_ids(out_dir: str | os.PathLike, *, ok_only: bool = False) -> set[str]:
    """Story ids already written into ``out_dir`` (final tables and committed chunks).

    With ``ok_only``, the ids whose newest row has ``status="ok"``: a rerun
    that skips only these tries the failed stories again.
    """
    with _Merged(Path(out_dir)) as merged:
        return merged.story_ids(ok_only)


def write_batches(name: str, batches: Iterable[pa.Table], path: Path) -> int:
    """Write a table's batches as ``path`` with the schema's columns, atomically; the rows written."""
    tmp = path.with_name(f".tmp-{path.name}")
    rows = 0
    with open(tmp, "wb") as fh:
        with pq.ParquetWriter(fh, ALL_TABLES[name].arrow_schema) as writer:
            for table in batches:
                writer.write_table(conform(name, table))
                rows += table.num_rows
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return rows


def query_batches(relation: duckdb.DuckDBPyRelation) -> Iterator[pa.Table]:
    """A DuckDB query's rows, a batch at a time."""
    for batch in _arrow_reader(relation, MERGE_BATCH_ROWS):
        yield pa.Table.from_batches([batch])


def temp_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], schema: pa.Schema) -> None:
    """Rows made in Python as a DuckDB temp table ``table`` (replacing one of that name), for SQL that joins them."""
    con.register(f"{table}_arrow", pa.Table.from_pylist(rows, schema=schema))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    con.unregister(f"{table}_arrow")


def finalize(out_dir: str | os.PathLike, formats: Sequence[str] = ("parquet", "duckdb")) -> dict[str, int]:
    """Merge committed chunks into the final tables and write every requested format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    clean_temporary(out)
    counts: dict[str, int] = {}
    if "duckdb" in formats or (out / DUCKDB_FILE).exists():
        _mark_stale(out)
    with _Merged(out) as merged:
        for name in TABLE_NAMES:
            # Each table is replaced atomically; the chunks stay until every table is,
            # so a crash in between is mended by finalizing again.
            counts[name] = write_batches(name, merged.batches(name), out / f"{name}.parquet")
    _fsync_dir(out)
    base = parts_dir(out)
    if base.exists():
        shutil.rmtree(base)
    if "duckdb" in formats:
        write_duckdb(out, out / DUCKDB_FILE)
        (out / STALE_DUCKDB).unlink(missing_ok=True)
    for fmt in formats:
        if fmt in ("csv", "jsonl"):
            write_text_format(out, fmt)
    return counts


def rewrite_duckdb(out: Path) -> None:
    """Write ``claims.duckdb`` again from the Parquet tables (after ``link`` has replaced some)."""
    _mark_stale(out)
    write_duckdb(out, out / DUCKDB_FILE)
    (out / STALE_DUCKDB).unlink(missing_ok=True)


def _mark_stale(out: Path) -> None:
    """Say, durably, that ``claims.duckdb`` may be behind the Parquet tables about to be replaced:
    a run killed before it rewrites the DuckDB file leaves the mark, and :func:`load` rebuilds it."""
    with open(out / STALE_DUCKDB, "w", encoding="utf-8") as fh:
        fh.write("claims.duckdb may be older than the Parquet tables; pipeline.load rebuilds it\n")
        fh.flush()
        os.fsync(fh.fileno())
    _fsync_dir(out)


def write_duckdb(parquet_dir: Path, target: Path) -> None:
    """An embedded DuckDB file holding every table, with the schema's meanings as comments."""
    tmp = target.with_name(f".tmp-{target.name}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        archive = [t for name, t in ARCHIVE_TABLES.items() if (parquet_dir / f"{name}.parquet").is_file()]
        for table in [*TABLES.values(), *archive]:
            name = table.name
            _create_table(con, table, parquet_dir / f"{name}.parquet")
            con.execute(f"COMMENT ON TABLE {name} IS {_sql_string('One row is ' + table.row_is + '.')}")
            present = {r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()}  # an older run's tables lack new columns
            for c in table.columns:
                if c.name in present:
                    con.execute(f'COMMENT ON COLUMN {name}."{c.name}" IS {_sql_string(c.meaning)}')
        if archive:  # linked: the views joining the per-story tables to the entities
            for name, (row_is, sql) in ARCHIVE_VIEWS.items():
                con.execute(f"CREATE VIEW {name} AS {sql}")
                con.execute(f"COMMENT ON VIEW {name} IS {_sql_string('One row is ' + row_is + '.')}")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)


def _create_table(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> None:
    """Copy one Parquet table into DuckDB; a table an older run predates (``route_candidates``)
    is created empty from the schema, so linking or loading an older run does not fail."""
    if path.is_file():
        con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM read_parquet('{path}')")
        return
    empty = table.arrow_schema.empty_table()
    con.register("_empty_table", empty)
    con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM _empty_table")
    con.unregister("_empty_table")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _text_columns(name: str, fmt: str) -> str:
    """The SELECT list of a table's text export: in CSV, list columns as JSON arrays (``["Kim"]``)."""
    if fmt != "csv":
        return "*"
    return ", ".join(
        f'to_json("{c.name}") AS "{c.name}"' if pa.types.is_list(c.type) else f'"{c.name}"' for c in TABLES[name].columns
    )


def write_text_format(parquet_dir: Path, fmt: str) -> None:
    con = duckdb.connect()
    try:
        for name in TABLE_NAMES:
            src = parquet_dir / f"{name}.parquet"
            target = parquet_dir / f"{name}.{fmt}"
            tmp = parquet_dir / f".tmp-{name}.{fmt}"
            options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT json"
            con.execute(f"COPY (SELECT {_text_columns(name, fmt)} FROM read_parquet('{src}')) TO '{tmp}' ({options})")
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
    """Read a run's output back: a folder of Parquet tables (finished or not), or a DuckDB file.
    A linked run's archive tables (``entities``, ``expert_profiles``, ``route_links``) come too."""
    p = Path(path)
    if p.is_file() and p.suffix in (".duckdb", ".db"):
        if p.name == DUCKDB_FILE and (p.parent / STALE_DUCKDB).is_file() and (p.parent / "stories.parquet").is_file():
            write_duckdb(p.parent, p)  # a run was stopped before it rewrote the file: rebuilt from the tables
            (p.parent / STALE_DUCKDB).unlink(missing_ok=True)
        con = duckdb.connect(str(p), read_only=True)
        try:
            present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            arrow = {name: _arrow(con.sql(f"SELECT * FROM {name}")) for name in ALL_TABLES if name in present}
        finally:
            con.close()
        return Tables.from_arrow(arrow)
    if p.is_dir():
        if committed_chunks(p):  # an unfinished run: the tables finalize would write
            with _Merged(p) as merged:
                return Tables.from_arrow({name: merged.table(name) for name in TABLE_NAMES})
        arrow = {name: pq.read_table(p / f"{name}.parquet") for name in ALL_TABLES if (p / f"{name}.parquet").is_file()}
        if not arrow and (p / DUCKDB_FILE).is_file():
            return load(p / DUCKDB_FILE)
        if not arrow:
            raise FileNotFoundError(f"{p} is not a wireclaims run's output: it holds no <table>.parquet files, no {DUCKDB_FILE} and no committed chunks")
        return Tables.from_arrow(arrow)
    raise FileNotFoundError(f"no wireclaims output at {p}: expected a folder of <table>.parquet files or a .duckdb file")
