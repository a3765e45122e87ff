"""Short names the archive uses for two actors or more: the ``ambiguous_short`` rule of ``wireclaims link``.

A short name is a one-word name or an acronym ("Volvo", "FSA", "Amazon"). Its senses are measured on the run
itself, not listed: each long form that stories expand it to (an actor whose ``aliases`` give the short name:
"Financial Services Authority" and "Financial Security Assurance" for "FSA"; "Volvo Cars" for "Volvo"), taken
where the other sieves send it, and the short name's own company when its actors carry a legal form or a ticker
("AB Volvo", VOLVb.ST). A long form built on the short name is a sense of its own when it carries a ticker or a
legal form (in a quarter of its actors, or in two stories: "Bain Capital LLC" beside "Bain & Co."). Long forms that share a ticker are one sense ("Honda Motor Co" and "Honda", HMC), and so
are two that differ by a plural's "s" ("Volvo Car", "Volvo Cars").

A short name is ambiguous when a second sense holds a real share of the stories that expand it or name it as a
company (``SENSE_STORIES`` stories and ``SENSE_SHARE`` of them; one stray story is no sense). Then:

* an actor of the short name named with a legal form or a group word ("AB Volvo", "Virgin Group") is the short name's
  own company; else it joins the
  sense its ticker names; else the one sense its story names (the long form an actor of the story carries, or gives
  the short name as an alias of), else the one sense placed in the country its story or dateline gives it
  (``short_expansion``); else, carrying a ticker, the short name's own company; else the sense that holds
  ``DOMINANT_SHARE`` of the stories; else it stays in its story (``ambiguous_short``): "Mitsubishi" with no long form
  beside it could be Mitsubishi Corp., Heavy Industries or Motors;
* no ``alias`` edge joins a long form into the short name when that long form is another sense ("Volvo Cars" is not
  AB Volvo).

A short name with one sense (Chrysler, Airbus, "NYSE" and NYSE Group by their ticker) links as before.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import duckdb
import pyarrow as pa

from ..resources import word_set
from ..writers import temp_table
from .doubts import TICKER
from .keys import LEXICON

SENSE_STORIES = 2  # stories a second sense of a short name must hold: one story may be the extractor's slip
SENSE_SHARE = 0.1  # ... and its share of the stories of all the senses
VARIANT_RATIO = 0.9  # similarity of two long forms' keys that makes them one name spelt two ways
VARIANT_LETTERS = 12  # ... when both are this long: "sktelecom" and "skenergy" are two companies
DOMINANT_SHARE = 0.75  # share of a short name's stories its first sense holds when a bare mention no story resolves goes to it
_SENSES = pa.schema(
    [("short", pa.string()), ("member", pa.string()), ("sense", pa.string()), ("own", pa.bool_()), ("dominant", pa.bool_()), ("stories", pa.int64())]
)
# "Virgin Group", "Alibaba Group": the short name's own company by name, as a legal form makes it ("group_words").
_GROUPS = "[" + ", ".join(f"'{w}'" for w in sorted(word_set(LEXICON, "group_words"))) + "]"
_SYMBOL = f"CASE WHEN regexp_full_match(a.ticker, '{TICKER}') THEN upper(split_part(a.ticker, '.', 1)) END"


def _members(con: duckdb.DuckDBPyConnection, key_join: str) -> list[tuple[str, str, str, int]]:
    """(short, member, resolved, stories): each long form (member) stories expand a short key to, where the sieves send
    it (resolved), and the short key itself as a company of its own (named with a legal form, or carrying a ticker)."""
    return con.execute(
        f"""WITH shorts AS (
          SELECT DISTINCT key FROM name_keys WHERE kind = 'organization' AND rule = 'org_normalised' AND key IS NOT NULL
            AND NOT contains(trim(name), ' ')
        ),
        given AS (
          SELECT p.alias_key AS short, p.target_key AS member, coalesce(m.target_key, p.target_key) AS resolved, p.story_id
          FROM alias_pairs p JOIN shorts s ON s.key = p.alias_key
          LEFT JOIN alias_map m ON m.kind = p.kind AND m.alias_key = p.target_key AND m.target_key <> p.alias_key
          WHERE p.kind = 'organization'
        ),
        companies AS (  -- short keys some actor names as a company: with a legal form or a ticker
          SELECT DISTINCT k.key FROM actors a JOIN {key_join} JOIN shorts s ON s.key = k.key
          WHERE a.kind = 'organization' AND (k.formal OR {_SYMBOL} IS NOT NULL)
        ),
        own AS (  -- such a short key's own company holds every story that names the short key
          SELECT k.key AS short, k.key AS member, coalesce(m.target_key, k.key) AS resolved, a.story_id FROM actors a JOIN {key_join}
          JOIN companies c ON c.key = k.key LEFT JOIN alias_map m ON m.kind = 'organization' AND m.alias_key = k.key
          WHERE a.kind = 'organization'
        )
        SELECT short, member, resolved, count(DISTINCT story_id) AS n FROM (SELECT * FROM given UNION ALL SELECT * FROM own)
        WHERE short IN (SELECT short FROM given) GROUP BY ALL ORDER BY ALL"""
    ).fetchall()


def _variant(a: str, b: str) -> bool:
    """Whether two long forms are one name spelt two ways ("Organisation"/"Organization for Economic Co-operation and
    Development"): their keys, letters only, nearly the same."""
    if a.partition("|")[2] != b.partition("|")[2]:  # Britain's and Sweden's Financial Services Authority are two
        return False
    return min(len(a), len(b)) >= VARIANT_LETTERS and SequenceMatcher(None, a, b, autojunk=False).ratio() >= VARIANT_RATIO


def _holds(a: str, b: str, short: str) -> bool:
    """Whether one of two long forms (not the short key itself: "SK" starts "SK Telecom") starts the other."""
    return short not in (a, b) and (a.startswith(b) or b.startswith(a))


def _groups(short: str, members: list[tuple[str, str, int]], tickers: dict[str, set[str]]) -> list[tuple[set[str], set[str], list[tuple[str, str, int]]]]:
    """The members of one short key grouped into senses, as (keys, ticker symbols, members): resolved keys that share a
    ticker, differ by a plural's "s", are spelt two ways, or where one long form starts the other ("Bain Capital",
    "Bain Capital Partners") are one sense."""
    groups: list[tuple[set[str], set[str], list[tuple[str, str, int]]]] = []
    for member, resolved, n in members:
        keys = {resolved, resolved[:-1] if resolved.endswith("s") else resolved + "s"}
        symbols = tickers.get(member, set()) if member == resolved else tickers.get(resolved, set()) | tickers.get(member, set())
        hits = [g for g in groups if g[0] & keys or g[1] & symbols or any(_variant(resolved, key) or _holds(resolved, key, short) for key in g[0])]
        merged = (keys.union(*(g[0] for g in hits)), symbols.union(*(g[1] for g in hits)), [(member, resolved, n)] + [m for g in hits for m in g[2]])
        groups = [g for g in groups if not any(g is h for h in hits)] + [merged]
    return groups


def _actor_senses(short: str, members: list[tuple[str, str, int]], tickers: dict[str, set[str]], formal: set[str]) -> list[tuple[list, int, bool]]:
    """The senses of one short key that name an actor of their own, largest first, as (members, stories, own): the short
    key's own company, a long form with a ticker or a legal form of its own ("Volvo Car Corp"), or one that does not hold
    the short name ("Financial Security Assurance" for "FSA"). A long form built on the short name with neither ("Chrysler
    Aspen", "Disney Channel", "post-Enron") is a product, a unit or a phrase of that actor, not another one."""
    senses = []
    for keys, symbols, group in _groups(short, members, tickers):
        own = any(member == short for member, *_ in group)
        if own or symbols or keys & formal or not any(short in key for key in keys):
            senses.append((group, sum(n for *_, n in group), own))
    return sorted(senses, key=lambda s: -s[1])


def _ambiguous(rows: list[tuple[str, str, str, int]], tickers: dict[str, set[str]], formal: set[str]) -> list[dict]:
    """Rows of ``short_senses`` (see :func:`short_senses`) for the short keys whose second sense holds a real share."""
    by_short: dict[str, list[tuple[str, str, int]]] = {}
    for short, member, resolved, n in rows:
        by_short.setdefault(short, []).append((member, resolved, n))
    out = []
    for short, members in by_short.items():
        senses = _actor_senses(short, members, tickers, formal)
        total = sum(n for _, n, _ in senses)
        if len(senses) < 2 or senses[1][1] < SENSE_STORIES or senses[1][1] < SENSE_SHARE * total:
            continue
        for rank, (group, size, own) in enumerate(senses):
            owned = [resolved for member, resolved, _ in group if member == short]  # the short key's own company: where it goes
            sense = owned[0] if owned else max(group, key=lambda m: (m[2], m[1]))[1]  # else where the most told long form goes
            dominant = rank == 0 and size >= DOMINANT_SHARE * total
            out += [{"short": short, "member": m, "sense": sense, "own": own, "dominant": dominant, "stories": size}
                    for m in sorted({x for member, resolved, _ in group for x in (member, resolved)})]
    return out


def short_senses(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``short_senses(short, member, sense, own, stories)``: for each ambiguous short key, the keys (``member``) that
    name one of its senses and the key that sense links by; ``own`` when the sense is the short key's own company; ``stories`` the sense's stories.
    The ``alias`` edges that join another sense's long form into the short key are removed from ``alias_map``."""
    tickers = {key: set(symbols) for key, symbols in con.execute("SELECT key, tickers FROM key_tickers WHERE kind = 'organization'").fetchall()}
    # A short key's own ticker is the one its names with a legal form carry most ("NYSE Group Inc.", NYX), else its
    # actors: a bare "Continental" carrying CAL.N is the airline's, a bare "NYSE" carrying IBM.N a listed stock's.
    tickers |= {key: {symbol} for key, symbol in con.execute(
        f"SELECT k.key, coalesce(mode({_SYMBOL}) FILTER (WHERE k.formal), mode({_SYMBOL})) FROM actors a JOIN {key_join} "
        f"WHERE a.kind = 'organization' AND {_SYMBOL} IS NOT NULL AND k.key IN (SELECT alias_key FROM alias_pairs) GROUP BY ALL").fetchall()}
    formal = {key for (key,) in con.execute("SELECT key FROM formal_keys WHERE kind = 'organization' AND formal").fetchall()}
    # A long form named with a legal form in SENSE_STORIES stories is a company of its own, however often it is named
    # without ("Bain Capital LLC", "Bain Capital Partners LLC" beside "Bain & Co."); a product never carries one.
    formal |= {key for (key,) in con.execute(
        f"SELECT k.key FROM actors a JOIN {key_join} WHERE a.kind = 'organization' AND k.formal AND k.key IS NOT NULL "
        f"GROUP BY ALL HAVING count(DISTINCT a.story_id) >= {SENSE_STORIES}").fetchall()}
    temp_table(con, "short_senses", _ambiguous(_members(con, key_join), tickers, formal), _SENSES)
    con.execute(
        "DELETE FROM alias_map m WHERE m.kind = 'organization' AND EXISTS "
        "(SELECT 1 FROM short_senses s WHERE s.short = m.target_key AND s.member = m.alias_key AND NOT s.own)"
    )


def short_links(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """Temp table ``short_links(story_id, actor_id, key, rule)``: each actor of an ambiguous short key, and the key it
    links by, in the order of the module's list, and the rule: ``short_expansion`` where its ticker, story or country
    chose; ``alias`` (or its own key's rule) where it went to its own company or the dominant sense; ``ambiguous_short``
    (no key: it stays in its story) where nothing chose."""
    short_senses(con, key_join)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE short_links AS
        WITH sa AS (
          SELECT a.story_id, a.actor_id, k.key AS short, {_SYMBOL} AS symbol,
            k.formal OR list_contains({_GROUPS}, lower(split_part(trim(a.name), ' ', -1))) AS formal FROM actors a JOIN {key_join}
          WHERE a.kind = 'organization' AND k.key IN (SELECT short FROM short_senses)
        ),
        named AS (  -- the senses a story expands the short name to: a long form it gives the short name as alias. Naming a
          -- long form is not enough: "NYSE" beside Euronext in a story of their merger is the NYSE.
          SELECT DISTINCT p.story_id, s.short, s.sense FROM alias_pairs p JOIN short_senses s ON s.short = p.alias_key AND s.member = p.target_key
        ),
        by_ticker AS (
          SELECT sa.story_id, sa.actor_id, list(DISTINCT s.sense) AS senses FROM sa JOIN short_senses s ON s.short = sa.short
          JOIN key_tickers t ON t.kind = 'organization' AND t.key = s.member AND list_contains(t.tickers, sa.symbol)
          WHERE s.member <> sa.short GROUP BY ALL  -- the short key's own tickers mix its senses: its own company is the default
        ),
        by_story AS (
          SELECT sa.story_id, sa.actor_id, list(DISTINCT n.sense) AS senses FROM sa JOIN named n USING (story_id, short) GROUP BY ALL
        ),
        placed AS (  -- each sense's country: the one most of its long forms' actors carry (the short key's own when named as a company)
          SELECT s.short, s.sense, mode(a.country) AS country FROM actors a JOIN {key_join} JOIN short_senses s ON s.member = k.key
          WHERE a.kind = 'organization' AND a.country IS NOT NULL AND (k.key <> s.short OR k.formal OR {_SYMBOL} IS NOT NULL) GROUP BY ALL
        ),
        by_country AS (  -- the country the actor's story or dateline gives it (a country known for the name alone tells nothing)
          SELECT a.story_id, a.actor_id, list(DISTINCT p.sense) AS senses FROM actors a JOIN sa USING (story_id, actor_id)
          JOIN placed p ON p.short = sa.short AND p.country = a.country WHERE a.country_source IN ('story', 'dateline') GROUP BY ALL
        ),
        own AS (SELECT DISTINCT short, sense FROM short_senses WHERE own),
        dominant AS (SELECT DISTINCT short, sense FROM short_senses WHERE dominant),
        chosen AS (  -- a legal form ("AB Volvo") names the short key's own company whatever its story names
          SELECT sa.story_id, sa.actor_id, sa.short, CASE WHEN len(t.senses) = 1 THEN t.senses[1] END AS by_ticker,
            CASE WHEN sa.formal THEN o.sense END AS formal,
            CASE WHEN len(b.senses) = 1 THEN b.senses[1] WHEN b.senses IS NULL AND len(c.senses) = 1 THEN c.senses[1] END AS told,
            CASE WHEN sa.symbol IS NOT NULL THEN o.sense END AS listed, d.sense AS dominant
          FROM sa LEFT JOIN by_ticker t USING (story_id, actor_id) LEFT JOIN by_story b USING (story_id, actor_id)
          LEFT JOIN by_country c USING (story_id, actor_id) LEFT JOIN own o ON o.short = sa.short LEFT JOIN dominant d ON d.short = sa.short
        ),
        keyed AS (SELECT *, coalesce(formal, by_ticker, told, listed, dominant) AS key FROM chosen)
        SELECT story_id, actor_id, key,
          CASE WHEN key IS NULL THEN 'ambiguous_short' WHEN key = short THEN 'org_normalised'
               WHEN formal IS NULL AND coalesce(by_ticker, told) IS NOT NULL THEN 'short_expansion' ELSE 'alias' END AS rule
        FROM keyed"""
    )
