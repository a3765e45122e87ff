"""Candidates: which tokens are route triggers, and in which role.

A hashed lemma scan finds the trigger words; sense filters then drop the ones
that are not about a route here: "the ANA flight from Ube" (one journey),
blocked vehicle senses (``not_vehicle``), "New York Stock Exchange trading",
"sell" with a company as object, money, securities, property, a company or troops as
what moves (``not_goods``: "pump in $400 million into Saab", "the largest foreign buyer of
U.S. government debt"), buyers drawn to a place. Each kept token gets a role (vehicle, link,
trade noun, trade agent, goods/trade/motion verb) and a mode.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from ..context import in_sorted
from .lexicon import lexicon
from .story import Story
from .syntax import NOUN_MODIFIER_DEPS, cargo_head, cargo_nouns, is_commodity, of_objects


def trigger_candidates(doc: Doc, lemmas: np.ndarray | None = None) -> list[int]:
    """Token indices whose lemma (``lemmas``: their hashes, when the context has them) is a route
    trigger word (vectorised: no Python work per token)."""
    lemmas = doc.to_array([LEMMA]) if lemmas is None else lemmas
    return np.flatnonzero(in_sorted(lemmas, lexicon().trigger_hashes)).tolist()


def _not_vehicle(tok: Token, lemma: str) -> bool:
    blockers = lexicon().not_vehicle.get(lemma)
    if not blockers:
        return False
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and (c.lower_ in blockers or c.lemma_.lower() in blockers):
            return True
    return False


def _vehicle_as_goods(tok: Token) -> bool:
    """Rule ``vehicle_as_goods``: "Europe's largest truck market", "truck sales": the vehicle is the
    goods of a market (lexicon ``vehicle_goods_heads``), not the vehicle of a route."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in lexicon().vehicle_goods_heads


def _one_journey(tok: Token) -> bool:
    """"The ANA flight from Ube ... was canceled" is one journey, not a route; "flights", "a daily
    flight", "the first direct flight" are routes."""
    lex = lexicon()
    if tok.tag_ in ("NNS", "NNPS"):
        return False
    mods = {c.lower_ for c in tok.lefts}
    if mods & lex.frequency_words or mods & lex.route_modifiers:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts)


def _person_agent(tok: Token) -> bool:
    lex = lexicon()
    return tok.ent_type_ == "PERSON" or tok.lower_ in lex.person_journey_agents


def _persons_trip(tok: Token) -> bool:
    """Rule ``person_trip`` (audit 50l): "Obama began a train trip from Philadelphia to Washington",
    "his trip to China": one person's journey, not a route. The journey noun is singular and its
    possessor, or the subject of the verb it is the object of, is a person (lexicon
    ``person_journey_nouns``, ``person_journey_agents``)."""
    lex = lexicon()
    if tok.lemma_.lower() not in lex.person_journey_nouns or tok.tag_ in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "poss" and _person_agent(c) for c in tok.lefts):
        return True
    if tok.dep_ not in ("dobj", "nsubj", "pobj"):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and _person_agent(c) for c in verb.children)


def _in_persons_trip(tok: Token) -> bool:
    """The trip noun itself, or a vehicle compounding it ("a train trip")."""
    return _persons_trip(tok) or (tok.dep_ == "compound" and _persons_trip(tok.head))


def _carrier_mode(tok: Token) -> str | None:
    """Rule ``carrier_mode`` (audit 50l): "carrier" is air (an airline) unless a modifier makes it a
    ship ("dry bulk carrier", "crude carrier"; lexicon ``sea_carrier_modifiers``)."""
    if tok.lemma_.lower() != "carrier":
        return None
    mods = {c.lower_ for c in tok.lefts if c.dep_ in NOUN_MODIFIER_DEPS}
    return "sea" if mods & lexicon().sea_carrier_modifiers else None


def _trade_sense(tok: Token, lemma: str) -> bool:
    """"trading" is trade only before a trade head ("trading partner"), not "New York Stock Exchange trading"."""
    lex = lexicon()
    return lemma not in lex.trade_nouns_needing_head or (tok.head.i != tok.i and tok.head.lemma_.lower() in lex.trade_heads)


def _mode_of_modifiers(tok: Token) -> str | None:
    lex = lexicon()
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss"):  # "rail link", "the railroad's ... line"
            mode = lex.mode_word.get(c.lemma_.lower()) or lex.mode_word.get(c.lower_)
            if mode:
                return mode
    return None


def _names_commodity(t: Token) -> bool:
    """Whether a noun's modifiers or "of" object name goods ("oil sales", "deliveries of grain")."""
    if any(c.dep_ in NOUN_MODIFIER_DEPS and is_commodity(c) for c in t.lefts):
        return True
    return any(h is not None and is_commodity(h) for o in of_objects(t) if (h := cargo_head(o)) is not None)


def _in_proper_name(tok: Token) -> bool:
    """Rule ``trade_in_name`` (audit 50m): "Head of Citigroup's Asia Pacific Trade, Export and Agency
    Finance", "the U.S. Trade Representative": a capitalised trade word inside a name of an office
    or a department (its head a capitalised name word that is no place) moves no goods."""
    head = tok.head
    if tok.tag_ not in ("NNP", "NNPS") or not tok.is_title or head.i == tok.i:
        return False
    return head.tag_ in ("NNP", "NNPS") and head.is_title and head.ent_type_ not in ("GPE", "LOC", "NORP")


def _hyphen_descriptor(tok: Token) -> bool:
    """Rule ``hyphen_descriptor`` (audit 50m): "China's export-led economy", "an import-dependent
    country": a trade word joined by a hyphen to the adjective or participle it modifies describes
    an economy, no flow."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].tag_ != "HYPH":
        return False
    head = tok.head
    return head.i == tok.i + 2 and head.tag_ in ("VBN", "VBG", "JJ") and head.dep_ in ("amod", "acomp")


def _business_descriptor(tok: Token, lemma: str) -> bool:
    """Rule ``business_descriptor`` (audit 50n): "North America's largest agricultural products
    retailer": a trade noun compounded into a business noun (lexicon ``business_heads``) says what
    the business deals in, no flow."""
    lex = lexicon()
    return tok.dep_ == "compound" and lemma in lex.trade_nouns and tok.head.lower_ in lex.business_heads


def _moves_no_goods(tok: Token) -> bool:
    """Whether what the word moves is money, securities, property, a company or troops, not goods:
    "pump in $400 million into Saab", "the largest foreign buyer of U.S. government debt", "a
    buyer of Chrysler", "bond sales", "attracting buyers to Miami"
    (the archive audits' commonest wrong rows). Goods priced in money keep their goods ("exported
    $15 billion worth of iron ore")."""
    lex = lexicon()
    if tok.pos_ == "VERB":
        moved = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + of_objects(tok, "in")  # "pump in $400 million"
    else:
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lex.making_nouns:
            return True  # "move production of A330 freighters from France": made, not moved
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.buyer_attractors:
            return True  # "attracting buyers to Miami": people travel, no goods move
        objects = of_objects(tok)
        if any(o.ent_type_ == "ORG" or any(x.ent_type_ == "ORG" for x in of_objects(o)) for o in objects):
            return True  # a company is bought or sold
        moved = objects + [c for c in tok.lefts if c.dep_ in ("compound", "nmod")]
    for c in moved:
        goods = cargo_head(c)
        if goods is None and c.ent_type_ == "MONEY":
            return True  # "pump in $400 million": the money itself moves
        if c.lemma_.lower() in lex.making_nouns:
            return True  # "move production ... to Alabama": the work moves, no goods
        word = goods if goods is not None else c
        if word.lemma_.lower() in lex.not_goods or word.lower_ in lex.not_goods:
            return True
    return False


class Triggers:
    """Classified trigger tokens of a story."""

    def __init__(self, story: Story, candidates: list[int]) -> None:
        self.role: dict[int, str] = {}
        self.mode: dict[int, str] = {}
        doc = story.doc
        lex = lexicon()
        for i in candidates:
            tok = doc[i]
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if _moves_no_goods(tok) or _hyphen_descriptor(tok) or _business_descriptor(tok, lemma):
                continue
            if pos in ("NOUN", "PROPN"):
                if tok.ent_type_ == "PERSON" or (lemma in lex.journey_nouns and _one_journey(tok)) or _in_persons_trip(tok):
                    continue  # "Graeme Train" is an economist
                if lemma in lex.vehicle_mode and not _not_vehicle(tok, lemma):
                    if not _vehicle_as_goods(tok):
                        self._set(i, "vehicle", _carrier_mode(tok) or lex.vehicle_mode[lemma])
                elif lemma in lex.trade_nouns and not _not_vehicle(tok, lemma) and not _in_proper_name(tok):
                    if (lemma not in lex.trade_nouns_needing_cargo or _names_commodity(tok)) and _trade_sense(tok, lemma):
                        self._set(i, "trade_noun", "unspecified")
                elif lemma in lex.trade_agents:
                    self._set(i, "trade_agent", "unspecified")
                elif lemma in lex.links and not _not_vehicle(tok, lemma):
                    self._set(i, "link", _mode_of_modifiers(tok) or "unspecified")
            elif pos == "VERB":
                if lemma in lex.goods_verbs:
                    self._set(i, "goods_verb", lex.goods_verbs[lemma] or "unspecified")
                elif lemma in lex.trade_verbs:
                    # "sell", "buy": trade only with goods as object ("sell ... fighter jets"), not a company
                    if lemma not in lex.trade_verbs_needing_cargo or any(is_commodity(c) for c in cargo_nouns(tok, strict=True)):
                        self._set(i, "trade_verb", "unspecified")
                elif lemma in lex.motion_verbs:
                    self._set(i, "motion_verb", lex.motion_verbs[lemma] or "unspecified")
            elif pos == "ADJ" and lemma in lex.trade_nouns and _trade_sense(tok, lemma):
                self._set(i, "trade_noun", "unspecified")  # "trading" tagged as an adjective

        self._weak_links_take_the_sentence_mode(story)

    def _weak_links_take_the_sentence_mode(self, story: Story) -> None:
        """A weak link with no mode word ("services to Mexico") takes the mode of the sentence's
        vehicles when they all have one ("U.S. airlines ... said they were cutting services")."""
        lex = lexicon()
        doc = story.doc
        modes: dict[int, set[str]] = {}
        for i, role in self.role.items():
            if role == "vehicle" and doc[i].lemma_.lower() not in lex.mode_vote_ignores:
                modes.setdefault(story.ctx.sentence(i), set()).add(self.mode[i])
        for i, role in self.role.items():
            if role == "link" and self.mode[i] == "unspecified" and doc[i].lemma_.lower() in lex.weak_links:
                sentence_modes = modes.get(story.ctx.sentence(i), set())
                if len(sentence_modes) == 1:
                    self.mode[i] = next(iter(sentence_modes))

    def _set(self, i: int, role: str, mode: str) -> None:
        self.role[i] = role
        self.mode[i] = mode
