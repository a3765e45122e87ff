"""Names that several actors share: guards of ``wireclaims link`` (session 11, i20p).

``person_initials``: a person's key drops middle initials ("Ben S. Bernanke" = "Ben Bernanke"), but when the archive
writes a full name with two different sets of initials ("Gerald R. Ford", the president, and "Gerald J. Ford", the
Texas banker; "George W. Bush" and "George H.W. Bush") the initials tell people apart: a name carrying initials keys
with them, and the mentions without any keep the plain name; a set of initials holding nine tenths of the initialled
mentions ("George W. Bush") keeps the plain name's key too, so that "George Bush" stays with him.

(An initialism held in its story unless the story names its full name or the full name's country was measured and
dropped: on the 41,000-story copy it held 262 actors, most of them right links: "UAW" 69, "S&P", "RBS", "SG".)

Measured on the 41,000-story copy: docs/archive.md, "Session 11 (i20p)".
"""

from __future__ import annotations

import duckdb

from .keys import PERSON_SUFFIXES, _words


DOMINANT_INITIALS = 0.9  # share of a name's initialled mentions one set of initials must hold to keep the plain name's key


def initials(name: str) -> tuple[str, ...]:
    """The one-letter words of a full name of two full words or more ("Gerald R. Ford" -> ("r",)), else ().
    Digits are no initials ("Spider-Man 2")."""
    words = [w for w in _words(name) if w not in PERSON_SUFFIXES]
    return tuple(w for w in words if len(w) == 1 and w.isalpha()) if sum(len(w) > 1 for w in words) >= 2 else ()


def _moved_names(counts: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """(name, key with initials) of the names to key apart: ``counts`` holds (name, plain key, mentions). A plain key
    written with two sets of initials or more keys each set apart, unless one holds ``DOMINANT_INITIALS`` of the
    initialled mentions: that one keeps the plain key ("George W. Bush" with "George Bush"; "George H.W. Bush" apart)."""
    by_key: dict[str, dict[tuple[str, ...], int]] = {}
    for name, key, n in counts:
        if sig := initials(name):
            by_key.setdefault(key, {}).setdefault(sig, 0)
            by_key[key][sig] += n
    moved = []
    for name, key, _ in counts:
        sigs, sig = by_key.get(key, {}), initials(name)
        if not sig or len(sigs) < 2 or sigs[sig] >= DOMINANT_INITIALS * sum(sigs.values()):
            continue
        moved.append((name, " ".join(w for w in _words(name) if w not in PERSON_SUFFIXES)))
    return moved


def person_initials(con: duckdb.DuckDBPyConnection, key_join: str) -> None:
    """In ``name_keys``: a person's name whose plain key the archive writes with two sets of initials or more keys
    with its initials, by rule ``person_initials`` (unless its set is the dominant one); names without initials keep
    the plain key."""
    counts = con.execute(
        f"SELECT a.name, k.key, count(*) FROM actors a JOIN {key_join} "
        "WHERE a.kind = 'person' AND k.rule = 'same_name' AND k.key IS NOT NULL GROUP BY ALL"
    ).fetchall()
    moved = _moved_names(counts)
    if not moved:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE initial_keys AS SELECT unnest(?::VARCHAR[]) AS name, unnest(?::VARCHAR[]) AS key",
                [[n for n, _ in moved], [k for _, k in moved]])
    con.execute(
        "UPDATE name_keys SET key = i.key, rule = 'person_initials' FROM initial_keys i "
        "WHERE name_keys.kind = 'person' AND name_keys.name = i.name AND name_keys.rule = 'same_name'"
    )
