"""Who a speaker refers back to, which outlet a statement was relayed through, and the chain.

Representation (see docs/attribution.md): `parent` links an attribution to the one it is
relayed through. "U.S. officials told The Daily Telegraph that X" gives two attributions: a
relay attribution for the Telegraph (cue null, content empty: it says nothing of its own
here) and the officials' attribution with parent = the relay. An attribution whose cue lies
inside another's content has that one as parent ("The Daily Telegraph reported that officials
believe ..."). A speaker that refers back ("The officials said", "he said", a quote with no
cue) keeps the relay of the statement it continues, so the officials' next words are still
told to the Telegraph. The article's outlet (meta.outlet) is above every parent-less link.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from sayso.stages.attribution.finder import Found
from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.sources import Speaker, matches_pronoun, speaker
from sayso.record import Record

LOOKBACK = 40  # earlier speakers a pronoun or description may refer back to


@dataclass(frozen=True)
class Linked:
    found: Found
    antecedent: Optional[int] = None  # index of the item whose speaker this one refers to
    parent: Optional[int] = None


def link(doc, text: str, found: list[Found], lex: Lexicon) -> list[Linked]:
    """Relays added, speakers resolved and parents set, in text order."""
    items: list[Linked] = []
    for f in found:
        relay_index = None
        if f.recipient is not None:
            relay = _relay(doc, text, f, lex)
            if relay is not None:
                items.append(Linked(relay, _antecedent(items, relay.speaker, lex)))
                relay_index = len(items) - 1
        if f.continues is not None:
            antecedent = _continued(items, found[f.continues])
        else:
            antecedent = _antecedent(items, f.speaker, lex) if f.speaker.definite else None
        items.append(Linked(f, antecedent, relay_index))
    return _parents(items)


def without_orphans(items: list[Linked], inside_quote) -> list[Linked]:
    """Items without those cues that only make sense inside another statement (in a quotation,
    or an inner cue) when no attribution holds them, indices renumbered."""
    keep = [
        i for i, it in enumerate(items)
        if it.found.relay or it.parent is not None or it.found.cue is None
        or not (it.found.inner or inside_quote(it.found.cue[0]))
    ]
    if len(keep) == len(items):
        return items
    new = {old: n for n, old in enumerate(keep)}
    return [
        replace(items[i], antecedent=new.get(items[i].antecedent), parent=new.get(items[i].parent))
        for i in keep
    ]


def _relay(doc, text: str, f: Found, lex: Lexicon) -> Optional[Found]:
    told = speaker(doc, text, f.recipient, lex)
    if told is None or told.kind != "media":
        return None
    return Found(told, None, (), "indirect", relay=True)


def _continued(items: list[Linked], target: Found) -> Optional[int]:
    for i in range(len(items) - 1, -1, -1):
        if items[i].found is target:
            return i
    return None


def _antecedent(items: list[Linked], who: Speaker, lex: Lexicon) -> Optional[int]:
    """The earlier item a pronoun or definite description refers to, or None."""
    if not who.definite:
        return None
    candidates = range(len(items) - 1, max(len(items) - LOOKBACK, 0) - 1, -1)
    if who.kind == "pronoun":
        matching = [i for i in candidates if matches_pronoun(who, items[i].found.speaker)]
        named = [i for i in matching if _kind(items, i) == "named_person"]
        return (named or matching or [None])[0]
    if who.kind == "media":
        for i in candidates:
            if _kind(items, i) == "media" and items[i].found.speaker.span != who.span:
                return i
        return None
    same = [i for i in candidates if items[i].found.speaker.lemma == who.lemma and items[i].found.speaker.span != who.span]
    same_number = [i for i in same if items[i].found.speaker.plural == who.plural]
    return (same_number or same or [None])[0]


def _kind(items: list[Linked], i: int) -> str:
    """The kind of item i's speaker, through what it refers to."""
    seen = 0
    while items[i].antecedent is not None and seen < LOOKBACK:
        i = items[i].antecedent
        seen += 1
    return items[i].found.speaker.kind


def root(items: list[Linked], i: int) -> int:
    """The item that names the speaker item i refers to (itself when it refers to none)."""
    seen = 0
    while items[i].antecedent is not None and seen < LOOKBACK:
        i = items[i].antecedent
        seen += 1
    return i


def _parents(items: list[Linked]) -> list[Linked]:
    contents = [(part, i) for i, it in enumerate(items) for part in it.found.content]
    result = list(items)
    for i, it in enumerate(items):
        f = it.found
        if f.relay:
            continue
        inside = _container(contents, f, i, items)
        if it.parent is not None:  # told to an outlet: the relay sits where the telling sits
            result[it.parent] = replace(result[it.parent], parent=inside)
            continue
        parent = inside
        if parent is None and it.antecedent is not None:
            parent = _inherited(result, it.antecedent)
        result[i] = replace(it, parent=parent)
    return result


def _inherited(items: list[Linked], antecedent: int) -> Optional[int]:
    """The relay the referred-to statement was told through, if any."""
    parent = items[antecedent].parent
    if parent is not None and items[parent].found.relay:
        return parent
    return None


def _container(contents, f: Found, i: int, items: list[Linked]) -> Optional[int]:
    point = f.cue[0] if f.cue is not None else (f.content[0][0] if f.content else f.speaker.span[0])
    best, best_len = None, None
    for (start, end), j in contents:
        if j == i or not (start <= point < end):
            continue
        if f.content and not all(start <= s and e <= end for s, e in f.content):
            continue
        if best_len is None or end - start < best_len:
            best, best_len = j, end - start
    return best


def chain(record: Record, attribution_id: str) -> list[str]:
    """Names from the article's outlet down to the original source, outermost first."""
    by_id = {a.id: a for a in record.attributions}
    names = {e.id: e.name for e in record.entities}
    links: list[str] = []
    seen: set[str] = set()
    current = by_id.get(attribution_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        src = current.source
        links.append(names.get(src.entity) or src.text if src.entity else src.text)
        current = by_id.get(current.parent) if current.parent else None
    links.reverse()
    if record.meta.outlet:
        links.insert(0, record.meta.outlet)
    return links
