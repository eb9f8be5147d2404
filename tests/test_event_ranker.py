"""The actor and recipient rankers: every noun phrase is weighed against "nobody", and the
training puts the gold choice of each event first."""
from __future__ import annotations

import numpy as np
import pytest

from sayso.stages.events.model import EventModel, Linear


def _linear(weights: dict[str, float]) -> Linear:
    index = {name: i for i, name in enumerate(weights)}
    coef = np.asarray(list(weights.values()), dtype=np.float32).reshape(-1, 1)
    return Linear(("yes",), index, coef, np.zeros(1, dtype=np.float32))


def _model(weights: dict[str, float], ranker: bool = True) -> EventModel:
    rank = _linear(weights)
    return EventModel(rank, rank, rank, {"ranker": 1.0 if ranker else 0.0, "actor": 0.5})


def test_the_ranker_takes_the_best_candidate_only_when_it_beats_nobody():
    model = _model({"null": 1.0, "path=nsubj<^": 2.0, "path=dobj<^": -1.0})
    cands = [("subject", {"path=nsubj<^": 1.0}), ("object", {"path=dobj<^": 1.0})]
    assert model.argument("actor", cands, {"null": 1.0}) == "subject"
    assert model.argument("actor", cands[1:], {"null": 1.0}) is None  # nobody scores higher
    assert model.argument("actor", [], {"null": 1.0}) is None


def test_without_the_ranker_a_threshold_decides():
    model = _model({"path=nsubj<^": 2.0, "path=dobj<^": -1.0}, ranker=False)
    cands = [("subject", {"path=nsubj<^": 1.0}), ("object", {"path=dobj<^": 1.0})]
    assert model.argument("actor", cands) == "subject"
    assert model.argument("actor", cands[1:]) is None  # probability under the threshold


def test_training_puts_the_gold_choice_first():
    pytest.importorskip("scipy")
    from training.events.ranker import accuracy, fit

    nobody = {"null": 1.0}
    subject, obj, other = {"path=nsubj<^": 1.0}, {"path=dobj<^": 1.0}, {"path=long5": 1.0}
    groups = [([nobody, subject, obj], (1,)), ([nobody, obj, other], (0,)), ([nobody, other, subject], (2,))] * 4
    model = fit(groups, c=3.0)
    assert accuracy(model, groups) == 1.0
    assert fit(groups, c=3.0).coef.tolist() == model.coef.tolist()  # deterministic


def test_the_path_from_a_subject_to_its_root_verb_is_a_subject_path():
    """spaCy makes a new Token object on each access: walking up by identity never stopped at the
    root, so every argument of a root verb had a path of 'long8'."""
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT
    from sayso.stages.events.features import dependency_path

    doc = load_model(DEFAULT)("Rebels seized the town.")
    assert dependency_path(doc[0], doc[1]) == "nsubj^"
    assert dependency_path(doc[3], doc[1]) == "dobj^"


def test_a_group_may_have_several_right_choices():
    """A relative pronoun and its antecedent are both right ("the preacher whom Erdogan
    accuses"): the ranker maximises the probability of picking either."""
    pytest.importorskip("scipy")
    from training.events.ranker import accuracy, fit

    nobody = {"null": 1.0}
    name, relative, other = {"kind=PERSON": 1.0}, {"kind=PRON": 1.0}, {"kind=DATE": 1.0}
    groups = [([nobody, name, relative, other], (1, 2)), ([nobody, other], (0,)), ([nobody, relative, other], (1,))] * 3
    model = fit(groups, c=3.0)
    assert accuracy(model, groups) == 1.0
    score = {k: float(model.scores(f)[0]) for k, f in (("name", name), ("other", other), ("nobody", nobody))}
    assert score["name"] > score["other"] and score["name"] > score["nobody"]


def test_the_events_stage_takes_the_antecedent_of_a_relative_pronoun():
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT
    from sayso.stages.events.arguments import resolve_relative

    doc = load_model(DEFAULT)("Police detained the men who attacked the convoy.")
    who = next(t for t in doc if t.lower_ == "who")
    assert resolve_relative(who).text == "men"
