"""inner: place names that spaCy tags as part of another entity, or as a person, and datelines.

- An organisation named after its place: "the Toronto Police Services Board", "Tipperary County
  Council", "Beverly Hills Police Department" (a known place name followed by an institution
  word), "the University of Alberta", "the Sustainable Energy Authority of Ireland" ("of" and a
  known place at the end).
- Nationality words inside a longer name: "the Russian Foreign Ministry", "ex-Russian",
  "Austro-Hungarian", "Bosnian Serb".
- A small town tagged as a person: "in Riverdale", "around Hinton", "Klamath Falls, Oregon".
- A dateline: "TORONTO — A young man ...", "IMMOKALEE – Congressman ...".

Each function gives character spans; sayso.stages.places.find_mentions labels them (the town
tagged as a person is WEAK: kept only where the article names its country).
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

INSTITUTION_WORDS = frozenset("""
police department council county city state university college school schools hospital airport
transit fire sheriff sheriff's government ministry court courts lottery times post herald press
tribune journal chronicle gazette chamber zoo museum library board authority commission district
institute public community regional metropolitan municipal water housing health parks port
guard justice ambulance transportation transport
""".split())
OF_HEADS = frozenset("""
university college institute authority ministry government republic council party bank embassy
parliament assembly state city county province people's kingdom commonwealth
""".split())
# Words that open institution names and are also the names of some town ("Federal", Argentina).
GENERIC = frozenset("""
federal national central royal general united public international first new state city county
capital union liberty independence metropolitan regional community university free
""".split())
# "African Americans", "North American": an ethnic group or a continent, not the United States.
COMPOUND_AMERICAN = re.compile(r"\b[A-Z][a-z]+\s+Americans?\b")
TOWN_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "around", "across",
                               "toward", "towards", "via", "through", "throughout", "between"})
DATELINE = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z'’.]+)(?:[ -][A-Z][A-Z'’.]+){0,3})"
                      r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?[ \t]*(?:\([A-Za-z. ]+\))?[ \t]*[—–-]")
WORD = re.compile(r"[A-Z][\w’'.]*")

Known = Callable[[str], bool]


def leading_place(ent, known: Known, country: Known) -> tuple[int, int] | None:
    """The place an organisation is named after: "[Toronto] Police Services Board", "[Oman]
    Film Society" (a country before any words), "[UAE]" (a country tagged as an organisation)."""
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the") and t.text not in ("’s", "'s")]
    for n in (3, 2, 1):
        head = tokens[:n]
        if len(tokens) < n or not all(t.text[:1].isupper() for t in head) or head[0].lower_ in GENERIC:
            continue
        name = _text(head)
        if country(name) or (any(t.lower_ in INSTITUTION_WORDS for t in tokens[n:]) and known(name)):
            return head[0].idx, head[-1].idx + len(head[-1].text)
    return None


def trailing_place(ent, known: Known) -> tuple[int, int] | None:
    """The place after "of" at the end of an organisation: "University of [Alberta]"."""
    tokens = [t for t in ent if t.text not in ("(", ")", "’s", "'s")]
    for n in (3, 2, 1):
        if len(tokens) < n + 2 or tokens[-n - 1].lower_ != "of":
            continue
        if not any(t.lower_ in OF_HEADS for t in tokens[:-n - 1]):
            continue
        tail = tokens[-n:]
        if all(t.text[:1].isupper() for t in tail) and known(_text(tail)):
            return tail[0].idx, tail[-1].idx + len(tail[-1].text)
    return None


def demonym_parts(ent, is_demonym: Known) -> Iterator[tuple[int, int]]:
    """Nationality words inside a longer name ("Russian" of "ex-Russian", "Bosnian Serb"); in an
    organisation's name only its first word ("the Russian Foreign Ministry", not "Percy French
    Hotel")."""
    if COMPOUND_AMERICAN.search(ent.text):
        return
    if ent.label_ != "NORP":
        first = next((t for t in ent if t.lower_ != "the"), None)
        if first is not None and first.i + 1 < ent.end and is_demonym(first.text):
            yield first.idx, first.idx + len(first.text)
        return
    for m in WORD.finditer(ent.text):
        if is_demonym(m.group()):
            yield ent.start_char + m.start(), ent.start_char + m.end()


def town_as_person(ent, known: Known) -> bool:
    """A person entity that is a town: after a place preposition ("in Riverdale"), or qualified
    by a state or country ("Klamath Falls, Oregon")."""
    if len(ent) > 3 or not known(ent.text):
        return False
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in TOWN_PREPOSITIONS:
        return True
    if ent.start > 1 and doc[ent.start - 1].lower_ in ("and", "or", ",") \
            and doc[ent.start - 2].ent_type_ in ("GPE", "LOC"):  # "in Hilversum and [Almelo]"
        return True
    after = doc[ent.end:ent.end + 2]
    return len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE"


def datelines(text: str, known: Known) -> Iterator[tuple[int, int]]:
    """Capitalised place names that open a line before a dash: "TORONTO — ...", "NEW YORK (AP) -"."""
    for m in DATELINE.finditer(text):
        name = m.group(1).strip(" .")
        if len(name) > 2 and known(name.title()):
            start = m.start(1)
            yield start, start + len(name)


def _text(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()
