"""The title lexicon (``models/lexicons/titles.json``): what counts as a person's title or expertise."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_json


@lru_cache(maxsize=1)
def title_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], int]:
    """(titles, modifiers, honorifics, expertise, longest title in words), all lower case."""
    data = load_json("lexicons/titles.json")
    titles = frozenset(t.lower() for t in data["titles"])
    return (
        titles,
        frozenset(m.lower() for m in data["modifiers"]),
        frozenset(h.lower() for h in data["honorifics"]),
        frozenset(e.lower() for e in data["expertise"]),
        max(len(t.split()) for t in titles),
    )


def title_head(words: list[str]) -> str | None:
    """The title-lexicon phrase that ends ``words`` (lower case), longest first; a plural
    counts as its singular ("Citi economists Johanna Chua and Brian Tan")."""
    titles, _, _, _, longest = title_lexicon()
    lowered = [w.lower() for w in words]
    for n in range(min(longest + 2, len(lowered)), 0, -1):  # + 2: a hyphen's tokens ("co", "-", "chairman")
        if lowered[-n] == "-":
            continue
        phrase = " ".join(lowered[-n:])  # returned as tokens: callers count its words as tokens
        key = title_text(lowered[-n:])
        if key in titles or _singular(key) in titles:
            return phrase
    return None


def title_text(words: list[str]) -> str:
    """A title's words joined; a hyphenated word the tokenizer split stays one ("co-manager", not "co - manager")."""
    return " ".join(words).replace(" - ", "-")


def _singular(phrase: str) -> str | None:
    """A plural title's singular: "economists" -> "economist", "co-chairmen" -> "co-chairman"."""
    if phrase.endswith("men"):
        return phrase[:-3] + "man"
    return phrase[:-1] if phrase.endswith("s") else None


def is_plural_title(title: str | None) -> bool:
    """Whether a title names several people: its last word is a lexicon title's plural ("economists")."""
    words = (title or "").lower().split()
    titles = title_lexicon()[0]
    return bool(words) and words[-1] not in titles and _singular(words[-1]) in titles


def is_honorific(word: str) -> bool:
    return word.lower() in title_lexicon()[2]


def ending_phrase(title: str | None, phrases: frozenset[str]) -> str | None:
    """The longest of ``phrases`` (lower case) that a title's last one to three words are: "chief
    economist"; a plural title ends with its singular ("economists")."""
    words = (title or "").lower().split()
    if words and words[-1].startswith("co-"):
        words[-1] = words[-1][3:]  # "co-manager" is a manager, "co-chief executive" a chief executive
    if words and words[-1].endswith("s") and words[-1] not in phrases and words[-1][:-1] in phrases:
        words[-1] = words[-1][:-1]
    return next((" ".join(words[-n:]) for n in range(min(3, len(words)), 0, -1) if " ".join(words[-n:]) in phrases), None)


def ends_with_phrase(title: str | None, phrases: frozenset[str]) -> bool:
    """Whether a title's last one to three words are one of ``phrases`` (lower case): "finance minister" ends with "minister"."""
    return ending_phrase(title, phrases) is not None


def is_expertise(title: str | None) -> bool:
    """Whether a title, or one of two roles it joins, marks expertise ("North Korea expert",
    "chief economist", "futures analyst and broker")."""
    return any(ends_with_phrase(part, title_lexicon()[3]) for part in _roles(title))


def _roles(title: str | None) -> list[str | None]:
    """The roles a title joins ("futures analyst and broker"), each judged on its own."""
    return title.split(" and ") if title else [title]


@lru_cache(maxsize=1)
def _research_lexicon() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """(research affiliation words, research roles, expertise fields), lower case."""
    data = load_json("lexicons/titles.json")
    return (
        tuple(w.lower() for w in data["research_affiliations"]),
        frozenset(w.lower() for w in data["research_roles"]),
        frozenset(w.lower() for w in data["expertise_fields"]),
    )


def expertise_fields() -> frozenset[str]:
    """Fields of analysis that end an expert's title ("head of equity derivatives strategy")."""
    return _research_lexicon()[2]


def expertise_evidence(title: str | None, affiliation: str | None) -> str | None:
    """The words that mark a person as quoted for expertise, or None: an expertise title ("North
    Korea expert", "chief economist", "portfolio manager"), a title heading a field of analysis
    ("head of equity derivatives strategy"), or a research role, or none, at a research
    organisation ("director at the Cato Institute"). See also :func:`market_firm_evidence`."""
    words, roles, fields = _research_lexicon()
    for part in _roles(title):
        phrase = ending_phrase(part, title_lexicon()[3]) or ending_phrase(part, fields)
        if phrase:
            return phrase
    research = next((w for w in words if affiliation is not None and w in affiliation.lower()), None)
    if research and (title is None or ends_with_phrase(title, roles)):
        return f"{title} at {research}" if title else f"at {research}"
    return None


@lru_cache(maxsize=1)
def _market_lexicon() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """(market firm words, market roles, public bodies and lobbies), from ``_market`` in titles.json."""
    data = load_json("lexicons/titles.json")

    def words(key: str) -> re.Pattern[str]:
        # whole words, but ".com" ends a word ("IPOdesktop.com")
        return re.compile("|".join(("(?<!\\w)" if w[0].isalnum() else "") + re.escape(w.lower()) + "(?!\\w)" for w in data[key]))

    return words("market_firms"), frozenset(w.lower() for w in data["market_roles"]), words("official_affiliations")


def market_firm_evidence(title: str | None, affiliation: str | None) -> str | None:
    """A senior role at a market or advisory firm that is not a public body or a lobby ("president
    of Liberty Trading Group" gives "president at trading"): expertise when the story names the
    firm only as the person's employer (the caller's test), else the firm's own voice."""
    if title is None or affiliation is None:
        return None
    firms, roles, official = _market_lexicon()
    low = affiliation.lower()
    role = ending_phrase(title, roles) if title else "untitled"  # "": a person the story gives no title (round 12)
    firm = firms.search(low)
    return f"{role} at {firm.group(0)}" if role and firm and not official.search(low) else None
