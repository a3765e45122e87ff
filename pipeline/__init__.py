"""wireclaims: structured claim tables from news wire stories.

>>> import pipeline
>>> tables = pipeline.extract(open("corpus/2017-05-03-russia-north-korea-ferry.txt").read())
>>> tables.actors[["name", "kind", "title", "country"]]

The names below are imported on first use, so ``import pipeline`` (and the
``wireclaims`` command's first words) come without loading spaCy. The
``wireclaims`` spaCy factory is registered through the package's
``spacy_factories`` entry point, and when ``pipeline.extract`` or
``pipeline.component`` is first used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract", "run", "load", "Tables", "TABLES", "TABLE_NAMES"]
__version__ = "0.1.0"

_LAZY = {"Tables": "tables", "TABLES": "schema", "TABLE_NAMES": "schema"}


def __getattr__(name: str) -> Any:
    """``pipeline.extract``, ``pipeline.Tables``, ``pipeline.TABLES``... imported when first asked for.
    ``pipeline.extract`` is the extractors' package, callable as :func:`pipeline.core.extract`."""
    if name != "extract" and name not in _LAZY:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    import importlib

    importlib.import_module(".component", __name__)  # registers the "wireclaims" spaCy factory
    module = importlib.import_module(f".{_LAZY.get(name, name)}", __name__)
    value = module if name == "extract" else getattr(module, name)
    globals()[name] = value
    return value


def run(inputs, out_dir="outputs", **options):  # noqa: ANN001 - documented in pipeline.runner.run
    """Run the pipeline over files, folders, globs or archives into ``out_dir`` (as ``wireclaims run``)."""
    from .runner import run as _run

    return _run(inputs, out_dir, **options)


def load(path):  # noqa: ANN001 - documented in pipeline.writers.load
    """Read a run's output folder (Parquet) or DuckDB file back into :class:`Tables`."""
    from .writers import load as _load

    return _load(path)
