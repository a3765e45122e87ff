"""Country rules added from round 13 (issue 18, session 10): small tests the evidence order of
:mod:`.actor_countries` calls, each named, their words in ``models/lexicons``.

* ``international_unit``: "ECB Governing Council", "UN Security Council": an international body's
  name followed by a unit head is the body's own unit, no country's.
* ``title_before_comma``: "Venezuela's Ambassador to Britain, Samuel Moncada, said": a title
  before a name set off by commas is read as a title right before the name is (its country
  word too: the sending country of an ambassador, never the one after "to").
* ``dated_possessive`` (session 12): "Monday's State Council meeting", "last year's Senate vote":
  a possessive of a day or a time owns nothing, so the body keeps the dateline's say.
* ``untagged_mention`` (session 12): "Plano, Texas-based UGS is owned by ...", where the recogniser
  tagged "UGS Corp." once and this "UGS" not at all: the organisation's name (its legal form
  dropped) written again outside any entity is read for the story's words before it too (after
  the archive's knowledge, before the listing: a short name may be another's).
* ``bracketed_place`` (session 12): "Google Advertising (Shanghai) Co, Ltd": a country or a large
  city in brackets right after the name places the unit there, before the archive's knowledge
  of its parent ("Google", USA) speaks.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from ..gazetteer import gazetteer, normalize_name
from ..nlp import english_words
from ..resources import load_json, word_set
from .context import DocContext
from .entities import EntityMention

_SENT_TO = frozenset({"to"})  # "Ambassador to Britain", "envoy to China": the host country, not the person's


def international_unit(name: str, bodies: frozenset[str]) -> bool:
    """Rule international_unit: an international body (``bodies``, normalised) that opens the
    name, and a unit head (``international_unit_heads``) that ends it."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in word_set("lexicons/organizations.json", "international_unit_heads"):
        return False
    return any(normalize_name(" ".join(words[:k])) in bodies for k in range(1, len(words)))


def comma_title_start(doc: Doc, start: int, end: int, entity_at: dict[int, EntityMention]) -> int | None:
    """Rule title_before_comma: where the title of "Venezuela's Ambassador to Britain, Samuel
    Moncada, said" would end if the name stood right after it: the name between two commas, and
    before the first comma a title, less a place it is sent "to" (the office's country is the
    one before the title, never the one after "to"). None when the shape is not there."""
    if start < 3 or end >= len(doc) or doc[start - 1].text != "," or doc[end].text != ",":
        return None
    j = start - 2  # the last word before the comma
    place = entity_at.get(j)
    if place is not None and place.label in ("GPE", "LOC") and place.start >= 2 and doc[place.start - 1].lower_ in _SENT_TO:
        j = place.start - 2
    return j + 1


def org_country_after(doc: Doc, s: int, e: int, entity_at: dict[int, EntityMention]) -> str | None:
    """Country from a place the parse attaches to the organisation: "BK Asset Management in New York"."""
    if e + 1 >= len(doc) or doc[e].lower_ != "in" or not (s <= doc[e].head.i < e):
        return None
    ent = entity_at.get(e + 1)
    if ent is None or ent.start != e + 1 or ent.label != "GPE":
        return None
    if ent.qualifier and ent.country:  # "in Chatham, New Jersey": the state says which Chatham (not Kent's)
        return ent.country
    place = gazetteer().lookup(ent.text)
    return place.country if place is not None else None


def coordinated_modifier(doc: Doc, k: int) -> bool:
    """Rule coordinated_modifier: words inside the noun phrase before a name that the tagger does
    not call nouns, read through like any modifier: the "and" of two common words ("Brazilian oil
    and gas start-up OGX SA", "Argentina-based oil and gas group Pan American Energy"; never an
    "and" between names: in "Germany's Siemens and Alstom" Alstom is no German firm) and a piece
    of a hyphenated word ("start-up", tagged a verb and a particle)."""
    if k == 0 or k + 1 >= len(doc):
        return False
    if doc[k].lower_ == "and":
        return all(doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower for i in (k - 1, k + 1))
    glued_after = doc[k + 1].text == "-" and not doc[k].whitespace_ and not doc[k + 1].whitespace_
    glued_before = doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and k > 1 and not doc[k - 2].whitespace_
    # "Italian-speaking Ticino" names a language, not Italy ("policy-setting" reads on)
    language = doc[k].tag_ == "VBG" and glued_before and gazetteer().is_demonym(doc[k - 2].text)
    return doc[k].is_lower and not language and (glued_after or glued_before)


def owned_phrase(doc: Doc, end: int, bodies: frozenset[str]) -> bool:
    """Rule owned_phrase: an international body (``bodies``, normalised) owns the body's noun
    phrase, or the phrase it is coordinated with ("The ECB's six-member Executive Board and
    larger Governing Council"): the dateline says nothing of its country. A national owner
    ("the Fed's policy-setting Federal Open Market Committee") leaves the dateline its say."""
    head = doc[end - 1]
    if head.dep_ == "conj":
        head = head.head
    return any(c.dep_ == "poss" and normalize_name(doc[c.left_edge.i : c.i + 1].text.removeprefix("The ").removeprefix("the ")) in bodies for c in head.children)


_TIME_LABELS = frozenset({"DATE", "TIME"})


def owned_mention(doc: Doc, start: int, end: int, bodies: frozenset[str]) -> bool:
    """Whether a possessive ("The country's National Assembly", "its board") or an international
    body (:func:`owned_phrase`) owns the mention: then the dateline is no guide to its country.
    Rule dated_possessive: a day's or a time's possessive owns nothing ("Monday's State Council
    meeting" in a LISBON story is Portugal's council)."""
    if start > 0 and doc[start - 1].tag_ in ("POS", "PRP$"):
        dated = doc[start - 1].tag_ == "POS" and start > 1 and doc[start - 2].ent_type_ in _TIME_LABELS
        if not dated:
            return True
    return owned_phrase(doc, end, bodies)


def untagged_mentions(ctx: DocContext, names: Iterable[str], key_of: Callable[[str], str], mentions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rule untagged_mention: token spans where one of ``names`` (cut to its clustering key's
    words by ``key_of``: "UGS Corp." is written "UGS") stands again, in the same case, outside
    every entity and every known mention; a capitalised word right before or after makes it
    part of another name ("UGS Holdings"), so it is left out."""
    doc = ctx.doc
    taken = {i for s, e in mentions for i in range(s, e)}
    out = []
    text = ctx.text or doc.text
    for form in {tuple(n.split()[: len(key_of(n).split())]) for n in names if key_of(n)}:
        if not _searchable(form) or text.count(form[0]) <= sum(form[0] in ctx.span_text(s, e) for s, e in mentions):
            continue  # the word is written nowhere but in the known mentions: no token scan
        for i in _tokens_starting(ctx, text, form[0]):
            if i not in taken and _free_occurrence(doc, i, form):
                out.append((i, i + len(form)))
    return sorted(out)


def _tokens_starting(ctx: DocContext, text: str, word: str) -> Iterator[int]:
    """Tokens whose text begins where ``word`` is written in the story (a string search, then the
    token starts: no Token made, no scan of every token)."""
    starts = ctx.arrays.starts
    pos = text.find(word)
    while pos >= 0:
        i = bisect_left(starts, pos)
        if i < len(starts) and starts[i] == pos:
            yield i
        pos = text.find(word, pos + 1)


def _searchable(form: tuple[str, ...]) -> bool:
    """A capitalised form of three letters or more, and not one English word ("News" of "News
    Corp" is any news: "Britain's News of the World")."""
    if not form or not form[0][:1].isupper() or len("".join(form)) < 3:
        return False
    return len(form) > 1 or form[0].lower() not in english_words()


def _free_occurrence(doc: Doc, i: int, form: tuple[str, ...]) -> bool:
    """Whether ``form`` is written at token ``i`` with no entity on it and no name around it."""
    n = len(form)
    if i + n > len(doc) or tuple(t.text for t in doc[i : i + n]) != form or any(t.ent_type_ for t in doc[i : i + n]):
        return False
    return not (_capitalised(doc, i - 1) or _capitalised(doc, i + n) or _of_name(doc, i + n))


def _of_name(doc: Doc, k: int) -> bool:
    """"News of the World", "Bank of X": an "of" and a capitalised word carry the name on."""
    return k + 1 < len(doc) and doc[k].lower_ == "of" and (doc[k + 1].is_title or doc[k + 1].lower_ == "the")


def _capitalised(doc: Doc, k: int) -> bool:
    return 0 <= k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN" and not doc[k].is_sent_start


def office_in_title(title: str | None, org_country: dict[str, str | None]) -> str | None:
    """The country of a story organisation the title names ("Commerce Ministry spokesman Yao
    Jian" beside the Commerce Ministry of a Beijing story), when the title names exactly one."""
    if not title or " " not in title:
        return None
    words = f" {normalize_name(title)} "
    found = {iso for key, iso in org_country.items() if iso and " " in key and f" {key} " in words}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _exchange_countries() -> dict[str, str]:
    return load_json("gazetteer/exchange_countries.json")["exchanges"]


def exchange_country(ticker: str | None) -> str | None:
    """Country of the exchange of a Reuters instrument code: "BAX.N" -> USA, "ROG.VX" -> CHE;
    none for exchanges that list many foreign issuers ("0005.HK")."""
    if not ticker or "." not in ticker:
        return None
    return _exchange_countries().get(ticker.rsplit(".", 1)[1])


def bracketed_place(doc: Doc, end: int, place_country: Callable[[str], str | None]) -> str | None:
    """Rule bracketed_place: the country ``place_country`` gives the words between brackets
    right after a mention ("Google Information Technology (China) Co"); a stock code there
    ("( SIEGn.DE )") is no place."""
    if end + 2 >= len(doc) or doc[end].text != "(":
        return None
    close = next((k for k in range(end + 2, min(end + 5, len(doc))) if doc[k].text == ")"), None)
    return place_country(doc[end + 1 : close].text) if close is not None else None
