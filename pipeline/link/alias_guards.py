"""Four guards of ``wireclaims link`` against a name joining the entity of another actor it is only written like.

* ``glued_person``: an organisation's name that runs on, past a title the extractor glued to it, into a person's full
  name the archive knows ("Countrywide Chief Executive Angelo Mozilo", "Citi Chief Executive Vikram Pandit") is that
  person's mention, not the firm's: it stays in its story. (A glued title alone, "Countrywide Chief Executive", still
  keys as the firm: ``org_cut_at``.)

The ``alias`` rule joins a key to another for the whole archive; three guards read the names it joins:

* ``unlike_alias``: an organisation's ``alias`` edge joins two names only when one can be written from the other: the
  shorter name's letters are prefixes of the longer name's words, in order, each word giving a prefix or nothing
  ("JPMorgan" of "JPMorgan Chase", "BofA" of "Bank of America", "MBA" of "Mortgage Bankers Association", "AmEx" of
  "American Express", "Wal-Mart" of "Wal Mart Stores"). An extractor that runs two names of a list together in one
  story makes aliases no reader would: "U.S. Bancorp" as the alias of Fifth Third Bancorp (they share "Bancorp").
  Such an edge is refused and the key stays
  its own (``link_rule`` ``unlike_alias``). An acronym is not tested: its letters may stand for words a name leaves
  out ("KFTC", Korea's Fair Trade Commission), an inner letter ("DIFX") or another language's words ("SPD"), nor is
  a name an acronym of three letters or more leads ("PJC) Inc.", Jean Coutu's ticker cut from "Jean Coutu Group (PJC)").
* ``alias_country``: an ``alias`` edge between two organisations the stories place in two countries (each key in one
  country in three stories or more and three quarters of those placing it) is refused: Prudential Financial (USA) is
  not Prudential plc (Britain), though stories give "Prudential" as its short name.
* ``group_apart``: a name with a group word (``group_words``: "Hyundai Group", "Apollo Group") whose key the alias rule
  sends to a longer name that starts with it ("Hyundai Motor", "Apollo Management") is the group, or another firm,
  not that company: it keeps its own key. A bare "Hyundai" still goes to Hyundai Motor, and a name that starts the
  target's whole, group word and all ("Interpublic Group" of "Interpublic Group of Companies"), is that company.

Measured on the 30,000-story run: docs/archive.md, "Session 10 (i20l)".
"""

from __future__ import annotations

import re
from functools import lru_cache

import duckdb
import pyarrow as pa

from ..resources import word_set
from ..writers import temp_table
from .keys import LEXICON, person_key

NAMES_PER_KEY = 30  # distinct names of a key tried against the other key's (the shortest first): enough variants
_WORD = re.compile(r"[a-z0-9]+")
# An acronym ("KFTC", "SAMA", "DIFX"): its letters may stand for words a name leaves out (a country: Korea's Fair
# Trade Commission) or for a word's inner letter ("X" of Exchange), or for another language's words ("SPD").
_ACRONYM = re.compile(r"[A-Z&.\-]{2,7}|[A-Z&]{3,7}\W*(?:\s.*)?")  # or a name led by one: "PJC) Inc." (Jean Coutu's ticker)
_GROUPS = "[" + ", ".join(f"'{w}'" for w in sorted(word_set(LEXICON, "group_words"))) + "]"
_REFUSED = pa.schema([("kind", pa.string()), ("alias_key", pa.string()), ("target_key", pa.string()), ("rule", pa.string())])
COUNTRY_STORIES = 3  # stories that must place a key in its country before two countries keep an alias apart
COUNTRY_SHARE = 0.75  # ... and their share of the stories placing it (a dateline's country aside)


@lru_cache(maxsize=1 << 16)
def _prefixes(short: str, words: tuple[str, ...]) -> bool:
    """Whether ``short`` is made of a prefix (maybe empty) of each of ``words`` in order."""
    if not short:
        return True
    if not words:
        return False
    head, rest = words[0], words[1:]
    longest = next((i for i, (a, b) in enumerate(zip(short, head)) if a != b), min(len(short), len(head)))
    return any(_prefixes(short[n:], rest) for n in range(longest, -1, -1))


def abbreviates(short: str, long: str) -> bool:
    """Whether one of two names can be written from the other (see the module): its letters prefixes of the other's words."""
    a, b = "".join(_WORD.findall(short.lower())), tuple(_WORD.findall(long.lower()))
    if len(a) > len("".join(b)):
        a, b = "".join(b), tuple(_WORD.findall(short.lower()))
    return bool(a) and _prefixes(a, b)


def _names(con: duckdb.DuckDBPyConnection, keys: set[str]) -> dict[str, list[str]]:
    """The organisation names of each key (the shortest ``NAMES_PER_KEY``), and the key itself as a one-word name."""
    con.execute("CREATE OR REPLACE TEMP TABLE _wanted AS SELECT unnest(?::VARCHAR[]) AS key", [sorted(keys)])
    rows = con.execute(
        "SELECT key, list(name ORDER BY length(name), name)[:?] FROM (SELECT DISTINCT key, name FROM name_keys "
        "WHERE kind = 'organization' AND key IN (SELECT key FROM _wanted) AND name IS NOT NULL) GROUP BY key",
        [NAMES_PER_KEY],
    ).fetchall()
    names = {key: [key] for key in keys}
    for key, listed in rows:
        names[key] = [key, *listed]
    return names


def _country_apart(con: duckdb.DuckDBPyConnection, key_join: str) -> set[tuple[str, str]]:
    """The organisations' ``alias`` edges whose two keys the stories place in two countries: each key in one country
    in ``COUNTRY_STORIES`` stories and ``COUNTRY_SHARE`` of those placing it (a dateline's country aside)."""
    return set(con.execute(
        f"""WITH placed AS (
          SELECT k.key, a.country, count(DISTINCT a.story_id) AS n FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' AND a.country IS NOT NULL AND a.country_source <> 'dateline' AND k.key IS NOT NULL
            AND k.key IN (SELECT alias_key FROM alias_map UNION SELECT target_key FROM alias_map) GROUP BY ALL
        ),
        home AS (SELECT key, arg_max(country, n) AS country FROM placed GROUP BY key
                 HAVING max(n) >= {COUNTRY_STORIES} AND max(n) >= {COUNTRY_SHARE} * sum(n))
        SELECT m.alias_key, m.target_key FROM alias_map m JOIN home s ON s.key = m.alias_key JOIN home t ON t.key = m.target_key
        WHERE m.kind = 'organization' AND m.rule = 'alias' AND s.country <> t.country"""
    ).fetchall())


def refuse_unlike_aliases(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Remove from ``alias_map`` the organisations' ``alias`` edges whose two keys' names are not written one from the
    other (``unlike_alias``) or that the stories place in two countries (``alias_country``); temp table
    ``refused_aliases(kind, alias_key, target_key, rule)`` keeps them (their actors' rule)."""
    edges = con.execute("SELECT alias_key, target_key FROM alias_map WHERE kind = 'organization' AND rule = 'alias'").fetchall()
    names = _names(con, {k for edge in edges for k in edge})
    apart = _country_apart(con, key_join)
    refused = []
    for a, t in edges:
        if (a, t) in apart:
            refused.append({"kind": "organization", "alias_key": a, "target_key": t, "rule": "alias_country"})
        elif not any(_ACRONYM.fullmatch(x) for x in names[a] + names[t]) and not any(abbreviates(x, y) for x in names[a] for y in names[t]):
            refused.append({"kind": "organization", "alias_key": a, "target_key": t, "rule": "unlike_alias"})
    temp_table(con, "refused_aliases", refused, _REFUSED)
    con.execute(
        "DELETE FROM alias_map m WHERE m.kind = 'organization' AND m.rule = 'alias' AND EXISTS "
        "(SELECT 1 FROM refused_aliases r WHERE r.alias_key = m.alias_key AND r.target_key = m.target_key)"
    )


def _glued_person(name: str, people: set[str], cut_at: frozenset[str]) -> bool:
    """Whether ``name`` runs past a glued title word (``org_cut_at``: "Chief") and a title word or more into the full
    name (two or three words) of a person in ``people``."""
    words = name.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in cut_at), None)
    if cut is None:
        return False
    tail = words[cut + 1 :]
    return any(len(tail) > n and person_key(" ".join(tail[-n:])) in people for n in (2, 3))


def glued_people(con: duckdb.DuckDBPyConnection) -> None:
    """In ``name_keys``: an organisation's name that holds a title and a person's full name (see the module) keys
    nothing, by rule ``glued_person``."""
    cut_at = word_set(LEXICON, "org_cut_at")
    pattern = "(?i)\\b(?:" + "|".join(sorted(cut_at)) + ")\\b"
    names = [n for (n,) in con.execute(
        f"SELECT DISTINCT name FROM name_keys WHERE kind = 'organization' AND key IS NOT NULL AND regexp_matches(name, '{pattern}')").fetchall()]
    if not names:
        return
    people = {k for (k,) in con.execute("SELECT DISTINCT key FROM name_keys WHERE kind = 'person' AND key IS NOT NULL").fetchall()}
    glued = [n for n in names if _glued_person(n, people, cut_at)]
    con.execute(
        "UPDATE name_keys SET key = NULL, rule = 'glued_person' WHERE kind = 'organization' AND list_contains(?::VARCHAR[], name)", [glued]
    )


def group_apart(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``group_apart(story_id, actor_id, key)``: actors named as a group that the alias map would send to a
    longer name starting with their key, and the key they keep (their own)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE group_apart AS
        SELECT a.story_id, a.actor_id, k.key FROM actors a JOIN {key_join}
        JOIN alias_map m ON m.kind = a.kind AND m.alias_key = k.key AND m.rule = 'alias'
        WHERE a.kind = 'organization' AND list_contains({_GROUPS}, lower(split_part(trim(a.name), ' ', -1)))
          AND starts_with(m.target_key, k.key) AND m.target_key <> k.key
          -- the whole name, group word and all, starting the target's is that company: "Interpublic Group (of Companies)"
          AND NOT starts_with(m.target_key, regexp_replace(lower(a.name), '[^a-z0-9]', '', 'g'))"""
    )
