"""Implied ends: the end a one-ended mention leaves to its sentence or its clause.

A mention such as "imports of chicken from the United States" names one end; the other is
often named elsewhere in the sentence:

* ``sentence_pair``: another one-ended mention of the sentence names the missing role
  ("interruptions in exports from Iran ... a halt in shipments to Japan");
* ``host_preposition``: a verb that governs the mention carries it after "to"/"into"/"from"
  anywhere in its clause ("goods brought into the United States by rail ... from Canada");
* ``clause_subject``: the subject of a clause that governs the mention is a country, a
  nationality phrase or an organisation whose country the story gives ("China has launched
  an investigation into imports of chicken from the United States"; "South Korea's Samsung
  Total has revived a contract to buy Iranian oil").

Each sieve decides only for the mentions earlier ones left open and tags the mention with
its name, so every row says which rule completed it (and how far to trust it: the rule's
``confidence`` in the lexicon).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from .ends import PREP_DEPS, party_end, phrase_country_end
from .lexicon import lexicon
from ...gazetteer import normalize_name
from .story import End, Mention, Story, compatible, demonym_of, distinct
from .syntax import resolve_pronoun

_SUBJECTS = ("nsubj", "nsubjpass")
_MODIFIER_DEPS = ("amod", "compound", "nmod")
# A relative clause or an adverbial one ("because they have cut purchases of Iranian oil") has
# its own parties: the climb to a governing clause stops there.
_CLAUSE_BOUNDARIES = ("relcl", "advcl")
_SUBCLAUSES = ("relcl", "ccomp", "advcl", "acl")  # clauses whose prepositions are their own
_CLAUSE_HOPS = 6
_NOUNS_CROSSED = {"destination": 1, "origin": 0}
_SUBJECT_CLAUSES = 2  # "The U.S. is certain [Obama's decision to curb imports from China] can withstand"


def _missing(m: Mention) -> str | None:
    if m.ends != 1 or m.bidirectional:
        return None
    return "destination" if m.destination is None else "origin"


def _present(m: Mention) -> End:
    return m.origin if m.origin is not None else m.destination  # type: ignore[return-value]


def _fits(story: Story, m: Mention, end: End | None) -> bool:
    """A distinct end that is not coordinated with the present one: rule ``conjoined_parties``
    (audit 50c): "Taiwan and Korea's March export" names two exporters, not a flow between them
    (nor is a place coordinated with the mention's own word: the parser's "Taiwan and [export]")."""
    if end is None or not distinct(end, _present(m)):
        return False
    doc = story.doc
    coordinated = {c.i for i in [_present(m).token, *m.tokens] for c in doc[i].conjuncts}
    return end.token not in coordinated  # the parse may coordinate the place with the mention itself


def _pair_in_sentence(story: Story, m: Mention, mentions: list[Mention]) -> End | None:
    """The missing end from another mention of the sentence that names that role and not the
    other ("exports from Iran ... a halt in shipments to Japan"), or, for a destination-only
    mention, the exporter of another flow ("Japan's exports slumped as shipments to Europe and
    China tumbled"). A two-way partner ("trade with South Korea") is nobody's exporter."""
    role = _missing(m)
    for other in mentions:
        if other is m or other.sentence != m.sentence or other.bidirectional:
            continue
        if other.ends == 2 and not (role == "origin" and other.kind == m.kind == "trade"):
            continue
        end = getattr(other, role)
        if end is not None and _missing(other) != role and _fits(story, m, end):
            return end
    return None


def _ancestors(story: Story, m: Mention) -> list[tuple[Token, int]]:
    """(head, nouns crossed to reach it) above the mention's words, nearest first. The climb
    stops at a relative or adverbial clause: "the pipeline to Asia, which will supply ..."
    says nothing of who supplies through the clause above it."""
    doc = story.doc
    intents = lexicon().intent_nouns
    seen: set[int] = set()
    out: list[tuple[Token, int]] = []
    for i in sorted(m.tokens):
        t, nouns = doc[i], 0
        for _ in range(_CLAUSE_HOPS):
            # "agreed a deal to double supplies": the deal's infinitive is its holder's own act
            intent = _intent_clause(t, intents)
            if t.head.i == t.i or t.head.i in seen or (t.dep_ in _CLAUSE_BOUNDARIES and not intent):
                break
            modifier = t.dep_ in _MODIFIER_DEPS  # "imported Chinese tires": the noun is the mention's own
            t = t.head
            nouns += t.pos_ in ("NOUN", "PROPN") and t.i not in m.tokens and not modifier and not intent
            seen.add(t.i)
            out.append((t, nouns))
    return out


def _intent_clause(t: Token, intents: frozenset[str]) -> bool:
    """Whether ``t`` is the infinitive of an intent noun ("a deal to increase oil supplies")."""
    return (
        t.dep_ in ("acl", "relcl")
        and t.pos_ == "VERB"
        and t.head.lemma_.lower() in intents
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.lefts)
    )


def _clause_prepositions(verb: Token) -> list[Token]:
    """Prepositions in a verb's own clause, however the parse hung them ("export 80,000 tons of
    pork free of duties to the European Union"), not in a clause below it nor on its subject
    ("Toyota, a latecomer to China, sold ..."; lexicon ``host_preposition_skip_deps``)."""
    skip = lexicon().host_preposition_skip_deps
    out, stack = [], [c for c in verb.children if c.dep_ not in skip]
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") or t.dep_ in _SUBCLAUSES:
            continue
        if t.dep_ in PREP_DEPS:
            out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def _host_preposition(story: Story, m: Mention, mentions: list[Mention]) -> End | None:
    """A "to"/"into" (or "from") place in the clause of a verb of the mention or above it
    ("would carry gas to Europe", where the parse hangs "to Europe" on "gas")."""
    lex = lexicon()
    words = lex.destination_preps if _missing(m) == "destination" else lex.origin_preps
    own = [story.doc[i] for i in sorted(m.tokens) if story.doc[i].pos_ == "VERB"]
    for host in own + [a for a, _ in _ancestors(story, m)]:
        if host.pos_ not in ("VERB", "AUX") or host.lemma_.lower() in lex.host_preposition_skip_verbs:
            continue  # "is among countries from Asia to Western Europe": a range, no route
        for p in _clause_prepositions(host):
            if p.lower_ in words and not _range_part(p):
                for o in p.children:
                    if o.dep_ == "pobj" and _fits(story, m, end := story.end_at(o)):
                        return end
    return None


def _range_part(p: Token) -> bool:
    """Rule ``range_not_flow``: the "to" of "From Canada to ... China to ... France, economies are
    slowing", whose "from" hangs on no route word, spans a range, not a flow's destination."""
    lex = lexicon()
    start = p.head
    while start.dep_ == "prep" and start.lower_ in lex.destination_preps and start.head.i != start.i:
        start = start.head  # "from X to Y to Z": back to the "from"
    if start is p or start.dep_ != "prep" or start.lower_ not in lex.range_from_preps:
        return False
    return start.head.lemma_.lower() not in lex.trigger_words


def _clause_subject(story: Story, m: Mention, mentions: list[Mention]) -> End | None:
    """The subject of a governing clause: an importer may govern its imports through a noun
    ("China launched an investigation into imports ... from the United States"), an exporter
    only directly ("China halted exports to Japan"; not "the U.S. called for an embargo on
    sales to North Korea")."""
    role = _missing(m)
    lex = lexicon()
    if all(story.doc[i].lemma_.lower() in lex.trade_agents for i in m.tokens):
        return None  # "Washington pointed to the third-largest importer, Japan": no party of the flow
    if any(lex.trade_verbs.get(story.doc[i].lemma_.lower(), role) != role for i in m.tokens if story.doc[i].pos_ == "VERB"):
        return None  # "Mazda ... will export it from Thailand": the subject is the exporter, not the buyer
    subjects = 0
    for host, nouns in _ancestors(story, m):
        if host.pos_ not in ("VERB", "AUX"):
            continue
        if nouns > _NOUNS_CROSSED[role] or host.lemma_.lower() in lex.substitution_verbs | lex.obstruction_verbs:
            return None  # "Saudi Arabia could replace Iranian supplies": a rival, not the buyer; "Iran could block shipments"
        for s in host.children:
            if s.dep_ in _SUBJECTS and s.i not in m.tokens:
                s = _prose_subject(story, resolve_pronoun(s, host, lex))  # "airlines said they were cutting services"
                end = None if _shipper(story, m, s, role) else _subject_end(story, s)
                if _fits(story, m, end) and not _passed(story, m, end):  # type: ignore[arg-type]
                    return end
                subjects += 1
                if subjects == _SUBJECT_CLAUSES:
                    return None
    return None


def _passed(story: Story, m: Mention, end: End) -> bool:
    """Rule ``transit_not_implied`` (audit 50n): a subject's place that the mention's clause names as
    passed ("Middle East airlines ... compete on connections to Asia via Middle Eastern hubs") is
    the transit, not the missing end. The via phrases are read on the mention's words and the verbs
    above them up to the subject's clause."""
    lex = lexicon()
    hosts = [story.doc[i] for i in sorted(m.tokens)] + [a for a, _ in _ancestors(story, m)]
    name = normalize_name(end.name)
    for host in hosts:
        for p in host.children:
            if p.dep_ != "prep" or p.lower_ not in lex.via_preps:
                continue
            for o in p.children:
                passed = story.end_at(o) if o.dep_ == "pobj" else None
                if passed is not None and compatible(passed, end):
                    return True
                if o.dep_ == "pobj" and name and normalize_name(story.doc[o.left_edge.i : o.i + 1].text).startswith(name):
                    return True  # "via Middle Eastern hubs": the region's own adjective
    return False


def _shipper(story: Story, m: Mention, s: Token, role: str | None) -> bool:
    """Rule ``shipper_not_importer`` (audits 50h, 50l, 50m): a named company governing an outgoing
    flow ("Italian oil company ENI declared force majeure on shipments of crude from Nigeria") ships
    it; its home is not the buyer. A government body ("the Commerce Department set duty rates on
    products from China", lexicon ``state_body_words``) and a buying word ("buy Iranian oil") keep
    the subject as importer."""
    if role != "destination" or m.kind != "trade":
        return False
    actor = story.actor(s)
    if actor is None or actor.kind != "organization" or story.end_at(s) is not None:
        return False  # a bloc ("The European Union ... over China's export curbs") is an end itself
    lex = lexicon()
    if set(normalize_name(actor.name).split()) & lex.state_body_words:
        return False
    doc = story.doc
    words = [doc[i].lemma_.lower() for i in m.tokens]
    return all(lex.trade_nouns.get(w, lex.trade_verbs.get(w)) == "origin" for w in words)


def _prose_subject(story: Story, s: Token) -> Token:
    """The subject itself, or, when the parser made the dateline the subject ("ATLANTA (Reuters)
    - Major U.S. airlines ... said"), the story's own subject it hung there as an apposition."""
    if story.ctx.is_prose(s.i):
        return s
    return next((c for c in reversed(list(s.children)) if c.dep_ == "appos" and story.ctx.is_prose(c.i)), s)


def _subject_end(story: Story, s: Token) -> End | None:
    """The end a clause subject stands for: a country or place ("China halted exports"), or a
    company the story's own words place ("South Korea's Samsung Total", "Russian oil firm
    Rosneft": the actor's ``country_source`` is ``story``). A company's country known from its
    name, ticker or the gazetteer's knowledge is not enough: "GM is prepared to pump ...",
    "Samsung shipped ...", "Fiat ... a plan for the U.S. car maker's product offer" were wrong in
    the archive audits (8 of 23 clause-subject rows right)."""
    if s.lemma_.lower() in lexicon().impersonal_subjects or s.lower_ in lexicon().impersonal_subjects:
        return None  # rule impersonal_subject: "European data suggested ...", "Chinese import demand will ..."
    actor = story.actor(s)
    if actor is not None and actor.kind == "organization" and actor.country_source != "story":
        return _possessor_end(story, s) or phrase_country_end(story, s)
    return party_end(story, s) or _possessor_end(story, s)


def _possessor_end(story: Story, s: Token) -> End | None:
    """"South Korea's Samsung Total": the possessor or nationality that places a company subject
    (not "U.S. sanctions", whose modifier names who imposes them)."""
    if not story.is_org(s):
        return None
    for c in s.lefts:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            end = party_end(story, c)
            if end is None and (iso := demonym_of(story.doc, c)):
                end = story.country_end(iso, c.text, c)
            if end is not None:
                return end
    return None


Sieve = Callable[[Story, Mention, list[Mention]], End | None]
SIEVES: tuple[tuple[str, Sieve], ...] = (
    ("sentence_pair", _pair_in_sentence),
    ("host_preposition", _host_preposition),
    ("clause_subject", _clause_subject),
)


def complete_ends(story: Story, mentions: list[Mention]) -> None:
    """Give each one-ended mention the end its sentence implies, tagging the sieve that found it."""
    for m in mentions:
        role = _missing(m)
        if role is None:
            continue
        for name, sieve in SIEVES:
            end = sieve(story, m, mentions)
            if end is not None:
                setattr(m, role, end)
                m.rule = f"implied:{name}"
                break
