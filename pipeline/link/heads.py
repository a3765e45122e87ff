"""A name's first word, which several organisations share, and a unit's name, which holds its parent's:
the guards of ``wireclaims link`` that keep them from joining another actor's entity.

* ``unit_pairs(unit_key, parent_key)``: a unit's key and its parent's: the unit's name is the parent's with a
  unit's tail (``unit_tails``: "HSBC Finance" of "HSBC", "CIBC World Markets" of "CIBC"), or with a web address's
  (``web_tails``) when the parent is named as a group ("Alibaba.com" of "Alibaba Group"; Amazon.com is Amazon).
  A parent's short name is no alias of its unit, nor the other way (the ``alias`` edge is refused), and a unit's
  actor whose story gives the parent's short name as its alias mixed the two (its mentions "HSBC" are the parent,
  Europe's biggest bank): it stays in its story (``link_rule`` ``unit_parent``), unless it carries a ticker the
  parent never does.
* ``shared_heads(alias_key, target_key)``: a bare word ("Delta", "United", "Imperial") that an ``alias`` sends to a
  name it starts ("Delta Air Lines", DAL) while it also starts, followed by another word, the names of two listed
  companies or more, carrying tickers the target's actors never do (Delta Petroleum, DPTR; Delta and Pine Land, DLP;
  a unit's word after it, "JPMorgan Securities", or the target's own, "Toyota Motors", names no other company).
  Its actor joins that name only in a story that names it too (an actor of its key, or its ticker) and only when
  it is the bare word, not a company of its own ("United Group Ltd", UGL; "United Company" RUSAL): else it stays in
  its story (``shared_head``): "Delta" is also the Niger Delta and an option's delta, "United" UnitedHealth. A name
  the bare word's own key cuts to ("Apollo Group Inc", APOL.O, keyed "apollo") with a legal form or a group word and
  tickers the target never carries is such a company by itself (i20q: Apollo Management is not the education firm).
* ``cut_tail``: the last word of a firm's name after "&" ("Sons" of "A.G. Edwards & Sons", "Sons Co.", "Lowe" of
  "Friedman Fleischer & Lowe": :func:`pipeline.link.keys.ampersand_parts`), standing alone as an organisation in a
  story that names the firm, or the words before "&" ("A.G. Edwards"), is a cut of that name, not an actor of its own:
  it stays in its story (``link_rule`` ``cut_tail``), unless it carries a ticker. Elsewhere the word may be a company
  of its own ("Lowe" in a story of Lowe's Cos; "Fitch", the rating agency, is no cut of Abercrombie & Fitch).
* ``title_cuts(story_id, actor_id, key)``: an organisation's name whose last word starts the title a person of the
  story holds at it ("HSBC Finance" of "HSBC Finance Director Douglas Flint", affiliation "HSBC Finance", title
  "Director": ``glued_title_phrases``) is the name before that word, when the archive names that alone: it links
  by that key (``title_cut``).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..resources import load_json, word_set
from ..writers import temp_table
from .doubts import TICKER
from .keys import LEXICON, ampersand_parts, has_legal_form, org_key, org_words

SHARED_HEAD_COMPANIES = 2  # other listed companies whose names a bare word must start before it is ambiguous alone
_PAIRS = pa.schema([("unit_key", pa.string()), ("parent_key", pa.string())])
_HEADS = pa.schema([("alias_key", pa.string()), ("target_key", pa.string())])
_SYMBOL = f"CASE WHEN regexp_full_match(a.ticker, '{TICKER}') THEN upper(split_part(a.ticker, '.', 1)) END"
_TAILS = pa.schema([("name", pa.string()), ("head", pa.string()), ("tail", pa.string())])
_CUTS = pa.schema([("story_id", pa.string()), ("actor_id", pa.string()), ("key", pa.string())])


def _org_names(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[str]]]:
    """(name, key, tickers) of the organisation names that link by their key: the ticker symbols their actors carry."""
    return con.execute(
        f"""SELECT k.name, k.key, coalesce(list(DISTINCT upper(split_part(a.ticker, '.', 1)))
          FILTER (WHERE regexp_full_match(a.ticker, '{TICKER}')), [])
        FROM name_keys k JOIN actors a ON a.kind = k.kind AND a.name = k.name
        WHERE k.kind = 'organization' AND k.rule = 'org_normalised' GROUP BY ALL"""
    ).fetchall()


def unit_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``unit_pairs(unit_key, parent_key)`` (see the module), and the ``alias`` edges between a parent's key
    and its unit's, either way, removed from ``alias_map``."""
    names = _org_names(con)
    keys = {key for _, key, _ in names}
    groups = word_set(LEXICON, "group_words")  # "Alibaba Group": a parent with units; "Amazon" has none, Amazon.com is it
    parents = {key for name, key, _ in names if set(name.lower().replace(".", " ").split()) & groups}
    tails = {tuple(t.split()) for t in load_json(LEXICON)["unit_tails"]}
    web = {tuple(t.split()) for t in load_json(LEXICON)["web_tails"]}
    rows = {}
    for name, key, _ in names:
        words = org_words(name)
        for size in range(1, len(words)):
            parent, tail = "".join(words[:-size]), tuple(words[-size:])
            if (tail in tails and parent in keys) or (tail in web and parent in parents):
                rows[key] = parent
    temp_table(con, "unit_pairs", [{"unit_key": u, "parent_key": p} for u, p in sorted(rows.items())], _PAIRS)
    con.execute(
        "DELETE FROM alias_map m WHERE m.kind = 'organization' "
        "AND EXISTS (SELECT 1 FROM unit_pairs u WHERE (u.parent_key, u.unit_key) IN ((m.alias_key, m.target_key), (m.target_key, m.alias_key)))"
    )


def shared_heads(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``shared_heads(alias_key, target_key)``: the ``alias`` edges of a bare word that starts the names of
    two listed companies or more besides its target's (see the module)."""
    edges = con.execute("SELECT alias_key, target_key FROM alias_map WHERE kind = 'organization' AND rule = 'alias'").fetchall()
    own = {key: set(tickers) for key, tickers in con.execute("SELECT key, tickers FROM key_tickers").fetchall()}
    skipped = word_set(LEXICON, "unit_words") | word_set(LEXICON, "company_words")
    connectors = word_set(LEXICON, "name_connectors")
    listed: dict[str, dict[str, set[str]]] = {}  # a first word: the next word of listed companies' names, their tickers
    for name, _, tickers in _org_names(con):
        head, *rest = org_words(name)
        while rest and rest[0] in connectors:  # "Delta and Pine Land": "pine"
            rest = rest[1:]
        if rest and tickers and rest[0] not in skipped and rest[0].rstrip("s") not in skipped:  # "JPMorgan Securities": its own unit
            listed.setdefault(head, {}).setdefault(rest[0], set()).update(tickers)
        elif not rest and tickers and _own_company(name):  # "Apollo Group Inc" (APOL.O) keys as the bare word (i20q)
            listed.setdefault(head, {}).setdefault("", set()).update(tickers)
    rows = []
    for alias, target in edges:
        others = [w for w, tickers in listed.get(alias, {}).items() if tickers - own.get(target, set()) and (not w or not target.startswith(alias + w))]
        # The bare word's own key named as a listed company the target is not ("Apollo Group Inc") is one enough.
        if target.startswith(alias) and (len(others) >= SHARED_HEAD_COMPANIES or "" in others):
            rows.append({"alias_key": alias, "target_key": target})
    temp_table(con, "shared_heads", rows, _HEADS)


def _own_company(name: str) -> bool:
    """Whether a name its key cuts to one word is a company's own ("Apollo Group Inc", "Apollo Group"): a legal form
    or a group word after the word, so the bare word is its name as much as its alias target's."""
    words = name.lower().replace(".", " ").split()
    return len(words) > 1 and (has_legal_form(name) or bool(set(words[1:]) & word_set(LEXICON, "group_words")))


def title_cuts(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``title_cuts(story_id, actor_id, key)`` (see the module)."""
    phrases = " OR ".join(f"lower(split_part(o.name, ' ', -1) || ' ' || split_part(p.title, ' ', 1)) = '{t}'"
                          for t in load_json(LEXICON)["glued_title_phrases"])
    rows = con.execute(
        f"""SELECT DISTINCT o.story_id, o.actor_id, o.name FROM actors o
        JOIN actors p ON p.story_id = o.story_id AND p.kind = 'person' AND p.affiliation = o.name
        WHERE o.kind = 'organization' AND contains(trim(o.name), ' ') AND ({phrases})"""
    ).fetchall()
    keys = {key for (key,) in con.execute("SELECT DISTINCT key FROM name_keys WHERE kind = 'organization' AND rule = 'org_normalised'").fetchall()}
    cuts = [{"story_id": s, "actor_id": a, "key": org_key(name.rsplit(" ", 1)[0])} for s, a, name in rows]
    temp_table(con, "title_cuts", [c for c in cuts if c["key"] in keys], _CUTS)  # "Outgoing Finance": no name before it


def _cut_tails(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Add to ``story_guards`` the organisation actors named by a cut tail (``cut_tail``, see the module) that carry
    no ticker and no other guard."""
    names = con.execute("SELECT DISTINCT name FROM actors WHERE contains(name, ' & ')").fetchall()  # of any kind:
    # "Friedman Fleischer & Lowe" may be typed a person
    parts = [(n, ampersand_parts(n)) for (n,) in names]
    con.register("tail_names_arrow", pa.Table.from_pylist([{"name": n, "head": p[0], "tail": p[1]} for n, p in parts if p], schema=_TAILS))
    con.execute(
        f"""INSERT INTO story_guards
        WITH cut AS (
          SELECT a.story_id, t.tail FROM actors a JOIN tail_names_arrow t ON t.name = a.name
          UNION SELECT a.story_id, t.tail FROM actors a JOIN {key_join} JOIN tail_names_arrow t ON t.head = k.key
        )
        SELECT a.story_id, a.actor_id, 'cut_tail' FROM actors a JOIN {key_join}
        WHERE a.kind = 'organization' AND k.rule IN ('org_normalised', 'org_capitals') AND {_SYMBOL} IS NULL
          AND (a.story_id, k.key) IN (SELECT (story_id, tail) FROM cut)
          AND (a.story_id, a.actor_id) NOT IN (SELECT (story_id, actor_id) FROM story_guards)"""
    )
    con.unregister("tail_names_arrow")


def story_guards(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``story_guards(story_id, actor_id, rule)``: organisation actors :mod:`pipeline.link.heads` keeps in
    their story. ``unit_parent``: a unit's actor whose story gives its parent's short name as its alias ("HSBC Finance"
    with "HSBC"), carrying no ticker the parent never carries. ``shared_head``: a bare word several companies' names
    start ("Delta"), which an alias sends to one of them, in a story that names that one neither by an actor of its
    key nor by its ticker, or named with a legal form of its own ("United Group Ltd")."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE story_guards AS
        WITH story_keys AS (SELECT DISTINCT a.story_id, k.key FROM actors a JOIN {key_join} WHERE a.kind = 'organization')
        SELECT a.story_id, a.actor_id, 'unit_parent' AS rule FROM actors a JOIN {key_join}
        JOIN unit_pairs u ON u.unit_key = k.key
        WHERE a.kind = 'organization'
          AND EXISTS (SELECT 1 FROM alias_pairs p WHERE p.story_id = a.story_id AND p.target_key = k.key AND p.alias_key = u.parent_key)
          AND ({_SYMBOL} IS NULL OR list_contains(coalesce((SELECT first(t.tickers) FROM key_tickers t WHERE t.key = u.parent_key), []), {_SYMBOL}))
        UNION ALL
        SELECT a.story_id, a.actor_id, 'shared_head' FROM actors a JOIN {key_join}
        JOIN shared_heads h ON h.alias_key = k.key
        WHERE a.kind = 'organization' AND (k.formal OR NOT (
          EXISTS (SELECT 1 FROM story_keys s WHERE s.story_id = a.story_id AND s.key = h.target_key)
          OR coalesce(list_contains((SELECT first(t.tickers) FROM key_tickers t WHERE t.key = h.target_key), {_SYMBOL}), false)))"""
    )


def head_guards(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """The temp tables of this module, after ``alias_map`` (see the module); ``story_guards`` last, with the cut tails."""
    unit_pairs(con)
    shared_heads(con)
    title_cuts(con)
    story_guards(con, key_join)
    _cut_tails(con, key_join)
