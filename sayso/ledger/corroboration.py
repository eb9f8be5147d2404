"""A merged event's summary from its reports: statuses for and against, independent sources.

Statuses are never averaged: a merged event lists every status its reports give (`statuses`),
names the most common one (`status`) and sets `conflict` when some reports claim it and others
deny it. `sources` counts distinct independent-source keys (sayso.ledger.sources).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Optional, Sequence

from sayso.ledger.backend import Backend

AGAINST = frozenset({"negated"})
REPORT_COLUMNS = ("article_id", "id", "type", "mode", "day", "actor_name", "actor_kind",
                  "actor_country", "actor_sector", "recipient_name", "recipient_kind",
                  "recipient_country", "recipient_sector", "place_name", "place_country", "lat",
                  "lon", "status", "polarity", "source_key", "source_name", "sentence", "trigger",
                  "date_value", "date_precision", "merged_id", "attribution", "trigger_at")
SUMMARY_COLUMNS = ("mode", "day", "day_last", "actor", "actor_kind", "actor_country", "actor_sector",
                   "recipient", "recipient_kind", "recipient_country", "recipient_sector", "place",
                   "country", "lat", "lon", "reports", "articles", "sources", "statuses", "status",
                   "conflict", "summary", "places")


def is_against(status: Optional[str], polarity: Optional[str]) -> bool:
    return polarity == "negative" or status in AGAINST


NO_PARTY = (None, None, None, None)


def _party(r: Optional[dict], role: str) -> tuple:
    if r is None:
        return NO_PARTY
    return r[f"{role}_name"], r[f"{role}_kind"], r[f"{role}_country"], r[f"{role}_sector"]


def main_status(statuses: Sequence[str]) -> Optional[str]:
    counts = Counter(statuses)
    return max(counts, key=lambda s: (counts[s], -statuses.index(s))) if counts else None


def _agreed(rows: list[dict[str, Any]], role: str) -> Optional[dict]:
    """The first report naming the `role` most reports agree with (the same participant, or an
    alias of it); on a tie the most specific name (named, then longer), then the first by name."""
    column = f"{role}_name"
    named = [r for r in rows if r[column]]
    if not named:
        return None
    first: dict[str, dict] = {}
    for r in named:
        first.setdefault(r[column], r)
    if len(first) == 1:
        return named[0]
    return first[_best_name(tuple(r[column] for r in named),
                            {name: (r[f"{role}_kind"]) for name, r in first.items()})]


def _best_name(names: tuple[str, ...], kinds: dict[str, Optional[str]]) -> str:
    from sayso.ledger.participants import participant_tokens, same_participant

    counts = Counter(names)
    tokens = {n: participant_tokens(n, kinds[n]) for n in counts}

    def rank(name: str) -> tuple:
        support = sum(c for other, c in counts.items()
                      if other == name or same_participant(tokens[name], tokens[other]))
        return (-support, not tokens[name], -len(name), name)

    return min(counts, key=rank)


def _most_common(values: list) -> Any:
    """The most common value; on a tie the smallest."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if len(set(present)) == 1:
        return present[0]
    counts = Counter(present)
    return min(counts, key=lambda v: (-counts[v], v))


def view(rows: list[dict[str, Any]]) -> tuple:
    """Who, where and when of a merged event, from its reports' agreement: the most common day
    (the earliest on a tie), the actor and recipient most reports agree with, the most common
    place, never the value of one stray report against the others. merge.KEY_COLUMNS after the id."""
    actor, recipient = _agreed(rows, "actor"), _agreed(rows, "recipient")
    place = _most_common([r["place_name"] for r in rows])
    country = _most_common([r["place_country"] for r in rows])
    located = next((r for r in rows if r["place_name"] == place and r["lat"] is not None), None)
    return (_most_common([r["day"] for r in rows]), *_party(actor, "actor"), *_party(recipient, "recipient"),
            place, country, located["lat"] if located else None, located["lon"] if located else None)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged_events columns (SUMMARY_COLUMNS) of reports in order (`report_order`)."""
    (day, *parties, place, country, lat, lon) = view(rows)
    days = [r["day"] for r in rows if r["day"]]
    mode = _most_common([r["mode"] for r in rows])
    statuses = [r["status"] for r in rows if r["status"]]
    against = sum(is_against(r["status"], r["polarity"]) for r in rows)
    values = (mode, day, max(days) if days else None, *parties, place, country, lat, lon, len(rows),
              len({r["article_id"] for r in rows}), len({key for key, _ in independent(rows)}),
              ",".join(sorted(set(statuses))), main_status(statuses),
              int(0 < against < len(rows)), rows[0]["sentence"],
              "\n".join(sorted({r["place_name"] for r in rows if r["place_name"]})) or None)
    return dict(zip(SUMMARY_COLUMNS, values))


def status_rows(merged_id: int, summary: dict[str, Any]) -> list[tuple]:
    """The merged_statuses rows of a merged event: one per status its reports give."""
    return [(status, merged_id) for status in (summary["statuses"] or "").split(",") if status]


def independent(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The independent source (key, name) each report counts for. A report an article asserts
    itself (no attribution) about a happening the same article credits to a source in this
    merged event ("Lasko has defected, the Vilnius Tribune reported" ... "His defection is the
    first") retells that source: it counts for it, not as the outlet's own knowledge; a denial
    or a report against the others still counts for the outlet. Each report keeps its own claim."""
    if all(r["attribution"] is not None for r in rows) or all(r["attribution"] is None for r in rows):
        return [(r["source_key"], r["source_name"]) for r in rows]  # no own line beside a credited one
    credited: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r["attribution"] is not None and not is_against(r["status"], r["polarity"]):
            credited.setdefault(r["article_id"], (r["source_key"], r["source_name"]))
    own = [r["attribution"] is None and not is_against(r["status"], r["polarity"]) for r in rows]
    return [credited.get(r["article_id"], (r["source_key"], r["source_name"])) if mine
            else (r["source_key"], r["source_name"]) for r, mine in zip(rows, own)]


def source_rows(merged_id: int, rows: list[dict[str, Any]]) -> list[tuple]:
    by_key: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for r, (key, name) in zip(rows, independent(rows)):
        by_key.setdefault(key, []).append(r)
        names.setdefault(key, name)
    return [(merged_id, key, names[key], len(group),
             ",".join(sorted({g["status"] for g in group if g["status"]})))
            for key, group in by_key.items()]


def report_order(report: dict[str, Any]) -> tuple:
    """Reports of a merged event in day order (undated first), then article and event id."""
    day = report["day"]
    return (day is not None, day or "", report["article_id"], report["id"])


def reports_of(db: Backend, merged_id: int) -> list[dict[str, Any]]:
    found = db.rows(f"SELECT {', '.join(REPORT_COLUMNS)} FROM events WHERE merged_id = ?", (merged_id,))
    return sorted((dict(zip(REPORT_COLUMNS, r)) for r in found), key=report_order)


INSERT_SOURCE = ("INSERT INTO sources (merged_id, source_key, source_name, reports, statuses) "
                 "VALUES (?, ?, ?, ?, ?)")
INSERT_MERGED = (f"INSERT INTO merged_events (id, category, {', '.join(SUMMARY_COLUMNS)}, evidence) "
                 f"VALUES ({', '.join('?' * (len(SUMMARY_COLUMNS) + 3))})")
UPSERT_SOURCE = INSERT_SOURCE + (" ON CONFLICT (merged_id, source_key) DO UPDATE SET "
                                 "source_name = excluded.source_name, reports = excluded.reports, "
                                 "statuses = excluded.statuses")
UPDATE_MERGED = (f"UPDATE merged_events SET {', '.join(f'{c} = ?' for c in SUMMARY_COLUMNS)}, evidence = ? "
                 "WHERE id = ?")
INSERT_STATUS = "INSERT INTO merged_statuses (status, merged_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
