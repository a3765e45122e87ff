"""Which entity each story actor is: the sieves of ``wireclaims link``, in DuckDB.

Every actor gets a key (:mod:`pipeline.link.keys`); the guards of :mod:`pipeline.link.doubts`
hold some keys in their stories (a cut part of several names, a plural, headline capitals, an
institution's doubtful dateline country); then four rules that look across stories may change
it, in this order:

1. ``alias``: two keys that two stories or more give as one another's alias in the
   actors' ``aliases`` column ("JPMorgan" listed as the alias of "JPMorgan Chase & Co")
   are one entity, under the key more stories use. An alias of several keys links to
   one only when it holds three quarters of the alias's stories; a name does not go into
   a more frequent alias that stories name alone over three times as often as they give
   it as the alias ("Prudential", the British insurer, for Prudential Financial); a
   name's tail of two words or more, or a surname, is not its alias ("Bank of China" for ICBC),
   and a name does not go into its one-word tail ("Sony Ericsson" into "Ericsson"); a name with
   a legal form of its own goes into another only when they share a ticker or neither has one
   (Harris Corp is not Harris Associates); a key that would go to two keys links nothing; a
   key others go to is not moved on.
1b. ``ticker``: a key whose own ticker another key carries too, when one name holds the other
   (:mod:`pipeline.link.tickers`: "Apple Computer Inc." and "Apple Inc", AAPL.O).
1c. :mod:`pipeline.link.heads`: no alias between a parent and its unit ("HSBC", "HSBC Finance"); a unit's actor
   whose story gives its parent's short name as its alias, or a bare word several listed companies start ("Delta")
   in a story that does not name the company its alias gives it, stays in its story; a title's first word glued
   to a name ("HSBC Finance" Director) is cut.
1d. :mod:`pipeline.link.shorts`: a short name the stories expand to two actors or more, each with a real share ("FSA":
   the Financial Services Authority and Financial Security Assurance; "Continental": Continental AG and Continental
   Airlines) joins the one its ticker or its story names; else the one that holds three quarters of its stories; else
   it stays in its story (``ambiguous_short``). No alias joins one of those long forms into the short name.
1e. :mod:`pipeline.link.alias_guards`: an ``alias`` edge between organisations whose names cannot be written one from
   the other ("U.S. Bancorp" given as Fifth Third Bancorp's alias) is refused (``unlike_alias``), and so is one between
   two keys the stories place in two countries (``alias_country``: Prudential Financial, Prudential plc); a group's name the
   alias would send to a company its short name starts ("Hyundai Group" to Hyundai Motor) keeps its own key
   (``group_apart``); a firm's name running past a glued title into a person's full name ("Countrywide Chief
   Executive Angelo Mozilo") stays in its story (``glued_person``); so does an organisation keyed by place names,
   nationality words and filler alone (:mod:`pipeline.link.fragments`, ``place_words``: "America Corp", "Sons Co.").
1f. :mod:`pipeline.link.tails`: an organisation keyed by one ordinary word that ends several longer names of the archive
   ("Airways" of British Airways, US Airways, Qantas Airways) keys as the longer name its own alias gives
   (``own_long_form``); the key's other actors stay in their stories when the word is mostly such a cut (``shared_tail``),
   and no ``alias`` or ``ticker`` edge sends a longer name into the word.
1g. :mod:`pipeline.link.namesakes` (before every other rule): a person's name the archive writes with two sets of middle
   initials keys each set apart (``person_initials``: "Gerald J. Ford", "Gerald R. Ford"), unless one set holds nine
   tenths of the initialled mentions ("George W. Bush" keeps "George Bush").
2. ``person_country``: a full name that stories place in two countries or more
   (``country_source = 'story'``) is two people: each of those actors keys by
   name and country; the others keep the bare name.
3. ``person_field``: a full name given an analyst's title at one employer and another
   kind of title at others (ING's economist, Boeing's vice president; an employer its title
   names counts: "Wal-Mart public relations official"), none shared, is two people: the actors with the analyst's title key by name and "expert". So is a full name given
   titles of two kinds (``title_kinds``: a judge and an executive), one outside ``career_title_kinds``,
   at no shared employer: each titled actor keys by name and kind, and one with no title and no
   employer (of such a name, or of a common one: "William Young") stays in its story.
3b. :mod:`pipeline.link.employers` (``person_employer``): of a name rule 3 splits, a mention left with the bare name at
   the employer of the split mentions joins them ("David Miller of Sanders Morris Harris", the analyst); the other
   bare mentions, when they name two employers or more and none holds half their stories, key by employer, and
   those with no employer stay in their story (``ambiguous_person``).

The entity id is a hash of the kind and the key. An actor that already has an
``entity_id`` (linked by an earlier run) keeps it, and a key an earlier run linked
as its own entity is never redirected by an alias learnt later: adding stories
changes no id an actor had.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..resources import load_json, word_set
from ..writers import query_batches, temp_table
from .alias_guards import glued_people, group_apart, refuse_unlike_aliases
from .fragments import place_word_names
from .employers import person_employers
from .doubts import capitals_tails, dateline_doubts, held_keys, key_tickers, short_and_case_doubts, story_bound_names
from .heads import head_guards
from .namesakes import person_initials
from .keys import ENTITY_ID_SQL, LEXICON, alias_key, has_legal_form, name_key
from .shorts import short_links
from .tails import find_shared_tails, own_long_forms, refuse_tail_aliases
from .tickers import ticker_map

# An actor's row of name_keys: organisations and countries key with their country, the others without.
_KEY_COUNTRY = "CASE WHEN a.kind IN ('country', 'organization') THEN a.country END"
_KEY_JOIN = f"name_keys k ON k.kind = a.kind AND k.name = a.name AND k.country IS NOT DISTINCT FROM ({_KEY_COUNTRY})"
# A regulator of common words placed by its story's dateline alone ("BRUSSELS" for the ECB's "Governing Council") keys
# as its name alone, with the mentions that carry no country.
_DATELINE_REGULATOR = "k.rule = 'regulator_country' AND a.country_source = 'dateline'"
_KEYED = pa.schema(
    [("kind", pa.string()), ("name", pa.string()), ("country", pa.string()), ("key", pa.string()), ("rule", pa.string()), ("formal", pa.bool_())]
)
_ALIASES = pa.schema(
    [("kind", pa.string()), ("alias_key", pa.string()), ("target_key", pa.string()), ("story_id", pa.string()), ("tail", pa.string())]
)
# An analyst's title ("chief economist", "bank analyst"), as a DuckDB test on ``a.title``: a professor or a
# fund manager often chairs a company too (Martin Feldstein, Edward Lampert), an analyst or economist does not;
# a former job says nothing of today's ("former Princeton University economist" is the Fed's Ben Bernanke).
_EXPERT_TITLE = "coalesce(regexp_matches(lower(a.title), '\\b(?:{})') AND NOT contains(lower(a.title), 'former'), false)".format(
    "|".join(sorted(word_set(LEXICON, "analyst_titles")))
)
# The employer a title names before its title words ("Wal-Mart public relations official", "Harvard University
# economist"): its first word, capitalised and no title word ("Senior", "Commerce" of "Commerce Secretary"; words of
# titles.json). Only person_field reads it (i20r): for a mention that is no analyst's, has no affiliation and no
# expert's word (titles.json ``expertise``: a "columnist and professor" is an economist's other title), it is the
# employer (Chen Lu, Haitong's economist, is not Wal-Mart's spokesman; seed 37); for an analyst's, it adds to the
# employers the other titles may share (Jeffrey Frankel, "Harvard University economist", is the Harvard professor).
_TITLE_WORDS = sorted(
    {w for part in ("titles", "modifiers", "honorifics") for t in word_set("lexicons/titles.json", part) for w in t.split()}
    | word_set(LEXICON, "title_affiliation_words")
)
_EXPERTISE_TITLE = "regexp_matches(lower(a.title), '\\b(?:{})\\b')".format(
    "|".join(sorted(w.replace(".", "\\.") for w in word_set("lexicons/titles.json", "expertise")))
)
_TITLE_FIRST = "split_part(trim(a.title), ' ', 1)"
# A word as an employer: lower case, letters and digits only ("M.D." of "M.D. Sass" is "MD" of "MD Sass").
_BARE_WORD = "lower(regexp_replace({}, '[^A-Za-z0-9]', '', 'g'))"
_TITLE_EMPLOYER = "CASE WHEN regexp_matches({0}, '^[A-Z]') AND lower({0}) NOT IN ({1}) THEN {2} END".format(
    _TITLE_FIRST, ", ".join("'" + w.replace("'", "''") + "'" for w in _TITLE_WORDS), _BARE_WORD.format(_TITLE_FIRST)
)
_AFFILIATION_EMPLOYER = _BARE_WORD.format("split_part(trim(affiliation), ' ', 1)")
# The kind of a person's title ("judicial", "executive", ...; "expert" for an analyst's): ``title_kinds``, in order.
_TITLE_KIND = "CASE WHEN {} THEN 'expert' {} END".format(
    _EXPERT_TITLE,
    " ".join(
        f"WHEN regexp_matches(lower(a.title), '\\b(?:{'|'.join(words)})s?\\b') THEN '{kind}'"
        for kind, words in load_json(LEXICON)["title_kinds"].items()
    ),
)
# The key person_field gives a mention of a name it splits (its analyst's, its judge's); null: the bare name's.
_SPLIT_KEY = f"CASE WHEN kn.key IS NOT NULL AND {_TITLE_KIND} IS NOT NULL THEN k.key || '|' || {_TITLE_KIND} WHEN fn.key IS NOT NULL AND {_EXPERT_TITLE} THEN k.key || '|expert' END"
_CAREER_KINDS = ", ".join(f"'{k}'" for k in sorted(word_set(LEXICON, "career_title_kinds")))
COMMON_FIRST_NAMES = 50  # full names sharing a first name, and a surname, that make a name common: "William Young"
COMMON_SURNAMES = 10
MIN_ALIAS_STORIES = 2  # stories that must give two keys as one another's alias before they are linked
ALIAS_DOMINANCE = 0.75  # share of an alias's stories its key must hold: else the alias names several things
ORG_COUNTRY_STORIES = 2  # stories that must give an organisation name a country before it keys apart by it
ORG_COUNTRY_SHARE = 0.25  # ... and their share of the stories placing it: a slip here and there is no second company
ALIAS_SHARE = 0.3  # stories giving a name as the alias of a smaller key, against those naming it alone: else it names something else


def _name_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``name_keys``: the key of every distinct (kind, name, country) of the actors."""
    names = con.sql(f"SELECT DISTINCT a.kind, a.name, {_KEY_COUNTRY} AS country FROM actors a")
    rows: list[dict] = []
    for batch in query_batches(names):
        for r in batch.to_pylist():
            key, rule = name_key(r["kind"], r["name"] or "", r["country"])
            rows.append({**r, "key": key, "rule": rule, "formal": r["kind"] == "organization" and has_legal_form(r["name"] or "")})
    temp_table(con, "name_keys", rows, _KEYED)


def _alias_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``alias_pairs(kind, alias_key, target_key, story_id)``: an actor's key and the key of
    one of its aliases, per story ("jpmorganchase" and "jpmorgan")."""
    pairs = con.sql(
        "SELECT DISTINCT a.kind, k.key AS target_key, a.story_id, unnest(a.aliases) AS alias FROM actors a "
        f"JOIN {_KEY_JOIN} "
        "WHERE a.kind IN ('person', 'organization') AND len(a.aliases) > 0 AND k.key IS NOT NULL"
    )
    held = {r[0] for r in con.execute("SELECT key FROM held_keys").fetchall()}
    surnames = {r[0] for r in con.execute("SELECT DISTINCT split_part(key, ' ', -1) FROM name_keys WHERE kind = 'person' AND contains(key, ' ')").fetchall()}
    rows = []
    for batch in query_batches(pairs):
        for r in batch.to_pylist():
            key = alias_key(r["kind"], r["alias"] or "")
            if key and key != r["target_key"] and not (r["kind"] == "organization" and key in held):
                tail = _tail(r["alias"], key, r["target_key"], surnames)
                rows.append({"kind": r["kind"], "alias_key": key, "target_key": r["target_key"], "story_id": r["story_id"], "tail": tail})
    temp_table(con, "alias_pairs", rows, _ALIASES)


def _tail(alias: str, key: str, target_key: str, surnames: set[str]) -> str | None:
    """Whether an alias is the tail of its name: "words" (two words or more: "Bank of China" of the Industrial
    and Commercial Bank of China, another bank; or one word that is a person's surname in the archive: "Edwards"
    of "A.G. Edwards" is also ACS's Warren Edwards), "word" ("Ericsson" of "Sony Ericsson", "Shell" of "Royal
    Dutch Shell"), or None."""
    if not target_key.endswith(key) or target_key.startswith(key):
        return None
    return "words" if " " in alias.strip() or key in surnames else "word"


def _alias_map(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``alias_map(kind, alias_key, target_key)``: keys that go to another key (rule 1).

    Two keys are one entity when stories give one as the other's alias, in two stories or more
    (once may be an extractor's slip). An alias used for several keys links only to the key that holds
    three quarters of its stories ("JPMorgan": JPMorgan Chase & Co, not JPMorgan Securities); "Airways",
    for British Airways and US Airways alike, links nothing. A name does not go into a more frequent alias
    that the stories name alone over three times as often as they give it as its alias: that alias is mostly
    something else ("Prudential", the British insurer, 46 stories, for Prudential Financial, 13; "Xinhua",
    the agency, for Xinhua Finance; "Sony" for Sony Ericsson). The key fewer stories use goes to the other;
    a key that would go to two keys goes nowhere, and a key that others go to is not moved on.
    """
    _alias_pairs(con)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE alias_map AS
        WITH support AS (
          SELECT kind, alias_key, target_key, count(DISTINCT story_id) AS n, max(tail) AS tail FROM alias_pairs GROUP BY kind, alias_key, target_key
        ),
        claimed AS (
          SELECT kind, alias_key, arg_max(target_key, n) AS target_key, max(n) AS n FROM support GROUP BY ALL
          HAVING max(n) >= {MIN_ALIAS_STORIES} AND max(n) >= {ALIAS_DOMINANCE} * sum(n)
        ),
        sizes AS (SELECT a.kind, k.key, count(DISTINCT a.story_id) AS n FROM actors a JOIN {_KEY_JOIN} GROUP BY ALL),
        pairs AS (
          SELECT c.kind, c.alias_key, c.target_key, s.tail, coalesce(sa.n, 0) AS na, coalesce(st.n, 0) AS nt FROM claimed c
          JOIN support s USING (kind, alias_key, target_key)
          LEFT JOIN sizes sa ON sa.kind = c.kind AND sa.key = c.alias_key LEFT JOIN sizes st ON st.kind = c.kind AND st.key = c.target_key
          WHERE c.n >= {ALIAS_SHARE} * coalesce(sa.n, 0) OR coalesce(sa.n, 0) <= coalesce(st.n, 0)
        ),
        edges AS (
          SELECT kind, tail, na < nt OR (na = nt AND alias_key > target_key) AS alias_moves,
            CASE WHEN na < nt OR (na = nt AND alias_key > target_key) THEN alias_key ELSE target_key END AS small,
            CASE WHEN na < nt OR (na = nt AND alias_key > target_key) THEN target_key ELSE alias_key END AS big
          FROM pairs
        )
        SELECT e.kind, e.small AS alias_key, min(e.big) AS target_key, 'alias' AS rule FROM edges e
        LEFT JOIN key_tickers ts ON ts.kind = e.kind AND ts.key = e.small LEFT JOIN key_tickers tb ON tb.kind = e.kind AND tb.key = e.big
        LEFT JOIN formal_keys f ON f.kind = e.kind AND f.key = e.small
        GROUP BY e.kind, e.small
        HAVING count(DISTINCT e.big) = 1
           AND NOT bool_or(coalesce(e.tail = 'words' OR (e.tail = 'word' AND NOT e.alias_moves), false))
           AND bool_and(coalesce(list_has_any(ts.tickers, tb.tickers), false) OR (ts.tickers IS NULL AND tb.tickers IS NULL)
                        OR NOT coalesce(f.formal, false))"""
    )
    # Not followed: a key others go to, and a key an earlier run linked as its own entity.
    con.execute(
        "DELETE FROM alias_map m WHERE EXISTS (SELECT 1 FROM alias_map t WHERE t.kind = m.kind AND t.target_key = m.alias_key) "
        f"OR EXISTS (SELECT 1 FROM actors a JOIN {_KEY_JOIN} "
        "WHERE a.entity_id IS NOT NULL AND a.link_rule NOT IN ('alias', 'ticker') AND a.kind = m.kind AND k.key = m.alias_key)"
    )


def _split_names(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``split_names(kind, key, country)``: full names the stories place in two countries or more (rule 2),
    and organisation names with no ticker the stories give two countries or more, each in two stories or more and a
    quarter of those placing the name (Britain's Yellow Pages of Yell, France's PagesJaunes): the countries they key
    apart by."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE split_names AS
        WITH placed AS (
          SELECT a.kind, k.key, a.country, count(DISTINCT a.story_id) AS n FROM actors a JOIN {_KEY_JOIN}
          WHERE a.kind IN ('person', 'organization') AND a.country_source = 'story' AND a.country IS NOT NULL
            AND k.key IS NOT NULL AND k.rule <> 'org_country' GROUP BY ALL
        ),
        shares AS (SELECT *, n / sum(n) OVER (PARTITION BY kind, key) AS share FROM placed),
        kept AS (
          SELECT * FROM shares WHERE kind = 'person'
          OR (n >= {ORG_COUNTRY_STORIES} AND share >= {ORG_COUNTRY_SHARE} AND key NOT IN (SELECT key FROM key_tickers))
        )
        SELECT kind, key, country FROM kept WHERE (kind, key) IN (SELECT (kind, key) FROM kept GROUP BY ALL HAVING count(*) >= 2)"""
    )


def _field_names(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``field_names(key)``: full names that the stories give an analyst's title ("economist",
    "analyst": ``analyst_titles`` of models/lexicons/linking.json) at one employer and another kind of title at others, none
    shared (rule 3): "Charles Robertson", ING's chief economist and a Boeing vice president. An employer
    is the affiliation's first word, letters and digits only, or the employer its title names (``_TITLE_EMPLOYER``:
    "Wal-Mart public relations official", "Harvard University economist"); an analyst who moved (Meredith Whitney,
    CIBC then Oppenheimer) stays one."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE field_names AS
        WITH titled AS (
          SELECT k.key, a.affiliation, {_EXPERT_TITLE} AS expert, {_TITLE_EMPLOYER} AS named,
            {_EXPERTISE_TITLE} AS expertise
          FROM actors a JOIN {_KEY_JOIN} WHERE a.kind = 'person' AND k.key IS NOT NULL AND a.title IS NOT NULL
        ),
        p AS (
          SELECT key, expert, {_AFFILIATION_EMPLOYER} AS employer FROM titled WHERE affiliation IS NOT NULL
          -- an analyst's title that names a place ("Stanford University economist") adds it to the analyst's employers;
          -- another title, with no affiliation read and no expert's word ("professor"), gives its employer
          UNION ALL SELECT key, expert, named FROM titled WHERE named IS NOT NULL AND (expert OR (affiliation IS NULL AND NOT expertise))
        )
        SELECT key FROM p GROUP BY key
        HAVING bool_or(expert) AND NOT bool_and(expert)
           AND NOT list_has_any(list(DISTINCT employer) FILTER (WHERE expert), list(DISTINCT employer) FILTER (WHERE NOT expert))"""
    )


def _kind_names(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables ``kind_names(key)``: full names the stories give titles of two kinds or more (``title_kinds``:
    a judge, an executive, a politician, an analyst), one of them not a kind a career moves between
    (``career_title_kinds``: Henry Paulson, Goldman's chief executive, then Treasury Secretary), no employer
    shared between two kinds: "John Martin", a former federal judge, and Time Warner's CFO. And
    ``common_names(key)``: full names whose first name and surname many other full names of the archive share."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE kind_names AS
        WITH p AS (
          SELECT k.key, {_TITLE_KIND} AS title_kind, lower(split_part(trim(a.affiliation), ' ', 1)) AS employer
          FROM actors a JOIN {_KEY_JOIN} WHERE a.kind = 'person' AND k.key IS NOT NULL AND a.title IS NOT NULL
        )
        SELECT key FROM p WHERE title_kind IS NOT NULL GROUP BY key
        HAVING count(DISTINCT title_kind) >= 2 AND bool_or(title_kind NOT IN ({_CAREER_KINDS}))
        EXCEPT SELECT key FROM p WHERE title_kind IS NOT NULL AND employer IS NOT NULL GROUP BY key, employer
        HAVING count(DISTINCT title_kind) >= 2"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE common_names AS
        WITH names AS (SELECT DISTINCT key, split_part(key, ' ', 1) AS first, split_part(key, ' ', -1) AS last FROM name_keys
                       WHERE kind = 'person' AND contains(key, ' ')),
        firsts AS (SELECT first, count(*) AS n FROM names GROUP BY first),
        lasts AS (SELECT last, count(*) AS n FROM names GROUP BY last)
        SELECT key FROM names JOIN firsts f USING (first) JOIN lasts l USING (last)
        WHERE f.n >= {COMMON_FIRST_NAMES} AND l.n >= {COMMON_SURNAMES}"""
    )


def _fresh(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``fresh(story_id, actor_id, kind, kept_id, kept_rule, key, link_rule)``: each actor's key and rule by
    the sieves, and the entity and rule an earlier link kept."""
    # Where a name is several people, or a common one, a mention with no title and no employer could be any.
    bare = "a.kind = 'person' AND a.title IS NULL AND a.affiliation IS NULL AND (kn.key IS NOT NULL OR cn.key IS NOT NULL)"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fresh AS
        SELECT a.story_id, a.actor_id, a.kind, a.entity_id AS kept_id, a.link_rule AS kept_rule,
          CASE WHEN k.key IS NULL OR dd.story_id IS NOT NULL OR {bare} OR g.rule IS NOT NULL OR sl.rule = 'ambiguous_short'
                 OR ts.story_id IS NOT NULL
                 THEN 'story:' || a.story_id || ':' || coalesce(lower(a.name), a.actor_id)
               WHEN sl.key IS NOT NULL THEN sl.key
               WHEN ga.key IS NOT NULL THEN ga.key
               WHEN ol.key IS NOT NULL THEN ol.key
               WHEN m.target_key IS NOT NULL THEN m.target_key
               WHEN tc.key IS NOT NULL THEN tc.key
               WHEN kn.key IS NOT NULL AND {_TITLE_KIND} IS NOT NULL THEN k.key || '|' || {_TITLE_KIND}
               WHEN sp.key IS NOT NULL THEN k.key || '|' || a.country
               WHEN fn.key IS NOT NULL AND {_EXPERT_TITLE} THEN k.key || '|expert'
               WHEN pe.key IS NOT NULL THEN pe.target
               WHEN pk.key IS NOT NULL THEN 'story:' || a.story_id || ':' || lower(a.name)
               WHEN {_DATELINE_REGULATOR} THEN split_part(k.key, '|', 1)
               ELSE k.key END AS key,
          -- 'run_together' names itself; a story's guard (a cut tail: "Sons" by "A.G. Edwards") says more than place_words
          CASE WHEN k.key IS NULL AND NOT (k.rule = 'place_words' AND g.rule IS NOT NULL) THEN coalesce(k.rule, 'story_only')
               WHEN dd.story_id IS NOT NULL OR {bare} THEN 'story_only'
               WHEN g.rule IS NOT NULL THEN g.rule
               WHEN ts.story_id IS NOT NULL THEN 'shared_tail'
               WHEN sl.rule IS NOT NULL THEN sl.rule
               WHEN ga.key IS NOT NULL THEN 'group_apart'
               WHEN ol.key IS NOT NULL THEN 'own_long_form'
               WHEN m.target_key IS NOT NULL THEN m.rule
               WHEN tc.key IS NOT NULL THEN 'title_cut'
               WHEN kn.key IS NOT NULL AND {_TITLE_KIND} IS NOT NULL THEN 'person_field'
               WHEN sp.key IS NOT NULL THEN CASE a.kind WHEN 'person' THEN 'person_country' ELSE 'org_by_country' END
               WHEN fn.key IS NOT NULL AND {_EXPERT_TITLE} THEN 'person_field'
               WHEN pe.key IS NOT NULL THEN 'person_employer'
               WHEN pk.key IS NOT NULL THEN 'ambiguous_person'
               WHEN {_DATELINE_REGULATOR} THEN 'org_normalised'
               WHEN ra.alias_key IS NOT NULL THEN ra.rule
               ELSE k.rule END AS link_rule
        FROM actors a
        LEFT JOIN {_KEY_JOIN}
        LEFT JOIN title_cuts tc ON tc.story_id = a.story_id AND tc.actor_id = a.actor_id
        LEFT JOIN alias_map m ON m.kind = a.kind AND m.alias_key = coalesce(tc.key, k.key)
        LEFT JOIN story_guards g ON g.story_id = a.story_id AND g.actor_id = a.actor_id
        LEFT JOIN short_links sl ON sl.story_id = a.story_id AND sl.actor_id = a.actor_id
        LEFT JOIN group_apart ga ON ga.story_id = a.story_id AND ga.actor_id = a.actor_id
        LEFT JOIN own_long_forms ol ON ol.story_id = a.story_id AND ol.actor_id = a.actor_id
        LEFT JOIN tail_strays ts ON ts.story_id = a.story_id AND ts.actor_id = a.actor_id
        LEFT JOIN refused_aliases ra ON ra.kind = a.kind AND ra.alias_key = k.key
        LEFT JOIN split_names sp ON sp.kind = a.kind AND sp.key = k.key AND a.country_source = 'story' AND sp.country = a.country
        LEFT JOIN field_names fn ON fn.key = k.key AND a.kind = 'person'
        LEFT JOIN kind_names kn ON kn.key = k.key AND a.kind = 'person'
        LEFT JOIN common_names cn ON cn.key = k.key AND a.kind = 'person'
        LEFT JOIN person_employers pe ON pe.key = k.key AND pe.affiliation = a.affiliation AND a.kind = 'person'
        LEFT JOIN ambiguous_people pk ON pk.key = k.key AND a.kind = 'person'
        LEFT JOIN dateline_doubts dd ON k.rule = 'org_country' AND a.country_source = 'dateline'
          AND dd.story_id = a.story_id AND dd.country = a.country"""
    )


def link_actors(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``linked(story_id, actor_id, entity_id, link_rule, key)``, one row per actor:
    an actor linked before keeps its entity and rule.

    ``con`` has a view ``actors`` (the run's actors, with ``entity_id`` and ``link_rule``
    null for actors not linked yet) and a view ``previous_entities`` (the last link's entities).
    """
    _name_keys(con)
    person_initials(con, _KEY_JOIN)  # "Gerald R. Ford" and "Gerald J. Ford": two people, before any rule reads the keys
    glued_people(con)
    held_keys(con, _KEY_JOIN)
    capitals_tails(con)
    short_and_case_doubts(con, _KEY_JOIN)
    key_tickers(con, _KEY_JOIN)
    dateline_doubts(con)
    story_bound_names(con, _KEY_JOIN)
    _alias_map(con)
    refuse_unlike_aliases(con, _KEY_JOIN)
    head_guards(con, _KEY_JOIN)
    place_word_names(con, _KEY_JOIN)  # after the guards: a cut tail they hold keeps its rule ("Sons", cut_tail)
    ticker_map(con, _KEY_JOIN)
    # A key the ticker moves goes where its target goes ("apple" went nowhere; "applecomputer" goes to it).
    con.execute(
        "INSERT INTO alias_map SELECT t.kind, t.alias_key, t.target_key, 'ticker' FROM ticker_map t "
        f"WHERE NOT EXISTS (SELECT 1 FROM actors a JOIN {_KEY_JOIN} "
        "WHERE a.entity_id IS NOT NULL AND a.link_rule NOT IN ('alias', 'ticker') AND a.kind = t.kind AND k.key = t.alias_key)"
    )
    find_shared_tails(con, _KEY_JOIN)
    refuse_tail_aliases(con)  # after the ticker's edges too: BAY.L took "britishairways" into "airways"
    short_links(con, _KEY_JOIN)
    own_long_forms(con, _KEY_JOIN)  # after the alias map and the ticker's edges: the long form goes where they send it
    _split_names(con)
    _field_names(con)
    _kind_names(con)
    # The mentions no analyst's title or split title kind keys apart: their employers tell people apart (i20n).
    person_employers(con, _KEY_JOIN, _SPLIT_KEY)
    group_apart(con, _KEY_JOIN)
    _fresh(con)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE linked AS
        SELECT f.story_id, f.actor_id,
          coalesce(f.kept_id, {ENTITY_ID_SQL.format(kind='f.kind', key='f.key')}) AS entity_id,
          coalesce(f.kept_rule, f.link_rule) AS link_rule,
          coalesce(p.key, f.kind || ':' || f.key) AS key
        FROM fresh f LEFT JOIN previous_entities p ON p.entity_id = f.kept_id"""
    )
