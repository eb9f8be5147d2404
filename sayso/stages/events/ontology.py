"""The event ontology: categories, their triggers and the status cues, read from YAML files.

The packaged file is sayso/data/ontology.yaml. Users extend it without touching code: pass
extra files to `load(...)`, or name them (os.pathsep-separated) in the SAYSO_ONTOLOGY
environment variable. An extra file has the same shape as the packaged one; its triggers and
cues are added to (and override) the packaged ones.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

from sayso.errors import SaysoError
from sayso.record import STATUSES

PACKAGED = Path(__file__).resolve().parents[2] / "data" / "ontology.yaml"
ENV_VAR = "SAYSO_ONTOLOGY"


class OntologyError(SaysoError):
    """An ontology file cannot be read or has the wrong shape."""


@dataclass(frozen=True)
class Trigger:
    """One trigger: a head lemma, the other lemmas it needs among its dependents, a mode."""

    category: str
    head: str
    pos: str  # VERB | NOUN
    needs: tuple[str, ...] = ()
    mode: Optional[str] = None


@dataclass(frozen=True)
class Category:
    name: str
    cameo: Optional[str]
    modes: tuple[str, ...]
    description: str = ""
    threat_when_future: bool = False
    of_argument: str = "actor"  # what "the X of Y" makes Y: actor ("defection of") or recipient ("killing of")
    plover: str = ""  # the PLOVER category this exports as (its own name when empty)
    plover_by_status: dict[str, str] = field(default_factory=dict)  # status -> PLOVER category
    target_recipients: bool = False  # arguments.targets may be its recipient ("shelled a village")
    said: bool = False  # done by saying it: "rejected a request" still reports a request


@dataclass(frozen=True)
class StatusLexicon:
    cues: dict[str, str] = field(default_factory=dict)  # lemma -> status
    nonfinite_only: frozenset[str] = frozenset()
    implicative: frozenset[str] = frozenset()
    modals: dict[str, str] = field(default_factory=dict)
    conditionals: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    hearsay: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()  # a noun object of these takes their tense
    occurrence_verbs: frozenset[str] = frozenset()  # a noun subject of these takes their tense
    denial_cues: frozenset[str] = frozenset()  # "denied that X", "rejected reports that X"
    denial_predicates: frozenset[str] = frozenset()  # "said it was untrue that X"
    presupposing_cues: frozenset[str] = frozenset()  # "blasted the investigation": presupposed
    narrated_cues: frozenset[str] = frozenset()  # "declined to threaten": the teller's report
    unsaid_when_negated: frozenset[str] = frozenset()  # "has not commented on": tells nothing
    request_verbs: frozenset[str] = frozenset()  # "called on X to resign": the act is only asked for
    request_objects: frozenset[str] = frozenset()  # "demanded a truce": the object is the act asked for
    participation_verbs: frozenset[str] = frozenset()  # "did not engage in attacks": the noun takes their tense
    hypothesis_verbs: frozenset[str] = frozenset()  # "Say Mexico demanded ...": an imperative that supposes


@dataclass(frozen=True)
class Ontology:
    categories: dict[str, Category]
    # (head lemma, pos) -> triggers with that head, multiword ones first
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    status: StatusLexicon
    light_verbs: frozenset[str] = frozenset()  # "launch an attack": the verb's subject acts
    participants: frozenset[str] = frozenset()  # common nouns that may be an actor or recipient
    targets: frozenset[str] = frozenset()  # common nouns that may be a recipient only
    participant_suffixes: tuple[str, ...] = ()  # "smuggler", "separatist"
    not_participants: frozenset[str] = frozenset()  # "border", "order"
    non_participant_entities: frozenset[str] = frozenset()  # entity labels never an argument
    failure_verbs: frozenset[str] = frozenset()  # "the ceasefire collapsed": no event
    object_control: frozenset[str] = frozenset()  # "urged the police to investigate"

    def lookup(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.triggers.get((lemma, pos), ())

    def plover(self, category: str, status: str) -> str:
        """The PLOVER category an event of `category` with `status` is coded as: PLOVER codes
        an offer of a cooperative act as AGREE, an announced hostile act as THREATEN."""
        cat = self.categories.get(category)
        if cat is None:
            return category
        return cat.plover_by_status.get(status) or cat.plover or category


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OntologyError(f"cannot read ontology file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise OntologyError(f"ontology file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise OntologyError(f"ontology file {path} must be a mapping with 'categories' and/or 'status'")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge key by key, lists are extended, scalars replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


def _triggers(name: str, spec: dict[str, Any], path: str) -> list[Trigger]:
    found = []
    for section, pos in (("verbs", "VERB"), ("nouns", "NOUN")):
        entries = spec.get(section) or {}
        if not isinstance(entries, dict):
            raise OntologyError(f"{path}: categories.{name}.{section} must map trigger -> mode")
        for words, mode in entries.items():
            lemmas = str(words).lower().split()
            if not lemmas:
                continue
            head = _head_index(lemmas, pos)
            needs = tuple(lemmas[:head] + lemmas[head + 1:])
            found.append(Trigger(name, lemmas[head], pos, needs, mode))
    return found


def _head_index(lemmas: list[str], pos: str) -> int:
    """A verb key's head is its first word; a noun key's the word before 'of', else the last."""
    if pos == "VERB":
        return 0
    if "of" in lemmas[1:]:
        return lemmas.index("of") - 1
    return len(lemmas) - 1


def _categories(data: dict[str, Any], path: str):
    categories, triggers = {}, {}
    for name, spec in (data.get("categories") or {}).items():
        if not isinstance(spec, dict):
            raise OntologyError(f"{path}: categories.{name} must be a mapping")
        modes = tuple(spec.get("modes") or ())
        cameo = spec.get("cameo")
        categories[name] = Category(
            name, None if cameo is None else str(cameo), modes,
            str(spec.get("description", "")), bool(spec.get("threat_when_future", False)),
            str(spec.get("of_argument", "actor")), str(spec.get("plover") or name),
            {str(k): str(v) for k, v in (spec.get("plover_by_status") or {}).items()},
            bool(spec.get("target_recipients", False)), bool(spec.get("said", False)),
        )
        for trig in _triggers(name, spec, path):
            triggers.setdefault((trig.head, trig.pos), []).append(trig)
    # multiword triggers are tried before single words with the same head
    ordered = {k: tuple(sorted(v, key=lambda t: -len(t.needs))) for k, v in triggers.items()}
    return categories, ordered


def _status(data: dict[str, Any], path: str) -> StatusLexicon:
    spec = data.get("status") or {}
    cues = {}
    for status, lemmas in (spec.get("cues") or {}).items():
        if status not in STATUSES:
            raise OntologyError(f"{path}: status.cues.{status} is not a status ({', '.join(STATUSES)})")
        for lemma in lemmas or ():
            cues[str(lemma).lower()] = status
    modals = {str(k).lower(): str(v) for k, v in (spec.get("modals") or {}).items()}
    bad = [v for v in modals.values() if v not in STATUSES]
    if bad:
        raise OntologyError(f"{path}: status.modals has unknown statuses {bad}")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in spec.get(key) or ())

    return StatusLexicon(
        cues, words("nonfinite_only"), words("implicative"), modals, words("conditionals"),
        words("negators"), words("hedges"), words("hearsay"), occurrence_verbs=words("occurrence_verbs"),
        denial_cues=words("denial_cues"), denial_predicates=words("denial_predicates"),
        presupposing_cues=words("presupposing_cues"), narrated_cues=words("narrated_cues"),
        unsaid_when_negated=words("unsaid_when_negated"), request_verbs=words("request_verbs"),
        request_objects=words("request_objects"),
        participation_verbs=words("participation_verbs"), hypothesis_verbs=words("hypothesis_verbs"),
    )


def build(data: dict[str, Any], origin: str = "<ontology>") -> Ontology:
    categories, triggers = _categories(data, origin)
    arguments = data.get("arguments") or {}

    def words(key: str, case=str.lower) -> frozenset[str]:
        return frozenset(case(str(w)) for w in arguments.get(key) or ())

    light = words("light_verbs")
    status = dataclasses.replace(_status(data, origin), light_verbs=light)
    return Ontology(
        categories, triggers, status, light,
        participants=words("participants"),
        targets=words("targets"),
        participant_suffixes=tuple(sorted(words("participant_suffixes"))),
        not_participants=words("not_participants"),
        non_participant_entities=words("non_participant_entities", str.upper),
        failure_verbs=words("failure_verbs"),
        object_control=words("object_control"),
    )


def extra_paths() -> tuple[str, ...]:
    """Extra ontology files named in SAYSO_ONTOLOGY."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p)


def _drop_overridden(data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`data` without the cue words and triggers that `extra` assigns anew, so a later file
    wins: a cue moved to another status, a trigger moved to another category."""
    cues = {str(w).lower() for ws in ((extra.get("status") or {}).get("cues") or {}).values() for w in ws or ()}
    keys = {
        (section, str(k).lower())
        for spec in (extra.get("categories") or {}).values() if isinstance(spec, dict)
        for section in ("verbs", "nouns") for k in (spec.get(section) or {})
    }
    out = dict(data)
    status = dict(out.get("status") or {})
    if cues and status.get("cues"):
        status["cues"] = {k: [w for w in v or () if str(w).lower() not in cues] for k, v in status["cues"].items()}
        out["status"] = status
    if keys and out.get("categories"):
        out["categories"] = {
            name: {
                **spec,
                **{s: {k: v for k, v in (spec.get(s) or {}).items() if (s, str(k).lower()) not in keys}
                   for s in ("verbs", "nouns") if s in spec},
            }
            for name, spec in out["categories"].items()
        }
    return out


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Ontology:
    data: dict[str, Any] = {}
    for p in paths:
        extra = _read(Path(p))
        data = _merge(_drop_overridden(data, extra), extra)
    return build(data, ", ".join(paths))


def load(extra: Iterable[str | os.PathLike] = (), packaged: bool = True) -> Ontology:
    """The ontology: the packaged file, then SAYSO_ONTOLOGY's files, then `extra`, merged."""
    paths = ((str(PACKAGED),) if packaged else ()) + extra_paths() + tuple(str(p) for p in extra)
    return _load(paths)
