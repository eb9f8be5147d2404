"""`sayso eval events`: the scoring of found events against labels, and the figures of the event
model on the test split of the team's annotations against their floors."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sayso.evaluation.event_labels import Label
from sayso.evaluation.events import Tally, evaluate, score_document
from sayso.record import Entity, Event, Record, Meta, Span

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TEXT = "Police arrested the mayor. The mayor met the envoy."


def _label(trigger, event=True, category="COERCE", actor=None, origin="candidate"):
    return Label("x", "test", trigger, event, category if event else None, "occurred" if event else None,
                 actor, None, origin)


def _record(*events):
    police = Entity("e1", "Police", "organization", (Span(0, 6, "Police"),))
    ev = tuple(Event(f"v{i}", cat, Span(s, e, TEXT[s:e]), Span(0, len(TEXT), TEXT), actor=actor)
               for i, (cat, s, e, actor) in enumerate(events))
    return Record("r", TEXT, Meta(), entities=(police,), events=ev)


def test_a_right_event_with_its_actor_and_the_kinds_of_error():
    labels = [_label((7, 15), actor=(0, 6)), _label((33, 36), category="CONSULT"), _label((0, 6), event=False)]
    tally = Tally()
    score_document(_record(("COERCE", 7, 15, "e1"), ("ASSAULT", 33, 36, None), ("ACCUSE", 0, 6, None)),
                   labels, tally)
    assert (tally.found, tally.gold, tally.right, tally.actor_right) == (3, 2, 1, 1)
    assert set(tally.errors) == {"wrong category", "not an event"}


def test_a_missed_added_event_is_a_missing_candidate():
    tally = Tally()
    score_document(_record(), [_label((33, 36), category="CONSULT", origin="added")], tally)
    assert set(tally.errors) == {"missed (no lexicon candidate)"} and tally.gold == 1


@pytest.mark.slow
def test_the_event_model_on_the_test_split_is_above_its_floors():
    if not EVAL.exists():
        pytest.fail("../shared/eval is not beside the checkout")
    result = evaluate(ROOT / "annotations" / "events", "test", EVAL)
    floors = yaml.safe_load((ROOT / "eval_floors.yaml").read_text())["events"]
    for name, floor in floors.items():
        assert result[name] >= floor, (name, result[name], floor)


def test_arguments_are_sorted_by_kind():
    from sayso.evaluation.events import argument_kind

    record = _record()
    assert argument_kind(record, "e1", (0, 6)) == "right"
    assert argument_kind(record, "e1", (0, 15)) == "partly right"  # "Police arrested": overlaps, still right
    assert argument_kind(record, "e1", (21, 26)) == "wrong span"
    assert argument_kind(record, None, (0, 6)) == "nobody for someone"
    assert argument_kind(record, "e1", None) == "someone for nobody"
    assert argument_kind(record, None, None) == "right"
