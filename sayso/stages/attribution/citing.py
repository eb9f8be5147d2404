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

A "citing" or "quoting" after the cue ("X, the Post reported, citing another anonymous
source") and "quoted Y as saying that X" name the one relayed the same way (`relay_trailing`).
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
SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


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


def relay_trailing(doc, text: str, records: tuple[Attribution, ...], entities: tuple[Entity, ...],
                   lex: Lexicon) -> tuple[tuple[Attribution, ...], tuple[Entity, ...]]:
    """'X, the Post reported, citing another anonymous source', '"Q," the Post reported, quoting
    an official': X (Q) is the one cited, relayed by the outlet, and so are the outlet's cueless
    quotations that go on; the citing statement, if the cue finder made one, is the relay.
    'The Post quoted an official as saying that X': X is the official's, told by the Post."""
    out = {a.id: a for a in records}
    number = max((int(a.id[1:]) for a in records if a.id[1:].isdigit()), default=0)
    for main in records:
        cited = _trailing_cited(doc, main)
        if cited is None or not _names_source(cited, lex):
            continue  # "..., he said, citing security concerns": a reason, not a source
        source, entities = _cited(doc, text, _phrase(text, cited), entities, lex)
        if source is None:
            continue
        citing = next((a for a in records if a.cue is not None and a.cue.start == cited.head.idx), None)
        if citing is None:
            number += 1
        relay_id = citing.id if citing is not None else f"a{number}"
        out[relay_id] = Attribution(relay_id, main.source, None, (), "indirect", main.parent)
        for a in records:
            if a.id == main.id or (a.cue is None and a.content and a.source.start == main.source.start
                                   and a.content[0].start > main.content[0].start):
                out[a.id] = replace(out[a.id], source=source, parent=relay_id)
    for said in records:
        quoting = _quoted_as_saying(doc, records, said)
        if quoting is not None:
            source, entities = _cited(doc, text, _phrase(text, quoting[1]), entities, lex)
            if source is not None:
                out[said.id] = replace(out[said.id], source=source, parent=quoting[0].id)
    ordered = [out[a.id] for a in records] + [a for k, a in out.items() if k not in {r.id for r in records}]
    return tuple(ordered), entities


def _names_source(tok, lex: Lexicon) -> bool:
    """A person, an organisation, an outlet, a document or an anonymous source; not an act
    ("citing the release of political prisoners")."""
    lemma = tok.lemma_.lower()
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return tok.ent_type_ in SOURCE_ENTS or lemma in lex.anonymous_nouns
    return (tok.ent_type_ in SOURCE_ENTS or lemma in lex.anonymous_nouns or lemma in lex.document_nouns
            or lemma in lex.media_nouns or lemma in lex.group_nouns)


def _phrase(text: str, tok) -> Span:
    return Span.of(text, tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))


def _cue_root(doc, a: Attribution):
    if a.cue is None or not a.content:
        return None
    span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _trailing_cited(doc, main: Attribution):
    """The object of a 'citing' / 'quoting' after main's cue and a comma, main's content before it."""
    verb = _cue_root(doc, main)
    if verb is None or verb.lemma_.lower() in CITING or main.content[0].start > verb.idx:
        return None
    for child in verb.children:
        if (child.dep_ in ("advcl", "xcomp", "conj", "dep") and child.i > verb.i + 1 and child.tag_ == "VBG"
                and child.lemma_.lower() in CITING and doc[child.i - 1].text == ","):
            return next((c for c in child.children if c.dep_ == "dobj"), None)
    return None


def _quoted_as_saying(doc, records: tuple[Attribution, ...], said: Attribution):
    """The quoting statement and the one quoted, when said's cue is 'as saying' after 'quoted X'."""
    verb = _cue_root(doc, said)
    if verb is None or verb.tag_ != "VBG" or verb.head.lower_ != "as":
        return None
    quote = verb.head.head
    obj = next((c for c in quote.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if quote.lemma_.lower() not in CITING or obj is None:
        return None
    holder = next((a for a in records if a.id != said.id and a.cue is not None
                   and a.cue.start <= quote.idx < a.cue.end), None)
    return (holder, obj) if holder is not None else None
