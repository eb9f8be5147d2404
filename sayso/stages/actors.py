"""actors: each entity coded with a country (ISO alpha-3) and a sector, PLOVER/CAMEO style.

For every mention of an entity the words of the mention and the few before it are read
("Syrian President Bashar al-Assad", "State Department spokeswoman Victoria Nuland", "U.S.
officials", "Jordan's information minister"):
- sector: the last sector word of the mention itself (its head: "Air Force officer" -> MIL),
  else of the words before it (sayso/data/sectors.tsv); a media entity is MED; an institution
  (sayso/data/institutions.tsv: "State Department" -> USA GOV) gives both; votes are summed
  over the entity's mentions;
- country: a country named or implied in those words (a place name, a demonym, "Jordan's"),
  else an institution's or a known outlet's country (sayso/data/outlets.tsv); an entity that
  is itself a country ("Syria denounced ...") is that country's government (GOV);
- a state actor (GOV, MIL, COP, SPY, LEG, JUD) or a rebel/opposition actor left without a
  country takes the article's focus country, the one its place mentions name most.
Fields the entities stage already filled are kept.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from functools import lru_cache
from typing import Optional

from sayso.stages.outlets import outlets
from sayso.stages.places.gazetteer import exact_key, read_table
from sayso.stages.base import Draft, stage
from sayso.record import Entity, Place
from sayso.settings import Settings

LEFT_WINDOW = 6  # words of a mention's noun phrase before it, read for its role and country
NON_NATIONAL = frozenset({"western", "foreign", "international", "arab", "european", "african", "asian",
                          "global", "regional", "world", "other"})
FOCUS_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "OPP"})


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Exact key of a sector word or phrase (and its plural) -> sector code."""
    table = {}
    for phrase, sector in read_table("sectors.tsv"):
        key = exact_key(phrase)
        table[key] = sector
        table.setdefault(key + ("es" if key.endswith(("s", "sh", "ch")) else "s"), sector)
    return table


@lru_cache(maxsize=1)
def institutions() -> dict[str, tuple[str, str]]:
    """Exact key of an institution's name -> (country, sector)."""
    out = {}
    for name, rest in read_table("institutions.tsv"):
        country, _, sector = rest.partition("\t")
        out[exact_key(name)] = (country.strip(), sector.strip())
    return out


@dataclasses.dataclass(frozen=True)
class Evidence:
    sectors: Counter
    countries: Counter
    role: Optional[str] = None


def _phrases(words: list[str], table: dict) -> list[tuple[int, str]]:
    """(end index, key) of every phrase of up to three words found in `table`, in order."""
    found = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            key = exact_key(" ".join(words[i : i + n])) if i + n <= len(words) else ""
            if key in table:
                found.append((i + n, key))
                i += n  # "Secretary General" is one role, not a secretary and a general
                break
        else:
            i += 1
    return found


def token_countries(doc) -> dict[int, str]:
    """Token index -> the country its place entity or demonym names ("Syrian", "U.S.", "Jordan's"),
    computed once per document."""
    from sayso.stages.places import gazetteer
    from sayso.stages.places import country_of_demonym

    out: dict[int, str] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        text = ent.text[:-2] if ent.text.endswith(("'s", "’s")) else ent.text
        code = country_of_demonym(text)
        if code is None:
            found = [c for c in gazetteer.load().lookup(text, fuzzy=False) if c.precision == "country"]
            code = found[0].country if found else None
        if code:
            out.update(dict.fromkeys(range(ent.start, ent.end), code))
    for tok in doc:
        # a demonym alone, or leading an organisation's name ("Syrian Air Force")
        if tok.i not in out and tok.ent_type_ in ("", "ORG") and tok.text[:1].isupper():
            code = country_of_demonym(tok.text)
            if code:
                out[tok.i] = code
    return out


NOUN_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})


def _window(doc, start: int, end: int):
    """The mention's tokens and the words of its noun phrase before it (at most LEFT_WINDOW):
    "[State Department spokeswoman] Victoria Nuland", not "[U.S. officials told] The Daily ..."."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    first = span.start
    while first > max(span.sent.start, span.start - LEFT_WINDOW) and (
            doc[first - 1].pos_ in NOUN_PHRASE_POS or doc[first - 1].lower_ == "of"):  # "Secretary of State"
        first -= 1
    return span, doc[first : span.start]


def evidence(entity: Entity, doc, places_by_token: dict[int, str]) -> Evidence:
    """Sector and country votes from every mention of an entity."""
    table, inst = sectors(), institutions()
    votes: Counter = Counter()
    countries: Counter = Counter()
    role = None
    for m in entity.mentions:
        span, before = _window(doc, m.start, m.end)
        if span is None:
            continue
        own = _phrases([t.text for t in span], table)
        left = _phrases([t.text for t in before], table)
        if own:
            votes[table[own[-1][1]]] += 2
            role = role or own[-1][1]
        elif left:
            votes[table[left[-1][1]]] += 1
            role = role or left[-1][1]
        for _, key in _phrases([t.text for t in before] + [t.text for t in span], inst):
            countries[inst[key][0]] += 2
            votes[inst[key][1]] += 2
        first = before.start if len(before) else span.start
        # each country once per mention, in text order (a set's order would vary between runs)
        countries.update(dict.fromkeys(places_by_token[i] for i in range(first, span.end) if i in places_by_token).keys())
    return Evidence(votes, countries, role)


def focus_country(places: tuple[Place, ...]) -> Optional[str]:
    """The country the article's place mentions name most often (countries' own mentions and
    those of places inside them)."""
    counts = Counter()
    for p in places:
        if p.country:
            counts[p.country] += len(p.mentions)
    return counts.most_common(1)[0][0] if counts else None


def code(entity: Entity, doc, focus: Optional[str], outlet_home: dict[str, str],
         named: dict[int, str], places: tuple[Place, ...] = ()) -> Entity:
    """The entity with country and sector filled where the entities stage left them empty."""
    if entity.kind == "place" and not _country_entity(entity):
        # a town or a base is where things happen, not who acts: its country, no sector
        return dataclasses.replace(entity, country=entity.country or _place_country(entity, places))
    ev = evidence(entity, doc, named) if doc is not None else Evidence(Counter(), Counter())
    key = exact_key(entity.name or "")
    sector = entity.sector
    country = entity.country
    if entity.kind == "media":
        sector = sector or "MED"
        country = country or outlet_home.get(key)
    if key in institutions():
        inst_country, inst_sector = institutions()[key]
        country, sector = country or inst_country, sector or inst_sector
    own_country = _country_entity(entity)
    if own_country:
        country, sector = country or own_country, sector or "GOV"
    sector = sector or (ev.sectors.most_common(1)[0][0] if ev.sectors else None)
    country = country or (ev.countries.most_common(1)[0][0] if ev.countries else None)
    if country is None and sector in FOCUS_SECTORS and not _unplaced(entity):
        country = focus
    return dataclasses.replace(entity, country=country, sector=sector, role=entity.role or ev.role)


def _place_country(entity: Entity, places: tuple[Place, ...]) -> Optional[str]:
    """The country of the resolved place one of the entity's mentions overlaps."""
    for m in entity.mentions:
        for p in places:
            if any(pm.start < m.end and m.start < pm.end for pm in p.mentions):
                return p.country
    return None


def _unplaced(entity: Entity) -> bool:
    """Mentions that name a kind of actor of no one country ("Western governments")."""
    words = {w.casefold() for m in entity.mentions for w in m.text.split()}
    return bool(words & NON_NATIONAL)


def _country_entity(entity: Entity) -> Optional[str]:
    """The country an entity is, when its name is a country's ("Syria", "Jordan")."""
    if entity.kind not in ("place", "organization", "group"):
        return None
    from sayso.stages.places import gazetteer

    found = gazetteer.load().lookup(entity.name or "", fuzzy=False) if entity.name else ()
    countries = [c for c in found if c.precision == "country"]
    return countries[0].country if countries else None


@stage("actors", needs=("entities", "places"), sets=("entities",))
def code_actors(draft: Draft, settings: Settings) -> Draft:
    if not draft.entities:
        return draft
    focus = focus_country(draft.places)
    homes = outlets()
    named = token_countries(draft.doc) if draft.doc is not None else {}
    coded = [code(e, draft.doc, None, homes, named, draft.places) for e in draft.entities]
    return draft.set(entities=tuple(_from_owner_or_focus(e, coded, focus) for e in coded))


def _from_owner_or_focus(entity: Entity, coded: list[Entity], focus: Optional[str]) -> Entity:
    """An entity with no country of its own takes that of an actor named inside its mention
    ("members of President Bashar al-Assad's inner circle" -> Assad's), else, for a state
    sector, the article's focus country."""
    if entity.country:
        return entity
    owner = _owner(entity, coded)
    if owner is not None:
        return dataclasses.replace(entity, country=owner.country, sector=entity.sector or owner.sector)
    if entity.sector in FOCUS_SECTORS and not _unplaced(entity) and entity.kind != "place":
        return dataclasses.replace(entity, country=focus)
    return entity


def _owner(entity: Entity, coded: list[Entity]) -> Optional[Entity]:
    for m in entity.mentions:
        for other in coded:
            if other.id == entity.id or not other.country or other.kind not in ("person", "organization"):
                continue
            if any(m.start <= om.start and om.end <= m.end and om != m for om in other.mentions):
                return other
    return None
