"""Relays named by "citing": "Arutz Sheva, citing The Daily Telegraph, citing U.S. officials,
said that X" is X by U.S. officials, relayed by the Telegraph, relayed by Arutz Sheva.

The cue finder reads each "citing"/"quoting" as a statement of the speaker whose content is
the one cited. When a statement (M) shares its speaker with such citing statements made
before its cue, and an outlet is on the chain (the speaker or the first one cited), the
citing statements become relays (cue null, no content, as "told The Daily Telegraph" makes)
and M is given to the last one cited:

    C1 (Arutz Sheva citing The Daily Telegraph)  -> relay: Arutz Sheva, parent M's parent
    C2 (Arutz Sheva citing U.S. officials)       -> relay: The Daily Telegraph, parent C1
    M  (Arutz Sheva said that X)                 -> source U.S. officials, parent C2
"""
from __future__ import annotations

from dataclasses import replace

from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.sources import source_kind
from sayso.stages.attribution.spans import char_tokens, trim
from sayso.stages.entities import add_entity, entity_at
from sayso.record import Attribution, Entity, Source, Span

CITING = frozenset({"cite", "quote"})
MEDIA = "media"


def relay_citations(doc, text: str, records: tuple[Attribution, ...], entities: tuple[Entity, ...],
                    lex: Lexicon) -> tuple[tuple[Attribution, ...], tuple[Entity, ...]]:
    """The records with each "citing" chain turned into relays, and the entities grown."""
    by_id = {a.id: a for a in records}
    for main in records:
        citing = _citing(doc, records, main)
        if not citing:
            continue
        sources = [main.source]
        for c in citing:
            source, entities = _cited(doc, text, c.content[0], entities, lex)
            if source is None:
                break
            sources.append(source)
        if len(sources) < 2 or MEDIA not in {sources[0].kind, sources[1].kind}:
            continue
        parent = main.parent
        for c, source in zip(citing, sources):
            by_id[c.id] = Attribution(c.id, source, None, (), "indirect", parent)
            parent = c.id
        by_id[main.id] = replace(main, source=sources[len(citing)], parent=parent)
    return tuple(by_id[a.id] for a in records), entities


def _citing(doc, records: tuple[Attribution, ...], main: Attribution) -> list[Attribution]:
    """The citing statements of main's speaker before main's cue, in text order."""
    if main.cue is None or not main.content or _cites(doc, main):
        return []
    return [a for a in records if a.id != main.id and a.source.start == main.source.start
            and a.cue is not None and a.cue.start < main.cue.start and len(a.content) == 1 and _cites(doc, a)]


def _cites(doc, a: Attribution) -> bool:
    tokens = char_tokens(doc, a.cue.start, a.cue.end)
    return len(tokens) == 1 and tokens[0].lemma_.lower() in CITING and tokens[0].tag_ in ("VBG", "VBN")


def _cited(doc, text: str, content: Span, entities: tuple[Entity, ...], lex: Lexicon):
    """The one cited, as a source (its phrase up to a comma), and the entities with it."""
    span = trim(text, (content.start, content.end if "," not in content.text else content.start + content.text.index(",")))
    tokens = char_tokens(doc, *span) if span else []
    head = next((t for t in tokens if not (span[0] <= t.head.idx < span[1]) or t.head == t), None)
    if head is None:
        return None, entities
    kind = source_kind(doc, head, span, lex)
    found = entity_at(entities, *span)
    if found is not None and kind != MEDIA and found.kind == MEDIA:
        kind = MEDIA
    entities, eid = add_entity(entities, text[span[0]:span[1]], "person" if kind == "named_person" else kind,
                               Span.of(text, *span)) if found is None else (entities, found.id)
    return Source(span[0], span[1], text[span[0]:span[1]], eid, kind), entities
