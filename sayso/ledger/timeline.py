"""Claims and the claim timeline of a merged event: who said it first, who relayed, who denied.

A claim is one report seen as a statement about the merged event: (event, source chain,
status, polarity, time of the report). The timeline lists the claims in order of publication
(then article and report), each with its role:
- `first`: the earliest claim that the event happened (or will, or may);
- `relayed`: a later claim resting on a source already heard (the same independent source,
  "The Daily Telegraph" relayed by another outlet);
- `also claimed`: a later claim from a source not heard before;
- `denied`: a claim against it (status negated, or negative polarity); a conflict when the
  event also has claims for it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Optional, Protocol, Sequence

from sayso.ledger.sources import normalise


class Detail(Protocol):
    """What the timeline reads of a merged event (sayso.ledger.query.EventDetail, which imports
    this module: no import back)."""

    @property
    def event(self) -> Any: ...

    @property
    def reports(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Claim:
    merged_id: int
    published: Optional[str]
    outlet: Optional[str]
    chain: tuple[str, ...]  # outermost first: the article's outlet, relays, the original source
    source: Optional[str]  # the independent source
    status: Optional[str]
    polarity: Optional[str]
    against: bool
    role: str  # first | relayed | also claimed | denied
    sentence: Optional[str]
    article_id: str
    event_id: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["chain"] = list(self.chain)
        return d


def claim_timeline(detail: Detail) -> list[Claim]:
    """The claims of a merged event in order of publication, each with its role."""
    reports = sorted(detail.reports, key=lambda r: (r.published is None, r.published or "", r.article_id, r.event_id))
    heard: set[str] = set()
    claims: list[Claim] = []
    for r in reports:
        key = normalise(r.source or r.outlet or "")
        if r.against:
            role = "denied"
        elif not any(not c.against for c in claims):
            role = "first"
        else:
            role = "relayed" if key in heard else "also claimed"
        if not r.against:
            heard.add(key)
        claims.append(Claim(detail.event.id, r.published, r.outlet, r.chain, r.source, r.status,
                            r.polarity, r.against, role, r.sentence, r.article_id, r.event_id))
    return claims


def describe(claim: Claim) -> str:
    """One line of the timeline: "2012-06-21 first: Early Wire > The Daily Telegraph [occurred]"."""
    status = claim.status or "?"
    if claim.polarity == "negative":
        status += ", negative"
    return f"{claim.published or 'undated'} {claim.role}: {' > '.join(claim.chain)} [{status}]"
