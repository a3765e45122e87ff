"""Entity mentions that are no actors, and possessive names mended (issue 18, round 12's lessons).

Each rule is named after its key in ``models/lexicons/spurious_names.json``; ``mend_mentions``
returns the mentions kept, in order. The rules run after the recogniser's spans are trimmed and
merged (``entities.entity_mentions``), so they see whole names and the story's other people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import IS_LOWER, LOWER
from spacy.tokens import Doc

from ..gazetteer import gazetteer, normalize_name
from ..nlp import english_words
from ..resources import load_json, word_set

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention

@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = load_json("lexicons/spurious_names.json")
    verbs = "|".join(sorted(data["glued_speech_verb"], key=len, reverse=True))
    return {
        "glued": re.compile(rf"^([A-Z][a-z]+)({verbs})$"),
        "dateline": frozenset(data["dateline_glued"]),
        "dateline_months": frozenset(data["dateline_months"]),
        "possessive": {normalize_name(n[:-2] if n.endswith("'s") else n): n for n in data["possessive_name"] if n.endswith("'s")},
        "index_heads": frozenset(data["index_after_name"]),
        "name_word_country": {k.lower(): v for k, v in data["name_word_country"].items()},
        "storm_name": frozenset(data["storm_name"]),
        "acronym_skip": frozenset(data["acronym_skip"]),
    }


def name_word_country(name: str) -> str | None:
    """The country one word of an organisation's name gives alone ("Basler Kantonalbank": CHE)."""
    table = _lexicon()["name_word_country"]
    return next((table[w] for w in name.lower().split() if w in table), None)


def _lower_case_words(doc: Doc) -> set[str]:
    """The words the story writes in lower case, read from the token arrays (a walk that builds
    every Token costs a sixth of the actors' time)."""
    arr = doc.to_array([LOWER, IS_LOWER])
    return {doc.vocab.strings[int(h)] for h in set(arr[arr[:, 1] == 1, 0].tolist())}


def mend_mentions(ctx: DocContext, mentions: list[EntityMention], known_orgs: frozenset[str]) -> list[EntityMention]:
    """The mentions kept: spurious ones dropped, possessive names given back their "'s"."""
    doc = ctx.doc
    surnames = {doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    lowered = _lower_case_words(doc)
    kept = []
    for m in mentions:
        _possessive_name(ctx, m)
        if spurious_rule(doc, m, surnames, lowered, known_orgs, ctx.text) is None:
            kept.append(m)
    return kept


def spurious_rule(
    doc: Doc, m: EntityMention, surnames: set[str], lowered: set[str], known_orgs: frozenset[str], text: str | None = None
) -> str | None:
    """The name of the rule that finds ``m`` no actor, or None. ``text`` is ``doc.text`` when the caller has it."""
    if _glued_speech_verb(m, surnames):
        return "glued_speech_verb"
    if _dateline_glued(doc, m):
        return "dateline_glued"
    if _surname_pair(doc, m, surnames):
        return "surname_pair"
    if _lowercase_acronym(doc, m, text) and normalize_name(m.text) not in known_orgs:
        return "lowercase_acronym"
    if _index_after_name(doc, m):
        return "index_after_name"
    if m.start > 0 and doc[m.start - 1].lower_ in _lexicon()["storm_name"]:
        return "storm_name"  # "Hurricane Irene": a storm
    if _capitalised_common_word(doc, m, lowered, known_orgs):
        return "capitalised_common_word"
    if _slash_pair(m):
        return "slash_pair"
    return None


_SLASH_SIDE = re.compile(r"^[A-Z](?:[a-z]+|\.[A-Z]\.)[A-Za-z.&'-]*$")


def _slash_pair(m: EntityMention) -> bool:
    """slash_pair: two one-word names joined by a slash ("U.S./Europe dominated", the middle of "Thomson
    Reuters/Jefferies CRB Index"): a pair, never one actor. Each side a capitalised word with a lower-case
    letter or initials ("U.S."); acronyms ("AC/DC", "I/B/E/S"), a legal form after the slash ("Unilever
    Plc/NV") and longer names on either side ("Bank of Tokyo/Mitsubishi UFJ") are kept."""
    sides = m.text.split("/")
    if len(sides) != 2 or any(" " in s for s in sides):
        return False
    if sides[1].lower().strip(".") in word_set("lexicons/organizations.json", "legal_forms"):
        return False
    return all(_SLASH_SIDE.match(s) for s in sides)


def _glued_speech_verb(m: EntityMention, surnames: set[str]) -> bool:
    match = _lexicon()["glued"].match(m.text)
    return match is not None and match.group(1) in surnames


def _dateline_glued(doc: Doc, m: EntityMention) -> bool:
    """"Dmitry Zhdannikov MINSK/MOSCOW Dec 27": the last word a place in capitals, then the dateline goes on."""
    last = doc[m.end - 1]
    if m.label != "PERSON" or m.end - m.start < 2 or not (last.text.isupper() and len(last.text) >= 3):
        return False
    if gazetteer().lookup(last.text.title()) is None:
        return False
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and (nxt.text in _lexicon()["dateline"] or nxt.lower_.rstrip(".") in _lexicon()["dateline_months"])


def _surname_pair(doc: Doc, m: EntityMention, surnames: set[str]) -> bool:
    """"Bowles-Simpson": two of the story's surnames joined by a hyphen."""
    words = [t.text for t in doc[m.start : m.end]]
    return len(words) == 3 and words[1] == "-" and words[0] != words[2] and words[0] in surnames and words[2] in surnames


def _lowercase_acronym(doc: Doc, m: EntityMention, text: str | None = None) -> bool:
    """An acronym the story defines by a lower-case phrase in brackets: "OEM (original equipment
    manufacturer)", "credit default swaps (CDS)". Initials anywhere in the story are not enough
    ("LSE", "SAC" and "BMG" each matched three unrelated words of a long story)."""
    letters = m.text
    if m.label != "ORG" or m.end - m.start != 1 or not (letters.isalpha() and letters.isupper() and 3 <= len(letters) <= 5):
        return False
    n = len(letters)
    skip = _lexicon()["acronym_skip"]
    # only the acronym's occurrences next to a bracket can define it: found in the text, not by a walk
    # over every token (a Token object a word, for each acronym of the story)
    # doc.text is rebuilt from every token on each access: the story's text is passed when known
    for found in re.finditer(re.escape(letters), doc.text if text is None else text):
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue
        i = span.start
        after = [t for t in doc[i + 2 : i + 2 + 2 * n] if t.lower_ not in skip][:n] if i + 1 < len(doc) and doc[i + 1].text == "(" else None
        before = [t for t in doc[max(0, i - 1 - 2 * n) : i - 1] if t.lower_ not in skip][-n:] if i > n and doc[i - 1].text == "(" else None
        if any(run is not None and _initials_of(run, letters) for run in (after, before)):
            return True
    return False


def _initials_of(run, letters: str) -> bool:
    # acronym_skip (i18k): small words inside the phrase give no letter ("barrels of oil equivalent (BOE)")
    return len(run) == len(letters) and all(t.is_lower and t.is_alpha and t.text[0] == c.lower() for t, c in zip(run, letters))


def _index_after_name(doc: Doc, m: EntityMention) -> bool:
    """"The Amex airline index": a one-word name, up to two lower-case words, an index head."""
    if m.label != "ORG" or m.end - m.start != 1:
        return False
    heads = _lexicon()["index_heads"]
    for k in range(m.end, min(m.end + 3, len(doc))):
        if doc[k].lower_ in heads:
            return k > m.end
        if not doc[k].is_lower:
            return False
    return False


def _capitalised_common_word(doc: Doc, m: EntityMention, lowered: set[str], known_orgs: frozenset[str]) -> bool:
    """A sentence's capitalised first word that is no name: one modifying a common noun the story
    uses ("Bill rates fell" in a story of Treasury bills), or a participle opening a passive
    clause ("Stung by the global plunge"); "Parliament approved" is the parliament."""
    tok = doc[m.start]
    if m.label not in ("ORG", "PERSON") or m.end - m.start != 1 or not tok.is_sent_start or not tok.is_title:
        return False
    word = tok.lower_
    modifier = tok.dep_ in ("compound", "amod", "nmod") and tok.head.is_lower and (word in lowered or word + "s" in lowered)
    participle = m.end < len(doc) and doc[m.end].lower_ == "by" and word in english_words()
    if not (modifier or participle):
        return False
    from .actor_countries import known_country  # imported here: actor_countries imports entities

    return normalize_name(m.text) not in known_orgs and not known_country(m.text)


def _possessive_name(ctx: DocContext, m: EntityMention) -> None:
    """"Standard & Poor's equity analyst": a name that ends in "'s" keeps it."""
    doc = ctx.doc
    if m.label != "ORG" or m.end >= len(doc) or doc[m.end].text not in ("'s", "’s"):
        return
    full = _lexicon()["possessive"].get(normalize_name(m.text))
    if full is not None:
        m.end += 1
        m.text = ctx.span_text(m.start, m.end)
