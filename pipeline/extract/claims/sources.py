"""Who says it: the source's tokens for a verb cue.

:func:`source_of` tries candidates best first (:func:`source_candidates`): the
cue's subject as parsed, the subject of the first cue when the parser hung a
second on its complement, a participle's governing subject, the noun phrase
right before the cue (a guess, which must look like a source), the governing
verb's subject. :func:`np_span` cuts a source at its first comma or bracket.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from ..context import TIME_ENTITIES
from .boundaries import after_heading, spaced_hyphen
from .draft import ClaimDoc
from .labels import CLAUSE_DEPS, INHERIT_DEPS, NAME_ENTITIES, NP_STOP
from .lexicon import CueLexicon, cue_lexicon


def source_ok(head: Token, key: str, lex: CueLexicon) -> bool:
    low = head.lower_
    if low in lex.group_pronouns and any(c.dep_ in ("amod", "prep", "relcl", "acl") for c in head.rights):
        return True  # "Those close to him say", "those familiar with the talks said": people
    if low in lex.not_subjects or head.dep_ == "expl" or head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"):
        return False
    if head.pos_ in ("ADJ", "DET") and low not in lex.speakers.person:
        return False  # "Thin and in his 30s, he ... said": a parse that took the adjective for the subject
    if key.split()[0] in lex.restricted and head.pos_ == "PRON":
        # "It shows ..." is the reporter's inference; "all agreed that ..." is people's
        return lex.speakers.pronoun_kind.get(low) in ("person", "plural") or low in lex.speakers.person
    if key.split()[0] in lex.restricted and head.pos_ != "PROPN":
        # "the move suggests ...": only documents, people and organisations show or suggest.
        lemma = head.lemma_.lower()
        if lemma in lex.portions or low in lex.portions:
            # "52 percent of registered voters agreed": the group's share speaks for the group
            group = next((g for p in head.rights if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"), None)
            return group is not None and source_ok(group, key, lex)
        return lemma in lex.speakers.document or lemma in lex.speakers.organization or lemma in lex.speakers.person or low in lex.speakers.document
    return True


def source_of(d: ClaimDoc, tok: Token, lex: CueLexicon) -> tuple[int, int, int] | None:
    """(start, end, head) tokens of who says it, in the cue's paragraph."""
    for span, strict in source_candidates(d, tok, lex):
        if span is None:
            continue
        head = d.tokens[span[2]]
        # "FRANKFURT (Reuters) - Puma said": a parse reaching into the dateline is no subject.
        if d.ctx.paragraph_of[head.i] != d.ctx.paragraph_of[tok.i] or not d.ctx.is_prose(head.i):
            continue
        if strict and not source_like(head, lex):
            continue  # a guessed subject must look like a source ("shares ... said" is a misparse)
        return span
    return None


def source_candidates(d: ClaimDoc, tok: Token, lex: CueLexicon) -> Iterator[tuple[tuple[int, int, int] | None, bool]]:
    """Possible sources, best first, each with whether it is a guess to be checked."""
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return  # "he was told that ...": the subject hears, it does not say
    # The subject nearest the cue: a misparse may give the verb a second one far away
    # ("These factors ... present pressures ..., he said").
    subjects = sorted((c for c in tok.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - tok.i))
    if subjects:
        child = subjects[0]
        if len(subjects) > 1 and appositive_pair(d.doc, subjects[1], child):
            child = subjects[1]  # "Ban Ki-moon, the secretary general of the United Nations, vowed": the name
        if child.lower_ in lex.relative and tok.dep_ == "relcl":
            yield antecedent(d, tok.head), False  # "Petrov, who said ..."
        elif not d.in_quote(child.i):
            yield subject_span(d, child), False
    if tok.dep_ == "conj" and tok.head.dep_ in CLAUSE_DEPS and tok.head.head.lemma_.lower() in lex.frames:
        # "Moody's said the rating was safe but added that ...": the parser hung the second cue on
        # the first one's complement; it is the first cue's subject who adds it.
        outer = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
        if outer is not None and not d.in_quote(outer.i):
            yield subject_span(d, outer), False
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj"):
        # "Moody's cut the rating ..., with a stable outlook, blaming ...": the participle's
        # subject is the governing verb's, whatever noun stands right before it.
        yield from inherited_source(d, tok, lex)
    yield surface_source(d, tok), True
    yield from inherited_source(d, tok, lex)


def appositive_pair(doc: Doc, name: Token, description: Token) -> bool:
    """Whether a second subject is the first one's description between commas: "Name, the ...,"."""
    a, b = name.right_edge.i, description.left_edge.i
    return (
        name.pos_ == "PROPN"
        and description.pos_ == "NOUN"
        and b == a + 2
        and doc[a + 1].text == ","
        and (doc[description.right_edge.i].text == "," or doc[min(description.right_edge.i + 1, len(doc) - 1)].text == ",")
    )


def inherited_source(d: ClaimDoc, tok: Token, lex: CueLexicon) -> Iterator[tuple[tuple[int, int, int] | None, bool]]:
    """The governing verb's subject: "adding that ...", "but said he charged ...", "quoted as saying"."""
    node = tok
    for _ in range(5):  # "responded ... by saying", "began by saying", "refuses to discuss X, aside from saying"
        if node.dep_ not in INHERIT_DEPS or node.head is node:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not d.in_quote(child.i):
                # The subject of a verb of saying is a source already ("the New York businessman
                # said, arguing that ..."); another verb's must look like one.
                strict = node.lemma_.lower() not in lex.frames
                if child.lower_ in lex.relative and node.dep_ == "relcl":
                    yield antecedent(d, node.head), strict
                else:
                    yield subject_span(d, child), strict
                return


def source_like(head: Token, lex: CueLexicon) -> bool:
    """Whether a word can name a source: a name, a personal pronoun, a person, organisation or document noun."""
    if head.ent_type_ in TIME_ENTITIES:
        return False  # "tweets early Friday saying ...": a date says nothing
    if head.pos_ == "PROPN" or head.ent_type_ in NAME_ENTITIES:
        return True  # a name, even one the tagger took for a common noun ("Trump")
    low = head.lower_
    if head.pos_ == "PRON":
        return lex.speakers.pronoun_kind.get(low) in ("person", "plural", "organization", "speaker")  # "I laughed and said, ..."
    lemma = head.lemma_.lower()
    return any(w in nouns for w in (low, lemma) for nouns in (lex.speakers.person, lex.speakers.organization, lex.speakers.document))


def antecedent(d: ClaimDoc, noun: Token) -> tuple[int, int, int] | None:
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
                return subject_span(d, subject)
    return np_span(d, noun)


def subject_span(d: ClaimDoc, subj: Token) -> tuple[int, int, int] | None:
    """The subject's noun phrase; a name the parser hung on its own appositive wins
    ("El-Erian, co-chief investment officer at Pimco, said" parsed with "officer" as subject)."""
    for child in subj.lefts:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and any(t.text == "," for t in d.doc[child.i : subj.i]):
            return np_span(d, child)
    if subj.pos_ == "NOUN" and not source_like(subj, cue_lexicon()):
        # "With 50 days until the election, Minyon Moore, a senior adviser ..., called": the parser
        # took the introductory phrase's noun for the subject and the name for its appositive.
        for child in subj.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and d.tokens[child.left_edge.i - 1].text == ",":
                return np_span(d, child)
    span = np_span(d, subj)
    if span is not None and not d.ctx.is_prose(subj.i):
        # "Merrill Lynch & Co Inc MER.N said": the parser made the ticker the head; the name before it is
        named = [k for k in range(span[0], subj.i) if d.ctx.is_prose(k) and not d.tokens[k].is_punct]
        if named:
            return span[0], named[-1] + 1, named[-1]
    return span


def surface_source(d: ClaimDoc, tok: Token) -> tuple[int, int, int] | None:
    """The noun phrase right before a cue the parser gave no subject, behind an appositive if needed."""
    doc = d.doc
    sent_start = d.ctx.sent_range(tok.i)[0]
    j = tok.i - 1
    while j >= sent_start and (
        (d.tokens[j].pos_ in ("ADV", "AUX", "PART") and d.tokens[j].lower_ not in ("'s", "’s", "to")) or not d.ctx.is_prose(j)
    ):
        j -= 1  # "had", "also", a stock ticker "( PUMG.DE )"
    k = j
    while k >= sent_start and d.tokens[k].ent_type_ in TIME_ENTITIES:
        k -= 1
    if sent_start <= k < j and d.tokens[k].pos_ == "ADP":
        j = k - 1  # "Russia on Tuesday accused": the source is before the date
    if j < sent_start:
        return None
    if d.tokens[j].text == ",":
        k = j - 1
        while k >= sent_start and d.tokens[k].text not in (",", ";", ":") and j - k < 16:
            k -= 1
        if k < sent_start or d.tokens[k].text != ",":
            return None
        first = d.tokens[k + 1]
        if not (first.pos_ in ("DET", "ADP", "ADJ", "PRON") or first.is_lower or first.lower_ in ("who", "which")):
            return None  # not an appositive
        j = k - 1
        while j >= sent_start and not d.ctx.is_prose(j):
            j -= 1  # "Reader's Digest Association Inc. RDA.N, publisher of ..., said"
    if j < sent_start or d.tokens[j].pos_ not in ("NOUN", "PROPN", "PRON") or d.in_quote(j):
        return None
    return np_span(d, d.tokens[j])


def np_span(d: ClaimDoc, head: Token) -> tuple[int, int, int] | None:
    """Tokens [start, end) of the noun phrase headed by ``head``, cut at its first comma or bracket."""
    doc = d.doc
    if head.pos_ == "PRON" and head.lower_ not in cue_lexicon().group_pronouns:  # but "those close to him"
        return head.i, head.i + 1, head.i
    end = _np_end(d, head)
    start = _np_start(d, head)
    after = after_heading(d, start, end)
    if after > head.i:
        # The parser took a glued heading's word for the head ("ANOTHER HEADACHE FOR ... Fox-Pitt Kelton
        # estimated"): the subject is the phrase after the heading, headed where it attaches outside.
        inner = [t for t in doc[after:end] if not (after <= t.head.i < end) or t.head.i == t.i]
        if not inner:
            return None
        head = inner[-1]
    return max(start, min(after, head.i)), end, head.i


def _np_end(d: ClaimDoc, head: Token) -> int:
    """End of the noun phrase: before a clause or a dated phrase on the head, and at the first stop."""
    doc = d.doc
    end = head.right_edge.i + 1
    for child in head.rights:
        if _not_the_name(child):
            end = min(end, child.left_edge.i)
    for k in range(head.i + 1, end):
        # a word of the verb's the parser put inside the phrase ("a letter from his doctor [Friday afternoon] that")
        if d.tokens[k].text in NP_STOP or d.tokens[k].is_space or not head.is_ancestor(d.tokens[k]) or spaced_hyphen(d.tokens[k]):
            return k
    return end


def _not_the_name(child: Token) -> bool:
    """A right child of a source's head that is not part of its name: "a report on Monday that
    showed ...", "Chuck Ellis on stepping out of the cockpit"; "Russia on Tuesday accused ...": a
    date the parser hung on the subject; "a letter from his doctor Friday afternoon"."""
    if child.dep_ in ("relcl", "acl"):
        return child.tag_ != "VBN"
    if child.dep_ == "prep":
        return any((t.pos_ == "VERB" and t.dep_ != "amod") or t.ent_type_ in TIME_ENTITIES for t in child.subtree)
    return child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTITIES


def _np_start(d: ClaimDoc, head: Token) -> int:
    """Start of the noun phrase: after the last stop before the head, with a compound name the
    parser left out ("Daniel Weiss"), without punctuation and tickers."""
    doc = d.doc
    start = head.left_edge.i
    for k in range(head.i - 1, start - 1, -1):
        if d.tokens[k].text in NP_STOP or d.tokens[k].is_space or spaced_hyphen(d.tokens[k]):
            start = k + 1
            break
    # A head the parser took for the whole NP's tail may miss its compound name ("Daniel Weiss").
    while start > 0 and d.tokens[start - 1].pos_ == "PROPN" and d.tokens[start - 1].head.i == head.i:
        start -= 1
    while start < head.i and (d.tokens[start].is_punct or not d.ctx.is_prose(start)):
        start += 1
    return start
