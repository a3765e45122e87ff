"""People's names the model cut apart (issue 18, round 18): :mod:`.entities` calls :func:`repair_names`
on the raw mentions, before any other cleaning.

* ``lower_hyphen_name``: a first name with a lower-case hyphenated second part ("Jean-claude Trichet",
  as some copy spells it) is one person. The model stops the person at "Jean" and glues the surname to
  the next name ("Trichet, European Commission"); the surname, and the comma after it, are given back.
* ``quoted_nickname``: a nickname in quotation marks inside a name ('Maurice "Hank" Greenberg') is part
  of the name; the model, which sees the quotation marks as a break, tags none of it.
* ``maker_products``: the names in the object of "of" after a maker's noun ("The maker of Budweiser,
  Stella Artois and Becks"; lexicon ``product_makers``) are products, not actors; they are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp import english_words
from ..resources import word_set

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention

_HYPHENS = frozenset({"-", "‐", "–"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def _title_word(doc: Doc, i: int) -> bool:
    """A capitalised alphabetic word ("Trichet", "Hank"): the shape of a name's part."""
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].is_title


def _lower_hyphen_name(doc: Doc, m: EntityMention) -> int | None:
    """The end (exclusive) of the whole name when a one-word person is followed by "-", a short
    lower-case word and a capitalised word ("Jean" "-" "claude" "Trichet"); else None."""
    i = m.end
    if m.label != "PERSON" or m.end - m.start != 1 or i + 2 >= len(doc) or doc[i].text not in _HYPHENS:
        return None
    piece = doc[i + 1]
    if not (piece.is_alpha and piece.is_lower and 2 <= len(piece.text) <= 8) or piece.text in english_words():
        return None  # "Vladivostok-based Investstroitrest": an English word is no name's piece
    if doc[i].whitespace_ or doc[i + 1].whitespace_ == "":
        return None  # "Jean-claude Trichet": no space around the hyphen, one after the piece
    return i + 3 if _title_word(doc, i + 2) else None


def _nickname_at(doc: Doc, i: int) -> bool:
    """Whether tokens i..i+4 read First "Nick" Surname."""
    if i + 4 >= len(doc) or doc[i + 1].text not in _QUOTES or doc[i + 3].text not in _QUOTES:
        return False
    # 'Toys "R" Us': a one-letter piece is a brand's, not a nickname
    return all(_title_word(doc, k) and len(doc[k].text) > 1 for k in (i, i + 2, i + 4)) and doc[i + 2].ent_type_ in ("", "PERSON")


def repair_names(ctx: DocContext, mentions: list[EntityMention]) -> list[EntityMention]:
    """The mentions with the two rules above applied (new person mentions; the pieces they cover
    cut from the mentions that held them)."""
    from .entities import EntityMention  # the dataclass lives with the extractor that makes mentions

    doc = ctx.doc
    people: list[EntityMention] = []
    for m in mentions:
        end = _lower_hyphen_name(doc, m)
        if end is not None:
            people.append(EntityMention(m.start, end, "PERSON", doc[m.start : end].text))
    # a nickname sits between two quote tokens: look only where a quote is (a walk over every token costs)
    for i in (q - 1 for q in ctx.indices_of(_QUOTES) if 0 < q and q + 3 < len(doc)):
        if _nickname_at(doc, i) and doc[i].ent_type_ in ("", "PERSON"):
            people.append(EntityMention(i, i + 5, "PERSON", doc[i : i + 5].text))
    if not people:
        return mentions
    covered = {k for p in people for k in range(p.start, p.end)}
    out = list(people)
    for m in mentions:
        start = m.start
        while start < m.end and (start in covered or (start > m.start and doc[start].is_punct)):
            start += 1  # "Trichet, European Commission": the surname and its comma go to the person
        if start < m.end and not any(k in covered for k in range(start, m.end)):
            out.append(m if start == m.start else EntityMention(start, m.end, m.label, doc[start : m.end].text))
    return sorted(out, key=lambda m: m.start)


def product_spans(ctx: DocContext) -> list[tuple[int, int]]:
    """Token ranges (end exclusive) of the objects of "of" after a maker's noun, conjuncts
    included: "maker of [Budweiser, Stella Artois and Becks]"."""
    doc = ctx.doc
    makers = word_set("lexicons/organizations.json", "product_makers")
    spans = []
    for k in ctx.indices_of(makers):  # the maker nouns only, not every token
        tok = doc[k + 1] if k + 1 < len(doc) else None
        if tok is not None and tok.lower_ == "of" and tok.head.i == k:
            for obj in tok.children:
                if obj.dep_ == "pobj":
                    spans.append((obj.left_edge.i, obj.right_edge.i + 1))
    return spans


def drop_products(ctx: DocContext, mentions: list[EntityMention]) -> list[EntityMention]:
    """Rule maker_products: the mentions wholly inside a product list are dropped."""
    spans = product_spans(ctx)
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans)] if spans else mentions
