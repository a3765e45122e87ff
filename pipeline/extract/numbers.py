"""Numbers as wire copy writes them, found in raw text: the shared reader of dates and quantities.

:func:`find_numbers` scans a text once with compiled regular expressions and
returns :class:`Number` atoms with character offsets and values:

* digits with thousands separators and decimals ("500,000", "1.2",
  Indian "12,34,567.89"), fractions and mixed fractions ("1/4", "2-1/2",
  "10 1/2", "½");
* numbers in words, composed ("six", "forty-five", "three hundred and twenty",
  "a dozen", "one and a half", "two-thirds", "half a million");
* vague magnitudes ("tens of thousands", "hundreds of millions", "dozens",
  "multi-billion"): ``low``/``high`` set, ``value`` the lower bound;
* a scale word right after the number ("1.2 million", "$25bn") is applied.

:class:`TokenIndex` holds the per-story token arrays both extractors use to
map characters to tokens and to find trigger words without a Python loop.

Nothing here decides whether a number is a quantity, a year or part of a
name: :mod:`.quantities` and :mod:`.dates` do that with the context.
The word lists live in ``models/lexicons/number_words.json``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from spacy.attrs import IDX, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..resources import load_json
from .context import TokenArrays, in_sorted


@dataclass
class Number:
    start: int  # char offsets into the text, end exclusive
    end: int
    value: float
    low: float | None = None  # vague magnitudes and "multi-" prefixes
    high: float | None = None
    words: bool = False  # written in words ("six")
    scaled: bool = False  # a scale word was applied ("million")
    digits: str = ""  # the digits as written, for year and name checks
    fraction: bool = False  # a bare fraction ("two-thirds", "half")
    scale: float = 1.0  # the scale word's factor (1e9 for "billion")

    @property
    def vague(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    scale_abbrev: dict[str, float]
    currency_abbrev: dict[str, float]
    dozen: dict[str, float]
    once: dict[str, float]
    fractions: dict[str, float]
    unicode_fractions: dict[str, float]
    vague: dict[str, tuple[float, float]]
    vague_prefixes: dict[str, tuple[float, float]]
    word_re: re.Pattern[str]
    digit_re: re.Pattern[str]
    vague_re: re.Pattern[str]
    scale_re: re.Pattern[str]
    scale_abbrev_re: re.Pattern[str]
    currency_abbrev_re: re.Pattern[str]
    next_word_re: re.Pattern[str]
    glued_abbrev: dict[str, float]
    glued_abbrev_re: re.Pattern[str]
    sign_re: re.Pattern[str]


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal words, longest first (so "per cent" wins over "per")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = load_json("lexicons/number_words.json")
    units = {k: float(v) for k, v in data["units"].items()}
    tens = {k: float(v) for k, v in data["tens"].items()}
    scales = {k: float(v) for k, v in data["scales"].items()}
    dozen = {k: float(v) for k, v in data["dozen"].items()}
    once = {k: float(v) for k, v in data["once"].items()}
    fractions = {k: float(v) for k, v in data["fractions"].items()}
    vague = {k: (float(a), float(b)) for k, (a, b) in data["vague"].items()}
    # A word number starts with a unit, a tens word, "a"/"an" before a scale or
    # "dozen", or "half"/"quarter"; ordinals ("third") only count after a unit.
    starters = set(units) | set(tens) | {"dozen", "half", "quarter", "hundred", "thousand"} | set(once)
    word_re = re.compile(
        r"(?<![\w-])(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|quarter|half)\b))?(?:" + alternation(starters) + r")(?![\w])",
        re.I,
    )
    # starts with a digit (or a fraction sign), so the scan is fast; the character before is checked in code.
    # The leading lookahead changes no match (every branch starts so) but lets the engine skip a non-digit at once
    # instead of trying each branch on it: the scan takes a quarter of the time.
    fraction_signs = "".join(data["unicode_fractions"])
    digit_re = re.compile(
        r"(?=[\d" + fraction_signs + r"])(?:"
        r"\d{1,2}/\d{1,2}(?![\d/])"
        r"|(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
        r"(?:[ \t-]\d{1,2}/\d{1,2}(?![\d/]))?"
        r"|[" + fraction_signs + r"])"
    )
    vague_re = re.compile(
        r"(?<![\w-])(?:(?:" + alternation(data["vague_prefixes"]) + r")-?(?=(?:million|billion|trillion|thousand)))"
        r"|(?<![\w-])(?:" + alternation(vague) + r")(?:\s+of\s+(?:" + alternation([w for w in vague if w not in ("tens", "dozens", "scores")]) + r"))?(?![\w])",
        re.I,
    )
    scale_re = re.compile(r"[ \t]*-?[ \t]*(" + alternation(scales) + r")(?![\w])", re.I)
    scale_abbrev_re = re.compile(r"[ \t]?(" + alternation(data["scale_abbreviations"]) + r")(?![\w])")
    currency_abbrev_re = re.compile(r"(" + alternation(data["currency_only_abbreviations"]) + r")(?![\w])")
    # "six and a half", "forty-five", "six-and-a-half"
    next_word_re = re.compile(r"(\s+and\s+|-and-|\s*-\s*|\s+)(an?(?:\s+|-))?([A-Za-z]+)", re.I)
    return _Lexicon(
        units, tens, scales, {k: float(v) for k, v in data["scale_abbreviations"].items()},
        {k: float(v) for k, v in data["currency_only_abbreviations"].items()},
        dozen, once, fractions, {k: float(v) for k, v in data["unicode_fractions"].items()}, vague,
        {k: (float(a), float(b)) for k, (a, b) in data["vague_prefixes"].items()},
        word_re, digit_re, vague_re, scale_re, scale_abbrev_re, currency_abbrev_re, next_word_re,
        {k: float(v) for k, v in data["glued_abbreviations"].items()},
        re.compile(r"(" + alternation(data["glued_abbreviations"]) + r")(?![\w])"),
        re.compile(r"(?<![\w-])(?:" + alternation(data["signs"]) + r")[ \t]+$", re.I),
    )


# "6.02×10^23", "6.02 x 10^23", "1.5e-3": a power of ten after the digits; "10^23" alone
_SCIENTIFIC = re.compile(r"[ \t]*[×xX*][ \t]*10[ \t]*(?:\^|\*\*)[ \t]*(?P<e>[-−]?\d{1,3})(?!\d)|[eE](?P<e2>[-+]?\d{1,3})(?![\w])")
_POWER = re.compile(r"\^[ \t]*(?P<e>[-−]?\d{1,3})(?!\d)")
_OPEN_BEFORE = frozenset(" \t\n([{\"'$£€:=~<>")


# --- values ------------------------------------------------------------------------


def digits_value(text: str) -> float | None:
    """The value of a digit atom: "1,234.5", "12,34,567", "2-1/2", "10 1/2", "1/4", "½"."""
    lex = lexicon()
    if text in lex.unicode_fractions:
        return lex.unicode_fractions[text]
    whole, frac = text, None
    m = re.search(r"(?:^|[\s-])(\d{1,2})/(\d{1,2})$", text)
    if m:
        num, den = int(m.group(1)), int(m.group(2))
        if den == 0:
            return None
        frac = num / den
        whole = text[: m.start()].strip(" -")
        if not whole:
            return frac
    try:
        value = float(whole.replace(",", ""))
    except ValueError:
        return None
    return value + (frac or 0.0)


class _WordAccumulator:
    """Composes number words left to right; :meth:`add` refuses a word that cannot continue the number."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.last: str | None = None  # unit, teen, tens, hundred, scale, fraction, dozen, a, half
        self.fraction_only = False

    @property
    def value(self) -> float:
        return self.total + self.current

    def add(self, word: str, joined_by_and: bool, article: bool) -> bool:
        lex = lexicon()
        w = word.lower()
        last = self.last
        if joined_by_and and not (last in ("hundred", "scale") or (w == "half" and article)):
            return False
        if w in lex.units or w in lex.tens:
            v = lex.units.get(w, lex.tens.get(w, 0.0))
            if article:
                return False
            if last is None or last in ("hundred", "scale"):
                self.current += v
            elif last == "tens" and w in lex.units and v < 10:
                self.current += v
            else:
                return False
            self.last = "tens" if w in lex.tens else "unit"
            return True
        if w == "hundred":
            if last in ("unit", None, "a") or (last == "tens" and self.current % 10 == 0 and False):
                self.current = (self.current or 1.0) * 100
                self.last = "hundred"
                return True
            if last == "tens":
                self.current *= 100  # "twenty-five hundred"
                self.last = "hundred"
                return True
            return False
        if w in lex.scales:
            if last is None and not article:
                return False
            if last == "scale" and self.current == 0:
                return False
            self.total += (self.current or 1.0) * lex.scales[w]
            self.current = 0.0
            self.last = "scale"
            self.fraction_only = False  # "half a million" is a number, not a part
            return True
        if w in lex.dozen and w in ("dozen",):
            if last in (None, "unit", "tens", "a") or article:
                self.current = (self.current or 1.0) * 12
                self.last = "dozen"
                return True
            return False
        if w in lex.once:
            if last is None:
                self.current = lex.once[w]
                self.last = "once"
                return True
            return False
        if w in lex.fractions:
            f = lex.fractions[w]
            if w == "half" and joined_by_and and article:
                self.current += 0.5  # "one and a half"
                self.last = "fraction"
                return True
            if last is None and w == "half":
                self.current = f
                self.last = "fraction"
                self.fraction_only = True
                return True
            if last in ("unit",) and not article:
                # "two-thirds", "three quarters"; a singular ordinal after "one" ("one third")
                self.current *= f
                self.last = "fraction"
                self.fraction_only = True
                return True
            if last == "a" or (article and last is None):
                self.current = f
                self.last = "fraction"
                self.fraction_only = True
                return True
            return False
        return False


def words_number(text: str, start: int) -> tuple[float, int, bool] | None:
    """The longest word number starting at ``start``: (value, end, is a bare fraction)."""
    lex = lexicon()
    acc = _WordAccumulator()
    pos = start
    m = re.match(r"(an?)\s+", text[start:], re.I)
    if m:
        acc.last = "a"
        acc.current = 1.0
        pos = start + m.end()
    first = re.match(r"[A-Za-z]+", text[pos:])
    if not first or not acc.add(first.group(0), False, False):
        return None
    end = pos + first.end()
    pos = end
    while True:
        m = lex.next_word_re.match(text, pos)
        if not m:
            break
        joiner, article, word = m.group(1), m.group(2), m.group(3)
        if "\n" in joiner:
            break
        joined_by_and = "and" in joiner.lower()
        snapshot = (acc.total, acc.current, acc.last, acc.fraction_only)
        if not acc.add(word, joined_by_and, bool(article)) or _quarters_counted(text, joiner, word, m.end()):
            acc.total, acc.current, acc.last, acc.fraction_only = snapshot
            break
        end = m.end()
        pos = end
    if acc.last == "a":
        return None
    return acc.value, end, acc.fraction_only


_OF_NEXT = re.compile(r"\s+of\b", re.I)


def _quarters_counted(text: str, joiner: str, word: str, end: int) -> bool:
    """"the last seven quarters", "three straight quarters": quarters of a year counted, not 7/4 (a
    fraction is hyphenated or followed by "of" or a scale: "three-quarters", "three quarters of a yen",
    "three quarters billion")."""
    fraction = _OF_NEXT.match(text, end) or lexicon().scale_re.match(text, end)
    return word.lower() in ("quarter", "quarters") and "-" not in joiner and not fraction


def scale_after(text: str, end: int, after_currency: bool = False) -> tuple[float, int]:
    """The factor of a scale word at ``end`` ("million", "bn"; "m", "k" only after a currency) and where it ends."""
    lex = lexicon()
    m = lex.scale_re.match(text, end)
    if m:
        return lex.scales[m.group(1).lower()], m.end()
    m = lex.scale_abbrev_re.match(text, end)
    if m:
        return lex.scale_abbrev[m.group(1)], m.end()
    if after_currency:
        m = lex.currency_abbrev_re.match(text, end)
        if m:
            return lex.currency_abbrev[m.group(1)], m.end()
    return 1.0, end


class TokenIndex:
    """Per-story arrays of a ``Doc``: its text, and the character offset and lower-case form of each token.

    Built once per story (``Doc.to_array``, no Python loop creating tokens;
    ``Doc.text`` walks every token, so it is taken from the context) and shared by
    dates and quantities: :meth:`at` maps a character to its token,
    :meth:`starts_by` finds the tokens whose lower-case form is a trigger word,
    so the regular expressions run only where they can match.
    """

    def __init__(
        self, doc: Doc, text: str | None = None, lower_ids: Sequence[int] | None = None, arrays: TokenArrays | None = None
    ) -> None:
        """``text``, ``lower_ids`` and the token ``arrays`` may come ready from the :class:`.context.DocContext`."""
        self.doc = doc
        self.arrays = arrays if arrays is not None and len(arrays.starts) == len(doc) else None
        self._lower_np: np.ndarray | None = lower_ids if isinstance(lower_ids, np.ndarray) and len(lower_ids) == len(doc) else None
        self.text = text if text is not None else doc.text
        if len(doc):
            if lower_ids is not None and len(lower_ids) == len(doc):
                self.lower: list[int] = list(lower_ids.tolist() if hasattr(lower_ids, "tolist") else lower_ids)
                self.starts: list[int] = self.arrays.starts if self.arrays is not None else doc.to_array(IDX).tolist()
            else:
                arr = doc.to_array([LOWER, IDX])
                self.lower, self.starts = arr[:, 0].tolist(), arr[:, 1].tolist()
        else:
            self.lower, self.starts = [], []

    def at(self, char: int) -> int:
        """The token that contains (or starts after) ``char``."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Token range [a, b) covering chars [start, end)."""
        if not self.starts:
            return 0, 0
        a = self.at(start)
        b = bisect.bisect_left(self.starts, end)
        return a, max(b, a + 1)

    def starts_by(self, table: dict[int, tuple[str, ...]]) -> dict[str, list[int]]:
        """Character offsets of trigger tokens by category; ``table`` maps a word's hash to its categories."""
        out: dict[str, list[int]] = {}
        if not self.lower:
            return out
        keys = _table_keys(id(table), table)
        for i in np.flatnonzero(in_sorted(self._lower_array, keys)).tolist():
            for c in table[self.lower[i]]:
                out.setdefault(c, []).append(self.starts[i])
        return out

    @property
    def _lower_array(self) -> np.ndarray:
        if self._lower_np is None:
            self._lower_np = np.asarray(self.lower, dtype=np.uint64)
        return self._lower_np


_KEYS: dict[int, np.ndarray] = {}


def _table_keys(key: int, table: dict[int, tuple[str, ...]]) -> np.ndarray:
    """The hashes of a (cached, long-lived) trigger table as an array, built once."""
    keys = _KEYS.get(key)
    if keys is None or len(keys) != len(table):
        keys = _KEYS[key] = np.array(sorted(table), dtype=np.uint64)
    return keys


def trigger_table(categories: dict[str, frozenset[str]] | dict[str, set[str]]) -> dict[int, tuple[str, ...]]:
    """Word hash -> categories, for :meth:`TokenIndex.starts_by` (build once, cache the result)."""
    table: dict[int, list[str]] = {}
    for cat, ws in categories.items():
        for w in ws:
            table.setdefault(get_string_id(w.lower()), []).append(cat)
    return {h: tuple(c) for h, c in table.items()}


@lru_cache(maxsize=1)
def _number_triggers() -> dict[int, tuple[str, ...]]:
    lex = lexicon()
    starters = set(lex.units) | set(lex.tens) | {"dozen", "half", "quarter", "hundred", "thousand"} | set(lex.once)
    vague = set(lex.vague) | {p.rstrip("-") for p in lex.vague_prefixes}
    return trigger_table({"word": starters, "vague": vague})


_ARTICLE_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen", "quarter", "half"})


def find_numbers(text: str, tokens: TokenIndex | None = None) -> list[Number]:
    """Every number atom in ``text`` in order, scale words applied.

    With ``tokens`` (the story's :class:`TokenIndex`) number words are looked
    for only at the tokens that are number words; without, by regular
    expression over the whole text. "m" and "k" after digits are left alone
    here: they are scales only after a currency ("$1.8m"), which the caller
    knows (:func:`scale_after`).
    """
    lex = lexicon()
    found: list[Number] = []
    taken = bytearray(len(text) + 1)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(a: int, b: int) -> None:
        taken[a:b] = b"\x01" * (b - a)

    if tokens is not None:
        found_words = tokens.starts_by(_number_triggers())
        vague_starts, word_starts = found_words.get("vague", []), found_words.get("word", [])
    else:
        vague_starts = [m.start() for m in lex.vague_re.finditer(text)]
        word_starts = [m.start() for m in lex.word_re.finditer(text)]
    for pos in vague_starts:
        m = lex.vague_re.match(text, pos)
        if not m or not free(m.start(), m.end()):
            continue
        word = m.group(0).lower()
        if word.startswith("multi"):
            scale_m = lex.scale_re.match(text, m.end())
            if not scale_m:
                continue
            scale = lex.scales[scale_m.group(1).lower()]
            lo, hi = lex.vague_prefixes.get(word.rstrip("-"), (2.0, 10.0))
            found.append(Number(m.start(), scale_m.end(), lo * scale, lo * scale, hi * scale, words=True, scaled=True))
            take(m.start(), scale_m.end())
            continue
        parts = word.split()
        lo, hi = lex.vague[parts[0]]
        if len(parts) == 3:  # "tens of thousands" = 10 x 1,000 to 100 x 1,000
            base = lex.vague[parts[2]][0]
            lo, hi = lo * base, hi * base
        found.append(Number(m.start(), m.end(), lo, lo, hi, words=True, scaled=len(parts) == 3))
        take(m.start(), m.end())
    for m in lex.digit_re.finditer(text):
        a = m.start()
        raw = m.group(0)
        if a > 0 and text[a - 1] == "." and raw.isdigit() and (a == 1 or text[a - 2] in _OPEN_BEFORE):
            a, raw = a - 1, "0." + raw  # ".001": a decimal written without its zero
        elif a > 0 and (text[a - 1] in ".,/" or text[a - 1].isdigit()):
            continue  # the tail of "1.2.3" or "1,2"
        if not free(a, m.end()):
            continue
        value = digits_value(raw)
        if value is None:
            continue
        value, digits_end = _with_exponent(text, raw, value, m.end())
        scale, end = scale_after(text, digits_end)
        if end == digits_end:
            g = lex.glued_abbrev_re.match(text, digits_end)
            if g:
                scale, end = lex.glued_abbrev[g.group(1)], g.end()  # "40k"
        found.append(Number(a, end, value * scale, words=False, scaled=end > digits_end, digits=raw, scale=scale))
        take(a, end)
    for pos in word_starts:
        start = pos
        if tokens is not None:
            if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "-" and pos > 1 and text[pos - 2].isalpha()):
                continue
            word = re.match(r"[A-Za-z]+", text[pos : pos + 12])
            if word and word.group(0).lower() in _ARTICLE_SCALES:
                art = re.search(r"(?:^|(?<=[^\w]))[Aa]n?[ \t]+$", text[max(0, pos - 4) : pos])
                if art:
                    start = pos - (len(text[max(0, pos - 4) : pos]) - art.start())
        if not free(start, start + 1):
            continue
        parsed = words_number(text, start)
        if parsed is None:
            continue
        value, end, fraction = parsed
        if not free(start, end):
            continue
        # "half a million", "a quarter billion": the scale after a fraction
        mm = re.match(r"\s+an?\s+", text[end : end + 6]) if fraction else None
        if mm:
            sm = lex.scale_re.match(text, end + mm.end() - 1)
            if sm:
                end = sm.end()
                value *= lex.scales[sm.group(1).lower()]
                fraction = False
        scale, end2 = scale_after(text, end)
        found.append(Number(start, end2, value * scale, words=True, scaled=end2 > end, fraction=fraction and end2 == end, scale=scale))
        take(start, end2)
    found.sort(key=lambda n: n.start)
    for n in found:
        _apply_sign(text, n)
    return found


def _with_exponent(text: str, raw: str, value: float, end: int) -> tuple[float, int]:
    """The value times a power of ten written after it ("6.02×10^23", "1.5e-3"; "10^23" alone) and where it ends."""
    m = _SCIENTIFIC.match(text, end)
    if m:
        exp = int((m.group("e") or m.group("e2")).replace("−", "-"))
        return value * 10.0**exp, m.end()
    if raw == "10":
        m = _POWER.match(text, end)
        if m:
            return 10.0 ** int(m.group("e").replace("−", "-")), m.end()
    return value, end


def _apply_sign(text: str, n: Number) -> None:
    """"-2.4%", "at -0.3", "minus 15 degrees": a negative number (not "2006-07", "Sakhalin-3", "A-1")."""
    a = n.start
    if a > 0 and text[a - 1] in "-−" and (a == 1 or text[a - 2] in _OPEN_BEFORE) and not n.words:
        if text[max(0, a - 12) : a - 1].rstrip(" \t")[-1:].isdigit():
            return  # "EF 75 -300 mm": a range written loosely
        n.start = a - 1
    else:
        m = lexicon().sign_re.search(text, max(0, a - 12), a)
        if not m:
            return
        n.start = m.start()
    n.value = -n.value
    if n.low is not None and n.high is not None:
        n.low, n.high = -n.high, -n.low
