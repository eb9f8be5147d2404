"""Merged events as the connected components of the links between reports.

A block is a set of reports (a batch's new reports and the merged events they link to, or what
is left of merged events that lost reports). Its links are found by blocking, never all pairs:
reports of one article are compared with each other, reports of different articles only when
they share a participant token and category. The components are built by Kruskal's order (the
strongest link first, ties by report keys), so each merged event keeps a spanning tree of the
links that made it, its evidence; a link is skipped when the two parts it would join hold two
reports that must differ (a cannot-link: two named people as actors, days apart, two triggers
of one sentence), so a chain of similar reports never joins two different happenings. The result is
one function of the block's reports:
whatever the order of ingest, the same reports give the same merged events, with the same id
(`stable_id`: the day of its earliest report, then a hash of that report's key, so new merged
events get ids near each other and the tables keyed by merged id grow at one end).
"""
from __future__ import annotations

import hashlib
from datetime import date
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sayso.ledger.identity import Link, Report, antecedent, link, must_differ

HASH_BITS = 32  # below 2^52 with the day number above them: exact in JavaScript numbers (the API's JSON)
EPOCH = date(1900, 1, 1)


@dataclass(frozen=True)
class Cluster:
    id: int
    members: tuple[Report, ...]  # in key order
    evidence: tuple[Link, ...]  # the links that joined them (a spanning tree), by key


def anchor(members: Iterable[Report]) -> Report:
    """The report a merged event's id comes from: the earliest dated, then the smallest key."""
    return min(members, key=lambda r: (r.row["day"] is None, r.row["day"] or "", r.key))


def stable_id(report: Report, probe: int = 0) -> int:
    """(days since 1900 of the report's day, 0 when undated) * 2^32 + a hash of its key."""
    day = report.row["day"]
    days = (date.fromisoformat(day) - EPOCH).days if day else 0
    digest = hashlib.sha1(f"{report.key[0]}/{report.key[1]}#{probe}".encode("utf-8")).digest()
    return (max(days, 0) << HASH_BITS) + int.from_bytes(digest[:4], "big") % (2 ** HASH_BITS - 1) + 1


def candidate_pairs(reports: list[Report]) -> set[tuple[int, int]]:
    """Index pairs worth comparing: same article, or same category and a shared token."""
    by_article: dict[str, list[int]] = defaultdict(list)
    by_token: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        by_article[r.key[0]].append(i)
        for token in r.tokens():
            by_token[(r.row["type"], token)].append(i)
    pairs: set[tuple[int, int]] = set()
    for group in (*by_article.values(), *by_token.values()):
        for x, i in enumerate(group):
            pairs.update((i, j) if i < j else (j, i) for j in group[x + 1:] if j != i)
    return pairs


def position(report: Report) -> tuple:
    """Where the report's trigger is in its article: event ids are numbered in text order ("v12")."""
    digits = "".join(c for c in report.key[1] if c.isdigit())
    return (int(digits) if digits else 0, report.key[1])


def references(reports: list[Report], days: int) -> list[Link]:
    """Each definite reference ("the attack") and what it refers back to in its article."""
    by_kind: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        by_kind[(r.key[0], r.row["type"])].append(r)
    found: list[Link] = []
    for group in by_kind.values():
        if len(group) < 2:
            continue
        group.sort(key=position)
        found.extend(made for x, r in enumerate(group) if (made := antecedent(r, group[:x], days)))
    return found


def links_of(reports: list[Report], days: int) -> list[Link]:
    found: dict[tuple, Link] = {}
    for i, j in candidate_pairs(reports):
        made = link(reports[i], reports[j], days)
        if made is not None:
            found[(made.a, made.b)] = made
    for made in references(reports, days):  # outweighs a learned link (its score, a probability, is below 1)
        known = found.get((made.a, made.b))
        if known is None or known.score < made.score:
            found[(made.a, made.b)] = made
    return sorted(found.values(), key=lambda l: (-l.score, l.a, l.b))


def cannot_link(one: list[Report], other: list[Report], days: int) -> bool:
    """Some report of one part and some of the other must differ (sayso.ledger.identity
    must_differ: two people, days apart, one sentence): a chain of links never joins them."""
    return any(must_differ(a, b, days) for a in one for b in other)


def clusters(reports: Iterable[Report], days: int) -> list[Cluster]:
    """The merged events of a block of reports (each report once), sorted by id."""
    members = sorted({r.key: r for r in reports}.values(), key=lambda r: r.key)
    index = {r.key: i for i, r in enumerate(members)}
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tree: dict[int, list[Link]] = defaultdict(list)
    parts: dict[int, list[Report]] = {i: [r] for i, r in enumerate(members)}
    for made in links_of(members, days):
        ra, rb = root(index[made.a]), root(index[made.b])
        if ra != rb and not cannot_link(parts[ra], parts[rb], days):
            keep, gone = min(ra, rb), max(ra, rb)
            parent[gone] = keep
            parts[keep].extend(parts.pop(gone))
            tree[keep].extend(tree.pop(gone, ()))
            tree[keep].append(made)
    groups: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(members):
        groups[root(i)].append(r)
    found = [Cluster(stable_id(anchor(group)), tuple(group),
                     tuple(sorted(tree.get(i, ()), key=lambda l: (l.a, l.b)))) for i, group in groups.items()]
    return sorted(found, key=lambda c: c.id)
