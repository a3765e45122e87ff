"""What the parse says around one word, with no story look-ups.

Decides which word is a verb's subject (through xcomp/conj/acl links, with
relative and reported pronouns resolved), which words are a noun's "of" (or
other) objects, and which noun names the goods ("1,000 tonnes of cargo" ->
cargo) and whether it is a known commodity.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon, lexicon

# the words that modify a noun from its left ("Russian gas", "crude tankers", "oil and gas start-up"):
# where a route's cargo, mode, party or bloc is read before the noun
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def subject(verb: Token) -> Token | None:
    """The subject of a verb, following xcomp/conj/acl links and resolving relative and reported pronouns."""
    lex = lexicon()
    v = verb
    for _ in range(5):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return resolve_pronoun(c, v, lex)
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and v.head.i != v.i:  # acomp: "will be able to export"
            v = v.head
            continue
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head
        break
    return None


def resolve_pronoun(subj: Token, verb: Token, lex: Lexicon) -> Token:
    low = subj.lower_
    if low in ("which", "that", "who") and verb.dep_ == "relcl":
        return verb.head
    if low in ("it", "they"):
        v = verb
        for _ in range(3):
            if v.dep_ == "ccomp" and v.head.lemma_.lower() in lex.speech_verbs:
                for c in v.head.children:
                    if c.dep_ == "nsubj" and c.lower_ not in ("it", "they"):
                        return c  # "the monopoly said it would build"
                break
            if v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
                v = v.head
                continue
            break
    return subj


def of_objects(t: Token, prep: str = "of") -> list[Token]:
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            out.extend(o for o in c.children if o.dep_ == "pobj")
    return out


def is_commodity(t: Token) -> bool:
    commodities = lexicon().commodities
    return t.lemma_.lower() in commodities or t.lower_ in commodities


def cargo_nouns(verb: Token, strict: bool) -> list[Token]:
    """The goods a verb's object names (``strict``: only known commodities)."""
    out = []
    for c in verb.children:
        if c.dep_ == "dobj":
            for t in [c, *c.conjuncts]:
                head = cargo_head(t)
                if head is not None and (not strict or is_commodity(head)):
                    out.append(head)
    return out


def cargo_head(t: Token) -> Token | None:
    """The noun that names the goods: "1,000 tonnes of cargo" -> cargo; "36,000 tonnes of oil products" -> products."""
    lex = lexicon()
    for _ in range(3):
        if t.lemma_.lower() in lex.measure_nouns or t.pos_ == "NUM" or t.like_num or t.ent_type_ == "MONEY":
            objs = of_objects(t) or of_objects(t, "in")  # "$893 million in auto parts"
            if not objs:
                return t if is_commodity(t) else None
            t = objs[0]
            continue
        return t
    return None


def sold_in_market(noun: Token) -> bool:
    """Whether a flow noun's place modifier is the market it is sold in ("U.S. auto sales",
    "Canadian car sales"): a sales noun with no "to"/"from" of its own ("U.S. arms sales to
    Taiwan" come from the U.S.)."""
    lex = lexicon()
    if noun.lemma_.lower() not in lex.market_flow_nouns:
        return False
    preps = lex.destination_preps | lex.origin_preps
    if any(c.dep_ == "prep" and c.lower_ in preps for c in noun.children):
        return False
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is None or after.lower_ not in preps  # "calls U.S. arms sales to Taiwan", "to" hung on the verb


def relation_place(p: Token) -> bool:
    """Rule ``partners_across`` (audit 50k, lost to ``transit_not_end``): "across" or "through" on a
    standing relation noun ("China's trading partners across Europe") says where the partners are,
    not a place passed: the place is the partner end (lexicon ``relation_nouns``)."""
    head, nouns = p.head, lexicon().relation_nouns
    return head.pos_ in ("NOUN", "PROPN") and (head.lemma_.lower() in nouns or head.lower_ in nouns)
