"""Who a report's participants are, as linking compares them: the words that name them.

A participant is named by the significant words of its name and its head ("Assad" is "Bashar
al-Assad", "Hillary Clinton" is not "Bill Clinton"), or a country as a whole ("Syria") by its
code (`participant_tokens`); two named participants that are not one, or of two countries, are
no link (`party_conflict`). Roles, titles, demonyms and country words inside a name say nothing
of who is meant ("Syrian", "officials", "Col."; country words come from sayso/data/demonyms.tsv
and the ISO country names). Used by sayso.ledger.identity and sayso.ledger.corroboration.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from sayso.ledger.sources import normalise
from sayso.util import data_rows

# Words that say nothing about which participant is meant: roles, titles, fillers.
ROLE_WORDS = frozenset("""
the a an of and or in on at to for by with from al el bin ibn mr mrs ms dr gen general col
colonel major lt lieutenant capt captain president minister prime officer officers official
officials senior high ranking source sources spokesman spokeswoman leader leaders member members
group groups forces force army military government regime people man woman men women pilot
pilots soldier soldiers sen senator rep gov governor secretary former candidate candidates
nominee campaign party state department ministry agency office director chief news media
""".split())
NAMED = frozenset({"person", "organization", "media", "place", "named_person"})
PEOPLE = frozenset({"person", "named_person"})


# Words of long country names that are no country of their own: generic words ("New York",
# "Democratic National Committee", "Kansas City") and people's names ("McDonald" of "Heard Island
# and McDonald Islands", "Martin", "Marshall", "Solomon", "Pierre", "Jan", "Vincent", "Cook").
NOT_COUNTRY_WORDS = frozenset("""
new north south northern southern eastern western central great grand independent union city holy
federal federated federation federative democratic people republic kingdom state states united of
and the da d s u el san see part region special minor outlying territory territories island
islands isle administrative commonwealth confederation socialist islamic principality sultanate
duchy plurinational bolivarian heard mcdonald martin marshall solomon pierre vincent jan man cook
christmas helena lucia norfolk wallis ocean saint sint
""".split())


@lru_cache(maxsize=1)
def country_words() -> tuple[frozenset, dict[str, str]]:
    """(single words naming a country or its people, whole country names -> alpha-3)."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[normalise(value)] = c.alpha_3
    words = {w for name in names for w in name.split()} - NOT_COUNTRY_WORDS
    for row in data_rows("demonyms.tsv"):
        word, target = row[0].strip(), (row[-1].strip() if len(row) > 1 else "")  # a region row ends with its country
        key = normalise(word)
        words.update((key, key + "s", key + "es"))
        if len(target) == 3 and target.isupper():
            names.setdefault(key, target)
    return frozenset(words), names


@lru_cache(maxsize=65536)
def participant_tokens(name: Optional[str], kind: Optional[str]) -> frozenset:
    """The words that name a participant ("bashar", "assad") and its head, the last of them
    marked ("^assad"), or a country as a whole ("^@SYR"); nothing for a description, a role
    or an unknown participant. Two names are one participant when one's words are all in the
    other's (so they share the head): "Assad" is "Bashar al-Assad", "Hillary" is not
    "Hillary Clinton"."""
    if name and kind not in NAMED:
        name = _possessive_name(name)
        kind = "person" if name else kind
    if not name or kind not in NAMED:
        return frozenset()
    words, whole = country_words()
    key = normalise(name)
    if key in whole:
        return frozenset({"^@" + whole[key]})
    found = [t for t in key.split() if len(t) > 2 and t not in ROLE_WORDS and t not in words]
    return frozenset(found + ["^" + found[-1]]) if found else frozenset()


POSSESSIVE = re.compile(r"^([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)['’]s$")


def _possessive_name(name: str) -> Optional[str]:
    """The name in a bare possessive that the extraction gave as a description ("Trump’s Massive
    Debate Demand": actor "Trump’s"), else None ("the bureau’s" is a description)."""
    found = POSSESSIVE.match(name.strip())
    return found.group(1) if found else None


def same_participant(a: frozenset, b: frozenset) -> bool:
    """One name is the other or an alias of it: every significant word of one is in the other."""
    return bool(a) and bool(b) and (a <= b or b <= a)


def compatible(a: frozenset, b: frozenset) -> bool:
    """Perhaps one participant: one name, or a part of the other's name without its head
    ("Bill" and "Bill Clinton", "Universe" and "Miss Universe Alicia Machado"): no evidence
    that they are one, and none that they are two. "Hillary Clinton" and "Bill Clinton" are two."""
    if same_participant(a, b):
        return True
    wa, wb = _words_of(a), _words_of(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _words_of(tokens: frozenset) -> frozenset:
    return frozenset(t for t in tokens if t[0] != "^")


def party_conflict(a: dict, b: dict, role: str, ta: frozenset, tb: frozenset) -> bool:
    """Two named participants that are not one, or two countries; but one named participant
    whose country in one report is that report's place or other party's ("Lasko had defected
    to Lithuania" giving Lasko Lithuania) is one participant: the name outweighs it."""
    if ta and tb and not compatible(ta, tb):
        return True
    ca, cb = a[f"{role}_country"], b[f"{role}_country"]
    if not (ca and cb and ca != cb):
        return False
    return not (ta and tb and (_borrowed_country(a, role) or _borrowed_country(b, role)))


def _borrowed_country(r: dict, role: str) -> bool:
    other = "recipient" if role == "actor" else "actor"
    return r[f"{role}_country"] in (r["place_country"], r[f"{other}_country"])
