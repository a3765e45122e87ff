"""Experts: named people quoted for their expertise, one row each.

An expert is a person actor who is the source of at least one claim and whose
title marks expertise (``expertise`` in ``models/lexicons/titles.json``:
expert, analyst, economist, professor, fellow, strategist, ...), or who works
at a research organisation (``research_affiliations``: institute, university,
research, ...) with a research role (``research_roles``: director, fellow,
...) or no title at all, or who holds a senior role at a market or advisory
firm (``market_firms``, ``market_roles``) that the story names only as their
employer. Officials, executives and anonymous sources are sources, not experts. ``rule`` names
the test that made the person an expert: ``expertise_title``, ``analysis_field``,
``research_affiliation``, ``market_firm``, ``analysis_note`` (an employer, no title,
and words quoted "in a note to clients") or ``specialty_clause`` ("who specializes in
False Claims Act litigation" after the name; "who advises brokers on employment issues") or
``advisory_kind`` (a head or member of staff at an organisation the story calls a think tank,
consultancy, advisory or research firm or institute: "Antonio Vitorino, president of Notre Europe
think tank"). ``title`` and
``affiliation`` are the actor's, as written ("North Korea expert", "Australia
National University"); ``field`` is what the title says the expertise is
about: the words before the expertise noun ("North Korea" in "a North Korea
expert", "fixed income" in "fixed income strategist"), else the words after
it ("economics" in "a professor of economics at Harvard"), else the lower-case
words before it where a claim names the source ("An energy policy analyst
said ..." resolved to Kevin Book, "Moody's sovereign credit analyst Sarah
Carlson"); ``claims`` counts the claims sourced to the person.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..resources import load_json, word_set
from .actors import ActorIndex
from .context import DocContext
from .titles import ending_phrase, expertise_evidence, is_expertise, market_firm_evidence, title_lexicon

# "professor of economics at Harvard", "expert on Russia with ...": the field runs to the next
# preposition, comma or clause boundary.
_FIELD_AFTER = re.compile(r"\s+(?:of|on|in)\s+([^,.;:()\"“”\n]{2,40}?)(?=\s+(?:at|with|from|for|who|and|said|says|told)\b|[,.;:()\"“”\n]|$)")


@lru_cache(maxsize=1)
def _expertise_heads() -> tuple[tuple[str, ...], ...]:
    """Expertise phrases as word tuples, longest first."""
    return tuple(sorted((tuple(e.split()) for e in title_lexicon()[3]), key=len, reverse=True))


def _source_actors(claim: dict) -> list[str]:
    """The actors a claim's source names (a joint source names several)."""
    ids = claim.get("source_actor_ids")
    if ids is not None and len(ids):
        return list(ids)
    return [claim["source_actor_id"]] if claim.get("source_actor_id") else []


def extract_experts(ctx: DocContext, actors: ActorIndex, actor_rows: list[dict], claims: list[dict]) -> list[dict]:
    """Expert rows, in the order of the actors."""
    counts = Counter(a for c in claims for a in _source_actors(c))
    rows = []
    for row in actor_rows:
        n = counts.get(row["actor_id"], 0)
        title = row.get("title")
        if row["kind"] != "person" or not n:
            continue
        affiliation = row.get("affiliation")
        # The words that say what the employer is count as its name does ("polling company Ipsos MORI").
        employer = " ".join(w for w in (row.get("affiliation_description"), affiliation) if w) or None
        evidence = expertise_evidence(title, employer)
        rule = _expertise_rule(title, evidence) if evidence is not None else "market_firm"
        if evidence is None and _named_once(affiliation, row["name"], actor_rows, ctx.text or ctx.doc.text):
            evidence = market_firm_evidence(title, employer)
            if evidence is None and title is None:
                # "said Yelena Savchik from Renaissance Capital brokerage": no title, an outside market firm
                evidence, rule = market_firm_evidence("", employer), "untitled_market_firm"
        if evidence is None and title is None and affiliation:
            evidence, rule = analysis_note(row["name"], ctx.text or ctx.doc.text), "analysis_note"
        if evidence is None:
            evidence, rule = specialty_clause(row["name"], ctx.text or ctx.doc.text), "specialty_clause"
        if evidence is None:
            evidence, rule = advisory_kind(row, employer, actor_rows, ctx.text or ctx.doc.text), "advisory_kind"
        if evidence is None:
            continue
        sources = [c["source"] for c in claims if row["actor_id"] in _source_actors(c) and c.get("source")]
        rows.append(
            {
                "actor_id": row["actor_id"],
                "name": row["name"],
                "title": title,
                "affiliation": row.get("affiliation"),
                # advisory_kind: "president of the Oxford Institute" names a role and an employer, no field
                "field": (expertise_field(title, ctx.text or ctx.doc.text) or _field_in_sources(title, sources)) if title and rule != "advisory_kind" else None,
                "claims": n,
                "expertise_evidence": evidence,
                "rule": rule,
            }
        )
    return rows


_NOTE_AFTER = 40  # characters after a name within which an analysis cue makes it the cue's
_SPECIALTY_AFTER = 120  # ", managing partner at law firm Foo LLP in New Jersey, who specializes in"


def analysis_note(name: str, text: str) -> str | None:
    """The cue that says an untitled person's quoted words are their analysis for clients
    ("said Merrill Lynch's Richard Bernstein, in a note to clients"; ``analysis_cues`` in
    ``models/lexicons/titles.json``), or None."""
    return _cue_after(name, text, word_set("lexicons/titles.json", "analysis_cues"), _NOTE_AFTER)


def specialty_clause(name: str, text: str) -> str | None:
    """The clause that describes a person by their specialty, in the sentence that names them
    ("said David Stone, managing partner at law firm Stone & Magnanini LLP in New Jersey, who
    specializes in False Claims Act litigation"; ``specialty_cues`` in
    ``models/lexicons/titles.json``), or None."""
    return _cue_after(name, text, word_set("lexicons/titles.json", "specialty_cues"), _SPECIALTY_AFTER)


_APPOSITIVE_AFTER = 160  # ", president of the Oxford Institute for Economic Policy and a senior fellow at ..."
# An appositive ends at the sentence's end, a quote, a bracket or a clause of its own ("which ...", "said"); one
# that is a clause ("Josef Ackermann, who also chairs ... the Institute of International Finance") holds no title.
_APPOSITIVE_END = re.compile(r"^(?:who|which|where|whose)\b|[.;:\"“”()]|,\s+(?:who|which|where|whose|said|says|adding|according)\b|\b(?:said|says|told|added|adding|warned|agreed)\b")


@lru_cache(maxsize=1)
def _advisory_lexicon() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """(advisory kinds, advisory roles, public bodies and lobbies) from ``_advisory`` in titles.json."""
    data = load_json("lexicons/titles.json")

    def words(key: str) -> re.Pattern[str]:
        return re.compile("|".join(r"\b" + re.escape(w.lower()) + r"\b" for w in sorted(data[key], key=len, reverse=True)))

    return words("advisory_kinds"), frozenset(w.lower() for w in data["advisory_roles"]), words("official_affiliations")


def advisory_kind(row: dict, employer: str | None, actor_rows: list[dict], text: str) -> str | None:
    """The words that make a quoted person an adviser or researcher by their employer's kind
    (``_advisory`` in ``models/lexicons/titles.json``): a head or a member of staff ("president",
    "head", no title) at an organisation the story describes as a think tank, a consultancy, an
    advisory or research firm or an institute, in the employer's words or in the appositive after
    the person's name ("David Wolf, president of Wolf Group Asia, an advisory firm covering ...").
    None for a public body or a lobby, or an employer the story names for itself too."""
    kinds, roles, official = _advisory_lexicon()
    title, affiliation = row.get("title"), row.get("affiliation")
    role = ending_phrase(title, roles) if title else "untitled"
    if role is None or (affiliation and official.search(affiliation.lower())):
        return None
    if (affiliation is None and title is None) or _former(title):
        return None  # no role and no employer to weigh; "a former partner of McKinsey" advises no longer
    said = " ".join(w for w in (employer, _appositive(row["name"], text)) if w).lower()
    kind = kinds.search(said)
    if kind is None or (affiliation and not _named_once(affiliation, row["name"], actor_rows, text)):
        return None
    if affiliation is None and said[: kind.start()].endswith("the "):
        return None  # "program director at the institute": one the story has named, its subject
    return f"{role} at {kind.group(0)}"


def _former(title: str | None) -> bool:
    """Whether a title is one its holder has left ("disgraced former partner")."""
    return bool(title) and not word_set("lexicons/organizations.json", "former_words").isdisjoint(title.lower().split())


def _appositive(name: str, text: str) -> str | None:
    """The words after a mention of ``name`` set off by a comma, to the end of that appositive."""
    m = re.search(r"\s+".join(map(re.escape, name.split())) + r",\s", text)
    if m is None:
        return None
    after = text[m.end() : m.end() + _APPOSITIVE_AFTER]
    end = _APPOSITIVE_END.search(after)
    return after[: end.start()] if end else after


def _cue_after(name: str, text: str, cues: frozenset[str], window: int) -> str | None:
    """The first of ``cues`` within ``window`` characters after a mention of ``name``, in its sentence."""
    for m in re.finditer(r"\s+".join(map(re.escape, name.split())), text):
        after = " ".join(text[m.end() : m.end() + window].lower().split()).split(". ")[0]
        cue = next((c for c in cues if c in after), None)
        if cue:
            return cue
    return None


def _expertise_rule(title: str | None, evidence: str) -> str:
    """Which test of :func:`expertise_evidence` made the person an expert: an expertise title
    ("North Korea expert"), a title heading a field of analysis ("head of equity derivatives
    strategy") or a research role (or none) at a research organisation."""
    if is_expertise(title):
        return "expertise_title"
    if title and " ".join(title.lower().split()).endswith(evidence):
        return "analysis_field"
    return "research_affiliation"


def _named_once(affiliation: str | None, person: str, actor_rows: list[dict], text: str) -> bool:
    """Whether the story names an employer only once, as the person's employer: an outsider to the
    story ("James Cordier, president of Liberty Trading Group"), not a firm it is about. Its first
    word must be named once too, unless it is the person's name ("McMillan Analysis Corp"): "Moody's
    Sovereign Risk Group" is Moody's, in a story on Moody's."""
    if not affiliation:
        return False
    low = affiliation.lower()
    for row in actor_rows:
        if row["kind"] == "person":
            continue
        names = [row["name"], *(row.get("aliases") or [])]
        if any(name and (_times_named(low, name.lower()) or _times_named(name.lower(), low)) for name in names):
            # mentions right around the person ("Hinsdale's Nolte") name them, not a firm the story is about
            if int(row.get("mentions") or 1) > 1 and max(_times_named(text, n, apart_from=person.split()[-1]) for n in names if n) > 1:
                return False
    first = next((w for w in affiliation.split() if w[:1].isupper() and w != "The"), affiliation)  # after "options research firm"
    return first in person.split() or _times_named(text, first, apart_from=person.split()[-1]) <= 1


_NEAR = 60  # characters before an employer's name within which a person's surname makes it theirs


def _times_named(text: str, words: str, apart_from: str | None = None) -> int:
    """How often ``words`` stand in ``text`` as whole words ("AP" is not in "Again Capital"), not
    counting those right after ``apart_from`` (a person's surname: "said Lee of Aite Group" names
    Lee's employer again, not a firm the story is about) or right before it ("Hinsdale's Nolte"); a plain search, because a pattern
    compiled per name cost more than the rest of the experts."""
    count, at = 0, text.find(words) if words else -1
    while at >= 0:
        end = at + len(words)
        whole = not (at > 0 and _word_char(text[at - 1])) and not (end < len(text) and _word_char(text[end]))
        # "Hinsdale's Nolte": the employer named again as the person's, right before the surname
        theirs = apart_from and apart_from in text[end : end + len(apart_from) + 4]
        if whole and not theirs and not (apart_from and apart_from in text[max(0, at - _NEAR) : at]):
            count += 1
        at = text.find(words, at + 1)
    return count


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _field_in_sources(title: str, sources: list[str]) -> str | None:
    """The field a claim's source gives the title ("An energy policy analyst said ...", "Moody's sovereign
    credit analyst Sarah Carlson"): the lower-case words right before the title's noun."""
    head = title.split()[-1].lower()
    modifiers = title_lexicon()[1]
    for source in sources:
        words = source.split()
        lowered = [w.lower() for w in words]
        if head not in lowered:
            continue
        k = lowered.index(head)
        field: list[str] = []
        for w in reversed(words[:k]):
            if not w.islower() or w in ("a", "an", "the", "one") or w.lower() in modifiers:
                break
            field.insert(0, w)
        if field:
            return " ".join(field)
    return None


def expertise_field(title: str, text: str = "") -> str | None:
    """What a title says the expertise is about ("North Korea" for "North Korea expert")."""
    words = title.split()
    lowered = [w.lower() for w in words]
    modifiers = title_lexicon()[1]
    for head in _expertise_heads():
        if tuple(lowered[-len(head) :]) == head:
            before = words[: len(words) - len(head)]
            # "partner and senior economist": what stands before a coordination is another title
            for k in range(len(before) - 1, -1, -1):
                if before[k].lower() in ("and", "&") or before[k].endswith(","):
                    before = before[k + 1 :]
                    break
            while before and before[0].lower() in modifiers:
                before = before[1:]
            if before:
                return " ".join(before)
            break
    if text:
        # The title may be followed by its field in the story: "a professor of economics at ...".
        for m in re.finditer(re.escape(title), text):
            after = _FIELD_AFTER.match(text, m.end())
            if after:
                return after.group(1).strip()
    return None
