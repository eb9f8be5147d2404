"""The trained event model: it ships, loads, is deterministic, and turns clear events and clear
non-events the right way; the annotations it is trained on are well formed."""
from __future__ import annotations

import json

import pytest

from sayso.evaluation.event_labels import LABELS, CATEGORIES, STATUSES, find_in, load
from sayso.stages.events.decide import without_agent
from sayso.stages.events.model import MODEL_PATH, load_model
from sayso.settings import DEFAULT
from tests.conftest import extract_text


def _events(text: str):
    record = extract_text(text)
    names = {e.id: " ".join(m.text for m in e.mentions[:1]) for e in record.entities}
    return [(e.type, names.get(e.actor), names.get(e.recipient)) for e in record.events]


def test_the_model_ships_and_loads():
    assert MODEL_PATH.is_file()
    model = load_model()
    assert model is not None and "NONE" in model.trigger.classes
    assert MODEL_PATH.stat().st_size < 3_000_000  # small enough to ship


def test_extraction_with_the_model_is_deterministic():
    text = "Police arrested 12 protesters in Cairo on Monday, officials said."
    assert extract_text(text).to_json() == extract_text(text).to_json()


@pytest.mark.parametrize("text, category, actor", [
    ("Police arrested 12 protesters in Cairo on Monday.", "COERCE", "Police"),
    ("Thousands of demonstrators marched through Paris on Saturday against the new labour law.", "PROTEST", "Thousands"),
    ("Thousands of workers went on strike in Paris on Saturday against the new labour law.", "PROTEST", "Thousands"),
    ("Russia expelled 60 American diplomats on Thursday.", "SANCTION", "Russia"),
    ("Gunmen killed five soldiers at a checkpoint near Mosul.", "ASSAULT", "Gunmen"),
])
def test_clear_events_are_found_with_their_actor(text, category, actor):
    found = _events(text)
    assert any(cat == category and a and actor.lower() in a.lower() for cat, a, _ in found), found


@pytest.mark.parametrize("text, not_category", [
    ("An earthquake killed eight people in the mountains on Tuesday.", "ASSAULT"),
    ("A tank at the chemical plant exploded, killing two workers.", "ASSAULT"),
    ("Many experts agree that the economy is slowing.", "AGREE"),
    ("The stock market rally continued for a third day as shares rose.", "PROTEST"),
])
def test_clear_non_events_are_not_events(text, not_category):
    assert not_category not in [cat for cat, _, _ in _events(text)]


def test_the_rules_alone_are_still_available():
    from sayso.pipeline import extract_one
    from sayso.record import Article

    record = extract_one(Article("Many experts agree that the economy is slowing."), DEFAULT.replace(event_model=False))
    assert [e.type for e in record.events] == ["AGREE"]  # the rules' false event the model removes


@pytest.mark.parametrize("text, verb, expected", [
    ("An earthquake killed eight people.", "killed", True),
    ("The storm destroyed forty homes.", "destroyed", True),
    ("Rebels killed eight people.", "killed", False),
])
def test_a_natural_cause_is_no_agent(text, verb, expected):
    from sayso.nlp.parse import load_model as load_nlp

    doc = load_nlp(DEFAULT)(text)
    head = next(t for t in doc if t.text == verb)
    assert without_agent("ASSAULT", head) is expected
    assert without_agent("CONSULT", head) is False  # only categories that need a human agent


def test_labels_are_well_formed():
    labels = list(load())
    assert len(labels) >= 2500
    assert {x.split for x in labels} == {"train", "dev", "test"}
    for x in labels:
        assert x.category in CATEGORIES if x.event else x.category is None
        assert x.status in STATUSES if x.event else x.status is None
        for span in (x.actor, x.recipient):
            assert span is None or span[0] < span[1]
    splits = {}
    for x in labels:  # a document belongs to one split
        assert splits.setdefault(x.doc, x.split) == x.split


def test_label_lines_keep_the_text_they_point_to():
    for path in sorted(LABELS.glob("*.jsonl"))[:1]:
        for line in path.read_text(encoding="utf-8").splitlines()[:200]:
            d = json.loads(line)
            assert d["trigger"]["end"] - d["trigger"]["start"] == len(d["trigger"]["text"])


def test_find_in_takes_the_nth_occurrence():
    text = "Assad met Assad's envoy."
    assert find_in(text, (0, len(text)), "Assad#2") == (10, 15)
    with pytest.raises(ValueError):
        find_in(text, (0, len(text)), "Putin")


def test_find_in_matches_a_no_break_space_typed_as_a_space():
    text = "Sen.\u00a0Marco Rubio spoke."
    assert find_in(text, (0, len(text)), "Sen. Marco Rubio") == (0, 16)


def test_find_in_prefers_whole_words():
    text = "Then the president said he would go."
    assert text[slice(*find_in(text, (0, len(text)), "he"))] == "he" and find_in(text, (0, len(text)), "he")[0] == 24
    assert find_in(text, (0, len(text)), "the")[0] == 5  # not the "The" inside "Then"
