"""Affiliations: whom a named person works for, read by patterns kept as data.

The patterns live in ``models/patterns/affiliations.json``, one spaCy ``Matcher``
pattern per wire shape, in the order they are trusted ("Foo Capital analyst Jane
Roe", "Jane Roe, head of research at London-based consultancy Foo Risk", "Jane Roe of
the Bar Institute", "Jane Roe, a former Foo official now at Bar", ...). A pattern's
tokens may carry a ``ROLE`` ("person", "employer") that the ``Matcher`` itself does
not see: the match's alignments say which story tokens filled which role, so the
employer is cut from the match without code per shape.

Patterns run on one marked copy of the sentences that name a person, so they do not
depend on the recogniser's raw labels and read only native attributes (an extension
attribute costs the ``Matcher`` a Python call per token and state):

* ``TAG``: "PERSON", "ORG", "GPE" or "NORP" for a cleaned mention's tokens, "PROPN" for a
  capitalised proper noun, or a name of the organisation knowledge file, outside any mention,
  date or place (an employer the recogniser missed), else "_";
* ``ENT_TYPE``: "TITLE" for a word that ends a title of the title lexicon ("analyst",
  "head"), "FIRM" for a word that describes a firm ("consultancy", "brokers"),
  "TITLE_FIRM" for both ("manager");
* the copy keeps the words, ``POS`` and ``LEMMA``, so ``LOWER``, ``ORTH``, ``IS_LOWER``,
  ``LIKE_NUM`` and the rest read as on the story.

:func:`find_affiliations` gives, for the first token of each person mention, the
employer's token span and the id of the pattern that found it (the actors table's
``affiliation_rule``). The first pattern in file order that matches a person wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..resources import load_json, word_set
from .context import TIME_ENTITIES
from .entities import EntityMention
from .titles import expertise_fields, title_head, title_lexicon

PATTERNS_FILE = "patterns/affiliations.json"
# Patterns use "*" rather than bounded repeats ("{,14}"), which the Matcher unrolls into optional
# tokens whose alignments multiply; the bound is applied to the whole match here instead.
MAX_MATCH_TOKENS = 32
_NOT_EMPLOYERS = TIME_ENTITIES | {"GPE", "LOC", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_NAME_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "FAC": "ORG"}

@dataclass(frozen=True)
class Affiliation:
    start: int  # employer tokens, end exclusive
    end: int
    rule: str  # the pattern's id
    description: str | None = None  # the words that say what the employer is ("consultancy", "auto industry tracking firm")
    title: str | None = None  # the title word of the shape ("trader" of "a top Deutsche Bank trader, Greg Lippmann,")


@dataclass(frozen=True)
class _Pattern:
    id: str
    roles: tuple[str | None, ...]  # per pattern token


_FIRM_MARKS = frozenset({"FIRM", "TITLE_FIRM"})
# Words rare enough to be worth a matcher of their own: sentences without them skip its patterns.
_TRIGGERS = frozenset({"who", "former", "based"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})  # a bare apostrophe after a plural name (plural_possessive)


def _required_words(tokens: list[dict[str, Any]]) -> frozenset[str]:
    """What a pattern cannot match without, of the rare things worth a matcher of their own: a
    trigger word ("who", "former", "based"), "@firm" for a firm noun, "@'s" for a possessive,
    each on a token that must occur at least once."""
    required = set()
    for t in tokens:
        if t.get("OP", "1") not in ("1", "+"):
            continue
        if isinstance(t.get("LOWER"), str) and t["LOWER"] in _TRIGGERS:
            required.add(t["LOWER"])
        if isinstance(t.get("ENT_TYPE"), dict) and set(t["ENT_TYPE"].get("IN", ())) <= _FIRM_MARKS:
            required.add("@firm")
        if isinstance(t.get("ORTH"), dict) and set(t["ORTH"].get("IN", ())) <= _POSSESSIVES:
            required.add("@'s")
    return frozenset(required)


def _present(sentence: Span) -> set[str]:
    """The words and marks of a sentence that :func:`_required_words` asks for."""
    words = {t.lower_ for t in sentence}
    if words & word_set("lexicons/organizations.json", "firm_nouns"):
        words.add("@firm")
    if words & _POSSESSIVES:
        words.add("@'s")
    return words


@lru_cache(maxsize=4)
def _compiled(vocab: Vocab) -> tuple[dict[frozenset[str], Matcher], dict[str, _Pattern], tuple[str, ...]]:
    """One matcher per set of required words (a sentence without "who" skips the who-clause
    patterns), each pattern's roles, and the ids in trust order."""
    matchers: dict[frozenset[str], Matcher] = {}
    patterns: dict[str, _Pattern] = {}
    for entry in load_json(PATTERNS_FILE)["patterns"]:
        tokens: list[dict[str, Any]] = [dict(t) for t in entry["pattern"]]
        roles = tuple(t.pop("ROLE", None) for t in tokens)
        matchers.setdefault(_required_words(tokens), Matcher(vocab)).add(entry["id"], [tokens])
        patterns[entry["id"]] = _Pattern(entry["id"], roles)
    return matchers, patterns, tuple(patterns)


def _matches(sentences: list[Span], names: dict[int, str], matchers: dict[frozenset[str], Matcher]):
    """(match id, start, end, alignments) in doc offsets, each matcher run on the sentences where
    its words occur. The sentences are marked once, as one copy, and matched as its spans (a
    copy per sentence cost more than the matching)."""
    if not sentences:
        return
    marked = marked_copy(sentences, names)
    offset = 0
    for sentence in sentences:
        words = _present(sentence)
        part = marked[offset : offset + len(sentence)]
        offset += len(sentence)
        for required, matcher in matchers.items():
            if required <= words:
                for match_id, start, end, alignments in matcher(part, with_alignments=True):
                    yield match_id, sentence.start + start, sentence.start + end, alignments


@lru_cache(maxsize=1)
def _title_ends() -> frozenset[str]:
    """Last words of the lexicon's titles and their plurals: the token a title ends with
    ("analyst", "head", "economists")."""
    ends = {t.split()[-1] for t in title_lexicon()[0]}
    return frozenset(ends | {end + "s" for end in ends if not end.endswith("s")})


@lru_cache(maxsize=1)
def _known_organizations() -> frozenset[str]:
    """Names of the archive's organisation knowledge file, which the tagger may miss as proper nouns."""
    return frozenset(load_json("gazetteer/org_countries.json")["organizations"])


def marked_copy(spans: list[Span], names: dict[int, str]) -> Doc:
    """The words of ``spans``, one after another, with the marks the patterns read (see the
    module's docstring); ``names`` maps a token to its mention's label."""
    titles, firms = _title_ends(), word_set("lexicons/organizations.json", "firm_nouns")
    tags, kinds = [], []
    tokens = [token for span in spans for token in span]
    for token in tokens:
        label = _NAME_LABELS.get(names.get(token.i, ""))
        if label is None:
            proper = token.pos_ == "PROPN" or token.text in _known_organizations()  # "Citi" tagged an adjective
            unnamed = proper and token.text[:1].isupper() and token.ent_type_ not in _NOT_EMPLOYERS
            label = "PROPN" if unnamed else "_"
        tags.append(label)
        lower = token.lower_
        kind = "TITLE_FIRM" if lower in titles and lower in firms else "TITLE" if lower in titles else "FIRM" if lower in firms else ""
        kinds.append("B-" + kind if kind else "O")
    return Doc(spans[0].doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens], tags=tags, ents=kinds)


def find_affiliations(doc: Doc, mentions: list[EntityMention]) -> dict[int, Affiliation]:
    """Person mention start -> the employer the first matching pattern names (sentences that
    name a person only)."""
    person_starts = {m.start for m in mentions if m.label == "PERSON"}
    # Wire copy introduces a person by full name, with the employer: later surname-only mentions need
    # no matching, unless a who-clause follows ("Marchionne, who is chief executive of both Chrysler and Fiat").
    # surname_appositive (i18k): nor unless an appositive with an article follows ("said Stiglitz, a Columbia University
    # professor": the story's first sentence had named him without his employer).
    framed = [m.start for m in mentions if m.label == "PERSON" and (m.end - m.start > 1 or _who_follows(doc, m) or _article_appositive(doc, m)) and _framed(doc, m)]
    if doc.has_annotation("SENT_START"):
        sentences = list({doc[i].sent.start: doc[i].sent for i in framed}.values())
    else:
        sentences = [doc[:]] if framed else []  # a fixed parse without sentences
    matchers, patterns, order = _compiled(doc.vocab)
    names = {i: m.label for m in mentions for i in range(m.start, m.end)}
    found: dict[int, tuple[int, Affiliation]] = {}
    for match_id, start, end, alignments in _matches(sentences, names, matchers):
        if end - start > MAX_MATCH_TOKENS:
            continue
        pattern = patterns[doc.vocab.strings[match_id]]
        person = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "person"]
        employer = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "employer"]
        described = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "description"]
        titled = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "title"]
        if employer:
            employer = _without_title(doc, employer, names)
        if not person or not employer or person[0] not in person_starts or doc[employer[0]].text in ("'s", "’s"):
            continue  # an employer cannot start at the "'s" a possessive name keeps ("Moody's analyst": not "'s")
        rank = order.index(pattern.id)
        best = found.get(person[0])
        description = doc[described[0] : described[-1] + 1].text if described else None
        first, last = _whole_name(doc, employer[0], _trim_possessive(doc, employer[0], employer[-1] + 1), names)
        if last - first > 1 and doc[first].lower_ in word_set("lexicons/organizations.json", "former_words"):
            first += 1  # former_qualifier: "Former Federal Reserve Chairman Alan Greenspan" worked for the Federal Reserve
        candidate = Affiliation(first, last, pattern.id, description, doc[titled[0]].text if titled else None)
        if best is None or rank < best[0] or (rank == best[0] and candidate.end - candidate.start > best[1].end - best[1].start):
            found[person[0]] = (rank, candidate)
    return {start: aff for start, (_, aff) in found.items()}


_FRAME_AFTER = frozenset({",", "of", "at", "from", "with", "for"})


def _who_follows(doc: Doc, person: EntityMention) -> bool:
    return person.end + 1 < len(doc) and doc[person.end].text == "," and doc[person.end + 1].lower_ == "who"


def _article_appositive(doc: Doc, person: EntityMention) -> bool:
    return person.end + 1 < len(doc) and doc[person.end].text == "," and doc[person.end + 1].lower_ in ("a", "an")


def _framed(doc: Doc, person: EntityMention) -> bool:
    """Whether a person mention stands where a pattern can start or end: a comma or a
    preposition after it, or a title word, a possessive or a name before it. A bare "Roe
    said" needs no matching (most mentions after the first)."""
    if person.end < len(doc) and doc[person.end].lower_ in _FRAME_AFTER:
        return True
    before = doc[person.start - 1] if person.start > 0 else None
    # ")" closes a bracketed title before the name: "(CDS leader) Paulo Portas" (paren_org_title_name)
    return before is not None and (before.lower_ in _title_ends() or before.text in ("'s", "’s", ")") or before.pos_ == "PROPN")


def _without_title(doc: Doc, employer: list[int], names: dict[int, str]) -> list[int]:
    """The employer's tokens before the title that begins inside them, or none when the title is
    all of it ("Finance" in "Finance Minister Jane Roe", "Deputy" in "Deputy Chairman Jane Roe":
    a title's modifiers count), it stops at a joint ("Secretary of"), or the title reaches back
    over a place alone ("U.S. Secretary of State Rex Tillerson", "U.S. Trade Representative Ron
    Kirk"). A recognised organisation before the title stays the employer ("AutoNation Inc Chief
    Executive Mike Jackson"), and so does a body the title repeats ("U.S. Treasury Secretary
    Henry Paulson" and "Treasury Secretary Timothy Geithner" work for the Treasury)."""
    bodies = word_set("lexicons/titles.json", "bodies_in_titles")
    modifiers = title_lexicon()[1]
    first, last = employer[0], employer[-1]
    if doc[last].lower_ in _JOINTS or _inside_longer_title(doc, first, last):
        return []
    for t in range(last + 1, min(last + 4, len(doc))):
        head = title_head([doc[i].text for i in range(first, t + 1)])
        if head is None:
            continue
        starts = t + 1 - len(head.split())
        while starts > first and doc[starts - 1].lower_ in modifiers:
            starts -= 1
        if starts > last:
            continue
        if t - last < 2 and doc[starts].lower_ in bodies:
            return employer
        if starts <= first:
            return employer if doc[first:last + 1].text.lower() in bodies and t - last < 2 else []
        kept = [i for i in employer if i < starts]
        return kept if any(names.get(i) == "ORG" for i in kept) else []
    return employer


_JOINTS = frozenset({"of", "and", "&", "for", "de"})


def _inside_longer_title(doc: Doc, first: int, last: int) -> bool:
    """Whether the employer's words are the middle of a title that begins before them and ends
    after them ("Chief Financial Officer Keith Sherin": "Financial" is no employer)."""
    if first == 0 or not doc[first - 1].text[:1].isupper():
        return False
    for t in range(last + 1, min(last + 3, len(doc))):
        head = title_head([doc[i].text for i in range(first - 1, t + 1)])
        if head is not None and len(head.split()) == t + 2 - first:
            return True
    return False


def _whole_name(doc: Doc, start: int, end: int, names: dict[int, str]) -> tuple[int, int]:
    """The employer's whole name, and the firm behind a department.

    A name runs on over "of", "and", "&" or a hyphen into more capitalised words ("China Centre" +
    "of Energy Economics", "Asia Oil" + "and Gas", "AFL" + "-CIO"); a unit followed by "at" or "with" and
    another name is a department of that employer ("head of Asia Oil and Gas at Barclays
    Capital" works for Barclays Capital), also after a field of analysis ("director of FX
    research at GFT").
    """
    def named(i: int) -> bool:
        return i < len(doc) and (names.get(i) == "ORG" or (i not in names and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()))

    joints = _JOINTS - {"and"} if start > 0 and doc[start - 1].lower_ == "both" else _JOINTS  # "of both Chrysler and Fiat": two
    while end + 1 < len(doc) and (doc[end].lower_ in joints or _hyphen(doc, end)) and named(end + 1):
        end += 1
        while named(end):
            end += 1
    unit_end = end
    while unit_end < len(doc) and doc[unit_end].lower_ in expertise_fields():
        unit_end += 1  # "director of FX research at GFT": a desk's field, then its firm
    if unit_end + 1 < len(doc) and doc[unit_end].lower_ in ("at", "with") and named(unit_end + 1):
        start = end = unit_end + 1
        while named(end):
            end += 1
        end = _trim_possessive(doc, start, end)
    return start, end


def _hyphen(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ("AFL-CIO"), not a dash between words."""
    return doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _trim_possessive(doc: Doc, start: int, end: int) -> int:
    while end > start + 1 and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return end


def subject_of_sentence(doc: Doc, named: list, start: int, end: int) -> list:
    """Rule spokesperson_subject: of several organisations the sentence before a spokesperson's
    names (their own names none), the one that is its main clause's subject ("The Foreign Ministry praised Apple for ...", then "... spokesman Hong
    Lei told": the ministry's spokesman). ``named`` are actors; returns the one subject or none."""
    subjects = [
        a for a in named
        if any(start <= s < end and any(doc[k].dep_ in ("nsubj", "nsubjpass") and doc[k].head.dep_ == "ROOT" for k in range(s, e)) for s, e in a.mentions)
    ]
    return subjects if len(subjects) == 1 else []
