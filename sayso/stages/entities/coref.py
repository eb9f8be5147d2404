"""coref: mentions joined into entities, in one pass in text order, with dictionary lookups.

Rules (each a dictionary lookup, so the pass is linear in the number of mentions):
- a person name joins the latest person whose name words contain its words, or whose words it
  contains, with the same surname ("Bashar al-Assad", "Bashar Assad", "Assad"; particles such
  as al-, el-, bin, van are ignored); an ORG-tagged single word that is a known surname joins
  that person ("al-Hamade");
- other names join an entity with the same normalised name ("The Daily Telegraph" = "the Daily
  Telegraph"), an acronym of a known name ("FSA"), or a media outlet whose name ends with it
  ("the Telegraph");
- an anaphor joins the latest entity it can refer to: "the newspaper" the latest outlet; "The
  officials"/"the official"/"The source"/"the spokeswoman" the latest entity with that head noun
  or role and the same number; "the president"/"the Syrian leader" the latest person whose role
  is that title (or any head-of-state title for "leader"), when the nationality words agree;
  an anaphor with nothing to refer to starts an entity of its own;
- descriptions with the same words join ("U.S. officials" twice; "Opposition groups" after
  "Syrian opposition groups"); an indefinite singular ("an activist") always starts an entity.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from sayso.stages.entities.mentions import BUSINESS_ANAPHORS, COUNTRY_NAMES, LEADER_TITLES, ROLE_TITLES, Mention, normalise
from sayso.record import Entity, Span

PERSON_LIKE = frozenset({"person", "anonymous_person", "anonymous_group"})


@dataclass
class Cluster:
    """An entity while it is being built (mutable inside the join only)."""

    kind: str
    mentions: list[Mention] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    origin: set[str] = field(default_factory=set)
    role: Optional[str] = None


def role_head(role: str) -> str:
    """The title a role ends with: "State Department spokeswoman" -> "spokeswoman"."""
    words = role.lower().split()
    if len(words) >= 2 and " ".join(words[-2:]) in ROLE_TITLES:
        return " ".join(words[-2:])
    return words[-1] if words else ""


def _acronyms(m: Mention) -> set[str]:
    """ "General Motors Corporation" -> {"gmc", "gm"}; names of one word have none."""
    found = set()
    for name in (normalise(m.text), m.key):
        words = [w for w in name.replace("-", " ").split() if w not in ("of", "for", "and", "the")]
        if len(words) >= 2:
            found.add("".join(w[0] for w in words))
    return found


def _word_prefix(short: str, long: str) -> bool:
    return long.startswith(short + " ")


def _origin_agrees(a: set[str], b: tuple[str, ...]) -> bool:
    """Nationality words agree when either side has none or they share a stem ("syria"/"syrian")."""
    if not a or not b:
        return True
    return any(x[:4] == y[:4] for x in a for y in b)


class Joiner:
    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.surnames: dict[str, list[int]] = {}
        self.keys: dict[str, int] = {}
        self.bare_keys: dict[str, int] = {}
        self.acronyms: dict[str, int] = {}
        self.media_words: dict[str, int] = {}
        self.last_words: dict[str, int] = {}  # last word of an organization's name
        self.name_starts: dict[int, int] = {}  # where a name mention starts -> its entity
        self.media_first: dict[str, list[int]] = {}  # first name word -> outlets/organizations
        self.heads: dict[tuple[str, bool], int] = {}
        self.leaders: list[int] = []
        self.last_media: Optional[int] = None
        self.pending: dict[str, int] = {}  # role head -> entity made by an anaphor alone
        self.last_country: Optional[int] = None
        self.last_organization: Optional[int] = None  # the latest organization named

    # -- the pass ------------------------------------------------------------------------------

    def add(self, m: Mention) -> None:
        if m.form == "name":
            idx = self._find_name(m)
        elif m.form == "anaphor":
            idx = self._find_antecedent(m)
            if idx is None and m.kind in ("media", "place"):
                return  # "the newspaper" before any outlet is named: nothing to refer to
        else:
            idx = self._find_description(m)
        if idx is None:
            idx = len(self.clusters)
            self.clusters.append(Cluster(m.kind))
            if m.form == "anaphor" and m.kind in ("person", "anonymous_person") and not m.plural:
                self.pending[m.head] = idx  # "The fighter pilot ..." before the pilot is named
        self._register(idx, m)

    def attach(self, m: Mention) -> None:
        """Add a name to the entity it names, if any; never start an entity."""
        if m.form == "appos":
            idx = self.name_starts.get(m.anchor)  # "Hugh Hill, a doctor,": the doctor is Hill
        elif m.form == "run":
            idx = self._find_person(m.tokens)  # a proper noun repeating a known person's name
        else:
            idx = self._find_name(m) if m.form == "name" else None
        if idx is not None:
            self.clusters[idx].mentions.append(m if m.form == "appos" else dataclasses.replace(m, form="name"))

    def _find_name(self, m: Mention) -> Optional[int]:
        known = self.keys.get(m.key)
        if m.kind == "person":
            if known is not None and self.clusters[known].kind != "person":
                return known  # "Jordan" the country, tagged PERSON once
            return self._find_person(m.tokens)
        idx = known
        if idx is None and m.key.replace(".", "").isalpha() and len(m.tokens) == 1:
            idx = self.acronyms.get(m.key.replace(".", ""))
        if idx is None and len(m.tokens) >= 2:
            idx = next((self.keys[a] for a in _acronyms(m) if a in self.keys), None)  # "GM" first
        if idx is None and m.kind == "media" and len(m.tokens) == 1:
            idx = self.media_words.get(m.key)
        if idx is None and m.kind == "organization" and len(m.tokens) == 1:
            idx = self.last_words.get(m.key)  # "the Senate" after "the United States Senate"
        if idx is None and m.kind in ("organization", "media"):
            idx = self._find_prefix(m.key, m.kind == "media")
        if idx is None and m.kind in ("organization", "place") and m.tokens:
            idx = self._find_person(m.tokens)  # "al-Hamade" tagged ORG, "Tessaly" tagged GPE
        return idx

    def _find_prefix(self, key: str, is_media: bool) -> Optional[int]:
        """A name and its short form: "L'Observateur" = "L'Observateur du Soir" (outlets);
        "Apple" = "Apple Computer" (organizations, when the short form is one word)."""
        for idx in reversed(self.media_first.get(key.split(" ", 1)[0], ())):
            c = self.clusters[idx]
            media = is_media or c.kind == "media"
            for m in c.mentions:
                if m.form != "name":
                    continue
                short = key if len(key) < len(m.key) else m.key
                if (_word_prefix(key, m.key) or _word_prefix(m.key, key)) and (media or " " not in short):
                    return idx
        return None

    def _find_person(self, tokens: tuple[str, ...]) -> Optional[int]:
        if not tokens:
            return None
        words = set(tokens)
        for idx in reversed(self.surnames.get(tokens[-1], ())):
            known = self.clusters[idx].tokens
            if words <= known or known <= words:
                return idx
        return None

    def _find_antecedent(self, m: Mention) -> Optional[int]:
        if m.kind == "media":
            return self.last_media
        if m.kind == "place":
            return self.last_country
        idx = self.heads.get((m.head, m.plural))
        if idx is not None and _origin_agrees(self.clusters[idx].origin, m.origin):
            return idx
        if m.kind in PERSON_LIKE and not m.plural and m.head in LEADER_TITLES:
            for idx in reversed(self.leaders):
                if _origin_agrees(self.clusters[idx].origin, m.origin):
                    return idx
        if m.kind == "organization" and m.head in BUSINESS_ANAPHORS and self.last_organization is not None:
            return self.last_organization  # "Apple ... the company"
        return self.keys.get(m.key) if m.kind not in PERSON_LIKE else None

    def _find_description(self, m: Mention) -> Optional[int]:
        if m.indefinite:
            return None  # "an activist", "a statement", "a group": someone or something new
        idx = self.keys.get(m.key)
        if idx is None and m.kind in ("organization", "group"):
            idx = self.bare_keys.get(m.bare_key)
            if idx is not None and not _origin_agrees(self.clusters[idx].origin, m.origin):
                idx = None  # "Azerbaijan's defence ministry" is not Armenia's
        return idx

    # -- bookkeeping ---------------------------------------------------------------------------

    def _register(self, idx: int, m: Mention) -> None:
        c = self.clusters[idx]
        c.mentions.append(m)
        c.origin.update(m.origin)
        if m.kind == "media" or (c.kind == "organization" and m.kind == "media"):
            c.kind = "media"
            self.last_media = idx
        if m.form == "name":
            self._register_name(idx, c, m)
        else:
            if m.form == "description" or c.kind not in PERSON_LIKE:
                self.keys.setdefault(m.key, idx)
                if m.bare_key:
                    self.bare_keys.setdefault(m.bare_key, idx)
            if m.head:
                self.heads[(m.head, m.plural)] = idx
        if m.role and c.role is None:
            c.role = m.role
            self._register_role(idx, m.role)

    def _register_name(self, idx: int, c: Cluster, m: Mention) -> None:
        self.keys[m.key] = idx
        self.name_starts[m.start] = idx
        if c.kind == "person" and m.tokens:
            c.tokens.update(m.tokens)
            bucket = self.surnames.setdefault(m.tokens[-1], [])
            if idx not in bucket:
                bucket.append(idx)
            return
        if c.kind == "organization":
            self.heads[(m.key.rsplit(" ", 1)[-1], False)] = idx  # "Foreign Ministry" <- "the ministry"
        for acronym in _acronyms(m):
            self.acronyms.setdefault(acronym, idx)
        if c.kind == "organization":
            self.last_organization = idx
            if " " in m.key:
                self.last_words[m.key.rsplit(" ", 1)[-1]] = idx
        if c.kind == "place" and m.key in COUNTRY_NAMES and not m.modifier:
            self.last_country = idx
        if c.kind in ("media", "organization"):
            bucket = self.media_first.setdefault(m.key.split(" ", 1)[0], [])
            if idx not in bucket:
                bucket.append(idx)
        if c.kind == "media":
            self.media_words[m.key.rsplit(" ", 1)[-1]] = idx

    def _register_role(self, idx: int, role: str) -> None:
        head = role_head(role)
        waiting = self.pending.get(head)
        if waiting is not None and waiting != idx and self.clusters[idx].kind == "person":
            del self.pending[head]
            self._merge(waiting, idx)
        self.heads[(head, False)] = idx
        if head in LEADER_TITLES:
            self.leaders.append(idx)

    def _merge(self, old: int, new: int) -> None:
        """Move an anaphor-only entity into the named one it turned out to be."""
        gone = self.clusters[old]
        if any(m.form == "name" for m in gone.mentions):
            return
        self.clusters[new].mentions.extend(gone.mentions)
        gone.mentions.clear()
        for index in (self.keys, self.bare_keys, self.heads):
            for k, v in index.items():
                if v == old:
                    index[k] = new

    # -- output --------------------------------------------------------------------------------

    def entities(self) -> tuple[Entity, ...]:
        ordered = sorted((c for c in self.clusters if c.mentions), key=lambda c: min(m.start for m in c.mentions))
        return tuple(_entity(f"e{i}", c) for i, c in enumerate(ordered, 1))


def _entity(entity_id: str, c: Cluster) -> Entity:
    spans = sorted({(m.start, m.end, m.text) for m in c.mentions})
    return Entity(entity_id, entity_name(c), c.kind, tuple(Span(*s) for s in spans), role=c.role)


def entity_name(c: Cluster) -> str:
    """The fullest name mention; else the first mention (how the article introduces it)."""
    names = [m for m in c.mentions if m.form == "name"]
    if names:
        return max(names, key=lambda m: (len(m.tokens), len(m.text))).text
    return min(c.mentions, key=lambda m: m.start).text


def join(mentions: list[Mention], attachable: list[Mention] = ()) -> tuple[Entity, ...]:
    """Entities from mentions given in text order; `attachable` names (captions) join an
    entity those mentions made, or are dropped."""
    joiner = Joiner()
    for m in mentions:
        joiner.add(m)
    for m in attachable:
        joiner.attach(m)
    return joiner.entities()
