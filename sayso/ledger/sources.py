"""Who an event report rests on: its chain of relays and its independent original source.

The chain of a report is [article's outlet, relay..., original source], outermost first. The
independent source is what a reader would have to check to confirm the report:
- a named original source (a person, a role, an organisation): that source, whoever relays it
  ("Victoria Nuland" quoted by two outlets is one source);
- an anonymous original source ("U.S. officials", "an activist"): the outlet that gathered it,
  the innermost outlet in the chain ("The Daily Telegraph"), since only it knows who they are;
  directly under an article that relays an outlet, that outlet ("U.S. officials say" in an
  article retelling The Daily Telegraph's report are the Telegraph's officials: one source,
  however many outlets relay it);
- a report the article asserts itself (no attribution): the article's own outlet (and author),
  never another outlet the article mentions. An outlet, poll or report named in one sentence
  ("The Sun reported in 2007", "An ABC News tracking poll") is the source of that sentence's
  reports only, through their attribution; crediting the article's other sentences to the
  outlet it cites most made 37 % of the articles' own assertions another outlet's. Only in a
  merged event where the same article credits the happening to a source does its own line
  about it count for that source (sayso.ledger.corroboration.independent).
Two reports with the same source key count once.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from sayso.record import Attribution, Event, Record

MEDIA = "media"
ANONYMOUS = frozenset({"anonymous_person", "anonymous_group", "pronoun"})


@dataclass(frozen=True)
class Link:
    """One step of a chain: who, and what kind of source they are."""

    name: str
    kind: str  # media | anonymous | named


@dataclass(frozen=True)
class ReportSource:
    chain: tuple[str, ...]  # outermost first
    key: str  # equal keys are one independent source
    name: str  # shown to users
    author: Optional[str] = None  # the article's author, for a report the article asserts itself


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """Lower case, accents and punctuation gone, a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


class Index:
    """A record's attributions and entities by id, built once per record."""

    def __init__(self, record: Record):
        self.record = record
        self.attributions = {a.id: a for a in record.attributions}
        self.entities = {e.id: e for e in record.entities}


def _link(attribution: Attribution, entities: dict) -> Link:
    source = attribution.source
    entity = entities.get(source.entity) if source.entity else None
    name = entity.name if entity is not None and entity.name else source.text
    kinds = {source.kind, entity.kind if entity is not None else None}
    if MEDIA in kinds:
        return Link(name, MEDIA)
    if kinds & ANONYMOUS:
        return Link(name, "anonymous")
    return Link(name, "named")


def links(index: Index, attribution_id: Optional[str]) -> list[Link]:
    """The attributions from the outermost relay to `attribution_id`, following parents."""
    found: list[Link] = []
    seen: set[str] = set()
    while attribution_id and attribution_id in index.attributions and attribution_id not in seen:
        seen.add(attribution_id)
        attribution = index.attributions[attribution_id]
        found.append(_link(attribution, index.entities))
        attribution_id = attribution.parent
    return found[::-1]


def chain_names(record: Record, steps: list[Link]) -> tuple[str, ...]:
    """The chain as names, outermost first: the article's outlet (when known), then each step
    (as `sayso.stages.attribution.chain` gives it)."""
    outlet = record.meta.outlet
    return tuple(([outlet] if outlet else []) + [s.name for s in steps])


def outlet_of(record: Record) -> str:
    return record.meta.outlet or record.meta.url or record.meta.path or f"article {record.id}"


def relayed_outlet(index: Index) -> Optional[str]:
    """The outlet this article cites most ("The Daily Telegraph reported"): shown, and credited
    with the anonymous sources directly under the article; never with the article's own
    assertions."""
    record = index.record
    own = normalise(record.meta.outlet or "")
    cited = Counter()
    first: dict[str, str] = {}
    for attribution in sorted(record.attributions, key=lambda a: a.source.start):
        link = _link(attribution, index.entities)
        key = normalise(link.name)
        if link.kind == MEDIA and key and key != own:
            cited[key] += 1
            first.setdefault(key, link.name)
    if not cited:
        return None
    best = max(cited.values())
    return next(name for key, name in first.items() if cited[key] == best)


def report_source(index: Index, event: Event, relay: Optional[str] = None) -> ReportSource:
    """The chain and independent source of one event report. `relay` (relayed_outlet(index)):
    the outlet an anonymous source directly under the article is credited to; an article's own
    assertion is always its own outlet's."""
    record = index.record
    own = outlet_of(record)
    steps = links(index, event.attribution)
    if not steps:
        return ReportSource((own,), "outlet:" + normalise(own), own, record.meta.author)
    chain = chain_names(record, steps)
    original = steps[-1]
    if original.kind == "named":
        return ReportSource(chain, "source:" + normalise(original.name), original.name)
    media = [s.name for s in steps if s.kind == MEDIA]
    gatherer = media[-1] if media else relay or own
    return ReportSource(chain, "outlet:" + normalise(gatherer), gatherer)
