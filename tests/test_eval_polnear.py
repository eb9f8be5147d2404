"""`sayso eval polnear`: the BRAT reader, the scorer, and the gate on PolNeAR dev."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sayso.evaluation.polnear import (
    FLOORS,
    below_floors,
    evaluate,
    join_fragments,
    load_floors,
    read_gold,
    score,
)

pytestmark = pytest.mark.slow  # the eval corpora

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear" / "dev"


def write_article(root: Path, name: str, text: str, annotations: dict[str, str]) -> None:
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, body in annotations.items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text(body, encoding="utf-8")


TEXT = "“We are ready,” said Ann Lee. “The boats are out.” Police said that roads were closed."


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


QUOTE1, QUOTE2 = at("“We are ready,”"), at("“The boats are out.”")
SAID, ANN, POLICE, SAID2, ROADS = at("said"), at("Ann Lee"), at("Police"), at("said that")[0], at("that roads were closed")
SAID2 = (SAID2, SAID2 + 4)


def ann_line(tid: str, label: str, ranges: list[tuple[int, int]]) -> str:
    spans = ";".join(f"{s} {e}" for s, e in ranges)
    shown = " ".join(TEXT[s:e] for s, e in ranges)
    return f"{tid}\t{label} {spans}\t{shown}\n"


def test_reader_uses_first_annotator_and_splits_discontinuous_spans(tmp_path):
    quote1, quote2 = QUOTE1, QUOTE2
    first = (
        ann_line("T1", "Content", [quote1, quote2])
        + ann_line("T2", "Cue", [SAID])
        + ann_line("T3", "Source", [ANN])
        + "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
        + "#1\tAnnotatorNotes T1\ta note\n"
    )
    second = ann_line("T1", "Cue", [SAID2])
    write_article(tmp_path, "story", TEXT, {"b2": second, "a1": first})
    (article,) = read_gold(tmp_path)
    assert article.spans["content"] == {quote1, quote2}
    assert article.spans["cue"] == {SAID}


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
        ann_line("T1", "Content", [QUOTE1, QUOTE2])
        + ann_line("T2", "Cue", [SAID])
        + ann_line("T3", "Source", [ANN])
        + ann_line("T4", "Source", [POLICE])
        + ann_line("T5", "Cue", [SAID2])
        + ann_line("T6", "Content", [ROADS])
    )
    write_article(tmp_path, "story", TEXT, {"a1": body})
    scores = evaluate(tmp_path)
    assert scores["articles"] == 1
    assert scores["source"]["exact"]["recall"] == 100.0
    assert scores["cue"]["exact"]["f1"] == 100.0
    assert scores["content"]["exact"]["recall"] == 100.0


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/polnear is not beside the checkout")
def test_dev_slice_meets_its_floors():
    """The first articles of dev (the whole part is gated by `sayso eval polnear DIR --check`)."""
    floors = load_floors(part="dev_slice")
    assert set(floors) >= {"source_exact_f1", "cue_exact_f1", "content_exact_f1"}
    articles = int(yaml.safe_load(FLOORS.read_text())["polnear"]["dev_slice"]["articles"])
    scores = evaluate(DEV, limit=articles)
    assert scores["articles"] == articles
    assert below_floors(scores, floors) == []


def test_whole_dev_floors_are_pinned():
    floors = load_floors()
    assert set(floors) >= {"source_exact_f1", "cue_exact_f1", "content_exact_f1"}
