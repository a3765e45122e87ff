"""Cue vetoes: when a verb of saying found by lemma reports nothing.

A candidate cue is a token whose lemma is in the cue lexicon (:mod:`.lexicon`).
:func:`read_cue` looks up its lexicon key and frames; the vetoes below are
named predicates tried in order, and the first that holds drops the cue. They
are data in the sense of spaCy's ``SpanRuler`` patterns: to stop a new kind of
false cue, write one predicate with a docstring example and add it to
:data:`TOKEN_VETOES` (a fact about the token and its parse) or
:data:`CUE_VETOES` (one that needs the cue's frames; tried after the
"quoted ... as saying" cue has had its turn, :func:`pipeline.extract.claims.verbs.verb_claims`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Token

from .draft import ClaimDoc
from .frames import phrasal_key
from .hedges import is_expectation
from .lexicon import CueLexicon


_ATTRIBUTIVE_DEPS = frozenset({"amod", "compound", "nmod"})  # "the said company"
_FINITE_OR_BASE = frozenset({"VB", "VBP", "VBZ", "VBD", "VBG"})


@dataclass(frozen=True)
class Cue:
    """A candidate cue: the verb, its lexicon key ("call on"), the particle of a phrasal cue, the
    key's frames (empty when the lexicon has none) and the "as" of "as X put it"."""

    tok: Token
    key: str
    particle: Token | None
    frames: frozenset[str]
    as_mark: Token | None

    @property
    def text(self) -> str:
        """The cue column: the verb as written, with its particle ("called on")."""
        return self.tok.text + (" " + self.particle.text if self.particle is not None else "")


def read_cue(tok: Token, lex: CueLexicon) -> Cue:
    key, particle = phrasal_key(tok, lex)
    as_mark = next((c for c in tok.lefts if c.dep_ == "mark" and c.lower_ == "as"), None)
    return Cue(tok, key, particle, lex.frames.get(key, frozenset()), as_mark)


def not_a_verb(d: ClaimDoc, tok: Token, lex: CueLexicon) -> bool:
    """A noun or adjective spelled like a cue, with no subject of its own ("the report", "a claim")."""
    return tok.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in tok.children)


def opens_inverted_claim(tok: Token) -> bool:
    """'Said Ellis: "..."': a capitalised past tense opening the sentence, parsed as part of the name."""
    return tok.dep_ == "compound" and tok.i == tok.sent.start and tok.tag_ == "VBD" and tok.is_title


# --- vetoes on the token -------------------------------------------------------------------


def title_case_heading(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """A heading in title case glued to its paragraph ("The Gap Goes On: It was ...")."""
    tok = cue.tok
    return tok.is_title and tok.i > d.ctx.sent_range(tok.i)[0] and tok.nbor(-1).is_title


def negated_or_attributive(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "did not say", "the said company"; not the quoted '"Probably not," she said'."""
    tok = cue.tok
    return any(c.dep_ == "neg" and not d.in_quote(c.i) for c in tok.children) or tok.dep_ in _ATTRIBUTIVE_DEPS


def counterfactual(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "So too, Stein could have added, are ...": what someone might have said, not what they did."""
    auxes = [c for c in cue.tok.children if c.dep_ == "aux"]
    return any(c.tag_ == "MD" for c in auxes) and any(c.lemma_ == "have" for c in auxes)


def without_saying(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "It goes without saying that ...", "left without commenting": nothing said."""
    return cue.tok.head.lower_ == "without" and cue.tok.dep_ == "pcomp"


def not_in_lexicon(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """A lemma that is a cue only with a particle it lacks here ("call" without "on" or "for")."""
    return not cue.frames


# --- vetoes on the cue and its frames ---------------------------------------------------------


def as_clause_without_it(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "put" reports only in "..., as X put it"."""
    return "as_clause" in cue.frames and (cue.as_mark is None or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in cue.tok.rights))


def refusal(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "declined to say how ...", "refused to comment"."""
    return cue.tok.dep_ == "xcomp" and cue.tok.head.lemma_.lower() in lex.refusals


def prospect(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "is expected to report", "is due to report": a saying to come (not "expects to say")."""
    head = cue.tok.head
    return cue.tok.dep_ == "xcomp" and head.lemma_.lower() in lex.prospects and head.tag_ not in _FINITE_OR_BASE


def participle_of_a_noun(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "Asked whether ..., he said": the question is put to the speaker, who answers after; "the
    official charged with negotiating", "the plan announced on Tuesday": a participle of a noun."""
    tok = cue.tok
    return tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children)


def expectation_as_description(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "the number of people expecting rates to rise": who they are, not what they say; "longer
    than investors expect if ...", "as analysts expected": a comparison."""
    tok = cue.tok
    if not is_expectation(tok, lex):
        return False
    return tok.dep_ == "acl" or any(t.lower_ in lex.hedge_not_after for t in tok.doc[max(d.ctx.sent_range(tok.i)[0], tok.i - 3) : tok.i])


def saying_of_quoted_as(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """The "saying" of "quoted ... as saying": the quoting verb reports it."""
    head = cue.tok.head
    return head.lower_ == "as" and "quoted_as" in lex.frames.get(head.head.lemma_.lower(), ())


def followed_by_a_non_cue(d: ClaimDoc, cue: Cue, lex: CueLexicon) -> bool:
    """ "added to gains", "showed up" (``not_followed_by`` in cues.json)."""
    tok = cue.tok
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ in lex.not_followed_by.get(tok.lemma_.lower(), ())


Veto = Callable[[ClaimDoc, Cue, CueLexicon], bool]

TOKEN_VETOES: tuple[Veto, ...] = (title_case_heading, negated_or_attributive, counterfactual, without_saying, not_in_lexicon)
CUE_VETOES: tuple[Veto, ...] = (
    as_clause_without_it,
    refusal,
    prospect,
    participle_of_a_noun,
    expectation_as_description,
    saying_of_quoted_as,
    followed_by_a_non_cue,
)


def vetoed(d: ClaimDoc, cue: Cue, lex: CueLexicon, vetoes: tuple[Veto, ...]) -> Veto | None:
    """The first veto that holds for the cue, or None."""
    return next((v for v in vetoes if v(d, cue, lex)), None)
