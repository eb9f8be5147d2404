"""Why labelled pairs are merged wrongly: a count of the causes (`sayso eval merge --causes`).

A same pair left apart is put down to the first of: a mention the extraction does not find, two
categories, a conflict (actor, recipient, place, time), two triggers of one sentence, no shared
blocking key across articles, no link (the rules and the learned link say no), or a link that a
cannot-link kept from joining. A different pair merged is put down to a direct link (its
evidence's first reason) or a chain of links through other reports.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from sayso.evaluation.merge_corpus import Mention, Pair
from sayso.ledger import identity
from sayso.ledger.dates import time_conflict
from sayso.ledger.identity import Report
from sayso.ledger.merge import place_conflict
from sayso.ledger.participants import party_conflict
from sayso.ledger.rows import rows_of
from sayso.settings import DEFAULT


def reports_at(records: dict, mentions: set[Mention], event_at) -> dict[Mention, Report]:
    """The report at each mention whose article was extracted and whose trigger is found."""
    found: dict[Mention, Report] = {}
    rows: dict[str, dict] = {}
    for m in mentions:
        record = records.get(m.doc)
        event = event_at(record, m) if record is not None else None
        if record is None or event is None:
            continue
        if m.doc not in rows:
            rows[m.doc] = {row["id"]: row for row in rows_of(record).events}
        found[m] = Report(rows[m.doc][event])
    return found


def missed(a: Report, b: Report, days: int) -> str:
    """Why two reports of one happening are not merged."""
    ra, rb = a.row, b.row
    within = a.key[0] == b.key[0]
    if ra["type"] != rb["type"]:
        return "two categories"
    for role, ta, tb in (("actor", a.actor, b.actor), ("recipient", a.recipient, b.recipient)):
        if party_conflict(ra, rb, role, ta, tb):
            return f"conflict: {role}"
    if place_conflict(ra, rb) and not identity.same_name(a, b):
        return "conflict: place"
    if time_conflict(ra, rb, days, within):
        return "conflict: time"
    if within and identity.one_sentence(a, b):
        return "two triggers of one sentence"
    if not within and not (a.tokens() & b.tokens()):
        return "no shared blocking key"
    if identity.link(a, b, days) is None:
        return "no link"
    return "kept apart by a cannot-link"


def causes(pairs: list[Pair], found: dict[Mention, Optional[int]], reports: dict[Mention, Report],
           days: int = DEFAULT.merge_window_days) -> Counter:
    """(kind, within or across, cause) -> pairs, for the wrong and the missing pairs."""
    counts: Counter = Counter()
    for p in pairs:
        side = "within" if p.within else "across"
        a, b = reports.get(p.a), reports.get(p.b)
        if a is None or b is None or found.get(p.a) is None or found.get(p.b) is None:
            counts[("same" if p.same else "different", side, "mention not extracted")] += 1
            continue
        merged = found[p.a] == found[p.b]
        if p.same and not merged:
            counts[("same, apart", side, missed(a, b, days))] += 1
        elif merged and not p.same:
            made = identity.link(a, b, days)
            counts[("different, merged", side, "direct link" if made else "a chain of links")] += 1
    return counts
