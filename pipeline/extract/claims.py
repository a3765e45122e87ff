"""Claims: attributed statements, one row each: who says what, with which cue, how sure.

How it works (lexicons: ``models/lexicons/cues.json``, ``hedges.json``):

* Quotations come from the quotation marks (:mod:`.quotes`): paired per
  paragraph, an unclosed one running to its paragraph's end, stray marks
  ignored.
* Cues are verbs of saying, reporting and showing found by lemma ("said",
  "told Reuters", "argue", "shows", "called on", "described ... as") outside
  quotations, plus prepositional cues ("according to X"). Each cue's lexicon
  frame says where its content is: the complement clause ("said (that) ..."),
  an infinitive ("pledged to ..."), object and infinitive ("called on states to
  ..."), a prepositional object ("called for ..."), or object and "as"
  ("described the service as ..."). Without a complement the content is what
  stands before the reporting clause ("..., experts say"; "\\"...,\\" said X")
  or after a colon ("X said: ...").
* The source is the cue's subject as parsed, or, where the parse lost it,
  the noun phrase right before the cue behind an appositive ("..., Daniel
  Weiss, of the Center for American Progress, said"). It is cut at its first
  comma, so the appositive stays out ("Leonid Petrov").
* A content that is one quotation is ``direct`` (the quoted words); one that
  holds a quotation among other words is ``mixed``; otherwise ``indirect``. A
  quotation standing alone right after a claim (quoted or paraphrased)
  continues that speaker's turn: its own claim with the same source, ``cue``
  null when it opens a new paragraph. A quotation with no cue is no claim (scare quotes,
  titles, nicknames).
* The source is resolved by :mod:`.speakers`: names to actors, "he"/"she" to
  the nearest person in subject position, "the man" to the man introduced
  before, "it" to an organisation; its kind (person, organization, document,
  anonymous) comes from the actor or the head noun.
* Without a verb: a paragraph opening with a speaker label ("PENCE: ..." for
  a person the story names, "Poll: ..."), and a quotation signed with a dash
  ('"..." ― Carla Sanchez'); the cue is the colon or the dash.
* The hedge is the first hedge word or modal inside the content ("could",
  "unlikely", "expected to"), modals only as modal verbs ("May" the month is
  none) and not in comparisons ("than expected").
* An all-caps subheading glued to the next sentence by copy that lost its
  paragraph breaks ("FALSE IPO DATA One of the ...") is cut from contents and
  sources; a guessed source (not the parsed subject) must look like one: a
  name, a personal pronoun, or a person, organisation or document noun.

Nested claims whose source is the enclosing claim's own speaker ("X said he
believes ...") are part of the enclosing claim and not repeated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER
from spacy.lang.en import English
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..resources import load_json
from .actors import ActorIndex
from .context import TIME_ENTITIES, DocContext, in_sorted, lexicon_ids
from .quotes import Quote, find_quotes
from .speakers import Speakers

_BOUNDARY = frozenset({",", ";", ":", "—", "–", "--", "-"})
_DASHES = frozenset({"-", "--", "—", "–"})
_DANGLING_CONJUNCTION = re.compile(r"[\s,;—–-]+(?:and|or|but)$")  # a content never ends on one
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
_TRIM = " \t\n,;:—–-"
_WORD = re.compile(r"\w+")
_INNER_SENTENCE_END = re.compile(r"\w[.!?][\"”’']*\s+[\"“‘']?[A-Z]")  # a quotation of more than one sentence
_SENTENCE_FINAL = frozenset({".", "!", "?"})  # a full stop of its own: "Mr." and "U.S." keep theirs
_ABBREVIATIONS = frozenset(k for k in English.Defaults.tokenizer_exceptions if k.endswith("."))  # "Mr.", "Corp.", "Sept."
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")  # "U.S.", "a.m."
_NP_STOP = frozenset({",", "(", ")", "—", "–", "--", ";", ":", '"', "“", "”"})
_CLAUSE_DEPS = frozenset({"ccomp"})
_CLAUSAL_OBJECTS = frozenset({"ccomp", "xcomp", "dobj", "conj", "advcl", "parataxis"})  # what a cue says or does, not when or where
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_DESCRIPTION_DEPS = frozenset({"appos", "relcl", "acl", "prep", "amod", "npadvmod", "nummod"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # labels of a name, even one the tagger took for another word
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "relcl", "acl", "prep", "pobj", "advmod"})  # "aside from saying"


# --- lexicons ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CueLexicon:
    frames: dict[str, frozenset[str]]  # "say" / "call on" -> frames
    restricted: frozenset[str]  # cues that report only with a source-like subject
    prepositions: tuple[tuple[str, ...], ...]
    not_sources: frozenset[str]
    document: frozenset[str]
    organization: frozenset[str]
    person: frozenset[str]
    pronoun_kind: dict[str, str]
    pronoun_gender: dict[str, str]  # "she" -> female
    gendered: dict[str, str]  # "Mrs.", "spokeswoman", "daughter" -> female
    first_name_gender: dict[str, str]  # "ivanka" -> female
    portions: frozenset[str]  # "percent", "majority": a share of a group, a source when the group is
    group_pronouns: frozenset[str]  # "those": people when a modifier follows ("those close to him")
    withholding: frozenset[str]  # "would not elaborate": the source keeps something back (the reporter's words)
    not_subjects: frozenset[str]
    relative: frozenset[str]
    indefinite: frozenset[str]
    linkers: frozenset[str]  # first words of "such as", "including": a name follows
    hedge_modals: frozenset[str]
    outcome_modals: frozenset[str]  # "should": a hedge only with an outcome verb
    outcome_verbs: frozenset[str]
    hedge_not_after: frozenset[str]
    not_followed_by: dict[str, frozenset[str]]
    refusals: frozenset[str]  # "declined to say": no statement
    prospects: frozenset[str]  # "is expected to report": a statement still to come
    quote_only: frozenset[str]  # "asked", "chanted": the speaker's quoted words only, never a clause
    subordinators: frozenset[str]  # "when", "before": an adverbial clause is never the content
    connectives: dict[str, tuple[tuple[str, ...], ...]]  # first word -> "but", "in addition": the reporter's link, longest first
    aside_conjunctions: frozenset[str]  # "said X, although Y": the concession is the reporter's
    aside_participles: frozenset[str]  # "said X, contradicting Y" (besides the cue verbs themselves)
    reason_prepositions: frozenset[str]  # "accused X of ...", "blamed X on ...": the charge
    hedge_phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    hedging_cues: frozenset[str]  # "expect": the cue is the hedge
    nouns: frozenset[str]  # "claim", "report": nouns whose that-clause is attributed to their possessor
    lemma_ids: np.ndarray  # hashes of cue lemmas, for the candidate scan
    noun_ids: np.ndarray  # hashes of the cue nouns
    preposition_ids: np.ndarray  # hashes of the first words of prepositional cues
    hedge_first_ids: np.ndarray  # hashes of the words a hedge can begin with


def _by_first_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lower-case phrases as word tuples keyed by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(p.lower().split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    cues = load_json("lexicons/cues.json")
    hedges = load_json("lexicons/hedges.json")
    frames: dict[str, set[str]] = {}
    for frame, keys in cues["frames"].items():
        for key in keys:
            frames.setdefault(key.lower(), set()).add(frame)
    lemmas = {k.split()[0] for k in frames}
    nouns = cues["source_nouns"]
    pronoun_kind = {p: kind for kind, words in cues["pronouns"].items() for p in words}
    preps = tuple(tuple(p.lower().split()) for p in cues["prepositions"])
    modals = frozenset(w.lower() for w in hedges["modals"])
    hedge_phrases = _by_first_word(hedges["phrases"])
    return CueLexicon(
        frames={k: frozenset(v) for k, v in frames.items()},
        restricted=frozenset(cues["source_subject_verbs"]),
        prepositions=preps,
        not_sources=frozenset(cues["not_sources"]),
        document=frozenset(nouns["document"]),
        organization=frozenset(nouns["organization"]),
        person=frozenset(nouns["person"]),
        pronoun_kind=pronoun_kind,
        pronoun_gender={w: g for g, words in cues["gender"]["pronouns"].items() for w in words},
        gendered={w: g for g, words in cues["gender"]["words"].items() for w in words},
        first_name_gender={w: g for g, words in cues["gender"]["first_names"].items() for w in words},
        portions=frozenset(cues["portion_nouns"]),
        group_pronouns=frozenset(cues["group_pronouns"]),
        withholding=frozenset(cues["withholding"]),
        not_subjects=frozenset(cues["not_subjects"]),
        relative=frozenset(cues["relative_pronouns"]),
        indefinite=frozenset(cues["indefinite_determiners"]),
        linkers=frozenset(w.split()[0] for w in cues["name_linkers"]),
        hedge_modals=modals,
        outcome_modals=frozenset(hedges["outcome_modals"]),
        outcome_verbs=frozenset(hedges["outcome_verbs"]),
        hedge_not_after=frozenset(hedges["not_after"]),
        not_followed_by={k: frozenset(v) for k, v in cues["not_followed_by"].items()},
        refusals=frozenset(cues["refusals"]),
        prospects=frozenset(cues["prospects"]),
        quote_only=frozenset(cues["quote_only_cues"]),
        subordinators=frozenset(cues["subordinators"]),
        connectives=_by_first_word(cues["connectives"]),
        aside_conjunctions=frozenset(cues["asides"]["conjunctions"]),
        aside_participles=frozenset(cues["asides"]["participles"]),
        reason_prepositions=frozenset(cues["reason_prepositions"]),
        hedge_phrases=hedge_phrases,
        hedging_cues=frozenset(hedges["cues"]),
        nouns=frozenset(cues["nouns"]),
        lemma_ids=np.sort(np.fromiter((hash_string(w) for w in lemmas), dtype=np.uint64)),
        noun_ids=np.sort(np.fromiter((hash_string(w) for w in cues["nouns"]), dtype=np.uint64)),
        preposition_ids=np.sort(np.fromiter((hash_string(p[0]) for p in preps), dtype=np.uint64)),
        hedge_first_ids=lexicon_ids(modals | hedge_phrases.keys()),
    )


# --- drafts -----------------------------------------------------------------------------


@dataclass
class Draft:
    """A claim before its source is resolved: token spans for source and cue, char span for content."""

    start: int  # content chars [start, end)
    end: int
    kind: str  # direct, indirect, mixed
    cue: str | None
    cue_i: int  # cue token (-1 for a continuation)
    source: tuple[int, int] | None  # source tokens [s, e)
    head: int | None  # the source's head token
    reach: int  # char offset where the reporting sentence ends (continuations start after it)
    parent: "Draft | None" = None  # the claim a continuation continues
    resolved: dict = field(default_factory=dict)
    # Chars inside [start, end) that are not the content: the reporting clause that interrupts an
    # indirect statement ("The plan, he said, will cost ...").
    gap: tuple[int, int] | None = None

    def spans(self) -> list[tuple[int, int]]:
        """The content's char spans: one, or two around the reporting clause that interrupts it."""
        if self.gap is None:
            return [(self.start, self.end)]
        return [(self.start, self.gap[0]), (self.gap[1], self.end)]


class _Doc:
    """What the claim finder asks about a parsed story, computed once."""

    def __init__(self, ctx: DocContext, actors: ActorIndex) -> None:
        self.ctx = ctx
        self.actors = actors
        self.doc: Doc = ctx.doc
        self.text: str = ctx.text or ctx.doc.text
        self.quotes: list[Quote] = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        arr = self.doc.to_array([IDX, LEMMA, LOWER]) if len(self.doc) else np.zeros((0, 3), dtype=np.uint64)
        self.idx = arr[:, 0].astype(np.int64)
        self.lemmas = arr[:, 1]
        self.lowers = arr[:, 2]
        self.quote_of = self._quote_of_tokens()

    def _quote_of_tokens(self) -> np.ndarray:
        """For each token, the index of the quotation its first character lies inside, or -1."""
        n = len(self.idx)
        out = np.full(n, -1, dtype=np.int64)
        if not self.quotes or not n:
            return out
        starts = np.array([q.inner_start for q in self.quotes], dtype=np.int64)
        ends = np.array([q.inner_end for q in self.quotes], dtype=np.int64)
        k = np.searchsorted(starts, self.idx, side="right") - 1
        ok = (k >= 0) & (self.idx < ends[np.maximum(k, 0)])
        out[ok] = k[ok]
        return out

    def in_quote(self, i: int) -> bool:
        return bool(self.quote_of[i] >= 0)

    def quote_at(self, char: int) -> Quote | None:
        """The quotation whose marks enclose ``char`` (marks included)."""
        k = bisect_right(self.quote_starts, char) - 1
        return self.quotes[k] if k >= 0 and char < self.quotes[k].end else None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes if q.start < end and q.end > start]

    def person_named(self, word: str) -> bool:
        """Whether a person the story names has this name or surname, in any case ("PENCE")."""
        w = word.lower()
        return any(
            a.kind == "person" and (w == a.name.lower().split()[-1] or w in (x.lower() for x in a.aliases))
            for a in self.actors.actors
        )

    def char_end(self, i: int) -> int:
        tok = self.doc[i]
        return tok.idx + len(tok.text)


# --- the extractor --------------------------------------------------------------------


def extract_claims(ctx: DocContext, actors: ActorIndex) -> list[dict]:
    """Claim rows (clean-text offsets), in order of their content."""
    lex = cue_lexicon()
    d = _Doc(ctx, actors)
    if not len(d.doc):
        return []
    drafts: list[Draft] = []
    for i in np.flatnonzero(in_sorted(d.lemmas, lex.lemma_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i):
            drafts.extend(_verb_claims(d, d.doc[i], lex))
    for i in np.flatnonzero(in_sorted(d.lemmas, lex.noun_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i) and d.doc[i].pos_ == "NOUN":
            draft = _noun_claim(d, d.doc[i], lex)
            if draft is not None:
                drafts.append(draft)
    for i in np.flatnonzero(in_sorted(d.lowers, lex.preposition_ids)).tolist():
        if ctx.is_prose(i) and not d.in_quote(i):
            draft = _preposition_claim(d, i, lex)
            if draft is not None:
                drafts.append(draft)
    drafts.extend(_label_claims(d, lex))
    drafts = _dedupe(drafts)
    drafts.extend(_continuations(d, drafts))
    drafts.sort(key=lambda x: (x.start, x.end))
    speakers = Speakers(d.doc, actors, lex, d.in_quote, ctx.sentence)
    speakers.resolve(drafts)
    drafts = _drop_nested_own_words(d, drafts, lex)
    ids = {id(draft): f"C{n}" for n, draft in enumerate(drafts, start=1)}
    turns = _turns(drafts)
    return [_row(d, ids[id(draft)], ids.get(id(turns.get(id(draft)))), draft, lex) for draft in drafts]


def _turns(drafts: list[Draft]) -> dict[int, Draft]:
    """For each quotation that belongs to another claim's turn, that claim (keyed by ``id(draft)``):
    a continuation's parent, or the first part of a quotation its attribution interrupts
    ('"A," he said, "B."': both parts are reported by one cue)."""
    turns: dict[int, Draft] = {}
    first_by_cue: dict[int, Draft] = {}
    for x in drafts:  # in order of content
        if x.parent is not None:
            turns[id(x)] = x.parent
        elif x.cue_i >= 0 and x.kind in ("direct", "mixed"):
            first = first_by_cue.setdefault(x.cue_i, x)
            if first is not x and x.kind == "direct":
                turns[id(x)] = first
    return turns


def _row(d: _Doc, claim_id: str, turn_claim_id: str | None, draft: Draft, lex: CueLexicon) -> dict:
    r = draft.resolved
    own = draft.parent or draft
    src = own.source or (0, 0)
    cue = _cue_span(d, own)
    spans = draft.spans()
    described = _source_description(d, own) if own.source else None
    source_end = d.char_end(src[1] - 1) if own.source else None
    return {
        "claim_id": claim_id,
        "source": r.get("source"),
        "source_actor_id": r.get("actor_id"),
        "source_actor_ids": list(r.get("actor_ids", ())),
        "source_kind": r.get("kind"),
        "cue": draft.cue,
        "kind": draft.kind,
        "content": " ".join(d.text[a:b].strip() for a, b in spans),
        "addressee": _addressee(d, draft, lex),
        "source_description": d.text[described[0] : described[1]] if described else None,
        "hedge": _hedge(d, draft.start, draft.end, lex) or _hedging_cue(d, draft, lex),
        "sentence": d.ctx.sentence(_token_at(d, draft.start)),
        "start": draft.start,
        "end": draft.end,
        "turn_claim_id": turn_claim_id,
        # Where the words naming the source and the cue are (clean-text chars; not table columns:
        # the PolNeAR bench scores them). A continuation points at its first claim's.
        "source_start": d.doc[src[0]].idx if own.source else None,
        "source_end": source_end,
        "source_phrase_end": described[1] if described else source_end,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        **dict(zip(("cue_phrase_start", "cue_phrase_end"), _cue_phrase(d, own) or (None, None))),
        "content_spans": spans,
    }


def _source_description(d: _Doc, draft: Draft) -> tuple[int, int] | None:
    """Chars of the words right after the source's name that describe it: a party label in
    brackets ("Sen. Lindsey Graham (R-S.C.)") and appositives ("Kenneth Baer, a former Obama
    administration official who runs Crosscut"), never reaching the cue."""
    doc = d.doc
    s, e = draft.source  # type: ignore[misc]
    head = doc[draft.head] if draft.head is not None else doc[e - 1]
    limit = draft.cue_i if draft.cue_i >= e else doc[e - 1].sent.end
    content = _token_at(d, draft.start)
    if content >= e:
        limit = min(limit, content)  # "According to ... Rush Limbaugh, the move reeks of ...": not into what is said
    end = e
    if end < limit and doc[end].text == "(":
        close = next((k for k in range(end + 1, min(limit, end + 12)) if doc[k].text == ")"), None)
        if close is not None:
            end = close + 1
    for c in head.rights:
        # "Kenneth Baer, a former ... official", "Luis Rubio, who heads the Center ...", "Johnnie
        # Wilson, of Springfield, Va.,", "Donna Rawlings, 59,": set off by a comma before the cue
        if c.dep_ in _DESCRIPTION_DEPS and c.i >= end and c.right_edge.i < limit and doc[c.left_edge.i - 1].text in (",", ")"):
            end = c.right_edge.i + 1
    if head.dep_ == "nsubj":  # the description the parser made a second subject of the cue
        second = next((c for c in head.head.children if c.dep_ == "nsubj" and c.i > head.i and _appositive_pair(doc, head, c)), None)
        if second is not None and second.right_edge.i < limit:
            end = max(end, second.right_edge.i + 1)
    while end > e and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    if end == e or d.in_quote(end - 1):
        return None
    first = e + 1 if doc[e].text == "," else e
    return doc[first].idx, d.char_end(end - 1)


def _addressee(d: _Doc, draft: Draft, lex: CueLexicon) -> str | None:
    """Who the claim is made to, when the cue names them ("told Reuters", "urged Congress to act",
    "called on states to ...")."""
    if draft.cue_i < 0:
        return None
    tok = d.doc[draft.cue_i]
    key, particle = _phrasal_key(tok, lex)
    if "object_infinitive" not in lex.frames.get(key, ()):
        return None
    obj = _addressee_token(tok, particle)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
        # "told Welt am Sonntag": a name the parser broke into an object and a verb
        after = d.doc[tok.i + 1] if tok.i + 1 < len(d.doc) else None
        if after is None or after.ent_iob_ != "B" or after.ent_type_ not in _NAME_ENTITIES:
            return None
        name = next(e for e in d.doc.ents if e.start == after.i)
        return name.text
    return d.text[obj.left_edge.idx : d.char_end(obj.right_edge.i)]


def _cue_span(d: _Doc, draft: Draft) -> tuple[int, int] | None:
    if draft.cue_i < 0 or not draft.cue:
        return None
    start = d.doc[draft.cue_i].idx
    return start, start + len(draft.cue)


def _cue_phrase(d: _Doc, draft: Draft) -> tuple[int, int] | None:
    """Chars of the cue with its verb group, as PolNeAR marks cues: the auxiliaries, negation and
    adverbs right before it ("has also said", "is calling") and a date right after it ("said Friday")."""
    cue = _cue_span(d, draft)
    if cue is None:
        return None
    doc = d.doc
    tok = doc[draft.cue_i]
    first = tok.i
    while first > 0 and doc[first - 1].head.i == tok.i and doc[first - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        first -= 1
    last = _token_at(d, cue[1] - 1)
    nxt = last + 1
    if nxt < len(doc) and doc[nxt].head.i == tok.i and doc[nxt].dep_ == "npadvmod" and doc[nxt].ent_type_ in TIME_ENTITIES:
        last = doc[nxt].right_edge.i
    return doc[first].idx, max(cue[1], d.char_end(last))


def _token_at(d: _Doc, char: int) -> int:
    return max(int(np.searchsorted(d.idx, char, side="right")) - 1, 0)


# --- verbs of saying ---------------------------------------------------------------------


def _phrasal_key(tok: Token, lex: CueLexicon) -> tuple[str, Token | None]:
    """The cue's lexicon key: "call on" when a particle or preposition that makes a phrasal cue follows."""
    for child in tok.rights:
        if child.dep_ in ("prt", "prep") and child.i <= tok.i + 2:
            key = f"{tok.lemma_.lower()} {child.lower_}"
            if key in lex.frames:
                return key, child
        break
    return tok.lemma_.lower(), None


def _verb_claims(d: _Doc, tok: Token, lex: CueLexicon) -> list[Draft]:
    if tok.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in tok.children):
        return []
    if tok.dep_ == "compound" and tok.i == tok.sent.start and tok.tag_ == "VBD" and tok.is_title:
        return _inverted_claim(d, tok, lex)  # 'Said Ellis: "..."'
    if tok.is_title and tok.i > tok.sent.start and tok.nbor(-1).is_title:
        return []  # a heading in title case glued to its paragraph ("The Gap Goes On: It was ...")
    if any(c.dep_ == "neg" and not d.in_quote(c.i) for c in tok.children) or tok.dep_ in ("amod", "compound", "nmod"):
        return []  # "did not say", "the said company"; not the quoted '"Probably not," she said'
    auxes = [c for c in tok.children if c.dep_ == "aux"]
    if any(c.tag_ == "MD" for c in auxes) and any(c.lemma_ == "have" for c in auxes):
        return []  # "So too, Stein could have added, are ...": what someone might have said, not what they did
    if tok.head.lower_ == "without" and tok.dep_ == "pcomp":
        return []  # "It goes without saying that ...", "left without commenting": nothing said
    key, particle = _phrasal_key(tok, lex)
    frames = lex.frames.get(key)
    if not frames:
        return []
    if "quoted_as" in frames:
        return _quoted_as(d, tok, lex)
    as_mark = next((c for c in tok.lefts if c.dep_ == "mark" and c.lower_ == "as"), None)
    if "as_clause" in frames and (as_mark is None or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.rights)):
        return []  # "put" reports only in "..., as X put it"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.refusals:
        return []  # "declined to say how ...", "refused to comment"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.prospects and tok.head.tag_ not in ("VB", "VBP", "VBZ", "VBD", "VBG"):
        return []  # "is expected to report", "is due to report": a saying to come (not "expects to say")
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children):
        # "Asked whether ..., he said": the question is put to the speaker, who answers after;
        # "the official charged with negotiating", "the plan announced on Tuesday": a participle of a noun
        return []
    if _expectation(tok, lex) and (
        tok.dep_ == "acl" or any(t.lower_ in lex.hedge_not_after for t in tok.doc[max(tok.sent.start, tok.i - 3) : tok.i])
    ):
        # "the number of people expecting rates to rise": who they are, not what they say; "longer
        # than investors expect if ...", "as analysts expected": a comparison
        return []
    if tok.head.lower_ == "as" and "quoted_as" in lex.frames.get(tok.head.head.lemma_.lower(), ()):
        return []  # the "saying" of "quoted ... as saying": the quoting verb reports it
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in lex.not_followed_by.get(tok.lemma_.lower(), ()):
        return []  # "added to gains", "showed up"
    source = _source_of(d, tok, lex)
    if source is None:
        return []
    s, e, head = source
    if not _source_ok(d.doc[head], key, lex):
        return []
    cue_text = tok.text + (" " + particle.text if particle is not None else "")
    sent = tok.sent
    reach = d.char_end(sent.end - 1)
    rc_start = min(s, tok.i)
    while rc_start > 0 and d.doc[rc_start - 1].head.i == tok.i and (d.doc[rc_start - 1].dep_ in ("aux", "advmod") or d.doc[rc_start - 1] == as_mark):
        rc_start -= 1  # "Enbridge had said", "also said", "..., as the minister said"
    quote_only = key in lex.quote_only
    block = _block_quotation(d, tok, max(e, tok.i + 1)) if frames & {"clause", "colon"} and not quote_only else None
    right = block or _right_content(d, tok, frames - {"clause"} if quote_only else frames, particle, lex)
    framed = right  # "asked Congress to act": a quote-only cue keeps what its other frames give
    if right is None and "clause" in frames:
        right = _after_colon_or_quote(d, tok, max(e, tok.i + 1))
    elif right is None and "colon" in frames:
        right = _after_colon_or_quote(d, tok, max(e, tok.i + 1), colon_only=True)  # "Limbaugh continued:"
    # Content before the reporting clause only when the clause is one: source and cue side by side.
    inserted = (
        _reporting_clause(d, s, e, head, tok)
        and not _reports_its_object(d, tok, frames)
        # "continue" reports after its colon, or the quotation just before it ('"...," she continued')
        and ("colon" not in frames or (rc_start > 0 and d.doc[rc_start - 1].text in _QUOTE_MARKS))
        # "X agreed to be acquired ..., a source said": a cue with its own infinitive stands in no one's words
        and not any(c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX") for c in tok.children)
    )
    left = _left_content(d, rc_start, sent) if inserted else None
    if left is not None and _qualifies_the_saying(d, left, tok, lex):
        left = None  # "But when Congress cut funding ..., Mexico said enough": the when-clause is the reporter's
    inner = _under_another_cue(d, left, tok, lex) if left is not None else None
    if inner is not None and not _reports_another_source(d, left, inner, tok, d.doc[head], max(e, tok.i + 1), lex):
        # "Republicans said the timing was not intentional; they only learned ...": theirs, not "they"'s
        left = None
    if left is not None and _repeats_its_report(d, left, tok, d.doc[head], lex):
        left = None  # "The Journal said ..., the Journal reported": the first reporting clause has it
    as_gap = None
    if right is None and left is None and as_mark is not None and frames & {"clause", "as_clause"}:
        # "As the minister said, prices will rise": the sentence after the reporting clause;
        # "After that, as Lewis put it, the decision will be up to Mozilo": the sentence around it
        mid = _after_reporting_clause(d, tok, max(e, tok.i + 1), sent, lex)
        if mid is not None:
            begin = _clause_start(d, as_mark.i, sent.start)
            if begin < as_mark.idx and d.text[begin : as_mark.idx].strip(" ,"):
                right, as_gap = (begin, d.char_end(sent.end - 1)), (as_mark.idx, d.doc[mid].idx)
            else:
                right = (d.doc[mid].idx, d.char_end(sent.end - 1))
    if right is None and left is None and "clause" in frames:
        right = _surface_clause(d, tok, sent)
    phrase_only = False
    if right is None and left is None and "clause" in frames and inserted:
        # "The latest test, North Korea said, was its biggest yet": a phrase before the reporting
        # clause, the sentence's verb after it (never the phrase alone).
        left = _left_content(d, rc_start, sent, phrase_ok=True)
        phrase_only = left is not None
    out: list[Draft] = []

    def add(span: tuple[int, int] | None, gap: tuple[int, int] | None = None) -> None:
        if span is None:
            return
        draft = _make(d, span[0], span[1], cue_text, tok.i, (s, e), head, reach, gap)
        if draft is not None:
            out.append(draft)

    if right is not None:
        left_draft = None
        q = d.quote_at(left[1] - 1) if left is not None else None
        # '"A," he said, adding B': the quotation ends with a comma; after '"A." X said B' it is someone else's.
        if q is not None and not d.text[q.end : left[1]].strip(" ,") and "," in d.text[q.inner_end - 1 : left[1] + 1]:
            left_draft = _make(d, left[0], left[1], cue_text, tok.i, (s, e), head, reach)
        if left_draft is not None and left_draft.kind == "direct":
            out.append(left_draft)  # '"A," he said, "B."' and '"A," he said, adding that B'
        add(right, as_gap)
    elif left is not None and frames & {"clause", "colon", "as_clause"}:
        mid = _after_reporting_clause(d, tok, max(e, tok.i + 1), sent, lex)
        if mid is not None:
            q = d.quote_at(d.doc[mid].idx)
            left_draft = _make(d, left[0], left[1], cue_text, tok.i, (s, e), head, reach)
            if q is not None and left_draft is not None and left_draft.kind == "direct":
                out.append(left_draft)  # '"A," X said, "B."': two quoted parts, one turn
                add((q.start, q.end))
            else:
                # "The plan, he said, will cost ...": one statement around the reporting clause
                add((left[0], d.char_end(sent.end - 1)), (left[1], d.doc[mid].idx))
        elif not phrase_only:
            add(left)
    if quote_only:
        out = [x for x in out if x.kind == "direct" or (framed is not None and (x.start, x.end) == framed)]
    return out


def _inverted_claim(d: _Doc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """'Said Ellis: "I don't get the sense ..."': a sentence opened by the cue, the name after it,
    then a colon or comma and the words said (the parser makes the cue part of the name)."""
    if "clause" not in lex.frames.get(tok.lemma_.lower(), ()) or tok.head.pos_ != "PROPN":
        return []
    span = _np_span(d, tok.head)
    if span is None:
        return []
    s, e, head = span
    s = max(s, tok.i + 1)
    content = _after_colon_or_quote(d, tok, e)
    if content is None:
        return []
    draft = _make(d, content[0], content[1], tok.text, tok.i, (s, e), head, d.char_end(tok.sent.end - 1))
    return [draft] if draft is not None else []


def _noun_claim(d: _Doc, tok: Token, lex: CueLexicon) -> Draft | None:
    """ "Trump's claim that there have been thousands of shootings", "a New York Times report that
    ...": a cue noun with a that-clause, attributed to the noun's possessor or its name. Without
    one ("claims that ...") the source is unknown and nothing is reported."""
    clause = next(
        (c for c in tok.rights if c.dep_ in ("acl", "relcl", "ccomp") and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)),
        None,
    )
    if clause is None or not any(k.dep_ in _SUBJECT_DEPS for k in clause.children):
        return None
    owner = next((c for c in tok.lefts if c.dep_ == "poss"), None)
    if owner is not None:
        span = _np_span(d, owner)
        if span is None:
            return None
        s, e, head = span
        while e > s and d.doc[e - 1].tag_ == "POS":
            e -= 1  # "Trump's": the name, not the possessive
    else:
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            return None
        s, e, head = names[0].left_edge.i, tok.i, names[-1].i
    if d.ctx.paragraph_of[head] != d.ctx.paragraph_of[tok.i]:
        return None
    start = next(k for k in clause.children if k.dep_ == "mark").i + 1
    chars = _span_chars(d, start, _clause_end(d, clause, lex))
    return _make(d, chars[0], chars[1], tok.text, tok.i, (s, e), head, d.char_end(tok.sent.end - 1))


def _quoted_as(d: _Doc, tok: Token, lex: CueLexicon) -> list[Draft]:
    """ "a newspaper quoted the CEO as saying", "Wagoner was quoted as saying": the one quoted is the source."""
    saying = next((g for c in tok.rights if c.lower_ == "as" for g in c.children if g.lemma_.lower() in lex.frames), None)
    quoted = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if saying is None or quoted is None or d.in_quote(quoted.i):
        return []
    span = _np_span(d, quoted)
    if span is None or not _source_like(d.doc[span[2]], lex):
        return []
    s, e, head = span
    sent = tok.sent
    cue = f"{tok.text} as {saying.text}"
    right = _right_content(d, saying, lex.frames[saying.lemma_.lower()], None, lex)
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), quoted)
    rc_start = min(subject.left_edge.i, tok.i)
    while rc_start > 0 and d.doc[rc_start - 1].head.i == tok.i and d.doc[rc_start - 1].dep_ in ("aux", "auxpass", "advmod"):
        rc_start -= 1
    span_chars = right or _after_colon_or_quote(d, saying, saying.i + 1) or _left_content(d, rc_start, sent)
    if span_chars is None:
        return []
    draft = _make(d, span_chars[0], span_chars[1], cue, tok.i, (s, e), head, d.char_end(sent.end - 1))
    return [draft] if draft is not None else []


def _source_ok(head: Token, key: str, lex: CueLexicon) -> bool:
    low = head.lower_
    if low in lex.group_pronouns and any(c.dep_ in ("amod", "prep", "relcl", "acl") for c in head.rights):
        return True  # "Those close to him say", "those familiar with the talks said": people
    if low in lex.not_subjects or head.dep_ == "expl" or head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"):
        return False
    if head.pos_ in ("ADJ", "DET") and low not in lex.person:
        return False  # "Thin and in his 30s, he ... said": a parse that took the adjective for the subject
    if key.split()[0] in lex.restricted and head.pos_ == "PRON":
        # "It shows ..." is the reporter's inference; "all agreed that ..." is people's
        return lex.pronoun_kind.get(low) in ("person", "plural") or low in lex.person
    if key.split()[0] in lex.restricted and head.pos_ != "PROPN":
        # "the move suggests ...": only documents, people and organisations show or suggest.
        lemma = head.lemma_.lower()
        if lemma in lex.portions or low in lex.portions:
            # "52 percent of registered voters agreed": the group's share speaks for the group
            group = next((g for p in head.rights if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"), None)
            return group is not None and _source_ok(group, key, lex)
        return lemma in lex.document or lemma in lex.organization or lemma in lex.person or low in lex.document
    return True


def _source_of(d: _Doc, tok: Token, lex: CueLexicon) -> tuple[int, int, int] | None:
    """(start, end, head) tokens of who says it, in the cue's paragraph."""
    for span, strict in _source_candidates(d, tok, lex):
        if span is None:
            continue
        head = d.doc[span[2]]
        # "FRANKFURT (Reuters) - Puma said": a parse reaching into the dateline is no subject.
        if d.ctx.paragraph_of[head.i] != d.ctx.paragraph_of[tok.i] or not d.ctx.is_prose(head.i):
            continue
        if strict and not _source_like(head, lex):
            continue  # a guessed subject must look like a source ("shares ... said" is a misparse)
        return span
    return None


def _source_candidates(d: _Doc, tok: Token, lex: CueLexicon) -> Iterator[tuple[tuple[int, int, int] | None, bool]]:
    """Possible sources, best first, each with whether it is a guess to be checked."""
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return  # "he was told that ...": the subject hears, it does not say
    # The subject nearest the cue: a misparse may give the verb a second one far away
    # ("These factors ... present pressures ..., he said").
    subjects = sorted((c for c in tok.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - tok.i))
    if subjects:
        child = subjects[0]
        if len(subjects) > 1 and _appositive_pair(d.doc, subjects[1], child):
            child = subjects[1]  # "Ban Ki-moon, the secretary general of the United Nations, vowed": the name
        if child.lower_ in lex.relative and tok.dep_ == "relcl":
            yield _antecedent(d, tok.head), False  # "Petrov, who said ..."
        elif not d.in_quote(child.i):
            yield _subject_span(d, child), False
    if tok.dep_ == "conj" and tok.head.dep_ in _CLAUSE_DEPS and tok.head.head.lemma_.lower() in lex.frames:
        # "Moody's said the rating was safe but added that ...": the parser hung the second cue on
        # the first one's complement; it is the first cue's subject who adds it.
        outer = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
        if outer is not None and not d.in_quote(outer.i):
            yield _subject_span(d, outer), False
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj"):
        # "Moody's cut the rating ..., with a stable outlook, blaming ...": the participle's
        # subject is the governing verb's, whatever noun stands right before it.
        yield from _inherited_source(d, tok, lex)
    yield _surface_source(d, tok), True
    yield from _inherited_source(d, tok, lex)


def _appositive_pair(doc: Doc, name: Token, description: Token) -> bool:
    """Whether a second subject is the first one's description between commas: "Name, the ...,"."""
    a, b = name.right_edge.i, description.left_edge.i
    return (
        name.pos_ == "PROPN"
        and description.pos_ == "NOUN"
        and b == a + 2
        and doc[a + 1].text == ","
        and (doc[description.right_edge.i].text == "," or doc[min(description.right_edge.i + 1, len(doc) - 1)].text == ",")
    )


def _inherited_source(d: _Doc, tok: Token, lex: CueLexicon) -> Iterator[tuple[tuple[int, int, int] | None, bool]]:
    """The governing verb's subject: "adding that ...", "but said he charged ...", "quoted as saying"."""
    node = tok
    for _ in range(5):  # "responded ... by saying", "began by saying", "refuses to discuss X, aside from saying"
        if node.dep_ not in _INHERIT_DEPS or node.head is node:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not d.in_quote(child.i):
                # The subject of a verb of saying is a source already ("the New York businessman
                # said, arguing that ..."); another verb's must look like one.
                strict = node.lemma_.lower() not in lex.frames
                if child.lower_ in lex.relative and node.dep_ == "relcl":
                    yield _antecedent(d, node.head), strict
                else:
                    yield _subject_span(d, child), strict
                return


def _source_like(head: Token, lex: CueLexicon) -> bool:
    """Whether a word can name a source: a name, a personal pronoun, a person, organisation or document noun."""
    if head.ent_type_ in TIME_ENTITIES:
        return False  # "tweets early Friday saying ...": a date says nothing
    if head.pos_ == "PROPN" or head.ent_type_ in _NAME_ENTITIES:
        return True  # a name, even one the tagger took for a common noun ("Trump")
    low = head.lower_
    if head.pos_ == "PRON":
        return lex.pronoun_kind.get(low) in ("person", "plural", "organization", "speaker")  # "I laughed and said, ..."
    lemma = head.lemma_.lower()
    return any(w in nouns for w in (low, lemma) for nouns in (lex.person, lex.organization, lex.document))


def _antecedent(d: _Doc, noun: Token) -> tuple[int, int, int] | None:
    """Who a relative clause's "who" is: the noun it hangs on, or, when that noun (or the list it
    ends) is what the subject is ("Trump ... is a serial liar, ... and birther who has pledged"),
    the subject."""
    first = noun
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first.dep_ == "attr" and first.head.lemma_ == "be":
        verb = first.head
        for node in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _subject_span(d, subject)
    return _np_span(d, noun)


def _subject_span(d: _Doc, subj: Token) -> tuple[int, int, int] | None:
    """The subject's noun phrase; a name the parser hung on its own appositive wins
    ("El-Erian, co-chief investment officer at Pimco, said" parsed with "officer" as subject)."""
    for child in subj.lefts:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and any(t.text == "," for t in d.doc[child.i : subj.i]):
            return _np_span(d, child)
    if subj.pos_ == "NOUN" and not _source_like(subj, cue_lexicon()):
        # "With 50 days until the election, Minyon Moore, a senior adviser ..., called": the parser
        # took the introductory phrase's noun for the subject and the name for its appositive.
        for child in subj.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and d.doc[child.left_edge.i - 1].text == ",":
                return _np_span(d, child)
    span = _np_span(d, subj)
    if span is not None and not d.ctx.is_prose(subj.i):
        # "Merrill Lynch & Co Inc MER.N said": the parser made the ticker the head; the name before it is
        named = [k for k in range(span[0], subj.i) if d.ctx.is_prose(k) and not d.doc[k].is_punct]
        if named:
            return span[0], named[-1] + 1, named[-1]
    return span


def _surface_source(d: _Doc, tok: Token) -> tuple[int, int, int] | None:
    """The noun phrase right before a cue the parser gave no subject, behind an appositive if needed."""
    doc = d.doc
    sent_start = tok.sent.start
    j = tok.i - 1
    while j >= sent_start and (
        (doc[j].pos_ in ("ADV", "AUX", "PART") and doc[j].lower_ not in ("'s", "’s", "to")) or not d.ctx.is_prose(j)
    ):
        j -= 1  # "had", "also", a stock ticker "( PUMG.DE )"
    k = j
    while k >= sent_start and doc[k].ent_type_ in TIME_ENTITIES:
        k -= 1
    if sent_start <= k < j and doc[k].pos_ == "ADP":
        j = k - 1  # "Russia on Tuesday accused": the source is before the date
    if j < sent_start:
        return None
    if doc[j].text == ",":
        k = j - 1
        while k >= sent_start and doc[k].text not in (",", ";", ":") and j - k < 16:
            k -= 1
        if k < sent_start or doc[k].text != ",":
            return None
        first = doc[k + 1]
        if not (first.pos_ in ("DET", "ADP", "ADJ", "PRON") or first.is_lower or first.lower_ in ("who", "which")):
            return None  # not an appositive
        j = k - 1
        while j >= sent_start and not d.ctx.is_prose(j):
            j -= 1  # "Reader's Digest Association Inc. RDA.N, publisher of ..., said"
    if j < sent_start or doc[j].pos_ not in ("NOUN", "PROPN", "PRON") or d.in_quote(j):
        return None
    return _np_span(d, doc[j])


def _np_span(d: _Doc, head: Token) -> tuple[int, int, int] | None:
    """Tokens [start, end) of the noun phrase headed by ``head``, cut at its first comma or bracket."""
    doc = d.doc
    if head.pos_ == "PRON" and head.lower_ not in cue_lexicon().group_pronouns:  # but "those close to him"
        return head.i, head.i + 1, head.i
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        # "a report on Monday that showed ...", "Chuck Ellis on stepping out of the cockpit": not the name
        # "Russia on Tuesday accused ...": a date the parser hung on the subject is not part of it
        if (
            (child.dep_ in ("relcl", "acl") and child.tag_ != "VBN")
            or (child.dep_ == "prep" and any((t.pos_ == "VERB" and t.dep_ != "amod") or t.ent_type_ in TIME_ENTITIES for t in child.subtree))
            or (child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTITIES)  # "a letter from his doctor Friday afternoon"
        ):
            end = min(end, child.left_edge.i)
    for k in range(head.i + 1, end):
        # a word of the verb's the parser put inside the phrase ("a letter from his doctor [Friday afternoon] that")
        if doc[k].text in _NP_STOP or doc[k].is_space or not head.is_ancestor(doc[k]) or _spaced_hyphen(doc[k]):
            end = k
            break
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].text in _NP_STOP or doc[k].is_space or _spaced_hyphen(doc[k]):
            start = k + 1
            break
    # A head the parser took for the whole NP's tail may miss its compound name ("Daniel Weiss").
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == head.i:
        start -= 1
    while start < head.i and (doc[start].is_punct or not d.ctx.is_prose(start)):
        start += 1
    after = _after_heading(d, start, end)
    if after > head.i:
        # The parser took a glued heading's word for the head ("ANOTHER HEADACHE FOR ... Fox-Pitt Kelton
        # estimated"): the subject is the phrase after the heading, headed where it attaches outside.
        inner = [t for t in doc[after:end] if not (after <= t.head.i < end) or t.head.i == t.i]
        if not inner:
            return None
        head = inner[-1]
    return max(start, min(after, head.i)), end, head.i


def _spaced_hyphen(tok: Token) -> bool:
    """A hyphen with spaces around it, typed for a dash ("The drugmaker - which is banking on ...")."""
    return tok.text == "-" and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)


def _caps_word(tok: Token) -> bool:
    s = tok.text
    return len(s) >= 2 and s.upper() == s and any(c.isalpha() for c in s) and all(c.isalpha() or c in "-&'" for c in s)


def _after_heading(d: _Doc, i: int, end: int) -> int:
    """First token after an all-caps heading glued to the sentence ("FALSE IPO DATA One of ..."), else ``i``."""
    doc = d.doc
    j = i
    while j < end and _caps_word(doc[j]):
        j += 1
    if j == i or j >= end:
        return i
    nxt = doc[j]
    if not nxt.text[:1].isupper():
        return i
    if j - i >= 2 or nxt.pos_ in ("DET", "ADP", "PRON", "SCONJ", "ADV", "CCONJ"):
        return j
    return i


def _span_chars(d: _Doc, a: int, b: int) -> tuple[int, int]:
    """Char span of tokens [a, b]."""
    return d.doc[a].idx, d.char_end(b)


def _right_content(d: _Doc, tok: Token, frames: frozenset[str], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """Content chars from the cue's complement, by frame."""
    rights = [c for c in tok.rights if c.i > tok.i]
    if "clause" in frames:
        for c in rights:
            subject = next((k for k in c.children if k.dep_ in _SUBJECT_DEPS and _clause_subject(k)), None)
            if subject is None:
                continue
            if c.dep_ in _CLAUSE_DEPS and not _adverbial(c, lex):
                a = c.left_edge.i
                if a == tok.i + 1 and _dates_the_saying(d.doc[a:subject.left_edge.i], c):
                    a = subject.left_edge.i  # "said on Friday it would impose ...": when it was said
            elif _unmarked_finite_clause(c):
                # "Trump said after the convention he would not accept ...": the parser made the
                # complement adverbial for the phrase before it; the phrase dates the saying
                a = subject.left_edge.i
            else:
                continue
            if a < tok.i:
                a = tok.i + 1
                while a <= c.i and d.doc[a].dep_ in ("dobj", "dative", "prep", "pobj", "npadvmod", "punct") and d.doc[a].head.i in (tok.i,):
                    a += 1
            if d.doc[a].lower_ == "that" and d.doc[a].dep_ == "mark":
                a += 1
            end = _clause_end(d, c, lex)
            if end == c.right_edge.i:
                end = _coordinated_end(d, tok, end, lex)
            comma = subject.left_edge.i - 1
            if c.lemma_.lower() in lex.frames and comma > a and d.doc[comma].text == "," and _closes_its_sentence(c, c.i + 1):
                end = comma - 1  # "said [X, the Journal reported]": the parser made the closing reporting clause the complement
            return _span_chars(d, a, end)
        gerund = _gerund_subject_clause(tok, rights)
        if gerund is not None:
            return _span_chars(d, gerund.left_edge.i, _clause_end(d, gerund, lex))
        subject = _object_as_subject(d, tok)
        if subject is not None:
            return subject.idx, d.char_end(tok.sent.end - 1)
    if "clause" in frames and tok.dep_ == "relcl" and (
        any(k.dep_ == "dobj" and k.lower_ in lex.relative for k in tok.children)
        or not any(k.lower_ in lex.relative for k in tok.children)  # "meddling [that] the congressman said is designed to ..."
    ):
        # "$75 a share, which his counterpart maintained was a "non-starter"": the relative pronoun
        # is the complement's subject, so the complement has none of its own after the cue, or the
        # parser hung the pronoun on it ("the industry, which they say suffers from overcapacity")
        c = next(
            (
                c
                for c in rights
                if c.dep_ in _CLAUSE_DEPS
                and all(k.i < tok.i and k.lower_ in lex.relative for k in c.children if k.dep_ in _SUBJECT_DEPS)
            ),
            None,
        )
        if c is not None:
            return _span_chars(d, max(c.left_edge.i, tok.i + 1), _clause_end(d, c, lex))
    if "object_infinitive" in frames:
        # "urged Congress to act": the one urged and the act, as PolNeAR's annotators and ours
        # mostly mark it; the one urged is also the claim's addressee (:func:`_addressee`).
        obj = _addressee_token(tok, particle)
        xcomp = next((c for c in rights if c.dep_ in ("xcomp", "ccomp", "advcl") and any(t.lower_ == "to" for t in c.lefts)), None)
        if obj is not None and xcomp is not None:
            return _span_chars(d, min(obj.left_edge.i, xcomp.left_edge.i), _infinitive_end(tok, xcomp))
        ccomp = next((c for c in rights if c.dep_ == "ccomp"), None)
        if particle is None and ccomp is not None and any(t.lower_ == "to" for t in ccomp.lefts):
            return _span_chars(d, ccomp.left_edge.i, ccomp.right_edge.i)  # "urged Congress to act", parsed as a clause
    if "infinitive" in frames:
        xcomp = next((c for c in rights if c.dep_ == "xcomp" and any(t.lower_ == "to" for t in c.lefts)), None)
        if xcomp is not None:
            return _span_chars(d, xcomp.left_edge.i, _infinitive_end(tok, xcomp))
    if "prep_object" in frames and particle is not None and particle.dep_ == "prep":
        pobj = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            end = pobj.right_edge.i
            # "called for contestants to wear ...": the infinitive hangs on the verb
            xcomp = next((c for c in rights if c.dep_ == "xcomp" and c.i > end), None)
            return _span_chars(d, pobj.left_edge.i, xcomp.right_edge.i if xcomp is not None else end)
    if "object" in frames:
        obj = next((c for c in rights if c.dep_ == "dobj"), None)
        if obj is not None:
            end = obj.right_edge.i
            # "advertises X and says they ...": a conjoined cue with the same subject reports too.
            for c in rights:
                if c.dep_ == "conj" and c.i > end:
                    end = c.right_edge.i
            return _span_chars(d, obj.left_edge.i, end)
    if "document_object" in frames:
        # "Polls show a close contest in the state", "A 2014 study found 31 incidents of ...": what a
        # document shows is its object and what the verb adds to it
        subject = next((c for c in tok.lefts if c.dep_ == "nsubj"), None)
        obj = next((c for c in rights if c.dep_ == "dobj"), None)
        if subject is not None and obj is not None and subject.lemma_.lower() in lex.document:
            end = obj.right_edge.i
            for c in rights:  # what the verb adds to its object ("show Clinton with a lead"), up to a coordination
                if c.i <= end:
                    continue
                if c.dep_ in ("cc", "conj", "punct"):
                    break
                end = c.right_edge.i
            return _span_chars(d, obj.left_edge.i, end)
    if "object_reason" in frames:
        obj = next((c for c in rights if c.dep_ == "dobj"), None)
        if obj is not None:  # the charge may hang on the verb or on the object ("accused Russia of ...")
            end = max([obj.right_edge.i] + [c.right_edge.i for c in rights if c.dep_ == "prep" and c.lower_ in lex.reason_prepositions])
            return _span_chars(d, obj.left_edge.i, _coordinated_end(d, tok, end, lex))
    if "object_as" in frames:
        obj = next((c for c in rights if c.dep_ == "dobj"), None)
        predicates = [c for c in rights if c.dep_ == "oprd"]
        if obj is None and len(predicates) >= 2 and not d.in_quote(predicates[0].i):
            obj = predicates.pop(0)  # 'called the tariff increase a "politically motivated decision"', both parsed as predicates
        rest = next((c for c in rights if (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ == "oprd" and c in predicates)), None)
        if obj is not None and rest is not None:
            return _span_chars(d, obj.left_edge.i, _coordinated_end(d, tok, rest.right_edge.i, lex))
    return None


def _dates_the_saying(words: Span, clause: Token) -> bool:
    """Whether the words between a cue and its complement's subject are a time phrase the parser
    hung on the complement ("said on Friday [it would ...]", "said Tuesday [the bank ...]")."""
    if not len(words) or words[-1].is_punct:
        return False
    tops = {t.i for t in words if t.head.i == clause.i}
    return (
        bool(tops)
        and all(words.doc[i].dep_ in ("prep", "npadvmod", "pobj") for i in tops)
        and all(t.i in tops or any(a.i in tops for a in t.ancestors) for t in words)
        and any(t.ent_type_ in TIME_ENTITIES for t in words)
    )


def _object_as_subject(d: _Doc, tok: Token) -> Token | None:
    """First word of the complement's subject when the parser took it for the cue's object and a
    finite verb follows it ("estimated BB&T Corp ... still need to", 'cautioned the U.S. tariff
    "could hinder or derail" ...', "say the tie-up, creating the world's largest coal exporter,
    will only formalize ..."): past adverbs, dashes, quotation marks and an aside set off by
    commas. The object of "tell" is the one told, never such a subject."""
    obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
    if obj is None or tok.lemma_.lower() == "tell":
        return None
    doc, sent = d.doc, tok.sent
    aside = {t.i for c in tok.children if c.i > obj.i and c.dep_ in ("advcl", "acl", "appos") for t in c.subtree}
    k = obj.right_edge.i + 1
    if k < sent.end and doc[k].text == "," and k + 1 in aside:
        k = max(t for t in aside if t >= k) + 1
        if k >= sent.end or doc[k].text != ",":
            return None
        k += 1
    while k < sent.end and (doc[k].pos_ == "ADV" or doc[k].text in _DASHES or doc[k].text in _QUOTE_MARKS):
        k += 1  # "said single people and families - gay, ... - would"
    verb = doc[k] if k < sent.end else None
    if verb is None or verb.tag_ not in _FINITE:
        return None
    # the verb hangs on the cue or the object, not on a clause of its own ("as the operator works")
    # nor on what governs the cue ("A survey predicting another year of growth helped to lift ...")
    clause = verb if verb.dep_ not in ("aux", "auxpass") else verb.head
    if clause.is_ancestor(tok) or any(c.dep_ == "mark" for c in clause.children):
        return None
    return doc[obj.left_edge.i]


def _gerund_subject_clause(tok: Token, rights: list[Token]) -> Token | None:
    """A gerund right after the cue that the parser took for the cue's own verb, with the finite
    verb it is the subject of hung on it ("said helping Greece was unavoidable": the complement is
    "helping Greece was unavoidable", not an act of the speaker's)."""
    gerund = next((c for c in rights if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == tok.i + 1), None)
    if gerund is None:
        return None
    finite = any(c.dep_ in _CLAUSE_DEPS and c.tag_ in _FINITE and not any(k.dep_ == "mark" for k in c.children) for c in gerund.rights)
    return gerund if finite else None


def _coordinated_end(d: _Doc, tok: Token, end: int, lex: CueLexicon) -> int:
    """Last token of a complement with the second half the parser hung on the cue instead: a
    second complement clause ("said Trump has respect for the military and his comment was ...")
    or a coordinated phrase ("condemned the test as provocative and a grave threat to ..."),
    or a clause of its own that quotes the source ('said it was too early to tell ..., and there
    was "no evidence" yet ...'). A coordinated verb is another act of the source's, not part of
    what is said, and a second clause around a verb of saying is another attribution
    ("... and Democrats accused the GOP")."""
    after_cc = False
    for c in tok.rights:
        if c.i <= end:
            continue
        if c.dep_ in ("cc", "punct") and c.text not in (".", "!", "?", ";", ":"):
            after_cc = after_cc or c.dep_ == "cc"
            continue
        if (
            (c.dep_ == "ccomp" and c.lemma_.lower() not in lex.frames)
            or (c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX"))
            or (after_cc and c.dep_ in ("dobj", "attr", "oprd"))  # "... and a "grave threat" to ...", a second object
            or _modal_continuation(c, lex)
            or (after_cc and _quoting_clause(d, c, lex))
            or (after_cc and _second_complement(d, c, lex))
        ):
            end = c.right_edge.i
            continue
        break
    return end


def _second_complement(d: _Doc, c: Token, lex: CueLexicon) -> bool:
    """A second clause joined by a bare "and" or "but" with a subject of its own, not a personal
    pronoun ("and he left the room" is the reporter's), and no cue ("said it was early days for
    the recovery and the bank stood by its forecast", "said there was a risk of stagflation but
    there were differences now"): the parser hung the complement's second half on the cue. After
    a comma it is the reporter's own news ("said profit rose, and shares fell")."""
    cc = d.doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
    subject = next((k for k in c.children if k.dep_ in _SUBJECT_DEPS), None)
    return (
        _conjoined_clause(c, lex)
        and c.pos_ in ("VERB", "AUX")
        and cc is not None
        and cc.lower_ in ("and", "but")
        and cc.i > 0
        and d.doc[cc.i - 1].text != ","
        and subject is not None
        and (subject.pos_ in ("NOUN", "PROPN") or subject.dep_ == "expl")
    )


def _conjoined_clause(c: Token, lex: CueLexicon) -> bool:
    """A conjunct that opens with a word of its own, not a verb ("but voiced concern there was
    ...": the source's own act), and reports no one else (:func:`_reports_someone`)."""
    return c.dep_ == "conj" and not c.doc[c.left_edge.i].tag_.startswith("VB") and not _reports_someone(c, lex)


def _reports_someone(c: Token, lex: CueLexicon) -> bool:
    """Whether a clause holds a verb of saying with a subject of its own: another attribution
    ("... and Democrats accused the GOP"), not an infinitive ("differences now to suggest ...")."""
    return any(t.lemma_.lower() in lex.frames and t.pos_ == "VERB" and any(k.dep_ in _SUBJECT_DEPS for k in t.children) for t in c.subtree)


def _quoting_clause(d: _Doc, c: Token, lex: CueLexicon) -> bool:
    """A coordinated clause with a subject of its own that holds the source's quoted words (two
    words at least: one is a scare quote) and no cue of its own: the reporter goes on with what
    was said, not with what happened."""
    return (
        _conjoined_clause(c, lex)
        and c.lemma_.lower() not in lex.frames
        and any(k.dep_ in _SUBJECT_DEPS and k.i < c.i for k in c.children)
        and any(len(_WORD.findall(d.text[q.inner_start : q.inner_end])) >= 2 for q in d.quotes_in(d.doc[c.left_edge.i].idx, d.char_end(c.right_edge.i)))
    )


def _modal_continuation(c: Token, lex: CueLexicon) -> bool:
    """A verb with a modal and no subject of its own hung on the cue that goes on with what is said
    ("says it would depress revenue ..., but would eventually add $84 billion"): the reporter
    tells a source's acts without a modal, unless one of withholding ("would not elaborate")."""
    return (
        c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(k.dep_ == "aux" and k.tag_ == "MD" for k in c.children)
        and not any(k.dep_ in _SUBJECT_DEPS for k in c.children)
        and not _withholds(c, lex)
    )


def _withholds(verb: Token, lex: CueLexicon) -> bool:
    """Whether a verb tells what the source kept back: "would not elaborate", "gave no details"."""
    negated = any(k.dep_ == "neg" for k in verb.children) or any(
        k.dep_ == "dobj" and any(x.lower_ == "no" for x in k.children) for k in verb.children
    )
    return negated and verb.lemma_.lower() in lex.withholding


def _qualifies_the_saying(d: _Doc, span: tuple[int, int], tok: Token, lex: CueLexicon) -> bool:
    """Whether content before the cue is an adverbial clause of the cue itself ("when Congress cut
    funding ..., Mexico said enough"), not the words said: a sentence that goes on with a finite
    verb after the cue ("Though the transition was seamless, he said, replacing Clinton would ...")
    keeps its content."""
    first = _token_at(d, span[0])
    lead = next((t for t in d.doc[first:tok.i] if t.pos_ != "CCONJ" and not t.is_punct), None)
    if lead is None or d.in_quote(lead.i) or lead.lower_ not in lex.subordinators:
        return False  # '"When we're trading traitors for terrorists," he said': the speaker's words
    if lead.head.dep_ != "advcl" or lead.head.head.i != tok.i:
        return False
    return not any(t.tag_ in _FINITE for t in d.doc[tok.i + 1 : tok.sent.end])


def _under_another_cue(d: _Doc, span: tuple[int, int], tok: Token, lex: CueLexicon) -> Token | None:
    """The verb of saying inside the content before the cue that the cue hangs on in the parse:
    then that content is the other cue's report and this cue is part of it."""
    for up in tok.ancestors:
        if span[0] <= up.idx < span[1] and up.lemma_.lower() in lex.frames and up.pos_ in ("VERB", "AUX") and not d.in_quote(up.i):
            return up
    return None


def _reports_another_source(d: _Doc, left: tuple[int, int], inner: Token, tok: Token, head: Token, after: int, lex: CueLexicon) -> bool:
    """Whether a reporting clause after a comma closes the sentence and reports someone else's
    report ("Clinton had told police ..., the source added."), not its own source's again ("The
    Journal said ..., the Journal reported")."""
    if d.text[left[1] : left[1] + 2].lstrip()[:1] != "," or not _closes_its_sentence(tok, after):
        return False
    if head.lemma_.lower() in lex.document:
        return False  # "..., which he said were at his side, the footage showed": a document shows facts, not reports
    inner_subject = next((c for c in inner.children if c.dep_ in _SUBJECT_DEPS), None)
    return inner_subject is None or inner_subject.lemma_.lower() != head.lemma_.lower()


def _repeats_its_report(d: _Doc, left: tuple[int, int], tok: Token, head: Token, lex: CueLexicon) -> bool:
    """Whether the content before a reporting clause opens with the same source's own reporting
    clause, which the parser hung on this one ("The Journal said X, the Journal reported")."""
    for c in tok.children:
        if c.dep_ in _CLAUSE_DEPS and left[0] <= c.idx < left[1] and c.lemma_.lower() in lex.frames:
            subject = next((k for k in c.children if k.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and subject.lemma_.lower() == head.lemma_.lower():
                return True
    return False


def _closes_its_sentence(tok: Token, after: int) -> bool:
    """Whether nothing but the cue's own adjuncts ("on Friday", "in a statement") and punctuation
    follows the reporting clause to the end of its sentence."""
    for t in tok.doc[after : tok.sent.end]:
        if t.is_punct or t.is_space:
            continue
        if tok not in t.ancestors or (t.head.i == tok.i and t.dep_ in _CLAUSAL_OBJECTS):
            return False
    return True


def _unmarked_finite_clause(clause: Token) -> bool:
    """An adverbial clause with a finite verb and no subordinator ("[after the convention] he
    would not accept"): a complement clause the parser misread."""
    return (
        clause.dep_ == "advcl"
        and not any(k.dep_ == "mark" or (k.dep_ == "advmod" and k.tag_ == "WRB") for k in clause.children)
        and (clause.tag_ in _FINITE or any(k.dep_ in ("aux", "auxpass") and k.tag_ in _FINITE for k in clause.children))
    )


def _adverbial(clause: Token, lex: CueLexicon) -> bool:
    """Whether a clause is adverbial ("before he died", "when Congress cut funding"): opened by a
    subordinator of its own, not by "that"."""
    return any(k.dep_ in ("mark", "advmod") and k.lower_ in lex.subordinators and k.i < clause.i for k in clause.children)


def _addressee_token(tok: Token, particle: Token | None) -> Token | None:
    """The one a statement is made to: the object of "told Reuters", "warned investors that",
    "urged Congress to act", or of the particle of "called on states to", "appealed to"; a
    subject the parser gave the infinitive instead ("urged Congress to act" as a clause)."""
    if particle is not None and particle.dep_ == "prep":
        return next((c for c in particle.children if c.dep_ == "pobj"), None)
    obj = next((c for c in tok.rights if c.dep_ in ("dobj", "dative") and c.ent_type_ not in TIME_ENTITIES), None)
    if obj is not None:
        return obj
    clause = next((c for c in tok.rights if c.dep_ == "ccomp" and any(t.lower_ == "to" and t.dep_ == "aux" for t in c.lefts)), None)
    return next((k for k in clause.lefts if k.dep_ in _SUBJECT_DEPS), None) if clause is not None else None


def _infinitive_end(tok: Token, xcomp: Token) -> int:
    """Last token of a to-infinitive, with a second bare infinitive the parser hung on the cue
    ("pledged to cap and then gradually reduce their emissions")."""
    end = xcomp.right_edge.i
    for c in tok.rights:
        if c.i > end and c.dep_ == "conj" and c.tag_ == "VB" and not any(k.dep_ in _SUBJECT_DEPS for k in c.children):
            end = c.right_edge.i
    return end


def _clause_subject(k: Token) -> bool:
    """Whether a subject makes its clause a complement: not a relative pronoun ("which said"),
    but the demonstrative of "said that would permit ..." (DT, where the relative is WDT)."""
    low = k.lower_
    return low not in ("that", "which", "who") or (low == "that" and k.tag_ == "DT")


def _clause_end(d: _Doc, clause: Token, lex: CueLexicon) -> int:
    """Last token of a complement clause, without what the parser hangs on it after a comma but
    is the reporter's: a participle of a cue verb (", citing ...", ", arguing that ...") or of
    another aside (", contradicting ..."), a concession (", although ...") or a second verb of
    saying of the reporting subject (" and warned ...")."""
    end = clause.right_edge.i
    for child in clause.rights:
        if child.i <= clause.i:
            continue
        before = d.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        after_comma = before is not None and before.text in (",", ";", "—", "--")
        marks = {t.lower_ for t in child.children if t.dep_ == "mark"}
        aside = (
            (
                child.dep_ == "advcl"
                and after_comma
                and (
                    (
                        child.tag_ == "VBG"
                        and (child.lemma_.lower() in lex.frames or child.lemma_.lower() in lex.aside_participles)
                        and not _expects_to_act(child, lex)  # "..., expecting to do 10 to 20 deals"
                    )
                    or marks & lex.aside_conjunctions
                )
            )
            or (
                child.dep_ == "conj"
                and child.pos_ == "VERB"
                and (child.lemma_.lower() in lex.frames or _withholds(child, lex))  # "... but would not elaborate"
                and not any(k.dep_ in _SUBJECT_DEPS for k in child.children)
                and not _expects_to_act(child, lex)  # "said it had ceased operations and expected to liquidate ..."
            )
        )
        if aside:
            cut = child.left_edge.i - 1
            while cut > clause.i and (d.doc[cut].is_punct or d.doc[cut].dep_ == "cc"):
                cut -= 1
            return min(end, cut)
    return _before_someone_elses_claim(d, clause, end, lex)


def _expects_to_act(verb: Token, lex: CueLexicon) -> bool:
    """Whether an expectation cue only takes an infinitive of its subject's own action ("expected
    to liquidate"): an intention, not a forecast to report."""
    complements = {k.dep_ for k in verb.children}
    return _expectation(verb, lex) and "xcomp" in complements and not complements & {"ccomp", "dobj"}


def _before_someone_elses_claim(d: _Doc, clause: Token, end: int, lex: CueLexicon) -> int:
    """End of a complement clause before a relative clause at its end that reports another
    speaker's words ("... its offer of $75 per share, which his Ventana counterpart maintained
    was a "non-starter"": that is the counterpart's claim, not part of this one), or before a
    reporting clause closing the sentence that the parser hung on it."""
    doc = d.doc
    for t in doc[clause.i + 1 : end + 1]:
        if t.right_edge.i != end or t.lemma_.lower() not in lex.frames or d.in_quote(t.i) or t.pos_ not in ("VERB", "AUX"):
            continue
        comma = t.left_edge.i - 1
        speaker = any(k.dep_ == "nsubj" and k.lower_ not in lex.relative for k in t.children)
        if not speaker or comma <= clause.i or doc[comma].text != ",":
            continue
        # A relative clause of someone else's, or a reporting clause the parser hung on the
        # complement ("... credit markets, the Journal reported."): neither is what was said.
        if t.dep_ == "relcl" or (t.i > clause.i and _closes_its_sentence(t, t.i + 1) and not any(k.dep_ in _CLAUSAL_OBJECTS for k in t.children)):
            return comma - 1
    return end


def _reports_its_object(d: _Doc, tok: Token, frames: frozenset[str]) -> bool:
    """Whether a verb of saying has a thing said as its object ("had declared bankruptcy",
    "announced the deal", "said yes"): then the words before it are not what it reports. Addressees
    ("told Reuters", "warned investors") and dates ("said Tuesday") are no such object, nor is a
    quotation resumed after the clause ('"We will win," he said, "the only race that matters."')."""
    if "object_infinitive" in frames:
        return False
    return any(
        (c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in TIME_ENTITIES and not d.in_quote(c.i))
        or (c.dep_ == "intj" and c.i > tok.i)  # "Melanie said yes, yes, yes": her answer, after the cue
        for c in tok.children
    )


def _reporting_clause(d: _Doc, s: int, e: int, head: int, tok: Token) -> bool:
    """Whether source and cue stand together ("X, a ... at Y, said on Friday"; "said X"), not a
    subject far from its verb ("The State Department in November delayed ..., citing ...")."""
    if s > tok.i:
        return True
    doc = d.doc
    h = doc[head]
    lo, hi = h.left_edge.i, h.right_edge.i
    k = e
    while k < tok.i:
        t = doc[k]
        if t.text == "," and doc[k + 1].tag_ in ("VBG", "VBN"):
            # '"...," Obama, referring to fuel prices, told ...': a participle set off by commas
            close = next((j for j in range(k + 2, tok.i) if doc[j].text == ","), None)
            if close is not None:
                k = close + 1
                continue
        if not (t.is_punct or t.is_space or lo <= k <= hi or (t.head.i == tok.i and t.dep_ in ("aux", "advmod", "neg"))):
            return False
        k += 1
    return True


def _surface_clause(d: _Doc, tok: Token, sent) -> tuple[int, int] | None:
    """A complement clause the parser attached elsewhere: "insisted in a statement that ...",
    "indicated quick approval of the project is not likely"."""
    doc = d.doc
    end = d.char_end(sent.end - 1)
    for j in range(tok.i + 1, min(sent.end - 1, tok.i + 14)):
        t = doc[j]
        if t.lower_ == "that":
            nxt = doc[j + 1]  # (within a dozen words: "told one of his young proteges on a regular basis that")
            if nxt.pos_ in ("VERB", "AUX") or nxt.is_punct:
                return None  # "that was released": a relative clause
            # ("that" right after the cue opens its complement, whatever the parse made of it, when a
            # finite verb follows: "estimated that commercial real estate represented ...")
            opens = j == tok.i + 1 and any(t.tag_ in _FINITE for t in doc[j + 2 : sent.end])
            if not opens and tok.lemma_ != "tell" and any(c.dep_ == "dobj" and c.left_edge.i <= j <= c.right_edge.i for c in tok.rights):
                # "maintain the image of the strong leader that Mr. Trump so admires": the object's clause
                # (the object of "told a meeting of leaders that ..." is who was told)
                return None
            return nxt.idx, end
        if t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_MARKS or t.text in (":", ";", ","):
            break
    subject = _object_as_subject(d, tok)
    return (subject.idx, end) if subject is not None else None


def _after_reporting_clause(d: _Doc, tok: Token, after: int, sent, lex: CueLexicon) -> int | None:
    """First token after the reporting clause when the sentence goes on after a comma ("The plan, he said, will ...")."""
    doc = d.doc
    j = max(after, tok.right_edge.i + 1)
    if j - 1 > tok.i and doc[j - 1].text in (",", "—", "–"):
        j -= 1  # the parser hung the closing comma on the cue
    if j >= sent.end - 1 or doc[j].text not in (",", "—", "–"):
        return None
    k = j + 1
    if d.quote_at(doc[k].idx) is not None:
        return k  # '"A," X said, "B."'
    # "The plan, he said, will cost ...": the sentence goes on with its own verb; not an adjunct
    # of the reporting clause (", according to a preview obtained on Saturday"), nor a second
    # reporting clause (", a market source told Reuters").
    # A relative clause's verb ("Muhammad Ali, who died ...") does not make the rest a clause:
    # ", not even needing to mention X, who died" is the reporter's participle.
    finite = [t for t in doc[k : sent.end] if t.tag_ in _FINITE and not any(a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors))]
    if not finite or all(t.lemma_.lower() in lex.frames and any(c.dep_ == "nsubj" for c in t.children) for t in finite):
        return None
    return k


def _block_quotation(d: _Doc, tok: Token, after: int) -> tuple[int, int] | None:
    """The paragraph a reporting clause introduces with the colon that ends its own paragraph
    ("The governor added:" over a block quotation)."""
    doc, ctx = d.doc, d.ctx
    end = ctx.paragraphs[ctx.paragraph_of[tok.i]][1]
    last = end - 1
    while last > tok.i and doc[last].is_space:
        last -= 1
    if doc[last].text != ":" or last - after > 8 or any(t.pos_ == "VERB" for t in doc[after:last]) or end >= len(doc):
        return None
    nxt = ctx.paragraph_of[end] if not doc[end].is_space else ctx.paragraph_of[min(end + 1, len(doc) - 1)]
    first, stop = ctx.paragraphs[nxt]
    while first < stop and doc[first].is_space:
        first += 1
    stop -= 1
    while stop > first and doc[stop].is_space:
        stop -= 1
    if first >= stop or not ctx.is_prose(first):
        return None
    return doc[first].idx, d.char_end(stop)


def _after_colon_or_quote(d: _Doc, tok: Token, after: int, colon_only: bool = False) -> tuple[int, int] | None:
    """Content after the reporting clause: 'X said: ...' or 'X said, "..."'; with ``colon_only``
    only after a colon."""
    doc = d.doc
    sent = tok.sent
    j = after
    while j < sent.end and doc[j].text not in (":", ",") and doc[j].text not in _QUOTE_MARKS and j - after < 8:
        if doc[j].pos_ == "VERB" and doc[j].dep_ not in ("amod",):
            return None
        j += 1
    if j >= sent.end:
        return None
    mark = doc[j].text
    if colon_only and mark != ":":
        return None
    if mark in (":", ","):
        j += 1
        # The quotation may open the next "sentence" when the splitter cut after the colon, but not a new paragraph.
        while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
            j += 1
        if j >= len(doc) or doc[j].is_space:
            return None
    elif doc[j - 1].pos_ in ("ADP", "DET", "PART") or doc[j - 1].tag_ == "POS":
        # 'said on "Fox News Sunday"', 'on CNN's "State of the Union"': a title, not the words said;
        # 'agree to "claw back" any bonus': an act agreed to, in the rules' words
        return None
    q = d.quote_at(doc[j].idx)
    if q is not None and q.start == doc[j].idx:
        return q.start, q.end
    if mark == ":":
        return doc[j].idx, d.char_end(doc[j].sent.end - 1)
    return None


def _left_content(d: _Doc, rc_start: int, sent, phrase_ok: bool = False) -> tuple[int, int] | None:
    """Content before a reporting clause that follows it after a comma or a closing quotation mark;
    with ``phrase_ok`` also a phrase without a verb (the start of "The museum, he said, celebrated ...")."""
    doc = d.doc
    b = rc_start - 1
    # Title words the parser left out of the source belong to the reporting clause ("GM CEO Rick Wagoner told").
    # A name the tagger took for a verb counts too ("Tulsa police Chief Chuck Jordan said", "Tulsa" a VB).
    while b >= 0 and rc_start - b <= 6 and doc[b].is_alpha and (
        doc[b].pos_ in ("PROPN", "NOUN", "ADJ", "DET") or doc[b].ent_type_ in _NAME_ENTITIES
    ):
        b -= 1
    while b >= 0 and doc[b].is_space:
        b -= 1
    if b < 0 or d.ctx.paragraph_of[b] != d.ctx.paragraph_of[rc_start]:
        return None
    if doc[b].text not in _BOUNDARY and doc[b].text not in _QUOTE_MARKS:
        return None
    if doc[b].text == "-" and not doc[b - 1].whitespace_:
        return None  # the hyphen of "Anheuser-Busch", not a dash
    sent_start = sent.start if b >= sent.start else doc[b].sent.start
    if doc[b].text in _QUOTE_MARKS:
        q = d.quote_at(doc[b].idx)
        if q is None or q.end != d.char_end(b):
            return None  # an opening mark: no content before
        # 'X was a "pretty remote risk," he added': the reporter's words before the quotation in
        # the same sentence belong to the content (a mixed quote), unless a sentence ends between.
        start = _clause_start(d, b, sent_start)
        first, opening = _token_at(d, start), _token_at(d, q.start)
        ended = any(_ends_sentence(t) for t in doc[first:opening])
        # '..., "I think we've had good activity," said X': a sentence of the speaker's own after the
        # reporter's comma, not the end of the reporter's sentence
        own_sentence = d.text[start : q.start].rstrip().endswith(",") and _opens_sentence(doc[_token_at(d, q.inner_start)])
        if start < q.start and _WORD.search(d.text[start : q.start]) and not ended and not own_sentence:
            if _is_title(d.text[q.inner_start : q.inner_end].rstrip(",.;: ")) and not any(
                t.pos_ in ("VERB", "AUX") for t in doc[first:opening]
            ):
                # 'In his 2002 book, "Make Your Kid a Millionaire," X suggested': a title in a phrase
                # (unlike 'That "will advance consultations ...," Noda said')
                return None
            return start, q.end
        return q.start, q.end
    end = doc[b].idx
    start = _clause_start(d, b, sent_start)
    if end - start < 3:
        return None
    first = _token_at(d, start)
    if not any(c.islower() for c in d.text[start:end]):
        return None  # an all-caps heading glued before the reporting clause
    quotes = d.quotes_in(start, end)
    opens_with_quote = bool(quotes) and not d.text[start : quotes[0].start].strip()
    verbs = [t for t in doc[first:b] if t.pos_ in ("VERB", "AUX")]
    participial = doc[first].tag_ in ("VBG", "VBN") and all(t.tag_ in ("VBG", "VBN", "TO", "VB") for t in verbs)
    if not phrase_ok and not opens_with_quote and (not verbs or participial):
        # "In 2006, X agreed to ...", "In his 2002 book, "Make Your Kid a Millionaire," X suggested",
        # "Speaking to students at Drexel, Biden responded": a phrase, no clause
        return None
    return start, end


def _ends_sentence(tok: Token) -> bool:
    """Whether a token ends a sentence the splitter may have missed: a full stop of its own, or one
    a word kept ("EFG.N." before a quotation) that is no abbreviation ("Mr.", "Corp.") or initials ("U.S.")."""
    if tok.text in _SENTENCE_FINAL:
        return True
    if len(tok.text) < 3 or not tok.text.endswith(".") or tok.text in _ABBREVIATIONS or _INITIALS.match(tok.text):
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and bool(tok.whitespace_) and (nxt.is_title or nxt.is_quote)


def _opens_sentence(first: Token) -> bool:
    """Whether a quotation's first word reads as a sentence's first: capitalised, no name."""
    return (first.is_title and first.tag_ not in ("NNP", "NNPS")) or first.text == "I"


def _clause_start(d: _Doc, b: int, sent_start: int) -> int:
    """Char where content ending at token ``b`` starts: its sentence's start, never before its paragraph
    (a dateline, a heading), and at the opening mark of a quotation the sentence splitter cut in two."""
    doc = d.doc
    first = max(sent_start, d.ctx.paragraphs[d.ctx.paragraph_of[b]][0])
    while first < b and (doc[first].is_space or not d.ctx.is_prose(first)):
        first += 1
    start = doc[first].idx
    q = d.quote_at(start)
    return q.start if q is not None and q.start < start else start


def _make(
    d: _Doc,
    start: int,
    end: int,
    cue: str | None,
    cue_i: int,
    source: tuple[int, int],
    head: int,
    reach: int,
    gap: tuple[int, int] | None = None,
) -> Draft | None:
    span = _normalize(d, start, end)
    if span is None:
        return None
    start, end, kind = span
    if gap is not None and not (start < gap[0] and gap[1] < end):
        gap = None
    return Draft(start, end, kind, cue, cue_i, source, head, max(reach, end), gap=gap)


def _normalize(d: _Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """Trimmed content span and its kind: direct when it is one quotation, mixed when it holds one."""
    text = d.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] == "."):
        end -= 1
    dangling = _DANGLING_CONJUNCTION.search(text, start, end)
    if dangling is not None:
        end = dangling.start()  # "..., and" where the parser cut the clause before its second half
    if end <= start:
        return None
    k = _token_at(d, start)
    if d.doc[k].idx == start:
        k2 = _after_heading(d, k, _token_at(d, end - 1))
        if d.doc[k2].lower_ == "that" and d.doc[k2].dep_ == "mark":
            k2 += 1
        k2 = _after_connectives(d, k2, _token_at(d, end - 1))
        start = max(start, d.doc[k2].idx)
    quotes = d.quotes_in(start, end)
    if not quotes:
        return (start, end, "indirect") if len(_WORD.findall(text[start:end])) >= 2 else None
    outside = text[start : quotes[0].start] + "".join(
        text[a.end : b.start] for a, b in zip(quotes, quotes[1:])
    ) + text[quotes[-1].end : end]
    if not _has_words(outside):
        a, b = quotes[0].inner_start, quotes[-1].inner_end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in " \t\n,;:\"“”'`":
            b -= 1
        return (a, b, "direct") if _has_words(text[a:b]) and not _is_title(text[a:b]) else None
    start = min(start, quotes[0].start)
    end = max(end, quotes[-1].end)
    return (start, end, "mixed") if len(_WORD.findall(text[start:end])) >= 2 else None


def _after_connectives(d: _Doc, k: int, last: int) -> int:
    """First token after the connectives that open a statement outside quotation marks ("But",
    "However,", "In addition,"): the reporter's link to the sentence before, not the words reported.
    A coordinating one goes always, another when a comma follows it or it is an adverb of the
    statement's verb ("However debates ... are not likely")."""
    doc = d.doc
    connectives = cue_lexicon().connectives
    while k < last and not d.in_quote(k):
        for words in connectives.get(doc[k].lower_, ()):
            n = len(words)
            if k + n > last or tuple(t.lower_ for t in doc[k : k + n]) != words:
                continue
            after = doc[k + n]
            if after.text == ",":
                k += n + 1
            elif n == 1 and (doc[k].pos_ == "CCONJ" or (doc[k].dep_ == "advmod" and doc[k].head.pos_ in ("VERB", "AUX"))):
                k += 1
            else:
                continue
            while k < last and doc[k].is_space:
                k += 1
            break
        else:
            return k
    return k



_SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from as is".split())


def _is_title(s: str) -> bool:
    """A quoted name or title, not words said: every word capitalised ("Face the Nation",
    "A Change Is Gonna Come"), no sentence punctuation."""
    words = _WORD.findall(s)
    if len(words) < 2 or any(c in s for c in ".?!,;:"):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


def _has_words(s: str) -> bool:
    return any(c.isalnum() for c in s)


# --- "according to X" ------------------------------------------------------------------------


def _preposition_claim(d: _Doc, i: int, lex: CueLexicon) -> Draft | None:
    doc = d.doc
    for words in lex.prepositions:
        n = len(words)
        if i + n > len(doc) or tuple(t.lower_ for t in doc[i : i + n]) != words:
            continue
        last = doc[i + n - 1]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None and i + n < len(doc):
            pobj = doc[i + n].head if doc[i + n].head.i >= i + n else doc[i + n]
        if pobj is None or pobj.lower_ in lex.not_sources or pobj.lemma_.lower() in lex.not_sources:
            return None
        span = _np_span(d, pobj)
        if span is None:
            return None
        s, e, head = span
        sent = doc[i].sent
        after = [t for t in doc[e : sent.end] if not (t.is_punct or t.is_space)]
        before = [t for t in doc[sent.start : i] if not (t.is_punct or t.is_space)]
        gap = None
        if not after:
            content = (_clause_start(d, i, sent.start), doc[i].idx)
        elif not before:
            content = (d.char_end(e - 1), d.char_end(sent.end - 1))
        elif sent.root.i < i:
            # "X grew 5 percent, according to Y, more than ...": the statement is the clause before;
            # what follows the source describes it or is the reporter's.
            content = (_clause_start(d, i, sent.start), doc[i].idx)
        else:
            # "The economy, according to Y, will grow": one statement around the cue
            resume = e
            while resume < sent.end and (doc[resume].is_punct or doc[resume].is_space):
                resume += 1
            content = (_clause_start(d, i, sent.start), d.char_end(sent.end - 1))
            lead = i - 1
            while lead > sent.start and (doc[lead].is_punct or doc[lead].is_space):
                lead -= 1
            gap = (d.char_end(lead), doc[resume].idx) if resume < sent.end else None
        cue = doc[i : i + n].text
        return _make(d, content[0], content[1], cue, i, (s, e), head, d.char_end(sent.end - 1), gap)
    return None


# --- speaker labels and dashes --------------------------------------------------------------

_DASH_AFTER = re.compile(r"[ \t]*(―|—|–|--)[ \t]*")


def _label_claims(d: _Doc, lex: CueLexicon) -> list[Draft]:
    """Attributions without a verb: a transcript's "PENCE: ..." or a headline's "Poll: ...", opening a
    paragraph, and a quotation signed with a dash ('"..." ― Sonya Herridge')."""
    doc, ctx = d.doc, d.ctx
    out: list[Draft] = []
    for a, b in ctx.paragraphs:
        opening = a
        while a < b and (doc[a].is_space or doc[a].text in _QUOTE_MARKS):
            a += 1  # a transcript may be quoted whole: '"PENCE: Well, ...
        quoted = any(doc[k].text in _QUOTE_MARKS for k in range(opening, a))
        colon = next((k for k in range(a + 1, min(b, a + 6)) if doc[k].text == ":"), None)
        if colon is None or colon + 1 >= b or not all(t.text[:1].isupper() or t.text in ".'’-" for t in doc[a:colon]):
            continue
        label = doc[a:colon]
        head = label[-1]
        shouted = all(_caps_word(t) or not t.is_alpha for t in label)
        lemma = head.lemma_.lower()
        if shouted:
            # A transcript's speaker: a person the story names ("WALLACE:"), never a section
            # ("ENERGY:"); inside a quoted transcript any label is a speaker's.
            if not (quoted or d.person_named(head.text)):
                continue
        elif not (head.ent_type_ == "PERSON" or lemma in lex.document):
            continue
        end = b - 1
        while end > colon and doc[end].is_space:
            end -= 1
        draft = _make(d, doc[colon + 1].idx, d.char_end(end), ":", colon, (a, colon), head.i, d.char_end(end))
        if draft is not None:
            # A transcript quoted whole ('"PENCE: Well, ...'): the quotation holds the label, the words do not.
            draft.start = max(draft.start, doc[min(colon + 1, end)].idx)
            if shouted and draft.kind == "indirect":
                draft.kind = "direct"  # a transcript gives the speaker's own words
            out.append(draft)
    for q in d.quotes:
        m = _DASH_AFTER.match(d.text, q.end) if q.closed else None
        if m is None:
            continue
        s = _token_at(d, m.end())
        if doc[s].idx < m.end():
            s += 1
        e = s
        while e < len(doc) and doc[e].pos_ == "PROPN" and not doc[e].is_space:
            e += 1
        if e == s:
            continue
        draft = _make(d, q.start, q.end, m.group(1), _token_at(d, m.start(1)), (s, e), e - 1, d.char_end(e - 1))
        if draft is not None:
            out.append(draft)
    return out


# --- continuing quotations ---------------------------------------------------------------


_MIN_TURN_WORDS = 3  # a quotation shorter than this goes on no one's turn ('"Yes."', '"(CROSSTALK.)"')


def _continuations(d: _Doc, drafts: list[Draft]) -> list[Draft]:
    """Quotations standing alone right after a claim: the same speaker goes on, in their own words
    after a quotation or a paraphrase ('Carney said there might be a case for more stimulus. "If
    recovery were to falter, ..."')."""
    if not drafts:
        return []
    # a quotation of the sentence before, where there is one, else its paraphrase ('"A," X
    # said, explaining B. "C."': C goes on from A)
    earlier = sorted(drafts, key=lambda x: (x.reach, x.kind in ("direct", "mixed")))
    covered = [(x.start, x.end) for x in drafts]
    out: list[Draft] = []
    text = d.text
    for q in d.quotes:
        if any(a <= q.inner_start < b or q.start <= a < q.end for a, b in covered):
            continue
        prev = None
        for x in (*earlier, *out):
            # The sentence splitter may end the reporting sentence after the next quotation's
            # opening mark ("... advocacy group. ''It's anti-reform."): reach may pass q.start.
            if x.reach <= q.inner_start and not text[min(x.reach, q.start) : q.start].strip(" \t\n\"“”"):
                prev = x
        if prev is None or len(text[q.inner_start : q.inner_end].split()) < _MIN_TURN_WORDS:
            continue
        end = q.end
        tail = _sentence_tail(d, q)
        if tail is None:
            if not _INNER_SENTENCE_END.search(text[q.inner_start : q.inner_end]):
                continue  # the quotation is part of a longer sentence of the reporter's
            # '"I wouldn't call it reform. ... It's just a tax increase" for the top bracket.': whole
            # sentences of the speaker's, the reporter finishing the last one (a mixed turn)
            end = tail = d.char_end(d.doc[_token_at(d, q.end - 1)].sent.end - 1)
        span = _normalize(d, q.start, end)
        if span is None:
            continue
        new_paragraph = _opens_line(text, q.start)
        root = prev.parent or prev
        out.append(
            Draft(span[0], span[1], span[2], None if new_paragraph else root.cue, -1, root.source, root.head, tail, parent=root)
        )
    out.extend(_opening_paragraphs(d, drafts + out))
    return out


def _opening_paragraphs(d: _Doc, drafts: list[Draft]) -> list[Draft]:
    """Unclosed quotation paragraphs leading up to the paragraph whose quotation is attributed
    ('"A.\n\n"B," she said.'): the same speaker, ``cue`` null."""
    text = d.text
    by_quote: dict[int, Draft] = {}
    for x in drafts:
        if x.kind == "direct":
            q = d.quote_at(x.start)
            if q is not None:
                by_quote[q.start] = x
    out: list[Draft] = []
    for k in range(len(d.quotes) - 2, -1, -1):
        q, nxt = d.quotes[k], d.quotes[k + 1]
        after = by_quote.get(nxt.start)
        if q.closed or q.start in by_quote or after is None or text[q.end : nxt.start].strip() or "\n" not in text[q.end : nxt.start]:
            continue
        if len(text[q.inner_start : q.inner_end].split()) < _MIN_TURN_WORDS:
            continue  # "(CROSSTALK.)": a transcript's stage note, not a turn
        span = _normalize(d, q.start, q.end)
        if span is None:
            continue
        root = after.parent or after
        draft = Draft(span[0], span[1], "direct", None, -1, root.source, root.head, q.end, parent=root)
        by_quote[q.start] = draft
        out.append(draft)
    return out


def _opens_line(text: str, i: int) -> bool:
    """Whether only spaces stand between offset ``i`` and the start of its line (a new paragraph)."""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _sentence_tail(d: _Doc, q: Quote) -> int | None:
    """End of the sentence a standalone quotation makes, or None when words of the reporter's follow it."""
    text = d.text
    j = q.end
    while j < len(text) and text[j] in " .,;!?\t":
        j += 1
    if j >= len(text) or text[j] == "\n" or text[j] in "\"“":
        return q.end
    if text[j].isupper() and j > q.end and (text[q.end - 2] in ".!?" or text[q.end : j].strip().startswith(".")):
        return q.end
    return None


# --- clean-up ----------------------------------------------------------------------------


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per content span: two cues on the same words ("said ..., adding") keep the first."""
    seen: set[tuple[int, int]] = set()
    out = []
    for x in sorted(drafts, key=lambda x: (x.start, x.cue_i)):
        if (x.start, x.end) in seen:
            continue
        seen.add((x.start, x.end))
        out.append(x)
    return out


def _drop_nested_own_words(d: _Doc, drafts: list[Draft], lex: CueLexicon) -> list[Draft]:
    """Drop a claim whose cue sits inside another claim's content by the same speaker ("X said he
    believes ..."), and an expectation a pronoun holds inside another claim ("Critics ... said they
    expect the pact to ..."): the outer speaker's, whoever the pronoun resolved to."""
    out = []
    for x in drafts:
        referent = x.resolved.get("referent")
        cue_char = x.resolved.get("cue_char", -1)
        outer = [y for y in drafts if y is not x and y.start <= cue_char < y.end]
        own = referent is not None and any(y.resolved.get("referent") == referent for y in outer)
        restated = (
            bool(outer)
            and x.head is not None
            and d.doc[x.head].pos_ == "PRON"
            and x.cue_i >= 0
            and _expectation(d.doc[x.cue_i], lex)
        )
        if not (own or restated):
            out.append(x)
    return out


# --- hedges -------------------------------------------------------------------------------


def _expects_an_outcome(modal: Token, lex: CueLexicon) -> bool:
    """Whether "should" says what is expected ("sales should rise", "should help") rather than
    what ought to be ("should stand ready", "should not be allowed to proceed") or a condition
    ("Should Mr Buffett see ...")."""
    verb = modal.head
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return (
        verb.lemma_.lower() in lex.outcome_verbs
        and not any(c.dep_ == "auxpass" for c in verb.children)
        and (subject is None or subject.i < modal.i)
    )


def _hedging_cue(d: _Doc, draft: Draft, lex: CueLexicon) -> str | None:
    """The cue as the hedge when it reports an expectation ("Analysts expect ...": "expect")."""
    if draft.cue_i < 0 or not _expectation(d.doc[draft.cue_i], lex):
        return None
    return d.doc[draft.cue_i].lower_


def _expectation(tok: Token, lex: CueLexicon) -> bool:
    """Whether a verb is a cue that is its own hedge ("expect"; ``cues`` in hedges.json)."""
    return tok.lemma_.lower() in lex.hedging_cues


def _hedge(d: _Doc, start: int, end: int, lex: CueLexicon) -> str | None:
    """The first hedge (a modal, or a phrase such as "expected to") among the tokens inside ``[start, end)``."""
    doc = d.doc
    a = int(np.searchsorted(d.idx, start))
    b = int(np.searchsorted(d.idx, end))
    n = len(doc)
    # Only tokens that can begin a hedge are visited (building a Token for every word costs more).
    for k in (a + np.flatnonzero(in_sorted(d.lowers[a:b], lex.hedge_first_ids))).tolist():
        tok = doc[k]
        low = tok.lower_
        if low in lex.hedge_modals and tok.tag_ == "MD" and not _withholds(tok.head, lex):  # not "could not comment"
            if low not in lex.outcome_modals or _expects_an_outcome(tok, lex):
                return low
        phrases = lex.hedge_phrases.get(low, ())
        if phrases and any(doc[j].lower_ in lex.hedge_not_after for j in range(max(a, k - 3), k)):
            phrases = ()  # "earlier than expected"
        for phrase in phrases:
            m = len(phrase)
            if k + m <= n and all(doc[k + j].lower_ == phrase[j] for j in range(1, m)) and doc[k + m - 1].idx < end:
                return " ".join(t.text for t in doc[k : k + m]).lower()
    return None
