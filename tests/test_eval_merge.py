"""The merge test set (annotations/merge/pairs.jsonl) and the scoring of `sayso eval merge`."""
from __future__ import annotations

import pytest

from sayso.evaluation.event_corpus import EVAL, split_of as document_split
from sayso.evaluation.merge import score
from sayso.evaluation.merge_corpus import load, check, split_of


def test_the_labels_are_many_split_by_story_and_cover_both_kinds():
    pairs = load()
    assert len(pairs) >= 300
    assert all(p.split == split_of(p.story) for p in pairs if p.split != "train")
    for split in ("dev", "test"):
        part = [p for p in pairs if p.split == split]
        assert {(p.same, p.within) for p in part} == {(True, True), (True, False), (False, True), (False, False)}
    stories = {split: {p.story for p in pairs if p.split == split} for split in ("dev", "test")}
    assert not stories["dev"] & stories["test"]


def test_train_pairs_are_in_train_documents_no_dev_or_test_pair_names():
    """Train pairs (issue 14, for the learned link) are split by document like the events
    annotations, and never share a document with a dev or test pair."""
    pairs = load()
    train = [p for p in pairs if p.split == "train"]
    held = {m.doc for p in pairs if p.split != "train" for m in (p.a, p.b)}
    assert len(train) >= 200 and any(p.same for p in train) and any(not p.same for p in train)
    for p in train:
        for m in (p.a, p.b):
            assert document_split(m.doc) == "train" and m.doc not in held


@pytest.mark.skipif(not (EVAL / "polnear").exists(), reason="../shared/eval is not beside the checkout")
def test_every_labelled_mention_points_at_its_text():
    check(load())


def test_pairwise_scores_count_missing_pairs_apart():
    pairs = load()[:4]
    found = {pairs[0].a: 1, pairs[0].b: 1, pairs[1].a: 2, pairs[1].b: 3, pairs[2].a: 5, pairs[2].b: None}
    scores, wrong = score(pairs[:3], found)
    same = [p.same for p in pairs[:2]]
    assert scores.missing == 1
    assert scores.tp == int(same[0]) and scores.fp == int(not same[0]) and scores.fn == int(same[1])
    assert len(wrong) == scores.fp + scores.fn


def test_a_missed_pair_is_put_down_to_its_first_cause():
    from sayso.evaluation.merge_causes import missed
    from tests.test_ledger_coreference import report

    a = report(1, "attack", "The attack on the base was planned.", article="a1", category="ASSAULT")
    assert missed(a, report(2, "attack", "The attack on the base was condemned.", article="a1", category="ACCUSE"), 3) \
        == "two categories"
    assert missed(a, report(3, "attack", "An attack was condemned.", article="a2", category="ASSAULT"), 3) \
        == "no shared blocking key"
    assert missed(report(4, "defected", "Ivo Sander defected.", actor="Ivo Sander"),
                  report(5, "defected", "Rui Mota defected.", actor="Rui Mota"), 3) == "conflict: actor"
