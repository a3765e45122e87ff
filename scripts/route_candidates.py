"""The routes decision step's inputs for one parsed story, built as the pipeline builds them:
its route story, the trigger words the rules confirmed, and its pair candidates. Shared by
``train_route_pairs.py`` (which labels the candidates) and ``route_losses.py`` (which finds
where gold routes are lost)."""
from __future__ import annotations

from spacy.tokens import Doc

from pipeline.extract import DocContext, entity_mentions, extract_actors, extract_dates, extract_places, extract_quantities
from pipeline.extract.routes import decision, rule_mentions
from pipeline.extract.routes.candidates import PairCandidate, pair_candidates
from pipeline.extract.routes.story import End, Mention, Story
from pipeline.ingest.formats import Story as WireStory


def story_roles_of(w: WireStory, doc: Doc) -> tuple[Story, dict[int, str], list[Mention]]:
    """The route story, its confirmed trigger roles (none when no rule found a route word) and the
    rules' mentions."""
    ctx = DocContext.build(doc, w.published, w.dateline, w.byline, w.text)
    mentions = entity_mentions(ctx)
    _, actors = extract_actors(ctx, mentions)
    _, places = extract_places(ctx, mentions)
    _, dates = extract_dates(ctx)
    quantities = extract_quantities(ctx, actors, dates)
    found = rule_mentions(ctx, places, actors, quantities, dates)
    if found is None:
        return Story(ctx, places, actors, quantities, dates), {}, []
    story, triggers, rule_found = found
    return story, decision.confirmed_roles(triggers, rule_found), rule_found


def story_candidates_of(w: WireStory, doc: Doc) -> tuple[Story, list[PairCandidate]]:
    """The pair candidates of one parsed story."""
    story, roles, mentions = story_roles_of(w, doc)
    return story, pair_candidates(story, roles, mentions) if roles else []


def end_names(story: Story, end: End) -> tuple[str, list[str]]:
    """An end's name and, when it is a place row, that place's name and aliases."""
    hit = story.place_of.get(end.place_id) if end.place_id else None
    return end.name, ([hit.name, *hit.aliases] if hit else [])
