"""Claims: attributed statements, one row each: who says what, with which cue, how sure.

:func:`extract_claims` runs small rules in a fixed order, each deciding only
what the ones before left open (the design of CoreNLP's quote attribution
sieves), and every row names the rule that made it (``rule``). The steps, and
the module that holds each:

1. **Candidates** (:mod:`.lexicon`): verbs of saying by lemma ("said", "told",
   "argue", "shows", "called on"), cue nouns ("claim", "report") and
   prepositional cues ("according to"), found in one vectorised look-up,
   outside quotations (:mod:`pipeline.extract.quotes`).
2. **Vetoes** (:mod:`.cues`): named predicates that drop a verb that reports
   nothing ("did not say", "declined to comment", "is expected to report").
3. **Source** (:mod:`.sources`): the cue's subject as parsed, or the noun phrase
   before the cue behind an appositive; cut at its first comma; a guessed
   source must look like one.
4. **Content** of a verb cue (:mod:`.verbs`), sieve by sieve: a block quotation
   or the complement its lexicon frame names (:mod:`.frames`: one reader per
   frame, tried in the order of ``FRAME_READERS``), the words after a colon,
   the content before the reporting clause (:mod:`.before_cue`), around an
   "as" clause, a complement the parser attached elsewhere, a phrase before
   the cue with the sentence's verb after it. Ends and starts of contents:
   :mod:`.boundaries` and :mod:`.complements`.
5. **Claims without a verb** (:mod:`.verbless`): "according to X", a speaker's
   label ("PENCE: ..."), a quotation signed with a dash; cue nouns and
   "Said Ellis:" are in :mod:`.verbs`.
6. **Turns** (:mod:`.turns`): one claim per content span; quotations that go on
   a speaker's turn; nested claims in the speaker's own words dropped.
7. **Speakers** (:mod:`pipeline.extract.speakers`): names, pronouns and
   descriptions resolved to actors.
8. **Rows** (:mod:`.rows`), with the hedge (:mod:`.hedges`): the first hedge word
   or modal inside the content, or a cue that is its own hedge ("expect").

Content kinds: a content that is one quotation is ``direct``; one that holds a
quotation among other words is ``mixed``; otherwise ``indirect``. An all-caps
subheading glued to the next sentence ("FALSE IPO DATA One of the ...") is cut
from contents and sources. docs/claims-experts.md lists the rules and says how
to add one.
"""

from __future__ import annotations

from ..actors import ActorIndex
from ..context import DocContext
from ..speakers import Speakers
from .draft import ClaimDoc
from .lexicon import cue_lexicon
from .rows import claim_rows
from .turns import continuations, dedupe, drop_nested_own_words
from .verbless import label_claims, preposition_claims
from .verbs import noun_cue_claims, verb_cue_claims

__all__ = ["extract_claims"]


def extract_claims(ctx: DocContext, actors: ActorIndex) -> list[dict]:
    """Claim rows (clean-text offsets), in order of their content."""
    lex = cue_lexicon()
    d = ClaimDoc(ctx, actors)
    if not len(d.doc):
        return []
    drafts = dedupe([*verb_cue_claims(d, lex), *noun_cue_claims(d, lex), *preposition_claims(d, lex), *label_claims(d, lex)])
    drafts = sorted(drafts + continuations(d, drafts), key=lambda x: (x.start, x.end))
    Speakers(d.doc, actors, d.in_quote, ctx.sentence, d.lowers).resolve(drafts)
    drafts = drop_nested_own_words(d, drafts, lex)
    return claim_rows(d, drafts, lex)
