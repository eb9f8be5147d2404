"""The article record: the contract every part of sayso reads and writes.

Every span is a start/end pair of Python string offsets into the article text exactly as it
was read, with the text it covers. Records are frozen dataclasses; `to_dict` gives the JSON
shape of the contract in ../BRIEF.md and `record_from_dict` reads it back.
"""
from __future__ import annotations

import dataclasses
import json
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional, get_args

import orjson

# The contract's vocabularies, declared once. Fields below stay `str` (readers take what a
# record holds); tests check that extraction writes only these values.
Status = Literal["occurred", "ongoing", "planned", "possible", "expected", "considered", "negated",
                 "threatened", "claimed"]
Polarity = Literal["positive", "negative"]
EntityKind = Literal["person", "organization", "group", "media", "place", "anonymous_person",
                     "anonymous_group", "document"]
SourceKind = Literal["named_person", "role", "anonymous_person", "anonymous_group", "organization",
                     "media", "document", "pronoun"]
AttributionType = Literal["direct", "indirect", "mixed"]
STATUSES: tuple[str, ...] = get_args(Status)
POLARITIES: tuple[str, ...] = get_args(Polarity)
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKind)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
ATTRIBUTION_TYPES: tuple[str, ...] = get_args(AttributionType)
ONTOLOGY = Path(__file__).resolve().parent / "data" / "ontology.yaml"


@lru_cache(maxsize=1)
def categories() -> tuple[str, ...]:
    """The event categories: the names in the packaged ontology file (PLOVER's, plus DEFECT)."""
    import yaml

    return tuple(yaml.safe_load(ONTOLOGY.read_text("utf-8"))["categories"])


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of `text[start:end]`."""
        return cls(start, end, text[start:end])

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Meta:
    path: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None  # ISO date or datetime, as given; None when unknown
    language: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Article:
    """A source as read: its text, exactly, and what is known about it."""

    text: str
    meta: Meta = field(default_factory=Meta)
    origin: str = ""  # where it came from, for messages: "file.jsonl:12"

    @property
    def id(self) -> str:
        return article_id(self.text, self.meta)


def article_id(text: str, meta: Meta) -> str:
    """Stable id of a version: the same text and metadata from the same source (URL, else real
    path, else the outlet and the text) is the same version (sayso.identity)."""
    from sayso.identity import version_id

    return version_id(text, meta)


@dataclass(frozen=True, slots=True)
class Boilerplate:
    start: int
    end: int
    text: str
    reason: str  # contact | byline | caption | footer | dateline | ...


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str  # person | organization | media | place | anonymous_person | anonymous_group | document
    mentions: tuple[Span, ...] = ()
    country: Optional[str] = None  # ISO 3166 alpha-3
    sector: Optional[str] = None  # GOV MIL REB OPP MED CVL IGO NGO BUS ...
    role: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    mentions: tuple[Span, ...] = ()
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None  # country | region | city | facility
    geonameid: Optional[int] = None


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression resolved (or not) against the publication date."""

    value: Optional[str]  # ISO: 2012-06-21, 2012-05, 2011, 2012-W26 ...; None when unresolved
    precision: Optional[str]  # day | week | month | quarter | year | decade | time
    text: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True, slots=True)
class Source:
    start: int
    end: int
    text: str
    entity: Optional[str] = None
    kind: Optional[str] = None  # named_person | role | anonymous_person | anonymous_group | organization | media | document | pronoun


@dataclass(frozen=True, slots=True)
class Attribution:
    id: str
    source: Source
    cue: Optional[Span]
    content: tuple[Span, ...]
    type: str  # direct | indirect | mixed
    parent: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    sentence: Span
    mode: Optional[str] = None
    actor: Optional[str] = None
    recipient: Optional[str] = None
    place: Optional[str] = None
    date: Optional[TimeValue] = None
    status: str = "occurred"
    polarity: str = "positive"  # positive | negative
    attribution: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be read or extracted; reported, never fatal to the batch.

    `error` is the one-line message; `error_type` and `traceback` keep the cause (empty when
    the failure was not an exception, or came back from another process without one)."""

    origin: str
    error: str
    stage: str = "read"
    error_type: str = ""
    traceback: str = ""

    @classmethod
    def of(cls, origin: str, exc: BaseException, stage: str, message: Optional[str] = None) -> "Failure":
        """The failure for `exc` raised while `stage` ran on the article from `origin`."""
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(origin, message if message is not None else f"{type(exc).__name__}: {exc}", stage,
                   type(exc).__name__, text)


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    meta: Meta
    boilerplate: tuple[Boilerplate, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeValue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self) -> str:
        """`to_dict` as compact JSON, fields in order. orjson writes the dataclasses directly;
        text it refuses (a lone surrogate, which no database stores as text) is written by the
        standard library as a \\u escape."""
        try:
            return orjson.dumps(self).decode("utf-8")
        except orjson.JSONEncodeError:
            return json.dumps(self.to_dict(), separators=(",", ":"))


def to_dict(obj: Any) -> Any:
    """JSON-ready form of a record or any part of it (tuples become lists)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    return obj


def _span(d: dict) -> Span:
    return Span(d["start"], d["end"], d["text"])


def _fields(cls: type, d: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _time(d: Optional[dict]) -> Optional[TimeValue]:
    return None if d is None else TimeValue(**_fields(TimeValue, d))


def record_from_dict(d: dict[str, Any]) -> Record:
    """Read a record back from its JSON form; unknown fields are ignored."""
    entities = tuple(
        Entity(**{**_fields(Entity, e), "mentions": tuple(_span(m) for m in e.get("mentions", []))})
        for e in d.get("entities", [])
    )
    places = tuple(
        Place(**{**_fields(Place, p), "mentions": tuple(_span(m) for m in p.get("mentions", []))})
        for p in d.get("places", [])
    )
    attributions = tuple(
        Attribution(
            id=a["id"],
            source=Source(**_fields(Source, a["source"])),
            cue=_span(a["cue"]) if a.get("cue") else None,
            content=tuple(_span(c) for c in a.get("content", [])),
            type=a["type"],
            parent=a.get("parent"),
        )
        for a in d.get("attributions", [])
    )
    events = tuple(
        Event(
            **{
                **_fields(Event, e),
                "trigger": _span(e["trigger"]),
                "sentence": _span(e["sentence"]),
                "date": _time(e.get("date")),
            }
        )
        for e in d.get("events", [])
    )
    return Record(
        id=d["id"],
        text=d["text"],
        meta=Meta(**_fields(Meta, d.get("meta", {}))),
        boilerplate=tuple(Boilerplate(**_fields(Boilerplate, b)) for b in d.get("boilerplate", [])),
        entities=entities,
        places=places,
        attributions=attributions,
        events=events,
        times=tuple(TimeValue(**_fields(TimeValue, t)) for t in d.get("times", [])),
    )


def iter_spans(record: Record):
    """Every span in a record, for checking that offsets point into the text."""
    yield from record.boilerplate
    for e in record.entities:
        yield from e.mentions
    for p in record.places:
        yield from p.mentions
    for a in record.attributions:
        yield a.source
        if a.cue:
            yield a.cue
        yield from a.content
    for ev in record.events:
        yield ev.trigger
        yield ev.sentence
    for t in record.times:
        if t.start is not None and t.end is not None:
            yield Span(t.start, t.end, t.text)
