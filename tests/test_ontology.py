"""The ontology file: its categories, its loader, and extending it without touching code."""
from __future__ import annotations

import pytest

from sayso.stages.events.ontology import ENV_VAR, OntologyError, load
from test_events_helpers import run_events

PLOVER = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
          "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()


def test_the_packaged_ontology_has_plover_and_defect():
    ontology = load()
    assert set(ontology.categories) == set(PLOVER) | {"DEFECT"}
    for cat in ontology.categories.values():
        assert cat.cameo and cat.cameo.isdigit(), cat
        assert cat.modes, cat
    assert set(ontology.categories["DEFECT"].modes) == {"desert", "flee", "resign", "switch"}


def test_every_category_has_verb_and_noun_triggers():
    ontology = load()
    for name in ontology.categories:
        kinds = {t.pos for ts in ontology.triggers.values() for t in ts if t.category == name}
        assert kinds == {"VERB", "NOUN"}, name


def test_trigger_modes_are_modes_of_their_category():
    ontology = load()
    for triggers in ontology.triggers.values():
        for t in triggers:
            assert t.mode is None or t.mode in ontology.categories[t.category].modes, t


def test_multiword_heads():
    ontology = load()
    (line,) = ontology.lookup("line", "NOUN")
    assert (line.category, line.needs) == ("CONSULT", ("of", "communication"))
    asylum = [t for t in ontology.lookup("grant", "VERB") if "asylum" in t.needs]
    assert asylum and asylum[0].category == "AID" and asylum[0].mode == "asylum"
    air = [t for t in ontology.lookup("strike", "NOUN") if t.needs == ("air",)]
    assert air and air[0].category == "ASSAULT"


def test_multiword_triggers_match_through_the_parse():
    found = run_events("The court granted the appeal. The kingdom granted him asylum.")
    assert [e.type for e in found.events if "granted" in e.trigger.text] == ["AID"]
    found = run_events("The guerrillas handed their rifles over to the monitors.")
    assert found.at("handed").type == "RETREAT"


def test_adding_a_trigger_in_an_extra_file_changes_the_output(tmp_path):
    text = "The rebel commander absconded with the payroll."
    assert run_events(text).events == ()
    extra = tmp_path / "mine.yaml"
    extra.write_text("categories:\n  DEFECT:\n    verbs:\n      abscond: flee\n", encoding="utf-8")
    found = run_events(text, ontology_files=(str(extra),))
    (event,) = found.events
    assert (event.type, event.mode, event.trigger.text) == ("DEFECT", "flee", "absconded")
    assert found.name(event.actor) == "The rebel commander"


def test_an_extra_file_can_move_a_trigger_to_another_category(tmp_path):
    extra = tmp_path / "move.yaml"
    extra.write_text("categories:\n  PROTEST:\n    verbs:\n      denounce: null\n", encoding="utf-8")
    assert run_events("Students denounced the decree.", ontology_files=(str(extra),)).events[0].type == "PROTEST"
    assert run_events("Students denounced the decree.").events[0].type == "ACCUSE"


def test_the_environment_variable_names_extra_files(tmp_path, monkeypatch):
    extra = tmp_path / "env.yaml"
    extra.write_text("categories:\n  AID:\n    nouns:\n      airlift: humanitarian\n", encoding="utf-8")
    assert not load().lookup("airlift", "NOUN")
    monkeypatch.setenv(ENV_VAR, str(extra))
    (trigger,) = load().lookup("airlift", "NOUN")
    assert (trigger.category, trigger.mode) == ("AID", "humanitarian")


def test_bad_files_raise_a_clear_error(tmp_path):
    with pytest.raises(OntologyError, match="cannot read"):
        load((str(tmp_path / "missing.yaml"),))
    bad = tmp_path / "bad.yaml"
    bad.write_text("status:\n  cues:\n    rumoured: [gossip]\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="not a status"):
        load((str(bad),))
    broken = tmp_path / "broken.yaml"
    broken.write_text("categories: [unclosed\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="not valid YAML"):
        load((str(broken),))


def test_plover_coding_by_status():
    ontology = load()
    assert ontology.plover("AID", "occurred") == "AID"
    assert ontology.plover("AID", "planned") == "AGREE"
    assert ontology.plover("PROTEST", "expected") == "THREATEN"
    assert ontology.plover("AGREE", "negated") == "REJECT"
    assert ontology.plover("DEFECT", "occurred") == "RETREAT"
