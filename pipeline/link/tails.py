"""A shared last word is no name: a guard of ``wireclaims link`` (issue 20, session 11, i20o).

``own_long_form``: an organisation keyed by one ordinary English word (or its plural) that ends the names of several
other organisations of the archive (``SHARED_TAIL_KEYS`` keys of two words or more, each in ``SHARED_TAIL_STORIES``
stories: "Airways" ends British Airways, US Airways, Qantas Airways, JetBlue Airways; "Express" ends American Express
and FedEx Express) is, in a story whose actor gives a longer name ending in that word as its own alias ("Airways",
alias "British Airways"; "Airways Group", alias "US Airways Group"), the extractor's cut of that longer name: the
actor keys as the longer name (and goes where the alias map sends it). The one-word key alone would join every airline
whose front word the extractor cut. A longer alias read as a description is not a name: one with a possessive
("Britain's Barclays") or a front word in lower case ("bank UBS", "Swiss bank UBS"). A proper name ending other names
("Chrysler" of "U.S. Chrysler") is not such a word.

``shared_tail``: the other actors of a key that is mostly such a cut stay in their stories ("Airways Inc" of MAXJet,
"Express" of the Indian Express), and no ``alias`` or ``ticker`` edge sends a longer name into the one word.

Measured on the 30,000-story run: docs/archive.md, "Session 11 (i20o)".
"""

from __future__ import annotations

import re
from collections import defaultdict

import duckdb
import pyarrow as pa

from ..writers import query_batches, temp_table
from .keys import org_words

SHARED_TAIL_KEYS = 3  # longer organisation keys a one-word key must end before it is taken for a shared word
SHARED_TAIL_STORIES = 2  # stories each of those keys must fill (one story's slip makes no name)
FRAGMENT_SHARE = 0.5  # share of a shared key's actors giving their longer name that makes the key a cut
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_LONG = pa.schema([("story_id", pa.string()), ("actor_id", pa.string()), ("key", pa.string())])
_TAILS = pa.schema([("tail", pa.string()), ("long_key", pa.string())])


def shared_tails(keyed: list[tuple[str, int]]) -> dict[str, set[str]]:
    """The one-word keys among ``keyed`` (an organisation name and its stories) that end ``SHARED_TAIL_KEYS`` longer
    keys of ``SHARED_TAIL_STORIES`` stories or more each, when the word is an ordinary English word, and those keys
    ("airways": "britishairways", "usairways", "qantasairways", ...)."""
    stories: dict[tuple[str, ...], int] = defaultdict(int)
    for name, n in keyed:
        stories[org_words(name)] += n
    ends: dict[str, set[str]] = defaultdict(set)
    for words, n in stories.items():
        if len(words) >= 2 and n >= SHARED_TAIL_STORIES:
            ends[words[-1]].add("".join(words))
    return {
        w: longer for w, longer in ends.items() if len(longer) >= SHARED_TAIL_KEYS and (w,) in stories and _common_word(w)
    }


def _common_word(word: str) -> bool:
    """Whether a key's one word is an ordinary English word or its plural ("express", "airways", "motors"): a proper
    name ("chrysler", "ubs", "boeing") ends other names as the name of the same company ("U.S. Chrysler")."""
    from ..nlp import english_words  # spaCy's lemma tables, loaded once

    words = english_words()
    return word in words or (word.endswith("s") and word[:-1] in words)


def long_form(name: str, aliases: list[str], known: set[str]) -> str | None:
    """The key of the one longer name among an actor's own ``aliases`` that ends in its name's words, is among the
    ``known`` keys (a name other stories' actors carry: "U.S. Boeing" is no company) and reads as a name, not a
    description (no possessive, every front word capitalised): "britishairways" of "Airways" with "British Airways";
    None when there is none, or two."""
    words = org_words(name)
    keys = set()
    for alias in aliases:
        longer = org_words(alias)
        if len(longer) <= len(words) or longer[-len(words) :] != words or not _reads_as_name(alias):
            continue
        front = alias.split()[: max(len(alias.split()) - len(name.split()), 1)]
        if all(w[:1].isupper() or w[:1].isdigit() for w in front) and "".join(longer) in known:
            keys.add("".join(longer))
    return keys.pop() if len(keys) == 1 else None


def find_shared_tails(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``shared_tails(tail, long_key)``: the organisations' shared one-word keys and the longer keys they end,
    from the actors' names and their aliases that read as names (British Airways is in the run mostly as "Airways"
    with the alias "British Airways": the extractor takes "British" for a nationality)."""
    keyed = con.execute(
        f"""WITH named AS (
          SELECT a.story_id, a.name, a.aliases FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' AND k.key IS NOT NULL AND k.rule IN ('org_normalised', 'org_capitals')
        )
        SELECT name, count(DISTINCT story_id) FROM (
          SELECT story_id, name FROM named UNION SELECT story_id, unnest(aliases) FROM named
        ) GROUP BY name"""
    ).fetchall()
    names = [(name, n) for name, n in keyed if name and _reads_as_name(name)]
    rows = [{"tail": w, "long_key": k} for w, longer in sorted(shared_tails(names).items()) for k in sorted(longer)]
    temp_table(con, "shared_tails", rows, _TAILS)


def _reads_as_name(name: str) -> bool:
    """Whether a name or an alias reads as a name, not a description: no possessive before its last word ("Britain's
    Barclays"; "US Airways Group Inc.'s" is a name), first word capitalised."""
    return not _POSSESSIVE.search(name.rstrip("'\u2019s")) and (name[:1].isupper() or name[:1].isdigit())


def refuse_tail_aliases(con: duckdb.DuckDBPyConnection) -> None:
    """Remove from ``alias_map`` the ``alias`` and ``ticker`` edges into a shared one-word key from a longer key it ends
    ("britishairways" and "usairways" into "airways"; BAY.L sent the first), adding them to ``refused_aliases`` (rule
    ``shared_tail``): the one word would hold every airline whose front word the extractor cut. Its actors join a longer
    name by :func:`own_long_forms`."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _tail_edges AS SELECT m.kind, m.alias_key, m.target_key, 'shared_tail' AS rule "
        "FROM alias_map m JOIN shared_tails t ON t.tail = m.target_key AND t.long_key = m.alias_key "
        "WHERE m.kind = 'organization' AND m.rule IN ('alias', 'ticker')"
    )
    # One row per key there (the actors' rule): a key whose alias edge was refused already keeps that rule.
    con.execute("INSERT INTO refused_aliases SELECT * FROM _tail_edges e WHERE NOT EXISTS "
                "(SELECT 1 FROM refused_aliases r WHERE r.kind = e.kind AND r.alias_key = e.alias_key)")
    con.execute(
        "DELETE FROM alias_map m WHERE EXISTS (SELECT 1 FROM _tail_edges e WHERE e.kind = m.kind AND e.alias_key = m.alias_key)"
    )


def own_long_forms(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``own_long_forms(story_id, actor_id, key)``: the actors of a shared one-word key (see the module) whose
    own alias gives a longer name it ends, and that name's key, followed through ``alias_map`` (built before this runs)."""
    known: dict[str, set[str]] = defaultdict(set)
    for tail, long_key in con.execute("SELECT tail, long_key FROM shared_tails").fetchall():
        known[tail].add(long_key)
    rows = []
    batches = con.sql(
        f"SELECT a.story_id, a.actor_id, a.name, a.aliases, k.key FROM actors a JOIN {key_join} "
        "WHERE a.kind = 'organization' AND len(a.aliases) > 0 AND k.key IN (SELECT tail FROM shared_tails)"
    )
    for batch in query_batches(batches):
        for r in batch.to_pylist():
            key = long_form(r["name"], r["aliases"], known[r["key"]])
            if key:
                rows.append({"story_id": r["story_id"], "actor_id": r["actor_id"], "key": key})
    temp_table(con, "_own_long", rows, _LONG)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE own_long_forms AS SELECT o.story_id, o.actor_id, coalesce(m.target_key, o.key) AS key "
        "FROM _own_long o LEFT JOIN alias_map m ON m.kind = 'organization' AND m.alias_key = o.key"
    )
    _tail_strays(con, key_join)


def _tail_strays(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``tail_strays(story_id, actor_id)``: the other actors of a shared one-word key that is mostly a cut
    (``FRAGMENT_SHARE`` of its actors give their longer name: 245 of the 262 of the run's "airways"), unless the key
    carries one ticker alone (a listed company's name: "Apparel Group Inc.", JNY.N). Their story names no longer form
    ("Airways Inc" of MAXJet, "Express" of the Indian Express): each stays in its story, like a bare surname."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE tail_strays AS
        WITH t AS (
          SELECT a.story_id, a.actor_id, k.key, ol.key IS NOT NULL AS cut FROM actors a JOIN {key_join}
          LEFT JOIN own_long_forms ol ON ol.story_id = a.story_id AND ol.actor_id = a.actor_id
          WHERE a.kind = 'organization' AND k.key IN (SELECT tail FROM shared_tails)
        ),
        cuts AS (SELECT key FROM t GROUP BY key HAVING avg(CASE WHEN cut THEN 1 ELSE 0 END) >= {FRAGMENT_SHARE})
        SELECT story_id, actor_id FROM t WHERE NOT cut AND key IN (SELECT key FROM cuts)
          AND key NOT IN (SELECT key FROM key_tickers WHERE kind = 'organization' AND len(tickers) = 1)"""
    )
