"""Stated flows only: mentions whose words deny the flow or only entertain it make no row.

Two named rules, each a word list of ``models/lexicons/transport.json``:

* ``denied_flow`` (``denial_words``): a trigger word of the mention is negated ("it does not
  import toothpaste to the United States from South Africa", "no shipments to Iran");
* ``hypothetical_flow`` (``hypothetical_verbs``, ``hypothetical_modifiers``): a verb above the
  mention's words up to its clause only entertains it ("automakers that are considering
  exporting to the United States"), or an adjective makes a trigger word a possibility ("a
  possible buyer of the Luxembourg unit").

* ``speculative_flow`` (``speculative_modals``, ``speculative_times``): a modal and an open
  future on the trigger verb ("could sell cars to North America ... in the future").

* ``policy_not_flow`` (``policy_nouns``): every route word of the mention only qualifies a noun
  of policy, dispute or business, compounded on it or conjoined with it ("offered trade and other
  incentives to Iran", "the U.S. office supplies company").

Archive audits found such rows judged wrong (50f, 50i); a plan ("plans to build a pipeline to
Europe") is no hypothesis and keeps its row, with status planned.
"""
from __future__ import annotations

from spacy.tokens import Token

from .fields import status_path
from .lexicon import lexicon
from .story import Mention, Story
from .syntax import NOUN_MODIFIER_DEPS


def unstated_rule(story: Story, m: Mention) -> str | None:
    """The rule that drops ``m`` (``denied_flow`` or ``hypothetical_flow``), or None to keep it."""
    toks = [story.doc[i] for i in sorted(m.tokens)]
    if any(_denied(t) for t in toks):
        return "denied_flow"
    if any(_possible(t) for t in toks) or _entertained(toks):
        return "hypothetical_flow"
    if any(_speculated(t) for t in toks):
        return "speculative_flow"
    if _policy_only(toks):
        return "policy_not_flow"
    return None


def _denied(t: Token) -> bool:
    """"does not import", "never exported", "no shipments": a negation on the trigger word itself."""
    words = lexicon().denial_words
    return any((c.dep_ == "neg" or c.dep_ in ("det", "advmod")) and c.lower_ in words for c in t.children)


def _possible(t: Token) -> bool:
    """"a possible buyer", "potential exports": a word that makes the trigger a possibility."""
    return any(c.dep_ == "amod" and c.lower_ in lexicon().hypothetical_modifiers for c in t.children)


def _speculated(t: Token) -> bool:
    """Rule ``speculative_flow`` (audit 50l): "could sell cars to North America ... in the future":
    a modal and an open future on the trigger verb make the flow a possibility, no plan
    (lexicon ``speculative_modals``, ``speculative_times``)."""
    lex = lexicon()
    if t.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in lex.speculative_modals for c in t.children):
        return False
    for c in t.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in lex.speculative_times:
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in lex.speculative_times for g in c.children):
            return True
    return False


def _entertained(toks: list[Token]) -> bool:
    """A verb on the path from the mention's words to its clause that only weighs the flow; the
    climb goes one clause further for a clause-like mention verb ("considering exporting")."""
    verbs = lexicon().hypothetical_verbs
    path = status_path([t for t in toks if t.pos_ == "VERB"] or toks)
    heads = [t.head for t in path if t.dep_ in ("xcomp", "ccomp", "pcomp") and t.pos_ == "VERB"]
    return any(t.lemma_.lower() in verbs for t in path + heads)


def _qualifies_policy(t: Token) -> bool:
    """"trade incentives", "trade and other incentives", "office supplies company": the word names
    a kind of policy or business, no goods moving."""
    policy = lexicon().policy_nouns
    if t.dep_ in NOUN_MODIFIER_DEPS and t.head.lower_ in policy:
        return True
    if t.dep_ == "conj" and t.head.lower_ in policy:
        return True
    return any(c.dep_ == "conj" and c.lower_ in policy for c in t.children)


def _policy_only(toks: list[Token]) -> bool:
    """Whether the mention's route words are all words about policy or a business (and it has one)."""
    words = lexicon().trigger_words
    route_words = [t for t in toks if t.lemma_.lower() in words or t.lower_ in words]
    return bool(route_words) and all(_qualifies_policy(t) for t in route_words)


def stated(story: Story, mentions: list[Mention]) -> list[Mention]:
    """The mentions no rule of this module drops."""
    return [m for m in mentions if unstated_rule(story, m) is None]
