"""``Tables``: one pandas DataFrame per claim table, always with the schema's columns.

Rows travel through the pipeline as plain dicts (cheap to build in extractors,
cheap to pickle between processes); they become Arrow tables and pandas frames
only here, once per batch, with the dtypes declared in :mod:`pipeline.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Iterable, Iterator, Mapping

import pandas as pd
import pyarrow as pa

from .schema import ALL_TABLES, TABLE_NAMES, TABLES

Row = dict
Rows = dict[str, list[Row]]


def empty_rows() -> Rows:
    return {name: [] for name in TABLE_NAMES}


def rows_to_arrow(name: str, rows: Iterable[Mapping]) -> pa.Table:
    """Arrow table with exactly the schema's columns (missing keys are null, extra keys dropped)."""
    schema = ALL_TABLES[name].arrow_schema
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def conform(name: str, table: pa.Table) -> pa.Table:
    """Cast an Arrow table read back from disk to the schema: add absent columns as nulls, order them."""
    schema = ALL_TABLES[name].arrow_schema
    columns = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            columns.append(col if col.type == f.type else col.cast(f.type))
        else:
            columns.append(pa.nulls(table.num_rows, f.type))
    return pa.Table.from_arrays(columns, schema=schema)


@dataclass
class Tables:
    """The eight claim tables of one story or of a whole run, and a run's archive tables.

    Attribute access gives the frame (``tables.actors``, ``tables.entities``); ``tables["actors"]`` too.
    The archive tables (``entities``, ``expert_profiles``, ``route_links``) are empty until
    ``wireclaims link`` has written them; iterating gives the per-story tables only.
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    HEAD_ROWS: ClassVar[int] = 5  # rows of each table shown in a notebook

    def __post_init__(self) -> None:
        for name in ALL_TABLES:
            if name not in self.frames:
                self.frames[name] = arrow_to_frame(rows_to_arrow(name, []))

    @classmethod
    def from_rows(cls, rows: Mapping[str, Iterable[Mapping]]) -> "Tables":
        return cls({name: arrow_to_frame(rows_to_arrow(name, rows.get(name, ()))) for name in TABLE_NAMES})

    @classmethod
    def from_arrow(cls, tables: Mapping[str, pa.Table]) -> "Tables":
        return cls(
            {
                name: arrow_to_frame(conform(name, tables[name]) if name in tables else rows_to_arrow(name, []))
                for name in ALL_TABLES
            }
        )

    def to_arrow(self) -> dict[str, pa.Table]:
        return {
            name: conform(name, pa.Table.from_pandas(frame, preserve_index=False))
            for name, frame in self.frames.items()
        }

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLE_NAMES)

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        for name in TABLE_NAMES:
            yield name, self.frames[name]

    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.items()}

    def story(self, story_id: str) -> "Tables":
        """The rows of one story."""
        return Tables({name: frame[frame["story_id"] == story_id].reset_index(drop=True) for name, frame in self.items()})

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={n}" for name, n in self.counts().items())
        return f"Tables({counts})"

    def _repr_html_(self) -> str:
        """Jupyter's view: stories ok/failed, each table's row count, and the first rows of each non-empty table."""
        from html import escape

        counts = self.counts()
        stories = self.frames["stories"]
        failed = int((stories["status"] == "error").sum()) if len(stories) else 0
        summary = f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}" + (f", {failed} failed" if failed else "")
        parts = [
            "<div class='wireclaims-tables'>",
            f"<p><b>Tables</b>: {escape(summary)}</p>",
            "<table><tr>"
            + "".join(f"<th title='one row is {escape(TABLES[name].row_is)}'>{name}</th>" for name in TABLE_NAMES)
            + "</tr><tr>"
            + "".join(f"<td>{n}</td>" for n in counts.values())
            + "</tr></table>",
        ]
        for name, frame in self.items():
            if len(frame):
                shown = min(len(frame), self.HEAD_ROWS)
                parts.append(f"<details open><summary><b>{name}</b>: {len(frame)} rows (first {shown}; <code>tables.{name}</code> is the DataFrame)</summary>")
                parts.append(frame.head(self.HEAD_ROWS).to_html(max_cols=14, na_rep="", index=False))
                parts.append("</details>")
        parts.append("</div>")
        return "\n".join(parts)
