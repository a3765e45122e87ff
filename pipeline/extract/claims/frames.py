"""Content after the cue, frame by frame.

Each cue key in ``models/lexicons/cues.json`` lists the frames that say where
its content is. One reader per frame returns the content's tokens or None;
:data:`FRAME_READERS` is the table of (frame, rule, reader) tried in order, and
the reader that answers names the row's rule ("verb:clause",
"verb:object_infinitive", ...):

=====================  ===================================================
``clause``             "said (that) ...", with the parser's misreadings
``object_infinitive``  "urged Congress to act", "called on states to ..."
``infinitive``         "pledged to ..."
``prep_object``        "called for ..."
``object``             "announced the deal"
``document_object``    "Polls show a close contest"
``object_reason``      "accused Russia of ..."
``object_as``          "described the service as ..."
=====================  ===================================================

To add a frame: add it to cues.json, write a reader with the signature of
:data:`Reader` and a docstring example, and put it in the table.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from ..context import TIME_ENTITIES
from .boundaries import clause_end, closes_its_sentence
from .complements import coordinated_end
from .draft import ClaimDoc, token_chars
from .labels import CLAUSE_DEPS, DASHES, FINITE, QUOTE_MARKS, SUBJECT_DEPS
from .lexicon import CueLexicon


def phrasal_key(tok: Token, lex: CueLexicon) -> tuple[str, Token | None]:
    """The cue's lexicon key: "call on" when a particle or preposition that makes a phrasal cue follows."""
    for child in tok.rights:
        if child.dep_ in ("prt", "prep") and child.i <= tok.i + 2:
            key = f"{tok.lemma_.lower()} {child.lower_}"
            if key in lex.frames:
                return key, child
        break
    return tok.lemma_.lower(), None


# A reader gets the cue, its right-hand children, the particle of a phrasal cue and the lexicon,
# and returns the content's token span [first, last] or None (the next reader tries).
Reader = Callable[[ClaimDoc, Token, list[Token], "Token | None", CueLexicon], "tuple[int, int] | None"]


def read_complement_clause(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "said (that) X would ...": the first clause after the cue with a subject of its own that is
    a complement (or an unmarked finite clause the parser took for an adverbial)."""
    for c in rights:
        subject = next((k for k in c.children if k.dep_ in SUBJECT_DEPS and clause_subject(k)), None)
        if subject is None:
            continue
        if c.dep_ in CLAUSE_DEPS and not adverbial(c, lex):
            a = c.left_edge.i
            if a == tok.i + 1 and dates_the_saying(d.doc[a : subject.left_edge.i], c):
                a = subject.left_edge.i  # "said on Friday it would impose ...": when it was said
        elif unmarked_finite_clause(c):
            # "Trump said after the convention he would not accept ...": the parser made the
            # complement adverbial for the phrase before it; the phrase dates the saying
            a = subject.left_edge.i
        else:
            continue
        a = _complement_start(d, tok, c, a)
        return a, _complement_end(d, tok, c, subject, a, lex)
    return None


def _complement_start(d: ClaimDoc, tok: Token, c: Token, a: int) -> int:
    """First token of a complement clause: after the cue's own objects when the clause reaches back
    before the cue, and after its "that"."""
    if a < tok.i:
        a = tok.i + 1
        while a <= c.i and d.tokens[a].dep_ in ("dobj", "dative", "prep", "pobj", "npadvmod", "punct") and d.tokens[a].head.i in (tok.i,):
            a += 1
    if d.tokens[a].lower_ == "that" and d.tokens[a].dep_ == "mark":
        a += 1
    return a


def _complement_end(d: ClaimDoc, tok: Token, c: Token, subject: Token, a: int, lex: CueLexicon) -> int:
    """Last token of a complement clause: with a second half the parser hung on the cue, without a
    reporting clause that closes the sentence."""
    end = clause_end(d, c, lex)
    if end == c.right_edge.i:
        end = coordinated_end(d, tok, end, lex)
    comma = subject.left_edge.i - 1
    if c.lemma_.lower() in lex.frames and comma > a and d.tokens[comma].text == "," and closes_its_sentence(c, c.i + 1):
        end = comma - 1  # "said [X, the Journal reported]": the parser made the closing reporting clause the complement
    return end


def read_gerund_subject(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "said helping Greece was unavoidable" (:func:`gerund_subject_clause`)."""
    gerund = gerund_subject_clause(tok, rights)
    return (gerund.left_edge.i, clause_end(d, gerund, lex)) if gerund is not None else None


def read_object_as_subject(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "estimated BB&T Corp ... still need to" (:func:`object_as_subject`): to the sentence's end."""
    subject = object_as_subject(d, tok)
    return (subject.i, d.ctx.sent_range(tok.i)[1] - 1) if subject is not None else None


def read_relative_complement(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "$75 a share, which his counterpart maintained was a "non-starter"": the relative pronoun
    is the complement's subject, so the complement has none of its own after the cue, or the
    parser hung the pronoun on it ("the industry, which they say suffers from overcapacity")."""
    if tok.dep_ != "relcl" or not (
        any(k.dep_ == "dobj" and k.lower_ in lex.relative for k in tok.children)
        or not any(k.lower_ in lex.relative for k in tok.children)  # "meddling [that] the congressman said is designed to ..."
    ):
        return None
    c = next(
        (c for c in rights if c.dep_ in CLAUSE_DEPS and all(k.i < tok.i and k.lower_ in lex.relative for k in c.children if k.dep_ in SUBJECT_DEPS)),
        None,
    )
    return (max(c.left_edge.i, tok.i + 1), clause_end(d, c, lex)) if c is not None else None


def read_object_infinitive(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "urged Congress to act": the one urged and the act, as PolNeAR's annotators and ours mostly
    mark it; the one urged is also the claim's addressee (:func:`addressee_token`)."""
    obj = addressee_token(tok, particle)
    xcomp = next((c for c in rights if c.dep_ in ("xcomp", "ccomp", "advcl") and any(t.lower_ == "to" for t in c.lefts)), None)
    if obj is not None and xcomp is not None:
        return min(obj.left_edge.i, xcomp.left_edge.i), infinitive_end(tok, xcomp)
    ccomp = next((c for c in rights if c.dep_ == "ccomp"), None)
    if particle is None and ccomp is not None and any(t.lower_ == "to" for t in ccomp.lefts):
        return ccomp.left_edge.i, ccomp.right_edge.i  # "urged Congress to act", parsed as a clause
    return None


def read_infinitive(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "pledged to cap ... emissions"."""
    xcomp = next((c for c in rights if c.dep_ == "xcomp" and any(t.lower_ == "to" for t in c.lefts)), None)
    return (xcomp.left_edge.i, infinitive_end(tok, xcomp)) if xcomp is not None else None


def read_prep_object(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "called for a ban": the preposition's object."""
    if particle is None or particle.dep_ != "prep":
        return None
    pobj = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return None
    end = pobj.right_edge.i
    # "called for contestants to wear ...": the infinitive hangs on the verb
    xcomp = next((c for c in rights if c.dep_ == "xcomp" and c.i > end), None)
    return pobj.left_edge.i, xcomp.right_edge.i if xcomp is not None else end


def read_object(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "advertises X": the object, and a conjoined cue with the same subject ("and says they ...")."""
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    end = obj.right_edge.i
    for c in rights:
        if c.dep_ == "conj" and c.i > end:
            end = c.right_edge.i
    return obj.left_edge.i, end


def read_document_object(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "Polls show a close contest in the state", "A 2014 study found 31 incidents of ...": what a
    document shows is its object and what the verb adds to it."""
    subject = next((c for c in tok.lefts if c.dep_ == "nsubj"), None)
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if subject is None or obj is None or subject.lemma_.lower() not in lex.speakers.document:
        return None
    end = obj.right_edge.i
    for c in rights:  # what the verb adds to its object ("show Clinton with a lead"), up to a coordination
        if c.i <= end:
            continue
        if c.dep_ in ("cc", "conj", "punct"):
            break
        end = c.right_edge.i
    return obj.left_edge.i, end


def read_object_reason(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "accused Russia of ...", "blamed X on ...": the one charged and the charge, which may hang
    on the verb or on the object."""
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    end = max([obj.right_edge.i] + [c.right_edge.i for c in rights if c.dep_ == "prep" and c.lower_ in lex.reason_prepositions])
    return obj.left_edge.i, coordinated_end(d, tok, end, lex)


def read_object_as(d: ClaimDoc, tok: Token, rights: list[Token], particle: Token | None, lex: CueLexicon) -> tuple[int, int] | None:
    """ "described the service as ...", 'called the tariff increase a "politically motivated decision"'."""
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    predicates = [c for c in rights if c.dep_ == "oprd"]
    if obj is None and len(predicates) >= 2 and not d.in_quote(predicates[0].i):
        obj = predicates.pop(0)  # both parsed as predicates
    rest = next((c for c in rights if (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ == "oprd" and c in predicates)), None)
    if obj is None or rest is None:
        return None
    return obj.left_edge.i, coordinated_end(d, tok, rest.right_edge.i, lex)


# (frame, rule, reader) in the order they are tried: the first reader whose frame the cue has and
# that finds a span gives the content, and its rule names the row's.
FRAME_READERS: tuple[tuple[str, str, Reader], ...] = (
    ("clause", "clause", read_complement_clause),
    ("clause", "gerund_subject", read_gerund_subject),
    ("clause", "object_as_subject", read_object_as_subject),
    ("clause", "relative_complement", read_relative_complement),
    ("object_infinitive", "object_infinitive", read_object_infinitive),
    ("infinitive", "infinitive", read_infinitive),
    ("prep_object", "prep_object", read_prep_object),
    ("object", "object", read_object),
    ("document_object", "document_object", read_document_object),
    ("object_reason", "object_reason", read_object_reason),
    ("object_as", "object_as", read_object_as),
)


def right_content(d: ClaimDoc, tok: Token, frames: frozenset[str], particle: Token | None, lex: CueLexicon) -> tuple[str, tuple[int, int]] | None:
    """The rule and content chars from the cue's complement: the first of :data:`FRAME_READERS`
    for the cue's frames that finds one."""
    rights = [c for c in tok.rights if c.i > tok.i]
    for frame, rule, reader in FRAME_READERS:
        if frame in frames:
            span = reader(d, tok, rights, particle, lex)
            if span is not None:
                return rule, token_chars(d, span[0], span[1])
    return None


def dates_the_saying(words: Span, clause: Token) -> bool:
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


def object_as_subject(d: ClaimDoc, tok: Token) -> Token | None:
    """First word of the complement's subject when the parser took it for the cue's object and a
    finite verb follows it ("estimated BB&T Corp ... still need to", 'cautioned the U.S. tariff
    "could hinder or derail" ...', "say the tie-up, creating the world's largest coal exporter,
    will only formalize ..."): past adverbs, dashes, quotation marks and an aside set off by
    commas. The object of "tell" is the one told, never such a subject."""
    obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
    if obj is None or tok.lemma_.lower() == "tell":
        return None
    doc, sent = d.doc, d.ctx.sent_span(tok.i)
    k = _after_the_object(d, tok, obj)
    if k is None:
        return None
    verb = d.tokens[k] if k < sent.end else None
    if verb is None or verb.tag_ not in FINITE:
        return None
    # the verb hangs on the cue or the object, not on a clause of its own ("as the operator works")
    # nor on what governs the cue ("A survey predicting another year of growth helped to lift ...")
    clause = verb if verb.dep_ not in ("aux", "auxpass") else verb.head
    if clause.is_ancestor(tok) or any(c.dep_ == "mark" for c in clause.children):
        return None
    return d.tokens[obj.left_edge.i]


def _after_the_object(d: ClaimDoc, tok: Token, obj: Token) -> int | None:
    """First token after the cue's object that may be a finite verb: past an aside set off by commas,
    adverbs, dashes and quotation marks ("said single people and families - gay, ... - would")."""
    doc, sent = d.doc, d.ctx.sent_span(tok.i)
    aside = {t.i for c in tok.children if c.i > obj.i and c.dep_ in ("advcl", "acl", "appos") for t in c.subtree}
    k = obj.right_edge.i + 1
    if k < sent.end and d.tokens[k].text == "," and k + 1 in aside:
        k = max(t for t in aside if t >= k) + 1
        if k >= sent.end or d.tokens[k].text != ",":
            return None
        k += 1
    while k < sent.end and (d.tokens[k].pos_ == "ADV" or d.tokens[k].text in DASHES or d.tokens[k].text in QUOTE_MARKS):
        k += 1
    return k


def gerund_subject_clause(tok: Token, rights: list[Token]) -> Token | None:
    """A gerund right after the cue that the parser took for the cue's own verb, with the finite
    verb it is the subject of hung on it ("said helping Greece was unavoidable": the complement is
    "helping Greece was unavoidable", not an act of the speaker's)."""
    gerund = next((c for c in rights if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == tok.i + 1), None)
    if gerund is None:
        return None
    finite = any(c.dep_ in CLAUSE_DEPS and c.tag_ in FINITE and not any(k.dep_ == "mark" for k in c.children) for c in gerund.rights)
    return gerund if finite else None


def unmarked_finite_clause(clause: Token) -> bool:
    """An adverbial clause with a finite verb and no subordinator ("[after the convention] he
    would not accept"): a complement clause the parser misread."""
    return (
        clause.dep_ == "advcl"
        and not any(k.dep_ == "mark" or (k.dep_ == "advmod" and k.tag_ == "WRB") for k in clause.children)
        and (clause.tag_ in FINITE or any(k.dep_ in ("aux", "auxpass") and k.tag_ in FINITE for k in clause.children))
    )


def adverbial(clause: Token, lex: CueLexicon) -> bool:
    """Whether a clause is adverbial ("before he died", "when Congress cut funding"): opened by a
    subordinator of its own, not by "that"."""
    return any(k.dep_ in ("mark", "advmod") and k.lower_ in lex.subordinators and k.i < clause.i for k in clause.children)


def addressee_token(tok: Token, particle: Token | None) -> Token | None:
    """The one a statement is made to: the object of "told Reuters", "warned investors that",
    "urged Congress to act", or of the particle of "called on states to", "appealed to"; a
    subject the parser gave the infinitive instead ("urged Congress to act" as a clause)."""
    if particle is not None and particle.dep_ == "prep":
        return next((c for c in particle.children if c.dep_ == "pobj"), None)
    obj = next((c for c in tok.rights if c.dep_ in ("dobj", "dative") and c.ent_type_ not in TIME_ENTITIES), None)
    if obj is not None:
        return obj
    clause = next((c for c in tok.rights if c.dep_ == "ccomp" and any(t.lower_ == "to" and t.dep_ == "aux" for t in c.lefts)), None)
    return next((k for k in clause.lefts if k.dep_ in SUBJECT_DEPS), None) if clause is not None else None


def infinitive_end(tok: Token, xcomp: Token) -> int:
    """Last token of a to-infinitive, with a second bare infinitive the parser hung on the cue
    ("pledged to cap and then gradually reduce their emissions")."""
    end = xcomp.right_edge.i
    for c in tok.rights:
        if c.i > end and c.dep_ == "conj" and c.tag_ == "VB" and not any(k.dep_ in SUBJECT_DEPS for k in c.children):
            end = c.right_edge.i
    return end


def clause_subject(k: Token) -> bool:
    """Whether a subject makes its clause a complement: not a relative pronoun ("which said"),
    but the demonstrative of "said that would permit ..." (DT, where the relative is WDT)."""
    low = k.lower_
    return low not in ("that", "which", "who") or (low == "that" and k.tag_ == "DT")


def surface_clause(d: ClaimDoc, tok: Token, sent) -> tuple[int, int] | None:
    """A complement clause the parser attached elsewhere: "insisted in a statement that ...",
    "indicated quick approval of the project is not likely"."""
    doc = d.doc
    end = d.char_end(sent.end - 1)
    for j in range(tok.i + 1, min(sent.end - 1, tok.i + 14)):
        t = d.tokens[j]
        if t.lower_ == "that":
            nxt = d.tokens[j + 1]  # (within a dozen words: "told one of his young proteges on a regular basis that")
            if nxt.pos_ in ("VERB", "AUX") or nxt.is_punct:
                return None  # "that was released": a relative clause
            # ("that" right after the cue opens its complement, whatever the parse made of it, when a
            # finite verb follows: "estimated that commercial real estate represented ...")
            opens = j == tok.i + 1 and any(t.tag_ in FINITE for t in doc[j + 2 : sent.end])
            if not opens and tok.lemma_ != "tell" and any(c.dep_ == "dobj" and c.left_edge.i <= j <= c.right_edge.i for c in tok.rights):
                # "maintain the image of the strong leader that Mr. Trump so admires": the object's clause
                # (the object of "told a meeting of leaders that ..." is who was told)
                return None
            return nxt.idx, end
        if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_MARKS or t.text in (":", ";", ","):
            break
    subject = object_as_subject(d, tok)
    return (subject.idx, end) if subject is not None else None
