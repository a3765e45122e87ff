"""Who a claim's source is: names, pronouns and descriptions resolved to a speaker.

The actor index knows named people and organisations; claims also come from
"he", "the man", "One North Korean man", "it" and "experts". Resolution is
deliberately light-weight (no coreference model), in text order:

* a name resolves to its actor (surnames are already clustered by actors);
* "he"/"she" to the nearest earlier person, named or described ("One North
  Korean man, who works as a handyman, told Reuters ..."), within four
  sentences, preferring one in subject position: a reporter rarely switches
  speaker without naming the new one. The person must not be known as of the
  other gender: known from an earlier "he" or "she" resolved to them, an
  honorific ("Mrs."), a gendered word of their title or description
  ("spokeswoman", "the nominee's eldest daughter", "the man") or a common
  first name;
* "the man", "the official" to the nearest earlier source with the same
  head noun, or to a named person whose title ends in it ("the analyst");
* "it" to the nearest organisation (or document) in subject position,
  "the company" likewise; "they" to the last plural or collective source;
* an indefinite description followed within two sentences by a named person
  with that title ("An energy policy analyst said ... , said Kevin Book, an
  analyst at ...") is that person.

The source's kind: person (a named person), organization (an organisation,
government or country), document (data, reports, editorials, web sites) or
anonymous (unnamed people, "experts", "sources", "both sides").
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Protocol, Sequence

import numpy as np
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..resources import load_json
from .actors import Actor, ActorIndex
from .context import in_sorted

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LOOKBACK = 4  # sentences a pronoun may reach back
_ORG_KINDS = frozenset({"organization", "group", "document"})
_PRONOUN_KINDS = frozenset({"person", "organization", "plural", "speaker"})  # what _pronoun resolves


@dataclass(frozen=True)
class SpeakerLexicon:
    """The words that tell who a source is (``models/lexicons/cues.json``): pronouns by kind and
    gender, gendered words and first names, and the nouns of documents, organisations and people."""

    pronoun_kind: dict[str, str]  # "he" -> person, "it" -> organization, "they" -> plural
    pronoun_gender: dict[str, str]  # "she" -> female
    gendered: dict[str, str]  # "Mrs.", "spokeswoman", "daughter" -> female
    first_name_gender: dict[str, str]  # "ivanka" -> female
    document: frozenset[str]  # "report", "poll"
    organization: frozenset[str]  # "company", "ministry"
    person: frozenset[str]  # "analyst", "man"
    linkers: frozenset[str]  # first words of "such as", "including": a name follows
    indefinite: frozenset[str]  # "an", "one": "An energy policy analyst said ..."


@lru_cache(maxsize=1)
def speaker_lexicon() -> SpeakerLexicon:
    cues = load_json("lexicons/cues.json")
    nouns, gender = cues["source_nouns"], cues["gender"]
    return SpeakerLexicon(
        pronoun_kind={p: kind for kind, words in cues["pronouns"].items() for p in words},
        pronoun_gender={w: g for g, words in gender["pronouns"].items() for w in words},
        gendered={w: g for g, words in gender["words"].items() for w in words},
        first_name_gender={w: g for g, words in gender["first_names"].items() for w in words},
        document=frozenset(nouns["document"]),
        organization=frozenset(nouns["organization"]),
        person=frozenset(nouns["person"]),
        linkers=frozenset(w.split()[0] for w in cues["name_linkers"]),
        indefinite=frozenset(cues["indefinite_determiners"]),
    )


@dataclass
class Resolution:
    """Who a claim's source is: the words naming them (the mention resolved to, for a pronoun),
    the actor and every actor named, the row's ``source_kind``, the referent the speaker is known
    by (``("actor", id)`` or ``("nominal", token)``) and the cue's character (-1 without one)."""

    source: str
    actor_id: str | None = None
    kind: str = "anonymous"
    referent: tuple | None = None
    actor_ids: list[str] = field(default_factory=list)
    cue_char: int = -1

    def take(self, m: "Mention", kind: str) -> None:
        """Resolve to an earlier mention."""
        self.source, self.actor_id, self.referent, self.kind = m.text, m.actor_id, m.referent, kind


class Attributed(Protocol):
    """What the resolver reads of a claim (a claims draft): content chars, source tokens and head,
    cue token, the claim it continues, and where the resolution goes."""

    start: int
    end: int
    source: tuple[int, int] | None
    head: int | None
    cue_i: int
    parent: "Attributed | None"
    resolved: Resolution | None


@dataclass(order=True)
class Mention:
    pos: int  # token of the mention's start
    sentence: int
    referent: tuple  # ("actor", id) or ("nominal", pos)
    kind: str  # person, organization, group, country, document, anonymous
    subject: bool
    text: str
    actor_id: str | None
    head: str  # head noun lemma, lower case
    plural: bool
    human: bool  # a named person or a description of people ("One North Korean man")


def surname_index(actors: ActorIndex) -> dict[str, str]:
    """A person's last name or alias, lower case -> the first person the story names so."""
    out: dict[str, str] = {}
    for a in actors.actors:
        if a.kind == "person":
            for word in (a.name.split()[-1].lower(), *(x.lower() for x in a.aliases)):
                out.setdefault(word, a.actor_id)
    return out


class Speakers:
    def __init__(
        self,
        doc: Doc,
        actors: ActorIndex,
        in_quote: Callable[[int], bool],
        sentence: Callable[[int], int],
        lowers: np.ndarray | None = None,
    ) -> None:
        """``lowers``: each token's lower-case hash, when the caller has them already (else read here)."""
        self.doc = doc
        self.lex = speaker_lexicon()
        self.sentence = sentence
        self.in_quote = in_quote
        self.by_token = actors.by_token
        self.actor_by_id: dict[str, Actor] = {a.actor_id: a for a in actors.actors}
        self.by_surname = surname_index(actors)
        self.mentions: list[Mention] = []
        self.gender: dict[tuple, str] = {}  # referent -> male / female, when the text says
        for a in actors.actors:
            if a.kind == "person":
                gender = self._actor_gender(a)
                if gender is not None:
                    self.gender[("actor", a.actor_id)] = gender
            for s, e in a.mentions:
                if in_quote(s):
                    continue
                head = doc[e - 1]
                self.mentions.append(
                    Mention(
                        s, sentence(s), ("actor", a.actor_id), a.kind, head.dep_ in _SUBJECT_DEPS, a.name, a.actor_id, head.lower_,
                        False, a.kind == "person",
                    )
                )
        # A surname the recogniser missed here but knows elsewhere ("The St. Louis Fed's Bullard
        # was more dovish ... "...," he said"): a mention too, or "he" skips to another person.
        ids = np.sort(np.fromiter((hash_string(w) for w in self.by_surname), dtype=np.uint64, count=len(self.by_surname)))
        lowers = doc.to_array(LOWER) if lowers is None else lowers
        for i in np.flatnonzero(in_sorted(lowers, ids)).tolist():  # not a Token per word: they cost
            t = doc[i]
            if t.i in self.by_token or t.pos_ != "PROPN" or in_quote(t.i):
                continue
            actor = self.actor_by_id[self.by_surname[t.lower_]]
            self.mentions.append(
                Mention(t.i, sentence(t.i), ("actor", actor.actor_id), "person", t.dep_ in _SUBJECT_DEPS, actor.name, actor.actor_id, t.lower_, False, True)
            )
        self.mentions.sort()
        self.reported: list[tuple[int, int]] = []  # chars of every claim's content, set by resolve()

    # --- resolution ---------------------------------------------------------------------

    def resolve(self, drafts: Sequence[Attributed]) -> None:
        """Set each claim's ``resolved``, in the order of the cues; a continuation takes its parent's."""
        self.reported = [(x.start, x.end) for x in drafts]
        for draft in sorted(drafts, key=lambda x: (x.parent is not None, x.cue_i if x.cue_i >= 0 else x.start)):
            if draft.parent is not None:
                assert draft.parent.resolved is not None
                draft.resolved = replace(draft.parent.resolved, actor_ids=list(draft.parent.resolved.actor_ids), cue_char=-1)
                continue
            draft.resolved = self._resolve(draft)
            draft.resolved.cue_char = self.doc[draft.cue_i].idx if draft.cue_i >= 0 else -1
        self._cataphora(drafts)

    def _resolve(self, draft: Attributed) -> Resolution:
        assert draft.source is not None and draft.head is not None
        s, e = draft.source
        head = self.doc[draft.head]
        out = Resolution(self.doc[s:e].text)
        pronoun = self.lex.pronoun_kind.get(head.lower_) if head.pos_ == "PRON" else None
        if pronoun in _PRONOUN_KINDS:
            self._pronoun(out, pronoun, head, s, (draft.start, draft.end))
        else:
            self._noun(out, head, s, e, (draft.start, draft.end))
        out.actor_ids = self._coordinated_actors(s, e, out.actor_id, out.kind)
        if out.actor_id is None and out.actor_ids:
            first = self.actor_by_id[out.actor_ids[0]]
            out.actor_id, out.kind, out.referent = first.actor_id, _row_kind(first.kind), ("actor", first.actor_id)
        if out.referent is not None:
            self._remember(out, head, s, pronoun)
        return out

    def _pronoun(self, out: Resolution, pronoun: str, head: Token, s: int, content: tuple[int, int]) -> None:
        """ "he"/"she" to a person, "it" to an organisation or document, "they" to a plural or
        collective source; "I" is a person."""
        if pronoun == "person":
            gender = self.lex.pronoun_gender.get(head.lower_)
            m = self._antecedent(s, lambda m: m.human and not m.plural and self.gender.get(m.referent, gender) == gender, content)
            out.kind = "person"
            if m is not None:
                out.take(m, "person" if m.actor_id else "anonymous")
                if gender is not None:
                    self.gender.setdefault(m.referent, gender)
        elif pronoun == "organization":
            m = self._antecedent(s, lambda m: m.kind in _ORG_KINDS, content)
            out.kind = "organization"
            if m is not None:
                out.take(m, "document" if m.kind == "document" else "organization")
        elif pronoun == "plural":
            m = self._antecedent(s, lambda m: m.plural or m.kind in _ORG_KINDS, content, reach=2, subjects_only=True)
            if m is not None:
                out.take(m, _row_kind(m.kind))
        elif pronoun == "speaker":
            out.kind = "person"

    def _noun(self, out: Resolution, head: Token, s: int, e: int, content: tuple[int, int]) -> None:
        """A name to its actor; a document, person or organisation noun to the actor it describes
        ("the analyst", "the company"), or to a nominal referent of its own."""
        lex, low, lemma = self.lex, head.lower_, head.lemma_.lower()
        actor_id = self.by_token.get(head.i) or self._name_in(s, e, head) or self._surname(head)
        definite = any(c.lower_ == "the" for c in head.lefts)
        out.referent = ("nominal", s)
        if actor_id is not None:
            out.actor_id, out.kind, out.referent = actor_id, _row_kind(self.actor_by_id[actor_id].kind), ("actor", actor_id)
        elif lemma in lex.document or low in lex.document:
            out.kind, out.actor_id = "document", self._first_actor(s, e, ("organization", "group"))
        elif lemma in lex.person or low in lex.person:
            m = self._same_description(s, lemma) if definite else None
            if m is not None:
                out.actor_id, out.referent, out.kind = m.actor_id, m.referent, "person" if m.actor_id else "anonymous"
            else:
                out.actor_id = self._linked_person(s, e)
                if out.actor_id:
                    out.kind = "person"
        elif lemma in lex.organization or low in lex.organization:
            m = self._antecedent(s, lambda m: m.kind in ("organization", "group"), content, reach=6, subjects_only=True) if definite and head.tag_ == "NN" else None
            out.kind = "organization"
            if m is not None:
                out.actor_id, out.referent = m.actor_id, m.referent
            else:
                out.actor_id = self._first_actor(s, e, ("organization", "group", "country"))
        elif head.pos_ == "PROPN":
            out.kind = "person" if head.ent_type_ == "PERSON" else "organization"

    def _remember(self, out: Resolution, head: Token, s: int, pronoun: str | None) -> None:
        """A resolved source becomes a mention later pronouns and descriptions may resolve to."""
        lex, low, lemma = self.lex, head.lower_, head.lemma_.lower()
        assert out.referent is not None
        described = lemma in lex.person or low in lex.person
        named = out.actor_id is not None and self.actor_by_id[out.actor_id].kind == "person"
        plural = not named and (head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children))
        mention_kind = "anonymous" if out.kind == "anonymous" and not plural and described else out.kind
        human = pronoun == "person" or ((named or described) and out.kind in ("person", "anonymous"))
        if out.referent[0] == "nominal" and (lex.gendered.get(low) or lex.gendered.get(lemma)):
            self.gender.setdefault(out.referent, lex.gendered.get(low) or lex.gendered[lemma])  # "the man", "the mother of three"
        insort(self.mentions, Mention(s, self.sentence(s), out.referent, mention_kind, True, out.source, out.actor_id, lemma, plural, human))

    def _actor_gender(self, actor: Actor) -> str | None:
        """What the text says of a named person's gender: an honorific before a mention ("Mrs.
        Clinton"), a gendered word of the title ("spokeswoman") or of an appositive ("Ivanka Trump,
        the nominee's eldest daughter"), a common first name; nothing when these disagree."""
        doc, gendered = self.doc, self.lex.gendered
        words = (actor.title or "").lower().split()
        for s, e in actor.mentions:
            words.extend(doc[k].lower_ for k in (s - 1, s) if 0 <= k < e)
            words.extend(c.lower_ for c in doc[e - 1].children if c.dep_ == "appos")
        found = {gendered[w] for w in words if w in gendered}
        first = actor.name.split()[0].lower() if " " in actor.name else ""
        if first in self.lex.first_name_gender:
            found.add(self.lex.first_name_gender[first])
        return found.pop() if len(found) == 1 else None

    def _antecedent(
        self, pos: int, accept: Callable[[Mention], bool], content: tuple[int, int], reach: int = _LOOKBACK, subjects_only: bool = False
    ) -> Mention | None:
        """Nearest earlier mention that ``accept``s, within ``reach`` sentences; subjects first. One
        outside every claim's content before one inside another claim's ("Page told Reuters the impact
        would depend on whether Coulson is jailed. "...," he added": Page), and that before one inside
        the content being attributed (chars ``content``: '"...," especially if polls are right that
        Obama will win ..., he said': "he" is the expert quoted before, not Obama; but "Tesco's U.S.
        stores have started well, it said": Tesco)."""
        sent = self.sentence(pos)
        a, b = content
        candidates = [m for m in self.mentions if m.pos < pos and sent - m.sentence <= reach and accept(m)]
        outside = [m for m in candidates if not a <= self.doc[m.pos].idx < b]
        unreported = [m for m in outside if not any(x <= self.doc[m.pos].idx < y for x, y in self.reported)]
        candidates = unreported or outside or candidates
        if not candidates:
            return None
        subjects = [m for m in candidates if m.subject]
        if subjects:
            return subjects[-1]
        return None if subjects_only else candidates[-1]

    def _same_description(self, pos: int, lemma: str) -> Mention | None:
        """"the man" -> the earlier source described as a man; "the analyst" -> a person titled analyst."""
        sent = self.sentence(pos)
        for m in reversed(self.mentions):
            if m.pos >= pos or sent - m.sentence > 2 * _LOOKBACK:
                continue
            if m.referent[0] == "nominal" and m.head == lemma:
                return m
            if m.actor_id is not None:
                actor = self.actor_by_id.get(m.actor_id)
                if actor is not None and actor.kind == "person" and actor.title and actor.title.lower().split()[-1] == lemma:
                    return m
        return None

    def _coordinated_actors(self, s: int, e: int, first: str | None, kind: str) -> list[str]:
        """Every actor a source names, ``first`` first. Only a coordination names several: then
        each person (or, for an organisation's source, each organisation) named in it counts
        ("Purk and S&P Capital IQ equity analyst Jim Corridore both noted"), a surname too; an
        organisation in a person's title does not ("S&P Capital IQ"), and a document is its
        issuer's alone ("Banco Santander's filing with the SEC")."""
        out = [first] if first else []
        doc = self.doc
        if kind == "document" or not any(t.dep_ == "cc" and t.i not in self.by_token for t in doc[s:e]):
            return out  # no coordination, or only the "and" inside a name ("Securities and Exchange Commission")
        kinds = ("person",) if first is None or self.actor_by_id[first].kind == "person" else ("organization", "group", "country")
        for t in doc[s:e]:
            actor_id = self.by_token.get(t.i)
            if actor_id is None and t.is_title and t.is_alpha:
                actor_id = self._surname(t, any_tag=True)
            if actor_id is not None and actor_id not in out and self.actor_by_id[actor_id].kind in kinds:
                out.append(actor_id)
        return out

    def _name_in(self, s: int, e: int, head: Token) -> str | None:
        """A person named inside a source whose head is a title ("Moody's sovereign credit analyst Sarah
        Carlson"), before it or, where the parser made the title the head, after it ("IHS Global
        Insight economist [Howard Archer]"); never the name of another ("the wife of John Smith")."""
        for i in [*range(head.i - 1, s - 1, -1), *range(head.i + 1, e)]:
            if self.doc[i].head.i == head.i and self.doc[i].dep_ in ("compound", "appos"):
                actor_id = self.by_token.get(i)
                if actor_id is not None and self.actor_by_id[actor_id].kind == "person":
                    return actor_id
        return None

    def _surname(self, head: Token, any_tag: bool = False) -> str | None:
        """A person the NER missed in this mention but found elsewhere ("Osborne insisted ..."); with
        ``any_tag`` also a word the tagger did not take for a name (a sentence's first "Purk")."""
        if head.pos_ != "PROPN" and not any_tag:
            return None
        return self.by_surname.get(head.text.lower())  # "PENCE:" in a transcript is Mike Pence


    def _first_actor(self, s: int, e: int, kinds: tuple[str, ...]) -> str | None:
        for i in range(s, e):
            actor_id = self.by_token.get(i)
            if actor_id is not None and self.actor_by_id[actor_id].kind in kinds:
                return actor_id
        return None

    def _linked_person(self, s: int, e: int) -> str | None:
        """"Critics such as Lori Wallach": the named person the description introduces."""
        for i in range(s, e):
            if self.doc[i].lower_ in self.lex.linkers and i + 1 < e:
                for k in range(i + 1, e):
                    actor_id = self.by_token.get(k)
                    if actor_id is not None and self.actor_by_id[actor_id].kind == "person":
                        return actor_id
        return None

    def _cataphora(self, drafts: Sequence[Attributed]) -> None:
        """"An energy policy analyst said ..." followed by '..., said Kevin Book, an analyst at ...'."""
        ordered = sorted(drafts, key=lambda x: x.start)
        for n, x in enumerate(ordered):
            r = x.resolved
            if r is None or r.actor_id or x.head is None or x.parent is not None:
                continue
            head = self.doc[x.head]
            if not any(c.lower_ in self.lex.indefinite for c in head.lefts) or head.tag_ != "NN":
                continue
            lemma = head.lemma_.lower()
            sent = self.sentence(x.head)
            for y in ordered[n + 1 :]:
                if y.head is None or self.sentence(y.head) - sent > 2:
                    break
                actor = self.actor_by_id.get((y.resolved.actor_id if y.resolved else None) or "")
                if actor is not None and actor.kind == "person" and actor.title and actor.title.lower().split()[-1] == lemma:
                    r.actor_id, r.actor_ids, r.kind, r.referent = actor.actor_id, [actor.actor_id], "person", ("actor", actor.actor_id)
                    break


def _row_kind(actor_kind: str) -> str:
    if actor_kind == "person":
        return "person"
    if actor_kind == "document":
        return "document"
    if actor_kind == "anonymous":
        return "anonymous"
    return "organization"
