"""Every status and polarity, on sentences written for the test."""
from __future__ import annotations

import pytest

from test_events_helpers import run_events

CASES = [
    # occurred: past, perfect, news present
    ("The colonel defected to the rebels on Monday.", "defected", "occurred"),
    ("The government has granted asylum to the pilot.", "granted asylum", "occurred"),
    ("Rebels attack the northern town.", "attack", "occurred"),
    ("The gunmen attempted to assassinate the governor.", "assassinate", "occurred"),
    ("Workers blocked roads to press their demands.", "demands", "occurred"),
    ("The bombing of the depot could unsettle the markets.", "bombing", "occurred"),
    # ongoing: progressive aspect
    ("The two ministers are negotiating a new border treaty.", "negotiating", "ongoing"),
    ("Opposition leaders were courting foreign help all week.", "courting", "ongoing"),
    # planned: plans, preparations, missions
    ("Several generals are making plans to defect to the opposition.", "defect", "planned"),
    ("The squadron was on a mission to bomb the harbour.", "bomb", "planned"),
    ("The minister is preparing to resign.", "resign", "planned"),
    ("The army intends to withdraw its troops from the valley.", "withdraw", "planned"),
    # possible: modals, conditionals, rumours
    ("More officers may defect in the coming weeks.", "defect", "possible"),
    ("The soldiers would be welcomed if they deserted.", "deserted", "possible"),
    ("There are rumors that the governor fled the capital.", "fled", "possible"),
    ("Should the talks fail, the militia could attack the airport.", "attack", "possible"),
    # possible: an act asked for (docs/annotation.md: the asking is REQUEST, the act only possible)
    ("Senate Democrats called on the minister to resign.", "resign", "possible"),
    ("The opposition urged the government to release the prisoners.", "release the prisoners", "possible"),
    ("Human rights groups called for the release of the journalists.", "release", "possible"),
    ("The rebels demanded the release of the prisoners.", "release", "possible"),
    ("The letter demanded that the editor make a public apology.", "apology", "possible"),
    # claimed: the act one is accused, charged or blamed for
    ("The government accused the rebels of violating the ceasefire.", "violating", "claimed"),
    ("Britain blamed Russia for the attack on the defector.", "attack", "claimed"),
    # possible: a sentence that supposes
    ("Say the army attacked the village tomorrow.", "attacked", "possible"),
    # expected
    ("The envoy will visit Cairo next week.", "visit", "expected"),
    ("The general strike will begin on Monday.", "strike", "expected"),
    ("The garrison will surrender when the rebels attack.", "attack", "expected"),
    ("Dozens of diplomats are expected to defect soon.", "defect", "expected"),
    ("The officers are waiting for the right moment to defect.", "defect", "expected"),
    # considered
    ("The pilots considered defecting but stayed.", "defecting", "considered"),
    ("The cabinet is weighing sanctions against the neighbouring state.", "sanctions", "considered"),
    # negated
    ("The other pilots did not defect.", "defect", "negated"),
    ("The regime refused to release the prisoners.", "release the prisoners", "negated"),
    ("The army never attacked the village.", "attacked", "negated"),
    ("There were no arrests after the march.", "arrests", "negated"),
    ("The group said its fighters did not engage in attacks on civilians.", "attacks", "negated"),
    ("The party has not taken part in the protests.", "protests", "negated"),
    # claimed
    ("Activists claim that the police arrested forty students.", "arrested", "claimed"),
    ("The militia reportedly kidnapped two engineers.", "kidnapped", "claimed"),
    # threatened
    ("The ministry threatened to expel the ambassador.", "expel", "threatened"),
    ("The junta warned that protesters will be punished.", "punished", "threatened"),
]


@pytest.mark.parametrize("text,trigger,status", CASES, ids=[c[0][:40] for c in CASES])
def test_status(text, trigger, status):
    event = run_events(text).at(trigger)
    assert event.status == status, (text, event)


def test_polarity_is_negative_only_when_negated():
    found = run_events("The other pilots did not defect. The colonel defected.")
    assert [e.polarity for e in found.of_type("DEFECT")] == ["negative", "positive"]


def test_conditional_clause_does_not_change_the_main_event():
    found = run_events(
        "Officers are making plans to defect should the regime become threatened by the rebels."
    )
    assert found.at("defect").status == "planned"


def test_the_status_cue_words_come_from_the_ontology_file(tmp_path):
    text = "The colonel mulled defecting to the rebels."
    assert run_events(text).at("defecting").status == "considered"
    extra = tmp_path / "cues.yaml"
    extra.write_text("status:\n  cues:\n    planned: [mull]\n", encoding="utf-8")
    assert run_events(text, ontology_files=(str(extra),)).at("defecting").status == "planned"


def test_a_request_verb_does_not_make_its_other_objects_possible():
    found = run_events("The minister called the attack on the convoy a crime.")
    assert found.at("attack").status == "occurred"


def test_only_the_in_phrase_of_a_participation_verb_takes_its_negation():
    found = run_events("Nobody was hurt when the soldiers did not stop after the attack on the convoy.")
    assert found.at("attack").status == "occurred"
