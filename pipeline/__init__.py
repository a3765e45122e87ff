"""wireclaims: structured claim tables from news wire stories.

>>> import pipeline
>>> tables = pipeline.extract(open("corpus/2017-05-03-russia-north-korea-ferry.txt").read())
>>> tables.actors[["name", "kind", "title", "country"]]
"""

from __future__ import annotations

from . import component as _component  # noqa: F401 - registers the "wireclaims" spaCy factory
from . import extract  # the extractors' package, callable as pipeline.core.extract
from .schema import TABLE_NAMES, TABLES
from .tables import Tables

__all__ = ["extract", "run", "load", "Tables", "TABLES", "TABLE_NAMES"]
__version__ = "0.1.0"


def run(inputs, out_dir="outputs", **options):  # noqa: ANN001 - documented in pipeline.runner.run
    """Run the pipeline over files, folders, globs or archives into ``out_dir`` (as ``wireclaims run``)."""
    from .runner import run as _run

    return _run(inputs, out_dir, **options)


def load(path):  # noqa: ANN001 - documented in pipeline.writers.load
    """Read a run's output folder (Parquet) or DuckDB file back into :class:`Tables`."""
    from .writers import load as _load

    return _load(path)
