"""The frames of a trigger candidate (sayso/stages/events/frames.py) and what the events stage
makes of them: a request frame gives a REQUEST by the one who asks and only a possible act, a
negated event is not occurred, a supposed one only possible."""
from __future__ import annotations

import pytest

from sayso.nlp.parse import load_model
from sayso.settings import DEFAULT
from sayso.stages.events.frames import document_registers, frame_names, mood_frame, negation_frame, request_frame
from tests.conftest import extract_text


def _token(text: str, word: str):
    doc = load_model(DEFAULT)(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word", [
    ("Senate Democrats called on the minister to resign.", "resign"),
    ("Several Republican lawmakers called for Obama to resign.", "resign"),
    ("The opposition urged Russia to withdraw its troops.", "withdraw"),
])
def test_an_act_asked_for_is_in_a_request_frame(text, word):
    assert "frame=request" in set(request_frame(_token(text, word)))


def test_an_act_not_asked_for_is_in_no_request_frame():
    assert not list(request_frame(_token("The minister resigned on Monday.", "resigned")))


def test_negation_of_the_trigger_or_of_its_verb():
    assert list(negation_frame(_token("The army did not attack the village.", "attack"))) == ["frame=neg"]
    assert list(negation_frame(_token("Its fighters did not engage in attacks.", "attacks"))) == ["frame=neg_gov"]
    assert not list(negation_frame(_token("Its fighters engaged in attacks.", "attacks")))


def test_mood_frames():
    assert "frame=imperative" in set(mood_frame(_token("Suppose the army attacked the village.", "attacked")))
    assert "frame=conditional" in set(mood_frame(_token("If the army attacks, we leave.", "attacks")))
    assert "frame=question" in set(mood_frame(_token("Did the army attack the village?", "attack")))
    assert not list(mood_frame(_token("The army attacked the village.", "attacked")))


def test_registers_of_the_document():
    campaign = _token("Trump renewed his attacks on Sanders in the debate before the primary. "
                      "Voters in the poll backed the candidate.", "attacks")
    war = _token("Gunmen killed five soldiers at a checkpoint. Troops fired on the militants.", "killed")
    assert "doc_reg=campaign:0" not in document_registers(campaign.doc)
    assert "doc_reg=campaign:0" in document_registers(war.doc)
    assert "doc_reg=force:0" not in document_registers(war.doc)


def test_frame_names_also_go_with_the_lexicon_category():
    names = frame_names(_token("The army did not attack the village.", "attack"), "ASSAULT")
    assert "frame=neg" in names and "frame=neg|ASSAULT" in names


def _events(text: str):
    record = extract_text(text)
    names = {e.id: e.name for e in record.entities}
    return [(e.type, e.trigger.text, e.status, names.get(e.actor)) for e in record.events]


def test_a_request_frame_gives_a_request_by_the_one_who_asks():
    found = _events("Senate Democrats called on Attorney General Jeff Sessions to resign on Thursday.")
    assert any(t == "REQUEST" and a and "Democrats" in a for t, _, _, a in found), found
    assert all(s == "possible" for t, w, s, _ in found if w == "resign"), found  # asked for, not planned
    assert not any(t == "DEFECT" for t, _, _, _ in found), found  # a resignation is never a defection


def test_a_negated_event_is_not_occurred():
    found = _events("The group said its fighters did not engage in attacks on civilians.")
    assert all(s == "negated" for _, w, s, _ in found if w == "attacks"), found
