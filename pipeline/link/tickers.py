"""The ``ticker`` sieve of ``wireclaims link``: two names of one company that carry its stock ticker.

"Apple Computer Inc." and "Apple Inc" (AAPL.O), "Harley-Davidson Motor Co." and "Harley-Davidson Inc"
(HOG.N), "Builder Lennar Corp" and "Lennar" (LEN.N) are one company under two keys. A key moves to the
key with the most stories among those whose actors carry the same ticker, when:

* the ticker is the key's own: three quarters of its actors that carry a well-formed ticker carry this
  one (not a glued "NT.TONT.N"), its actors named as a list ("Tata Motors, Mahindra & Mahindra Ltd",
  "Nortel and Lucent", "LaSalle to Bank of America") aside, and a fifth of all its actors do ("Dow", mostly the index, is not Dow Chemical for the few that carry
  DOW.N);
* one name holds the other, at its start or end, or with a plural's "s" ("Nasdaq Stock Markets"). Before
  it, the longer may add ordinary English words that name no unit ("Builder Lennar Corp", "Shares of
  Talbots Inc", "Drugmaker Mylan"; not "Yahoo to Time Warner", not ``unit_words`` such as "Securities");
  after it, only ``company_words`` ("Apple Computer" = "Apple Inc", "Whole Foods Market" = "Whole
  Foods"): other words after a name make a unit or a product ("UBS Securities", which carries the
  parent's UBS.N; "Boeing Commercial Airplanes", "Microsoft Windows Vista", "Sony Ericsson").
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..resources import word_set
from .doubts import TICKER
from .keys import LEXICON, org_words

TICKER_SHARE = 0.75  # share of a key's ticker-carrying actors that must carry one ticker for it to be the key's
CARRIED_SHARE = 0.2  # and of all its actors: "Dow", mostly the index, is not Dow Chemical for the few that carry DOW.N
_MAP = pa.schema([("kind", pa.string()), ("alias_key", pa.string()), ("target_key", pa.string())])


def _adds(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[list[str], list[str]] | None:
    """The words ``long`` adds before and after ``short`` when it holds it at its start or its end ("s" of a
    plural counts as nothing), else None."""
    joined, inner = "".join(long), "".join(short)
    if joined == inner + "s":
        return [], []
    for at in range(1, len(long)):
        if "".join(long[:at]) == inner:
            return [], list(long[at:])
        if "".join(long[at:]) == inner:
            return list(long[:at]), []
    return None


def _same_company(short: str, long: str) -> bool:
    """Whether two names that carry one ticker are one company by their words (see the module's rules)."""
    from ..nlp import english_words  # spaCy's tables: loaded only when two keys share a ticker

    added = _adds(org_words(short), org_words(long))
    if added is None:
        return False
    before, after = added
    ordinary = english_words() | word_set(LEXICON, "generic_words")
    return (
        all(w in ordinary for w in before)
        and not set(before) & word_set(LEXICON, "unit_words")
        and set(after) <= word_set(LEXICON, "company_words")
    )


def ticker_map(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``ticker_map(kind, alias_key, target_key)``: organisation keys that go to another key by
    their shared ticker. Keys the ``alias`` sieve moves, or moves others to, are left to it."""
    rows = con.execute(
        f"""WITH carried AS (
          SELECT k.key, upper(a.ticker) AS ticker, count(*) AS n, min(a.name) AS name FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' AND k.key IS NOT NULL AND regexp_full_match(a.ticker, '{TICKER}')
            AND NOT regexp_matches(a.name, ',| and | to |/') GROUP BY ALL
        ),
        sizes AS (
          SELECT k.key, count(DISTINCT a.story_id) AS n, count(*) AS actors FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' GROUP BY ALL
        ),
        own AS (
          SELECT c.key, first(c.ticker ORDER BY c.n DESC, c.ticker) AS ticker, first(c.name ORDER BY c.n DESC, c.name) AS name FROM carried c JOIN sizes s USING (key)
          GROUP BY c.key HAVING max(c.n) >= {TICKER_SHARE} * sum(c.n) AND max(c.n) >= {CARRIED_SHARE} * any_value(s.actors)
        )
        SELECT o.ticker, o.key, o.name, s.n FROM own o JOIN sizes s USING (key)
        WHERE o.key NOT IN (SELECT alias_key FROM alias_map UNION SELECT target_key FROM alias_map)
          AND o.ticker IN (SELECT ticker FROM own GROUP BY ticker HAVING count(*) >= 2)
        ORDER BY o.ticker, s.n DESC, o.key"""
    ).fetchall()
    targets: dict[str, tuple[str, str]] = {}
    moves = []
    for ticker, key, name, _ in rows:
        if ticker not in targets:
            targets[ticker] = (key, name)
            continue
        target_key, target_name = targets[ticker]
        short, long = sorted((name, target_name), key=lambda n: len("".join(org_words(n))))
        if _same_company(short, long):
            moves.append({"kind": "organization", "alias_key": key, "target_key": target_key})
    con.register("ticker_arrow", pa.Table.from_pylist(moves, schema=_MAP))
    con.execute("CREATE OR REPLACE TEMP TABLE ticker_map AS SELECT * FROM ticker_arrow")
    con.unregister("ticker_arrow")
