"""The claim tables, declared once.

Every table of ``shared/spec/claim-tables.md`` is listed here with its columns,
their types and a one-line meaning. Writers, ``eval``, ``load`` and the docs
all read this module, so a column exists in exactly one place.

Types are Arrow types: the pandas frames use ``pd.ArrowDtype`` so that a table
read back from Parquet or DuckDB has exactly the dtypes it was written with.
Every column is nullable in Arrow; the spec's ``?`` marks the columns that are
expected to be null in ordinary rows.
"""

from __future__ import annotations

from dataclasses import dataclass
import pyarrow as pa

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
STR_LIST = pa.list_(pa.string())
COUNTED = pa.list_(pa.struct([("value", pa.string()), ("count", pa.int64())]))  # values seen, most frequent first
SPELLS = pa.list_(pa.struct([("value", pa.string()), ("first", pa.date32()), ("last", pa.date32()), ("stories", pa.int64())]))


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    meaning: str
    optional: bool = False  # the spec's "?": null in ordinary rows


@dataclass(frozen=True)
class Table:
    name: str
    row_is: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=True) for c in self.columns])

    @property
    def id_column(self) -> str | None:
        """The column that identifies a row within a story (``actor_id``...), if any."""
        for c in self.columns[1:]:
            if c.name.endswith("_id") and c.name not in ("story_id", "record_id"):
                return c.name
        return None


def _c(name: str, type_: pa.DataType, meaning: str, optional: bool = False) -> Column:
    return Column(name, type_, meaning, optional)


STORY_ID = _c("story_id", STR, "deterministic hash of the story's source text")
START = _c("start", INT, "character offset into the raw source text (first mention)")
END = _c("end", INT, "end offset into the raw source text, exclusive")

LINK_RULES = (
    "country_code (a country, by its ISO3 code), same_name (a person's full name, two words or more, "
    "initials and case aside), org_normalised (an organisation's name equal after cleanco's legal suffixes, "
    "'the', 'Group' and punctuation and spaces are dropped: JPMorgan = JP Morgan), alias (the name is an alias "
    "of another name of the same kind in the actors' aliases column, in two stories or more), ticker (the name holds, "
    "or is held by, a name that carries the same stock ticker: 'Apple Computer Inc.' = 'Apple Inc', AAPL.O), org_country (a state "
    "institution's generic name, with its country: 'Finance Ministry'), regulator_country (a regulator's name of common words "
    "alone, with the country its story or the gazetteer gives: 'Financial Services Authority' of Britain and of Sweden), person_country (a full name "
    "the stories give two or more countries: split by the country the story states), org_by_country (an organisation's name "
    "the stories place in two countries or more, each in two stories: split by the country), story_only (a bare "
    "surname or one-word name, an institution without a country or with a doubtful dateline's, a subheading's words in capitals, a "
    "term ('FX'), a plural ('Fords'), a head cut from several names ('National Association'): never linked beyond its story), "
    "title_cut (an organisation's name with a title's first word glued on, linked without it: 'HSBC Finance' of 'HSBC Finance "
    "Director Douglas Flint' is HSBC), shared_head (a bare word several listed companies' names start, 'Delta', in a story that "
    "does not name the company an alias gives it, or a company of its own keyed to that word, 'United Group Ltd': never linked "
    "beyond its story), foreign_generic (a common noun of another language alone, 'Banco', 'Dai-ichi': never linked beyond its "
    "story), unit_parent (a unit's name whose story gives its parent's short name as its alias, 'HSBC Finance' with "
    "'HSBC': the mentions mix the two, never linked beyond its story), cut_tail (a firm's last word after '&' standing alone, "
    "'Sons' of 'A.G. Edwards & Sons', in a story naming the firm or when no actor of its name carries a ticker: never linked "
    "beyond its story), run_together (two companies' names run together, a legal form inside and one at the end: 'Microsoft Corp "
    "Yahoo Inc': never linked beyond its story), short_expansion (a short name the archive expands to two actors or more, "
    "'FSA' for the Financial Services Authority and Financial Security Assurance, linked to the one its ticker or its story "
    "names), ambiguous_short (such a short name whose ticker and story name none of them: never linked beyond its story), "
    "unlike_alias (an alias edge refused: neither name can be written from the other, 'U.S. Bancorp' given as Fifth Third "
    "Bancorp's alias: the name keys as itself), alias_country (an alias edge refused between two organisations the stories "
    "place in two countries, Prudential Financial and Prudential plc: the name keys as itself), group_apart (a group's name, 'Hyundai Group', that an alias would send to a "
    "company its short name starts, Hyundai Motor: keys as itself), glued_person (an organisation's name that runs past a "
    "glued title into a person's full name, 'Countrywide Chief Executive Angelo Mozilo': never linked beyond its story)"
)

ROUTE_COLUMNS: tuple[Column, ...] = (
    STORY_ID,
    _c("route_id", STR, "id unique within the story (R1, R2, ...)"),
    _c("kind", STR, "transport or trade"),
    _c("origin", STR, "origin place name", True),
    _c("destination", STR, "destination place name", True),
    _c("origin_place_id", STR, "place_id of the origin", True),
    _c("destination_place_id", STR, "place_id of the destination", True),
    _c("bidirectional", BOOL, 'true for "between A and B"'),
    _c("mode", STR, "sea, rail, road, air, pipeline or unspecified"),
    _c("vehicle", STR, "ferry, tankers, a named vessel...", True),
    _c("cargo", STR_LIST, "what travels: passengers, coal, oil products..."),
    _c("capacity", STR_LIST, "quantity_ids of the route's capacity"),
    _c("frequency", STR, "how often (six times a month)", True),
    _c("operator", STR, "who runs or charters it", True),
    _c("status", STR, "planned, active, suspended, historical or unknown"),
    _c("start_date", STR, "when it starts or started", True),
    _c("claim_id", STR, "claim whose content holds the route", True),
    START,
    END,
    _c("text", STR, "surface of the first mention"),
    _c("sentence", INT, "sentence index of the first mention", True),
    _c("origin_country", STR, "ISO 3166 alpha-3 of the origin's country (null for a region or bloc)", True),
    _c("destination_country", STR, "ISO 3166 alpha-3 of the destination's country (null for a region or bloc)", True),
    _c("rule", STR, "what made the row: parse (the dependency parse joins both ends), implied:<sieve> (one end from the sentence or clause), named_link (ends from models/gazetteer/named_links.json), pair_model (the decision model over pair candidates, models/routes/pair_model.json)"),
    _c("confidence", FLOAT, "0 to 1: how often rows of this rule were right, (right + 1) / (rows + 2), on the annotated rounds and the archive audits (models/lexicons/transport.json rule_confidence; docs/routes.md)"),
    _c("model_probability", FLOAT, "for a pair_model row, the model's probability that the pair is a route (it ranks the model's rows; read confidence for how often they are right); null for rule rows"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "stories",
            "a story read, or one that could not be read and why",
            (
                STORY_ID,
                _c("source", STR, "file path as given, or <archive or file>::<member or line>"),
                _c("record_id", STR, "the record's own id (JSON Lines, CSV: --id-field, default id), or the id passed to the API", True),
                _c("url", STR, "the story's URL, from a Reuters header or a record's url field", True),
                _c("headline", STR, "headline from the header or record", True),
                _c("published", DATE, "publication date", True),
                _c("byline", STR_LIST, "reporters named in the byline"),
                _c("dateline", STR, "place line that opens the story", True),
                _c("word_count", INT, "words in the body"),
                _c("status", STR, '"ok", or "error" when the story could not be processed'),
                _c("error", STR, "why the story could not be processed", True),
                _c("format", STR, "wire format detected: seed, reuters, plain, jsonl, csv", True),
                _c("chars", INT, "characters in the raw source text", True),
                _c("repairs", STR, "what reading changed so the story could be written (lone surrogates replaced by U+FFFD)", True),
            ),
        ),
        Table(
            "actors",
            "a person, organization or country that does or says something",
            (
                STORY_ID,
                _c("actor_id", STR, "id unique within the story (A1, A2, ...)"),
                _c("name", STR, "fullest form of the name"),
                _c("kind", STR, "person, organization, country or group"),
                _c("aliases", STR_LIST, "other surface forms: surnames, abbreviations, capitals"),
                _c("title", STR, "title or role as written (President, North Korea expert)", True),
                _c("affiliation", STR, "organization the actor belongs to", True),
                _c("country", STR, "ISO 3166 alpha-3 country", True),
                _c("country_source", STR, "evidence the country came from: story, name, ticker (the exchange of its stock code), knowledge, legal_form, dateline, affiliation", True),
                _c("affiliation_rule", STR, "pattern or rule that read the affiliation", True),
                _c("affiliation_description", STR, "what the story says the employer is (consultancy, brokers)", True),
                _c("ticker", STR, "stock instrument code cut from the name (MER.N)", True),
                _c("mentions", INT, "number of mentions in the story"),
                START,
                END,
                _c("text", STR, "surface of the first mention"),
                _c("entity_id", STR, "the actor's entity across the archive (entities.entity_id); filled by wireclaims link, null before", True),
                _c("link_rule", STR, "why the actor joined its entity (entities); filled by wireclaims link: " + LINK_RULES, True),
            ),
        ),
        Table(
            "places",
            "a location mentioned",
            (
                STORY_ID,
                _c("place_id", STR, "id unique within the story (P1, P2, ...)"),
                _c("name", STR, "canonical place name"),
                _c("kind", STR, "country, city, port, town, region or other"),
                _c("country", STR, "ISO 3166 alpha-3 country", True),
                _c("lat", FLOAT, "latitude (WGS84)", True),
                _c("lon", FLOAT, "longitude (WGS84)", True),
                _c("mentions", INT, "number of mentions in the story"),
                START,
                END,
                _c("text", STR, "surface of the first mention"),
                _c("aliases", STR_LIST, "other surface forms used in the story"),
                _c("geonameid", INT, "GeoNames id when the gazetteer has one", True),
            ),
        ),
        Table(
            "quantities",
            "one number with its unit and what it counts",
            (
                STORY_ID,
                _c("quantity_id", STR, "id unique within the story (Q1, Q2, ...)"),
                _c("text", STR, "surface text of the quantity"),
                _c("value", FLOAT, "the number, scale words applied (value is the lower bound of a vague magnitude)"),
                _c("low", FLOAT, "lower bound of a range or vague magnitude", True),
                _c("high", FLOAT, "upper bound of a range or vague magnitude", True),
                _c("unit", STR, "canonical unit (tonne, USD, percent) or the counted noun"),
                _c("unit_kind", STR, "count, currency, percent, mass, length, volume, area, energy, duration, frequency, speed, other"),
                _c("qualifier", STR, '"=", "~", "<", "<=", ">", ">="'),
                _c("change", STR, '"up" or "down" when the number is a rise or fall', True),
                _c("per", STR, "rate denominator: day, month, year...", True),
                _c("measured", STR, "what is counted or measured", True),
                _c("actor_id", STR, "actor that owns the quantity", True),
                _c("date", STR, "date the quantity refers to", True),
                _c("claim_id", STR, "claim whose content holds the quantity", True),
                _c("sentence", INT, "sentence index in the story body"),
                START,
                END,
            ),
        ),
        Table(
            "dates",
            "a time expression resolved against the story's date",
            (
                STORY_ID,
                _c("date_id", STR, "id unique within the story (D1, D2, ...)"),
                _c("text", STR, "surface text"),
                _c("value", STR, "ISO 8601 value: 2017-04-27, 2017-W17, 2017-05, 2017, P11Y, P1M", True),
                _c("kind", STR, "date, duration or set"),
                START,
                END,
                _c("sentence", INT, "sentence index in the story body", True),
            ),
        ),
        Table(
            "routes",
            "a link that moves people or goods between two places, or a trade flow between two countries",
            ROUTE_COLUMNS,
        ),
        Table(
            "route_candidates",
            "a route the decision model found with less than the probability routes asks of its rows (lexicon model_route_probability): kept out of routes because such rows were right 9 times in 22 in the archive audits (scored leave-one-audit-out, docs/routes.md); the same columns, ids RC1, RC2, ...",
            ROUTE_COLUMNS,
        ),
        Table(
            "claims",
            "one attributed statement",
            (
                STORY_ID,
                _c("claim_id", STR, "id unique within the story (C1, C2, ...)"),
                _c("source", STR, "the words that name who says it"),
                _c("source_actor_id", STR, "actor the source resolves to", True),
                _c(
                    "source_actor_ids",
                    STR_LIST,
                    'every actor the source names, source_actor_id first ("Purk and S&P Capital IQ equity '
                    'analyst Jim Corridore" names two); empty when it resolves to none',
                ),
                _c(
                    "source_description",
                    STR,
                    "the words right after the source's name that describe it, as written: a party label "
                    '("(R-S.C.)") or an appositive ("a North Korea expert at Kookmin University")',
                    True,
                ),
                _c("source_kind", STR, "person, organization, document or anonymous"),
                _c("cue", STR, '"said", "according to"...; null for a continuing quote', True),
                _c("kind", STR, "direct, indirect or mixed"),
                _c(
                    "content",
                    STR,
                    "what is said; a reporting clause that interrupts it is left out (\"The plan, he said, "
                    'will cost ...": "The plan will cost ..."), so start and end span more than these words '
                    "then",
                ),
                _c(
                    "addressee",
                    STR,
                    'who it is said to, when the cue names them ("told Reuters", "urged Congress to act", '
                    '"called on states to ..."; after "urged" and "called on" the content starts with them too)',
                    True,
                ),
                _c("hedge", STR, 'modal or hedge word qualifying the content ("could", "unlikely")', True),
                _c("sentence", INT, "sentence index of the content's start"),
                START,
                END,
                _c(
                    "turn_claim_id",
                    STR,
                    "for a quotation that goes on a speaker's turn (a quote paragraph without its own "
                    'attribution, the part after "he said," in an interrupted quote): the claim_id of '
                    "the attributed claim it belongs to",
                    True,
                ),
                _c(
                    "rule",
                    STR,
                    "the rule that made the claim (docs/claims-experts.md): verb:<step> for a verb of saying "
                    "(verb:clause, verb:object_infinitive, verb:before_cue, verb:around_cue, verb:after_colon ...), "
                    "noun, inverted, quoted_as:<step>, according_to:<where>, speaker_label, dash_signature, "
                    "continuation, opening_paragraph",
                ),
            ),
        ),
        Table(
            "experts",
            "a named person quoted for their expertise",
            (
                STORY_ID,
                _c("actor_id", STR, "the expert's actor_id"),
                _c("name", STR, "the expert's name"),
                _c("title", STR, "title as written (North Korea expert)", True),
                _c("affiliation", STR, "organization", True),
                _c("field", STR, "field of expertise (North Korea)", True),
                _c("claims", INT, "number of claims sourced to the expert"),
                _c("expertise_evidence", STR, "the words that made the person an expert (chief economist, director at institute)", True),
                _c("rule", STR, "the test that made the person an expert: expertise_title, analysis_field, research_affiliation, market_firm, untitled_market_firm (no title, quoted, at an outside market firm) or analysis_note"),
            ),
        ),
    )
}

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)

# The archive tables: written by ``wireclaims link`` across the stories of a run, not per story.
ARCHIVE_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "entities",
            "a real-world actor across the archive: the story actors that name it, linked",
            (
                _c("entity_id", STR, "E + 16 hex digits of a hash of the entity's kind and key: the same key gives the same id in every run, and link never changes an id an actor had"),
                _c("key", STR, "the normalised name the actors were linked by (kind:key)"),
                _c("name", STR, "canonical name: the surface most actors use (then the longest)"),
                _c("kind", STR, "person, organization, country or group"),
                _c("aliases", STR_LIST, "other names seen: the actors' names and aliases, most frequent first"),
                _c("country", STR, "ISO 3166 alpha-3 country most actors carry", True),
                _c("titles", COUNTED, "titles seen, with the number of actors carrying each"),
                _c("affiliations", COUNTED, "affiliations seen, with counts"),
                _c("link_rules", STR_LIST, "the rules that linked its actors (actors.link_rule)"),
                _c("first_seen", DATE, "publication date of the first story naming it", True),
                _c("last_seen", DATE, "publication date of the last story naming it", True),
                _c("stories", INT, "stories naming it"),
                _c("mentions", INT, "mentions over all stories (sum of actors.mentions)"),
                _c("claims", INT, "claims sourced to it (claims.source_actor_id)"),
            ),
        ),
        Table(
            "expert_profiles",
            "an expert entity: a person quoted for their expertise in one story or more",
            (
                _c("entity_id", STR, "the expert's entity"),
                _c("name", STR, "the entity's canonical name"),
                _c("affiliations", SPELLS, "affiliations over time: each with its first and last story date and its story count, earliest first"),
                _c("titles", COUNTED, "titles as written, with counts"),
                _c("fields", COUNTED, "fields of expertise (experts.field), with counts"),
                _c("stories", INT, "stories quoting the person as an expert"),
                _c("claims", INT, "claims sourced to the person in those stories"),
                _c("first_quoted", DATE, "publication date of the first such story", True),
                _c("last_quoted", DATE, "publication date of the last such story", True),
            ),
        ),
        Table(
            "route_links",
            "the routes of one year between two countries, by mode and kind",
            (
                _c("origin_country", STR, "ISO3 of the origin (for a route both ways, the first of the two in alphabetical order)"),
                _c("destination_country", STR, "ISO3 of the destination"),
                _c("mode", STR, "sea, rail, road, air, pipeline or unspecified"),
                _c("kind", STR, "transport or trade"),
                _c("year", INT, "year the stories were published", True),
                _c("routes", INT, "routes rows (one per story and route)"),
                _c("stories", INT, "stories reporting such a route"),
                _c("bidirectional", INT, "of the routes, those both ways"),
                _c("cargo", COUNTED, "cargo carried, with the number of routes naming it"),
                _c("first_date", DATE, "first publication date", True),
                _c("last_date", DATE, "last publication date", True),
            ),
        ),
    )
}
ALL_TABLES: dict[str, Table] = {**TABLES, **ARCHIVE_TABLES}

_ENTITY = "JOIN entities e ON e.entity_id = a.entity_id JOIN stories s ON s.story_id = a.story_id"
# Views of claims.duckdb that join the per-story tables to their entities: name -> (one row is, SQL).
ARCHIVE_VIEWS: dict[str, tuple[str, str]] = {
    "entity_mentions": (
        "a story actor with its entity and its story's date",
        "SELECT a.story_id, a.actor_id, a.entity_id, e.name AS entity_name, e.kind AS entity_kind, a.name, a.title, "
        f"a.affiliation, a.country, a.mentions, a.link_rule, s.published, s.headline FROM actors a {_ENTITY}",
    ),
    "entity_claims": (
        "a claim with the entity of its source and its story's date",
        "SELECT c.*, a.entity_id, e.name AS entity_name, e.kind AS entity_kind, s.published FROM claims c "
        f"JOIN actors a ON a.story_id = c.story_id AND a.actor_id = c.source_actor_id {_ENTITY}",
    ),
    "entity_quantities": (
        "a quantity with the entity of the actor that owns it and its story's date",
        "SELECT q.*, a.entity_id, e.name AS entity_name, e.kind AS entity_kind, s.published FROM quantities q "
        f"JOIN actors a ON a.story_id = q.story_id AND a.actor_id = q.actor_id {_ENTITY}",
    ),
    "entity_experts": (
        "an expert row with the person's entity and its story's date",
        "SELECT x.*, a.entity_id, e.name AS entity_name, s.published FROM experts x "
        f"JOIN actors a ON a.story_id = x.story_id AND a.actor_id = x.actor_id {_ENTITY}",
    ),
}


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLE_NAMES)}") from None


def markdown_reference() -> str:
    """The schema reference as Markdown, generated so the docs cannot drift."""
    lines = ["# Schema reference", "", "Generated from `pipeline/schema.py`.", ""]
    archive = ["# Archive tables", "", "Written by `wireclaims link OUT` (and at the end of `wireclaims run`) across every story of a run; see docs/archive.md.", ""]
    for t in ALL_TABLES.values():
        if t.name == next(iter(ARCHIVE_TABLES)):
            lines += archive
        lines += [f"## {t.name}", "", f"One row is {t.row_is}.", "", "| column | type | meaning |", "|---|---|---|"]
        for c in t.columns:
            opt = "?" if c.optional else ""
            lines.append(f"| `{c.name}` | `{c.type}{opt}` | {_md_cell(c.meaning)} |")
        lines.append("")
    lines += ["## Views of claims.duckdb", "", "| view | one row is |", "|---|---|"]
    lines += [f"| `{name}` | {_md_cell(row_is)} |" for name, (row_is, _) in ARCHIVE_VIEWS.items()]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    """Text safe in a Markdown table cell: ``<...>`` is not taken for HTML, ``|`` does not end the cell."""
    return text.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>").replace("|", "\\|")
