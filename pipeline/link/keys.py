"""Name keys: the normalised form under which two story actors are the same entity.

A key depends on the actor's own kind and name only, never on the other stories
of the archive, so the same name gets the same key (and so the same entity id) in
every run and whatever stories are added. The rules that look across stories (an
alias, a country split) live in :mod:`pipeline.link.entities`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from cleanco import prepare_default_terms

from ..resources import load_json, word_set

LEXICON = "lexicons/linking.json"
ORGANIZATIONS = "gazetteer/organizations.json"
SUBHEAD_WORD_LETTERS = 5
MIN_KEY_LETTERS = 4  # an organisation key shorter than this keeps its trailing "Group" or "Holdings"
_NON_WORD = re.compile(r"[^\w]+")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")
_APOSTROPHE = re.compile(r"['\u2019`]")
PERSON_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


class NameKey(NamedTuple):
    key: str | None  # None: the name is not linked beyond its story (a bare surname)
    rule: str  # actors.link_rule when this key decides the entity


def _words(name: str) -> list[str]:
    """Lower-case words without accents, apostrophes or punctuation ("Poor's" -> "poors", "&" -> "and")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHE.sub("", text.replace("&", " and "))
    return [w for w in _NON_WORD.split(text) if w and w != "_"]


@lru_cache(maxsize=None)
def person_key(name: str) -> str | None:
    """A full name's key, initials and "Jr." aside ("Ben S. Bernanke" = "Ben Bernanke"); None for one word."""
    words = [w for w in _words(name) if w not in PERSON_SUFFIXES]
    full = [w for w in words if len(w) > 1]
    words = full if len(full) >= 2 else words
    return " ".join(words) if len(words) >= 2 else None


@lru_cache(maxsize=1)
def _legal_terms() -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """cleanco's legal forms ("ltd", "& co", "s de rl"), by length, longest first, as sets to look up."""
    by_size: dict[int, set[tuple[str, ...]]] = {}
    for size, parts in prepare_default_terms():
        by_size.setdefault(size, set()).add(tuple(parts))
    return tuple((size, frozenset(by_size[size])) for size in sorted(by_size, reverse=True))


def _without_legal_forms(name: str) -> str:
    """The name without leading and trailing legal forms, as cleanco's ``basename(prefix=True)`` cuts
    them (its words: split at spaces, lower case, no accents, no ".,-"), by set look-ups instead of
    its scan of every term, which a whole archive's names make slow."""
    parts = name.split()
    norm = ["".join(_words(p)) if p != "&" else "&" for p in parts]
    for at_end in (True, False):
        cut = True
        while cut and len(parts) > 1:
            cut = False
            for size, terms in _legal_terms():
                piece = tuple(norm[-size:] if at_end else norm[:size])
                rest = norm[:-size] if at_end else norm[size:]
                # "BT Group": "BT" is a legal form somewhere, but a name is left only if a word other than "Group" is;
                # initials before a name are the founder's ("A.G. Edwards", "AG Edwards"): a German or Swiss "AG" trails.
                initials = not at_end and (piece == ("ag",) or any(_INITIALS.fullmatch(p) for p in parts[:size]))
                if size < len(norm) and piece in terms and _names_something(rest) and not initials:
                    parts, norm = (parts[:-size], norm[:-size]) if at_end else (parts[size:], norm[size:])
                    cut = True
                    break
    return " ".join(parts)


def has_legal_form(name: str) -> bool:
    """Whether the name carries a legal form ("Harris Corp", "Apollo Group Inc."): a company's own name."""
    return _without_legal_forms(name) != name


_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _without_subhead(name: str) -> str:
    """The name without a subheading in capitals glued before it ("STEADY Raytheon Co.", "GOLDMAN LEADS
    Goldman"): a leading run of capitalised words holding an ordinary English word of four letters or
    more, when a word not in capitals follows ("BNP Paribas", "ARM Holdings" keep theirs)."""
    parts = name.split()
    run = 0
    while run < len(parts) and parts[run].isupper() and parts[run].isalpha():
        run += 1
    if not 0 < run < len(parts) or parts[run].isupper():
        return name
    from ..nlp import english_words  # spaCy's tables: loaded only when such a run is met

    rest = " ".join(parts[run:])  # "NYSE Group Inc.": "NYSE" is in the dictionary, but "Group Inc." names nothing
    if _names_something(_words(rest)) and any(len(w) >= 4 and w.lower() in english_words() for w in parts[:run]):
        return rest
    return name


def _names_something(words: list[str]) -> bool:
    """Whether normalised words hold one that is not a trailing "Group", "Inc" or "Co" ("Group Inc." names nothing)."""
    trailing = word_set(LEXICON, "org_trailing_words")
    return any(w and w != "&" and w not in trailing for w in words)


@lru_cache(maxsize=None)
def org_words(name: str) -> tuple[str, ...]:
    """The words of an organisation's key: a subheading glued before it, cleanco's legal forms, a possessive,
    a title glued after it ("Delta Chief"), a leading "the" or "OAO" and trailing "Group" or "Holdings" dropped."""
    prefixes = word_set(LEXICON, "org_prefixes")
    trailing = word_set(LEXICON, "org_trailing_words")
    words = _words(_without_legal_forms(_POSSESSIVE.sub("", _without_subhead(name).strip())))
    cut = next((i for i, w in enumerate(words) if i and w in word_set(LEXICON, "org_cut_at")), len(words))
    words = words[:cut]  # "Bear Stearns Chief Financial": a title the extractor glued on
    while len(words) > 1 and words[0] in prefixes:
        words = words[1:]
    # "Group" goes, unless what is left is too short to tell companies apart ("Man Group" is not "MAN AG").
    while len(words) > 1 and words[-1] in trailing and len("".join(words[:-1])) >= MIN_KEY_LETTERS:
        words = words[:-1]
    for phrase in load_json(LEXICON)["org_trailing_phrases"]:  # "A.G. Edwards & Sons" is A.G. Edwards
        tail = phrase.split()
        if len(words) > len(tail) + 1 and words[-len(tail) :] == tail:
            words = words[: -len(tail)]
    return tuple(words)


def org_key(name: str) -> str | None:
    """An organisation's key: :func:`org_words` without spaces, so "JP Morgan" = "JPMorgan",
    "OAO Gazprom" = "Gazprom" and "Alcoa Inc.'s" = "Alcoa"."""
    return "".join(org_words(name)) or None


@lru_cache(maxsize=None)
def is_generic(name: str) -> bool:
    """Whether an organisation's name is one generic word, a word the archive writes mostly in lower case,
    with at most "Group" or "Holdings" ("Airlines", "Securities", "Media Group", "International Group"), or
    "Group" and legal forms alone ("Group Inc."). Such a name is an industry, a common noun, or a real name
    the extractor cut ("American Airlines" without "American"); across stories it would gather unrelated
    actors. A legal form makes a full name ("Target Corp"), and so do two words ("Financial Times")."""
    trailing = word_set(LEXICON, "org_trailing_words")
    words = [w for w in _words(_without_subhead(name)) if w not in word_set(LEXICON, "name_connectors")]
    if all(w in trailing for w in words):
        return bool(words)
    key = org_words(name)
    return len(key) == 1 and key[0] in word_set(LEXICON, "generic_words") and _without_legal_forms(name) == name


@lru_cache(maxsize=None)
def is_foreign_generic(name: str) -> bool:
    """Whether an organisation's name is one word of ``foreign_generic_words`` with no legal form ("Banco",
    "Dai-ichi"): a common noun of another language that starts the names of several companies (i20q)."""
    return len(name.split()) == 1 and org_key(name) in word_set(LEXICON, "foreign_generic_words") and not has_legal_form(name)


@lru_cache(maxsize=1)
def _term_keys() -> frozenset[str]:
    """The keys of ``not_organizations`` and of their plurals ("CDO", "CDOs")."""
    keys = {org_key(term) for term in load_json(LEXICON)["not_organizations"]}
    return frozenset(k for key in keys if key for k in (key, key + "s"))


def is_term(name: str) -> bool:
    """Whether the name is a financial or technical term ("FX", "EBITA", "Collateralized Debt Obligations"),
    not an organisation: "head of FX sales" at one bank and at another are two desks."""
    return org_key(name) in _term_keys()


def is_capitals_generic(name: str) -> bool:
    """Whether the name is written in capitals and its words, legal forms aside, are all generic ("LISTED BANK",
    cut from the headline "CHAIRMAN OF UK-LISTED BANK STANDARD CHARTERED"; "ECONOMIC RESEARCH"): capitals hide
    whether the words were a name. Such a name links only to a name the stories also write in lower case."""
    if not any(ch.isalpha() for ch in name) or name != name.upper():
        return False
    words = org_words(name)  # a word under four letters in capitals is an acronym as often ("MAN AG", "DI")
    generic = word_set(LEXICON, "generic_words") | word_set(LEXICON, "name_connectors")
    return bool(words) and all(w in generic and len(w) >= MIN_KEY_LETTERS for w in words)


def is_institution(name: str) -> bool:
    """Whether the name is a state institution's generic name, which every country has."""
    words = _words(name)
    return bool(words) and set(words) <= word_set(LEXICON, "institution_words")


def is_descriptor(name: str) -> bool:
    """Whether the name describes rather than names: a head noun written in lower case after its first word
    ("Nordic exchange" for OMX, "German court"): a common noun, which other stories use for other bodies."""
    parts = name.split()
    return len(parts) >= 2 and any(p.islower() and p in word_set(LEXICON, "institution_heads") for p in parts[1:])


def is_local_institution(name: str) -> bool:
    """Whether the name is a local institution's generic name, one of many in a country ("Higher Regional
    Court" of Munich and of Duesseldorf, "District Court"): generic and institution words alone, one of them
    ``local_institution_words``. A place in the name ("Munich Higher Regional Court") ties it."""
    words = [w for w in _words(name) if w not in word_set(LEXICON, "name_connectors")]
    common = word_set(LEXICON, "generic_words") | word_set(LEXICON, "institution_words")
    return bool(words) and set(words) <= common and bool(set(words) & word_set(LEXICON, "local_institution_words"))


def is_generic_office(name: str) -> bool:
    """Whether the name is an office or board every body has, of ``body_office_words`` and connectors alone, two words
    or more ("Office of the Inspector General": the Pentagon's, the SEC's; "Audit Committee"): whose, the name does not say."""
    words = [w for w in _words(name) if w not in word_set(LEXICON, "name_connectors")]
    return len(words) >= 2 and set(words) <= word_set(LEXICON, "body_office_words")


def is_common_institution(name: str) -> bool:
    """Whether the name is a regulator's or a body's name of common words alone, with a head noun ("Financial Services
    Authority", "Fair Trade Commission"): Britain's, Sweden's and Japan's are three, so it keys with its country."""
    words = [w for w in _words(name) if w not in word_set(LEXICON, "name_connectors")]
    common = word_set(LEXICON, "generic_words") | word_set(LEXICON, "institution_words") | word_set(LEXICON, "institution_heads")
    # A legal form ("Government Investment Corp") makes a company, which its name and key tell apart; capitals hide
    # whether the words were a name ("LISTED BANK", a headline's): :func:`is_capitals_generic` decides those.
    return len(words) >= 2 and set(words) <= common and has_head(name) and not any(_is_form(w) for w in words) and name != name.upper()


def _is_form(word: str) -> bool:
    """Whether one word (a key's letters) is a legal form of one word ("corp", "inc", "ag")."""
    return any((word,) in terms for size, terms in _legal_terms() if size == 1)


def ampersand_parts(name: str) -> tuple[str, str] | None:
    """The keys of a firm's name's words before its last "&" and of its last word after it, legal forms aside
    (("agedwards", "sons") of "A.G. Edwards & Sons Inc.", ("friedmanfleischer", "lowe") of "Friedman Fleischer & Lowe"):
    the parts a cut of that name leaves. ("and" joins lists as often: "Moody's and Fitch".)"""
    parts = _without_legal_forms(name).split()
    if len(parts) < 3 or parts[-2] != "&":
        return None
    head, tail = org_key(" ".join(parts[:-2])), org_key(parts[-1])
    return (head, tail) if head and tail else None


def is_run_together(name: str) -> bool:
    """Whether the name is two companies' names run together: a legal form (``run_together_forms``) between a capitalised
    word and a capitalised word or "and", and a legal form at its end ("Microsoft Corp Yahoo Inc", a deal table's two
    columns; "Mattel Inc and RC2 Corp"). "Aluminum Corp of China Ltd", "Westpac Banking Corp Ltd" and "KKR Private
    Equity Investors LP" are one company."""
    parts = name.split()
    words = ["".join(_words(p)) for p in parts]
    inner = word_set(LEXICON, "run_together_forms")
    return len(parts) >= 4 and _is_form(words[-1]) and any(
        words[i] in inner and parts[i - 1][0].isupper()
        and (parts[i + 1] == "and" or (parts[i + 1][0].isupper() and not _is_form(words[i + 1])))
        for i in range(1, len(parts) - 2)
    )


def has_head(name: str) -> bool:
    """Whether an institution's name holds a head noun ("ministry", "court", "bank"): "Energy", "Oil" or
    "Securities" alone is the cut of a longer name ("the U.S. Energy Information Administration")."""
    return bool(set(_words(name)) & word_set(LEXICON, "institution_heads"))


def is_subhead_word(name: str) -> bool:
    """Whether the name is one ordinary English word of five letters or more in capitals ("BOOST"):
    Reuters' subheadings are in capitals. Shorter words are acronyms as often ("NATO", "OPEC" are in
    the dictionary too), and so are the abbreviations of models/gazetteer/organizations.json."""
    word = name.strip()
    if not (word.isupper() and word.isalpha() and len(word) >= SUBHEAD_WORD_LETTERS) or word in load_json(ORGANIZATIONS)["abbreviations"]:
        return False
    from ..nlp import english_words  # spaCy's tables: loaded only when such a word is met

    return word.lower() in english_words()


def name_key(kind: str, name: str, country: str | None) -> NameKey:
    """The key of one actor, and the rule it links by. ``country`` is the actor's ISO3 code."""
    if kind == "country" and country:
        return NameKey(country, "country_code")
    if kind == "person":
        key = person_key(name)
        return NameKey(key, "same_name") if key else NameKey(None, "story_only")
    if kind == "organization":
        key = org_key(name)
        if is_subhead_word(name) or is_descriptor(name) or is_local_institution(name):  # "BOOST", "Nordic exchange"
            return NameKey(None, "story_only")
        if is_generic_office(name):  # "Office of Inspector General": the Pentagon's, the SEC's
            return NameKey(None, "generic_office")
        if is_run_together(name):  # "Microsoft Corp Yahoo Inc": two companies
            return NameKey(None, "run_together")
        if key and is_institution(name):  # "Finance Ministry": one per country; "Energy": whose what?
            return NameKey(f"{key}|{country}", "org_country") if country and has_head(name) else NameKey(None, "story_only")
        if key and country and is_common_institution(name):  # "Financial Services Authority": Britain's, Sweden's
            # (a dateline's country is no regulator's: pipeline.link.entities drops it from the key)
            return NameKey(f"{key}|{country}", "regulator_country")
        if is_generic(name) or is_term(name):  # "Airlines", "Media": whose? "FX": no one's
            return NameKey(None, "story_only")
        if is_foreign_generic(name):  # "Banco": Santander's in one story, Banco do Brasil's in another
            return NameKey(None, "foreign_generic")
        if key and is_capitals_generic(name):  # "LISTED BANK": a headline's words, unless written so elsewhere
            return NameKey(key, "org_capitals")
        return NameKey(key, "org_normalised") if key else NameKey(None, "story_only")
    words = _words(name)
    return NameKey(" ".join(words), "same_name") if words else NameKey(None, "story_only")


def alias_key(kind: str, alias: str) -> str | None:
    """The key an alias stands for, or None when it is too weak to link by (a bare surname, one letter)."""
    if kind == "person":
        return person_key(alias)
    if kind == "organization":
        key = org_key(alias)
        return key if key and len(key) >= 2 and not is_generic(alias) and not is_foreign_generic(alias) else None
    return None


# The entity id of a key, in SQL: a hash, so it depends on nothing but the kind and the key.
ENTITY_ID_SQL = "'E' || left(sha1({kind} || ':' || {key}), 16)"
