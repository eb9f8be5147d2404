"""Actor and recipient of events with the shipped event model, on the constructions users met
(docs/events.md, "The event model"): a participial clause takes the main clause's subject, the
possessor of an arrest is its recipient, passives and by-agents, nominalisations, appositions,
coordinated subjects and unnamed actors. The sentences are invented for the tests."""
from __future__ import annotations

import pytest

from tests.conftest import extract_text


def _events(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(category, trigger, actor text, recipient text) of each event; an argument's text is its
    entity's mention inside the event's sentence."""
    record = extract_text(text)

    def name(entity_id, sentence):
        entity = next((e for e in record.entities if e.id == entity_id), None)
        if entity is None:
            return None
        inside = [m.text for m in entity.mentions if sentence.start <= m.start and m.end <= sentence.end]
        return inside[0] if inside else entity.name

    return [(e.type, e.trigger.text, name(e.actor, e.sentence), name(e.recipient, e.sentence)) for e in record.events]


def _event(text: str, trigger: str) -> tuple[str, str, str | None, str | None]:
    found = [e for e in _events(text) if e[1] == trigger]
    assert found, _events(text)
    return found[0]


def _has(value: str | None, word: str) -> bool:
    return value is not None and word.lower() in value.lower()


@pytest.mark.parametrize("text, trigger, actor", [
    ("Government warplanes flew over the market in Idlib on Sunday, killing nine shoppers.", "killing", "warplanes"),
])
def test_a_participial_clause_takes_the_main_clause_subject(text, trigger, actor):
    category, _, got, recipient = _event(text, trigger)
    assert category == "ASSAULT" and _has(got, actor), (got, recipient)


@pytest.mark.xfail(reason="known weakness: the rankers still take the possessor of an arrest for its actor "
                          "(the rules' actor; few such possessors in the labels)", strict=False)
def test_the_possessor_of_an_arrest_is_its_recipient():
    _, _, actor, recipient = _event("Lawyers condemned Mr Okafor's arrest in Abuja last week.", "arrest")
    assert _has(recipient, "Okafor") and not _has(actor, "Okafor"), (actor, recipient)


def test_the_by_agent_of_a_passive_is_the_actor():
    category, _, actor, recipient = _event("The editor was detained by police in Minsk on Friday.", "detained")
    assert category == "COERCE" and _has(actor, "police") and _has(recipient, "editor"), (actor, recipient)


def test_the_of_phrase_of_an_expulsion_is_its_recipient():
    _, _, actor, recipient = _event("Norway announced the expulsion of 15 Russian diplomats on Tuesday.", "expulsion")
    assert _has(recipient, "diplomats") and not _has(actor, "diplomats"), (actor, recipient)


def test_an_apposition_gives_the_name():
    category, _, actor, _ = _event("Halvorsen, the foreign minister, met the Iranian envoy in Oslo.", "met")
    assert category == "CONSULT" and _has(actor, "Halvorsen"), actor


def test_a_coordinated_subject_is_the_actor():
    category, _, actor, _ = _event("Chile and Peru signed a fisheries treaty on Monday.", "signed")
    assert category == "AGREE" and (_has(actor, "Chile") or _has(actor, "Peru")), actor


@pytest.mark.parametrize("text, trigger, actor", [
    ("Gunmen abducted four aid workers near the border.", "abducted", "gunmen"),
    ("Unidentified attackers shot dead a village chief in the north.", "shot", "attackers"),
])
def test_an_unnamed_group_is_an_actor(text, trigger, actor):
    _, _, got, _ = _event(text, trigger)
    assert _has(got, actor), got


def test_a_natural_cause_is_never_the_actor():
    """Agent rules as data (sayso/data/agents.yaml): whatever the event, a storm acts on nobody."""
    for category, _, actor, _ in _events("The storm forced the government to cancel its talks with the rebels."):
        assert not _has(actor, "storm"), (category, actor)
