"""Open candidates: the verbs the trigger lexicon lacks go to the event model, which alone
decides them (sayso/stages/events/open_candidates.py)."""
from __future__ import annotations

import numpy as np
import pytest

from sayso.evaluation.drafts import drafts_for
from sayso.settings import DEFAULT
from sayso.stages.events import detect, load
from sayso.stages.events.model import EventModel, Linear, load_model
from sayso.stages.events.open_candidates import OPEN, open_matches


def _model(opens: bool) -> EventModel:
    """A model that calls every verb "pound" an ASSAULT and nothing else an event."""
    trigger = Linear(("ASSAULT", "NONE"), {"lem=pound": 0, "bias": 1},
                     np.array([[4.0, -4.0], [-2.0, 2.0]], dtype=np.float32), np.zeros(2, dtype=np.float32))
    argument = Linear(("yes",), {"bias": 0}, np.zeros((1, 1), dtype=np.float32), np.zeros(1, dtype=np.float32))
    thresholds = {"event": 0.5, "veto": 0.5, "ranker": 1.0} | ({"open_event": 0.5} if opens else {})
    return EventModel(trigger, argument, argument, thresholds, frozenset({"say"}), trigger if opens else None)


@pytest.fixture(scope="module")
def draft():
    (got,) = drafts_for([("t", "Warplanes pounded the village on Monday, officials said.")],
                        DEFAULT.replace(event_model=False))
    return got


def test_the_lexicon_lacks_the_verb(draft):
    assert not load().lookup("pound", "VERB")
    assert not any(e.trigger.text == "pounded" for e in draft.events)


def test_an_open_verb_is_an_event_when_the_model_says_so(draft):
    events, _ = detect(draft.set(events=()), load(), _model(opens=True))
    assert [(e.type, e.trigger.text, e.mode) for e in events] == [("ASSAULT", "pounded", None)]


def test_a_model_not_trained_on_open_verbs_asks_nothing_of_them(draft):
    events, _ = detect(draft.set(events=()), load(), _model(opens=False))
    assert not any(e.trigger.text == "pounded" for e in events)


def test_skipped_and_taken_verbs_are_no_candidates(draft):
    doc = draft.doc
    pounded = next(t.i for t in doc if t.text == "pounded")
    lemmas = [m.head.lemma_ for m in open_matches(doc, set(), frozenset({"say"}))]
    assert lemmas == ["pound"]
    assert not list(open_matches(doc, {pounded}, frozenset({"say"})))
    assert all(m.trigger.category == OPEN for m in open_matches(doc, set(), frozenset()))


def test_the_skip_list_is_saved_with_the_model(tmp_path):
    path = tmp_path / "model.json.gz"
    _model(opens=True).save(path)
    loaded = load_model(path)
    assert loaded is not None and loaded.open_skip == frozenset({"say"}) and loaded.opens
    assert loaded.open_trigger is not None and loaded.open_trigger.classes == ("ASSAULT", "NONE")
