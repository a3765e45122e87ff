"""Affiliations: whom a named person works for, read by patterns kept as data.

The patterns live in ``models/patterns/affiliations.json``, one spaCy ``Matcher``
pattern per wire shape, in the order they are trusted ("Foo Capital analyst Jane
Roe", "Jane Roe, head of research at London-based consultancy Foo Risk", "Jane Roe of
the Bar Institute", "Jane Roe, a former Foo official now at Bar", ...). A pattern's
tokens may carry a ``ROLE`` ("person", "employer") that the ``Matcher`` itself does
not see: the match's alignments say which story tokens filled which role, so the
employer is cut from the match without code per shape.

Patterns match on four token marks set from the cleaned entity mentions, so they do
not depend on the recogniser's raw labels:

* ``_.wc_name``: "PERSON", "ORG" or "GPE" for a mention's tokens, "PROPN" for a
  capitalised proper noun outside any mention (an employer the recogniser missed);
* ``_.wc_title``: the token ends a title of the title lexicon ("analyst", "head");
* ``_.wc_firm``: a word that describes a firm ("consultancy", "brokers");
* the usual ``LOWER``, ``ORTH``, ``POS`` and ``IS_LOWER`` attributes.

:func:`find_affiliations` gives, for the first token of each person mention, the
employer's token span and the id of the pattern that found it (the actors table's
``affiliation_rule``). The first pattern in file order that matches a person wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..resources import load_json
from .context import TIME_ENTITIES
from .entities import EntityMention
from .titles import title_head, title_lexicon

PATTERNS_FILE = "patterns/affiliations.json"
# Patterns use "*" rather than bounded repeats ("{,14}"), which the Matcher unrolls into optional
# tokens whose alignments multiply; the bound is applied to the whole match here instead.
MAX_MATCH_TOKENS = 32
_NOT_EMPLOYERS = TIME_ENTITIES | {"GPE", "LOC", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_NAME_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "FAC": "ORG"}

for _attr in ("wc_name", "wc_title", "wc_firm"):
    if not Token.has_extension(_attr):
        Token.set_extension(_attr, default="" if _attr == "wc_name" else False)


@dataclass(frozen=True)
class Affiliation:
    start: int  # employer tokens, end exclusive
    end: int
    rule: str  # the pattern's id
    description: str | None = None  # the words that say what the employer is ("consultancy", "auto industry tracking firm")


@dataclass(frozen=True)
class _Pattern:
    id: str
    roles: tuple[str | None, ...]  # per pattern token


@lru_cache(maxsize=4)
def _compiled(vocab: Vocab) -> tuple[Matcher, dict[str, _Pattern], tuple[str, ...]]:
    """The matcher over the pattern file, each pattern's roles, and the ids in trust order."""
    matcher = Matcher(vocab)
    patterns: dict[str, _Pattern] = {}
    for entry in load_json(PATTERNS_FILE)["patterns"]:
        tokens: list[dict[str, Any]] = [dict(t) for t in entry["pattern"]]
        roles = tuple(t.pop("ROLE", None) for t in tokens)
        matcher.add(entry["id"], [tokens])
        patterns[entry["id"]] = _Pattern(entry["id"], roles)
    return matcher, patterns, tuple(patterns)


@lru_cache(maxsize=1)
def _title_ends() -> frozenset[str]:
    """Last words of the lexicon's titles: the token a title ends with ("analyst", "head")."""
    return frozenset(t.split()[-1] for t in title_lexicon()[0])


@lru_cache(maxsize=1)
def _firm_words() -> frozenset[str]:
    return frozenset(load_json("lexicons/organizations.json")["firm_nouns"])


def mark_tokens(doc: Doc, mentions: list[EntityMention]) -> None:
    """Set the ``wc_*`` marks the patterns read."""
    titles, firms = _title_ends(), _firm_words()
    for token in doc:
        lower = token.lower_
        token._.wc_title = lower in titles
        token._.wc_firm = lower in firms
        # A proper noun outside any mention may be an employer the recogniser missed, not a day or a place.
        unnamed = token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ not in _NOT_EMPLOYERS
        token._.wc_name = "PROPN" if unnamed else ""
    for m in mentions:
        for i in range(m.start, m.end):
            doc[i]._.wc_name = _NAME_LABELS.get(m.label, "")


def find_affiliations(doc: Doc, mentions: list[EntityMention]) -> dict[int, Affiliation]:
    """Person mention start -> the employer the first matching pattern names."""
    mark_tokens(doc, mentions)
    matcher, patterns, order = _compiled(doc.vocab)
    person_starts = {m.start for m in mentions if m.label == "PERSON"}
    found: dict[int, tuple[int, Affiliation]] = {}
    for match_id, start, end, alignments in matcher(doc, with_alignments=True):
        if end - start > MAX_MATCH_TOKENS:
            continue
        pattern = patterns[doc.vocab.strings[match_id]]
        person = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "person"]
        employer = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "employer"]
        described = [start + k for k, p in enumerate(alignments) if pattern.roles[p] == "description"]
        if not person or not employer or person[0] not in person_starts or _is_title(doc, employer):
            continue
        rank = order.index(pattern.id)
        best = found.get(person[0])
        description = doc[described[0] : described[-1] + 1].text if described else None
        first, last = _whole_name(doc, employer[0], _trim_possessive(doc, employer[0], employer[-1] + 1))
        candidate = Affiliation(first, last, pattern.id, description)
        if best is None or rank < best[0] or (rank == best[0] and candidate.end - candidate.start > best[1].end - best[1].start):
            found[person[0]] = (rank, candidate)
    return {start: aff for start, (_, aff) in found.items()}


def _is_title(doc: Doc, employer: list[int]) -> bool:
    """An "employer" that is the first words of a title ("Finance" in "Finance Minister Jane Roe")."""
    end = employer[-1] + 1
    words = [doc[i].text for i in range(employer[0], min(end + 3, len(doc)))]
    return any(title_head(words[:n]) is not None and len(title_head(words[:n]).split()) == n for n in range(end - employer[0] + 1, len(words) + 1))


_JOINTS = frozenset({"of", "and", "&", "for", "de"})


def _whole_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The employer's whole name, and the firm behind a department.

    A name runs on over "of", "and" or "&" into more capitalised words ("China Centre" +
    "of Energy Economics", "Asia Oil" + "and Gas"); a unit followed by "at" or "with" and
    another name is a department of that employer ("head of Asia Oil and Gas at Barclays
    Capital" works for Barclays Capital).
    """
    while end + 1 < len(doc) and doc[end].lower_ in _JOINTS and doc[end + 1]._.wc_name in ("ORG", "PROPN"):
        end += 1
        while end < len(doc) and doc[end]._.wc_name in ("ORG", "PROPN"):
            end += 1
    if end + 1 < len(doc) and doc[end].lower_ in ("at", "with") and doc[end + 1]._.wc_name in ("ORG", "PROPN"):
        start = end = end + 1
        while end < len(doc) and doc[end]._.wc_name in ("ORG", "PROPN"):
            end += 1
        end = _trim_possessive(doc, start, end)
    return start, end


def _trim_possessive(doc: Doc, start: int, end: int) -> int:
    while end > start + 1 and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return end
