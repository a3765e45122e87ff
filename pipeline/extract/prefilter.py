"""Faster regex scans with no change to what they match: a lookahead on the characters a match can start with.

Python's regex engine tries a pattern at every position of a scan; for an alternation of
many words (a date pattern, a list of names) that means trying each word at each
character. ``prefiltered(rx)`` reads the parsed pattern, collects every character a
match can begin with (literal letters, classes such as ``\\d``, each with the case rule
in force where it stands) and returns ``(?=[those])(?:rx)``: the lookahead is implied by
the pattern, so the matches are the same, and the engine drops most positions at the first
character. When the first characters cannot be told (a pattern that may match the empty
string, a negated class, a back-reference, verbose or global inline flags) the pattern is
returned unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_CATEGORY = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)


class _Unknown(Exception):
    """The first characters of this part cannot be told: no prefilter."""


def _class_items(items: list, icase: bool) -> list[tuple[str, bool]]:
    out = []
    for op, av in items:
        if op == C.LITERAL:
            out.append((re.escape(chr(av)), icase))
        elif op == C.RANGE:
            out.append((re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])), icase))
        elif op == C.CATEGORY and av in _CATEGORY:
            out.append((_CATEGORY[av], icase))
        else:  # NEGATE, CHARSET ...: give up
            raise _Unknown
    return out


def _firsts(seq, icase: bool) -> tuple[list[tuple[str, bool]], bool]:
    """(class fragments a match of ``seq`` can start with, whether ``seq`` can match the empty string)."""
    out: list[tuple[str, bool]] = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if op == C.LITERAL:
            return out + [(re.escape(chr(av)), icase)], False
        if op == C.IN:
            return out + _class_items(av, icase), False
        if op == C.BRANCH:
            nullable = False
            for alt in av[1]:
                found, empty = _firsts(alt, icase)
                out += found
                nullable |= empty
            if not nullable:
                return out, False
            continue
        if op == C.SUBPATTERN:
            _group, add, drop, sub = av
            found, empty = _firsts(sub, (icase or bool(add & re.I)) and not (drop & re.I))
            out += found
            if not empty:
                return out, False
            continue
        if op in _REPEATS:
            lo, _hi, sub = av
            found, empty = _firsts(sub, icase)
            out += found
            if lo > 0 and not empty:
                return out, False
            continue
        if op == getattr(C, "ATOMIC_GROUP", None):
            found, empty = _firsts(av, icase)
            out += found
            if not empty:
                return out, False
            continue
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF ...
    return out, True


def lookahead(rx: re.Pattern[str]) -> str | None:
    """``(?=...)`` over the characters a match of ``rx`` can start with, or None."""
    if rx.flags & re.X or not isinstance(rx.pattern, str):
        return None
    try:
        parsed = P.parse(rx.pattern, rx.flags)
        found, empty = _firsts(parsed, bool(parsed.state.flags & re.I))
    except (_Unknown, re.error):
        return None
    if empty or not found:
        return None
    parts = ["[" + "".join(f for f, case in found if case is icase) + "]" for icase in (False, True) if any(c is icase for _, c in found)]
    flagged = [f"(?{'i' if icase else '-i'}:{p})" for p, icase in zip(parts, [c for c in (False, True) if any(x is c for _, x in found)])]
    return "(?=" + "|".join(flagged) + ")"


@lru_cache(maxsize=None)
def prefiltered(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind the lookahead of its first characters (the same matches, groups and spans), or ``rx``."""
    head = lookahead(rx)
    if head is None:
        return rx
    try:
        return re.compile(head + "(?:" + rx.pattern + ")", rx.flags)
    except re.error:  # e.g. global inline flags that must open the pattern
        return rx
