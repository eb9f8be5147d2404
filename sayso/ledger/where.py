"""The filters of merged events and the WHERE clause they make, for SQLite and PostgreSQL.

sayso.ledger.query reads merged events through them (and re-exports the names others import).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Optional, Union

from sayso.errors import LedgerError
from sayso.ledger.backend import Backend
from sayso.ledger.fts import SEARCH_FTS, TEXT_FTS, search_index
from sayso.ledger.schema import pg_words

Many = Union[str, tuple[str, ...], None]  # one value, or several of which any may hold


@dataclass(frozen=True)
class Filters:
    """Every field optional; all given ones must hold. A field of several values (a tuple)
    holds when any of them does. Substrings match literally (% and _ are no wildcards)."""

    category: Many = None
    actor: Optional[str] = None  # substring of actor or recipient name, any case
    country: Many = None  # ISO alpha-3 of actor, recipient or place
    place: Optional[str] = None  # substring of the place name, any case
    since: Optional[str] = None  # ISO date, inclusive
    until: Optional[str] = None  # ISO date, inclusive
    status: Many = None  # some report gives this status
    min_sources: Optional[int] = None  # independent sources at least this many
    text: Optional[str] = None  # words in a report's sentence, in order, any case; the last may begin a word
    outlet: Many = None  # substring of the outlet of some report's article, any case
    source: Optional[str] = None  # substring of a name anywhere in a report's chain (outlet, relay, origin)
    disputed: Optional[bool] = None  # True: sources disagree on it; False: they do not
    place_id: Optional[str] = None  # a place by its coordinates "lat,lon" (as /api/places gives it)


def many(value: Many) -> tuple[str, ...]:
    """A filter's values as a tuple (none, one or several), each once: `category IN (X, X)` would
    walk the day index past every other category where `category IN (X)` reads X's own index."""
    if value is None or value == "":
        return ()
    return (value,) if isinstance(value, str) else tuple(dict.fromkeys(value))


def like_pattern(text: str) -> str:
    """A LIKE pattern for `text` as a literal substring (used with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


ESCAPE = " ESCAPE '\\'"


FILTER_NAMES = tuple(f.name for f in fields(Filters))


def scans(f: Filters) -> bool:
    """Whether the filters test a substring, so the matches are found by one scan."""
    return bool(f.actor or f.place or f.text or many(f.outlet) or f.source)


def fts_phrase(text: str, columns: str) -> Optional[str]:
    """An FTS5 query matching `text` as a substring of the given columns ("{actor recipient}"),
    or None when the trigram index cannot answer it (fewer than 3 characters)."""
    if len(text) < 3:
        return None
    return columns + ' : "' + text.replace('"', '""') + '"'


class Where:
    """A WHERE clause being built: its conditions and their parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def __call__(self, clause: str, *values: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(values)

    def any_of(self, clause: str, values: tuple[Any, ...]) -> None:
        """`clause` (one `?`) for any of the values."""
        if len(values) == 1:
            self(clause, values[0])
        elif values:
            self("(" + " OR ".join([clause] * len(values)) + ")", *values)

    def sql(self) -> tuple[str, list[Any]]:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else "", self.params


PROBE, MEMBER, FIRST = "probe", "member", "first"  # how country and status conditions are read


def where(f: Filters, db: Backend, lists: str = PROBE) -> tuple[str, list[Any]]:
    """The WHERE clause (over merged_events m) and its parameters, for this database.

    `db.like` is the backend's case-insensitive LIKE (SQLite's LIKE, PostgreSQL's ILIKE), always
    with the wildcards of the value escaped. Conditions on a merged event's countries, statuses
    and report sentences are correlated EXISTS probes through indexes that start with merged_id
    or end with it, one index seek per merged event the other filters leave. A SQLite ledger
    with `schema.search_index` answers `actor` and `place` from its trigram index and `text`
    from its word index. `lists`: how the country and status conditions are read. PROBE: an
    index seek per merged event (best when most merged events match); MEMBER: their lists of
    merged ids read once from their indexes, each merged event tested against them (walking a
    sort index past many merged events that do not match); FIRST: the lists read first and the
    merged events fetched by id (few matches, or counting when no date range narrows them).
    """
    add = Where()
    categories = tuple(dict.fromkeys(c.upper() for c in many(f.category)))
    if categories:
        add(f"m.category IN ({', '.join('?' * len(categories))})", *categories)
    if f.since:
        add("m.day >= ?", f.since)
    if f.until:
        add("m.day <= ?", f.until)
    if f.min_sources:
        add("m.sources >= ?", int(f.min_sources))
    if f.disputed is not None:
        add("m.conflict = ?", 1 if f.disputed else 0)
    if f.place_id:
        _place_id(f.place_id, add)
    _substrings(f, db.like, search_index(db), add)
    _lists(f, lists, add)
    _reports(f, db.like, add)
    if f.text:
        _text(f.text, db, search_index(db), add)
    return add.sql()


def place_key(lat: float, lon: float) -> str:
    """A place's id: its coordinates to four decimals (about 10 m)."""
    return f"{lat:.4f},{lon:.4f}"


def _place_id(value: str, add: Where) -> None:
    lat, _, lon = value.partition(",")
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        raise LedgerError(f"place_id must be 'lat,lon' as /api/places gives it, not {value!r}") from None
    add("m.lat BETWEEN ? AND ? AND m.lon BETWEEN ? AND ?", y - 5e-5, y + 5e-5, x - 5e-5, x + 5e-5)


LIST_OF = {"country": "SELECT k.merged_id FROM merge_keys k WHERE k.country IN ({marks})",
           "status": "SELECT s.merged_id FROM merged_statuses s WHERE s.status IN ({marks})"}
PROBE_OF = {"country": "EXISTS (SELECT 1 FROM merge_keys k WHERE k.merged_id = m.id AND k.country IN ({marks}))",
            "status": "EXISTS (SELECT 1 FROM merged_statuses s WHERE s.status IN ({marks}) AND s.merged_id = m.id)"}


def _lists(f: Filters, lists: str, add: Where) -> None:
    """The country and status filters: probes per merged event, lists tested against, or lists
    read first. MEMBER's `+m.id` keeps the list from driving the query (the sort index does)."""
    for name, values in (("country", [c.upper() for c in many(f.country)]),
                         ("status", [s.lower() for s in many(f.status)])):
        if not values:
            continue
        marks = ", ".join("?" * len(values))
        if lists == PROBE:
            add(PROBE_OF[name].format(marks=marks), *values)
        else:
            add(f"{'+' if lists == MEMBER else ''}m.id IN ({LIST_OF[name].format(marks=marks)})", *values)


def _substrings(f: Filters, like: str, fts: bool, add: Where) -> None:
    """The actor and place filters: the trigram index when it can answer, else LIKE."""
    for text, columns, plain in ((f.actor, "{actor recipient}",
                                  f"(m.actor {like} ?{ESCAPE} OR m.recipient {like} ?{ESCAPE})"),
                                 (f.place, "{places}", f"m.places {like} ?{ESCAPE}")):
        if not text:
            continue
        phrase = fts_phrase(text, columns) if fts else None
        if phrase:
            add(f"m.id IN (SELECT rowid FROM {SEARCH_FTS} WHERE {SEARCH_FTS} MATCH ?)", phrase)
        else:
            add(plain, *[like_pattern(text)] * plain.count("?"))


def _reports(f: Filters, like: str, add: Where) -> None:
    """The outlet and source filters: some report's article outlet, some name in a report's chain."""
    outlets = many(f.outlet)
    if outlets:
        test = " OR ".join([f"a.outlet {like} ?{ESCAPE}"] * len(outlets))
        add(f"m.id IN (SELECT e.merged_id FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {test})", *[like_pattern(o) for o in outlets])
    if f.source:
        add(f"m.id IN (SELECT e.merged_id FROM events e WHERE e.chain {like} ?{ESCAPE} "
            f"OR e.source_name {like} ?{ESCAPE})", like_pattern(f.source), like_pattern(f.source))


WORD = re.compile(r"[^\W_]+")  # letters and digits, as both word indexes split text


def _text(text: str, db: Backend, fts: bool, add: Where) -> None:
    """Reports whose sentence holds the words of `text` in order, the last perhaps the start of
    a longer word ("in town12" finds "in Town1234"): the word index of SQLite or of PostgreSQL;
    text with no word is a literal substring."""
    words = WORD.findall(text)
    if words and fts:
        add(f"m.id IN (SELECT e.merged_id FROM events e WHERE e.rowid IN "
            f"(SELECT rowid FROM {TEXT_FTS} WHERE {TEXT_FTS} MATCH ?))", '"' + " ".join(words) + '" *')
    elif words and db.kind == "postgresql":
        add(f"m.id IN (SELECT e.merged_id FROM events e WHERE {pg_words('e.sentence')} @@ to_tsquery('simple', ?))",
            " <-> ".join(w.lower() for w in words) + ":*")
    else:
        add(f"EXISTS (SELECT 1 FROM events e WHERE e.merged_id = m.id AND e.sentence {db.like} ?{ESCAPE})",
            like_pattern(text))
