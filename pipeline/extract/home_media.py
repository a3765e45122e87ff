"""Rule home_media (issue 18, round 18): newspapers and broadcasters the story calls so.

"... wrote popular tabloid the Global Times, published by Communist Party mouthpiece the People's
Daily"; "targeted by state broadcaster CCTV": in a SHANGHAI story, China's media. A word of
``media_nouns`` (models/lexicons/organizations.json) right before a mention (a determiner between) of
an organisation no other evidence places gives it the dateline's country (when the dateline lies
in one country); :mod:`.actor_countries` asks it last, with the dateline's other evidence.
Session 12 (round 19) reads the noun in apposition before the name too ("The Communist Party
mouthpiece, the People's Daily"). The noun after the name ("wrote in the Corriere della Sera daily",
"told CNBC television") was tried and dropped: on the 2,000-story sample it gave 3 of 22 codes wrong
(CNBC in a LONDON and a FRANKFURT story, the Financial Times in a FRANKFURT one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..resources import word_set
from .context import DocContext

if TYPE_CHECKING:
    from .actors import Actor

_WINDOW = 2  # determiners skipped between the noun and the name: "tabloid the Global Times"


def called_media(ctx: DocContext, actor: Actor) -> bool:
    """Whether a media noun stands right before one of the actor's mentions, only a determiner
    between ("tabloid the Global Times", "newspaper Haravghi") or a comma and a determiner ("the
    mouthpiece, the People's Daily"); not a noun that modifies another ("paper towels and Fruit Loops") nor
    one across a break ("the newspaper said. CCTV ...")."""
    nouns = word_set("lexicons/organizations.json", "media_nouns")
    doc = ctx.doc
    return any(_noun_before(doc, s, nouns) for s, _ in actor.mentions)


def _noun_before(doc: Doc, s: int, nouns: frozenset[str]) -> bool:
    k = s - 1
    while k >= max(s - _WINDOW, 0) and doc[k].pos_ == "DET":
        k -= 1
    if k > 0 and k < s - 1 and doc[k].text == ",":
        k -= 1  # "The Communist Party mouthpiece, the People's Daily": an apposition (its determiner needed)
    return k >= 0 and doc[k].lower_ in nouns and doc[k].pos_ == "NOUN" and not doc[k].is_sent_end

