"""HTML building blocks shared by the story and run pages: values, tables, legend, the page shell.

Everything is generated from :mod:`pipeline.schema`: a table or column added
there shows up in the report without touching this module. Each table gets a
highlight style: a background fill for things named in the text (actors,
places, quantities, dates and any new table), a red underline for claims and a
teal overline for routes, so a number inside a quoted sentence on a route shows
all three at once.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable, Mapping, Sequence

from ..schema import TABLES, Table

Row = dict[str, Any]
StoryRows = dict[str, list[Row]]  # table name -> rows of one story


@dataclass(frozen=True)
class Style:
    kind: str  # "fill", "underline" or "overline"
    colour: str  # "#rrggbb"


# Colour-blind-safe hues (after Okabe and Ito), light enough to read black text on.
_STYLES: dict[str, Style] = {
    "actors": Style("fill", "#ffc069"),
    "places": Style("fill", "#95de64"),
    "quantities": Style("fill", "#69c0ff"),
    "dates": Style("fill", "#d3adf7"),
    "claims": Style("underline", "#cf1322"),
    "routes": Style("overline", "#08979c"),
}
# Tables added to the schema later get these fills in turn.
_SPARE_FILLS = ("#ffe58f", "#87e8de", "#ffadd2", "#d9d9d9", "#adc6ff")

ID_PATTERN = re.compile(r"^[A-Z][0-9]+$")
# Columns that name or summarise a row, in order of preference.
_LABEL_COLUMNS = ("name", "text", "content", "source", "origin")
_HIDDEN_COLUMNS = frozenset({"story_id"})


def has_offsets(t: Table) -> bool:
    return "start" in t.names and "end" in t.names


# Rows a reader of the page would take for findings though the pipeline keeps them out of its
# default tables: the decision model's weaker routes (docs/routes.md) are not marked in the text.
_NOT_HIGHLIGHTED = frozenset({"route_candidates"})


def highlight_tables() -> list[str]:
    """Tables whose rows point into the text (they have ``start``/``end``), in schema order."""
    return [name for name, t in TABLES.items() if has_offsets(t) and name not in _NOT_HIGHLIGHTED]


def style(table: str) -> Style:
    if table in _STYLES:
        return _STYLES[table]
    extra = [name for name in highlight_tables() if name not in _STYLES]
    k = extra.index(table) if table in extra else 0
    return Style("fill", _SPARE_FILLS[k % len(_SPARE_FILLS)])


def rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, (list, tuple, str)) and len(value) == 0:
        return True
    return False


def fmt(value: Any) -> str:
    """A cell value as a person reads it: 500,000 not 500000.0; lists joined; dates in ISO."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.4g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    return str(value)


def shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def row_label(table: str, row: Row) -> str:
    """A short name for a row: the route's ends, a claim's source and content, else its name or text."""
    if table == "routes" and (row.get("origin") or row.get("destination")):
        arrow = " ↔ " if row.get("bidirectional") else " → "
        return f"{row.get('origin') or '?'}{arrow}{row.get('destination') or '?'}"
    if table == "claims" and row.get("source") and row.get("content"):
        return f"{row['source']}: “{shorten(row['content'], 80)}”"
    for column in _LABEL_COLUMNS:
        if not is_missing(row.get(column)):
            return shorten(fmt(row[column]), 80)
    return ""


def row_key(table: str, row: Row, position: int) -> str:
    """A stable key for a row within a story: its id (``actors:A1``) or its position."""
    id_col = TABLES[table].id_column
    ident = row.get(id_col) if id_col else None
    return f"{table}:{ident if ident else position}"


class IdIndex:
    """The story's row ids (``A1``, ``P3``, ``C2`` ...) and what they name, for links between tables."""

    def __init__(self, rows: StoryRows) -> None:
        self.labels: dict[str, tuple[str, str]] = {}  # id -> (table, label)
        for name in highlight_tables():
            id_col = TABLES[name].id_column
            if not id_col:
                continue
            for row in rows.get(name, []):
                ident = row.get(id_col)
                if ident:
                    self.labels[ident] = (name, row_label(name, row))

    def refs(self, column: str, value: Any) -> list[str] | None:
        """The ids a cell refers to, or None when it is not a reference."""
        if column.endswith("_id") and isinstance(value, str) and value in self.labels:
            return [value]
        if isinstance(value, list) and value and all(isinstance(v, str) and ID_PATTERN.match(v) and v in self.labels for v in value):
            return list(value)
        return None

    def describe(self, column: str, value: Any) -> str:
        refs = self.refs(column, value)
        if refs is None:
            return fmt(value)
        return "; ".join(f"{r} {self.labels[r][1]}".strip() for r in refs)

    def cell(self, column: str, value: Any) -> str:
        """A table cell's HTML: references become links to the referenced row."""
        refs = self.refs(column, value)
        if refs is None:
            return esc(fmt(value))
        return ", ".join(
            f'<a href="#row-{esc(self.labels[r][0])}-{esc(r)}" title="{esc(self.labels[r][1])}">{esc(r)}</a>' for r in refs
        )


def visible_columns(table: str) -> list[str]:
    return [c for c in TABLES[table].names if c not in _HIDDEN_COLUMNS]


def table_html(
    table: str,
    rows: Sequence[Row],
    ids: IdIndex | None = None,
    *,
    keys: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    link: Mapping[str, str] | None = None,
) -> str:
    """One table as HTML, every column of the schema (or ``columns``), with row anchors for highlights."""
    columns = list(columns or visible_columns(table))
    meanings = {c.name: c.meaning for c in TABLES[table].columns} if table in TABLES else {}
    own_id = TABLES[table].id_column if table in TABLES and has_offsets(TABLES[table]) else None
    head = "".join(f'<th title="{esc(meanings.get(c, ""))}">{esc(c)}</th>' for c in columns)
    body = []
    for i, row in enumerate(rows):
        key = keys[i] if keys else None
        attrs = f' id="row-{esc(key.replace(":", "-", 1))}" data-r="{esc(key)}"' if key else ""
        cells = []
        for c in columns:
            value = row.get(c)
            if c == own_id and not is_missing(value):
                cells.append(f"<td>{esc(fmt(value))}</td>")
            elif link and c in link and not is_missing(value):
                cells.append(f'<td><a href="{esc(link[c].format(**row))}">{esc(fmt(value))}</a></td>')
            else:
                # A sentence-long cell gets room to read; short ones stay narrow.
                cls = ' class="long"' if len(fmt(value)) > 60 else ""
                cells.append(f"<td{cls}>{ids.cell(c, value) if ids is not None else esc(fmt(value))}</td>")
        body.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    if not body:
        return '<p class="empty">no rows</p>'
    return f'<div class="scroll"><table class="rows"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def swatch(table: str) -> str:
    return f'<span class="swatch sw-{esc(table)}"></span>'


def legend_html(counts: Mapping[str, int]) -> str:
    items = []
    for name in highlight_tables():
        items.append(f'<li>{swatch(name)}{esc(name)} <span class="n">{counts.get(name, 0)}</span></li>')
    return (
        '<ul class="legend" aria-label="legend">'
        + "".join(items)
        + '<li class="note">solid: the row\'s own span; pale: further mentions of the same name</li></ul>'
    )


def table_css() -> str:
    """Per-table highlight rules, generated from the schema and the styles above."""
    rules = []
    for name in highlight_tables():
        s = style(name)
        if s.kind == "fill":
            rules.append(f".sw-{name}{{background:{s.colour}}}")
        elif s.kind == "underline":
            rules.append(f".ln-{name}{{border-bottom:2px solid {s.colour}}}")
            rules.append(f".sw-{name}{{border-bottom:3px solid {s.colour};background:{rgba(s.colour, 0.08)}}}")
        else:
            rules.append(
                f".ln-{name}{{text-decoration-line:overline;text-decoration-color:{s.colour};text-decoration-thickness:3px}}"
            )
            rules.append(f".sw-{name}{{border-top:3px solid {s.colour}}}")
    return "\n".join(rules)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A file shipped next to this module (the page's CSS and script)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>`` can close it early)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


def page(title: str, body: str, *, data: Any = None, scripts: Iterable[str] = ()) -> str:
    """A self-contained HTML document: inline CSS and script, nothing fetched from anywhere.
    ``scripts`` names further scripts shipped beside this module."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Forbids every network fetch: the page is only what is inline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(title)}</title>",
        f"<style>{asset('report.css')}\n{table_css()}</style>",
        "</head><body>",
        body,
    ]
    if data is not None:
        parts.append(f'<script type="application/json" id="wc-data">{script_json(data)}</script>')
        parts.append(f"<script>{asset('report.js')}</script>")
    parts += [f"<script>{asset(name)}</script>" for name in ("sort.js", *scripts)]
    parts.append("</body></html>")
    return "\n".join(parts)


def section(title: str, inner: str, *, ident: str | None = None, wide: bool = False) -> str:
    attrs = (f' id="{esc(ident)}"' if ident else "") + (' class="wide"' if wide else "")
    return f"<section{attrs}><h2>{esc(title)}</h2>{inner}</section>"


def simple_table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table of cells that are already HTML."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    if not body:
        return '<p class="empty">none</p>'
    return f'<div class="scroll"><table class="rows"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
