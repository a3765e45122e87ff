"""The ``wireclaims`` command end to end: run writes every table, eval scores and enforces floors."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES

from .conftest import FIXTURES, ROOT


def wireclaims(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    result = wireclaims("run", "corpus/", "-o", str(out), "--format", "csv")
    return out, result


def test_run_writes_every_table_as_parquet_and_duckdb(corpus_run):
    out, result = corpus_run
    assert result.returncode == 0, result.stderr
    assert "1 stories ok, 0 failed" in result.stdout
    con = duckdb.connect(str(out / "claims.duckdb"), read_only=True)
    for name, table in TABLES.items():
        parquet = pq.read_table(out / f"{name}.parquet")
        assert parquet.schema.names == table.names
        assert (out / f"{name}.csv").is_file()
        columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
        assert columns == table.names
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == parquet.num_rows
    assert con.execute("SELECT count(*) FROM actors WHERE name = 'Kim Jong Un' AND country = 'PRK'").fetchone()[0] == 1
    con.close()


def test_rerun_is_idempotent(corpus_run):
    out, _ = corpus_run
    before = pq.read_table(out / "actors.parquet")
    again = wireclaims("run", "corpus/", "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "1 already done" in again.stdout
    assert pq.read_table(out / "actors.parquet").equals(before)


def test_eval_prints_scores_and_enforces_a_floor(corpus_run):
    out, _ = corpus_run
    result = wireclaims("eval", str(FIXTURES / "seed"), "-p", str(out), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["fixtures"] == ["seed"]
    assert scores["tables"]["actors"]["f1"] >= 0.9
    assert set(scores["tables"]["actors"]["fields"]) >= {"title", "country", "affiliation"}
    impossible = wireclaims("eval", str(FIXTURES / "seed"), "-p", str(out), "--min-f1", "1.01", "--table", "actors")
    assert impossible.returncode == 1
    assert "below the floor" in impossible.stderr


def test_run_reports_failures_in_the_exit_code(tmp_path):
    (tmp_path / "good.txt").write_text("Russia exported 36,000 tonnes of oil products in 2015, U.N. data show.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners in S\xe3o Paulo said prices rose.".encode("latin-1"))
    out = tmp_path / "out"
    result = wireclaims("run", str(tmp_path), "-o", str(out))
    assert result.returncode == 1
    assert "1 stories ok, 2 failed" in result.stdout
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    errors = {s["source"].rsplit("/", 1)[-1]: s["error"] for s in stories if s["status"] == "error"}
    assert "empty" in errors["empty.txt"]
    assert "not valid utf-8" in errors["latin1.txt"] and "--encoding" in errors["latin1.txt"]
    assert [s["status"] for s in stories if s["source"].endswith("good.txt")] == ["ok"]
