"""Merging: reports of one real-world event, across articles, become one merged event.

Blocking first: a merged event is filed under keys (category, country, day) for every country
its reports name (actor, recipient, place); a new report looks up only the keys of its own
category and countries within `merge_window_days` of its day (a report naming no country looks
up merged events of its category by day; an undated one, the latest 100 undated of its
category). That is an index range scan per report (`sayso.ledger.batch.Batch.candidates`,
which adds the merged events of the batch being stored), so merging n reports costs
O(n log n), never all pairs. Then each candidate is checked:
- actors compatible, and recipients compatible (see `party_score`);
- places compatible: not in two different countries, not two points far apart;
- a report naming no country must share something positive with it (a name, a place);
- no report of the same article in it already (an article's own events are kept apart: the
  extraction has told them apart).
The best-scoring compatible candidate takes the report; none -> a new merged event.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Optional, Protocol

from sayso.ledger.sources import normalise
from sayso.util import data_rows

# Words that say nothing about which actor is meant: roles, fillers, and (below) the one-word
# demonyms of sayso/data/demonyms.tsv with their plurals ("Syrian officials", "Americans").
ROLE_WORDS = """
the a an of and or in on at to for by with from al el bin ibn mr mrs ms dr gen general col
colonel major lt lieutenant capt captain president minister prime officer officers official
officials senior high ranking source sources spokesman spokeswoman leader leaders member members
group groups forces force army military government regime people man woman men women pilot
pilots soldier soldiers
""".split()


def demonym_words() -> frozenset[str]:
    words = {normalise(row[0]) for row in data_rows("demonyms.tsv")}
    one = {w for w in words if " " not in w}
    return frozenset(one | {w + "s" for w in one})


GENERIC = frozenset(ROLE_WORDS) | demonym_words()

NAMED = frozenset({"person", "organization", "media"})
NEAR_KM = 150.0
KEY_COLUMNS = "id, day, actor, actor_kind, actor_country, actor_sector, recipient, recipient_kind, " \
              "recipient_country, recipient_sector, place, country, lat, lon"


class Party(NamedTuple):
    """An actor or recipient as merging sees it (named tuples: built by the hundred thousand)."""

    name: Optional[str]
    kind: Optional[str]
    country: Optional[str]
    sector: Optional[str]

    @property
    def tokens(self) -> frozenset:
        return name_tokens(self.name) if self.name else frozenset()


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> frozenset:
    """The significant words of a name (computed once per name)."""
    return frozenset(t for t in normalise(name).split() if len(t) > 2 and t not in GENERIC)


def party_score(a: Party, b: Party) -> Optional[int]:
    """None: two different actors; 0: nothing against it; 1: same country and sector; 2: same name."""
    if a.country and b.country and a.country != b.country:
        return None
    if not a.name or not b.name:
        return 0
    if a.tokens & b.tokens or a.name == b.name or normalise(a.name) == normalise(b.name):
        return 2
    both_named = a.kind in NAMED and b.kind in NAMED
    if not both_named and a.country and a.country == b.country and (
            not a.sector or not b.sector or a.sector == b.sector):
        return 1
    return None


NEAR_DEGREES = NEAR_KM / 111.0  # latitude degrees: points further apart in latitude are not near


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


class View(NamedTuple):
    """Who, where and when of a report, or of a merged event (then with its id)."""

    id: Optional[int]
    day: Optional[str]
    actor: Party
    recipient: Party
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]


def place_score(a: View, b: View) -> Optional[int]:
    """None: two different places; 1: the same country or two points near each other; 0: unknown."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        if abs(a.lat - b.lat) > NEAR_DEGREES:
            return None
        return 1 if km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM else None
    return 1 if a.country and a.country == b.country else 0


def countries(row: dict[str, Any]) -> list[str]:
    found = {row["actor_country"], row["recipient_country"], row["place_country"]}
    return sorted(c for c in found if c)


def report_view(row: dict[str, Any]) -> View:
    return View(None, row["day"],
                Party(row["actor_name"], row["actor_kind"], row["actor_country"], row["actor_sector"]),
                Party(row["recipient_name"], row["recipient_kind"], row["recipient_country"],
                      row["recipient_sector"]),
                row["place_country"], row["lat"], row["lon"])


def merged_view(m: tuple) -> View:
    """A merged event from its KEY_COLUMNS row."""
    (merged_id, day, actor, akind, acountry, asector, recip, rkind, rcountry, rsector, _, country, lat, lon) = m
    return View(merged_id, day, Party(actor, akind, acountry, asector), Party(recip, rkind, rcountry, rsector),
                country, lat, lon)


def score(report: View, merged: View, by_country: bool) -> Optional[int]:
    """None unless compatible on every count. A report found through a shared country
    (`by_country`) needs nothing more; one naming no country must share something positive
    (a name, a place), so reports that say nothing about who or where stay apart."""
    parts = (party_score(report.actor, merged.actor),
             party_score(report.recipient, merged.recipient),
             place_score(report, merged))
    if None in parts or (sum(parts) == 0 and not by_country):
        return None
    return sum(parts)


@lru_cache(maxsize=4096)
def window(day: Optional[str], days: int) -> tuple[str, str]:
    """The first and last day of the merge window around `day` ("", "" when undated)."""
    if not day:
        return "", ""
    d = date.fromisoformat(day)
    return (d - timedelta(days=days)).isoformat(), (d + timedelta(days=days)).isoformat()


def _distance(a: Optional[str], b: Optional[str]) -> int:
    if not a or not b:
        return 10_000
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def best_match(found: list[View], row: dict[str, Any], taken: set[int]) -> Optional[int]:
    """The merged event among the candidates `found` this report belongs to."""
    report = report_view(row)
    by_country = bool(countries(row))
    best: Optional[tuple] = None
    for m in found:
        if m.id in taken:
            continue
        s = score(report, m, by_country)
        if s is None:
            continue
        rank = (-s, _distance(row["day"], m.day), m.id)
        best = rank if best is None or rank < best else best
    return None if best is None else best[2]


def key_rows(merged_id: int, row: dict[str, Any]) -> list[tuple]:
    day = row["day"] or ""
    return [(row["type"], c, day, merged_id) for c in countries(row)]


class Filing(Protocol):
    """Where reports are matched and filed (sayso.ledger.batch.Batch)."""

    def candidates(self, row: dict[str, Any]) -> list["View"]: ...

    def new_id(self) -> int: ...

    def add_report(self, row: dict[str, Any], new: bool) -> None: ...


def assign(batch: Filing, rows: list[dict[str, Any]]) -> None:
    """Set merged_id on one article's reports and file them in the batch.

    An article's reports never share a merged event, so the new ones need not be visible to
    each other: all are matched first, then numbered and filed.
    """
    taken: set[int] = set()
    new: set[int] = set()
    for i, row in enumerate(rows):
        merged_id = best_match(batch.candidates(row), row, taken)
        row["merged_id"] = merged_id
        if merged_id is None:
            new.add(i)
        else:
            taken.add(merged_id)
    for i in sorted(new):
        rows[i]["merged_id"] = batch.new_id()
    for i, row in enumerate(rows):
        batch.add_report(row, new=i in new)
