"""Nouns derived from the lexicon's verbs (training/events/derived_triggers.py) and the learned
trigger words of every gold event the lexicon lacks (training/events/learned_triggers.py) become
trigger candidates of the right category; other nouns do not."""
from __future__ import annotations

from collections import Counter

import pytest

from sayso.evaluation.drafts import drafts_for
from sayso.evaluation.event_labels import Label
from sayso.settings import DEFAULT
from sayso.stages.events import load
from sayso.stages.events.triggers import find_matches
from training.events.derived_triggers import as_found, derived_nouns, forms, never_events
from training.events.learned_triggers import added_heads, write

SENTENCE = "The imprisonment of the activists and the coup drew a signal from the final report."


@pytest.fixture(scope="module")
def draft():
    (got,) = drafts_for([("t", SENTENCE)], DEFAULT.replace(event_model=False))
    return got


def test_regular_nominalisations():
    assert {"incarceration", "imprisonment"} <= forms("incarcerate") | forms("imprison")
    assert "invasion" in forms("invade") and "withdrawal" in forms("withdraw") and "seizure" in forms("seize")
    assert "denial" in forms("deny") and "banning" in forms("ban")
    assert not {"final", "signal", "finance"} & (forms("fine") | forms("sign"))  # short verbs: -ing only


def test_a_derived_noun_takes_its_verbs_category_and_a_plain_noun_is_none():
    ontology = load()
    nouns = derived_nouns(ontology, {"imprisonment", "confiscation", "banana", "signal", "deportation"})
    assert nouns["imprisonment"] == "COERCE" and nouns["confiscation"] == "COERCE"
    assert "banana" not in nouns and "signal" not in nouns
    assert "deportation" not in nouns  # already a noun of the lexicon
    assert derived_nouns(ontology, {"incarceration"}, {"incarcerate": "COERCE"}) == {"incarceration": "COERCE"}


def test_a_derived_noun_never_an_event_in_many_uses_is_dropped(draft):
    label = Label("t", "train", (0, 3), False, None, None, None, None)
    assert never_events([(draft, [label])], {"imprisonment", "report"}, ("train",), 1) == {"imprisonment", "report"}
    event = Label("t", "train", (4, 16), True, "COERCE", "occurred", None, None)
    assert never_events([(draft, [event])], {"imprisonment"}, ("train",), 1) == frozenset()


def test_the_learned_words_hold_a_candidates_gold_noun_and_the_derived_nouns(draft, tmp_path):
    coup = SENTENCE.index("coup")
    gold = Label("t", "train", (coup, coup + 4), True, "COERCE", "occurred", None, None, origin="candidate")
    found = added_heads([(draft, [gold])], load(), ("train",), ("nouns",))
    assert found == Counter({("COERCE", "nouns", "coup"): 1})
    path = tmp_path / "learned.yaml"
    write(as_found({"imprisonment": "COERCE"}, found), path)
    matches = {m.head.text: m.trigger.category for m in find_matches(draft.doc, load([path]), SENTENCE)}
    assert matches.get("imprisonment") == "COERCE" and matches.get("coup") == "COERCE"
    assert "signal" not in matches and "report" not in matches
    assert "imprisonment" not in {m.head.text for m in find_matches(draft.doc, load(), SENTENCE)}
