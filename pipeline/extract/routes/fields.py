"""Fields: what a mention says besides its ends.

Decides the mode (a canal or strait waypoint, "by rail", "pipeline gas", an
airport end), the vehicle (a named vessel or line first), the cargo, the
operator (an organisation that owns, builds, charters or runs the link),
the status (cue words on the path up to the clause's verb), the start date,
and capacity and frequency (quantity and set-date rows in the mention's phrases).
"""

from __future__ import annotations

from spacy.tokens import Token

from ...gazetteer import gazetteer
from ..actors import Actor
from .lexicon import lexicon
from .story import End, Mention, Story
from .syntax import NOUN_MODIFIER_DEPS, cargo_head, is_commodity, subject


def through_waypoint(m: Mention, vias: list[End], mode: str) -> str:
    """A one-ended flow through a place ends there: "imports and exports of goods pass through the
    Panama Canal"; a canal is its vehicle and makes it a sea route. Only a canal, strait, port,
    airport or vehicle is such an end: a country or city passed is transit ("supplies through Ukraine to Europe"). A strait is only ever passed
    ("Gulf shipments through the Strait of Hormuz"): it ends nothing."""
    if m.ends != 1 or not vias:
        return mode
    lex = lexicon()
    via = vias[0]
    words = via.name.lower().split() if via.name else [""]
    if lex.transit_only_heads.intersection(words):
        return mode  # "Gulf shipments through the Strait of Hormuz": the strait is no end
    last = words[-1]
    if not (last in lex.waypoint_heads or last in lex.vehicle_mode or last in lex.end_modes):
        return mode  # rule transit_not_end (audit 50l): "gas supplies through Ukraine to Europe": a country passed is no end
    if m.origin is None:
        m.origin = via
    else:
        m.destination = via
    if last in lex.waypoint_heads or last in lex.vehicle_mode:
        m.kind = "transport"
        m.vehicle, m.vehicle_named = via.name, True
        if mode == "unspecified":
            mode = lex.vehicle_mode.get(last) or "sea"
    return mode


def mode_of_ends(m: Mention) -> str | None:
    """A transport link between airports flies; between ports it sails ("routes between the United States
    and London's Heathrow Airport")."""
    if m.kind != "transport":
        return None
    modes = lexicon().end_modes
    for end in (m.origin, m.destination):
        last = end.name.split()[-1].lower() if end is not None and end.name else ""
        if last in modes:
            return modes[last]
    return None


def mode_from_context(toks: list[Token], cargo_tokens: list[Token]) -> str | None:
    lex = lexicon()
    for t in toks:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for o in c.children:
                    mode = lex.mode_word.get(o.lemma_.lower()) or lex.vehicle_mode.get(o.lemma_.lower())
                    if o.dep_ == "pobj" and mode:
                        return mode
    for c in cargo_tokens:
        for l in c.lefts:
            mode = lex.mode_word.get(l.lemma_.lower())
            if l.dep_ in NOUN_MODIFIER_DEPS and mode:
                return mode  # "pipeline gas", "seaborne coal"
    return None


def _compound_start(story: Story, v: Token) -> int:
    """First token of the compound run that names a vehicle ("Keystone XL oil sands pipeline"):
    nouns and names right before it, without places, nationalities or numbers."""
    first = v.i
    j = v.i - 1
    while j >= 0:
        t = story.doc[j]
        if t.dep_ not in ("compound", "nmod") or not (j < t.head.i <= v.i):
            break
        if t.like_num or gazetteer().is_demonym(t.text) or _known_place(story, j):
            break
        first = j
        j -= 1
    return first


def _known_place(story: Story, i: int) -> bool:
    """A token of a place the gazetteer knows (an unresolved "place" before "pipeline" is its name: "Nord Stream")."""
    pid = story.places.by_token.get(i)
    return pid is not None and (story.place_of[pid].place is not None or story.place_of[pid].country is not None)


def set_vehicle(story: Story, m: Mention, vehicles: list[Token], links: list[Token], toks: list[Token], role: dict[int, str]) -> None:
    """The vehicle: a named vessel or line first ("Mangyongbong ferry"), else the vehicle noun with its compounds."""
    lex = lexicon()
    best: tuple[int, str, bool] | None = None
    for v in vehicles + links:
        first = _compound_start(story, v)
        words = story.doc[first : v.i + 1]
        named = any(w.pos_ == "PROPN" and not _known_place(story, w.i) for w in words)
        if v.i in m.tokens and role[v.i] == "vehicle":
            m.vehicle_nouns.add(v.lemma_.lower())
        if v in links and not named:
            continue
        score = (200 if named else 100) - abs(v.i - toks[0].i)
        if best is None or score > best[0]:
            best = (score, words.text, named)
        m.vehicle_keys.add(v.lemma_.lower())
        m.vehicle_keys.update(w.lower_ for w in words if w.pos_ == "PROPN")
    if best is None:
        # The subject of a goods or motion verb that is a vehicle ("the ageing boat used to ferry").
        for t in toks:
            if role[t.i] in ("goods_verb", "motion_verb"):
                subj = subject(t)
                if subj is not None and subj.lemma_.lower() in lex.vehicle_mode:
                    best = (0, story.doc[_compound_start(story, subj) : subj.i + 1].text, False)
                    m.vehicle_keys.add(subj.lemma_.lower())
                    m.vehicle_nouns.add(subj.lemma_.lower())
                    break
    if best is not None:
        m.vehicle, m.vehicle_named = best[1], best[2]


def cargo_texts(story: Story, cargo_tokens: list[Token]) -> list[str]:
    lex = lexicon()
    out: list[str] = []
    seen: set[int] = set()
    queue = list(cargo_tokens)
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        queue.extend(t.conjuncts)  # "500,000 tonnes of crude and 270,000 tonnes of products"
        head = cargo_head(t)
        if head is None:
            continue
        seen.add(head.i)
        queue.extend(head.conjuncts)
        if head.pos_ not in ("NOUN", "PROPN") and not (head.pos_ == "ADJ" and is_commodity(head)) or head.like_num:
            continue
        if story.places.by_token.get(head.i) or story.actors.actor_at(head.i):
            continue
        lemma = head.lemma_.lower()
        if not is_commodity(head) and head.pos_ != "PROPN":
            # Objects of a goods verb may be any goods; of a trade noun only known commodities.
            if not any(story.doc[i].dep_ == "dobj" for i in [t.i]) or lemma in lex.measure_nouns:
                continue
        first = head.i
        for c in head.lefts:
            if c.dep_ in ("compound", "nmod") or (c.dep_ == "amod" and (is_commodity(c) or c.lemma_.lower() in lex.cargo_modifiers)):
                if story.places.by_token.get(c.i) is None and not gazetteer().is_demonym(c.text):
                    first = min(first, c.i)
        words = [w for w in story.doc[first : head.i + 1] if w.text not in ("(", ")")]
        text = " ".join(w.text for w in words)
        if text and text.lower() not in (x.lower() for x in out):
            out.append(text)
    return out


def operator_of(story: Story, toks: list[Token], operator_tokens: list[Token]) -> str | None:
    lex = lexicon()
    candidates: list[Token] = []
    for t in toks:
        for c in t.lefts:
            if c.dep_ == "poss":
                candidates.append(c)  # "TransCanada Corp's ... pipeline", "its ... project"
        for c in t.children:
            if c.dep_ == "acl":  # "a pipeline project to be built by TransCanada Corp"
                for a in c.children:
                    if a.dep_ == "agent":
                        candidates.extend(o for o in a.children if o.dep_ == "pobj")
        if t.dep_ == "dobj" and t.head.lemma_.lower() in lex.operator_verbs:
            subj = subject(t.head)
            if subj is not None:
                candidates.append(subj)  # "TransCanada will build the pipeline"
        # "would be the general agent for the ferry route"
        h = t.head
        if t.dep_ == "pobj" and h.lower_ in ("for", "of") and h.head.lemma_.lower() in lex.operator_nouns:
            noun = h.head
            if noun.dep_ == "attr":
                subj = subject(noun.head)
                if subj is not None:
                    candidates.append(subj)
            elif noun.dep_ == "appos":
                candidates.append(noun.head)  # "Williams, owner of the Transco pipeline"
            for c in noun.lefts:
                if c.dep_ == "poss":
                    candidates.append(c)
    candidates.extend(operator_tokens)
    for c in candidates:
        name = organisation_name(story, c)
        if name:
            return name
    return titled_operator(story, story.ctx.sent_span(toks[0].i)) if toks else None


def titled_operator(story: Story, sent) -> str | None:
    """The organisation a sentence names with an operator title ("Russian gas monopoly Gazprom",
    "pipeline operator Transneft"): it runs the links and flows of that sentence."""
    titles = lexicon().operator_titles
    for t in sent:
        if t.lemma_.lower() not in titles:
            continue
        named = [t.head] if t.dep_ in ("compound", "appos") else []
        named += [c for c in t.children if c.dep_ == "appos"]
        for n in named:
            actor = story.actor(n)
            if actor is not None and actor.kind == "organization":
                return actor.name
    return None


def organisation_name(story: Story, tok: Token) -> str | None:
    """The organisation a word stands for: an organisation actor, "its" (the nearest organisation
    before it), "his company" (the affiliation of the nearest person before it), "the company"."""
    lex = lexicon()
    actor = story.actor(tok)
    if actor is not None:
        return actor.name if actor.kind == "organization" else None
    low = tok.lower_
    if low in ("its", "their"):
        return _nearest_org(story, tok.i)
    if tok.lemma_.lower() in lex.company_nouns:
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in ("his", "her"):
            for _, person in story.actors.persons_before(tok.i):
                return person.affiliation
            return None
        if poss is not None:
            return organisation_name(story, poss)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return _nearest_org(story, tok.i)
    return None


def _nearest_org(story: Story, i: int) -> str | None:
    sent = story.ctx.sentence(i)
    best: tuple[int, Actor] | None = None
    for a in story.actors.actors:
        if a.kind != "organization":
            continue
        for s, _ in a.mentions:
            if s < i and sent - story.ctx.sentence(s) <= 2 and (best is None or s > best[0]):
                best = (s, a)
    return best[1].name if best else None


def status_path(toks: list[Token]) -> list[Token]:
    """The mention's words and the words above them up to their clause's verb."""
    path: list[Token] = []
    seen: set[int] = set()
    for t in toks:
        cur = t
        for _ in range(8):
            if cur.i in seen:
                break
            seen.add(cur.i)
            path.append(cur)
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ in ("ROOT", "ccomp", "relcl", "advcl", "parataxis", "conj", "acl", "pcomp"):
                if _intent_infinitive(cur):
                    path.append(_intent_noun_of(cur))  # rule intent_infinitive (audit 50n): "the project to pipe Qatari gas to Turkey"
                break
            if cur.head.i == cur.i:
                break
            if cur.dep_ == "prep" and cur.lower_ not in lexicon().route_preps:
                break  # "may be ... because of the big trade ties", "could harm competition on ... routes"
            if cur.dep_ == "prep" and _inquiry_prep(cur):
                break  # rule probe_not_plan (audit 50m): "would conduct investigations into imports of U.S. chicken": the plan is the probe's
            cur = cur.head
    return path


def _intent_infinitive(verb: Token) -> bool:
    """Rule ``intent_infinitive``: the infinitive of a plan noun ("the project to pipe Qatari gas to
    Turkey", "a plan to build") carries that noun's status (lexicon ``status.planned.nouns``,
    ``intent_nouns``); the climb that stops at the infinitive reads its head noun too."""
    lex = lexicon()
    if verb.dep_ not in ("acl", "relcl", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    noun = _intent_noun_of(verb)
    head = noun.lemma_.lower() if noun is not None else ""
    return head in lex.intent_nouns or any(head in nouns for name, _, nouns, _ in lex.status_cues if name == "planned")


def _intent_noun_of(verb: Token) -> Token | None:
    """The noun an infinitive completes: its head, or, when the parser hung "the project to pipe"
    on a verb above (advcl), the noun right before its "to"."""
    if verb.dep_ in ("acl", "relcl"):
        return verb.head
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].lower_ == "to" and doc[verb.i - 2].pos_ == "NOUN":
        return doc[verb.i - 2]
    return None


def _inquiry_prep(prep: Token) -> bool:
    """Rule ``probe_not_plan``: a preposition of an inquiry or measure noun (lexicon ``inquiry_nouns``),
    or of the verb whose object that noun is (the parser hangs "into" of "conduct investigations into
    imports" on "conduct")."""
    nouns = lexicon().inquiry_nouns
    head = prep.head
    if head.lemma_.lower() in nouns:
        return True
    return head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in head.children)


def route_status(path: list[Token]) -> str:
    """Suspended, historical or planned when a cue of that status sits on the path; active otherwise."""
    lex = lexicon()
    verbs: set[str] = set()
    nouns: set[str] = set()
    modifiers: set[str] = set()
    negated = False
    for t in path:
        if t.pos_ in ("VERB", "AUX") and not _done(t):
            verbs.add(t.lemma_.lower())
        elif t.pos_ in ("NOUN", "PROPN"):
            nouns.add(t.lemma_.lower())
        for c in t.children:
            dep = c.dep_
            if dep in ("aux", "auxpass", "amod", "advmod", "neg", "acomp"):  # acomp: "the pipeline remained closed"
                modifiers.add(c.lower_)
                negated = negated or dep == "neg" or c.lower_ in lex.negators
            elif dep in ("acl", "xcomp") and c.pos_ == "VERB" and c.i not in {x.i for x in path}:
                verbs.add(c.lemma_.lower())  # "a pipeline to be built", "service starting next week"
        if t.lower_ == "used" and not any(c.dep_ in ("auxpass", "aux") for c in t.children):
            if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
                return "historical"  # "the boat used to ferry tourists"
    for name, cue_verbs, cue_nouns, cue_modifiers in lex.status_cues:
        if verbs & cue_verbs or nouns & cue_nouns or modifiers & cue_modifiers:
            if name == "suspended" and negated:
                continue
            if name == "suspended" and (verbs | modifiers) & lex.threats:
                return "active"  # "threatened to cut off supplies", "could halt exports": still flowing
            if name == "planned" and _present_flow(path):
                return "active"
            return name
    return "active"


def _present_flow(path: list[Token]) -> bool:
    """Rule ``present_flow`` (audit 50l): "eliminate our current imports from the Middle East", "U.S.
    trading partners such as China": the flow or relation runs now; the clause's plan is about
    something else (lexicon ``present_modifiers``, ``relation_nouns``). Rule ``present_balance``
    (audit 50n): a trade balance ("would not help narrow China's trade surplus with the United
    States") measures trade that runs (``balance_nouns``); rule ``replaced_flow_present``: the flow
    a verb would replace ("Nissan may replace shipments of Japan-made cars to ...") runs now."""
    lex = lexicon()
    for t in path:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.substitution_verbs:
            return True
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        if t.lemma_.lower() in lex.relation_nouns or t.lower_ in lex.relation_nouns or t.lower_ in lex.balance_nouns:
            return True
        if any(c.dep_ == "amod" and c.lower_ in lex.present_modifiers for c in t.children):
            return True
    return False


def _done(verb: Token) -> bool:
    """A planned-status verb in the past with no infinitive below: "expanded exports to China" says
    the flow happened; "agreed to ship", "plans to build" and "was built" keep their cue."""
    if verb.lemma_.lower() not in lexicon().done_when_past:
        return False
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def start_date(story: Story, path: list[Token], toks: list[Token], status: str) -> str | None:
    """When the route starts or started: a date after "from"/"since"/"starting", a date of a start word
    ("starting next week"), or for a planned route the date it is planned for ("in 2010")."""
    if not story.dates.by_token:
        return None
    lex = lexicon()
    for t in path + [c for tok in toks for c in tok.children if c.dep_ in ("acl", "relcl")]:
        starts = t.lemma_.lower() in lex.start_words
        for c in t.children:
            if c.dep_ == "prep" and (c.lower_ in lex.start_preps or (c.lower_ in lex.date_preps and (starts or status == "planned"))):
                for o in c.children:
                    if o.dep_ == "pobj" and (v := story.date_value(o.i)) and not v.startswith("P"):
                        return v  # a date, not a duration or a set ("P3M")
            if starts and c.dep_ in ("npadvmod", "advmod", "obl", "tmod"):
                for sub in c.subtree:
                    if (v := story.date_value(sub.i)) and not v.startswith("P"):
                        return v
    return None


def capacity_frequency(story: Story, toks: list[Token], cargo_tokens: list[Token], path: list[Token]) -> tuple[list[str], str | None]:
    """Capacity: quantity rows (not money, shares, lengths or durations) in the cargo or on the vehicle
    ("up to 200 passengers", "700,000 barrel-a-day ... pipeline", "a capacity of 585,000 bpd").
    Frequency: a frequency quantity or a recurring date ("six times a month") on the verb, else a
    frequency word ("daily flights")."""
    lex = lexicon()
    cargo_ranges = [(c.left_edge.i, c.right_edge.i) for c in cargo_tokens]
    own_ranges = []
    for t in toks:
        left = list(t.lefts)
        if left:
            own_ranges.append((left[0].left_edge.i, t.i))
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "of"):
                for o in c.children:
                    if o.lemma_.lower() in lex.capacity_nouns:
                        own_ranges.append((o.left_edge.i, o.right_edge.i))
    verb_ranges = [(c.left_edge.i, c.right_edge.i) for t in toks if t.pos_ == "VERB" for c in t.children if c.dep_ in ("npadvmod", "advmod", "prep")]

    def starts_in(a: int, ranges: list[tuple[int, int]]) -> bool:
        return any(lo <= a <= hi for lo, hi in ranges)

    capacity: list[str] = []
    frequency: str | None = None
    for row, a, b in story.quantity_spans() if story.quantities else []:
        kind = row.get("unit_kind")
        if kind == "frequency":
            if starts_in(a, verb_ranges + own_ranges):
                frequency = frequency or row.get("text")
            continue
        if kind in lex.not_capacity_kinds or any(a <= t.i <= b for t in toks):
            continue  # money, shares, lengths; "five ... oil tankers" counts vehicles, not what they carry
        if starts_in(a, cargo_ranges + own_ranges):
            capacity.append(row["quantity_id"])
    if frequency is None and story.dates.rows:
        for row, a, _ in story.set_date_spans():
            if starts_in(a, verb_ranges):
                frequency = row.get("text")
                break
    if frequency is None:
        for t in toks + path:
            for c in t.children:
                if c.dep_ in ("amod", "advmod", "npadvmod") and c.lower_ in lex.frequency_words:
                    return capacity, c.text  # "daily flights", "weekly service"
    return capacity, frequency
