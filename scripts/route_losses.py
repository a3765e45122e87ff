"""Where the routes table loses the required gold routes of annotated stories (issue 17).

Each required gold route a run does not write is filed under the first step that lost it:

* ``end_not_placed``: one of its ends is no place row of the story at all;
* ``cross_sentence``: no sentence holds both ends as route ends (an end the story leaves
  implicit, such as an airline's home, or ends named sentences apart);
* ``end_not_an_end``: a sentence names both, but :func:`candidates.sentence_ends` does not take
  one of them for an end ("U.S. officials" is a party);
* ``no_confirmed_trigger``: the sentence holds both ends but no trigger word a rule built a
  mention from, so it gets no pair candidates;
* ``gate:<name>``: a structural gate of :func:`candidates.pair_candidates` drops the pair
  (``far_from_trigger``, ``speaker_place``, ``passed_or_ranked``, ``party``, ``same_list``, ``range``, ...);
* ``candidate_not_decided``: a pair candidate joins the ends, and the decision step (model
  or rules) did not take it.

Gold routes are matched to rows and candidates with the eval's own end matching. The losses
are printed as counts, and with ``--list`` one line per lost route with its sentence:

    python scripts/route_losses.py tests/fixtures [--list]
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

from spacy.tokens import Doc

from pipeline.core import story_rows
from pipeline.evaluate import _end_ok, find_fixtures
from pipeline.extract.routes import candidates as C
from pipeline.extract.routes.lexicon import lexicon
from pipeline.extract.routes.story import End, Story, distinct
from route_candidates import end_names, story_roles_of
from pipeline.ingest.formats import Story as WireStory, parse_story
from pipeline.nlp import get_nlp


def joins(gold: dict, a: tuple[str, list[str]], b: tuple[str, list[str]]) -> bool:
    """Whether two ends are the gold route's two ends, in either direction."""
    o, d = gold.get("origin"), gold.get("destination")
    return (_end_ok(o, *a) and _end_ok(d, *b)) or (_end_ok(o, *b) and _end_ok(d, *a))


def placed(story: Story, side: list[str] | None) -> bool:
    """Whether a gold end (its alternatives) is some place row of the story."""
    return side is None or any(_end_ok(side, hit.name, hit.aliases) for hit in story.place_of.values())


def gate(story: Story, roles: dict[int, str], a: End, b: End) -> str:
    """The first structural gate of :func:`candidates.pair_candidates` that keeps ``a`` and ``b`` apart."""
    doc, lex = story.doc, lexicon()
    ta, tb = doc[a.token], doc[b.token]
    if C._passed_or_ranked(ta) or C._passed_or_ranked(tb):
        return "passed_or_ranked"
    if C._party(ta, lex.party_nouns) or C._party(tb, lex.party_nouns):
        return "party"
    if C._denied(ta) or C._denied(tb):
        return "denied"
    if C._speaker_place(ta, lex.speaker_heads) or C._speaker_place(tb, lex.speaker_heads):
        return "speaker_place"
    if not distinct(a, b):
        return "not_distinct"
    if C.list_head(ta).i == C.list_head(tb).i:
        return "same_list"
    if C._attachment(C.list_head(ta))[0] == C._attachment(C.list_head(tb))[0] == "nsubj":
        return "two_subjects"
    if min(C.trigger_hops(ta, roles), C.trigger_hops(tb, roles)) > C.MAX_TRIGGER_HOPS:
        return "far_from_trigger"
    if C._range(C.list_head(ta), C.list_head(tb)):
        return "range"
    return "none"


def sentence_loss(story: Story, roles: dict[int, str], gold: dict) -> tuple[str, str]:
    """Why no candidate joins the gold route's ends, and the sentence that shows it."""
    doc = story.doc
    o, d = gold.get("origin") or [], gold.get("destination") or []
    named_both = None
    for sent in doc.sents:
        ends = C.sentence_ends(story, sent.start, sent.end)
        eo = [e for e in ends if _end_ok(o, *end_names(story, e))]
        ed = [e for e in ends if _end_ok(d, *end_names(story, e))]
        if eo and ed:
            if not any(sent.start <= i < sent.end for i in roles):
                return "no_confirmed_trigger", sent.text
            if len(ends) > C.MAX_ENDS_PER_SENTENCE:
                return "too_many_ends", sent.text
            gates = Counter(gate(story, roles, a, b) for a in eo for b in ed)
            return f"gate:{gates.most_common(1)[0][0]}", sent.text
        if named_both is None and all(any(re.search(rf"\b{re.escape(x)}\b", sent.text) for x in side) for side in (o, d)):
            named_both = sent.text
    return ("end_not_an_end", named_both) if named_both else ("cross_sentence", "")


def story_losses(wire: WireStory, doc: Doc, gold_routes: list[dict]) -> list[tuple[str, dict, str]]:
    """(loss, gold route, sentence) for each required gold route the run does not write."""
    written = story_rows(wire, doc)["routes"]
    story, roles, mentions = story_roles_of(wire, doc)
    cands = C.pair_candidates(story, roles, mentions) if roles else []
    out = []
    for g in gold_routes:
        if g.get("optional"):
            continue
        if any(joins(g, (r.get("origin"), [r.get("origin_country") or ""]), (r.get("destination"), [r.get("destination_country") or ""])) for r in written):
            continue
        if not roles:
            out.append(("no_route_word", g, ""))
        elif any(joins(g, end_names(story, c.first), end_names(story, c.second)) for c in cands):
            out.append(("candidate_not_decided", g, ""))
        elif not all(placed(story, side) for side in (g.get("origin"), g.get("destination"))):
            out.append(("end_not_placed", g, ""))
        else:
            why, sentence = sentence_loss(story, roles, g)
            out.append((why, g, sentence))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="folders of gold fixtures")
    ap.add_argument("--list", action="store_true", help="one line per lost route, with its sentence")
    args = ap.parse_args()
    nlp = get_nlp()
    required = 0
    losses: list[tuple[str, str, dict, str]] = []
    for folder in args.folders:
        for f in find_fixtures(folder):
            if not (f.available() and "routes" in f.gold):
                continue
            wire = parse_story(f.read_story(), f.source)
            required += sum(1 for g in f.gold["routes"] if not g.get("optional"))
            losses += [(f.name, *lost) for lost in story_losses(wire, nlp(wire.text), f.gold["routes"])]
    print(f"required gold routes: {required}; written: {required - len(losses)}; lost: {len(losses)}")
    for why, n in Counter(lost[1] for lost in losses).most_common():
        print(f"  {why:28} {n}")
    if args.list:
        for name, why, g, sentence in sorted(losses, key=lambda x: x[1]):
            print(f"{why:28} {name[:40]:40} {g['origin'][0] if g.get('origin') else '-'} -> {g['destination'][0] if g.get('destination') else '-'} | {' '.join(sentence.split())[:200]}")


if __name__ == "__main__":
    main()
