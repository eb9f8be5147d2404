"""A record flattened into the ledger's rows, one tuple per table row."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

import orjson

from sayso.identity import source_key
from sayso.ledger.sources import Index, relayed_outlet, report_source
from sayso.record import Event, Record

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

EVENT_COLUMNS = (
    "article_id", "id", "type", "mode", "trigger", "sentence", "actor", "actor_name", "actor_kind",
    "actor_country", "actor_sector", "recipient", "recipient_name", "recipient_kind",
    "recipient_country", "recipient_sector", "place", "place_name", "place_country", "lat", "lon",
    "date_value", "date_precision", "day", "status", "polarity", "attribution", "chain",
    "source_key", "source_name", "merged_id", "trigger_at",
)


@dataclass(frozen=True)
class ArticleRows:
    article: dict[str, Any]
    events: list[dict[str, Any]]  # EVENT_COLUMNS, merged_id still None


def chain_json(names: Iterable[str]) -> str:
    try:
        return orjson.dumps(list(names)).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(list(names), separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def article_key(record: Record) -> str:
    """What makes two versions of one article: its URL, else the real path of its file, else
    its text (sayso.identity)."""
    return source_key(record.text, record.meta)


def day_of(event: Event, published: Optional[str]) -> Optional[str]:
    """The day an event is filed under: its own date when known to the day, else publication."""
    date = event.date
    if date is not None and date.value and date.precision in ("day", "time", None):
        if DAY.match(date.value):
            return date.value[:10]
    if published and DAY.match(published):
        return published[:10]
    return None


def rows_of(record: Record) -> ArticleRows:
    meta = record.meta
    stored = record.to_json()
    article = {
        "id": record.id, "key": article_key(record), "url": meta.url, "path": meta.path,
        "outlet": meta.outlet, "title": meta.title, "author": meta.author,
        "published": meta.published, "text_hash": digest(record.text),
        "record_hash": digest(stored), "record": stored, "events": len(record.events),
    }
    return ArticleRows(article, _event_rows(Index(record)))


def _event_rows(index: Index) -> list[dict[str, Any]]:
    record, entities = index.record, index.entities
    places = {p.id: p for p in record.places}
    relay = relayed_outlet(index)
    rows = []
    for event in record.events:
        actor, recipient = entities.get(event.actor or ""), entities.get(event.recipient or "")
        place = places.get(event.place or "")
        source = report_source(index, event, relay)
        rows.append({
            "article_id": record.id, "id": event.id, "type": event.type, "mode": event.mode,
            "trigger": event.trigger.text, "sentence": event.sentence.text,
            "actor": event.actor, "actor_name": actor.name if actor else None,
            "actor_kind": actor.kind if actor else None,
            "actor_country": actor.country if actor else None,
            "actor_sector": actor.sector if actor else None,
            "recipient": event.recipient, "recipient_name": recipient.name if recipient else None,
            "recipient_kind": recipient.kind if recipient else None,
            "recipient_country": recipient.country if recipient else None,
            "recipient_sector": recipient.sector if recipient else None,
            "place": event.place, "place_name": place.name if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "date_value": event.date.value if event.date else None,
            "date_precision": event.date.precision if event.date else None,
            "day": day_of(event, record.meta.published), "status": event.status,
            "polarity": event.polarity, "attribution": event.attribution,
            "chain": chain_json(source.chain),
            "source_key": source.key, "source_name": source.name, "merged_id": None,
            "trigger_at": event.trigger.start - event.sentence.start,
        })
    return rows
