"""The event stage on sentences written for the test: triggers, arguments, entities,
boilerplate and the attribution link."""
from __future__ import annotations

from sayso.stages.events import innermost_attribution
from sayso.record import Attribution, Boilerplate, Source, Span
from test_events_helpers import run_events


def test_every_event_of_a_sentence_is_found():
    found = run_events(
        "The colonel defected and the ministry condemned the move, while rebels shelled the barracks."
    )
    assert [e.type for e in found.events] == ["DEFECT", "ACCUSE", "ASSAULT"]
    assert [e.id for e in found.events] == ["v1", "v2", "v3"]


def test_events_in_every_sentence():
    found = run_events("Protesters marched in the capital. Police arrested twelve of them. Talks resumed.")
    assert [e.type for e in found.events] == ["PROTEST", "COERCE", "CONSULT"]


def test_subject_object_and_preposition_arguments():
    found = run_events("The Egyptian army attacked the smugglers near the border.")
    event = found.at("attacked")
    assert found.name(event.actor) == "The Egyptian army"
    assert found.name(event.recipient) == "the smugglers"
    found = run_events("The delegation met with the rebel commanders in Geneva.")
    assert found.name(found.at("met").recipient).startswith("the rebel commanders")
    found = run_events("The union protested against the provincial government.")
    assert found.name(found.at("protested").recipient) == "the provincial government"
    found = run_events("The union protested against the new labour law.")
    assert found.at("protested").recipient is None  # a law is not a participant


def test_passive_with_and_without_agent():
    found = run_events("The pilot was granted asylum by Turkey.")
    event = found.at("granted")
    assert (event.type, event.mode) == ("AID", "asylum")
    assert found.name(event.actor) == "Turkey"
    assert found.name(event.recipient) == "The pilot"
    found = run_events("Two journalists were arrested on Friday.")
    event = found.at("arrested")
    assert event.actor is None and found.name(event.recipient) == "Two journalists"


def test_nominal_triggers():
    found = run_events("The defection of General Tlass surprised the capital.")
    event = found.at("defection")
    assert event.type == "DEFECT" and "Tlass" in found.name(event.actor)
    found = run_events("The killing of three farmers angered the village.")
    event = found.at("killing")
    assert event.type == "ASSAULT" and found.name(event.recipient) == "three farmers"
    found = run_events("Both armies are establishing lines of communication with the monitors.")
    event = found.at("lines of communication")
    assert event.type == "CONSULT" and found.name(event.actor) == "Both armies"


def test_an_infinitive_takes_the_subject_it_hangs_from():
    found = run_events("Four bombers were on a mission to bomb the bridge.")
    event = found.at("bomb")
    assert (event.type, event.mode, event.status) == ("ASSAULT", "aerial", "planned")
    assert found.name(event.actor) == "Four bombers"
    assert found.name(event.recipient) == "the bridge"


def test_a_passive_instrument_verb_is_climbed_past():
    found = run_events("The junta ran a campaign in which relatives are used to blackmail the dissidents.")
    assert found.name(found.at("blackmail").actor) == "The junta"


def test_groups_without_an_entity_are_added_as_entities():
    found = run_events("Senior naval officers are preparing to defect.")
    event = found.at("defect")
    entity = next(e for e in found.entities if e.id == event.actor)
    assert entity.name == "Senior naval officers" and entity.kind == "anonymous_group"
    assert found.text[entity.mentions[0].start:entity.mentions[0].end] == entity.name


def test_a_pronoun_subject_of_a_reported_clause_is_the_speaker():
    found = run_events("Exiled opposition groups confirmed that they were seeking foreign aid.")
    assert found.name(found.at("seeking").actor) == "Exiled opposition groups"


def test_a_future_sanction_announced_by_an_actor_is_a_threat():
    found = run_events('The council condemned the general, saying "he will be punished."')
    event = found.at("punished")
    assert (event.type, event.status, event.mode) == ("THREATEN", "threatened", "sanction")
    assert found.name(event.actor) == "The council"


def test_offsets_point_into_the_text():
    text = "Rebels stormed the prison and freed two hundred prisoners.\nTroops withdrew."
    found = run_events(text)
    assert found.events
    for e in found.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert text[e.sentence.start:e.sentence.end] == e.sentence.text
    for ent in found.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text


def test_boilerplate_is_skipped():
    text = "Photo: soldiers attack a checkpoint\n\nThe envoy visited Damascus."
    end = text.index("\n")
    found = run_events(text, boilerplate=(Boilerplate(0, end, text[:end], "caption"),))
    assert [e.type for e in found.events] == ["CONSULT"]
    assert [e.type for e in run_events(text).events] == ["ASSAULT", "CONSULT"]


def _attribution(text: str, aid: str, content: str, parent=None) -> Attribution:
    start = text.index(content)
    return Attribution(
        id=aid, source=Source(0, 5, text[:5]), cue=None,
        content=(Span.of(text, start, start + len(content)),), type="indirect", parent=parent,
    )


def test_the_innermost_attribution_containing_the_trigger():
    text = ("Diplomats said the envoy reported that the militia attacked the convoy. "
            "The army withdrew.")
    outer = _attribution(text, "a1", "the envoy reported that the militia attacked the convoy")
    inner = _attribution(text, "a2", "the militia attacked the convoy", parent="a1")
    found = run_events(text, attributions=(outer, inner))
    assert found.at("attacked").attribution == "a2"
    assert found.at("withdrew").attribution is None
    assert innermost_attribution((outer,), 0, 3) is None
