"""Pair candidates: every two place-like ends of a sentence that holds a route word.

The parse-driven mentions (:mod:`.mentions`) find a route only where the parse ties a
trigger to its ends the way a rule expects. This step casts the wider net the decision
step (:mod:`.decision`) chooses from: in every sentence with a trigger word that a rule
built a mention from, each end (a place row, a nationality on goods or a flow, a place
noun that a place modifies, a trade bloc) is paired with each later end that is not the
same place.

Structural gates, not judgements of meaning, keep a pair out: two items of one list, a
place passed through ("across Belarus"), ruled out ("and not Greece"), or where a speaker
is ("industry sources in China"), a party rather than an end ("U.S. officials"), two clause
subjects, or neither end within three parse steps of a route word. A pair carries the words
that relate its ends, as named string features:

* each end's attachment: the preposition that governs it ("from", "to", "with"), or its
  own dependency when it modifies or is a subject ("mod:amod", "nsubj"), the word it
  attaches to (its trigger role and lemma) and the end that word gives ("exports": origin);
* the dependency path between the two ends through their lowest common head, and that
  head's trigger role; list items are read through the list's first item, so "exports to
  Poland, Hungary and Slovakia" gives three alike pairs;
* the words between them ("to", "from", a hyphen), the distance to a route word and the
  trigger roles of the sentence;
* the role a one-ended rule mention of the sentence gives either end ("exports to Japan":
  a destination), where the pair may complete half a route the rules found.

Whether a pair is a route is the model's to weigh, not this module's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import lexicon
from .story import End, Mention, Story, compatible, demonym_of, distinct
from .syntax import is_commodity, relation_place, sold_in_market

MAX_ENDS_PER_SENTENCE = 14  # a table row of twenty countries is no sentence to pair exhaustively
MAX_PATH_STEPS = 8
MAX_TRIGGER_HOPS = 3  # a pair neither of whose ends is this close to a route word is no candidate
_MODIFIER_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")


@dataclass
class PairCandidate:
    """Two ends of one sentence (``first`` before ``second`` in the text) and the features relating them."""

    first: End
    second: End
    sentence: int
    lowest_head: int  # token where the dependency paths of the two ends meet
    features: list[str]
    path: frozenset[int] = frozenset()  # tokens on the dependency path between the ends, with their hosts


def sentence_ends(story: Story, start: int, end: int) -> list[End]:
    """The route ends a sentence names, one per place span, nationality word or place phrase."""
    doc = story.doc
    by_token = story.places.by_token
    lex = lexicon()
    out: list[End] = []
    covered: set[int] = set()
    for i in range(start, end):
        if i in covered:
            continue
        tok = doc[i]
        pid = by_token.get(i)
        if pid is not None:
            j = i
            while j + 1 < end and by_token.get(j + 1) == pid:
                j += 1
            covered.update(range(i, j + 1))
            if pid in story.company_places:
                continue  # rule company_not_place: "Gannett", "VW" name the company
            if i in story.one_place_tokens:
                continue  # rule one_place_name: "Asia" of "Asia-Pacific" is no end of its own
            root = _span_root(doc[i : j + 1])
            if root.dep_ in _MODIFIER_DEPS and root.head.lemma_.lower() in lex.place_heads:
                continue  # "U.S. Gulf Coast refineries": the place phrase below is the end
            if root.dep_ in _MODIFIER_DEPS and root.dep_ != "poss" and not _names_goods_or_flow(root.head, lex):
                continue  # "U.S. officials", "U.S. sanctions": a party, not an end
            out.append(story.place_end(pid, root))
            continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in lex.place_heads:
            found = story.end_at(tok)
            if found is not None:
                covered.update(t.i for t in tok.lefts)
                out.append(found)
                continue
        if tok.dep_ in _MODIFIER_DEPS and _names_goods_or_flow(tok.head, lex) and (iso := demonym_of(doc, tok)) is not None:
            out.append(story.country_end(iso, tok.text, tok))
            continue
        if tok.pos_ == "PROPN" and (found := _bloc_end(story, tok)) is not None:
            out.append(found)
    return out


def _names_goods_or_flow(head: Token, lex) -> bool:
    """Whether a nationality word's head makes it an end: goods ("Iranian crude"), a flow or its
    vehicle ("Chinese imports", "Russian pipeline"); not "Greek ship owner", "Chinese companies",
    nor a word of a name ("the Iraqi Pipeline in Saudi Arabia")."""
    if head.pos_ == "PROPN" or sold_in_market(head):
        return False
    lemma = head.lemma_.lower()
    return is_commodity(head) or lemma in lex.trigger_words or lemma in lex.place_heads


def _bloc_end(story: Story, tok: Token) -> End | None:
    actor = story.actor(tok)
    if actor is None or tok.head.i != tok.i and story.actors.actor_at(tok.head.i) == actor.actor_id:
        return None  # one end per name: its last word
    found = story.end_at(tok)
    return found if found is not None and found.place_id is None else None


def _span_root(span) -> Token:
    for t in span:
        if not (span.start <= t.head.i < span.end) or t.head.i == t.i:
            return t
    return span[-1]


def pair_candidates(story: Story, roles: dict[int, str], mentions: list[Mention]) -> list[PairCandidate]:
    """Candidates of every sentence that holds a route word in its route sense: ``roles`` are
    the trigger words the rules built a mention from (not "U.S. financial markets", which no
    rule takes for a trade agent), with their roles; ``mentions`` are the rules' mentions, whose
    one-ended ones say which role an end already plays ("exports to Japan": a destination)."""
    doc = story.doc
    lex = lexicon()
    by_sentence: dict[int, list[int]] = {}
    for i in roles:
        by_sentence.setdefault(story.ctx.sentence(i), []).append(i)
    out: list[PairCandidate] = []
    for s, words in sorted(by_sentence.items()):
        sent = story.ctx.sent_span(words[0])
        ends = sentence_ends(story, sent.start, sent.end)
        if len(ends) < 2 or len(ends) > MAX_ENDS_PER_SENTENCE:
            continue
        sentence_features = [f"sent_role={r}" for r in sorted({roles[i] for i in words})]
        ends = [e for e in ends if not _passed_or_ranked(doc[e.token]) and not _denied(doc[e.token]) and not _speaker_place(doc[e.token], lex.speaker_heads)]
        ends = [e for e in ends if not _party(doc[e.token], lex.party_nouns) and not appositive_scope(doc[e.token])]
        for a_i, a in enumerate(ends):
            for b in ends[a_i + 1 :]:
                ha, hb = list_head(doc[a.token]), list_head(doc[b.token])
                if not distinct(a, b) or ha.i == hb.i:
                    continue  # the same place, or two items of one list ("to Poland and Germany")
                if _attachment(ha)[0] == _attachment(hb)[0] == "nsubj":
                    continue  # the subjects of two clauses ("Russia took over ... after China halted exports")
                hops = sorted((trigger_hops(doc[a.token], roles), trigger_hops(doc[b.token], roles)))
                if hops[0] > MAX_TRIGGER_HOPS:
                    continue
                if _range(ha, hb):
                    continue  # rule range_not_flow: "From the United States to ... Japan ..., economies are in recession"
                lowest, features, path = _pair_features(story, roles, a, b)
                if "path_no_trigger" in features and _crosses_clauses(doc, lowest, path):
                    continue  # "Chile cut exports and tensions rose between Peru and Bolivia"
                features += [f"hops_near={hops[0]}", f"hops_far={min(hops[1], MAX_TRIGGER_HOPS + 1)}"]
                features += _rule_end_features(s, a, b, mentions)
                out.append(PairCandidate(a, b, s, lowest, features + sentence_features, path))
    return out


def _rule_end_features(sentence: int, a: End, b: End, mentions: list[Mention]) -> list[str]:
    """The role a one-ended rule mention of the sentence gives either end ("a.rule_end=destination"
    for Japan in "cut exports to Japan"): the rules found half a route there, the pair may be the rest."""
    out: set[str] = set()
    for m in mentions:
        if m.sentence != sentence or m.ends != 1:
            continue
        role, end = ("pair", m.origin or m.destination) if m.bidirectional else ("origin", m.origin) if m.origin else ("destination", m.destination)
        for side, e in (("a", a), ("b", b)):
            if end is not None and compatible(end, e):
                out.add(f"{side}.rule_end={role}")
    return sorted(out)


def _crosses_clauses(doc, lowest: int, path: frozenset[int]) -> bool:
    """Whether two ends meet at a verb through another verb: each end is in its own clause."""
    return doc[lowest].pos_ in ("VERB", "AUX") and any(doc[i].pos_ in ("VERB", "AUX") for i in path if i != lowest)


def _passed_or_ranked(tok: Token) -> bool:
    """A place passed through ("across Belarus", "through the Strait of Hormuz"), gone around
    ("bypassing Finland") or that ranks or bounds a trade agent ("the third-largest U.S. trading
    partner in the Middle East behind Israel"): no end of a flow."""
    lex = lexicon()
    head = list_head(tok)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in lex.bypass_verbs:
        return True
    if head.dep_ != "pobj":
        return False
    prep, agent = head.head, head.head.head
    if prep.lower_ in lex.via_preps:
        return not relation_place(prep)  # rule partners_across: "China's trading partners across Europe"
    if agent.lemma_.lower() not in lex.trade_agents:
        return False
    if prep.lower_ in lex.scope_preps:
        return True
    ranked = any(t.tag_ == "JJS" or t.lower_ in lex.ranking_words for t in agent.lefts for t in t.subtree)
    return prep.lower_ in lex.ranked_scope_preps and ranked  # "the largest partner in Asia", not "customers in Germany"


def appositive_scope(tok: Token) -> bool:
    """Rule ``appositive_scope`` (audit 50m): "Germany, Europe's largest economy, is Russia's biggest
    trading partner": a place that possesses the description of another place in apposition only
    ranks it; it is no end of a pair."""
    head = list_head(tok)
    return head.dep_ == "poss" and head.head.dep_ == "appos" and head.head.head.ent_type_ in ("GPE", "LOC", "NORP")


def _party(tok: Token, party_nouns: frozenset[str]) -> bool:
    """Rule ``party_nouns``: a place that is a party to an agreement, a dispute or talks: hung on a
    party noun by a preposition ("the NAFTA trade agreement between the United States, Canada and
    Mexico") or the subject of a verb whose object is one ("Russia and Ukraine failed to resolve a
    gas supply dispute")."""
    head = list_head(tok)
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in party_nouns:
        return True
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verbs = [head.head, *(c for c in head.head.children if c.dep_ == "xcomp")]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in party_nouns for v in verbs for c in v.children)


def _range(a: Token, b: Token) -> bool:
    """Rule ``range_not_flow``: "from X to Y" where "from" hangs on no route word (lexicon
    ``range_from_preps``): a span of a list or a range ("From the United States to ... Japan to
    ... Germany, the world's top economies are in recession"), not a flow between X and Y."""
    lex = lexicon()
    att_a, host_a = _attachment(a)
    att_b, _ = _attachment(b)
    if att_a not in lex.range_from_preps or att_b not in lex.destination_preps:
        return False
    lemma = host_a.lemma_.lower()
    return lemma not in lex.trigger_words and not is_commodity(host_a) and lemma not in lex.making_nouns


def _speaker_place(tok: Token, speaker_heads: frozenset[str]) -> bool:
    """"according to industry sources in China", "U.S. officials said": where a speaker is."""
    head = list_head(tok)
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "from"):
        return head.head.head.lemma_.lower() in speaker_heads
    if head.dep_ not in _MODIFIER_DEPS:
        return False
    noun = head.head
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head  # "a senior Ukrainian gas official": the nationality of the official, not of gas
    return noun.lemma_.lower() in speaker_heads


def _denied(tok: Token) -> bool:
    """"went to the UK ... and not Greece, Portugal or Spain": a place the sentence rules out."""
    t = tok
    for _ in range(8):  # up the list: "not" on "Greece" rules out "Portugal or Spain" after it
        if any(c.dep_ == "neg" or c.lower_ in ("not", "nor") for c in t.children):
            return True
        before = t.left_edge.i - 1
        if before >= 0 and t.doc[before].lower_ in ("not", "nor"):
            return True
        if t.dep_ != "conj" or t.head.i == t.i:
            return False
        t = t.head
    return False


def list_head(tok: Token) -> Token:
    """The first item of the list a word is in ("Poland" for "Hungary" in "Poland, Hungary and
    Slovakia"), read through the common noun the list illustrates: "countries" for "Japan" in
    "sell gas to countries such as India and Japan", "consumers" in "top consumers Japan and
    Korea", so the exemplar attaches where that noun does."""
    hops = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and hops < 6:
        tok, hops = tok.head, hops + 1
    illustrated = _illustrated_noun(tok)
    return list_head(illustrated) if illustrated is not None else tok


def _illustrated_noun(tok: Token) -> Token | None:
    """The common noun an end is an example of ("resorts such as Cancun", "buyers Japan and Korea")."""
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
        return tok.head
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "as" and prep.head.pos_ == "NOUN" and (
        any(w.lower_ == "such" for w in prep.lefts) or tok.doc[max(prep.i - 1, 0)].lower_ == "such"
    ):
        return prep.head
    return None


def trigger_hops(tok: Token, roles: dict[int, str]) -> int:
    """Steps up the parse from an end (read through its list's first item) to a route word: the
    word itself or a child of it ("cut imports from Iran": one step from "Iran" to "imports");
    a large number when none is within reach."""
    cur = list_head(tok)
    for hops in range(MAX_TRIGGER_HOPS + 2):
        if cur.i in roles or any(c.i in roles and c.dep_ in ("dobj", "nsubj", "nsubjpass", "compound") for c in cur.children):
            return hops
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return 99


def _attachment(tok: Token) -> tuple[str, Token]:
    """How an end attaches: ("from", word the preposition hangs on) or ("mod:amod", head) or (dep, head)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.head.i != head.i:
        return head.lower_, head.head
    if tok.dep_ in _MODIFIER_DEPS:
        return f"mod:{tok.dep_}", head
    return tok.dep_, head


def _word_class(tok: Token, roles: dict[int, str]) -> str:
    role = roles.get(tok.i)
    if role:
        return f"{role}:{tok.lemma_.lower()}"
    return "goods" if tok.pos_ == "NOUN" and is_commodity(tok) else tok.pos_


def _end_role(tok: Token, roles: dict[int, str]) -> str:
    """The end the lexicon says a trigger's subject or modifier is: "origin" for "exports" and
    "export", "destination" for "imports" and "buyer", "pair" for "trade"; "-" for no trigger."""
    lex = lexicon()
    role = roles.get(tok.i)
    lemma = tok.lemma_.lower()
    if role == "trade_noun":
        return lex.trade_nouns.get(lemma, "pair")
    if role == "trade_verb":
        return lex.trade_verbs.get(lemma, "origin")
    if role == "trade_agent":
        return lex.trade_agents.get(lemma, "pair")
    return role or "-"


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """Tokens from ``a`` up to the lowest common head (exclusive), that head, and from ``b`` up to it."""
    up_a = [a]
    while up_a[-1].head.i != up_a[-1].i and len(up_a) < 30:
        up_a.append(up_a[-1].head)
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b = [b]
    while up_b[-1].i not in index and up_b[-1].head.i != up_b[-1].i and len(up_b) < 30:
        up_b.append(up_b[-1].head)
    if up_b[-1].i not in index:
        return up_a, None, up_b
    lowest = up_b[-1]
    return up_a[: index[lowest.i]], lowest, up_b[:-1]


def _pair_features(story: Story, roles: dict[int, str], a: End, b: End) -> tuple[int, list[str], frozenset[int]]:
    doc = story.doc
    ta, tb = doc[a.token], doc[b.token]
    ha, hb = list_head(ta), list_head(tb)
    features: list[str] = ["bias"]
    if ta.head.i == tb.i and ta.dep_ == "appos" or tb.head.i == ta.i and tb.dep_ == "appos":
        features.append("apposition")
    att_a, host_a = _attachment(ha)
    att_b, host_b = _attachment(hb)
    features += [
        f"a.att={att_a}",
        f"b.att={att_b}",
        f"atts={att_a}|{att_b}",
        f"a.host={_word_class(host_a, roles)}",
        f"b.host={_word_class(host_b, roles)}",
        f"a.att_host={att_a}|{_word_class(host_a, roles).split(':')[0]}",
        f"b.att_host={att_b}|{_word_class(host_b, roles).split(':')[0]}",
        f"a.host_lemma={host_a.lemma_.lower()}",
        f"b.host_lemma={host_b.lemma_.lower()}",
        f"a.att_end_role={att_a}|{_end_role(host_a, roles)}",
        f"b.att_end_role={att_b}|{_end_role(host_b, roles)}",
        f"a.level={a.level}",
        f"b.level={b.level}",
        f"a.ent={ta.ent_type_ or ta.pos_}",
        f"b.ent={tb.ent_type_ or tb.pos_}",
    ]
    if host_a.i == host_b.i:
        features.append(f"same_host={att_a}|{att_b}|{roles.get(host_a.i, host_a.pos_)}")
    up_a, lowest, up_b = _path(ha, hb)
    lowest_i = lowest.i if lowest is not None else ha.i
    if lowest is None or len(up_a) + len(up_b) > MAX_PATH_STEPS:
        features.append("path=long")
    else:
        top = roles.get(lowest.i, lowest.pos_)
        path = "<".join(t.dep_ for t in up_a) + f"^{top}^" + ">".join(t.dep_ for t in reversed(up_b))
        features += [f"path={path}", f"top={top}", f"top_lemma={_word_class(lowest, roles)}"]
        on_path = [t for t in up_a + up_b if t.i in roles]
        features += [f"path_role={roles[t.i]}" for t in on_path]
        if not on_path and lowest.i not in roles:
            features.append("path_no_trigger")
    between = doc[min(a.token, b.token) + 1 : max(a.token, b.token)]
    words = {t.lower_ for t in between}
    for w in ("to", "from", "-", "and", "with", "between", "into", "via", "or"):
        if w in words:
            features.append(f"between={w}")
    gap = len(between)
    features.append(f"gap={'0' if gap == 0 else '1-3' if gap <= 3 else '4-8' if gap <= 8 else '9+'}")
    path = frozenset(t.i for t in (*up_a, *up_b, host_a, host_b)) | {lowest_i}
    return lowest_i, features, path
