"""namesakes: a state or province that shares its name with a big city of the same country
("New York", "Washington") is the city unless the words around it say the state.

News names the city far more often ("lives in New York", "talks in Washington"); the state is
meant when the text says so: "Washington state", "New York's governor", "the state of New
York", "upstate New York", "central Washington", when the name qualifies a town of the state
("Tacoma, Washington"), when it is listed with other states ("California or Washington"), or
when another place of the article lies in the state far from the city (Spokane and Tacoma,
not the capital). Used by sayso.stages.places.ranker after the learned choice.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from sayso.stages.places.names import Candidate, distance_km, exact_key

BIG_CITY = 100_000  # people: a city this big is the usual sense of its state's name
FAR_KM = 161.0  # a state whose point lies this far from the city is another place to the scorer
STATE_AFTER = re.compile(r"^(?:\s+(?:state|province|commonwealth)\b|(?:'s|’s)?\s+(?:governor|legislature|"
                         r"lawmakers|state\b|attorney general|counties|county|statewide))", re.I)
STATE_BEFORE = re.compile(r"\b(?:(?:state|province|commonwealth) of|upstate|downstate|rural|central|"
                          r"(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?|"
                          r"across)\s+(?:the\s+)?$", re.I)
LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")
QUALIFIER_GAP = re.compile(r"\s*,\s*")


def pair(cands: Sequence[Candidate]) -> Optional[tuple[Candidate, Candidate]]:
    """The (region, city) of a name whose candidates hold a state or province and a big city of
    its name ("New York City" counts) in the same country, far apart; else None."""
    for region in cands:
        if region.precision != "region" or region.country is None:
            continue
        key = exact_key(region.name)
        towns = [c for c in cands if c.precision == "city" and c.country == region.country
                 and c.population >= BIG_CITY and exact_key(c.name) in (key, key + " city")]
        if towns:
            city = max(towns, key=lambda c: c.population)
            if distance_km(region.lat, region.lon, city.lat, city.lon) > FAR_KM:
                return region, city
    return None


def settle(text: str, spans: Sequence[tuple[int, int]], found: Sequence[tuple[Candidate, ...]],
           best: Sequence[Optional[Candidate]]) -> list[Optional[Candidate]]:
    """The choices with every state/city namesake settled by the words around it."""
    out = list(best)
    for i, chosen in enumerate(best):
        both = pair(found[i]) if chosen is not None else None
        if both is None or chosen not in both:
            continue
        region, city = both
        out[i] = region if says_state(text, spans, found, best, i, region, city) else city
    return out


def says_state(text: str, spans: Sequence[tuple[int, int]], found: Sequence[tuple[Candidate, ...]],
               best: Sequence[Optional[Candidate]], i: int, region: Candidate, city: Candidate) -> bool:
    """Whether the words or the other places say the state rather than the city."""
    start, end = spans[i]
    if STATE_AFTER.match(text[end:end + 40]) or STATE_BEFORE.search(text[max(0, start - 30):start]):
        return True
    return (_qualifies_town(text, spans, best, i, region)
            or _listed_with_regions(text, spans, found, best, i, region)
            or _places_in_state(best, i, region, city))


def _qualifies_town(text, spans, best, i, region: Candidate) -> bool:
    """"Tacoma, Washington": the name follows a town of the state after a comma."""
    if i == 0 or not QUALIFIER_GAP.fullmatch(text[spans[i - 1][1]:spans[i][0]]):
        return False
    prev = best[i - 1]
    return prev is not None and prev.precision == "city" and prev.country == region.country \
        and prev.admin1 == region.admin1


def _listed_with_regions(text, spans, found, best, i, region: Candidate) -> bool:
    """"California or Washington": a neighbour in a list is another state of the country (not
    itself a state named like a city: "Washington, New York and Boston")."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(spans) or best[j] is None:
            continue
        gap = text[spans[min(i, j)][1]:spans[max(i, j)][0]]
        other = best[j]
        if LIST_GAP.fullmatch(gap) and other.precision == "region" and other.country == region.country \
                and exact_key(other.name) != exact_key(region.name) and pair(found[j]) is None:
            return True
    return False


def _places_in_state(best, i, region: Candidate, city: Candidate) -> bool:
    """Another place of the article lies in the state, far from the city (Spokane, not DC)."""
    return any(b is not None and k != i and b.precision in ("city", "facility") and b.country == region.country
               and b.admin1 == region.admin1 and distance_km(b.lat, b.lon, city.lat, city.lon) > FAR_KM
               for k, b in enumerate(best))
