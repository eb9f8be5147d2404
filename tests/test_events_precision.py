"""Precision rules of the event stage, on sentences written for these tests: arguments are
participants, nominal triggers need an argument or an event context, one trigger gives one
event, failed events are not events, datelines are not actors, object control, and the status
of reported past perfects."""
from __future__ import annotations

import pytest

from tests.test_events_helpers import run_events


@pytest.mark.parametrize(
    "text, trigger, recipient",
    [
        ("The rebels shelled the town on Friday.", "shelled", "the town"),
        ("Militia fighters attacked the convoy early on Tuesday morning.", "attacked", "the convoy"),
        ("A judge sentenced the activist to nine years in prison.", "sentenced", "the activist"),
        ("The bloc imposed sanctions on Wednesday on twelve generals.", "sanctions", "twelve generals"),
        ("The gunmen killed four guards at the fuel depot.", "killed", "four guards"),
    ],
)
def test_a_recipient_is_a_participant_not_a_date_or_quantity(text, trigger, recipient):
    found = run_events(text)
    assert found.name(found.at(trigger).recipient) == recipient


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Hundreds of families fled their villages.", "fled"),
        ("Dozens of students protested against a rise in tuition fees.", "protested"),
        ("The conscripts deserted compulsory service.", "deserted"),
        ("The mayor welcomed the decision.", "welcomed"),
    ],
)
def test_abstract_or_place_objects_are_no_recipient(text, trigger):
    found = run_events(text)
    event = found.at(trigger)
    assert event.recipient is None
    assert event.actor is not None  # the subject is a participant


def test_an_abstract_subject_is_no_actor():
    found = run_events("The new rules freeze the assets of the listed firms.")
    assert found.at("freeze").actor is None


def test_a_nominal_trigger_without_argument_or_context_is_no_event():
    found = run_events("She said she felt great relief when the letter came.")
    assert found.events == ()


@pytest.mark.parametrize(
    "text, trigger, status",
    [
        ("Rebels launched an assault on the garrison.", "assault", "occurred"),
        ("Fighting erupted near the airport overnight.", "Fighting", "occurred"),
        ("There were no arrests after the rally.", "arrests", "negated"),
        ("The opposition's boycott of the vote angered the president.", "boycott", "occurred"),
    ],
)
def test_a_nominal_trigger_with_argument_or_context_is_kept(text, trigger, status):
    assert run_events(text).at(trigger).status == status


def test_a_failed_event_named_by_a_noun_is_no_event():
    found = run_events("Two earlier truces collapsed within days.")
    assert found.of_type("RETREAT") == []


def test_one_trigger_gives_one_event():
    found = run_events("The ministry froze the accounts of six bankers and banned them from travel.")
    heads = [(e.trigger.start, e.trigger.end) for e in found.events]
    assert len(heads) == len(set(heads))
    covered = [set(range(e.trigger.start, e.trigger.end)) for e in found.events]
    assert all(not (a & b) for i, a in enumerate(covered) for b in covered[i + 1:])


def test_a_dateline_is_not_the_actor():
    text = "KANO, May 2 (Sahel Wire) - Gunmen on motorbikes raided a village and abducted nine farmers."
    found = run_events(text)
    assert found.name(found.at("abducted").actor).startswith("Gunmen")
    assert found.name(found.at("abducted").recipient) == "nine farmers"


def test_the_object_of_an_urging_verb_acts_in_its_complement():
    found = run_events("The ombudsman urged the prosecutors to investigate the killings.")
    assert found.name(found.at("investigate").actor) == "the prosecutors"


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The commission said it had received reports that soldiers had shot two miners.", "shot"),
        ("The agency said the rebels had seized the town before dawn.", "seized"),
    ],
)
def test_a_reported_past_perfect_occurred(text, trigger):
    found = run_events(text)
    assert found.at(trigger).status == "occurred"
    assert not any(e.type == "ACCUSE" for e in found.events)  # "reports" names no accusation


def test_the_participant_lexicon_is_data(tmp_path):
    text = "The looters attacked the visiting supporters."
    assert run_events(text).at("attacked").actor is not None  # "looter": agent suffix
    text = "The caravan attacked the village."
    assert run_events(text).at("attacked").actor is None
    extra = tmp_path / "mine.yaml"
    extra.write_text("arguments:\n  participants: [caravan]\n", encoding="utf-8")
    found = run_events(text, ontology_files=(str(extra),))
    assert found.name(found.at("attacked").actor) == "The caravan"


def test_a_capitalized_event_word_in_a_headline_is_no_actor():
    found = run_events("Airstrike kills eleven villagers")
    event = found.at("kills")
    assert event.actor is None
    assert found.name(event.recipient) == "eleven villagers"
