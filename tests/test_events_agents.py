"""Agent rules as data (sayso/data/agents.yaml, sayso/stages/events/agents.py) on sentences
written for these tests: natural and accidental causes, idioms and registers make no event;
attacks, bombs and protests still do."""
from __future__ import annotations

import pytest

from sayso.settings import DEFAULT
from sayso.stages.events.agents import unreal


def _head(text: str, word: str):
    from sayso.nlp.parse import load_model

    doc = load_model(DEFAULT)(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, category", [
    ("Seven people were killed in a crash on the motorway.", "killed", "ASSAULT"),
    ("Two firefighters were killed by the blaze.", "killed", "ASSAULT"),
    ("A landslide buried a bus, killing 14 passengers.", "killing", "ASSAULT"),
    ("A bus plunged into a ravine, killing 22 people.", "killing", "ASSAULT"),
    ("Cholera has killed 46 people in the camps.", "killed", "ASSAULT"),
    ("A tank at the chemical plant exploded on Thursday.", "exploded", "ASSAULT"),
    ("Three workers were killed when a crane collapsed.", "killed", "ASSAULT"),
    ("A gas leak forced the evacuation of 500 residents.", "evacuation", "RETREAT"),
    ("Liverpool beat Chelsea 3-1 on Saturday.", "beat", "ASSAULT"),
    ("Stocks rallied after the central bank held interest rates.", "rallied", "PROTEST"),
    ("Thousands cheered at the senator's campaign rally.", "rally", "PROTEST"),
    ("The bank seized the chance to buy its rival.", "seized", "COERCE"),
    ("The government wants to kill off its famous siesta.", "kill", "ASSAULT"),
    ("Critics blasted the new film as far too long.", "blasted", "ACCUSE"),
])
def test_no_event(text, word, category):
    assert unreal(category, _head(text, word))


@pytest.mark.parametrize("text, word, category", [
    ("A bomb blast killed twelve people at the bus station.", "killed", "ASSAULT"),
    ("Five soldiers were wounded in the blast near the checkpoint.", "wounded", "ASSAULT"),
    ("Gunmen killed six villagers in an attack on a market.", "killed", "ASSAULT"),
    ("Fighting erupted in the north, killing 20 civilians.", "killing", "ASSAULT"),
    ("The two sides struck a deal on the border.", "struck", "AGREE"),
    ("Crowds rallied in the main square to protest against the coup.", "rallied", "PROTEST"),
    ("Fans attacked police officers after the match.", "attacked", "ASSAULT"),
    ("He was received by waves of protesters.", "received", "PROTEST"),
    ("Gunmen attacked a polling station during the election.", "attacked", "ASSAULT"),
    ("A truck rammed into the crowd, killing 80 people.", "killing", "ASSAULT"),
    ("A suicide bomber exploded at the gate of the ministry.", "exploded", "ASSAULT"),
    ("Twelve protesters were injured by tear gas.", "injured", "ASSAULT"),
])
def test_still_an_event(text, word, category):
    assert not unreal(category, _head(text, word))



def test_a_verbal_attack_is_left_to_the_model():
    """No speech register: with one, "attacks" and "shootings" discussed in campaign speech lost
    13 right train events (docs/events.md)."""
    assert not unreal("ASSAULT", _head("The senator came under attack from rivals during the debate.", "attack"))


@pytest.mark.parametrize("text, word", [
    ("A bridge collapsed, sending cars into the river and killing five.", "killing"),
    ("The driver lost control on a bend, killing seven passengers.", "killing"),
    ("The visitors attacked down the wing and scored in the last minute.", "attacked"),
])
def test_accidents_and_sport_told_another_way(text, word):
    assert unreal("ASSAULT", _head(text, word))


def test_scores_of_people_is_no_sport():
    assert not unreal("ASSAULT", _head("Gunmen attacked the village and killed scores of people.", "attacked"))


def test_a_sport_metaphor_keeps_the_attacks():
    text = "Praising him after the attacks was like saying the other team scored 19 runs in the first inning."
    assert not unreal("ASSAULT", _head(text, "attacks"))
