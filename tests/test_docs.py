"""The docs run: the schema reference is generated, the examples execute on a real run, the help has examples."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.cli import build_parser
from pipeline.schema import TABLES, markdown_reference

from .conftest import REUTERS_SAMPLE, ROOT

DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
REGENERATE = """.venv/bin/python -c "from pipeline.schema import markdown_reference; open('docs/schema.md', 'w').write(markdown_reference())\""""


def test_schema_reference_is_generated_from_the_schema():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert text == markdown_reference(), f"docs/schema.md is out of date; regenerate it with\n  {REGENERATE}"
    for name, table in TABLES.items():
        assert f"## {name}" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text


def blocks(path: Path) -> list[tuple[str, str, str]]:
    """(section heading, language, code) of every fenced block of a Markdown file."""
    out = []
    heading = ""
    for part in re.split(r"^(## .*)$", path.read_text(encoding="utf-8"), flags=re.M):
        if part.startswith("## "):
            heading = part[3:].strip()
            continue
        out += [(heading, m[1], m[2]) for m in BLOCK.finditer(part)]
    return out


def run_python(code: str, namespace: dict):
    """Run a block like a notebook cell: the value of its last expression is its result."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<docs>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<docs>", "eval"), namespace) if last else None


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float):
        return round(value, 9)
    return value


def records(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(_plain(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


@pytest.fixture(scope="module")
def docs_cwd(fixture_run_dir, monkeypatch_module):
    """A folder holding the run as ``outputs/`` and the project's ``corpus/``, as the docs assume."""
    base = fixture_run_dir.parent
    corpus = base / "corpus"
    if not corpus.exists():
        corpus.symlink_to(ROOT / "corpus", target_is_directory=True)
    assert fixture_run_dir.name == "outputs"
    monkeypatch_module.chdir(base)
    return base


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_analyses_sql_and_pandas_agree(docs_cwd):
    found = blocks(DOCS / "analyses.md")
    namespace: dict = {}
    con = duckdb.connect("outputs/claims.duckdb", read_only=True)
    sections: dict[str, dict[str, list[str]]] = {}
    for heading, lang, code in found:
        sections.setdefault(heading, {}).setdefault(lang, []).append(code)
    # The opening block loads the run; every question then has one SQL and one pandas answer.
    for code in sections.pop("", {}).get("python", []):
        run_python(code, namespace)
    assert set(namespace) >= {"con", "t"}
    questions = {h: s for h, s in sections.items() if "sql" in s}
    assert {"Every quantity of oil, and who claimed it", "Routes by mode across the archive", "Actors most often quoted"} <= set(questions)
    non_empty = 0
    for heading, langs in questions.items():
        assert len(langs["sql"]) == 1 and len(langs.get("python", [])) == 1, heading
        by_sql = con.sql(langs["sql"][0]).df()
        by_pandas = run_python(langs["python"][0], namespace)
        assert isinstance(by_pandas, pd.DataFrame), heading
        assert list(by_pandas.columns) == list(by_sql.columns), heading
        assert records(by_pandas) == records(by_sql), heading
        non_empty += len(by_sql) > 0
    # The run has routes, quoted actors, quantities and a failed story: those answers are not empty.
    assert non_empty >= 4
    if REUTERS_SAMPLE.is_dir():  # with the sample story of an analyst quoted on oil volumes
        oil = con.sql(questions["Every quantity of oil, and who claimed it"]["sql"][0]).df()
        assert len(oil) >= 1 and (oil["unit"] == "barrel").any(), oil
    con.close()


def test_tour_examples_run(docs_cwd):
    namespace: dict = {}
    results = [run_python(code, namespace) for _, lang, code in blocks(DOCS / "tour.md") if lang == "python"]
    assert len(results) >= 4
    frames = [r for r in results if isinstance(r, pd.DataFrame)]
    assert len(frames) == len(results) and all(len(f) for f in frames)
    assert "Vladimir Putin" in set(results[-1]["name"])


def test_every_command_says_what_it_does_with_an_example():
    parser = build_parser()
    top = parser.format_help()
    assert "example" in top
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert {"run", "eval", "report"} <= set(sub.choices)
    for name, command in sub.choices.items():
        text = command.format_help()
        assert command.description and len(command.description) > 40, name
        assert re.search(rf"examples?:\n\s+wireclaims {name} ", text), f"`wireclaims {name} --help` has no example"
        assert f"wireclaims {name}" in top, f"the top-level help has no example of {name}"
