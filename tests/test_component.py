"""The ``wireclaims`` spaCy component: ``doc._.claims`` in a user's own pipeline equals ``pipeline.extract``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
import spacy

import pipeline
from pipeline.nlp import pipeline_config
from pipeline.resources import models_dir

from .conftest import assert_same_tables

PLAIN = (
    "Russian President Vladimir Putin said on Tuesday that Moscow would double oil exports to China, "
    '"as our partners in Beijing have asked," according to the Kremlin. Analysts at Oxford University said '
    "the pipeline from Skovorodino to Daqing could carry 300,000 barrels a day."
)


@pytest.fixture(scope="module")
def user_nlp():
    """A user's own English pipeline: the installed model loaded with spacy.load, plus the component."""
    nlp = spacy.load(pipeline_config()["spacy_model"])
    nlp.add_pipe("wireclaims")
    return nlp


def test_component_is_added_after_a_gazetteer_ruler(user_nlp):
    names = user_nlp.pipe_names
    assert names[-1] == "wireclaims"
    assert names.index("wireclaims_entities") == names.index("ner") - 1
    assert names.index("wireclaims_paragraphs") == names.index("parser") - 1


def test_a_finished_paragraph_ends_its_sentence_and_a_dateline_does_not(user_nlp):
    text = (
        "WASHINGTON (Reuters) -\n\nPresident Barack Obama voiced support on Monday for Japan joining talks.\n\n"
        'An acre of trees can convert 156 tons of carbon, "so we plant," Mr. Van Voorhis said."\n\n'
        "C2I plans to reforest a million acres and sell the carbon offsets to companies."
    )
    sentences = [s.text.strip() for s in user_nlp(text).sents]
    assert sentences[-1] == "C2I plans to reforest a million acres and sell the carbon offsets to companies."
    # The dateline's dash is no sentence end: the parser keeps it with the story's first sentence.
    assert not any(s == "President" for s in sentences)
    assert user_nlp("No blank line here. Nothing to mark.").has_annotation("DEP")


def test_wire_story_gives_the_same_tables_as_extract(user_nlp, seed_text, seed_tables):
    # The seed has a header and hard-wrapped lines: the component builds its tables from the clean body.
    doc = user_nlp(seed_text)
    tables = doc._.claims
    assert isinstance(tables, pipeline.Tables)
    assert tables.counts()["actors"] > 10
    assert_same_tables(tables, seed_tables, ignore_source=True)
    # Offsets index doc.text, like pipeline.extract's index the raw story.
    for row in tables.actors.to_dict("records"):
        assert " ".join(doc.text[row["start"]:row["end"]].split()) == row["text"]  # the raw text may wrap a name


def test_plain_text_reuses_the_users_doc(user_nlp):
    doc = user_nlp(PLAIN)
    assert_same_tables(doc._.claims, pipeline.extract(PLAIN))
    names = set(doc._.claims.actors["name"])
    assert "Vladimir Putin" in names
    # Built from the user's doc itself: its entities are the ones the tables name.
    ents = {e.text for e in doc.ents}
    assert "Vladimir Putin" in ents


def test_pipe_gives_the_same_as_one_by_one(user_nlp, seed_text):
    texts = [PLAIN, seed_text, "Oil prices rose."]
    piped = [d._.claims for d in user_nlp.pipe(texts, batch_size=2)]
    for text, tables in zip(texts, piped):
        assert_same_tables(tables, user_nlp(text)._.claims)


def test_empty_text_is_an_error_row_not_a_crash(user_nlp):
    tables = user_nlp("   ")._.claims
    assert tables.stories["status"].tolist() == ["error"]
    assert "empty" in tables.stories["error"].iloc[0]


def test_pipeline_without_parser_is_told_what_it_needs():
    nlp = spacy.blank("en")
    nlp.add_pipe("wireclaims", config={"entity_ruler": False})
    with pytest.raises(ValueError, match="parser") as raised:
        nlp("Russian President Vladimir Putin met Xi Jinping in Beijing.")
    # It names the model package that is installed (not en_core_web_sm, which is not), and that loads.
    installed = spacy.util.get_installed_models()
    named = [m for m in installed if f"spacy.load('{m}')" in str(raised.value)]
    assert named == [pipeline_config()["spacy_model"]], str(raised.value)
    assert "wireclaims" in spacy.load(named[0]).pipe_names or spacy.load(named[0]).has_pipe("parser")


def test_results_are_span_groups_with_their_rows(user_nlp):
    doc = user_nlp(PLAIN)
    tables = doc._.claims
    for table in ("actors", "places", "quantities", "dates", "routes", "claims"):
        group = doc.spans[f"wireclaims_{table}"]
        assert len(group) == len(tables[table]), table
    quantities = {s.text: s for s in doc.spans["wireclaims_quantities"]}
    barrels = quantities["300,000 barrels a day"]
    assert barrels.label_ == "barrel" and barrels.id_.startswith("Q")
    assert barrels._.wireclaims["value"] == 300000 and barrels._.wireclaims["per"] == "day"
    putin = next(s for s in doc.spans["wireclaims_actors"] if s.text == "Vladimir Putin")
    assert putin.label_ == "person" and putin._.wireclaims["country"] == "RUS"
    claims = doc.spans["wireclaims_claims"]
    assert {s.label_ for s in claims} <= {"direct", "indirect", "mixed"} and claims[0]._.wireclaims["source"]
    assert all(s.start_char == s._.wireclaims["start"] for s in claims)
    # The rows are plain values (JSON-ready), not pandas objects.
    import json

    assert json.loads(json.dumps([s._.wireclaims for s in claims])) == [s._.wireclaims for s in claims]


def test_pipe_as_tuples_passes_an_id_and_a_date(user_nlp):
    texts = [
        ("The ministry in Beijing said on Monday that exports rose 12 percent last week.", {"id": "rec-7", "published": "2017-05-03"}),
        ("The ministry in Beijing said on Monday that exports rose 12 percent last week.", {"record_id": 8, "date": "2012-07-13", "url": "http://example.com/8"}),
        ("The ministry in Beijing said on Monday that exports rose 12 percent last week.", None),
    ]
    out = list(user_nlp.pipe(texts, as_tuples=True))
    assert [context for _, context in out] == [c for _, c in texts]
    stories = [doc._.claims.stories.iloc[0] for doc, _ in out]
    assert [s["record_id"] for s in stories[:2]] == ["rec-7", "8"] and stories[2]["record_id"] is pd.NA
    assert str(stories[0]["published"]) == "2017-05-03" and stories[1]["url"] == "http://example.com/8"
    dates = [dict(zip(doc._.claims.dates["text"], doc._.claims.dates["value"])) for doc, _ in out]
    assert dates[0] == {"Monday": "2017-05-01", "last week": "2017-W17"}
    assert dates[1]["Monday"] == "2012-07-09"
    assert dates[2]["Monday"] is pd.NA  # no date given: nothing to resolve from


def test_models_dir_cannot_change_once_data_is_read(tmp_path, seed_tables):
    # This process has read wireclaims' data already (seed_tables): changing folders now would mix two.
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="already read its data"):
        nlp.add_pipe("wireclaims", config={"models_dir": str(tmp_path)})
    # The same folder is fine.
    nlp.add_pipe("wireclaims", config={"models_dir": str(models_dir()), "entity_ruler": False})


def test_saved_pipeline_loads_with_the_component(user_nlp, tmp_path):
    user_nlp.to_disk(tmp_path / "nlp")
    config = (tmp_path / "nlp" / "config.cfg").read_text()
    assert 'factory = "wireclaims"' in config and "models_dir = null" in config
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == user_nlp.pipe_names
    assert_same_tables(loaded(PLAIN)._.claims, user_nlp(PLAIN)._.claims)


SCRIPT = textwrap.dedent(
    """
    import json, sys
    import spacy
    nlp = spacy.load(sys.argv[1])
    # Nothing of wireclaims imported: "wireclaims" is found through the spacy_factories entry point.
    nlp.add_pipe("wireclaims", config={"models_dir": sys.argv[2]})
    places = nlp(sys.argv[3])._.claims.places
    print(json.dumps(dict(zip(places["name"], places["country"]))))
    """
)


def test_entry_point_and_models_dir_in_a_fresh_process(tmp_path):
    # A user's own data folder: the project's, with one more country alias.
    data = tmp_path / "models"
    shutil.copytree(models_dir(), data)
    aliases_file = data / "gazetteer" / "country_aliases.json"
    aliases = json.loads(aliases_file.read_text(encoding="utf-8"))
    aliases["aliases"]["Zorbland"] = "NOR"
    aliases_file.write_text(json.dumps(aliases), encoding="utf-8")
    text = "The government of Zorbland said on Monday it would ship 2 million tonnes of coal to Germany next year."
    env = {k: v for k, v in os.environ.items() if k != "WIRECLAIMS_MODELS"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, pipeline_config()["spacy_model"], str(data), text],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    places = json.loads(out.stdout.strip().splitlines()[-1])
    assert places.get("Norway") == "NOR" and places.get("Germany") == "DEU", places
    # With the project's own data the made-up name is no country.
    assert "NOR" not in set(pipeline.extract(text).places["country"].dropna())
