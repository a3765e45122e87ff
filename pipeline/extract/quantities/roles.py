"""The parse around a quantity: what it measures, whether it is a change, its verb and its owner."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import lex
from .surfaces import _Surface


_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_DURATION_PREPS = frozenset({"for", "within", "in", "over", "after", "during", "since", "about"})
_NP_RIGHT_PREPS = frozenset({"of", "between", "with", "in", "on", "for", "from", "to", "per"})


def _span_head(doc: Doc, a: int, b: int) -> Token:
    """The token of [a, b) whose head lies outside the span (the last one if several)."""
    outside = [t for t in doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i]
    if not outside:
        return doc[b - 1]
    # "3.72 trillion won": the parser may make the unit a verb of its own; the number is the head
    nominal = [t for t in outside if t.pos_ not in _VERBS]
    return (nominal or outside)[-1]


def _same(x: Token | None, y: Token | None) -> bool:
    return x is not None and y is not None and x.i == y.i


def _verb_of(tok: Token, limit: int = 6) -> Token | None:
    t = tok
    for _ in range(limit):
        if t.pos_ in _VERBS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return t if t.pos_ in _VERBS else None


_RELATIVES = frozenset({"which", "that", "who"})
_PERSONAL = frozenset({"i", "we", "you", "they", "he", "she", "it"})


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative pronoun stands for: "costs, which the company said were up 40 percent"."""
    t = verb
    for _ in range(3):
        if t.dep_ == "relcl" and t.head.pos_ in _NOUNS:
            agent = t.head.head
            thing = agent.head.head
            if t.head.dep_ == "pobj" and t.head.pos_ == "NOUN" and agent.dep_ == "agent" and agent.head.dep_ == "acl" and thing.pos_ in _NOUNS and not _is_amount(thing):
                return thing  # rule agent_antecedent: "student loans made by the government, which grew": the loans
            return t.head
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _past_dateline(tok: Token) -> Token | None:
    """Rule dateline: "MIAMI (Reuters) - A Miami businessman was sentenced": the parser may make the
    dateline the subject, with the real one in apposition after the agency; the place is never measured."""
    agency = next((c for c in tok.children if c.dep_ == "appos" and c.text in lex().wire_agencies), None)
    if agency is None:
        return tok
    return next((c for c in tok.children if c.dep_ == "appos" and c.i > agency.i and c.pos_ in _NOUNS), None)


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a conjoined, controlled or participial verb shares its head's."""
    v = verb
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        for c in subjects:
            if c.lower_ in _RELATIVES:
                return _antecedent(v) or c
            real = _past_dateline(c)
            if real is not None:
                return real  # (rule dateline: "LOS ANGELES (Reuters) - Shares of Amazon.com plunged": the second subject)
        if subjects:
            return None
        before = v.doc[v.i - 2] if v.i > 1 and v.doc[v.i - 1].text == "," else None
        describing = v.tag_ == "VBN" or (v.tag_ == "VBG" and v.lemma_.lower() in lex().describing_participles)
        if describing and v.dep_ in ("advcl", "conj") and before is not None and _counted_noun(before):
            # rule comma_participle: "U.S. food prices, expected to rise by 5 percent", "70,000 tax credit claims,
            # totaling $489 million": the participle after a comma describes the noun before it, not the clause's subject
            return before
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in _NOUNS and _is_amount(v.head) and v.head.head.i != v.head.i:
            v = v.head.head  # "were up $1.98, or 5.12 percent, to end at $40.62": an amount is not what the clause is about
            continue
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in _NOUNS:
            return v.head  # (rule participle_noun, acl: "revolving credit, which includes credit cards, shrank by $3.7 billion")
        if v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i and v.head.pos_ in _VERBS:
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head.pos_ in _VERBS:
            v = v.head.head  # rule gerund_clause: "Its shares ended higher, after earlier dropping 10.6 percent"
            continue
        if v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.dep_ == "acomp" and v.head.head.pos_ in _VERBS:
            v = v.head.head  # "shipments are likely to fall 9.7 percent"
            continue
        break
    # the parser lost it ("... and capacity could go up to 18 million tpy"): the noun right before the verb group
    i = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")] + [verb.i]) - 1
    if i >= 0 and verb.doc[i].pos_ in _NOUNS and verb.doc[i].dep_ not in ("pobj", "dobj", "compound"):
        return verb.doc[i]
    return None


def _np(doc: Doc, head: Token, exclude: tuple[int, int], max_tokens: int = 14) -> str:
    """The noun phrase of ``head``: its modifiers and first "of"/"in"/"between" complement, minus the quantity.

    Relative clauses, appositions and coordinated phrases that hold another
    number are left out; the phrase is the contiguous run of kept tokens
    around the head, without a leading determiner.
    """
    keep: set[int] = {head.i}
    stack = list(head.children)
    first_prep = next((c.i for c in head.children if c.dep_ == "prep" and c.i > head.i and c.lower_ in _NP_RIGHT_PREPS), None)
    while stack:
        c = stack.pop()
        if exclude[0] <= c.i < exclude[1]:
            continue
        direct = c.head.i == head.i
        if c.dep_ in ("punct", "relcl", "acl", "appos", "advcl", "parataxis") and not (c.is_punct and c.text in ("-", "'", "’")):
            continue
        if c.dep_ in ("conj", "cc") and direct and any(d.like_num for k in c.head.children if k.dep_ == "conj" for d in k.subtree):
            continue  # "passengers and 1,000 tonnes of cargo": the other quantity's phrase (not "France, Denmark and Italy, which were below 133 grams")
        if c.dep_ == "prep" and direct and c.i != first_prep:
            continue
        if c.dep_ == "det" and direct and c.i < head.i:
            continue
        keep.add(c.i)
        stack.extend(c.children)
    lo = hi = head.i
    while lo - 1 in keep and not (exclude[0] <= lo - 1 < exclude[1]):
        lo -= 1
    while (hi + 1 in keep or _list_comma(doc, hi + 1, keep)) and not (exclude[0] <= hi + 1 < exclude[1]):
        hi += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep", "case")):
        hi -= 1  # no dangling "and", "of" or comma at the end
    if hi - lo + 1 > max_tokens:
        hi = lo + max_tokens - 1
    return doc[lo : hi + 1].text.strip()


def _list_comma(doc: Doc, i: int, keep: set[int]) -> bool:
    """The comma of a kept coordination: "France, Denmark and Italy"."""
    return i + 1 < len(doc) and doc[i].text == "," and i + 1 in keep and doc[i + 1].dep_ == "conj"


def _verb_phrase(doc: Doc, verb: Token, exclude: tuple[int, int]) -> str:
    """"worked in Russia", "playing off Beijing and Moscow", "decide": the verb with its particle and object."""
    parts = [verb.i]
    for c in verb.children:
        if exclude[0] <= c.i < exclude[1]:
            continue
        if c.dep_ == "prep" and verb.i < exclude[0] < c.i:
            break  # "sentenced to 50 years in prison on Friday": not a phrase over the quantity
        if c.dep_ in ("prt", "dobj") or (c.dep_ == "prep" and c.i > verb.i and not any(exclude[0] <= d.i < exclude[1] for d in c.subtree)):
            sub = [d.i for d in c.subtree]
            if len(sub) <= 6:
                parts.extend(sub)
            break
    lo, hi = min(parts), max(parts)
    return doc[lo : hi + 1].text


@dataclass
class _Roles:
    measured: str | None = None
    measured_token: Token | None = None
    change: str | None = None
    verb: Token | None = None
    owner: Token | None = None  # token of the subject or possessor
    fallback: str | None = None  # what is measured when neither the parse nor a compared quantity says
    pronoun: Token | None = None  # "it" or "they", the subject of a clause that measures nothing else
    per: str | None = None  # rule bare_rate_noun: "$35.40 barrel"


def _change_of(tok: Token) -> str | None:
    lx = lex()
    lemma = tok.lemma_.lower()
    if tok.pos_ in _VERBS:
        phrasal = next((lx.phrasal_changes[k] for c in tok.children if c.dep_ == "prt" and (k := f"{lemma} {c.lower_}") in lx.phrasal_changes), None)
        if phrasal is not None:
            return phrasal  # "gave up 18.4 percent": a fall, though the particle says up
        if lemma in lx.change_up:
            return "up"
        if lemma in lx.change_down:
            return "down"
        for c in tok.children:
            # not "grow 5 to 7 percent ..., down 1 percent from its earlier view": that particle has its own quantity
            if c.dep_ in ("prt", "advmod") and c.lower_ in lx.change_particles and not any(d.like_num for d in c.subtree):
                return lx.change_particles[c.lower_]
        return None
    if tok.pos_ in _NOUNS:
        if lemma in lx.change_nouns_up:
            return "up"
        if lemma in lx.change_nouns_down:
            return "down"
        return None
    if tok.lower_ in lx.change_particles and tok.pos_ in ("ADV", "ADP", "ADJ"):
        return lx.change_particles[tok.lower_]
    return None


_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "npadvmod", "quantmod", "poss"})  # poss: "60 to 90 days' notice"
_ARGUMENT_DEPS = frozenset({"dobj", "npadvmod", "attr", "acomp", "oprd", "advmod", "nsubj", "nsubjpass", "ROOT", "dative", "pcomp"})
_CLAUSE_MARKS = frozenset({"after", "before", "since", "until", "when", "while"})
_TIME_NOUNS = frozenset({"day", "week", "month", "year", "hour", "night"})


def _preps_after(doc: Doc, a: int, b: int) -> list[Token]:
    """The prepositions after the quantity on its tokens, then on a participle right after it
    (rule participle_purpose: "another $78 billion set aside for the FDIC")."""
    preps = [c for t in doc[a:b] for c in t.children if c.dep_ == "prep" and c.i >= b]
    for t in doc[a:b]:
        for c in t.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.i >= b:
                preps += [d for d in c.children if d.dep_ == "prep" and d.lower_ == "for"]
    return preps


def _copula_subject(head: Token) -> Token | None:
    """Rule copula_subject: "The undrawn fee was 8 basis points for the tranche": the noun subject of a copula."""
    if head.dep_ == "attr":
        v = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.dep_ == "prep":
        v = head.head.head  # "the agreement is for five years", not "it was in talks for two years"
        if any(c.dep_ in ("attr", "acomp") for c in v.children):
            return None
    else:
        return None
    if v.lemma_ != "be":
        return None
    subj = _subject(v)
    return subj if subj is not None and subj.pos_ in _NOUNS else None


def _complement(doc: Doc, a: int, b: int, kind: str) -> Token | None:
    """"500,000 tonnes of crude", "$5 billion for a pipeline project", "100 km from the border": the noun after the quantity."""
    lx = lex()
    for c in _preps_after(doc, a, b):
        p = c.lower_
        pobj = next((d for d in c.children if d.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in _NOUNS | {"PRON"}:
            continue
        in_ok = kind != "duration" or pobj.lemma_.lower() in lx.duration_in_nouns  # rule duration_in: "50 years in prison"
        if not (p in ("of", "for", "on") or (p == "in" and in_ok) or (p == "from" and kind == "length")):
            continue
        if p in ("in", "on") and pobj.ent_type_ in ("DATE", "GPE", "LOC", "TIME"):
            continue
        if p == "for" and pobj.lower_ in _TIME_NOUNS:
            continue
        if p == "in" and a > 0 and doc[a - 1].lower_ in ("at", "to") and pobj.lemma_.lower() in lx.session_nouns:
            continue  # rule trading_session: "at $457.78 in afternoon Nasdaq trade", "fell ... to $86.12 in afternoon trade"
        if p == "on" and pobj.lemma_.lower() in lx.venue_nouns:
            continue  # rule trading_venue: "closed ... at 54 cents on the New York Stock Exchange"
        return pobj
    return None


def _clause_phrase(doc: Doc, verb: Token, exclude: tuple[int, int]) -> str:
    """What a duration measures: "worked in Russia", "after it was originally negotiated"."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS), None)
    if mark is not None:
        idx = [d.i for d in verb.subtree if not (exclude[0] <= d.i < exclude[1]) and d.dep_ not in ("punct",)]
        idx = [i for i in idx if i <= verb.i or doc[i].head.i == verb.i and doc[i].dep_ in ("dobj", "prt")]
        lo = mark.i
        return doc[lo : max(idx) + 1].text if idx else verb.text
    return _verb_phrase(doc, verb, exclude)


def _nominal_subject(subj: Token) -> bool:
    """A noun, a non-personal pronoun, or a gerund (rule gerund_subject: "spending ... would total $3.653 trillion")."""
    return subj.pos_ in _NOUNS or (subj.pos_ == "PRON" and subj.lower_ not in _PERSONAL) or (subj.tag_ == "VBG" and subj.dep_ in ("nsubj", "nsubjpass"))


def _split_object(doc: Doc, obj: Token | None, b: int) -> bool:
    """Rule split_object: "close a $3 billion, three-year revolving credit facility": the parser made the
    amount and the noun it modifies two objects; everything between them belongs to the noun's phrase."""
    if obj is None or obj.i < b:
        return False
    left = obj.left_edge.i
    return all(doc[i].is_punct for i in range(b, left))


def _is_amount(tok: Token) -> bool:
    """"fell 0.42 percent to 2.504": the object is another quantity, not what this one measures (a name's
    number is not one: "left the broad S&P 500 up 14 percent")."""
    return tok.like_num or (tok.pos_ != "PROPN" and any(c.dep_ in ("nummod", "quantmod") and c.like_num for c in tok.children))


def _priced(tok: Token) -> bool:
    """A noun a money amount modifies: "$45 strike prices"."""
    return any(c.dep_ == "nummod" and any(d.tag_ == "$" for d in c.children) for c in tok.children)


def _counted_noun(tok: Token) -> bool:
    """A common noun that is no amount or unit: "prices", "tax credit claims" (not "percent", "$8")."""
    return tok.pos_ == "NOUN" and not tok.like_num and tok.lower_ not in lex().forms_ci and tok.lemma_.lower() not in lex().per_units


def _verb_target(doc: Doc, v: Token, role: str, prep: str | None, kind: str, exclude: tuple[int, int], change: str | None) -> tuple[str | None, Token | None]:
    """What a quantity in ``role`` of verb ``v`` measures (see the module docstring)."""
    a, b = exclude
    lx = lex()
    if kind == "duration" and (role in ("npadvmod", "advmod", "dobj") or prep in _DURATION_PREPS):
        return _clause_phrase(doc, v, exclude), None
    if role in ("nsubj", "nsubjpass"):
        return _verb_phrase(doc, v, exclude), None
    outside = [c for c in v.children if not (a <= c.i < b)]
    obj = next((c for c in outside if c.dep_ in ("dobj", "attr") and c.pos_ in _NOUNS and c.lemma_.lower() not in lx.level_nouns and not _is_amount(c)), None)
    if obj is not None and prep == "at" and obj.lemma_.lower() in lx.session_nouns:
        obj = None  # rule trading_session: "were down 1 percent at $21.40 in afternoon Nasdaq trade"
    if obj is not None and obj.i < a and obj.lemma_.lower() in lx.session_spans and v.lemma_.lower() in lx.level_verbs:
        obj = None  # rule session_span: "Its shares ended the session down 1.6 percent", "to finish the day up 0.9 percent"
    price_of = next(
        (d for c in outside if c.dep_ == "prep" and c.lower_ in ("for", "as") and c.i > v.i for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS and d.lower_ not in _TIME_NOUNS),
        None,
    )  # "charged 4,000 roubles for a day's labour", rule amount_as: "spend $793 million as its share of the cost"
    subj = _subject(v)
    if role == "dobj" and _split_object(doc, obj, b):
        return _np(doc, obj, exclude), obj
    if role == "dobj" and price_of is not None:
        return _np(doc, price_of, exclude), price_of
    if role == "dobj" and kind == "currency":
        held = next(
            (d for c in outside if c.dep_ == "prep" and c.lower_ == "in" and c.i >= b for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS and d.ent_type_ not in ("DATE", "GPE", "LOC")),
            None,
        )
        if held is not None:
            return _np(doc, held, exclude), held  # "tens of thousands of dollars in hard currency"
    if prep is not None and prep not in ("by", "for") and obj is not None:
        return _np(doc, obj, exclude), obj  # "increase bilateral trade to $60-80 billion"
    if obj is not None and (prep in ("by", "for") or (role in ("npadvmod", "advmod", "dobj") and obj.dep_ == "dobj" and obj.i < a)):
        # "cut Britain's rating by one notch", "purchasing ... stake for $1.5 billion", and (rule changed_object)
        # "OPEC cut output 5 percent", "extended the deadline ..., 50 percent longer": the object is what changed
        return _np(doc, obj, exclude), obj
    if subj is not None and kind != "currency" and _priced(subj):
        # rule priced_subject: "March calls with $45 strike prices have traded 293 times": a subject the parse took from
        # an option's strike (a priced noun) is not what is counted; the verb says what was done so often
        return v.text, None
    if subj is not None and _nominal_subject(subj) and (change is not None or v.lemma_.lower() in lex().level_verbs or role in ("attr", "acomp") or prep is not None):
        return _np(doc, subj, exclude), subj
    if role == "dobj" and v.tag_ == "VBG" and v.i > 0 and doc[v.i - 1].pos_ in _NOUNS and doc[v.i - 1].i < exclude[0]:
        return _np(doc, doc[v.i - 1], exclude), doc[v.i - 1]  # "a note yielding 2.1 percent"
    if role == "dobj" and kind == "currency" and v.lemma_.lower() in lx.earning_verbs:
        return v.text, v  # rule earning_amount: "the company earned $1.10 billion": the earnings (a verb that compared amounts share), not the earner
    recipient = any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i >= b for c in outside)
    if role == "dobj" and subj is not None and subj.pos_ in _NOUNS and v.lemma_.lower() in lx.value_verbs and not recipient:
        # "the Columbia funds have returned 19.3 percent", not "return $1 billion to shareholders" (the act)
        return _np(doc, subj, exclude), subj
    if role == "dobj":
        return v.text, None  # "agreed to lend VEB $310 million": the act the amount is for
    return None, None


_COMPARATIVES = frozenset({"more", "less", "fewer"})
_NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"})
_CHANGE_TARGET_PREPS = frozenset({"in", "of", "to", "for", "on"})


def _noun_like(tok: Token) -> bool:
    """A noun, or a noun the tagger made a verb in a noun's place ("with a 13.8 percent cut to emissions")."""
    return tok.pos_ in _NOUNS or (tok.pos_ == "VERB" and tok.dep_ in _NOMINAL_DEPS and tok.tag_ in ("VB", "VBP", "VBZ", "VBD", "VBN"))


def _change_target(change: Token, exclude: tuple[int, int]) -> Token | None:
    """What a change noun is a change of: its possessor, a noun compounded with it (rule
    change_compound: "a 17 percent sales increase") or its "in"/"of"/"to" complement."""
    for c in change.children:
        if c.dep_ == "poss" and c.pos_ in _NOUNS:
            return c
    for c in change.children:
        if c.dep_ == "compound" and c.pos_ in _NOUNS and c.i < change.i and not exclude[0] <= c.i < exclude[1] and c.lower_ not in lex().forms_ci:
            return c
    for c in change.children:
        if c.dep_ == "prep" and c.i > change.i and c.lower_ in _CHANGE_TARGET_PREPS:
            pobj = next((d for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj
    return None


def _governor(doc: Doc, head: Token, r: _Roles, excl: tuple[int, int]) -> tuple[Token, Token, str]:
    """The token that plays the quantity's part in the clause, its governor and relation: the first
    conjunct's, the noun's of "worth" (whose "of" complement is measured: "$400 million worth of
    stock"), or that of "more than" and of a partitive."""
    gov, dep = head.head, head.dep_
    if dep == "conj":
        # the second of "A and B" plays the first one's part
        first = gov
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        gov, dep = first.head, first.dep_
    if gov.lower_ == "worth" and r.measured is None:
        r.measured_token = _complement_of(gov, "of")  # rule worth_of
        r.measured = _np(doc, r.measured_token, excl) if r.measured_token is not None else None
    if gov.lower_ == "worth" and gov.dep_ == "acomp" and gov.head.pos_ in _VERBS:
        gov, dep = gov.head, "attr"  # rule bound_adjective: "the stock could be worth as much as $85", as "could be $85"
    elif gov.lower_ == "worth" and gov.head.i != gov.i:
        gov, dep = gov.head, "amod"  # "a credit line worth $1 billion"
    if dep == "pobj" and gov.head.i != gov.i and gov.head.head.i != gov.head.i and (
        (gov.lower_ == "than" and gov.head.lower_ in _COMPARATIVES) or (gov.lower_ == "of" and gov.head.lower_ in lex().partitives)
    ):
        # "laundering more than HK$720 million": "more" stands in the clause for the amount, and so does
        # "all" in (rule partitive) "after borrowing all of the $1.2 billion"
        head = gov.head
        gov, dep = head.head, head.dep_
    return head, gov, dep


def _roles(doc: Doc, s: _Surface, a: int, b: int, head: Token, kind: str) -> _Roles:
    r = _Roles()
    excl = (a, b)
    comp = _complement(doc, a, b, kind)
    cop = _copula_subject(head) if s.count_noun is None else None
    if cop is not None and (comp is None or comp.head.lower_ == "for"):
        r.measured, r.measured_token = _np(doc, cop, excl), cop
    elif comp is not None:
        r.measured, r.measured_token = _np(doc, comp, excl), comp
    elif s.count_noun is not None and s.count_noun.lemma_.lower() not in lex().generic_counts and not (s.count_noun.dep_ == "pobj" and s.count_noun.head.lower_ == "by"):
        noun = s.count_noun
        if noun.i > 0 and doc[noun.i - 1].text == "-" and noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i:
            noun = noun.head  # "a 21-page report", "six-party talks": what has the pages or parties
            r.measured, r.measured_token = _np(doc, noun, (s.number_start_tok, s.count_noun.i + 1)), noun
        else:
            r.measured, r.measured_token = _np(doc, noun, (s.number_start_tok, s.number_end_tok)), noun
    head, gov, dep = _governor(doc, head, r, excl)
    rate = gov.lemma_.lower()
    if kind == "currency" and dep in _MODIFIER_DEPS and gov.i == b and gov.tag_ == "NN" and gov.dep_ != "compound" and rate in lex().per_units and rate not in _TIME_NOUNS:
        # rule bare_rate_noun: "Oil settled at $35.40 barrel" (the article dropped) is a price per barrel, of what the clause says
        r.per = lex().per_units[rate]
        head, gov, dep = gov, gov.head, gov.dep_
    if dep in _MODIFIER_DEPS and (gov.pos_ in _NOUNS or (dep in ("compound", "nummod", "amod") and _noun_like(gov))) and gov.i != head.i:
        # "a $5.3 billion canal expansion project", "a 5 percent drop"
        r.change = _change_of(gov)
        things = [c for c in gov.children if c.dep_ == "conj" and c.pos_ in _NOUNS and _change_of(c) is None]
        if r.change is not None and things and r.measured is None and kind == "currency":
            # rule coordinated_thing: "an $825 billion tax cut and spending bill" prices a bill, it is no fall
            r.change, r.measured, r.measured_token = None, _np(doc, gov, excl), gov
        if r.measured is None and r.change is None:
            r.measured, r.measured_token = _np(doc, gov, excl), gov
        elif r.measured is None:
            r.measured_token = _change_target(gov, excl)  # "the wider market's 0.2 percent rise", "a 41 percent gain in the market"
            r.measured = _np(doc, r.measured_token, excl) if r.measured_token is not None else None
            r.fallback = _np(doc, gov, excl)  # rule change_noun: "4.2 percent cuts", when nothing says of what
        r.verb = _verb_of(gov)
    elif dep == "appos" and gov.pos_ in _NOUNS:
        if r.measured is None:
            r.measured, r.measured_token = _np(doc, gov, excl), gov
        r.verb = _verb_of(gov)
    elif dep == "pobj":
        p = gov.lower_
        g2 = gov.head
        if g2.pos_ == "ADP" and g2.dep_ == "prep" and g2.head.pos_ in _VERBS and g2.lower_ not in lex().change_particles:
            p, g2 = g2.lower_, g2.head  # rule complex_preposition: "bilk the U.S. government out of more than $200 million"
        if g2.lower_ == "worth" and g2.head.i != g2.i:
            g2 = g2.head
        if g2.pos_ in _NOUNS and p in ("to", "from") and _change_of(g2) is not None and _verb_of(g2) is not None:
            # "after the downgrade from about $1.5240": the level of what fell
            r.verb = _verb_of(g2)
            subj = _subject(r.verb)
            if r.measured is None and subj is not None:
                r.measured, r.measured_token = _np(doc, subj, excl), subj
        elif g2.pos_ in _NOUNS:
            own = _change_of(g2) if p == "of" else None
            if own:
                r.change = own  # "an increase of 5 percent"
                if r.measured is None:
                    r.fallback = _np(doc, g2, excl)
            elif p == "of":
                # rule change_compound: "the revPAR growth forecast of 6 to 8 percent" is a rise
                r.change = next((d for c in g2.children if c.dep_ == "compound" and c.i < g2.i and (d := _change_of(c))), None)
            elif p == "by" and _verb_of(g2) is not None:
                r.change = _change_of(_verb_of(g2))  # "cut Britain's rating by one notch"
            if r.measured is None and not own:
                r.measured, r.measured_token = _np(doc, g2, excl), g2
            r.verb = _verb_of(g2)
        elif g2.pos_ in _VERBS:
            r.verb = g2
            if p == "by":
                r.change = _change_of(g2)
            if r.measured is None:
                r.measured, r.measured_token = _verb_target(doc, g2, "pobj", p, kind, excl, r.change)
        elif g2.pos_ in ("ADJ", "ADV", "ADP") and g2.lower_ in lex().change_particles:
            # "driven down emissions ..., down from 145.8 grams", "with emissions already down to 130 grams": a level of what moved
            r.verb = _verb_of(g2)
            if r.measured is None and g2.head.pos_ in _NOUNS:
                r.measured, r.measured_token = _np(doc, g2.head, excl), g2.head
            elif r.measured is None and r.verb is not None:
                r.measured, r.measured_token = _verb_target(doc, r.verb, "pobj", p, kind, excl, "level")
        elif g2.pos_ in ("ADJ", "ADV") and g2.lower_ in lex().bound_adjectives and any(c.lower_ == "as" for c in g2.children):
            # rule bound_adjective: "Lear could be worth as high as $60": the adjective is the bound, the clause says of what
            r.verb = _verb_of(g2)
            subj = _subject(r.verb) if r.verb is not None else None
            if r.measured is None and subj is not None and _nominal_subject(subj):
                r.measured, r.measured_token = _np(doc, subj, excl), subj
        elif g2.pos_ in ("ADJ", "ADV", "ADP"):
            r.verb = _verb_of(g2)
            if r.measured is None and g2.tag_ not in ("JJR", "RBR"):
                r.measured = _np_sub(doc, g2, excl)  # a comparative ("better than ... above last year's") is left to compared_quantity
    elif dep in _ARGUMENT_DEPS:
        v = head if dep == "ROOT" else gov
        comparative = lex().comparative_changes.get(v.lower_) if dep == "npadvmod" else None
        if v.pos_ in ("ADV", "ADP", "ADJ") and (_change_of(v) or comparative) is not None:
            r.change = _change_of(v) or comparative  # "up 0.95", "down 34 cents", rule comparative: "50 percent longer"
            if v.dep_ in ("amod", "advmod") and v.head.pos_ in _NOUNS and r.measured is None:
                # "filled 4 percent more prescriptions", "with passenger numbers down 10 percent": the noun it describes
                r.measured, r.measured_token = _np(doc, v.head, (min(excl[0], v.i), max(excl[1], v.i + 1))), v.head
            v = _verb_of(v) or v
        if v.pos_ in ("ADP", "ADV", "SCONJ") and v.lower_ in lex().extent_heads:
            r.verb = _verb_of(v)
            if r.measured is None:
                r.measured = _np_sub(doc, v, excl)  # "five years after it was negotiated", "two years off track"
        elif v.pos_ in _VERBS:
            r.verb = v
            if dep in ("dobj", "npadvmod", "advmod") and r.change is None:
                r.change = _change_of(v)
            if r.measured is None:
                r.measured, r.measured_token = _verb_target(doc, v, dep, None, kind, excl, r.change)
        elif v.pos_ in _NOUNS and r.measured is None:
            r.measured, r.measured_token = _np(doc, v, excl), v
    if r.verb is None:
        r.verb = _verb_of(head)
    if r.measured is None and r.verb is not None:
        subj = _subject(r.verb)
        r.pronoun = subj if subj is not None and subj.lower_ in ("it", "they") else None
    # the owner: a possessor in the measured phrase, else the verb's subject
    if r.measured_token is not None:
        poss = next((c for c in r.measured_token.children if c.dep_ == "poss"), None)
        if poss is not None:
            r.owner = poss
    if r.owner is None and r.verb is not None:
        r.owner = _subject(r.verb)
    return r


def _complement_of(tok: Token, prep: str) -> Token | None:
    """The noun after ``tok``'s preposition ``prep``: "worth of stock" -> stock."""
    return next((d for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for d in c.children if d.dep_ == "pobj" and d.pos_ in _NOUNS), None)


def _np_sub(doc: Doc, tok: Token, exclude: tuple[int, int]) -> str:
    """The words under ``tok`` minus the quantity: "after it was originally negotiated", "off track"."""
    idx = [d.i for d in tok.subtree if not (exclude[0] <= d.i < exclude[1]) and not d.is_punct]
    if not idx:
        return tok.text
    lo, hi = min(idx), max(idx)
    return doc[lo : min(hi, lo + 10) + 1].text
