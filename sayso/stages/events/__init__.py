"""events: PLOVER categories plus DEFECT, with actor, recipient, status and polarity.

The stage reads every sentence outside boilerplate once, finds the triggers listed in the
ontology file (sayso/data/ontology.yaml, extended by SAYSO_ONTOLOGY), and for each makes an
Event: category and mode from the trigger, actor and recipient from the parse (as entity ids,
adding entities for arguments that have none), status and polarity from the status rules,
and the attribution whose content contains the trigger.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import Any, Callable, Optional

from sayso.stages.events.agents import unreal
from sayso.stages.events.arguments import argument_bounds, in_dateline, noun_arguments, subject_of, verb_arguments
from sayso.stages.events.credit import credited, innermost_attribution, report_attribution
from sayso.stages.events.denial import status_with_denial
from sayso.stages.events.ontology import Ontology, load
from sayso.stages.events.status import status_of
from sayso.stages.events.triggers import Match, find_matches
from sayso.stages.base import Draft, stage
from sayso.nlp.memo import sentence_of
from sayso.stages.entities.mentions import BODY_NOUNS
from sayso.record import Entity, Event, Span
from sayso.settings import Settings

__all__ = ["find_events", "detect", "load", "status_of", "innermost_attribution"]

PERSON_PRONOUNS = {"he", "she", "him", "her", "they", "them", "we", "i", "you", "us", "it"}
NAMED_OR_COUNT = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "CARDINAL"})


def _kind(token: Any) -> str:
    if token.ent_type_ == "PERSON":
        return "person"
    if token.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
        return "organization"
    if token.lemma_.lower() in BODY_NOUNS:
        return "organization"
    if token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children):
        return "anonymous_group"
    return "person" if token.pos_ == "PROPN" else "anonymous_person"


def _next_id(entities: tuple[Entity, ...]) -> str:
    numbers = [int(e.id[1:]) for e in entities if e.id[1:].isdigit()]
    return f"e{max(numbers, default=0) + 1}"


class _Entities:
    """The draft's entities, growing as arguments without an entity are added."""

    def __init__(self, entities: tuple[Entity, ...], text: str, ontology: Optional[Ontology] = None):
        self.items, self.text = entities, text
        self.ontology = ontology

    def entity(self, token: Any) -> Optional[Entity]:
        from sayso.stages.entities import entity_at

        return entity_at(self.items, token.idx, token.idx + len(token.text))

    def at_token(self, token: Any) -> Optional[str]:
        found = self.entity(token)
        return found.id if found is not None else None

    def add(self, token: Any) -> str:
        from sayso.stages.entities import add_entity

        s, e = argument_bounds(token)
        doc = token.doc
        span = Span.of(self.text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        kind = _kind(token)
        items, eid = add_entity(self.items, span.text, kind, span)
        head_start, head_end = token.idx, token.idx + len(token.text)
        got = next((x for x in items if x.id == eid), None)
        if got is None or not any(m.start < head_end and head_start < m.end for m in got.mentions):
            # add_entity returned an entity that only overlaps a modifier ("Assad" in "members
            # of Assad's inner circle"): the argument is a different entity
            eid = _next_id(self.items)
            items = self.items + (Entity(eid, span.text, kind, (span,)),)
        self.items = items
        return eid

    def resolve(self, token: Optional[Any], role: str = "actor", chosen: bool = False) -> Optional[str]:
        """The entity id of an argument token, adding an entity when it has none. A token the
        event model chose (`chosen`) needs no participant noun ("Russian aircraft killed ...",
        "arrested by detectives": the model weighed that), only no date, amount or dateline."""
        if token is None:
            return None
        if self.ontology is not None and not (
            (chosen and token.ent_type_ not in self.ontology.non_participant_entities and not in_dateline(token))
            or is_participant(token, role, self.ontology, self.entity)
        ):
            return None
        found = self.entity(token)
        if found is not None:
            return found.id
        if token.pos_ == "PRON" and token.lower_ in PERSON_PRONOUNS:
            if any(c.dep_ == "conj" for c in token.children):
                return self.add(token)
            antecedent = _speaker_antecedent(token)
            return self.resolve(antecedent, role) if antecedent is not None else None
        if token.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") and not (
            token.pos_ in ("DET", "PRON") and any(c.dep_ == "prep" for c in token.children)
        ):  # "some of those closest to the leader"
            return None
        return self.add(token)


def participant_noun(lemma: str, ontology: Ontology) -> bool:
    """A common noun of the participant lexicon, or one with an agent suffix ("smuggler")."""
    if lemma in ontology.participants or lemma in BODY_NOUNS:
        return True
    if len(lemma) < 6 or lemma in ontology.not_participants:
        return False
    return lemma.endswith(ontology.participant_suffixes)


def is_participant(
    token: Any, role: str, ontology: Ontology, entity_of: Callable[[Any], Optional[Entity]] = lambda t: None
) -> bool:
    """Whether the argument headed by `token` can act or be acted on: a person, group,
    organization or country (a named entity, a pronoun, a proper noun, an entity of such a
    kind, a noun of the participant lexicon or with an agent suffix, a bare number: "kills
    11", a quantity of participants: "thousands of people"), or for role "target" (the
    recipient of a category with target_recipients) a target noun ("shelled a village"); never
    a date, time, money, percent, quantity or ordinal, a dateline, nor a phrase headed by any
    other common noun ("military service", "the measures"). `entity_of` finds the entity at a
    token (looked up last: it scans the entities)."""
    if token.ent_type_ in ontology.non_participant_entities or in_dateline(token):
        return False
    if token.ent_type_ in NAMED_OR_COUNT:
        return True
    if token.pos_ == "PROPN":  # not an event word capitalized in a headline ("Airstrike kills 11")
        return not ontology.lookup(token.lower_, "NOUN") and not ontology.lookup(token.lemma_.lower(), "NOUN")
    if token.pos_ in ("PRON", "DET", "NUM", "ADJ"):
        return True
    lemma = token.lemma_.lower()
    if participant_noun(lemma, ontology) or token.lower_ in ontology.participants:
        return True
    if role == "target" and lemma in ontology.targets:
        return True
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and (obj.pos_ != "NOUN" or participant_noun(obj.lemma_.lower(), ontology)):
        return True  # "thousands of people", "some of them"
    entity = entity_of(token)
    return entity is not None and entity.kind == "media"  # "the newspaper"


def _speaker_antecedent(pronoun: Any) -> Optional[Any]:
    """'they' in 'Opposition groups confirmed that they were courting' is the groups."""
    if pronoun.lower_ not in PERSON_PRONOUNS or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head == clause:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    plural = pronoun.lower_ in ("they", "them", "we", "us")
    if plural != (subj.tag_ in ("NNS", "NNPS") or subj.lemma_.lower() in BODY_NOUNS):
        return None
    return subj


def _speaker(match: Match) -> Optional[Any]:
    """The subject of the speech verb whose complement holds the trigger ("saying he will be ...")."""
    cur = match.head
    for _ in range(8):
        if cur.dep_ == "ccomp" and cur.head != cur:
            return subject_of(cur.head)
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _arguments(match: Match, ontology: Ontology, ents: "_Entities") -> tuple[Optional[Any], Optional[Any]]:
    """Actor and recipient tokens. A recipient must be a participant; for a category with
    target_recipients a target noun is taken only when no participant is found ("kills 11
    at a market": the 11)."""
    skip = {t.i for t in match.tokens}
    category = ontology.categories[match.trigger.category]
    roles = ("recipient", "target") if category.target_recipients else ("recipient",)
    for role in roles:

        def accept(token: Any, role: str = role) -> bool:
            return is_participant(token, role, ontology, ents.entity)

        if match.trigger.pos == "VERB":
            actor, recipient = verb_arguments(match.head, skip, match.tokens[1:], ontology.object_control, accept)
        else:
            actor, recipient = noun_arguments(
                match.head, category.of_argument, skip, ontology.light_verbs, ontology.object_control, accept
            )
        if recipient is not None:
            break
    return actor, recipient


def _event_context(noun: Any, ontology: Ontology, ents: "_Entities") -> bool:
    """Whether a noun trigger without arguments still names an event: the object of a light
    verb ("launched an attack"), the subject of an occurrence verb ("talks resumed"), the
    attribute of existential "be" ("there were no arrests"), or a phrase hanging from a verb
    whose subject is a participant ("Saddam arrived on a visit", "guerrillas wounded two
    soldiers in a bomb attack", "forces were engaged in ethnic cleansing"); for a compound
    ("a mediation mission") or an "of" phrase ("after five days of fighting") the noun it
    belongs to."""
    for _ in range(3):  # "a mediation mission", "five days of fighting"
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
        else:
            break
    gov = noun.head
    lemma = gov.lemma_.lower()
    if noun.dep_ == "attr" and lemma == "be" and any(c.dep_ == "expl" for c in gov.children):
        return True
    if noun.dep_ in ("dobj", "attr"):
        return lemma in ontology.light_verbs
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return lemma in ontology.status.occurrence_verbs
    if noun.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ in ("VERB", "AUX"):
        verb = gov.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj = subj if subj is not None else subject_of(verb, ontology.object_control)
        return subj is not None and is_participant(subj, "actor", ontology, ents.entity)
    return False


def _failed(noun: Any, ontology: Ontology) -> bool:
    """'earlier ceasefires collapsed': the noun is the subject of a verb of failure."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in ontology.failure_verbs


Arguments = tuple[tuple[Optional[Any], str], ...]  # (token or None, role)


def _names_event(match: Match, arguments: Arguments, ontology: Ontology, ents: "_Entities") -> bool:
    """A verb trigger always names an event; a noun trigger only with a participant argument
    or in an event context ("I felt relief" does not), and not when it failed ("the ceasefire
    collapsed")."""
    if match.trigger.pos != "NOUN":
        return True
    if _failed(match.head, ontology):
        return False
    if any(t is not None and is_participant(t, role, ontology, ents.entity) for t, role in arguments):
        return True
    return _event_context(match.head, ontology, ents)


def _event(n: int, match: Match, sent: Any, ents: _Entities, draft: Draft, ontology: Ontology,
           tokens: Optional[tuple[Optional[Any], Optional[Any]]] = None) -> Optional[Event]:
    """The event of a trigger match, or None when the trigger names no event (_names_event);
    `tokens`: _arguments(match, ...) when already found."""
    text = draft.article.text
    category = ontology.categories[match.trigger.category]
    recipient_role = "target" if category.target_recipients else "recipient"
    actor_tok, recipient_tok = tokens if tokens is not None else _arguments(match, ontology, ents)
    actor_tok = actor_tok if _same_block(actor_tok, match.head, text) else None
    recipient_tok = recipient_tok if _same_block(recipient_tok, match.head, text) else None
    attribution = innermost_attribution(draft.attributions, match.start, match.end)
    said_threat = category.name == "THREATEN" and attribution is not None  # actor: the source
    arguments = ((actor_tok, "actor"), (recipient_tok, recipient_role))
    if not said_threat and not _names_event(match, arguments, ontology, ents):
        return None
    status, polarity = status_with_denial(match.head, ontology.status, category.said)
    attribution = credited(match.head, ontology.status, draft.attributions, attribution, category.said)
    kind, mode = category.name, match.trigger.mode
    if category.threat_when_future and status == "expected":
        speaker = _speaker(match)
        if speaker is not None or attribution is not None:
            kind, mode, status = "THREATEN", category.name.lower(), "threatened"
            recipient_tok = recipient_tok or actor_tok
            actor_tok = speaker
    elif kind == "THREATEN" and status in ("occurred", "ongoing"):
        status = "threatened"
    actor = ents.resolve(actor_tok)
    if actor is None and kind == "THREATEN" and attribution is not None:
        actor = next((a.source.entity for a in draft.attributions if a.id == attribution), None)
    recipient = ents.resolve(recipient_tok, recipient_role)
    return Event(
        id=f"v{n}", type=kind, mode=mode,
        trigger=Span.of(text, match.start, match.end),
        sentence=Span.of(text, sent.start_char, sent.end_char),
        actor=actor, recipient=recipient if recipient != actor else None,
        status=status, polarity=polarity, attribution=attribution,
    )


def _same_block(token: Optional[Any], other: Any, text: str) -> bool:
    """No line break between the two tokens (a caption or byline is not an argument)."""
    if token is None:
        return True
    a, b = sorted((token.idx, other.idx))
    return "\n" not in text[a:b]


def _outside(boilerplate: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(boilerplate, (start, float("inf"))) - 1
    return not (i >= 0 and boilerplate[i][1] > start) and not (
        i + 1 < len(boilerplate) and boilerplate[i + 1][0] < end
    )


def detect(draft: Draft, ontology: Ontology, model: Any = None,
           status_model: Any = None) -> tuple[tuple[Event, ...], tuple[Entity, ...]]:
    """Events of every sentence of the draft's doc, and the entities grown for their arguments;
    with `model` (sayso/stages/events/model.py) the model decides each candidate, else the rules;
    with `status_model` (status_model.py) that model gives the events' status."""
    boilerplate = sorted((b.start, b.end) for b in draft.boilerplate)
    ents = _Entities(draft.entities, draft.article.text, ontology)
    events: list[Event] = []
    for match in _candidates(draft, ontology, model):
        if boilerplate and not _outside(boilerplate, match.start, match.end):
            continue
        before = ents.items
        event = _event(len(events) + 1, match, sentence_of(match.head), ents, draft, ontology) if model is None else (
            _modelled(len(events) + 1, match, ents, draft, ontology, model))
        if event is not None and unreal(event.type, match.head):
            ents.items, event = before, None  # no human agent, or a figurative use (agents.py)
        if event is not None:
            events.append(_restatus(event, match, draft, ontology, status_model) if status_model is not None else event)
    return tuple(events), ents.items


def _restatus(event: Event, match: Match, draft: Draft, ontology: Ontology, status_model: Any) -> Event:
    """The event with the status model's status (which keeps the rules' negated, claimed and
    threatened: a denial never becomes an occurrence)."""
    from sayso.stages.events.status_model import cue_lemma, status_names

    cue = cue_lemma(draft.doc, draft.attributions, event.attribution)
    features = status_names(match.head, event.type, event.status, ontology.status, cue)
    status = status_model.status(features, event.status, event.type)
    if status == event.status:
        return event
    return dataclasses.replace(event, status=status, polarity="negative" if status == "negated" else "positive")


def _candidates(draft: Draft, ontology: Ontology, model: Any) -> list[Match]:
    """The lexicon's matches (one pass over the tokens) and, when the model decides verbs beyond
    the lexicon, every other verb, in text order."""
    matches = find_matches(draft.doc, ontology, draft.article.text)
    if model is None or not model.opens:
        return matches
    from sayso.stages.events.open_candidates import open_matches

    taken = {t.i for m in matches for t in m.tokens}
    return sorted(matches + list(open_matches(draft.doc, taken, model.open_skip)), key=lambda m: m.head.i)


def _open_event(n: int, match: Match, ents: _Entities, draft: Draft, ontology: Ontology, model: Any) -> Optional[Event]:
    """The event of a verb the lexicon lacks, when the model finds one."""
    from sayso.stages.events.decide import decide_open
    from sayso.stages.events.open_candidates import with_category

    category = decide_open(model, match)
    if category is None:
        return None
    return _with_model_arguments(n, with_category(match, category), ents, draft, ontology, model, None, category)


def _modelled(n: int, match: Match, ents: _Entities, draft: Draft, ontology: Ontology, model: Any) -> Optional[Event]:
    """The event of a trigger match as the event model decides it: whether there is one, its
    category, actor and recipient; status, polarity, mode and attribution from the rules. Where
    the model only confirms the rules (a category it never learned, or a threat the rules made
    of a future act: "he will be punished", said by Syria, whether the model calls it the act or
    the threat: the threat's actor is the speaker, whom the rankers do not learn) the rules'
    event stands whole."""
    from sayso.stages.events.decide import decide
    from sayso.stages.events.open_candidates import is_open

    if is_open(match):
        return _open_event(n, match, ents, draft, ontology, model)
    before = ents.items
    tokens = _arguments(match, ontology, ents)  # the rules' and the model's evidence (ents as before)
    rule = _event(n, match, sentence_of(match.head), ents, draft, ontology, tokens)
    kept = ents.items
    ents.items = before  # the rules' arguments are only the model's evidence
    category = decide(model, match, rule)
    if category is None:
        return None
    if rule is not None and (category not in model.trigger.classes or
                             (rule.type == "THREATEN" and category in (match.trigger.category, "THREATEN"))):
        ents.items = kept
        return rule
    return _with_model_arguments(n, match, ents, draft, ontology, model, rule, category, tokens)


def _with_model_arguments(n: int, match: Match, ents: _Entities, draft: Draft, ontology: Ontology, model: Any,
                          rule: Optional[Event], category: str,
                          rule_tokens: Optional[tuple[Optional[Any], Optional[Any]]] = None) -> Event:
    """The event with the model's category and the actor and recipient the model picks (the
    rules' where the model picks none; `rule_tokens`: the rules' argument tokens when found)."""
    from sayso.stages.events.decide import argument_tokens
    from sayso.stages.events.model import LEARNED_MODE

    if rule_tokens is None:
        rule_tokens = _arguments(match, ontology, ents)
    actor_tok, recipient_tok = argument_tokens(
        model, match, category, rule_tokens, lambda t: is_participant(t, "actor", ontology, ents.entity))
    chosen = (actor_tok is not None, recipient_tok is not None)
    if model.thresholds.get("rule_arguments", 0.0) >= 0.5:
        actor_tok = actor_tok if actor_tok is not None else rule_tokens[0]
        recipient_tok = recipient_tok if recipient_tok is not None else rule_tokens[1]
    base = rule or _bare_event(n, match, draft, ontology)
    same = category == base.type and base.mode != LEARNED_MODE
    role = "target" if ontology.categories[category].target_recipients else "recipient"
    actor = ents.resolve(actor_tok, chosen=chosen[0])
    recipient = ents.resolve(recipient_tok, role, chosen=chosen[1])
    return dataclasses.replace(
        base, type=category, mode=base.mode if same else None,
        actor=actor, recipient=recipient if recipient != actor else None)


def _bare_event(n: int, match: Match, draft: Draft, ontology: Ontology) -> Event:
    said = ontology.categories[match.trigger.category].said
    status, polarity = status_with_denial(match.head, ontology.status, said)
    text = draft.article.text
    return Event(
        id=f"v{n}", type=match.trigger.category, mode=match.trigger.mode,
        trigger=Span.of(text, match.start, match.end),
        sentence=Span.of(text, sentence_of(match.head).start_char, sentence_of(match.head).end_char),
        status=status, polarity=polarity,
        attribution=report_attribution(match.head, match.start, match.end, ontology.status, draft.attributions, said),
    )


def event_model(settings: Settings) -> Any:
    """The shipped event model when the settings ask for it and it exists, else None."""
    if not getattr(settings, "event_model", False):
        return None
    from sayso.stages.events.model import load_model

    return load_model()


def status_model_for(settings: Settings) -> Any:
    """The shipped status model when the settings use the event model and it exists, else None."""
    if not getattr(settings, "event_model", False):
        return None
    from sayso.stages.events.status_model import load_status_model

    return load_status_model()


def ontology_for(settings: Settings) -> Ontology:
    """The packaged ontology, extended by SAYSO_ONTOLOGY and a settings.ontology path if any;
    with the event model, also by the trigger words learned from the annotations
    (sayso/data/triggers_learned.yaml: candidates only, the model decides)."""
    from sayso.stages.events.model import LEARNED_TRIGGERS

    extra = getattr(settings, "ontology", None)
    learned = (str(LEARNED_TRIGGERS),) if event_model(settings) is not None and LEARNED_TRIGGERS.is_file() else ()
    return load(learned + ((extra,) if extra else ()))


def _load_lexicon_and_model(settings: Settings) -> None:
    ontology_for(settings)  # loads the event model too, when the settings use it
    status_model_for(settings)


@stage("events", needs=("doc", "entities", "attributions", "boilerplate"), sets=("events", "entities"),
       prepare=_load_lexicon_and_model)
def find_events(draft: Draft, settings: Settings) -> Draft:
    if draft.doc is None:
        return draft
    events, entities = detect(draft, ontology_for(settings), event_model(settings), status_model_for(settings))
    return draft.set(events=events, entities=entities)
