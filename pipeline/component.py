"""The ``wireclaims`` spaCy component: claim tables in your own English pipeline.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm")           # any English pipeline with tagger, parser and ner
>>> nlp.add_pipe("wireclaims")                    # found through the package's spacy_factories entry point
>>> doc = nlp(open("story.txt").read())
>>> doc._.claims.actors[["name", "kind", "title"]]

``doc._.claims`` is the same :class:`~pipeline.tables.Tables` that
``pipeline.extract(doc.text)`` returns (offsets index ``doc.text``), computed
from *your* pipeline's annotations. The rows with offsets are also span groups,
``doc.spans["wireclaims_actors"]``, ``"wireclaims_places"``,
``"wireclaims_quantities"``, ``"wireclaims_dates"``, ``"wireclaims_routes"`` and
``"wireclaims_claims"``: each span's ``label_`` is the row's kind (a quantity's
unit), its ``id_`` the row's id (``A1``, ``Q3``...), and ``span._.wireclaims``
the whole row as a dict.

``nlp.pipe(texts, as_tuples=True)`` with a dict as each text's context passes
the story's own id and date: ``{"id": "r1", "published": "2017-05-03"}``
(``record_id`` and ``date`` are accepted too; ``url`` and ``source`` also),
so relative dates resolve and ``stories.record_id`` links back to your record.

* Adding the component also adds ``wireclaims_paragraphs`` before your
  ``parser`` (a blank line after a finished sentence starts a new sentence, as
  in the project's pipeline); set ``paragraphs = false`` to keep your parser's
  sentences.
* It also adds the project's entity ruler
  (``wireclaims_entities``: countries, known places and organisations from
  ``models/gazetteer/``) before your ``ner``, as the project's own pipeline has
  it; set ``entity_ruler = false`` to keep your entities untouched (the tables
  then follow your NER).
* When ``doc.text`` is plain prose, the component reads your doc as it is.
  When it is wire copy (a seed or Reuters header, hard-wrapped lines), the
  tables are built from the clean body, as ``pipeline.extract`` does: the body
  is parsed again by the components before this one, and the offsets are
  mapped back to ``doc.text``.

Config (``nlp.add_pipe("wireclaims", config={...})``, or the ``[components.wireclaims]``
block of a training config):

``models_dir``
    the data folder (lexicons, gazetteer, patterns; default: the project's
    ``models/``, or ``$WIRECLAIMS_MODELS``). It can only be chosen before
    wireclaims first reads its data in the process.
``entity_ruler``
    add the gazetteer entity ruler before ``ner`` (default true).
``paragraphs``
    add ``wireclaims_paragraphs`` before ``parser`` (default true).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span

from .core import story_rows
from .ingest.formats import StoryError, error_row, parse_story
from .nlp import add_project_components
from .resources import load_json, models_dir
from .schema import TABLES
from .tables import Tables, empty_rows

EXTENSION = "claims"
SOURCE = "<text>"  # the stories.source pipeline.extract gives a text without a source
# What the extractors read from a Doc, and the component that provides it.
_REQUIRED = (("DEP", "parser"), ("TAG", "tagger"), ("ENT_IOB", "ner"))

SPAN_EXTENSION = "wireclaims"  # span._.wireclaims: the span's row
SPAN_GROUP = "wireclaims_{table}"
# The column that labels each table's spans.
SPAN_LABEL = {"actors": "kind", "places": "kind", "quantities": "unit", "dates": "kind", "routes": "mode", "claims": "kind"}
CONTEXT_KEYS = {"record_id": ("id", "record_id"), "published": ("published", "date"), "url": ("url",), "source": ("source",)}

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)
if not Span.has_extension(SPAN_EXTENSION):
    Span.set_extension(SPAN_EXTENSION, default=None)


def _context(doc: Doc) -> dict[str, object]:
    """What ``nlp.pipe(..., as_tuples=True)`` passed with this doc: its id, date, url, source."""
    given = getattr(doc, "_context", None)
    if not isinstance(given, dict):
        return {}
    out = {}
    for key, names in CONTEXT_KEYS.items():
        value = next((given[n] for n in names if given.get(n) not in (None, "")), None)
        if value is not None:
            out[key] = value
    return out


def _plain(value: object) -> object:
    """A row's value as plain Python that msgpack can store (docs cross processes in ``nlp.pipe(n_process=2)``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def set_spans(doc: Doc, tables: Tables) -> None:
    """One span group per table with offsets; each span carries its row (``span._.wireclaims``)."""
    for table, label_column in SPAN_LABEL.items():
        spans = []
        frame = tables[table]
        for values in frame.astype(object).itertuples(index=False):
            row = {k: _plain(v) for k, v in zip(frame.columns, values)}
            label = row.get(label_column) or table
            span = doc.char_span(row["start"], row["end"], label=str(label), alignment_mode="expand", span_id=row.get(TABLES[table].id_column) or "")
            if span is None:
                continue
            span._.set(SPAN_EXTENSION, row)
            spans.append(span)
        doc.spans[SPAN_GROUP.format(table=table)] = spans


def use_models_dir(path: str | os.PathLike) -> None:
    """Read wireclaims' data from ``path`` from now on (before any of it has been read in this process)."""
    new = Path(path).expanduser().resolve()
    if not new.is_dir():
        raise ValueError(f"wireclaims models_dir {new} is not a folder")
    current = models_dir().resolve() if _data_dir_exists() else None
    if current == new:
        return
    if load_json.cache_info().currsize:
        raise ValueError(
            f"wireclaims already read its data from {current} in this process; choose models_dir={str(new)!r} "
            "before the first extraction (or set WIRECLAIMS_MODELS before starting Python)"
        )
    os.environ["WIRECLAIMS_MODELS"] = str(new)


def installed_model() -> str:
    """The spaCy model package to suggest, as ``spacy.load`` names it: the one wireclaims uses
    (``models/pipeline.json``) when it is installed, else one that is."""
    from spacy.util import get_installed_models

    from .nlp import pipeline_config

    configured = str(pipeline_config()["spacy_model"])
    installed = get_installed_models()
    return configured if configured in installed or not installed else sorted(installed)[0]


def _data_dir_exists() -> bool:
    try:
        models_dir()
    except FileNotFoundError:
        return False
    return True


class ClaimTables:
    """Sets ``doc._.claims`` to the claim tables of the doc's text."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def _upstream(self, text: str) -> Doc:
        """``text`` run through the enabled components that come before this one."""
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            doc = proc(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        context = _context(doc)
        source = str(context.pop("source", SOURCE))
        try:
            story = parse_story(doc.text, source, **context)
        except StoryError as exc:
            rows = empty_rows()
            rows["stories"].append(error_row(source, str(exc), record_id=context.get("record_id")))
            doc._.set(EXTENSION, Tables.from_rows(rows))
            set_spans(doc, doc._.get(EXTENSION))
            return doc
        body = doc if story.text == doc.text else self._upstream(story.text)
        missing = [component for attr, component in _REQUIRED if not body.has_annotation(attr)]
        if missing:
            raise ValueError(
                f"the wireclaims component needs a pipeline with {', '.join(missing)} before it "
                f"(this one runs {', '.join(self.nlp.pipe_names) or 'nothing'}); e.g. spacy.load({installed_model()!r}), "
                "the model package installed with wireclaims"
            )
        try:
            rows = story_rows(story, body)
        except Exception as exc:  # as in a batch run: an extractor bug is an error row, not a crash
            rows = empty_rows()
            rows["stories"].append(
                error_row(
                    source, f"extraction failed: {type(exc).__name__}: {exc}", story_id=story.story_id, fmt=story.format, chars=len(story.raw),
                    record_id=story.record_id,
                )
            )
        tables = Tables.from_rows(rows)
        doc._.set(EXTENSION, tables)
        set_spans(doc, tables)
        return doc


@Language.factory(
    "wireclaims",
    default_config={"models_dir": None, "entity_ruler": True, "paragraphs": True},
    assigns=[f"doc._.{EXTENSION}"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.tag"],
)
def make_wireclaims(nlp: Language, name: str, models_dir: Optional[str], entity_ruler: bool, paragraphs: bool) -> ClaimTables:
    """Factory of the ``wireclaims`` component (entry point ``spacy_factories``)."""
    if models_dir:
        use_models_dir(models_dir)
    add_project_components(nlp, paragraphs=paragraphs, entities=entity_ruler)
    return ClaimTables(nlp, name)
