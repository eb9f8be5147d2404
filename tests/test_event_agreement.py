"""Agreement between two annotations of the same documents (sayso/evaluation/event_agreement.py)."""
from __future__ import annotations

import pytest

from sayso.evaluation.event_agreement import agreement, kappa, pairs
from sayso.evaluation.event_labels import LABELS, Label, load


def _label(start: int, end: int, category: str | None, actor=None, doc: str = "gwn/1") -> Label:
    return Label(doc, "train", (start, end), category is not None, category, "occurred" if category else None,
                 actor, None)


def test_triggers_pair_by_overlapping_spans_once():
    first = [_label(0, 6, "AGREE"), _label(20, 25, None)]
    second = [_label(0, 13, "AGREE"), _label(3, 5, "AGREE"), _label(30, 35, None)]  # "struck a deal" vs "struck"
    assert [(a.trigger, b.trigger) for a, b in pairs(first, second)] == [((0, 6), (0, 13))]


def test_kappa_is_one_for_identical_and_zero_for_chance():
    assert kappa([(True, True), (False, False), (True, True)]) == 1.0
    assert kappa([(True, True), (True, False), (False, True), (False, False)]) == pytest.approx(0.0)


def test_agreement_counts_events_categories_and_actors():
    first = [_label(0, 5, "ASSAULT", (10, 15)), _label(20, 25, "ACCUSE"), _label(40, 45, None),
             _label(60, 65, "CONSULT")]
    second = [_label(0, 5, "ASSAULT", (11, 15)), _label(20, 25, "REJECT"), _label(40, 45, "PROTEST"),
              _label(80, 85, "AID"), _label(5, 0 + 9, None, doc="gwn/2")]
    a = agreement(first, second)
    assert a.documents == 2 and a.judged_by_both == 3
    assert a.event_agreement == pytest.approx(2 / 3)
    assert a.category_agreement == pytest.approx(1 / 2) and a.both_events == 2
    assert a.actor_agreement == 1.0 and a.same_category == 1  # overlapping actor spans agree
    assert a.precision == pytest.approx(1 / 4)  # ASSAULT of four events of the second
    assert a.recall == pytest.approx(1 / 3)  # ASSAULT of ACCUSE, ASSAULT, CONSULT
    assert a.precision_judged == pytest.approx(1 / 3)


def test_the_blind_reannotation_kept_in_the_repository_agrees_mostly():
    second = list(load(LABELS / "agreement"))
    assert len({x.doc for x in second}) >= 25
    a = agreement(load(), second)
    assert a.judged_by_both >= 100 and 0.5 < a.event_kappa <= 1.0


def test_load_reads_only_the_files_a_pattern_names(tmp_path):
    row = ('{"doc": "gwn/1", "digest": "", "split": "train", "trigger": {"start": 0, "end": 3, "text": "met"}, '
           '"origin": "candidate", "event": false, "category": null, "status": null, "actor": null, "recipient": null}')
    (tmp_path / "batch-1.jsonl").write_text(row + "\n", encoding="utf-8")
    (tmp_path / "batch-12.jsonl").write_text(row + "\n" + row + "\n", encoding="utf-8")
    assert len(list(load(tmp_path))) == 3
    assert len(list(load(tmp_path, pattern="batch-[1-7].jsonl"))) == 1
