"""Rule home_media (issue 18, round 18): newspapers and broadcasters the story calls so.

"... wrote popular tabloid the Global Times, published by Communist Party mouthpiece the People's
Daily"; "targeted by state broadcaster CCTV": in a SHANGHAI story, China's media. A word of
``media_nouns`` (models/lexicons/organizations.json) right before a mention (a determiner between) of
an organisation no other evidence places gives it the dateline's country (when the dateline lies
in one country); :mod:`.actor_countries` asks it last, with the dateline's other evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources import word_set
from .context import DocContext

if TYPE_CHECKING:
    from .actors import Actor

_WINDOW = 2  # determiners skipped between the noun and the name: "tabloid the Global Times"


def called_media(ctx: DocContext, actor: Actor) -> bool:
    """Whether a media noun stands right before one of the actor's mentions, only a determiner
    between ("tabloid the Global Times", "newspaper Haravghi"); not a noun that modifies another
    ("paper towels and Fruit Loops") nor one across a break ("the newspaper said. CCTV ...")."""
    nouns = word_set("lexicons/organizations.json", "media_nouns")
    doc = ctx.doc
    for s, _ in actor.mentions:
        k = s - 1
        while k >= max(s - _WINDOW, 0) and doc[k].pos_ == "DET":
            k -= 1
        if k >= 0 and doc[k].lower_ in nouns and doc[k].pos_ == "NOUN" and not doc[k].is_sent_end:
            return True
    return False
