"""A fresh-clone walk-through: every code block of README.md, docs/tour.md, docs/analyses.md and docs/archive.md, run
as a user without ../shared would run it, in order, in a folder laid out like a clone.

Console lines run as commands (``.venv/bin/wireclaims`` and ``wireclaims`` are this
interpreter's ``-m pipeline``; ``make run`` is the Makefile's command), Python blocks run like
notebook cells sharing one namespace per page, SQL blocks run on the page's ``con``. A line whose
comment says ``needs ../shared`` or ``needs your ...`` is what a user without those cannot run: it
is skipped, and counted. No command may print a traceback or fail; ``make install`` is this
environment and ``make test`` is this suite, so both are skipped.

The pages share one small run: README's ``make run`` writes ``outputs/`` (the seed), and the tour
and the analyses use it as their text says.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .conftest import ROOT
from .test_docs import blocks, run_python

PAGES = ("README.md", "docs/tour.md", "docs/analyses.md", "docs/archive.md")
CLONE_ENTRIES = ("corpus", "tests", "bench", "models", "docs", "pipeline", "scripts", "Makefile", "pyproject.toml", "README.md")
# Scripts find ../shared beside their own resolved path: copied, not linked, they look beside the
# clone (a link would lead them to the real checkout, which may have ../shared beside it).
COPIED_ENTRIES = ("bench", "scripts")
MAKE = {"run": ["run", "corpus/", "-o", "outputs/"]}  # Makefile: $(BIN)/wireclaims run $(CORPUS) -o $(OUT)
SKIPPED_MAKE = {"install": "this environment is installed already", "test": "this is the test suite"}
CANNOT = re.compile(r"#.*\bneeds (?:\.\./shared|your\b)")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A folder laid out like a fresh clone, with no ../shared beside it."""
    base = tmp_path_factory.mktemp("walkthrough") / "wireclaims"
    base.mkdir()
    for name in CLONE_ENTRIES:
        if name in COPIED_ENTRIES:
            shutil.copytree(ROOT / name, base / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (base / name).symlink_to(ROOT / name, target_is_directory=(ROOT / name).is_dir())
    assert not (base.parent / "shared").exists()
    return base


def commands(code: str) -> list[str]:
    """The commands of a console block: lines after a ``$`` prompt when it has prompts (the rest is output)."""
    lines = [line.rstrip() for line in code.splitlines() if line.strip()]
    if any(line.startswith("$ ") for line in lines):
        return [line[2:] for line in lines if line.startswith("$ ")]
    return lines


def argv(command: str) -> list[str] | str | None:
    """The argument vector of one documented command; a reason (str) when it is skipped."""
    if CANNOT.search(command):
        return "needs what a fresh clone does not have"
    words = shlex.split(command, comments=True)
    head, rest = words[0], words[1:]
    if head == "make":
        if rest[0] in SKIPPED_MAKE:
            return SKIPPED_MAKE[rest[0]]
        return [sys.executable, "-m", "pipeline", *MAKE[rest[0]]]
    if head in (".venv/bin/wireclaims", "wireclaims"):
        return [sys.executable, "-m", "pipeline", *rest]
    if head == ".venv/bin/python":
        return [sys.executable, *rest]
    if head == "duckdb" and shutil.which("duckdb") is None:
        return "the DuckDB shell is not installed (the page says: if you have it)"
    return words


def run_console(code: str, cwd: Path, log: list) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for command in commands(code):
        args = argv(command)
        if isinstance(args, str):
            log.append(("skipped", command, args))
            continue
        result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
        assert "Traceback" not in result.stderr, f"{command}\n{result.stderr}"
        assert result.returncode == 0, f"{command}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        log.append(("ran", command, result.stdout.splitlines()[-1:] if result.stdout else ""))


def walk(page: str, cwd: Path, monkeypatch) -> list:
    """Run every block of ``page`` in order; the log of what ran and what was skipped."""
    monkeypatch.chdir(cwd)
    namespace: dict = {}
    log: list = []
    for heading, lang, code in blocks(ROOT / page):
        if lang == "console":
            run_console(code, cwd, log)
        elif lang == "python":
            run_python(code, namespace)
            log.append(("ran", f"python: {heading}", ""))
        elif lang == "sql":
            con = namespace.get("con") or duckdb.connect("outputs/claims.duckdb", read_only=True)
            con.sql(code).df()
            log.append(("ran", f"sql: {heading}", ""))
        else:
            pytest.fail(f"{page}: a {lang} block the walk-through does not know how to run")
    if isinstance(namespace.get("con"), duckdb.DuckDBPyConnection):
        namespace["con"].close()
    return log


@pytest.mark.parametrize("page", PAGES)
def test_every_block_runs_as_a_new_user_would(page, clone, monkeypatch):
    if page != "README.md" and not (clone / "outputs" / "claims.duckdb").exists():
        walk("README.md", clone, monkeypatch)  # the pages read the run README's `make run` writes
    log = walk(page, clone, monkeypatch)
    ran = [entry for entry in log if entry[0] == "ran"]
    skipped = [entry for entry in log if entry[0] == "skipped"]
    assert ran, page
    assert len(skipped) <= len(ran), (page, skipped)  # most of a page is for everyone
    for _, command, reason in skipped:
        assert command.split()[0] in ("make", ".venv/bin/python", ".venv/bin/wireclaims", "duckdb"), (command, reason)
    written = {"README.md": ["outputs/claims.duckdb", "out/claims.duckdb", "report.html", "run.html"], "docs/tour.md": ["outputs/report/index.html"]}
    for path in written.get(page, []):
        assert (clone / path).is_file(), f"{page}: {path} was not written"
    if page == "README.md":
        assert len(list((clone / "run_files").glob("*.html"))) == 1  # the story page beside run.html (the seed fixture is corpus/'s story again)


def test_what_a_fresh_clone_can_and_cannot_run_is_as_the_readme_says(clone):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## What `../shared` is, and what runs without it" in readme
    skipped_lines = [c for _, _, code in blocks(ROOT / "README.md") for c in commands(code) if CANNOT.search(c)]
    assert all("bench/" in c or "--scheduler" in c for c in skipped_lines), skipped_lines
    # What README says does not work without ../shared says so itself when run.
    result = subprocess.run(
        [sys.executable, "bench/bench_dates.py"], cwd=clone, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in result.stderr and "shared" in result.stdout + result.stderr
