"""The trained status model (sayso/stages/events/status_model.py): it ships, loads, is
deterministic, keeps a denial negated, and gives clear cases their status end to end."""
from __future__ import annotations

import numpy as np
import pytest

from sayso.stages.events.model import Linear
from sayso.stages.events.status_model import STATUS_MODEL_PATH, StatusModel, load_status_model
from tests.conftest import extract_text


def _status(text: str, trigger: str) -> str:
    record = extract_text(text)
    found = [e.status for e in record.events if trigger in e.trigger.text]
    assert found, [(e.type, e.trigger.text, e.status) for e in record.events]
    return found[0]


def test_the_status_model_ships_and_loads():
    assert STATUS_MODEL_PATH.is_file()
    model = load_status_model()
    assert model is not None and {"occurred", "ongoing", "planned", "possible"} <= set(model.linear.classes)
    assert STATUS_MODEL_PATH.stat().st_size < 500_000  # small enough to ship


def test_the_status_is_deterministic():
    text = "The two governments are holding talks in Geneva, while rebels attacked the airport."
    first = [(e.trigger.text, e.status) for e in extract_text(text).events]
    assert first == [(e.trigger.text, e.status) for e in extract_text(text).events]


@pytest.mark.parametrize("text, trigger, status", [
    ("The ministry denied that the rebels attacked the army base.", "attacked", "negated"),
    ("The Russian president plans to visit Iran next month.", "visit", "planned"),
    ("The two governments are holding talks in Geneva.", "talks", "ongoing"),
    ("Troops attacked the village on Monday.", "attacked", "occurred"),
])
def test_clear_cases(text, trigger, status):
    assert _status(text, trigger) == status


def test_the_rules_denial_and_threat_are_kept():
    """A model that always says occurred changes neither a negated nor a threatened status."""
    linear = Linear(("negated", "occurred"), {"bias": 0}, np.array([[0.0, 5.0]], dtype=np.float32),
                    np.zeros(2, dtype=np.float32))
    model = StatusModel(linear)
    assert model.status({"bias": 1.0}, "negated") == "negated"
    assert model.status({"bias": 1.0}, "threatened") == "threatened"
    assert model.status({"bias": 1.0}, "planned") == "occurred"


def test_the_model_never_gives_a_kept_status():
    """Even when the model prefers negated, it gives its best status the rules did not keep."""
    linear = Linear(("negated", "ongoing", "occurred"), {"bias": 0}, np.array([[5.0, 1.0, 0.0]], dtype=np.float32),
                    np.zeros(3, dtype=np.float32))
    assert StatusModel(linear).status({"bias": 1.0}, "occurred") == "ongoing"
