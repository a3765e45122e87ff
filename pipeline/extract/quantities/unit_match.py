"""The unit written at a position, found by its first character instead of one regex over every unit form.

``lex().unit_ci`` is ``(?:[ \\t]*-[ \\t]*|[ \\t]*)(?P<u>FORM|FORM|...)(?![\\w$])`` over about 900
forms: Python's regex engine tries each form in turn at each call (about 20 µs a call, 4-5% of
all extraction on the Reuters sample). No form starts with a blank or a hyphen, so that
pattern can only place a form right after the blanks (or after "-" and more blanks): the
character there picks the forms that can start with it, in the same longest-first order, and a
pattern over those alone gives the very match the whole pattern gives. Characters outside ASCII
go to the whole pattern (case folding there has surprises such as the Kelvin sign).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import alternation
from .lexicon import lex

_BLANKS = " \t"
_TAIL = r"(?![\w$])"


class UnitMatcher:
    """``match(text, pos)`` -> (form as written, end) or None: what ``whole.match`` finds, faster."""

    def __init__(self, forms: list[str], whole: re.Pattern[str], flags: int) -> None:
        self.whole = whole
        # a form starting with a blank or "-" would break the reasoning above: then always the whole pattern
        self.exact = not any(f[:1] in (" ", "\t", "-") or not f for f in forms)
        self.by_char: dict[str, re.Pattern[str] | None] = {}
        for code in range(128):
            ch = chr(code)
            firsts = [f for f in forms if re.fullmatch(re.escape(f[0]), ch, flags)]
            self.by_char[ch] = re.compile(r"(?P<u>" + alternation(firsts) + ")" + _TAIL, flags) if firsts else None

    def match(self, text: str, pos: int) -> tuple[str, int] | None:
        if not self.exact:
            return self._whole(text, pos)
        n = len(text)
        p = pos
        while p < n and text[p] in _BLANKS:
            p += 1
        if p < n and text[p] == "-":  # "-[ \t]*" then the form
            p += 1
            while p < n and text[p] in _BLANKS:
                p += 1
        if p >= n:
            return None
        ch = text[p]
        if ch not in self.by_char:  # not ASCII
            return self._whole(text, pos)
        rx = self.by_char[ch]
        m = rx.match(text, p) if rx is not None else None
        return (m.group("u"), m.end()) if m else None

    def _whole(self, text: str, pos: int) -> tuple[str, int] | None:
        m = self.whole.match(text, pos)
        return (m.group("u"), m.end()) if m else None


@lru_cache(maxsize=1)
def unit_matchers() -> tuple[UnitMatcher, UnitMatcher]:
    """(case-sensitive forms, case-insensitive forms), as ``lex().unit_cs`` and ``lex().unit_ci``."""
    lx = lex()
    return (
        UnitMatcher(list(lx.forms_cs), lx.unit_cs, 0),
        UnitMatcher(list(lx.forms_ci), lx.unit_ci, re.I),
    )
