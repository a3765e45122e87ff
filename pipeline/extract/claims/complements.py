"""The second half of a complement the parser hung on the cue instead.

"said Trump has respect for the military and his comment was ...": the
parser often attaches a coordinated clause or phrase to the cue rather than to
the complement. :func:`coordinated_end` extends the content over such halves
when they continue what is said, and stops at the source's own next act ("and
left the room") or another attribution ("and Democrats accused ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from .draft import ClaimDoc
from .hedges import withholds
from .labels import SUBJECT_DEPS, WORD
from .lexicon import CueLexicon


def coordinated_end(d: ClaimDoc, tok: Token, end: int, lex: CueLexicon) -> int:
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
            or modal_continuation(c, lex)
            or (after_cc and quoting_clause(d, c, lex))
            or (after_cc and second_complement(d, c, lex))
        ):
            end = c.right_edge.i
            continue
        break
    return end


def second_complement(d: ClaimDoc, c: Token, lex: CueLexicon) -> bool:
    """A second clause joined by a bare "and" or "but" with a subject of its own, not a personal
    pronoun ("and he left the room" is the reporter's), and no cue ("said it was early days for
    the recovery and the bank stood by its forecast", "said there was a risk of stagflation but
    there were differences now"): the parser hung the complement's second half on the cue. After
    a comma it is the reporter's own news ("said profit rose, and shares fell")."""
    cc = d.tokens[c.left_edge.i - 1] if c.left_edge.i > 0 else None
    subject = next((k for k in c.children if k.dep_ in SUBJECT_DEPS), None)
    return (
        conjoined_clause(c, lex)
        and c.pos_ in ("VERB", "AUX")
        and cc is not None
        and cc.lower_ in ("and", "but")
        and cc.i > 0
        and d.tokens[cc.i - 1].text != ","
        and subject is not None
        and (subject.pos_ in ("NOUN", "PROPN") or subject.dep_ == "expl")
    )


def conjoined_clause(c: Token, lex: CueLexicon) -> bool:
    """A conjunct that opens with a word of its own, not a verb ("but voiced concern there was
    ...": the source's own act), and reports no one else (:func:`reports_someone`)."""
    return c.dep_ == "conj" and not c.doc[c.left_edge.i].tag_.startswith("VB") and not reports_someone(c, lex)


def reports_someone(c: Token, lex: CueLexicon) -> bool:
    """Whether a clause holds a verb of saying with a subject of its own: another attribution
    ("... and Democrats accused the GOP"), not an infinitive ("differences now to suggest ...")."""
    return any(t.lemma_.lower() in lex.frames and t.pos_ == "VERB" and any(k.dep_ in SUBJECT_DEPS for k in t.children) for t in c.subtree)


def quoting_clause(d: ClaimDoc, c: Token, lex: CueLexicon) -> bool:
    """A coordinated clause with a subject of its own that holds the source's quoted words (two
    words at least: one is a scare quote) and no cue of its own: the reporter goes on with what
    was said, not with what happened."""
    return (
        conjoined_clause(c, lex)
        and c.lemma_.lower() not in lex.frames
        and any(k.dep_ in SUBJECT_DEPS and k.i < c.i for k in c.children)
        and any(len(WORD.findall(d.text[q.inner_start : q.inner_end])) >= 2 for q in d.quotes_in(d.tokens[c.left_edge.i].idx, d.char_end(c.right_edge.i)))
    )


def modal_continuation(c: Token, lex: CueLexicon) -> bool:
    """A verb with a modal and no subject of its own hung on the cue that goes on with what is said
    ("says it would depress revenue ..., but would eventually add $84 billion"): the reporter
    tells a source's acts without a modal, unless one of withholding ("would not elaborate")."""
    return (
        c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(k.dep_ == "aux" and k.tag_ == "MD" for k in c.children)
        and not any(k.dep_ in SUBJECT_DEPS for k in c.children)
        and not withholds(c, lex)
    )
