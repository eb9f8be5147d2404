"""entities: named and anonymous mentions joined into entities with a kind.

The stage finds mentions in one pass over the parsed Doc (sayso.stages.entities.mentions), joins them
(sayso.stages.entities.coref), and adds the article's own outlet (meta.outlet) as a media entity when the
text names it. Later stages look entities up with `entity_at` and add the ones they find with
`add_entity`. Kinds: person, organization, media, place, anonymous_person, anonymous_group,
document, group. See docs/entities.md.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Optional

from sayso.stages.entities.coref import join
from sayso.stages.entities.lookup import entity_at as _entity_at
from sayso.stages.entities.mentions import Outside, find_mentions, normalise, person_role
from sayso.stages.base import Draft, stage
from sayso.record import Entity, Span
from sayso.settings import Settings


def entity_at(entities: tuple[Entity, ...], start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping [start, end) the most, else None; on a tie the
    tighter mention wins ("Uhuru Kenyatta" in "Uhuru Kenyatta's aides" is the person)."""
    return _entity_at(entities, start, end)


def add_entity(
    entities: tuple[Entity, ...], name: str, kind: str, span: Span
) -> tuple[tuple[Entity, ...], str]:
    """Entities with `span` added: the entity a mention of which covers at least half of
    `span` is returned as it is; else an entity of the same name gains `span` as a mention;
    else a new entity is added. Returns the entities and the id. ("members of Assad's inner
    circle" is not Assad: his mention covers too little of it.)"""
    found = entity_at(entities, span.start, span.end)
    if found is not None and 2 * _overlap(found, span) >= span.end - span.start:
        return entities, found.id
    key = normalise(name)
    for i, entity in enumerate(entities):
        if key and normalise(entity.name) == key:
            mentions = tuple(sorted(entity.mentions + (span,), key=lambda m: m.start))
            changed = dataclasses.replace(entity, mentions=mentions)
            return entities[:i] + (changed,) + entities[i + 1:], entity.id
    new_id = f"e{_next_number(entities)}"
    return entities + (Entity(new_id, name, kind, (span,)),), new_id


def _overlap(entity: Entity, span: Span) -> int:
    return max(min(span.end, m.end) - max(span.start, m.start) for m in entity.mentions)


def _next_number(entities: tuple[Entity, ...]) -> int:
    numbers = [int(e.id[1:]) for e in entities if e.id[:1] == "e" and e.id[1:].isdigit()]
    return max(numbers, default=0) + 1


def with_outlet(entities: tuple[Entity, ...], text: str, outlet: Optional[str]) -> tuple[Entity, ...]:
    """Entities with the article's outlet as a media entity, mentioned wherever the text names
    it (footers included: the outlet names itself there). Unchanged when the text never does."""
    if not outlet:
        return entities
    spans = _occurrences(text, outlet)
    if not spans:
        return entities
    key = normalise(outlet)
    for i, entity in enumerate(entities):
        if normalise(entity.name) == key:
            mentions = tuple(sorted(set(entity.mentions) | set(spans), key=lambda m: m.start))
            changed = dataclasses.replace(entity, kind="media", mentions=mentions)
            return entities[:i] + (changed,) + entities[i + 1:]
    return entities + (Entity(f"e{_next_number(entities)}", outlet, "media", tuple(spans)),)


def _occurrences(text: str, name: str) -> list[Span]:
    lowered, target = text.lower(), name.lower()
    spans, at = [], lowered.find(target)
    while at >= 0:
        spans.append(Span.of(text, at, at + len(name)))
        at = lowered.find(target, at + len(name))
    return spans


def qualifiers(doc: Any, entity: Entity) -> tuple[str, ...]:
    """Nationality/country words before the entity's mentions ("Syrian" in "Syrian President
    Bashar al-Assad", "Jordan" in "Jordan's information minister"), for the actors stage."""
    found: list[str] = []
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        _, origin = person_role(doc, span.start, span.end)
        inside = [t.lower_ for t in span if t.ent_type_ in ("NORP", "GPE")]
        found += [w for w in (*origin, *inside) if w not in found]
    return tuple(found)


@stage("entities", needs=("doc", "boilerplate"), sets=("entities",))
def find_entities(draft: Draft, settings: Settings) -> Draft:
    body, captions = find_mentions(draft.doc, Outside(draft.boilerplate))
    entities = with_outlet(join(body, captions), draft.article.text, draft.article.meta.outlet)
    return draft.set(entities=entities)
