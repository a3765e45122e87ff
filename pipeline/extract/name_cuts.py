"""Organisation names the model cut to a fragment of a longer name, and names glued to a person (issue 20's i20k).

Keyed alone, a fragment joins every other name cut the same way across the archive: "America Corp" of "Bank of
America Corp" and of "Bank of America Corp." in other stories, "Sons Co." of R.R. Donnelley's and of A.G. Edwards',
"Airlines" of American Airlines. The rules here read the words around a mention, the lexicons of
``models/lexicons/organizations.json`` (``cut_front_connectors``, ``and_name_tails``, ``heads``) and the archive's
mined companies (``gazetteer/org_countries.json``); :mod:`.entities` calls them.

* ``cut_front``: an organisation cut after "of" (before a place), "&" or "and" + "Sons" gets its front back;
* ``glued_person``: "Countrywide Chief Executive Angelo Mozilo" is an organisation, a title and a person;
* ``nationality_name``: a nationality word that starts a company's own name ("American Express") is not peeled;
* ``and_bodies``: two bodies the model read as one name ("Institute of Occupational Health and University College").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..gazetteer import gazetteer
from ..resources import load_json, model_path, word_set
from .context import DocContext
from .titles import title_head, title_lexicon

if TYPE_CHECKING:
    from .entities import EntityMention


def _front_start(ctx: DocContext, m: EntityMention, owner: dict[int, EntityMention], surnames: set[str]) -> int | None:
    """Where the name ``m`` is the tail of really starts: before a connector of
    ``cut_front_connectors`` right after a capitalised proper noun, over that proper-noun run
    (or the person or organisation mention ending there: "A.G. Edwards" of "A.G. Edwards & Sons").
    None when no front was cut, or when the front is a title ("President of Ford Motor Co")."""
    doc = ctx.doc
    i = m.start - 1
    if i < 1 or not ctx.is_prose(i):
        return None
    low = doc[i].lower_
    connectors = word_set("lexicons/organizations.json", "cut_front_connectors")
    if low not in connectors and not (low == "and" and doc[m.start].lower_ in word_set("lexicons/organizations.json", "and_name_tails")):
        return None
    if low == "of" and not _named_for_a_place(ctx, m):
        return None
    titles = title_lexicon()[0]
    prev = owner.get(i - 1)
    if low == "of" and ((prev is not None and prev.label == "PERSON") or doc[i - 1].text in surnames):
        return None  # "Brian Langenberg of Langenberg & Co.", "Hutton of Boston College": a person and an employer
    if prev is not None:
        words = prev.text.split()
        fits = prev.label in ("PERSON", "ORG") and prev.end == i and title_head(words) is None
        return prev.start if fits else None
    start = i
    while start > 0 and ctx.is_prose(start - 1) and (start - 1) not in owner:
        tok = doc[start - 1]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.lower_ in titles or tok.is_stop:
            break  # "AT A.G. EDWARDS & SONS": a stop word in capitals starts no name
        start -= 1
    return start if start < i else None


def _named_for_a_place(ctx: DocContext, m: EntityMention) -> bool:
    """Whether "X of" + ``m`` is one name: ``m`` starts with a place ("HomeServices of" + "America Inc", "Bank
    of" + "New York Mellon"); not "Shares of" + "Apple Inc", "Brian Langenberg of" + "Langenberg & Co.". A body
    cut after its head ("Department of" + "Housing and Urban Development (HUD)") is left as it was: its own
    abbreviation ties the cut name, and the whole name would lose it."""
    words = [ctx.doc[k].text for k in range(m.start, min(m.end, m.start + 3))]
    return any(gazetteer().lookup(" ".join(words[:n])) is not None for n in range(len(words), 0, -1))


def join_cut_fronts(ctx: DocContext, mentions: list[EntityMention]) -> list[EntityMention]:
    """Rule cut_front: an organisation that is the tail of a longer name in the text gets its
    front back ("America Corp" of "Bank of America Corp", "Sons Ltd." of "N.M. Rothschild and
    Sons Ltd."); a person mention that was the front goes into the organisation's name."""
    owner = {i: m for m in mentions for i in range(m.start, m.end)}
    surnames = {ctx.doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    dropped: set[int] = set()
    for m in mentions:
        if m.label != "ORG" or id(m) in dropped:
            continue
        start = _front_start(ctx, m, owner, surnames)
        if start is None:
            continue
        front = owner.get(start)
        if front is not None:
            dropped.add(id(front))
        m.start, m.text = start, ctx.span_text(start, m.end)
    return [m for m in mentions if id(m) not in dropped]


def split_glued_person(doc: Doc, m: EntityMention) -> tuple[int, int] | None:
    """Rule glued_person: "Countrywide Chief Executive Angelo Mozilo" tagged as one
    organisation is the organisation, a title and a person's full name: the organisation keeps
    the words before the title, and the person's span (two capitalised words or more) is returned."""
    titles = title_lexicon()[0]
    for k in range(m.start + 1, m.end - 2):
        if doc[k].lower_ not in titles or not doc[k].text[:1].isupper():
            continue
        p = k
        while p < m.end and doc[p].lower_ in titles:
            p += 1
        if m.end - p >= 2 and doc[k - 1].is_alpha and _a_person_s_name(doc, m.start, k, p, m.end):
            person = (p, m.end)
            m.end, m.text = k, doc[m.start : k].text
            return person
        return None
    return None


def _a_person_s_name(doc: Doc, org_start: int, title_start: int, start: int, end: int) -> bool:
    """Whether the words after a title inside an organisation's span are a person's name: capitalised proper
    nouns, no organisation head among them ("Legal & General Investment Management": "General" is no title
    there), none repeating the organisation's words ("AGRIUM INC CFO BRUCE WATERMAN Agrium")."""
    org_words = {doc[i].lower_ for i in range(org_start, title_start)}
    heads = word_set("lexicons/organizations.json", "heads") | word_set("lexicons/organizations.json", "name_suffixes")
    return all(
        doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].lower_ not in heads | org_words
        for i in range(start, end)
    )


def _bare_name(words: list[str]) -> str:
    """A name without its trailing legal forms: "American Express Co." -> "American Express"."""
    legal_forms = word_set("lexicons/organizations.json", "legal_forms")
    while len(words) > 1 and words[-1].lower() in legal_forms:
        words = words[:-1]
    return " ".join(words)


def nationality_starts_name(ctx: DocContext, start: int, end: int) -> bool:
    """Rule nationality_name: a nationality adjective right before a capitalised name is the name's own first word
    when the archive knows the whole name as a company ("American Express Co.", "British Airways") or when the rest
    alone is a generic name ("Airlines", "International Group Inc" of AIG): peeled, the fragment would key with
    every other company cut so. Elsewhere it is peeled ("Swiss UBS"); a country's own name ("U.S. Senate") always."""
    from ..link.keys import is_generic  # here, not at import: pipeline.link reads its lexicons when imported

    words = [t.text for t in ctx.doc[start:end]]
    if gazetteer().lookup(words[0]) is not None:
        return False
    return _bare_name(words) in _known_companies() or is_generic(_bare_name(words[1:]))


@lru_cache(maxsize=1)
def _known_companies() -> frozenset[str]:
    """Every name the mined organisation file holds (any evidence): "American Express" (5 stories)."""
    path = model_path("gazetteer/org_countries.json")
    return frozenset(load_json("gazetteer/org_countries.json")["organizations"]) if path.is_file() else frozenset()


def split_joined_bodies(doc: Doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """Rule and_bodies: one organisation span the model made of two bodies joined by "and" ("the
    Finnish Institute of Occupational Health and University College London" read as "Institute
    of Occupational Health and University College") is split in two, when each side has two
    words or more and a research or teaching body's head (``and_split_heads``: "Institute",
    "College"); "House Energy and Commerce Committee", "Securities and Exchange Commission" stay one.
    A nationality right before the first side and a place right after the second, which the
    model had left out, are given back to them ("Finnish Institute", "University College London")."""
    from .entities import EntityMention  # the dataclass lives with the extractor that makes mentions

    heads = word_set("lexicons/organizations.json", "and_split_heads")
    ending = {m.end: m for m in mentions}
    starting = {m.start: m for m in mentions}
    out, dropped = [], set()
    for m in mentions:
        k = next((i for i in range(m.start + 2, m.end - 2) if doc[i].lower_ == "and"), None) if m.label == "ORG" else None
        halves = ((m.start, k), (k + 1, m.end)) if k is not None else ()
        if not halves or not all(any(doc[i].lower_ in heads for i in range(a, b)) for a, b in halves) or not doc[k + 1].text[:1].isupper():
            out.append(m)
            continue
        (a1, b1), (a2, b2) = halves
        before, after = ending.get(a1), starting.get(b2)
        if before is not None and before.label == "NORP" and before.end - before.start == 1:
            a1, dropped = before.start, dropped | {id(before)}
        if after is not None and after.label == "GPE" and doc[b2 - 1].lower_ in heads:
            b2, dropped = after.end, dropped | {id(after)}
        out += [EntityMention(a, b, "ORG", doc[a:b].text) for a, b in ((a1, b1), (a2, b2))]
    return sorted((m for m in out if id(m) not in dropped), key=lambda m: m.start)
