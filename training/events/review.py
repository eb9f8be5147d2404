"""List the labels a cross-validated trigger model disagrees with, for a consistency review.

    .venv/bin/python -m training.events.review > /tmp/review.txt

Train and dev only (test is never reviewed): the lexicon's candidates of those documents are
split into folds by document; each fold is scored by the trigger model fitted on the others
(training/events/train.py, fit). A label is listed when the model gives it a probability under
`--gold-under` while another label has at least `--other-over`. Each line shows the document,
the trigger's offsets, the label, the model's label and the sentence with the trigger marked:
the reviewer judges the sentence by docs/annotation.md, and writes a correction (or a "kept"
verdict) to annotations/events/reviewed/ (sayso/evaluation/event_corrections.py).
"""
from __future__ import annotations

import argparse
import hashlib
from typing import Any, Iterator

import numpy as np

from sayso.evaluation.event_labels import load
from sayso.stages.events.model import Linear
from training.events.examples import collect, parse

SPLITS = ("train", "dev")


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % folds


def _probabilities(model: Linear, rows: list[dict]) -> Any:
    from training.events.thresholds import matrix

    s = matrix(rows, model.index) @ model.coef + model.intercept
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_scores(rows: list[dict], ys: list[str], docs: list[str], folds: int, c: float) -> list[dict[str, float]]:
    """For each row, the class probabilities of the model fitted without its document's fold."""
    from training.events.train import fit

    out: list[dict[str, float]] = [{} for _ in rows]
    for k in range(folds):
        held = [i for i, d in enumerate(docs) if fold_of(d, folds) == k]
        fitted = [i for i, d in enumerate(docs) if fold_of(d, folds) != k]
        model = fit([rows[i] for i in fitted], [ys[i] for i in fitted], c)
        p = _probabilities(model, [rows[i] for i in held])
        for row, i in enumerate(held):
            out[i] = dict(zip(model.classes, p[row].tolist()))
    return out


def disagreements(ex: Any, scores: list[dict[str, float]], gold_under: float, other_over: float) -> Iterator[tuple]:
    for (f, y, split), where, p in zip(ex.trigger, ex.where, scores):
        if "origin=open" in f or not p:
            continue
        best = max((c for c in p if c != y), key=lambda c: p[c])
        if p.get(y, 0.0) < gold_under and p[best] >= other_over:
            yield where, split, y, best, p.get(y, 0.0), p[best]


def _sentence(drafts: dict[str, Any], doc_id: str, start: int, end: int) -> str:
    doc = drafts[doc_id].doc
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = span.sent if span is not None else doc[:0]
    text = doc.text
    return (text[sent.start_char:start] + "[[" + text[start:end] + "]]" + text[end:sent.end_char]).replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--gold-under", type=float, default=0.15)
    parser.add_argument("--other-over", type=float, default=0.6)
    args = parser.parse_args()
    from sayso.stages.events.ontology import load as load_ontology

    labels = [x for x in load() if x.split in SPLITS]
    parsed = parse(labels)
    ex = collect(parsed, load_ontology())
    keep = [i for i, (f, _, _) in enumerate(ex.trigger) if "origin=open" not in f]
    scores_kept = cross_scores([ex.trigger[i][0] for i in keep], [ex.trigger[i][1] for i in keep],
                               [ex.where[i][0] for i in keep], args.folds, args.c)
    scores: list[dict[str, float]] = [{} for _ in ex.trigger]
    for i, p in zip(keep, scores_kept):
        scores[i] = p
    gold = {(x.doc, x.trigger): x for x in labels}
    drafts = {d.article.origin: d for d, _ in parsed}
    found = sorted(disagreements(ex, scores, args.gold_under, args.other_over), key=lambda r: (r[2], r[3], -r[5]))
    print(f"{len(found)} disagreements among {len(keep)} candidates")
    for (doc_id, s, e), split, y, best, py, pb in found:
        g = gold.get((doc_id, (s, e)))
        status = g.status if g is not None else None
        print(f"{doc_id}\t{s}\t{e}\t{split}\tgold={y}/{status}\tmodel={best} {pb:.2f} (gold {py:.2f})\t"
              f"{_sentence(drafts, doc_id, s, e)}")


if __name__ == "__main__":
    main()
