"""`sayso eval polnear`: the BRAT reader, the scorer, and the gate on PolNeAR dev."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.evaluation.polnear import (
    below_floors,
    evaluate,
    join_fragments,
    load_floors,
    read_ann,
    read_gold,
    score,
)

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev"
DEV_SLICE = 40  # articles scored by the gate test (the whole part takes a few minutes on one core)


def write_article(root: Path, name: str, text: str, annotations: dict[str, str]) -> None:
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, body in annotations.items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text(body, encoding="utf-8")


TEXT = "“We are ready,” said Ann Lee. “The boats are out.” Police said that roads were closed."


def ann_line(tid: str, label: str, ranges: list[tuple[int, int]]) -> str:
    spans = ";".join(f"{s} {e}" for s, e in ranges)
    shown = " ".join(TEXT[s:e] for s, e in ranges)
    return f"{tid}\t{label} {spans}\t{shown}\n"


def test_reader_uses_first_annotator_and_splits_discontinuous_spans(tmp_path):
    quote1, quote2 = (0, 15), (29, 50)
    first = (
        ann_line("T1", "Content", [quote1, quote2])
        + ann_line("T2", "Cue", [(16, 20)])
        + ann_line("T3", "Source", [(21, 28)])
        + "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
        + "#1\tAnnotatorNotes T1\ta note\n"
    )
    second = ann_line("T1", "Cue", [(59, 63)])
    write_article(tmp_path, "story", TEXT, {"b2": second, "a1": first})
    (article,) = read_gold(tmp_path)
    assert article.spans["content"] == {quote1, quote2}
    assert article.spans["cue"] == {(16, 20)}
    assert TEXT[16:20] == "said" and TEXT[21:28] == "Ann Lee"


def test_fragments_split_only_by_white_space_are_joined():
    text = "abc def, ghi"
    assert join_fragments(text, [(4, 7), (0, 3)]) == [(0, 7)]
    assert join_fragments(text, [(0, 3), (9, 12)]) == [(0, 3), (9, 12)]


def test_exact_and_overlap_scores():
    empty = {"source": set(), "cue": set()}
    pred = {**empty, "content": {(0, 10), (20, 25), (40, 50)}}
    gold = {**empty, "content": {(0, 10), (20, 30), (60, 70)}}
    s = score([(pred, gold)])["content"]
    assert s["exact"] == {"precision": 33.3, "recall": 33.3, "f1": 33.3}
    assert s["overlap"] == {"precision": 66.7, "recall": 66.7, "f1": 66.7}


def test_floor_check_names_what_dropped():
    scores = {"source": {"exact": {"f1": 50.0}}, "cue": {"exact": {"f1": 80.0}}}
    assert below_floors(scores, {"source_exact_f1": 60.0, "cue_exact_f1": 70.0}) == ["source_exact_f1 50.0 < 60.0"]


def test_run_on_a_written_article(tmp_path):
    body = (
        ann_line("T1", "Content", [(0, 15), (29, 50)])
        + ann_line("T2", "Cue", [(16, 20)])
        + ann_line("T3", "Source", [(21, 28)])
        + ann_line("T4", "Source", [(51, 57)])
        + ann_line("T5", "Cue", [(58, 62)])
        + ann_line("T6", "Content", [(63, 85)])
    )
    write_article(tmp_path, "story", TEXT, {"a1": body})
    scores = evaluate(tmp_path)
    assert scores["articles"] == 1
    assert scores["source"]["exact"]["recall"] == 100.0
    assert scores["cue"]["exact"]["f1"] == 100.0
    assert scores["content"]["exact"]["recall"] == 100.0


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/polnear is not beside the checkout")
def test_dev_slice_meets_the_floors():
    floors = {k: v for k, v in load_floors().items() if k.endswith("exact_f1")}
    assert floors, "eval_floors.yaml has polnear floors"
    scores = evaluate(DEV, limit=DEV_SLICE)
    slice_floors = {k: v - SLICE_MARGIN for k, v in floors.items()}
    assert below_floors(scores, slice_floors) == []


SLICE_MARGIN = 3.0  # the slice is a third of dev: its scores wander a few points from the whole
