"""The words around a person mention: title, nationality and employer.

* :func:`premodifier_title` reads the words before a name ("U.S. Secretary of State Rex
  Tillerson", "Hitachi President Kazuo Furukawa"), matched against the title lexicon
  ``models/lexicons/titles.json``; a nationality or country among them is the person's
  country, an organisation the employer.
* :func:`appositive` reads the words after it (", a North Korea expert at Australia National
  University"; "Gabriel Stein with Lombard Street Research").
* :func:`person_words` combines them with the employer a pattern of
  ``models/patterns/affiliations.json`` found (:mod:`.affiliations`), which comes first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc

from ..gazetteer import gazetteer
from ..resources import word_set
from .actor_countries import country_of_text, known_country
from .affiliations import Affiliation
from .context import TIME_ENTITIES, DocContext
from .entities import EntityMention
from .titles import expertise_fields, is_expertise, title_head, title_lexicon, title_text

_TITLE_STOP = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "—", "–", "said", "says", "told"})
_APPOS_PREPS = frozenset({"at", "of", "with", "from", "for", "in"})
# "director of research on technology, media and telecommunications": the field is "research".
_FIELD_ENDS = _APPOS_PREPS | {"on"}


@dataclass(frozen=True)
class PersonWords:
    """What the words around one person mention say: title, country, employer and the rule that read it."""

    title: str | None = None
    country: str | None = None
    employer: EntityMention | None = None
    rule: str | None = None
    description: str | None = None  # "consultancy" in "at London-based consultancy Foo Risk"


def person_words(
    doc: Doc, title: str | None, country: str | None, premodifier: EntityMention | None, appositive: EntityMention | None, patterned: Affiliation | None
) -> PersonWords:
    """The employer a pattern of ``models/patterns/affiliations.json`` reads comes first; the
    title and appositive readers decide what no pattern matched."""
    if patterned is not None:
        employer = EntityMention(patterned.start, patterned.end, "ORG", doc[patterned.start : patterned.end].text)
        return PersonWords(title or patterned.title, country, employer, patterned.rule, patterned.description)
    if premodifier is not None:
        return PersonWords(title, country, premodifier, "premodifier")
    if appositive is not None:
        return PersonWords(title, country, appositive, "appositive")
    return PersonWords(title, country)


def premodifier_title(
    ctx: DocContext, m: EntityMention, entity_at: dict[int, EntityMention]
) -> tuple[str | None, str | None, EntityMention | None, set[int]]:
    """Title, country, affiliation and used tokens from the words right before a name."""
    gaz = gazetteer()
    _, modifiers, honorifics, _, _ = title_lexicon()
    window: list[int] = []
    i = m.start - 1
    doc = ctx.doc
    sent_start = ctx.sentence_bounds(m.start)[0]
    while i >= sent_start and len(window) < 9:
        tok = doc[i]
        ent = entity_at.get(i)
        if ent is not None and ent.label == "PERSON":
            break
        if tok.text in _TITLE_STOP or tok.is_space or (tok.is_punct and tok.text not in ("-", ".", "&")):
            break
        if tok.pos_ in ("DET", "VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM") and ent is None:
            break
        window.insert(0, i)
        i -= 1
    for k in range(len(window)):
        words: list[int] = []  # token indices of the title words
        leading: set[int] = set()  # a country the recogniser put into an organisation before the title
        country: str | None = None
        affiliation: EntityMention | None = None
        idx = window[k:]
        j = 0
        while j < len(idx):
            t = idx[j]
            ent = entity_at.get(t)
            if ent is not None and ent.label in ("GPE", "NORP", "LOC") and not words:
                country = country or country_of_text(ent.text)
                j += ent.end - max(ent.start, t)
                continue
            if ent is not None and ent.label == "ORG" and not words and t == ent.start and _country_then_title(doc, ent, idx[-1]):
                # "U.S. Trade Representative Ron Kirk": the recogniser's "U.S. Trade" is a country and a title's first word.
                country = country or country_of_text(doc[t].text)
                leading.add(t)
                j += 1
                continue
            if ent is not None and ent.label == "ORG" and not words and not _part_of_title(doc, max(ent.start, t), idx[-1]):
                iso = gaz.government_of(ent.text)  # "Kremlin chief"
                if iso:
                    country = country or iso
                else:
                    affiliation = ent
                j += ent.end - max(ent.start, t)
                continue
            if doc[t].text not in ("'s", "’s"):
                words.append(t)
            j += 1
        if not words:
            continue
        texts = [doc[t].text for t in words]
        head = title_head(texts)
        if head is None:
            continue
        extra = [w.lower() for w in texts[: len(texts) - len(head.split())]]
        if all(w in modifiers or w in honorifics or gaz.is_demonym(w) for w in extra):
            kept = [t for t in words if not gaz.is_demonym(doc[t].text)]
            if len(kept) == 1 and doc[kept[0]].lower_ in honorifics:
                return None, country, affiliation, set()
            return title_text([doc[t].text for t in kept]), country, affiliation, set(words) | leading
    return None, None, None, set()


def person_named_as_organization(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> bool:
    """Whether an "organisation" is a person's name: two or three capitalised words, no firm or
    legal-form word, unknown to the archive as an organisation, followed by a title and its
    employer (", equities strategist at Germany's Postbank")."""
    if m.label != "ORG" or m.end >= len(doc) or doc[m.end].text != ",":
        return False
    words = [t for t in doc[m.start : m.end] if t.text != "-"]
    if not 2 <= len(words) <= 3 or any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in words):
        return False
    if m.start > 0 and doc[m.start - 1].pos_ == "DET":
        return False  # "The European Commission, the EU's executive": no name takes an article
    lowered = {t.lower_ for t in words}
    org_words = ("firm_nouns", "legal_forms", "heads", "national_institutions")
    if any(lowered & word_set("lexicons/organizations.json", key) for key in org_words):
        return False
    if known_country(m.text) or gazetteer().lookup(m.text) is not None:
        return False
    title, _, employer = appositive(doc, m, entity_at)
    return title is not None and employer is not None and title_head(title.split()) is not None


def coordinated_person(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> EntityMention | None:
    """The person a person mention is joined to by "and" right before it ("Johanna Chua and
    Brian Tan"), or None."""
    if m.label != "PERSON" or m.start < 2 or doc[m.start - 1].lower_ != "and":
        return None
    first = entity_at.get(m.start - 2)
    return first if first is not None and first.label == "PERSON" else None


def _part_of_title(doc: Doc, start: int, last: int) -> bool:
    """Whether an "organisation" from ``start`` on is really the first words of a title ("Finance Minister")."""
    words = [doc[t].text for t in range(start, last + 1)]
    head = title_head(words)
    return head is not None and len(head.split()) == len(words)


def _country_then_title(doc: Doc, ent: EntityMention, last: int) -> bool:
    """Whether an "organisation" is a one-word country and the first words of a title ("U.S. Trade"
    before "Representative Ron Kirk"); "U.S. Treasury" stays a body ("U.S. Treasury Secretary")."""
    return (
        ent.end - ent.start >= 2
        and country_of_text(doc[ent.start].text) is not None
        and doc[ent.start + 1].lower_ not in word_set("lexicons/titles.json", "bodies_in_titles")
        and _part_of_title(doc, ent.start + 1, last)
    )


def appositive(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> tuple[str | None, str | None, EntityMention | None]:
    """Title, country and affiliation from ", a North Korea expert at Australia National University"."""
    i = m.end
    if i + 1 < len(doc) and doc[i].lower_ in ("of", "at", "with"):
        # "Vice President Ahmad Zahid of Petronas", "Gabriel Stein with Lombard Street Research":
        # the employer right after the name.
        ent = entity_at.get(i + 1)
        if ent is not None and ent.label == "ORG" and ent.start == i + 1:
            return None, None, ent
    if i >= len(doc) or doc[i].text != ",":
        return None, None, None
    j = i + 1
    end = j
    while end < len(doc) and end - j < 16:
        tok = doc[end]
        if tok.text in (",", ";", ".", ")", "(", '"', "“", "”") or tok.is_space or tok.lemma_ in ("say", "tell"):
            break
        if tok.tag_ in ("WP", "WDT", "WP$"):
            break  # "an economist who advised Obama": the title ends at its relative clause
        if tok.pos_ in ("VERB", "AUX") and end > j and doc[end - 1].text != "-" and tok.dep_ not in ("amod", "compound"):
            break  # the appositive ends where the clause's verb starts
        end += 1
    if end == j:
        return None, None, None
    tokens = list(range(j, end))
    if doc[tokens[0]].pos_ == "DET":
        tokens = tokens[1:]
    gaz = gazetteer()
    words: list[int] = []
    affiliation: EntityMention | None = None
    rest: list[int] = []
    prep = ""
    for n, t in enumerate(tokens):
        if doc[t].lower_ in _APPOS_PREPS and (words or n == 0):
            rest = tokens[n + 1 :]  # ", of the Center for American Progress," has no title at all
            prep = doc[t].lower_
            break
        ent = entity_at.get(t)
        if ent is not None and ent.label == "ORG" and not words and _possessive_after(doc, ent.end, entity_at):
            affiliation = ent  # "IBM's global ... leader", "Deloitte Canada's director of research"
            continue
        if doc[t].text in ("'s", "’s", "'", "’"):
            continue
        if affiliation is not None and (ent is affiliation or _unit_place(doc, t, affiliation, entity_at)):
            continue
        words.append(t)
    field_words: list[str] = []
    if prep == "of" and words:
        # "head of equity derivatives strategy at Credit Suisse": the field closes the title
        # a name may open the field ("director of FX research at GFT")
        run = list(itertools.takewhile(lambda t: doc[t].lower_ not in _FIELD_ENDS and not doc[t].is_punct, rest))
        if run and doc[run[-1]].lower_ in expertise_fields():
            field_words = ["of", *(doc[t].text for t in run)]
            rest = rest[len(run) :]
    if affiliation is None:
        affiliation = _first_organization(rest, entity_at) or _listed_organization(doc, end, entity_at)
    if affiliation is None and prep == "at":
        affiliation = _employer_name(doc, rest)
    if prep and rest:
        affiliation = _described_employer(doc, rest, affiliation)
    if not words:
        return None, None, affiliation
    texts = [doc[t].text for t in words]
    head = title_head(texts)
    if head is None:
        return None, None, affiliation if rest else None
    country = None
    # A leading nationality adjective is the person's country, not part of the title.
    while words and (gaz.is_demonym(doc[words[0]].text) or (entity_at.get(words[0]) and entity_at[words[0]].label == "NORP")):
        ent = entity_at.get(words[0])
        text = ent.text if ent is not None else doc[words[0]].text
        country = country or country_of_text(text)
        skip = ent.end - words[0] if ent is not None else 1
        words = words[skip:]
    title_words = [doc[t].text for t in words]
    if not is_expertise(" ".join(title_words)):
        # Government or corporate titles: a country in them is nationality ("the U.S. ambassador").
        kept = []
        for t in words:
            ent = entity_at.get(t)
            if ent is not None and ent.label == "GPE" and country_of_text(ent.text):
                country = country or country_of_text(ent.text)
                continue
            kept.append(doc[t].text)
        title_words = kept
    if title_words and field_words and not is_expertise(" ".join(title_words)):
        title_words = [*title_words, *field_words]  # not "professor of economics": its field is the expert's field
    return title_text(title_words) or None, country, affiliation


def _possessive_after(doc: Doc, end: int, entity_at: dict[int, EntityMention]) -> bool:
    """Whether a possessive follows an organisation ending at ``end``, past the place of its
    national unit ("Deloitte Canada's")."""
    place = entity_at.get(end)
    if place is not None and place.label == "GPE" and place.start == end:
        end = place.end
    return end < len(doc) and doc[end].text in ("'s", "’s", "'", "’")  # plural_possessive: "Fitch Ratings' senior analyst"


def _unit_place(doc: Doc, t: int, employer: EntityMention, entity_at: dict[int, EntityMention]) -> bool:
    """Whether token ``t`` is the place that names the employer's national unit ("Canada" of
    "Deloitte Canada's"): it is part of the employer's name, not of the title."""
    place = entity_at.get(t)
    return place is not None and place.label == "GPE" and place.start == employer.end and _possessive_after(doc, employer.end, entity_at)


def _first_organization(tokens: list[int], entity_at: dict[int, EntityMention]) -> EntityMention | None:
    for t in tokens:
        ent = entity_at.get(t)
        if ent is not None and ent.label == "ORG":
            return ent
    return None


def _described_employer(doc: Doc, tokens: list[int], employer: EntityMention | None) -> EntityMention | None:
    """ "head of polling company Ipsos MORI", "co-founder of options research firm RiskReversal.com":
    the kind of firm the title's words give before its name stays with it, because it says what the
    person does (a pollster, a researcher), and the name is taken even where the recogniser made it
    a person."""
    k = 0
    while k < len(tokens) and k < 4 and doc[tokens[k]].is_lower and doc[tokens[k]].pos_ in ("NOUN", "ADJ", "PROPN", "VERB"):
        k += 1
    if k == 0 or doc[tokens[k - 1]].lower_ not in word_set("lexicons/organizations.json", "firm_nouns"):
        return employer
    name = employer if employer is not None and employer.start == tokens[min(k, len(tokens) - 1)] else _employer_name(doc, tokens[k:])
    if name is None:
        return employer
    return EntityMention(tokens[0], name.end, "ORG", doc[tokens[0] : name.end].text)


def _employer_name(doc: Doc, tokens: list[int]) -> EntityMention | None:
    """ "a senior economist at Lord Abbett": the proper name right after "at" in a title is the
    employer even when the recogniser missed it or took a firm named after people for a person
    or a place."""
    names = []
    for t in tokens:
        if doc[t].pos_ != "PROPN" or doc[t].ent_type_ in TIME_ENTITIES:
            break  # "a spokesman at Monday's briefing"
        names.append(t)
    if not names or names[0] != tokens[0]:
        return None
    text = doc[names[0] : names[-1] + 1].text
    if gazetteer().lookup(text) is not None:
        return None  # "an analyst at Davos": a place, not an employer
    return EntityMention(names[0], names[-1] + 1, "ORG", text)


def _listed_organization(doc: Doc, end: int, entity_at: dict[int, EntityMention]) -> EntityMention | None:
    """"Patrick D. Daniel, chief executive officer, Enbridge, said": an organisation right after the title."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    ent = entity_at.get(end + 1)
    if ent is None or ent.label != "ORG" or ent.start != end + 1 or ent.end >= len(doc):
        return None
    after = doc[ent.end]
    return ent if after.text == "," or after.lemma_ in ("say", "tell") else None


# list_who_clause (session 10, i18l): "William Conway, Daniel D'Aniello and David Rubenstein, who founded
# Carlyle in 1987": a who-clause after the last of a list of people tells every listed person's employer,
# when its verb can be plural ("founded", "ran"; "Jim Roe and Jane Doe, who runs Foo" is Jane Doe's alone).
_SHARED_CLAUSE_RULES = frozenset({"who_heads"})


def listed_before(doc: Doc, m: EntityMention, entity_at: dict[int, EntityMention]) -> list[EntityMention]:
    """The people listed right before ``m`` ("A, B and" before "C"), nearest first; empty if none."""
    listed: list[EntityMention] = []
    prev = coordinated_person(doc, m, entity_at)
    while prev is not None and len(listed) < 6:
        listed.append(prev)
        before = entity_at.get(prev.start - 2) if prev.start >= 2 and doc[prev.start - 1].text == "," else None
        prev = before if before is not None and before.label == "PERSON" else None
    return listed


def shares_who_clause(doc: Doc, words: PersonWords, m: EntityMention) -> bool:
    """Whether ``m``'s employer came from a who-clause whose verb is not a singular present ("heads")."""
    if words.rule not in _SHARED_CLAUSE_RULES or m.end + 2 >= len(doc) or doc[m.end + 1].lower_ != "who":
        return False
    return not doc[m.end + 2].lower_.endswith("s")
