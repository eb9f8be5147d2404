"""Agent rules as data (sayso/data/agents.yaml): when a word of force, protest or blame names no
event at all.

- No human agent: the cause is natural or accidental ("an earthquake killed eight people",
  "were killed in a crash", "died of cholera", "a fire broke out ..., killing nine", "a tank at
  the plant exploded", "a bus plunged into a ravine, killing 22", "a crocodile attacked").
- Figurative: an idiom of a verb of force ("seized the chance", "kill off its siesta"), a
  register that gives the word another sense
  ("Liverpool beat Chelsea 3-1", "stocks rallied", "a campaign rally", "crushed its rivals in
  the elections", "critics blasted the film").
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from sayso.nlp.memo import sentence_of
from sayso.stages.events.arguments import is_passive, subject_of

AGENTS_PATH = Path(__file__).resolve().parents[2] / "data" / "agents.yaml"
SCORE = re.compile(r"^\d{1,3}[-\u2013]\d{1,3}$")  # "3-1", not "2015-16" (four digits)
CUE_POS = ("NOUN", "PROPN")
DASHES = ("-", "\u2013")
ALL = "all"
HUMAN_ENTITIES = ("PERSON", "NORP", "ORG", "GPE")


@dataclasses.dataclass(frozen=True)
class Register:
    name: str
    cues: frozenset[str]
    score: bool
    triggers: frozenset[str]
    categories: Optional[frozenset[str]]  # None: every category
    object: bool  # the cue must be the trigger's object ("blasted the film")
    verb_cues: frozenset[str]
    verbs: bool  # verb triggers only


@dataclasses.dataclass(frozen=True)
class Agents:
    human_agent: frozenset[str]
    natural_causes: frozenset[str]
    non_agents: frozenset[str]  # natural causes, animals, civilian vehicles
    cause_preps: frozenset[str]
    causative_verbs: frozenset[str]
    vehicles: frozenset[str]
    ramming_verbs: frozenset[str]
    ambiguous_causes: frozenset[str]
    industrial: frozenset[str]
    weapons: frozenset[str]
    explode_verbs: frozenset[str]
    accident_verbs: frozenset[str]
    idiom_categories: frozenset[str]
    idioms: dict[str, frozenset[str]]
    unless: frozenset[str]
    registers: tuple[Register, ...]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _register(name: str, data: dict[str, Any]) -> Register:
    cats = data.get("categories", ALL)
    return Register(name, _words(data, "cues"), bool(data.get("score")), _words(data, "triggers"),
                    None if cats == ALL else frozenset(cats), bool(data.get("object")),
                    _words(data, "verb_cues"), bool(data.get("verbs")))


@lru_cache(maxsize=1)
def agents() -> Agents:
    data = yaml.safe_load(AGENTS_PATH.read_text(encoding="utf-8"))
    natural = _words(data, "natural_causes")
    return Agents(
        frozenset(data["human_agent"]), natural, natural | _words(data, "animals") | _words(data, "vehicles"),
        _words(data, "cause_preps"), _words(data, "causative_verbs"), _words(data, "vehicles"),
        _words(data, "ramming_verbs"), _words(data, "ambiguous_causes"),
        _words(data, "industrial"), _words(data, "weapons"), _words(data, "explode_verbs"),
        _words(data, "accident_verbs"), frozenset(data.get("idiom_categories") or ()),
        {k.lower(): frozenset(w.lower() for w in v) for k, v in (data.get("idioms") or {}).items()},
        _words(data, "unless"), tuple(_register(k, v) for k, v in (data.get("registers") or {}).items()))


def _armed(token: Any) -> bool:
    """A cause word modified by a weapon: "a bomb blast", "a suicide explosion"."""
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in agents().weapons for c in token.children)


def _of_object(token: Any) -> Optional[Any]:
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None


def _ceasefire(token: Any) -> bool:
    """ "cease-fire", split by the tokenizer."""
    return token.lower_ == "fire" and any(t.lower_ == "cease" for t in token.doc[max(token.i - 2, 0):token.i])


def _industrial(token: Any) -> bool:
    return any(t.lemma_.lower() in agents().industrial for t in sentence_of(token))


def natural_cause(token: Optional[Any], words: Optional[frozenset[str]] = None) -> bool:
    """A cause that is no agent: "an earthquake", "the blaze", "Typhoon Mara", "a crocodile",
    "a truck" (its head noun, or the compound of a proper name); not "a bomb blast", not "a
    wave of protesters" (a cause of something that is none), not "the blast" outside an
    industrial setting. `words`: the causes looked for (default: every non-agent)."""
    if token is None or token.pos_ not in ("NOUN", "PROPN") or _armed(token) or _ceasefire(token):
        return False
    a = agents()
    words = a.non_agents if words is None else words
    lemma = token.lemma_.lower()
    if lemma in words or token.lower_ in words:
        of = _of_object(token)
        if of is not None and (of.tag_ in ("NNS", "NNPS") or of.pos_ == "PRON" or of.ent_type_ in HUMAN_ENTITIES):
            return natural_cause(of, words)  # not "waves of protesters", "a wave of attacks"
        return lemma not in a.ambiguous_causes or _industrial(token)
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in a.natural_causes for c in token.children)


def _subject(head: Any) -> Optional[Any]:
    """The trigger's own subject, possessor or "by" agent; else its actor found by climbing
    ("..., killing nine": the main clause's subject); for a noun that is an object, the
    subject of its verb ("a gas leak forced the evacuation")."""
    for c in head.children:
        if c.dep_ in ("nsubj", "agent", "poss") or (c.dep_ == "prep" and c.lower_ == "by"):
            if c.dep_ in ("agent", "prep"):
                return next((g for g in c.children if g.dep_ == "pobj"), None)
            return c
    if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass"):
        return head  # the trigger noun itself is the cause
    if head.pos_ == "NOUN":
        gov = head.head
        causative = head.dep_ == "dobj" and gov.lemma_.lower() in agents().causative_verbs
        return subject_of(gov) if causative else None
    return subject_of(head)


def _rammed(vehicle: Any) -> bool:
    """ "a truck rammed into the crowd": a vehicle driven at its victims is a weapon."""
    a = agents()
    return vehicle.lemma_.lower() in a.vehicles and vehicle.head.lemma_.lower() in a.ramming_verbs


def _cause_phrases(head: Any) -> Iterator[Any]:
    """Natural or accidental causes in the cause phrases of the trigger and of the verb it is
    coordinated with ("were killed in a crash", "died of cholera"); an animal or a vehicle only
    as the "by" agent ("was hit by a truck and killed"), not "in his car"."""
    a = agents()
    for verb in (head, head.head) if head.dep_ == "conj" else (head,):
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in a.cause_preps:
                words = a.non_agents if c.lower_ == "by" else a.natural_causes
                yield from (g for g in c.children if g.dep_ == "pobj" and natural_cause(g, words))


def _accident_verb(verb: Any) -> bool:
    """A verb of accident, or one with its object ("lost control")."""
    lemma, words = verb.lemma_.lower(), agents().accident_verbs
    return lemma in words or any(f"{lemma} {c.lemma_.lower()}" in words for c in verb.children if c.dep_ == "dobj")


def _accidental(head: Any) -> bool:
    """The trigger hangs from a verb of accident, two links up at most ("a bus plunged into a
    ravine, killing 22", "a bridge collapsed, sending cars into the river and killing five")."""
    cur = head
    for _ in range(2):
        if cur.dep_ not in ("advcl", "conj", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if _accident_verb(cur):
            return True
    return False


def _accident_clause(head: Any) -> bool:
    """A clause under the trigger that tells an accident ("were killed when a crane collapsed",
    "was killed when his car hit a tree")."""
    for c in head.children:
        if c.dep_ == "advcl" and c.pos_ == "VERB":
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if _accident_verb(c) or natural_cause(subj):
                return True
    return False


def _unarmed_explosion(head: Any) -> bool:
    """ "A tank at the plant exploded": an exploding thing that is no weapon and no participant."""
    if head.lemma_.lower() not in agents().explode_verbs:
        return False
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() not in agents().weapons \
        and not _armed(subj) and not subj.ent_type_


def without_agent(category: str, head: Any) -> bool:
    """An event of a category that needs a human agent, done by a natural or accidental cause."""
    if category not in agents().human_agent:
        return False
    subject = _subject(head)
    if natural_cause(subject) and not _rammed(subject):
        return True
    if _accidental(head) or _unarmed_explosion(head):
        return True
    passive_or_intransitive = subject is None or (head.pos_ == "VERB" and is_passive(head))
    return passive_or_intransitive and (any(True for _ in _cause_phrases(head)) or _accident_clause(head))


def _object(head: Any) -> Optional[Any]:
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _idiom(category: str, head: Any) -> bool:
    """ "seized the chance", "kill off its siesta": an object that makes a verb of force an idiom."""
    objects = agents().idioms.get(head.lemma_.lower()) if category in agents().idiom_categories else None
    obj = _object(head) if objects else None
    return obj is not None and obj.lemma_.lower() in objects  # type: ignore[operator]


def _objects(head: Any) -> frozenset[str]:
    """Lemmas of the trigger's direct object and of the objects of its prepositions."""
    found = [c for c in head.children if c.dep_ == "dobj"]
    found += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return frozenset(t.lemma_.lower() for t in found)


def _sentence_words(head: Any) -> tuple[frozenset[str], bool]:
    sent = sentence_of(head)
    cues = frozenset(t.lemma_.lower() if t.pos_ in CUE_POS else f"verb:{t.lemma_.lower()}"
                     for t in sent if t.pos_ in CUE_POS + ("VERB",) and t.i != head.i)
    return cues, any(SCORE.match(t.text) for t in sent) or any(SCORE.match(sent[i:i + 3].text) for i in range(len(sent) - 2)
                                                            if sent[i].like_num and sent[i + 1].text in DASHES)


def _cued(r: Register, head: Any, cues: frozenset[str], score: bool) -> bool:
    words = _objects(head) if r.object else cues
    return bool(words & r.cues) or bool(cues & {f"verb:{v}" for v in r.verb_cues}) or (r.score and score)


def register_of(category: str, head: Any) -> Optional[str]:
    """The register that gives the trigger another sense in its sentence, if any."""
    lemma = head.lemma_.lower()
    a = agents()
    registers = [r for r in a.registers if lemma in r.triggers and (r.categories is None or category in r.categories)
                 and (head.pos_ == "VERB" or not r.verbs)]
    if not registers:
        return None
    if any(t.lemma_.lower() in a.unless for t in sentence_of(head) if t.i != head.i):
        return None
    cues, score = _sentence_words(head)
    return next((r.name for r in registers if _cued(r, head, cues, score)), None)


def figurative(category: str, head: Any) -> bool:
    """An idiom of a verb of force, or a register that gives the trigger another sense."""
    return _idiom(category, head) or register_of(category, head) is not None


def unreal(category: str, head: Any) -> bool:
    """The trigger names no event of `category`: no human agent, or a figurative use."""
    return without_agent(category, head) or figurative(category, head)
