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


def _trigger_names(text: str, word: str) -> dict[str, float]:
    from sayso.stages.events.features import trigger_names

    (got,) = drafts_for([("t", text)], DEFAULT.replace(event_model=False))
    head = next(t for t in got.doc if t.text == word)
    return trigger_names(head, OPEN, False, None, "open")


def test_the_lemma_is_joined_with_its_own_arguments():
    """'backed Clinton' and 'backed the bill' differ in the lemma's own context features, so the
    model can weigh the two senses of one word apart."""
    person = _trigger_names("Senator Graham backed Hillary Clinton on Monday.", "backed")
    bill = _trigger_names("Senator Graham backed the spending bill on Monday.", "backed")
    assert "lc=back|dobj:PERSON" in person and "lc=back|dobj:PERSON" not in bill
    assert "lc=back|dobj:NOUN" in bill
    assert "lc=back|dep=ROOT" in person and "lc=back|dep=ROOT" in bill


def test_the_open_model_has_its_own_regularisation():
    pytest.importorskip("sklearn")
    from training.events.train import fit_both

    words = ("attack", "attack", "march", "march", "say", "say")
    rows = [{"bias": 1.0, "origin=lexicon": 1.0, f"lem={w}": 1.0} for w in words]
    rows += [{"bias": 1.0, "origin=open": 1.0, f"lem={w}": 1.0} for w in ("pound", "pound", "rally", "rally", "go", "go")]
    ys = ["ASSAULT", "ASSAULT", "PROTEST", "PROTEST", "NONE", "NONE"] * 2
    lexicon, strong = fit_both(rows, ys, 1.0, c_open=0.01)
    _, weak = fit_both(rows, ys, 1.0, c_open=100.0)
    assert strong is not None and weak is not None
    p = [m.probabilities({"bias": 1.0, "origin=open": 1.0, "lem=pound": 1.0})[m.classes.index("ASSAULT")]
         for m in (strong, weak)]
    assert p[0] < p[1]  # the stronger penalty keeps the open word's evidence weaker
    assert lexicon.classes == ("ASSAULT", "NONE", "PROTEST")


def test_the_shipped_model_weighs_the_lemma_in_its_context():
    model = load_model()
    assert model is not None and model.open_trigger is not None
    for linear in (model.trigger, model.open_trigger):
        assert any(name.startswith("lc=") for name in linear.index)
