"""attributions: reported speech and thought, with source, cue, content and chain.

    cues.py      cue words and the speaker token, from the dependency parse
    contents.py  what is said: complement clauses, quotations, colon- and dash-led quotes
    sources.py   the speaker's span and kind (named person, role, anonymous, outlet ...)
    finder.py    one document's attributions, and quotes with no cue given to the last speaker
    chains.py    pronoun and description speakers resolved, relays, parents, `chain()`
    quotes.py    quotation marks paired in one linear pass

The stage sets `draft.attributions` and adds an entity for each speaker that has none.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from sayso.stages.attribution.chains import Linked, chain, link, root, without_orphans
from sayso.stages.attribution.citing import relay_citations, relay_trailing
from sayso.stages.attribution.finder import find, sorted_found
from sayso.stages.attribution.lexicon import Lexicon, load_lexicon
from sayso.stages.attribution.nesting import nest_according, nest_retold
from sayso.stages.attribution.referents import is_description, referent
from sayso.stages.entities import add_entity, entity_at
from sayso.stages.base import Draft, stage
from sayso.record import Attribution, Entity, Source, Span
from sayso.settings import Settings

__all__ = ["chain", "find_attributions", "attributions_of", "outermost"]

ENTITY_KIND = {"named_person": "person", "role": "person", "pronoun": "person"}


@stage("attributions", needs=("doc", "entities", "boilerplate"), sets=("attributions", "entities"))
def find_attributions(draft: Draft, settings: Settings) -> Draft:
    if draft.doc is None:
        return draft
    attributions, entities = attributions_of(draft.doc, draft.article.text, draft.entities)
    return draft.set(attributions=attributions, entities=entities)


def attributions_of(
    doc, text: str, entities: tuple[Entity, ...] = (), lex: Optional[Lexicon] = None
) -> tuple[tuple[Attribution, ...], tuple[Entity, ...]]:
    """Attribution records for a parsed text, and the entities with every speaker in them."""
    lex = lex or load_lexicon()
    found, ctx = find(doc, text, lex)
    items = link(doc, text, sorted_found(found), lex)
    items = without_orphans(items, lambda offset: ctx.quotes.at(offset) is not None)
    entity_ids: list[Optional[str]] = []
    for i, item in enumerate(items):
        entities, eid = _entity(doc, text, items, i, entity_ids, entities, lex)
        entity_ids.append(eid)
    records = tuple(_record(text, items, i, entity_ids[i]) for i in range(len(items)))
    records, entities = relay_citations(doc, text, records, entities, lex)
    records, entities = relay_trailing(doc, text, records, entities, lex)
    return nest_according(doc, text, nest_retold(doc, text, records)), entities


def outermost(attributions: tuple[Attribution, ...]) -> list[Attribution]:
    """Attributions said straight to the article or to an outlet it relays; relays left out."""
    relays = {a.id for a in attributions if is_relay(a)}
    return [a for a in attributions if a.id not in relays and (a.parent is None or a.parent in relays)]


def is_relay(attribution: Attribution) -> bool:
    """A relay attribution: an outlet something was told to, with no content of its own."""
    return attribution.cue is None and not attribution.content


def _record(text: str, items: list[Linked], i: int, entity: Optional[str]) -> Attribution:
    item = items[i]
    f = item.found
    kind = items[root(items, i)].found.speaker.kind
    start, end = f.speaker.span
    return Attribution(
        id=f"a{i + 1}",
        source=Source(start, end, text[start:end], entity, kind),
        cue=Span.of(text, *f.cue) if f.cue else None,
        content=tuple(Span.of(text, s, e) for s, e in f.content),
        type=f.type,
        parent=f"a{item.parent + 1}" if item.parent is not None else None,
    )


def _entity(doc, text, items: list[Linked], i: int, ids: list, entities: tuple[Entity, ...], lex: Lexicon):
    """The entity of item i's speaker: the one it refers back to (an earlier speaker, else the
    last compatible entity named before it), the entities stage's, or a new one."""
    item = items[i]
    who = item.found.speaker
    head = doc[who.head]
    start, end = head.idx, head.idx + len(head)
    known = _entity_covering(entities, start, end)
    if item.antecedent is not None and ids[item.antecedent] is not None:
        if known is not None and known.id == ids[item.antecedent]:
            return entities, known.id
        return _add_mention(entities, ids[item.antecedent], Span.of(text, *who.span)), ids[item.antecedent]
    if who.definite and who.kind != "pronoun" and (known is None or is_description(known)):
        found = referent(entities, who.lemma, who.kind, who.span[0], lex)
        if found is not None:
            return _add_mention(entities, found.id, Span.of(text, *who.span)), found.id
    if known is not None:
        return entities, known.id
    if who.kind == "pronoun":
        return entities, None
    name = _name(doc, text, who)
    kind = ENTITY_KIND.get(who.kind, who.kind)
    return add_entity(entities, name, kind, Span.of(text, *who.span))


def _entity_covering(entities: tuple[Entity, ...], start: int, end: int) -> Optional[Entity]:
    found = entity_at(entities, start, end)
    if found is None:
        return None
    return found if any(m.start <= start and end <= m.end for m in found.mentions) else None


def _name(doc, text: str, who) -> str:
    head = doc[who.head]
    if not head.ent_type_:
        return text[who.span[0]:who.span[1]]
    first = head.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = head.i
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return text[doc[first].idx:doc[last].idx + len(doc[last])]


def _add_mention(entities: tuple[Entity, ...], entity_id: str, span: Span) -> tuple[Entity, ...]:
    return tuple(
        replace(e, mentions=e.mentions + (span,)) if e.id == entity_id and span not in e.mentions else e
        for e in entities
    )
