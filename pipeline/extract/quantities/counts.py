"""Bare numbers: the noun a number counts, ages, numbers that are names, and which bare numbers are worth a row."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..context import TIME_ENTITIES
from ..numbers import TokenIndex, lexicon as number_lexicon
from .lexicon import lex
from .roles import _NOUNS, _VERBS, _change_of, _noun_like, _verb_of
from .surfaces import _OF_AFTER, _Surface


def _count_noun(doc: Doc, tokens: TokenIndex, s: _Surface, text: str) -> Token | None:
    """"200 passengers", "five North Korean-flagged oil tankers", "thousands of North Koreans"."""
    i = tokens.at(s.number_end - 1)
    t = doc[i]
    if s.low is not None and not s.is_range:
        # vague magnitudes and fractions count the noun after "of"
        om = _OF_AFTER.match(text, s.number_end)
        if om:
            j = tokens.at(om.end())
            for k in range(j, min(j + 6, len(doc))):
                if doc[k].pos_ in _NOUNS and doc[k].dep_ != "compound":
                    return doc[k]
            return None
    h = t.head
    if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and _noun_like(h) and h.i > t.i and h.i - t.i <= 6:
        if h.lower_ in lex().not_counted or h.like_num:
            return None
        if h.tag_ in ("NN", "NNP") and s.value != 1:
            # "its 73 lower-house seats countrywide": a plural noun in between is what is counted
            plural = next((doc[k] for k in range(t.i + 1, h.i) if doc[k].tag_ in ("NNS", "NNPS")), None)
            if plural is not None:
                return plural
        return h
    partitive = _partitive_noun(t)
    if partitive is not None:
        return partitive
    # the parse missed it: the next plural noun, with only modifiers in between, in the same sentence
    for k in range(i + 1, min(i + 6, len(doc))):
        tk = doc[k]
        if tk.is_sent_start or (tk.is_punct and tk.text not in ("-", "'", "’")):
            break
        if tk.pos_ in _NOUNS and tk.tag_ in ("NNS", "NNPS") and tk.dep_ != "compound":
            return tk
        if tk.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV"):
            break
    return None


def _partitive_noun(t: Token) -> Token | None:
    """Rule partitive_count: "13 of its patents", "over 100 of its own branches", "About 36 million of HSBC's 100
    million customers": a number whose "of" complement is a determined plural noun counts that noun."""
    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((d for d in of.children if d.dep_ == "pobj" and d.tag_ in ("NNS", "NNPS")), None) if of is not None else None
    if noun is None or not any(c.dep_ in ("det", "poss") for c in noun.children):
        return None
    return noun


def _unit_of_count(noun: Token) -> str:
    common = noun.pos_ in ("NOUN", "VERB")  # a verb here is a plural noun the tagger missed
    lemma = noun.lemma_ if common else noun.text
    if noun.pos_ == "PROPN":
        # "North Koreans" -> "North Korean": the proper name with its compounds, singular
        first = min([c.i for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [noun.i])
        lemma = noun.doc[first : noun.i + 1].text
        if noun.tag_ == "NNPS" and lemma.endswith("s"):
            lemma = lemma[:-1]
        return lemma
    if noun.lower_ in ("people", "persons"):
        return "people"
    return lemma.lower() if common else lemma


_AGE_OLD = re.compile(r"[ \t]*-?[ \t]*old\b", re.I)


def _age_end(doc: Doc, text: str, s: _Surface, first: Token) -> int | None:
    """The end of an age: "46-year-old", "age 50", "Jones, 71, said"; None when the number is not one."""
    if s.unit is not None:
        m = _AGE_OLD.match(text, s.end) if s.unit.unit == "year" and not s.is_range else None
        return m.end() if m else None
    if s.is_range or s.low is not None or not float(s.value).is_integer() or not 0 < s.value < 120:
        return None
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ in lex().age_words:
        return s.end  # "after age 50", "aged 71"
    name = doc[first.i - 2] if first.i > 1 else None
    if prev is not None and prev.text == "," and name is not None and name.ent_type_ == "PERSON" and text[s.end : s.end + 1] in (",", ")"):
        return s.end  # "Jones, 71, said": the AP age apposition
    return None


def _age_of(doc: Doc, first: Token) -> str:
    """"age", or "age of Jones" when the person stands right before ("Jones, 71,") or is the phrase's head."""
    k = first.i - 2
    if k >= 0 and doc[k].ent_type_ == "PERSON" and doc[k + 1].text == ",":
        return f"age of {doc[k].text}"
    return "age"


_NUMBER_SIGN = re.compile(r"(?:\bNo|\bno|\bNos|#)\.?[ \t]*$")


def _is_name_number(doc: Doc, text: str, s: _Surface, first: Token) -> bool:
    """"Flight 17", "Boeing 747", "No. 1", "tier 1", "UAW Local 599": a number that is part of a name or a label."""
    lx = lex()
    if s.unit is not None and s.unit.kind == "currency":
        return False
    if s.explicit_qualifier or s.is_range:
        return False
    if _NUMBER_SIGN.search(text, max(0, s.number_start - 6), s.number_start):
        return True
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is None:
        return False
    pl = prev.lower_
    digits = not first.is_alpha
    if pl in lx.name_prefixes_always or (pl in lx.name_prefixes and (digits or prev.text[:1].isupper())):
        return True
    before = doc[first.i - 2] if first.i > 1 else None
    if before is not None and f"{before.lower_} {pl}" in lx.name_prefixes and (digits or before.text[:1].isupper()):
        return True  # "the Group of Seven nations", "Group of 20"
    if (
        digits
        and prev.text[:1].isupper()
        and (prev.pos_ == "PROPN" or (not prev.is_sent_start and prev.pos_ in ("NOUN", "ADJ")))
        and prev.ent_type_ not in ("DATE", "NORP", "MONEY", "CARDINAL", "PERCENT", "QUANTITY")
        and prev.dep_ != "poss"
    ):
        return True  # "Boeing 747", "S&P 500", "Nikkei 225"
    return False


def _count_ok(doc: Doc, text: str, s: _Surface, first: Token, noun: Token) -> bool:
    """Counts worth a row: not "the two countries", "one of", "one day", years, or noun-less words."""
    lx = lex()
    number_text = text[s.number_start : s.number_end]
    if number_text.lower() == "one" and not s.explicit_qualifier and not (noun.dep_ == "pobj" and noun.head.lower_ == "by"):
        return False  # "one of", "One North Korean man", "one day": "one" is rarely a claimed count
    if s.value == 0:
        return False  # "zero-coupon bonds"
    if number_text.lower() in number_lexicon().once:
        return False  # "Once coal seams are exposed": a conjunction, and "twice" counts times, not things
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and not s.explicit_qualifier:
        two = (doc[first.i - 2].lower_ + " " + prev.lower_) if first.i > 1 else prev.lower_
        # a restrictive clause only: not "The three patents, which cover ...," (a comma: what they are, known already)
        comma = doc[min(noun.i + 1, len(doc) - 1)].text == ","
        restricted = any(c.dep_ in ("relcl", "acl") and c.i > noun.i for c in noun.children) and not comma
        if (prev.lower_ in lx.back_reference or two in lx.back_reference) and first.is_alpha and s.value <= 20 and s.low is None and not restricted:
            # "the two countries": things already counted (not "the three government departments that lodged
            # the appeal", "the three Arctic blocks earmarked for the venture": a clause says which, so they are new;
            # rule first_mention: nor "The seven patents at issue" when the story has not given that number before;
            # a pair, or a number a comma's clause describes, is known already)
            if s.value == 2 or comma or _said_before(text, s, number_text):
                return False
    if noun.ent_type_ in TIME_ENTITIES and noun.lower_ not in ("people",):
        return False
    if noun.pos_ == "PROPN" and noun.tag_ != "NNPS":
        return False  # "Boeing's 787 Dreamliner", "23 Hyundai": a name, not a count
    hyphenated = noun.i > 0 and doc[noun.i - 1].text == "-"
    plural = noun.tag_ in ("NNS", "NNPS") or (noun.tag_ == "VBZ" and _noun_like(noun))  # "two Atlas 5 launches"
    if s.value != 1 and not plural and noun.lower_ not in lx.collective_counts and not hyphenated:
        return False  # "a 865 million charge": more than one of a singular noun is not a count ("a 21-page report" is)
    return True


def _said_before(text: str, s: _Surface, number_text: str) -> bool:
    """Whether the story wrote this number earlier, in words or digits ("seven patents" ... "the seven patents")."""
    forms = [re.escape(number_text)] + ([str(int(s.value))] if float(s.value).is_integer() else [])
    return re.search(r"(?<![\w.,])(?:" + "|".join(forms) + r")(?![\w]|[.,]\d)", text[: s.number_start], re.I) is not None


def _bare_number_ok(text: str, first: Token, s: _Surface) -> bool:
    """A number with neither unit nor counted noun is kept only as a level or change of something."""
    if s.low is not None and not s.is_range:
        return False
    if first.is_alpha:
        return False
    raw = text[s.number_start : s.number_end]
    if re.fullmatch(r"\d{4}", raw) and 1600 <= int(raw) <= 2099:
        return False
    t = first
    for _ in range(2):
        if t.dep_ in ("dobj", "npadvmod", "pobj", "attr", "appos", "ROOT") or t.head.i == t.i:
            break
        t = t.head
    gov = t.head
    if t.dep_ == "pobj" and gov.lower_ in ("to", "at", "from", "by") and _verb_of(gov) is not None:
        v = _verb_of(gov)
        return _change_of(v) is not None or v.lemma_.lower() in lex().level_verbs
    if t.dep_ in ("dobj", "npadvmod") and gov.pos_ in _VERBS:
        return _change_of(gov) is not None
    if t.dep_ == "npadvmod" and _change_of(gov) is not None:
        return True
    return False


def _model_count(doc: Doc, tokens: TokenIndex, text: str, s: _Surface) -> tuple[str, int] | None:
    """Rule model_count: "12 Airbus A380", "8 787-8", "up to 10 A330s" count the model named after the number:
    (the model as unit, the end of its name). Not when a plural noun follows the model ("3 M-16 rifles" counts rifles)."""
    if s.low is not None and not s.is_range:
        return None
    m = lex().model_after.match(text, s.number_end)
    if m is None or lex().prefix_at.match(m.group("model")):
        return None  # "3 USD50 Cards": an amount, not a model
    end = m.end() + (1 if text[m.end() : m.end() + 1] == "s" else 0)
    k = tokens.at(end)
    k += 1 if k < len(doc) and doc[k].idx < end else 0
    if k < len(doc) and doc[k].tag_ in ("NNS", "NNPS") and doc[k].idx - end <= 1:
        return None
    return m.group("model"), end


def _factbox_count(doc: Doc, tokens: TokenIndex, text: str, s: _Surface) -> tuple[str, str | None, str] | None:
    """Rule factbox_label: "-- Passengers per year: 58 million", "-- Staff: 60,282" count the label's noun
    (a plural or collective noun): (unit, rate, what is measured: the label)."""
    m = lex().factbox_label.search(text, max(0, s.start - 50), s.start)
    if m is None:
        return None
    last = doc[tokens.at(m.end("label") - 1)]
    if not (last.tag_ in ("NNS", "NNPS") or last.lower_ in lex().collective_counts):
        return None
    per = lex().per_units.get(m.group("per")) if m.group("per") else None
    return _unit_of_count(last), per, m.group("label") + (f" per {m.group('per')}" if per else "")


_SCALE = re.compile(r"\b(?:thousand|million|billion|trillion|mln|bln|bn|m)\b", re.I)


def _elided_count(text: str, s: _Surface, rows: list[dict], sentence: int) -> dict | None:
    """Rule elided_count: "about 1.83 billion shares changing hands, close to last year's daily average of 1.84 billion":
    a bare scaled number after a scaled count of the same sentence counts the same thing (that count's row)."""
    if not _SCALE.search(text, s.number_start, s.number_end):
        return None
    # the last scaled count before it in the sentence ("about 2.2 million cars ... under its three brands ..., up from 2.08 million")
    return next((r for r in reversed(rows) if r["sentence"] == sentence and r["unit_kind"] == "count" and r["end"] <= s.start and _SCALE.search(r["text"])), None)


_BREADTH_FIRST = re.compile(r"\bby[ \t]+(?:about[ \t]+|roughly[ \t]+|some[ \t]+)?$", re.I)
_BREADTH_SECOND = re.compile(r"\bby[ \t]+(?:about[ \t]+|roughly[ \t]+|some[ \t]+)?[\d,.]+[ \t]+to[ \t]+$", re.I)
_BREADTH_TO = re.compile(r"[ \t]+to[ \t]+[\d,.]+\b")


def _breadth_count(doc: Doc, tokens: TokenIndex, text: str, s: _Surface) -> tuple[str, str] | None:
    """Rule breadth_count: "Advancing stocks outnumbered declining ones by 1,670 to 1,420", "advancers beat
    decliners by about 1,556 to 1,151": with a verb of ``breadth_verbs``, the first number counts the subject's noun
    and the second the object's ("ones" takes the subject's noun): (unit, what is measured)."""
    lo = max(0, s.number_start - 40)
    if _BREADTH_FIRST.search(text, lo, s.number_start) and _BREADTH_TO.match(text, s.number_end):
        side = "nsubj"
        by = _BREADTH_FIRST.search(text, lo, s.number_start).start()
    elif (m := _BREADTH_SECOND.search(text, lo, s.number_start)) is not None:
        side, by = "dobj", m.start()
    else:
        return None
    i = tokens.at(by)
    start = doc[i].sent.start
    # the nearest such verb before "by" (the parser may hang a second "by" on the first clause's verb)
    verb = next((doc[k] for k in range(i - 1, start - 1, -1) if doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in lex().breadth_verbs), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.tag_ in ("NNS", "NNPS")), None)
    if subj is None or obj is None:
        return None
    noun = subj if side == "nsubj" else obj
    unit_noun = subj if noun.lower_ == "ones" else noun
    return _unit_of_count(unit_noun), doc[noun.left_edge.i : noun.i + 1].text
