"""Names that one key would join although they name several actors: the guards of ``wireclaims link``.

Each guard is a temp table the sieves of :mod:`pipeline.link.entities` read; an actor a guard holds
stays in its story (``link_rule`` ``story_only``), a pair a guard refuses is not an ``alias``:

* ``held_keys(kind, key)``: organisation keys never linked beyond their story:
  - a part the stories cut from several longer names: a head ("National Association" of Realtors,
    of Home Builders, of Purchasing Management; "Royal Bank" of Scotland, of Canada) or a tail
    ("Airways" of British Airways and US Airways, "International Group Inc" of American
    International Group and others);
  - a plural of a far more frequent name ("Fords", "the GMs and the Fords": cars, not Ford Motor);
  - a name in capitals of generic words only ("LISTED BANK", from a headline) that no story writes
    in lower case.
* ``dateline_doubts(story_id, country)``: stories whose dateline country is not what the story is
  about: another country is named or holds people as often ("Parliament" in a Tokyo-datelined story
  on Canada's budget). An institution's generic name takes its country from the dateline only
  where that is not in doubt.
* ``key_tickers(kind, key, tickers)`` and ``formal_keys(kind, key, formal)``: an alias is refused when the
  key it would move is named with a legal form of its own (in a quarter of its actors) and the two keys share no ticker while one has
  some: two companies (Harris Corp, HRS.N, is not the fund manager Harris Associates; Apollo Group Inc.,
  APOL.O, not Apollo Management; Maxim Group LLC, a broker, not Maxim Integrated Products, MXIM.O).
"""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa

from ..writers import query_batches, temp_table
from ..resources import load_json, word_set
from .keys import LEXICON, has_legal_form, org_key, org_words

CUT_CONTINUATIONS = 2  # distinct names "X of ..." or "... X" that make "X" alone a cut of several names
TAIL_DOMINANCE = 0.75  # a tail one longer name holds this share of is that name's short form ("Disney", "Penney")
PLURAL_RATIO = 3  # stories naming the singular against those naming the plural, at least
FORMAL_SHARE = 0.25  # share of a key's actors named with a legal form that makes it a company of its own ("RIM Co" once is not)
TICKER = r"[A-Za-z0-9]{1,6}\.[A-Za-z]{1,3}"  # "HRS.N", "ERICb.ST"; not a glued "StearnsBSC.N" or "NT.TONT.N"
_PARTS = pa.schema([("name", pa.string()), ("part_key", pa.string()), ("other", pa.string()), ("head", pa.bool_())])


def _part_names(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``part_names(name, part_key, other)``: organisation names with the key of a part the
    extractor may cut from them, and what the name holds besides: the head "X" of "X of Y ..." with the first
    word of "Y" ("National Association of Home Builders": nationalassociation, "of home"), and each tail of
    its key's words with the whole key ("British Airways Plc": airways, britishairways)."""
    names = con.sql("SELECT DISTINCT name FROM name_keys WHERE kind = 'organization' AND rule IN ('org_normalised', 'org_capitals')")
    trailing = word_set(LEXICON, "org_trailing_words")
    rows = []
    for batch in query_batches(names):
        for name in batch.column("name").to_pylist():
            words = org_words(name)  # "J.C. Penney" and "JC Penney" are one longer name: the other is the key
            rows += [{"name": name, "part_key": "".join(words[i:]), "other": "".join(words), "head": False} for i in range(1, len(words))]
            if " of " not in name.lower():
                continue
            at = name.lower().index(" of ")
            after = [w for w in name[at + 4 :].lower().split() if w != "the"]
            head = org_key(name[:at])
            # "Countrywide of 97 cents" is no name, "Interpublic Group of Cos" one company's legal form.
            if head and after and after[0][0].isalpha() and after[0].strip(".,") not in trailing:
                rows.append({"name": name, "part_key": head, "other": "of " + after[0], "head": True})
    temp_table(con, "part_names", rows, _PARTS)


def held_keys(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``held_keys(kind, key)``, and ``name_keys`` updated: held names lose their key, names in
    capitals that the stories also write in lower case link as ``org_normalised``.

    A cut: "X" whose longer names "X of ..." or "... X" are two or more and fill more stories than "X" alone
    ("National Association" of Realtors and of Home Builders; "Airways" of British Airways Plc and US Airways
    Group; "Ford of Europe" is one, and "Ford" alone is far more frequent). A tail is held only when no longer
    name holds three quarters of their stories: "Disney" is Walt Disney's short form, not a cut. A plural: one word ending in "s" whose
    singular is an organisation key named in three times as many stories."""
    _part_names(con)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE held_keys AS
        WITH sizes AS (SELECT k.key, count(DISTINCT a.story_id) AS n FROM actors a JOIN {key_join}
                       WHERE a.kind = 'organization' AND k.key IS NOT NULL GROUP BY ALL),
        parts AS (
          SELECT o.part_key, o.other, o.head, count(DISTINCT a.story_id) AS n FROM part_names o
          JOIN actors a ON a.kind = 'organization' AND a.name = o.name WHERE o.part_key IN (SELECT key FROM sizes) GROUP BY ALL
        ),
        cut AS (
          SELECT p.part_key AS key FROM parts p GROUP BY p.part_key
          HAVING count(DISTINCT p.other) >= {CUT_CONTINUATIONS} AND sum(p.n) > coalesce((SELECT n FROM sizes s WHERE s.key = p.part_key), 0)
             AND (bool_and(p.head) OR max(p.n) < {TAIL_DOMINANCE} * sum(p.n))
        ),
        plural AS (
          SELECT DISTINCT k.key FROM name_keys k JOIN sizes p ON p.key = k.key JOIN sizes s ON s.key = left(k.key, length(k.key) - 1)
          WHERE k.kind = 'organization' AND k.rule = 'org_normalised' AND NOT contains(trim(k.name), ' ')
            AND regexp_matches(k.name, '[A-Za-z]s$') AND NOT k.key LIKE '%ss' AND s.n >= {PLURAL_RATIO} * p.n
        ),
        written AS (SELECT DISTINCT key FROM name_keys WHERE kind = 'organization' AND rule = 'org_normalised'),
        capitals AS (SELECT DISTINCT key FROM name_keys WHERE rule = 'org_capitals' AND key NOT IN (SELECT key FROM written))
        SELECT 'organization' AS kind, key FROM (SELECT key FROM cut UNION SELECT key FROM plural UNION SELECT key FROM capitals)"""
    )
    con.execute("UPDATE name_keys SET rule = 'org_normalised' WHERE rule = 'org_capitals' AND key NOT IN (SELECT key FROM held_keys)")
    con.execute(
        "UPDATE name_keys SET key = NULL, rule = 'story_only' "
        "WHERE kind = 'organization' AND key IN (SELECT key FROM held_keys) AND rule IN ('org_normalised', 'org_capitals')"
    )


def dateline_doubts(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``dateline_doubts(story_id, country)``: a story's dateline country, when another country
    is named (as a country, or as the country the story gives its people) at least as often."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE dateline_doubts AS
        WITH placed AS (
          SELECT story_id, country, sum(mentions) AS n FROM actors
          WHERE country IS NOT NULL AND (kind = 'country' OR country_source = 'story') GROUP BY ALL
        ),
        datelines AS (SELECT DISTINCT story_id, country FROM actors WHERE country_source = 'dateline' AND country IS NOT NULL)
        SELECT d.story_id, d.country FROM datelines d
        WHERE EXISTS (
          SELECT 1 FROM placed o WHERE o.story_id = d.story_id AND o.country <> d.country
            AND o.n >= coalesce((SELECT p.n FROM placed p WHERE p.story_id = d.story_id AND p.country = d.country), 0)
        )"""
    )


def key_tickers(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp tables ``key_tickers(kind, key, tickers)``, the tickers' symbols (before the exchange's suffix) the
    actors of each key carry, and ``formal_keys(kind, key, formal)``, whether a story names the key with a
    legal form ("Harris Corp") in a quarter of its actors or more: :mod:`pipeline.link.entities` refuses an alias that would move a key named as a
    company of its own into another key, unless the two share a ticker or neither has one."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE key_tickers AS
        SELECT a.kind, k.key, list(DISTINCT upper(split_part(a.ticker, '.', 1))) AS tickers FROM actors a JOIN {key_join}
        WHERE regexp_full_match(a.ticker, '{TICKER}') AND k.key IS NOT NULL AND a.kind = 'organization' GROUP BY ALL"""
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE formal_keys AS SELECT a.kind, k.key, "
        f"avg(CASE WHEN k.formal THEN 1 ELSE 0 END) >= {FORMAL_SHARE} AS formal FROM actors a JOIN {key_join} WHERE k.key IS NOT NULL GROUP BY ALL"
    )


def tied_keys(key_join: str) -> str:
    """SQL for the organisation keys an actor carries a ticker of: a listed company's, whatever its name's form."""
    return f"SELECT k.key FROM actors a JOIN {key_join} WHERE a.kind = 'organization' AND k.key IS NOT NULL AND regexp_full_match(a.ticker, '{TICKER}')"


def short_and_case_doubts(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """``name_keys`` updated for two kinds of names one key would join although they name several things:

    * an abbreviation of two or three capitals ("DJ": a Dow Jones sector index and Dow Jones & Co) stays in its
      story, unless a ticker ties it (an actor of its key carries one: "UBS", UBS.N) or a full name does (stories
      give it as another name's alias twice or more: "ECB" of the European Central Bank);
    * names that differ only in letter case ("VeRO", eBay's programme, and "Vero", an Australian insurer; "AMEX"
      and "AmEx") are several names: the casing in most stories keeps the key (a tie goes to the first in
      sort order, so a relink gives the same ids), each other casing keys apart
      (``org_case``), unless an actor of the key carries a ticker. Capitals of a name over five letters are a
      headline's ("FEDERAL RESERVE"), not another casing."""
    tied = tied_keys(key_join)
    con.execute(
        f"""UPDATE name_keys SET key = NULL, rule = 'story_only'
        WHERE kind = 'organization' AND rule = 'org_normalised' AND regexp_full_match(name, '[A-Z]{{2,3}}')
          AND key NOT IN ({tied})
          AND name NOT IN (SELECT alias FROM (SELECT unnest(aliases) AS alias, story_id FROM actors WHERE kind = 'organization')
                           GROUP BY alias HAVING count(DISTINCT story_id) >= 2)"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE case_names AS
        WITH forms AS (
          SELECT k.key, k.name, count(DISTINCT a.story_id) AS n FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' AND k.rule = 'org_normalised' AND NOT (a.name = upper(a.name) AND length(a.name) > 5)
          GROUP BY ALL
        ),
        ambiguous AS (
          SELECT key, lower(name) AS lower_name, first(name ORDER BY n DESC, name) AS kept FROM forms
          WHERE key NOT IN ({tied}) GROUP BY ALL HAVING count(DISTINCT name) >= 2
        )
        SELECT f.key, f.name FROM forms f JOIN ambiguous m ON m.key = f.key AND m.lower_name = lower(f.name) WHERE f.name <> m.kept"""
    )
    con.execute(
        "UPDATE name_keys k SET key = k.key || '|' || k.name, rule = 'org_case' FROM case_names c "
        "WHERE k.kind = 'organization' AND k.key = c.key AND k.name = c.name"
    )


def capitals_tails(con: duckdb.DuckDBPyConnection) -> None:
    """``name_keys`` updated: a name in capitals of two words or more, its legal forms aside, that is the tail of a
    longer name the archive writes in capitals ("CAPITAL RESEARCH" of "CHANNEL CAPITAL RESEARCH", in Reuters'
    lists of economists) stays in its story: capitals hide where a name began, so it may be the longer name cut,
    not the firm named so elsewhere (Capital Research & Management). An acronym ("UBS", "UBS AG") is no cut.
    Reads ``part_names`` of :func:`held_keys`."""
    names = con.execute(
        """SELECT DISTINCT name FROM name_keys WHERE kind = 'organization' AND rule = 'org_normalised'
          AND name = upper(name) AND key IN (SELECT part_key FROM part_names WHERE NOT head AND name = upper(name))"""
    ).fetchall()
    cut = [name for (name,) in names if len(name.split()) >= 2 and len(org_words(name)) >= 2]
    con.execute("UPDATE name_keys SET key = NULL, rule = 'story_only' WHERE kind = 'organization' AND list_contains(?, name)", [cut])


FIRST_NAME_PEOPLE = 5  # full names of the archive starting with a word that make it a given name ("Larry")
FIRST_NAME_RATIO = 3  # ... against full names ending with it: "Morgan", "Ford" are surnames as often


def story_bound_names(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """``name_keys`` updated: organisation names that name no one organisation across stories stay in their story:

    * a bare given name ("Larry": Larry Wachowski in two stories, the commentator Larry So in a third): a word that
      starts five full names of the archive or more, three times as many as it ends, in more stories than the
      organisation's key fills ("Reuters Poll", "Cerberus Capital" typed as people do not make "Reuters" a name);
    * a one-word surname whose key is also a firm's "<Surname> & Co" (``firm_name_tails``), when the people of that
      surname fill more stories than the firm: "Paulson" is Treasury Secretary Henry Paulson as often as Paulson &
      Co; "Merck" stays Merck & Co;
    * a model code ("V-8": ``model_code_patterns``) or an adjective ("Hippocratic", of the Hippocratic oath), with
      no ticker;
    * two names joined by "and", each of two words or more and each an organisation named alone in the archive
      ("NovaStar Financial and Ownit Mortgage Solutions"): a list, not one actor."""
    lexicon = load_json(LEXICON)
    tails = " OR ".join(f"ends_with(trim(name), '{t}')" for t in lexicon["firm_name_tails"])
    tied = tied_keys(key_join)
    names = con.execute(
        f"""WITH people AS (SELECT k.key, a.story_id FROM actors a JOIN {key_join} WHERE a.kind = 'person' AND contains(k.key, ' ')),
        firsts AS (SELECT split_part(key, ' ', 1) AS word, count(DISTINCT key) AS n, count(DISTINCT story_id) AS s FROM people GROUP BY ALL),
        lasts AS (SELECT split_part(key, ' ', -1) AS word, count(DISTINCT key) AS n, count(DISTINCT story_id) AS s FROM people GROUP BY ALL),
        sizes AS (SELECT k.key, count(DISTINCT a.story_id) AS s FROM actors a JOIN {key_join}
                  WHERE a.kind = 'organization' AND k.rule = 'org_normalised' GROUP BY ALL),
        orgs AS (SELECT DISTINCT name, key FROM name_keys WHERE kind = 'organization' AND rule = 'org_normalised')
        SELECT o.name, o.key,
          coalesce(f.n >= {FIRST_NAME_PEOPLE} AND f.n >= {FIRST_NAME_RATIO} * coalesce(l.n, 0) AND f.s > z.s, false) AS given,
          coalesce(l.s > z.s AND o.key IN (SELECT key FROM orgs WHERE {tails}), false) AS surname,
          o.key IN ({tied}) AS tied
        FROM orgs o JOIN sizes z USING (key) LEFT JOIN firsts f ON f.word = o.key LEFT JOIN lasts l ON l.word = o.key"""
    ).fetchall()
    keys = {key for _, key, *_ in names}
    held = [name for name, key, given, surname, tied in names if _bound(name, key, given, surname, tied, keys)]
    con.execute("UPDATE name_keys SET key = NULL, rule = 'story_only' WHERE kind = 'organization' AND list_contains(?, name)", [held])


def _bound(name: str, key: str, given: bool, surname: bool, tied: bool, keys: set[str]) -> bool:
    """Whether one organisation name stays in its story (:func:`story_bound_names`)."""
    from ..nlp import english_adjectives

    lexicon = load_json(LEXICON)
    word = name.strip()
    if word.isalpha() and (given or (surname and not has_legal_form(word))):  # "Wendy's" is a company named for one
        return True
    if any(re.fullmatch(p, word) for p in lexicon["model_code_patterns"]):
        return True
    if not tied and word.isalpha() and word.lower() in english_adjectives() and word.lower().endswith(tuple(lexicon["adjective_suffixes"])):
        return True
    # "NovaStar Financial and Ownit Mortgage Solutions", "Alcatel, Lucent": two names, each named alone in the archive.
    # Two one-word names joined by "and" are as often one name ("Procter and Gamble"); by a comma, no name.
    for joint, words in ((" and ", 2), (", ", 1)):
        parts = word.split(joint)
        partners = joint == ", " and ("&" in word or " and " in word)  # "Clayton, Dubilier & Rice" is one firm
        if len(parts) == 2 and not partners and all(len(p.split()) >= words and p[:1].isupper() and org_key(p) in keys and org_key(p) != key for p in parts):
            return True
    return False
