"""institutions: names of institutions that look like place names (sayso/data/institution_seats.tsv).

"Congress" is no place (not Congress, Arizona); "the White House" and "Downing Street" stand
for a government and resolve to the institution at its seat (precision "facility"), never to a
town of the same name.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from sayso.stages.places.gazetteer import DATA, Candidate, Gazetteer, exact_key


@lru_cache(maxsize=1)
def seats() -> dict[str, tuple[str, str]]:
    """Exact key of an institution's name -> (seat town, country), ("-", "-") for no place."""
    table = {}
    for line in (DATA / "institution_seats.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, seat, country = (f.strip() for f in line.split("\t")[:3])
            table[exact_key(name)] = (seat, country)
    return table


def is_institution(text: str) -> bool:
    return exact_key(text) in seats()


def candidates(text: str, gaz: Gazetteer) -> Optional[tuple[Candidate, ...]]:
    """None when the text names no institution; () when it names one that is no place; else
    the institution at its seat."""
    found = seats().get(exact_key(text))
    if found is None:
        return None
    seat, country = found
    towns = [c for c in gaz.lookup(seat, fuzzy=False) if c.country == country and c.precision == "city"]
    if seat == "-" or not towns:
        return ()
    town = max(towns, key=lambda c: c.population)
    return (Candidate(None, text.strip(), country, town.lat, town.lon, 0, "facility", town.admin1),)
