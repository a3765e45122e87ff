"""The spaCy pipeline: the packaged English model plus the project's entity patterns.

Loaded once per process (each worker of a parallel run loads its own). Nothing
is downloaded: the model is the installed package named in
``models/pipeline.json``, and the entity ruler's patterns come from the
gazetteer data in ``models/gazetteer/``.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import Any

from spacy.language import Language

from .gazetteer import normalize_name
from .resources import load_json, load_jsonl

# One thread per process: parallelism comes from worker processes, and BLAS
# threads fighting over two cores slow spaCy down.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def pipeline_config() -> dict[str, Any]:
    return load_json("pipeline.json")


def load_base_model(name: str | None = None) -> Language:
    """The statistical model alone, as installed."""
    cfg = pipeline_config()
    module = importlib.import_module(name or cfg["spacy_model"])
    return module.load(exclude=cfg.get("exclude", []))


def entity_patterns() -> list[dict[str, Any]]:
    """Patterns that make sure countries, known places and organisations are entities."""
    aliases = load_json("gazetteer/country_aliases.json")
    skip = {normalize_name(n) for n in aliases.get("no_pattern", [])}
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str) -> None:
        if normalize_name(text) in skip or (label, text) in seen:
            return
        seen.add((label, text))
        patterns.append({"label": label, "pattern": text})

    import pycountry  # local: only needed while building patterns

    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                add("GPE", value)
    for alias in aliases["aliases"]:
        add("GPE", alias)
    for place in load_json("gazetteer/places_overrides.json")["places"]:
        label = "LOC" if place["kind"] in ("region", "other") else "GPE"
        for name in [place["name"], *place.get("aliases", [])]:
            add(label, name)
    orgs = load_json("gazetteer/organizations.json")
    for abbrev in orgs["abbreviations"]:
        add("ORG", abbrev)
    for extra in load_jsonl(pipeline_config()["entity_patterns"]):
        add(extra["label"], extra["pattern"])
    return patterns


def add_project_components(nlp: Language) -> Language:
    """Add the entity ruler (before the statistical NER, which then respects its spans)."""
    if "wireclaims_entities" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="wireclaims_entities", before="ner" if "ner" in nlp.pipe_names else None)
        ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The project's pipeline, loaded once per process."""
    return add_project_components(load_base_model())
