"""entities: named and anonymous mentions joined into entities with a kind."""
from __future__ import annotations

import dataclasses
from typing import Optional

from sayso.pipeline import Draft, stage
from sayso.record import Entity, Span
from sayso.settings import Settings


def entity_at(entities: tuple[Entity, ...], start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping [start, end) the most, else None."""
    best, best_overlap = None, 0
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best


def add_entity(
    entities: tuple[Entity, ...], name: str, kind: str, span: Span
) -> tuple[tuple[Entity, ...], str]:
    """Entities with one more (or with `span` added to an existing mention-less match)."""
    found = entity_at(entities, span.start, span.end)
    if found is not None:
        return entities, found.id
    new_id = f"e{len(entities) + 1}"
    return entities + (Entity(new_id, name, kind, (span,)),), new_id


@stage("entities", needs=("doc", "boilerplate"), sets=("entities",))
def find_entities(draft: Draft, settings: Settings) -> Draft:
    return draft
