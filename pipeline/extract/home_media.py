"""Rule home_media (issue 18, round 18): newspapers and broadcasters the story calls so.

"... wrote popular tabloid the Global Times, published by Communist Party mouthpiece the People's
Daily"; "targeted by state broadcaster CCTV": in a SHANGHAI story, China's media. A word of
``media_nouns`` (models/lexicons/organizations.json) within the three words before a mention of
an organisation no other evidence places gives it the dateline's country (when the dateline lies
in one country); :mod:`.actor_countries` asks it last, with the dateline's other evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources import word_set
from .context import DocContext

if TYPE_CHECKING:
    from .actors import Actor

_WINDOW = 3  # "state broadcaster", "popular tabloid the", "Communist Party mouthpiece the"


def called_media(ctx: DocContext, actor: Actor) -> bool:
    """Whether a media noun stands in the few words before one of the actor's mentions, with no
    sentence or clause break between ("the newspaper said. CCTV ...": not a description)."""
    nouns = word_set("lexicons/organizations.json", "media_nouns")
    doc = ctx.doc
    for s, _ in actor.mentions:
        for k in range(s - 1, max(s - 1 - _WINDOW, -1), -1):
            token = doc[k]
            if token.is_punct or token.is_sent_end:
                break
            if token.lower_ in nouns and token.pos_ == "NOUN":
                return True
    return False
