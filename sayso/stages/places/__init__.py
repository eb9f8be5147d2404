"""places: place mentions resolved to a name, country, coordinates and precision.

Mentions are spaCy's GPE/LOC/FAC entities plus nationality words that name a country
("Lebanese banks" -> Lebanon; sayso/data/demonyms.tsv), and places inside other entities, towns
tagged as persons and datelines (sayso.stages.places.inner). Each is looked up in the gazetteer
(sayso.stages.places.gazetteer) and the candidate chosen by the article's context: the countries of the
other places and demonyms named (and of the outlet), a "Paris, Texas" qualifier, then
population and kind (a country before a town of the same name). A facility the gazetteer lacks
("King Hussein Air Base in Mafraq") takes the place it is said to be in, precision "facility".
Mentions resolved to the same location are joined into one Place.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Union

from sayso.stages.places import gazetteer
from sayso.stages.places import inner, institutions, ranker
from sayso.stages.places.gazetteer import Candidate, exact_key, read_table
from sayso.nlp.memo import doc_text
from sayso.stages.base import Draft, stage
from sayso.record import Place, Span
from sayso.settings import Settings

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
WEAK = "WEAK"  # a proper noun spaCy did not tag as a place: kept only in a country the text names
PLACE_PREPOSITIONS = frozenset({"in", "to", "at", "near", "from", "into", "outside", "of"})
# Facility words that make an ORG entity a place ("the King Hussein Air Base" is tagged ORG).
SITE_KINDS = frozenset({"military", "camp", "airport", "port", "station", "street", "water", "park",
                        "island", "mountain"})
# A place said to be in/near another: "... Air Base in Mafraq".
LOCATED = re.compile(r"\s*,?\s*(?:in|near|at|outside|of|inside|on)\s+(?:the\s+)?(?:town|city|village|province|region|district)?\s*(?:of\s+)?$", re.I)
QUALIFIER = re.compile(r"\s*,\s*$")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str = ""  # GPE | LOC | FAC | NORP | "" (unknown, e.g. gold spans)


@dataclass(frozen=True, slots=True)
class Resolved:
    mention: Mention
    candidate: Candidate
    precision: str
    name: str


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Exact key of a nationality word (and its plural) -> alpha-3 code or gazetteer name."""
    return {key: target.split("\t")[0] for key, target in _demonym_rows().items()}


@lru_cache(maxsize=1)
def _demonym_rows() -> dict[str, str]:
    """Exact key of a nationality word (and its plural) -> the rest of its row: target, and the
    country of a region target ("English" -> "England<TAB>GBR")."""
    table = {}
    for word, target in read_table("demonyms.tsv"):
        key = exact_key(word)
        table[key] = target
        table.setdefault(key + ("es" if key.endswith("sh") else "s"), target)
    return table


@lru_cache(maxsize=1)
def _plural_demonyms() -> frozenset[str]:
    """Keys of the plural nouns of the table ("syrians"), not themselves a listed word."""
    listed = {exact_key(word) for word, _ in read_table("demonyms.tsv")}
    return frozenset(k for k in _demonym_rows() if k not in listed)


@lru_cache(maxsize=1)
def facility_kinds() -> dict[str, str]:
    """Last word of a facility or local feature name -> its kind (sayso/data/facility_words.tsv)."""
    return dict(read_table("facility_words.tsv"))


def facility_words() -> frozenset[str]:
    return frozenset(facility_kinds())


def country_of_demonym(text: str) -> Optional[str]:
    """The alpha-3 code a nationality word names ("Lebanese" -> "LBN", "English" -> "GBR"), else None."""
    fields = _demonym_rows().get(exact_key(text), "").split("\t")
    target = fields[-1].strip()
    return target if len(target) == 3 and target.isupper() else None


def candidates(text: str, gaz: gazetteer.Gazetteer) -> tuple[tuple[Candidate, ...], str]:
    """Candidates for a mention's text and how they were found: institution | demonym | name |
    fuzzy."""
    seat = institutions.candidates(_trim(text), gaz)
    if seat is not None:
        return seat, "institution"
    target = demonyms().get(exact_key(text))
    if target:
        entry = gaz.country(target) if len(target) == 3 and target.isupper() else None
        found = (entry,) if entry else tuple(c for c in gaz.lookup(target, fuzzy=False) if c.precision != "city")
        if found:
            return found, "demonym"
    name = _trim(text)
    found = gaz.lookup(name, fuzzy=False)
    if _is_code(name):  # "BC", "SA": only a country, region or a town of exactly that name; a
        # code sayso/data/place_aliases.tsv gives a town ("D.C.") keeps its towns when that is all
        exact = tuple(c for c in found if c.precision != "city" or exact_key(c.name) == exact_key(name))
        return (exact if exact or exact_key(name) not in _aliases() else found), "name"
    return (found, "name") if found else (gaz.lookup(name), "fuzzy")


@lru_cache(maxsize=1)
def _aliases() -> frozenset[str]:
    return frozenset(exact_key(alias) for alias, _ in read_table("place_aliases.tsv"))


def _is_code(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return letters.isupper() and len(letters) <= 3


def _trim(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


# --- choosing among candidates -----------------------------------------------------------------


# A country before a town of its name; a region counts a tenth of its (summed) population, so
# "Washington" and "New York" are the cities rather than the states.
KIND_BONUS = {"country": 3.0, "region": -1.0, "city": 0.0}


def _score(c: Candidate, context: Counter, qualifier: Optional[Candidate]) -> float:
    score = math.log10(c.population + 10) + KIND_BONUS.get(c.precision, 0.0)
    if c.country and context[c.country]:
        score += 3.0 + min(context[c.country], 5) * 0.5
    elif c.country is None:  # a continent
        score += 3.0
    if c.admin1 and context[(c.country, c.admin1)]:  # another place of the same state/province
        score += 1.5
    if qualifier is not None and _inside(c, qualifier):
        score += 12.0
    return score


def _inside(c: Candidate, q: Candidate) -> bool:
    if c == q:
        return True
    if q.precision == "country":
        return c.country == q.country and c.precision != "country"
    return c.country == q.country and c.admin1 == q.admin1 and c.precision == "city"


def choose(
    found: Sequence[tuple[Candidate, ...]],
    context: Counter,
    qualifiers: Sequence[Optional[Candidate]],
) -> list[Optional[Candidate]]:
    """The best candidate of each mention given the others' countries and states (two passes)."""
    best = [_best(c, context, q) if c else None for c, q in zip(found, qualifiers)]
    for _ in range(2):
        counts = context + Counter(k for b in best if b is not None for k in _context_keys(b))
        best = [
            _best(c, counts - Counter(_context_keys(b)) if b else counts, q) if c else None
            for c, q, b in zip(found, qualifiers, best)
        ]
    return best


def _best(candidates: tuple[Candidate, ...], context: Counter, qualifier: Optional[Candidate]) -> Candidate:
    """The highest-scoring candidate (the context is built once per mention, not per candidate)."""
    return max(candidates, key=lambda x: _score(x, context, qualifier))


def _context_keys(c: Candidate) -> list:
    """What a chosen place adds to the context: its country, and its state or province."""
    keys = [c.country] if c.country else []
    if c.admin1 and c.precision != "country":
        keys.append((c.country, c.admin1))
    return keys


# --- resolving a list of mentions of one text -----------------------------------------------------


def resolve(
    text: str,
    mentions: Sequence[Mention],
    context: Optional[Counter] = None,
    focus_fallback: bool = False,
) -> list[Optional[Resolved]]:
    """Resolve each mention of `text` with the others as context (mentions sorted by start).

    `focus_fallback` gives a local feature the gazetteer lacks ("Frenchmen Street") the
    article's most named town when nothing says where it is.
    """
    inputs = prepare(text, mentions, context)
    best = ranker.rerank(inputs)  # the learned choice (sayso.stages.places.ranker)
    looked, context = list(zip(inputs.found, inputs.hows)), inputs.extra
    hows = [("weak" if how == "name" else "none") if m.label == WEAK else how
            for m, (_, how) in zip(mentions, looked)]
    best = _drop_unsupported_fuzzy(best, hows, context)
    # "Syrians", "Americans": people, not a place (they still gave the others their context)
    best = [None if m.label == "NORP" and exact_key(m.text) in _plural_demonyms() else b
            for m, b in zip(mentions, best)]
    out: list[Optional[Resolved]] = [
        Resolved(m, b, b.precision, b.name) if b is not None else None for m, b in zip(mentions, best)
    ]
    return _facilities(text, mentions, out, focus_fallback)


def prepare(text: str, mentions: Sequence[Mention], context: Optional[Counter] = None) -> ranker.Inputs:
    """Candidates, first-pass choices and context of the mentions of one text."""
    gaz = gazetteer.load()
    looked = [candidates(m.text, gaz) for m in mentions]
    found = [c for c, _ in looked]
    context = Counter(context or ())
    for c, how in looked:
        if how == "demonym" and c and c[0].country:
            context[c[0].country] += 1
    qualifiers = [_qualifier(text, mentions, i, found) for i in range(len(mentions))]
    first = choose(found, context, qualifiers)
    return ranker.Inputs(text, tuple((m.start, m.end) for m in mentions), tuple(found), tuple(first),
                         context, tuple(qualifiers), tuple(how for _, how in looked))


def _drop_unsupported_fuzzy(best, hows, context: Counter) -> list[Optional[Candidate]]:
    """A spelling-variant match, or a proper noun spaCy did not tag as a place, stands only in
    a country the rest of the text names (a weak one: never by a spelling variant)."""
    sure = context + Counter(b.country for b, how in zip(best, hows)
                             if b is not None and how in ("name", "demonym"))
    return [None if how == "none" or how in ("fuzzy", "weak") and b is not None and not sure[b.country] else b
            for b, how in zip(best, hows)]


def _qualifier(text: str, mentions: Sequence[Mention], i: int, found) -> Optional[Candidate]:
    """The region/country of "Paris, Texas": the next mention after a comma, if a region."""
    if i + 1 >= len(mentions) or not QUALIFIER.fullmatch(text[mentions[i].end : mentions[i + 1].start]):
        return None
    same = [c for c in found[i + 1] if c in found[i]]  # "Washington, D.C.": both name one place
    if same:
        return max(same, key=lambda c: c.population)
    regions = [c for c in found[i + 1] if c.precision in ("region", "country")]
    return max(regions, key=lambda c: c.population) if regions else None


def _facilities(text, mentions, out, focus_fallback) -> list[Optional[Resolved]]:
    focus = _focus(out)
    result = list(out)
    for i, m in enumerate(mentions):
        if not _is_facility(m) and result[i] is not None:
            continue
        host = _host(text, mentions, result, i)
        if host is not None:
            result[i] = Resolved(m, host.candidate, "facility", m.text)
        elif result[i] is None and focus_fallback and focus is not None:
            result[i] = Resolved(m, focus, "facility", m.text)
    return result


def _is_facility(m: Mention) -> bool:
    if m.label == "FAC":
        return True
    words = m.text.split()
    return bool(words) and words[-1].casefold() in facility_words()


def _host(text, mentions, resolved, i) -> Optional[Resolved]:
    """The resolved place right after "in/near/at" following mention i."""
    m = mentions[i]
    for j in range(i + 1, min(i + 3, len(mentions))):
        if LOCATED.fullmatch(text[m.end : mentions[j].start]) and resolved[j] is not None:
            return resolved[j]
    return None


def _focus(resolved: Iterable[Optional[Resolved]]) -> Optional[Candidate]:
    """The most often named town (else region) of the text."""
    for kinds in (("city",), ("region",)):
        counts = Counter(r.candidate for r in resolved if r is not None and r.precision in kinds)
        if counts:
            return counts.most_common(1)[0][0]
    return None


# --- the stage ----------------------------------------------------------------------------------


def find_mentions(doc) -> list[Mention]:
    """GPE/LOC/FAC entities, NORP entities that name a country, ORG entities named like a site
    ("... Air Base"), untagged demonyms, and (weak) proper nouns after a place preposition or
    outside any entity ("[stronghold of] Dera'a", "went to Homs")."""
    out: list[Mention] = []
    covered = set()
    text = doc_text(doc)  # doc.text is built anew on every access
    known = _known(gazetteer.load())
    ents = doc.ents  # built anew on every access
    for ent in ents:
        label = _place_label(ent)
        found = _inner(ent, text, known) if label in (None, WEAK) else []
        if found:
            out.extend(found)
        elif label:
            start, end = _strip_the(ent)
            out.append(Mention(start, end, text[start:end], label))
        covered.update(range(ent.start, ent.end))
    out.extend(_datelines(text, out, known))
    table = demonyms()
    people = _people(ents, out)
    surnames = {exact_key(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    out = [m for m in out if not _surname(m, surnames, known)]
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper():
            continue
        site = _site_name(doc, tok, covered)
        if site is not None:
            out.append(Mention(site.start_char, site.end_char, site.text, "FAC"))
            covered.update(range(site.start, site.end))
        elif exact_key(tok.text) in table:
            out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "NORP"))
        elif not tok.is_stop and _after_preposition(doc, tok.i) and len(tok.text) > 2:
            out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, WEAK))
    return sorted((m for m in out if m.label != WEAK or exact_key(m.text) not in people), key=lambda m: m.start)


def _known(gaz: gazetteer.Gazetteer):
    """Whether a name is in the gazetteer as a place (not an institution); `strong`: a country,
    region or town of 5,000+ people; "country": a country or continent."""
    def known(name: str, strong: Union[bool, str] = False) -> bool:
        if institutions.is_institution(name):
            return False
        found = gaz.lookup(name, fuzzy=False)
        if strong == "country":  # a country, or a continent ("EU" -> Europe)
            return any(c.precision == "country" or (c.country is None and c.population > 0) for c in found)
        if strong == "region":  # a country or a region
            return any(c.precision in ("country", "region") for c in found)
        return any(c.precision != "city" or c.population >= 5000 for c in found) if strong else bool(found)
    return known


def _inner(ent, text: str, known) -> list[Mention]:
    """Places inside an organisation's name, nationality words inside a longer name, and towns
    tagged as persons (sayso.stages.places.inner)."""
    if ent.label_ == "PERSON":
        return [Mention(ent.start_char, ent.end_char, ent.text, WEAK)] if inner.town_as_person(ent, known) else []
    if ent.label_ not in ("ORG", "NORP", "GPE", "FAC"):
        return []
    strong = lambda name: known(name, True)  # noqa: E731
    country = lambda name: known(name, "country")  # noqa: E731
    spans = [span for span in (inner.leading_place(ent, strong, country), inner.trailing_place(ent, strong))
             if span]
    out = [Mention(s, e, text[s:e], "GPE") for s, e in spans[:1]]
    is_demonym = lambda word: exact_key(word) in demonyms()  # noqa: E731
    out += [Mention(s, e, text[s:e], "NORP") for s, e in inner.demonym_parts(ent, is_demonym)
            if not any(m.start <= s < m.end for m in out)]
    return out


def _datelines(text: str, found: list[Mention], known) -> list[Mention]:
    return [Mention(s, e, text[s:e], "GPE") for s, e in inner.datelines(text, lambda n: known(n, True))
            if not any(m.start < e and s < m.end for m in found)]


def _people(ents, found: list[Mention]) -> set[str]:
    """Keys of person names (and their surnames) that are not towns of the text."""
    towns = {(m.start, m.end) for m in found if m.label == WEAK}
    people = set()
    for e in ents:
        if e.label_ == "PERSON" and (e.start_char, e.end_char) not in towns:
            people.add(exact_key(e.text))
            if len(e) > 1:
                people.add(exact_key(e[-1].text))
    return people


def _surname(m: Mention, surnames: set[str], known) -> bool:
    """A one-word town that is the surname of a person of the text ("Chrystia Freeland ...
    Freeland said"), unless a country or region of that name."""
    return m.label in ("GPE", WEAK) and " " not in m.text and exact_key(m.text) in surnames \
        and not known(m.text, "region")


def _site_name(doc, tok, covered: set):
    """A capitalised name ending in a site word spaCy did not tag ("Bagram Air Base")."""
    if facility_kinds().get(tok.lower_) not in SITE_KINDS or tok.i == 0:
        return None
    first = tok.i
    while first > 0 and first - 1 not in covered and doc[first - 1].text[:1].isupper() \
            and doc[first - 1].is_alpha and not doc[first - 1].is_sent_start:
        first -= 1
    return doc[first : tok.i + 1] if first < tok.i else None


def _after_preposition(doc, i: int) -> bool:
    """Whether token i follows a place preposition, punctuation between allowed ("of] Dera'a")."""
    j = i - 1
    while j >= 0 and j >= i - 3 and not doc[j].is_alpha:
        j -= 1
    return j >= 0 and doc[j].lower_ in PLACE_PREPOSITIONS


def _place_label(ent) -> Optional[str]:
    label = ent.label_
    if label == "NORP":
        return label if exact_key(ent.text) in demonyms() else None
    if label in PLACE_LABELS:
        return label
    if label == "ORG":
        last = ent[-1].lower_
        if facility_kinds().get(last) in SITE_KINDS:
            return "FAC"
        if _after_preposition(ent.doc, ent.start) and len(ent) <= 3:
            return WEAK
    return None


def _strip_the(ent) -> tuple[int, int]:
    start, end = ent.start_char, ent.end_char
    if ent[0].lower_ == "the" and len(ent) > 1:
        start = ent[1].idx
    if ent[-1].text in ("'s", "’s") and len(ent) > 1:
        end = ent[-2].idx + len(ent[-2].text)
    return start, end


def places_of(resolved: Sequence[Optional[Resolved]], text: str) -> tuple[Place, ...]:
    """One Place per resolved location, mentions joined, in order of first mention."""
    groups: dict[tuple, list[Resolved]] = {}
    for r in resolved:
        if r is None:
            continue
        c = r.candidate
        key = (exact_key(r.name), r.precision) if r.precision == "facility" else (c.geonameid, c.name, c.country, c.lat)
        groups.setdefault(key, []).append(r)
    places = []
    for n, rs in enumerate(groups.values(), 1):
        c = rs[0].candidate
        mentions = tuple(Span.of(text, r.mention.start, r.mention.end) for r in rs)
        places.append(Place(f"p{n}", rs[0].name, mentions, c.country, round(c.lat, 5), round(c.lon, 5),
                            rs[0].precision, c.geonameid if rs[0].precision != "facility" else None))
    return tuple(places)


def _in_boilerplate(m: Mention, boilerplate) -> bool:
    """A mention inside a byline, caption or footer ("Elad Benari, Canada,") names no place of
    the story."""
    return any(b.start <= m.start and m.end <= b.end for b in boilerplate)


def outlet_country(outlet: Optional[str]) -> Optional[str]:
    """The country of a known outlet (sayso/data/outlets.tsv), else None."""
    if not outlet:
        return None
    from sayso.stages.outlets import outlets

    return outlets().get(exact_key(outlet))


def _load_gazetteer(settings: Settings) -> None:
    gazetteer.load()


@stage("places", needs=("doc", "entities"), sets=("places",), prepare=_load_gazetteer)
def resolve_places(draft: Draft, settings: Settings) -> Draft:
    doc = draft.doc
    if doc is None:
        return draft
    mentions = [m for m in find_mentions(doc) if not _in_boilerplate(m, draft.boilerplate)]
    if not mentions:
        return draft.set(places=())
    home = outlet_country(draft.article.meta.outlet)
    context = Counter({home: 1}) if home else Counter()
    text = doc_text(doc)
    return draft.set(places=places_of(resolve(text, mentions, context), text))
