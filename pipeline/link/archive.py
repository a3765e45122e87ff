"""The archive tables as DuckDB queries: ``entities``, ``expert_profiles``, ``route_links``.

Each query reads the run's tables (views ``actors``, ``stories``, ``claims``,
``experts``, ``routes``) and the ``linked`` table of :mod:`pipeline.link.entities`,
and aggregates in DuckDB, so nothing holds every row in Python.
"""

from __future__ import annotations


def _counted(source: str, group: str, column: str, name: str) -> str:
    """A CTE body: per ``group``, the values of ``column`` with their counts, most frequent first."""
    return (
        f"SELECT {group}, list({{'value': v, 'count': n}} ORDER BY n DESC, v) AS {name} FROM "
        f"(SELECT {group}, {column} AS v, count(*) AS n FROM {source} WHERE {column} IS NOT NULL GROUP BY ALL) GROUP BY {group}"
    )


ENTITIES = f"""
WITH m AS (
  SELECT l.entity_id, l.key, l.link_rule, a.story_id, a.name, a.kind, a.aliases, a.title, a.affiliation, a.country,
         a.mentions, s.published
  FROM linked l JOIN actors a USING (story_id, actor_id) JOIN stories s USING (story_id)
),
names AS (SELECT entity_id, name, count(*) AS n FROM m WHERE name IS NOT NULL GROUP BY ALL),
canon AS (SELECT entity_id, first(name ORDER BY n DESC, length(name) DESC, name) AS name FROM names GROUP BY entity_id),
surfaces AS (
  SELECT entity_id, name, sum(n) AS n FROM (
    SELECT * FROM names UNION ALL
    SELECT entity_id, alias AS name, count(*) AS n FROM (SELECT entity_id, unnest(aliases) AS alias FROM m) GROUP BY ALL
  ) GROUP BY ALL
),
alias_lists AS (
  SELECT s.entity_id, list(s.name ORDER BY s.n DESC, s.name) AS aliases
  FROM surfaces s JOIN canon c USING (entity_id) WHERE s.name <> c.name GROUP BY s.entity_id
),
titles AS ({_counted("m", "entity_id", "title", "titles")}),
affiliations AS ({_counted("m", "entity_id", "affiliation", "affiliations")}),
countries AS ({_counted("m", "entity_id", "country", "countries")}),
claim_counts AS (
  SELECT l.entity_id, count(*) AS claims FROM claims c
  JOIN linked l ON l.story_id = c.story_id AND l.actor_id = c.source_actor_id GROUP BY l.entity_id
),
base AS (
  SELECT entity_id, min(key) AS key, min(kind) AS kind, list(DISTINCT link_rule ORDER BY link_rule) AS link_rules,
         min(published) AS first_seen, max(published) AS last_seen, count(DISTINCT story_id) AS stories, sum(mentions) AS mentions
  FROM m GROUP BY entity_id
)
SELECT b.entity_id, b.key, c.name, b.kind, coalesce(al.aliases, []) AS aliases, co.countries[1].value AS country,
       coalesce(t.titles, []) AS titles, coalesce(af.affiliations, []) AS affiliations, b.link_rules,
       b.first_seen, b.last_seen, b.stories, b.mentions, coalesce(cl.claims, 0) AS claims
FROM base b JOIN canon c USING (entity_id)
LEFT JOIN alias_lists al USING (entity_id) LEFT JOIN titles t USING (entity_id)
LEFT JOIN affiliations af USING (entity_id) LEFT JOIN countries co USING (entity_id)
LEFT JOIN claim_counts cl USING (entity_id)
ORDER BY b.stories DESC, b.mentions DESC, b.entity_id
"""

EXPERT_PROFILES = f"""
WITH x AS (
  SELECT l.entity_id, x.story_id, x.title, x.affiliation, x.field, x.claims, s.published
  FROM experts x JOIN linked l USING (story_id, actor_id) JOIN stories s USING (story_id)
),
spells AS (
  SELECT entity_id, list({{'value': affiliation, 'first': f, 'last': la, 'stories': n}} ORDER BY f NULLS LAST, affiliation) AS affiliations
  FROM (SELECT entity_id, affiliation, min(published) AS f, max(published) AS la, count(DISTINCT story_id) AS n
        FROM x WHERE affiliation IS NOT NULL GROUP BY ALL)
  GROUP BY entity_id
),
titles AS ({_counted("x", "entity_id", "title", "titles")}),
fields AS ({_counted("x", "entity_id", "field", "fields")}),
base AS (
  SELECT entity_id, count(DISTINCT story_id) AS stories, sum(claims) AS claims,
         min(published) AS first_quoted, max(published) AS last_quoted
  FROM x GROUP BY entity_id
)
SELECT b.entity_id, e.name, coalesce(sp.affiliations, []) AS affiliations, coalesce(t.titles, []) AS titles,
       coalesce(f.fields, []) AS fields, b.stories, b.claims, b.first_quoted, b.last_quoted
FROM base b JOIN entities e USING (entity_id)
LEFT JOIN spells sp USING (entity_id) LEFT JOIN titles t USING (entity_id) LEFT JOIN fields f USING (entity_id)
ORDER BY b.stories DESC, b.claims DESC, b.entity_id
"""

# A route both ways counts under its two countries in alphabetical order, so "between Russia and
# China" and "between China and Russia" are one link; a route with a region for an end is left out.
ROUTE_LINKS = f"""
WITH r AS (
  SELECT CASE WHEN r.bidirectional AND r.destination_country < r.origin_country THEN r.destination_country ELSE r.origin_country END AS o,
         CASE WHEN r.bidirectional AND r.destination_country < r.origin_country THEN r.origin_country ELSE r.destination_country END AS d,
         coalesce(r.mode, 'unspecified') AS mode, r.kind, year(s.published) AS year, r.story_id, r.bidirectional, r.cargo, s.published
  FROM routes r JOIN stories s USING (story_id)
  WHERE r.origin_country IS NOT NULL AND r.destination_country IS NOT NULL
),
g AS (SELECT *, concat_ws('|', o, d, mode, kind, coalesce(CAST(year AS VARCHAR), '')) AS gk FROM r),
cargo AS ({_counted("(SELECT gk, unnest(cargo) AS c FROM g)", "gk", "c", "cargo")})
SELECT o AS origin_country, d AS destination_country, mode, kind, year, count(*) AS routes,
       count(DISTINCT story_id) AS stories, count(*) FILTER (WHERE bidirectional) AS bidirectional,
       coalesce(any_value(c.cargo), []) AS cargo, min(published) AS first_date, max(published) AS last_date
FROM g LEFT JOIN cargo c USING (gk)
GROUP BY o, d, mode, kind, year, gk
ORDER BY year NULLS LAST, stories DESC, origin_country, destination_country, mode, kind
"""

QUERIES = {"entities": ENTITIES, "expert_profiles": EXPERT_PROFILES, "route_links": ROUTE_LINKS}
