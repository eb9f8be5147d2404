"""The event model's decision on a trigger candidate: event or not, its category, its actor
and recipient. The rules (sayso/stages/events/__init__.py) still give status, polarity, mode and the
attribution; the model overrides whether there is an event, its category and its arguments.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sayso.stages.events.features import (argument_candidates, argument_features, context_vector, no_argument_features,
                                          trigger_names, trigger_view)
from sayso.stages.events.agents import natural_cause, without_agent
from sayso.stages.events.arguments import resolve_relative
from sayso.stages.events.model import LEARNED_MODE, EventModel
from sayso.record import Event


def rule_role(token: Any, rule_actor: Optional[Any], rule_recipient: Optional[Any]) -> Optional[str]:
    """Whether the rules chose `token` as actor or recipient (spaCy makes a new Token object on
    every access: tokens are compared by position)."""
    if rule_actor is not None and token.i == rule_actor.i:
        return "actor"
    return "recipient" if rule_recipient is not None and token.i == rule_recipient.i else None


def participial(verb: Any) -> bool:
    """A participial clause without its own subject ("..., killing six civilians")."""
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def argument_tokens(model: EventModel, match: Any, category: str, rule_tokens: tuple[Optional[Any], Optional[Any]],
                    participant: Callable[[Any], bool]) -> tuple[Optional[Any], Optional[Any]]:
    """The actor and recipient tokens the model picks among the sentence's noun phrases."""
    skip = {t.i for t in match.tokens}
    rule_actor, rule_recipient = rule_tokens

    def role_of(token: Any) -> Optional[str]:
        return rule_role(token, rule_actor, rule_recipient)

    view = trigger_view(match.head)
    cands = [(t, argument_features(match.head, t, category, participant(t), role_of(t), view, with_vector=False),
              context_vector(t)) for t in argument_candidates(match.head, skip)]
    actors = [c for c in cands if not natural_cause(c[0])]  # a cause is never an actor ("the storm")
    nobody = no_argument_features(match.head, category, rule_actor is not None)
    actor = model.argument("actor", actors, nobody)
    if (rule_recipient is not None) != (rule_actor is not None):  # else the same features
        nobody = no_argument_features(match.head, category, rule_recipient is not None)
    recipient = model.argument("recipient", [c for c in cands if c[0] is not actor], nobody)
    if actor is None and participial(match.head) and rule_actor is not None:
        actor = rule_actor  # "warplanes flew over the market, killing nine": the main clause's subject
    # a relative pronoun stands for its antecedent ("the preacher whom Erdogan accuses")
    return (resolve_relative(actor) if actor is not None else None,
            resolve_relative(recipient) if recipient is not None else None)


def origin_of(match: Any) -> str:
    return "learned" if match.trigger.mode == LEARNED_MODE else "lexicon"


def lexicon_mode(match: Any) -> Optional[str]:
    """The mode of the lexicon word (none for a learned word)."""
    return match.trigger.mode if match.trigger.mode != LEARNED_MODE else None


def _by_mode(match: Any, model: EventModel) -> bool:
    """A word of a rare category in a mode the model was trained to decide ("DEFECT:resign")."""
    return match.trigger.category not in model.trigger.classes and \
        f"{match.trigger.category}:{match.trigger.mode}" in model.modes


def by_model(match: Any, model: EventModel) -> bool:
    """Whether the model decides the candidate: a category it learned, or a word of a rare
    category in one of the modes it was trained to decide ("DEFECT:resign": annotators label a
    resignation CONCEDE or nothing, never DEFECT; training/events/train.py, MODEL_MODES)."""
    if match.trigger.category in model.trigger.classes:
        return True
    if model.thresholds.get("rare_by_model", 0.0) >= 0.5:
        return True
    return _by_mode(match, model)


def decide(model: EventModel, match: Any, rule: Optional[Event]) -> Optional[str]:
    """The category of the candidate's event, or None when it names none. The model overrules
    the rules: it removes a rules' event it finds unlikely (probability of an event under the
    `veto` threshold), adds one the rules missed (at least the `event` threshold), and names the
    category of those it is sure of. A candidate of a category the model never learned
    (DEFECT: too few annotated) is left to the rules, or, with the `rare_by_model` threshold,
    decided like any other: the model learned from such candidates what annotators made of
    them ("fled", "resigned": no event or CONCEDE), and a rules' event it does not confirm
    stays only above the veto."""
    if not by_model(match, model):
        return rule.type if rule is not None else None
    features = trigger_names(match.head, match.trigger.category, len(match.tokens) > 1, rule, origin_of(match),
                             lexicon_mode(match))
    category, p_event = model.category(features, "event", context_vector(match.head))
    if rule is not None and category is None and not _by_mode(match, model):  # no rules' DEFECT for "resign"
        category = rule.type if p_event >= model.thresholds.get("veto", 1.0) else None
    if category is None or without_agent(category, match.head):
        return None
    return category


def decide_open(model: EventModel, match: Any) -> Optional[str]:
    """The category of an open candidate (a verb the lexicon lacks, open_candidates.py), or None:
    the model alone decides, at its `open_event` threshold."""
    from sayso.stages.events.open_candidates import OPEN

    features = trigger_names(match.head, OPEN, False, None, "open")
    category, _ = model.category(features, "open_event", context_vector(match.head))
    if category is None or without_agent(category, match.head):
        return None
    return category
