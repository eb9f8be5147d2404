"""The consistency reviews of the event labels (annotations/events/reviewed/, docs/annotation.md):
every verdict points at a real label of train or dev, at offsets that hold its trigger, and a
changed label is what the loader yields."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.evaluation.event_corpus import EVAL, read
from sayso.evaluation.event_labels import (CATEGORIES, LABELS, REVIEWED, STATUSES, Label, LabelError, corrected,
                                          load, reviews)


def _batch_labels() -> dict:
    return {(x.doc, x.trigger): x for x in load(reviewed=False)}


def test_every_review_names_a_label_of_train_or_dev():
    labels = _batch_labels()
    lines = list(reviews())
    assert lines, "no review found"
    for r in lines:
        key = (r["doc"], (r["trigger"]["start"], r["trigger"]["end"]))
        assert key in labels, key
        assert labels[key].split in ("train", "dev")  # test labels are never reviewed
        assert r["verdict"] in ("kept", "changed")
        if r["verdict"] == "changed" and r["event"]:
            assert r["category"] in CATEGORIES and r["status"] in STATUSES


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the checkout")
def test_reviews_point_at_the_text_of_their_trigger():
    texts: dict[str, str] = {}
    for r in reviews():
        text = texts.setdefault(r["doc"], read(r["doc"]).text)
        assert text[r["trigger"]["start"]:r["trigger"]["end"]] == r["trigger"]["text"], r
        for role in ("actor", "recipient"):
            span = r.get(role)
            if span:
                assert text[span["start"]:span["end"]] == span["text"], r


def test_the_loader_applies_the_changes():
    before = _batch_labels()
    after = {(x.doc, x.trigger): x for x in load()}
    changed = [r for r in reviews() if r["verdict"] == "changed"]
    assert changed
    for r in changed:
        key = (r["doc"], (r["trigger"]["start"], r["trigger"]["end"]))
        assert after[key].event is r["event"] and after[key].category == r["category"]
        assert after[key].split == before[key].split
    assert len(after) == len(before)


def test_a_correction_to_no_event_clears_the_label(tmp_path: Path):
    label = Label("gwn/1", "train", (3, 9), True, "ASSAULT", "occurred", (0, 2), None)
    fixed = corrected(label, {"event": False, "category": None, "status": None})
    assert (fixed.event, fixed.category, fixed.status, fixed.actor) == (False, None, None, None)
    recat = corrected(label, {"event": True, "category": "ACCUSE", "status": "occurred"})
    assert recat.category == "ACCUSE" and recat.actor == (0, 2)  # the arguments stay unless given
    with pytest.raises(LabelError):
        corrected(label, {"event": True, "category": "ATTACK", "status": "occurred"})


def test_reviews_in_a_folder_of_their_own_are_not_read_as_labels(tmp_path: Path):
    line = {"doc": "gwn/1", "digest": "", "split": "train", "trigger": {"start": 3, "end": 9, "text": "attack"},
            "origin": "candidate", "event": True, "category": "ASSAULT", "status": "occurred", "actor": None,
            "recipient": None}
    (tmp_path / "batch-1.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (tmp_path / REVIEWED).mkdir()
    review = {"doc": "gwn/1", "trigger": line["trigger"], "verdict": "changed", "event": False,
              "category": None, "status": None, "why": "figurative"}
    (tmp_path / REVIEWED / "r.jsonl").write_text(json.dumps(review) + "\n", encoding="utf-8")
    labels = list(load(tmp_path))
    assert len(labels) == 1 and labels[0].event is False
    assert list(load(tmp_path, reviewed=False))[0].event is True
    assert LABELS.name == "events"
