"""names: what every part of place resolution shares: the data folder, a gazetteer candidate,
name keys (exact, loose, skeleton) and great-circle distance."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

DATA = Path(__file__).resolve().parents[2] / "data"
VOWELS = frozenset("aeiouy")
ARTICLES = ("the ", "al ", "el ", "ad ", "ar ", "as ", "an ", "at ", "az ", "ash ", "ath ")
APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼʻ´ʿʾ"), None)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: Optional[int]
    name: str
    country: Optional[str]  # ISO alpha-3
    lat: float
    lon: float
    population: int
    precision: str  # country | region | city
    admin1: str = ""


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """Casefold, no diacritics, no apostrophes, punctuation as spaces, no leading article."""
    text = strip_accents(name).casefold().translate(APOSTROPHES)
    text = "".join(c if c.isalnum() else " " for c in text)
    text = " ".join(text.split())
    for article in ARTICLES:
        if text.startswith(article) and len(text) > len(article) + 2:
            return text[len(article):]
    return text


def _collapse(text: str) -> str:
    out: list[str] = []
    for c in text:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def loose_key(key: str) -> str:
    return _collapse(key.replace(" ", ""))


def skeleton_key(key: str) -> str:
    """First letter and the consonants after it, repeats collapsed: "deraa" -> "dr"."""
    flat = key.replace(" ", "")
    if not flat:
        return ""
    return _collapse(flat[0] + "".join(c for c in flat[1:] if c not in VOWELS and c != "h"))


def is_latin(name: str) -> bool:
    return all(c.isascii() for c in strip_accents(name).translate(APOSTROPHES))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(lat1: float, lon1: float, points: Iterable[tuple[float, float]]) -> float:
    """min(distance_km(lat1, lon1, lat, lon) for lat, lon in points), the same operations in
    the same order, with what depends on the first point computed once."""
    p1 = math.radians(lat1)
    cos1 = math.cos(p1)
    radians, sin, cos = math.radians, math.sin, math.cos
    best = math.inf
    for lat2, lon2 in points:
        p2 = radians(lat2)
        h = sin((p2 - p1) / 2) ** 2 + cos1 * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
        best = min(best, 12742.0 * math.asin(min(1.0, math.sqrt(h))))
    return best
