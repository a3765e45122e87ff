"""``pipeline.load``: a run's output (Parquet folder or DuckDB file) reads back as the same ``Tables``."""

from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.schema import TABLES
from pipeline.writers import DUCKDB_FILE, commit_chunk, write_tables

from .conftest import assert_same_tables


@pytest.fixture(scope="module")
def written(seed_tables, tmp_path_factory):
    out = tmp_path_factory.mktemp("written")
    write_tables(seed_tables, out)
    return out


def test_round_trip_parquet(seed_tables, written):
    loaded = pipeline.load(written)
    assert loaded.counts() == seed_tables.counts()
    assert_same_tables(seed_tables, loaded)


def test_round_trip_duckdb(seed_tables, written):
    loaded = pipeline.load(written / DUCKDB_FILE)
    assert_same_tables(seed_tables, loaded)


def test_loaded_dtypes_follow_the_schema(written):
    loaded = pipeline.load(written / DUCKDB_FILE)
    for name, table in TABLES.items():
        frame = loaded[name]
        assert list(frame.columns) == table.names
        for column in table.columns:
            assert frame[column.name].dtype == pd.ArrowDtype(column.type), f"{name}.{column.name}"
    # Values, not just types: lists stay lists, dates stay dates.
    story = loaded.stories.iloc[0]
    assert list(story["byline"]) == ["James Pearson", "Alexei Chernyshev"]
    assert str(story["published"]) == "2017-05-03"
    assert "Kim" in list(loaded.actors.set_index("name").loc["Kim Jong Un", "aliases"])


def test_run_output_loads_the_same_from_parquet_and_duckdb(fixture_run_dir):
    from_parquet = pipeline.load(fixture_run_dir)
    from_duckdb = pipeline.load(fixture_run_dir / DUCKDB_FILE)
    assert_same_tables(from_parquet, from_duckdb)
    stories = from_parquet.stories
    assert (stories["status"] == "ok").sum() >= 1 and (stories["status"] == "error").sum() == 1
    # Every row of every table belongs to a story of the run.
    ids = set(stories["story_id"])
    for name, frame in from_parquet.items():
        assert set(frame["story_id"]) <= ids, name


def test_one_story_of_a_run(fixture_run_dir, seed_tables):
    tables = pipeline.load(fixture_run_dir)
    sid = seed_tables.stories["story_id"].iloc[0]
    story = tables.story(sid)
    assert story.counts() == {**seed_tables.counts()}
    # A run is linked (wireclaims link): its actors carry their entity; the rest is the story's own rows.
    linked = ["entity_id", "link_rule"]
    assert story.actors[linked].notna().all().all() and seed_tables.actors[linked].isna().all().all()
    pd.testing.assert_frame_equal(story.actors.drop(columns=linked), seed_tables.actors.drop(columns=linked))


def test_unfinished_run_reads_its_committed_chunks(seed_tables, tmp_path):
    # A run killed before its final merge leaves committed chunks only: they are its output so far.
    commit_chunk(tmp_path, "000001", seed_tables.to_arrow())
    assert not (tmp_path / "actors.parquet").exists()
    assert_same_tables(seed_tables, pipeline.load(tmp_path))


def test_missing_output_says_what_was_expected(tmp_path):
    with pytest.raises(FileNotFoundError, match="parquet"):
        pipeline.load(tmp_path / "nowhere")


def test_notebook_representation(seed_tables):
    html = seed_tables._repr_html_()
    counts = seed_tables.counts()
    assert "1 story" in html
    for name, n in counts.items():
        assert f">{name}</th>" in html
        assert f"<td>{n}</td>" in html
        assert (f"<b>{name}</b>: {n} rows" in html) == (n > 0), name
    # The first rows of a table are shown, not all of them.
    first, sixth = seed_tables.actors["actor_id"].iloc[0], seed_tables.actors["actor_id"].iloc[5]
    assert f"<td>{first}</td>" in html and f"<td>{sixth}</td>" not in html
    text = repr(seed_tables)
    assert text.startswith("Tables(") and f"actors={counts['actors']}" in text
