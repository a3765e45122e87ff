"""The spaCy pipeline: the packaged English model plus the project's two components.

Loaded once per process (each worker of a parallel run loads its own). Nothing
is downloaded: the model is the installed package named in
``models/pipeline.json``. The project adds

* ``wireclaims_paragraphs`` before the parser: a blank line after a finished
  sentence starts a new sentence (a paragraph break is a sentence break);
* ``wireclaims_entities`` before the NER: an entity ruler whose patterns come
  from the gazetteer data in ``models/gazetteer/``.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

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


@lru_cache(maxsize=1)
def _lemma_index() -> dict[str, frozenset[str]]:
    """The model's lemmatizer index: the words of each part of speech ("noun", "verb", "adj", "adv")."""
    from spacy.lookups import Lookups

    module = importlib.import_module(pipeline_config()["spacy_model"])
    path = next(Path(module.__path__[0]).glob("*/lemmatizer/lookups/lookups.bin"))
    table = Lookups().from_bytes(path.read_bytes()).get_table("lemma_index")
    return {pos: frozenset(table[pos]) for pos in ("noun", "verb", "adj", "adv")}


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Ordinary English words: the nouns, verbs, adjectives and adverbs of the model's lemmatizer index."""
    return frozenset().union(*_lemma_index().values())


def english_adjectives() -> frozenset[str]:
    """Words the lemmatizer index holds as adjectives and not as nouns ("hippocratic", "olympic"; not "mosaic")."""
    index = _lemma_index()
    return index["adj"] - index["noun"]


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
    for name in [*orgs["abbreviations"], *orgs["news_outlets"]]:
        add("ORG", name)
    for extra in load_jsonl(pipeline_config()["entity_patterns"]):
        add(extra["label"], extra["pattern"])
    return patterns


PARAGRAPH_BREAK = re.compile(r"\n\n")  # what separates paragraphs in a story's text


@Language.factory("wireclaims_paragraphs")
def make_paragraph_sentences(nlp: Language, name: str) -> "ParagraphSentences":
    """Factory of ``wireclaims_paragraphs`` (entry point ``spacy_factories``, so saved pipelines load)."""
    return ParagraphSentences()


class ParagraphSentences:
    """Marks the first token of a paragraph as a sentence start when the paragraph before ends
    a sentence ("... over the years, Mr. Van Voorhis said." + blank line). Runs before the
    parser, which respects preset starts: without it the small model can hang the next
    paragraph's clause on the last reporting verb and read it as the thing said.

    Only after a sentence-final mark (``paragraph_sentence_ends`` in ``models/pipeline.json``,
    possibly followed by closing quotation marks): a dateline's dash or a colon over a block
    quotation stay the parser's call."""

    def __init__(self) -> None:
        cfg = pipeline_config()
        self.ends = frozenset(cfg["paragraph_sentence_ends"])
        self.closing_quotes = frozenset(cfg["paragraph_closing_quotes"])

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if "\n\n" not in text:
            return doc
        starts = doc.to_array([IDX]).astype(np.int64).ravel()
        n = len(doc)
        for m in PARAGRAPH_BREAK.finditer(text):
            nxt = int(np.searchsorted(starts, m.end(), side="left"))
            while nxt < n and doc[nxt].is_space:
                nxt += 1
            last = int(np.searchsorted(starts, m.start(), side="right")) - 1
            while last > 0 and (doc[last].is_space or doc[last].text in self.closing_quotes):
                last -= 1
            if 0 < nxt < n and last >= 0 and doc[last].text in self.ends:
                doc[nxt].is_sent_start = True
        return doc


def add_project_components(nlp: Language, paragraphs: bool = True, entities: bool = True) -> Language:
    """Add the paragraph sentence starts (before the parser) and the entity ruler (before the
    statistical NER, which then respects its spans)."""
    if paragraphs and "wireclaims_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("wireclaims_paragraphs", before="parser")
    if entities and "wireclaims_entities" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="wireclaims_entities", before="ner" if "ner" in nlp.pipe_names else None)
        ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The project's pipeline, loaded once per process."""
    return add_project_components(load_base_model())
