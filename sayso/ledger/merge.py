"""Merging: reports of one real-world event, within and across articles, become one merged event.

Only on positive evidence (sayso.ledger.identity): the same category, arguments that do not
contradict each other, and a shared named participant with similar sentences (across
articles) or a shared participant or trigger stem (within an article). Merged events are the
connected components of these links (sayso.ledger.cluster), found through blocking keys
(sayso.ledger.batch), never by comparing all pairs, and the same whatever the order of ingest.

This module keeps what the rest of the ledger reads about places, countries and days.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Optional

NEAR_KM = 150.0
NEAR_DEGREES = NEAR_KM / 111.0  # latitude degrees: points further apart in latitude are not near


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def countries(row: dict[str, Any]) -> list[str]:
    found = {row["actor_country"], row["recipient_country"], row["place_country"]}
    return sorted(c for c in found if c)


@lru_cache(maxsize=4096)
def window(day: Optional[str], days: int) -> tuple[str, str]:
    """The first and last day of the merge window around `day` ("", "" when undated)."""
    if not day:
        return "", ""
    d = date.fromisoformat(day)
    return (d - timedelta(days=days)).isoformat(), (d + timedelta(days=days)).isoformat()


def key_rows(merged_id: int, row: dict[str, Any]) -> list[tuple]:
    """The merge_keys rows a report gives its merged event: (category, country, day, id); the
    country filter of queries reads them."""
    day = row["day"] or ""
    return [(row["type"], c, day, merged_id) for c in countries(row)]


def place_conflict(a: dict, b: dict) -> bool:
    """Two places in two countries, or two points more than NEAR_KM apart: no link (a name both
    call the happening by outweighs it: sayso.ledger.identity.conflicts)."""
    if a["place_country"] and b["place_country"] and a["place_country"] != b["place_country"]:
        return True
    if None in (a["lat"], a["lon"], b["lat"], b["lon"]):
        return False
    return abs(a["lat"] - b["lat"]) > NEAR_DEGREES or km(a["lat"], a["lon"], b["lat"], b["lon"]) > NEAR_KM
