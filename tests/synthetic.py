"""Synthetic article records for the ledger's tests and benchmark: no spaCy needed.

`make_record` writes a small article whose every span points into its text: one sentence per
event, optionally told by a source, relayed through outlets. `generate` makes a stream of
records in which each real-world event is reported by one or more outlets, some relaying a
newspaper, the way a news corpus repeats itself.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator, Optional

from sayso.record import (Attribution, Entity, Event, Meta, Place, Record, Source, Span,
                          TimeValue, article_id)


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str = "person"
    country: Optional[str] = None
    sector: Optional[str] = None


@dataclass(frozen=True)
class Where:
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: str = "city"


@dataclass(frozen=True)
class Spec:
    """One event report: what, who, where, when, how sure, and who says so (outermost first)."""

    category: str
    actor: Optional[Actor] = None
    recipient: Optional[Actor] = None
    place: Optional[Where] = None
    day: Optional[str] = None
    status: str = "occurred"
    polarity: str = "positive"
    told_by: tuple[Actor, ...] = ()  # e.g. (Actor("The Daily Telegraph", "media"), Actor("U.S. officials", "anonymous_group"))
    verb: str = "acted"


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length, text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Ids:
    def __init__(self) -> None:
        self.entities: dict[tuple, Entity] = {}
        self.places: dict[tuple, Place] = {}

    def entity(self, actor: Actor, span: Span) -> str:
        key = (actor.name, actor.kind)
        old = self.entities.get(key)
        eid = old.id if old else f"e{len(self.entities) + 1}"
        mentions = (old.mentions if old else ()) + (span,)
        self.entities[key] = Entity(eid, actor.name, actor.kind, mentions, actor.country, actor.sector)
        return eid

    def place(self, where: Where, span: Span) -> str:
        key = (where.name,)
        old = self.places.get(key)
        pid = old.id if old else f"p{len(self.places) + 1}"
        mentions = (old.mentions if old else ()) + (span,)
        self.places[key] = Place(pid, where.name, mentions, where.country, where.lat, where.lon, where.precision)
        return pid


SOURCE_KIND = {"media": "media", "person": "named_person", "organization": "organization",
               "anonymous_person": "anonymous_person", "anonymous_group": "anonymous_group"}


def _told(b: _Builder, ids: _Ids, told_by: tuple[Actor, ...], attributions: list) -> Optional[str]:
    """Write "X told Y that " for a chain, outermost last in the text; returns the innermost id."""
    parent = None
    for depth, teller in enumerate(told_by):
        aid = f"a{len(attributions) + 1}"
        span = b.add(teller.name)
        eid = ids.entity(teller, span)
        b.add(" reported that " if depth < len(told_by) - 1 else " said that ")
        attributions.append([aid, Source(span.start, span.end, span.text, eid, SOURCE_KIND.get(teller.kind, teller.kind)),
                             parent])
        parent = aid
    return parent


def make_record(url: str, outlet: Optional[str], published: Optional[str], specs: list[Spec],
                lead: str = "", relays: tuple[str, ...] = ()) -> Record:
    """An article by `outlet` reporting `specs`; `relays`: outlets it cites ("X reported")."""
    b, ids, attributions, events = _Builder(), _Ids(), [], []
    if lead:
        b.add(lead + "\n\n")
    for relay in relays:  # the events are then what the first outlet reported
        span = b.add(relay)
        eid = ids.entity(Actor(relay, "media"), span)
        attributions.append([f"a{len(attributions) + 1}", Source(span.start, span.end, relay, eid, "media"), None])
        b.add(" reported the news. ")
    for n, spec in enumerate(specs, 1):
        start = b.length
        innermost = _told(b, ids, spec.told_by, attributions) or ("a1" if relays and not spec.told_by else None)
        content_start = b.length
        actor = ids.entity(spec.actor, b.add(spec.actor.name)) if spec.actor else None
        b.add(" ")
        trigger = b.add(("did not " if spec.polarity == "negative" else "") + spec.verb)
        recipient = None
        if spec.recipient:
            b.add(" against ")
            recipient = ids.entity(spec.recipient, b.add(spec.recipient.name))
        place = None
        if spec.place:
            b.add(" in ")
            place = ids.place(spec.place, b.add(spec.place.name))
        when = None
        if spec.day:
            b.add(" on ")
            s = b.add(spec.day)
            when = TimeValue(spec.day, "day", s.text, s.start, s.end)
        sentence = Span(start, b.length + 1, b.text[start:] + ".")
        b.add(". ")
        if innermost:
            for a in attributions:
                if a[0] == innermost:
                    a.append(Span(content_start, sentence.end - 1, sentence.text[content_start - start:-1]))
        events.append(Event(f"v{n}", spec.category, trigger, sentence, actor=actor, recipient=recipient,
                            place=place, date=when, status=spec.status, polarity=spec.polarity,
                            attribution=innermost))
    text = b.text
    meta = Meta(url=url, outlet=outlet, published=published)
    atts = tuple(Attribution(a[0], a[1], None, (a[3],) if len(a) > 3 else (), "indirect", a[2]) for a in attributions)
    return Record(article_id(text, meta), text, meta, entities=tuple(ids.entities.values()),
                  places=tuple(ids.places.values()), attributions=atts, events=tuple(events))


CATEGORIES = ("DEFECT", "ASSAULT", "PROTEST", "AID", "ACCUSE", "THREATEN", "CONSULT", "SANCTION")
COUNTRIES = ("SYR", "JOR", "LBN", "IRQ", "TUR", "ISR", "EGY", "YEM", "LBY", "IRN")
OUTLETS = tuple(f"Outlet {i}" for i in range(40))
STATUSES = ("occurred", "occurred", "occurred", "planned", "possible", "claimed", "negated")


def _world_event(rng: random.Random, g: int, day: date) -> dict:
    country = rng.choice(COUNTRIES)
    return {"category": rng.choice(CATEGORIES), "country": country, "day": day,
            "actor": Actor(f"Person{g} Family{g % 9973}", "person", country, rng.choice(("GOV", "MIL", "REB"))),
            "place": Where(f"Town{g % 5000}", country, 30 + (g % 100) / 10, 35 + (g % 77) / 10)}


def generate(n: int, seed: int = 7, events_per_record: int = 3, start: date = date(2012, 1, 1),
             per_day: int = 30) -> Iterator[Record]:
    """n records as a news stream: `per_day` articles a day, in publication order, each reporting
    events of the last few days; a world event is reported by one or more articles (some
    relaying one newspaper), so a bigger corpus covers a longer time, not a denser one."""
    rng = random.Random(seed)
    live: list[dict] = []
    g = 0
    for i in range(n):
        published = start + timedelta(days=i // per_day)
        if i % per_day == 0:  # events older than a week are no longer reported
            live = [w for w in live if (published - w["day"]).days <= 7]
        specs = []
        for _ in range(events_per_record):
            if live and rng.random() < 0.6:
                w = live.pop(rng.randrange(len(live)))  # another report of a recent event
                if rng.random() < 0.4:
                    live.append(w)  # and maybe more to come
            else:
                g += 1
                w = _world_event(rng, g, published - timedelta(days=rng.randrange(3)))
                if rng.random() < 0.5:
                    live.append(w)
            day = w["day"] + timedelta(days=rng.choice((0, 0, 0, 1, -1)))
            told = () if rng.random() < 0.5 else (Actor(rng.choice(OUTLETS), "media"),)
            specs.append(Spec(w["category"], w["actor"], None, w["place"], day.isoformat(),
                              rng.choice(STATUSES), told_by=told))
        yield make_record(f"https://news.example/{seed}/{i}", rng.choice(OUTLETS), published.isoformat(), specs)
