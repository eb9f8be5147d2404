"""Train the merge model (sayso/data/merge_model.json) from the labelled pairs.

    .venv/bin/python -m training.merge --cache /tmp/merge-records.jsonl   # fit, choose, save
    .venv/bin/python -m training.merge --no-save                          # only the figures

Reads annotations/merge/pairs.jsonl and the articles its pairs point into (../shared/eval, by
path; extracted once and kept in `--cache`). Each pair whose two mentions the extraction finds,
that do not conflict (sayso.ledger.identity.conflicts) and that blocking would compare (same
article, or a shared participant token) is an example. A logistic regression (scikit-learn,
fixed seed) is fitted on the train pairs; its regularisation is chosen on the dev pairs
(log-loss), then the threshold: the lowest on THRESHOLDS whose end-to-end dev figures
(`sayso eval merge --split dev`, through a ledger) reach PRECISION overall and WITHIN_PRECISION
within an article, else the one with the best overall precision. Test is only reported.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Optional

from sayso.evaluation import merge as merge_eval
from sayso.evaluation.event_corpus import EVAL
from sayso.evaluation.merge_corpus import LABELS, Pair, load, records
from sayso.ledger import resemblance
from sayso.ledger.identity import Report, _shared, conflicts, one_sentence, rule_link
from sayso.ledger.stems import cosine
from sayso.ledger.rows import rows_of

SEED = 14
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.4 + 0.1 * i, 1) for i in range(6))  # 0.4 ... 0.9
PRECISION = 0.95
WITHIN_PRECISION = 0.90
DAYS = 3
OFF = 1.01  # a threshold no probability reaches: the rules alone
KEEPS = (0.2, 0.3, 0.4, 0.5)


def reports_of(pairs: list[Pair], cache: Optional[Path], root: Path) -> dict[tuple[str, int, int], Report]:
    """The report at each labelled mention (doc, start, end), when the extraction finds it."""
    wanted = {m for p in pairs for m in (p.a, p.b)}
    found: dict[tuple[str, int, int], Report] = {}
    for record in records({m.doc for m in wanted}, cache, root):
        rows = {row["id"]: row for row in rows_of(record).events}
        for m in (m for m in wanted if m.doc == record.meta.path):
            event = merge_eval._event_at(record, m)
            if event is not None:
                found[(m.doc, m.start, m.end)] = Report(rows[event])
    return found


def example(a: Report, b: Report) -> Optional[dict[str, float]]:
    """The features of a pair the model would score, or None: a conflict, or a pair never
    compared (across articles without a shared named participant, two triggers of one sentence)."""
    within = a.key[0] == b.key[0]
    if a.key == b.key or conflicts(a, b, DAYS) or (within and one_sentence(a, b)):
        return None
    ruled = rule_link(a, b) is not None
    if not within and not ruled and not _shared(a, b):
        return None
    return resemblance.features(a, b, ruled, cosine(a.words, b.words))


def examples(pairs: list[Pair], found: dict) -> tuple[list[dict[str, float]], list[int]]:
    xs, ys = [], []
    for p in pairs:
        a, b = found.get((p.a.doc, p.a.start, p.a.end)), found.get((p.b.doc, p.b.start, p.b.end))
        feats = example(a, b) if a is not None and b is not None else None
        if feats is not None:
            xs.append(feats)
            ys.append(int(p.same))
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[int], c: float) -> resemblance.PairModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)  # "w:bias" and "x:bias": one intercept within articles, one across
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED, fit_intercept=False)
    clf.fit(matrix, ys)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) > 1e-6}
    return resemblance.PairModel(weights, 0.5)


def log_loss(m: resemblance.PairModel, xs: list[dict[str, float]], ys: list[int]) -> float:
    import math

    eps = 1e-6
    return -sum(math.log(max(eps, m.probability(x) if y else 1 - m.probability(x))) for x, y in zip(xs, ys)) / max(1, len(xs))


def end_to_end(pairs: list[Pair], m: resemblance.PairModel, cache: Optional[Path], root: Path) -> dict[str, Any]:
    resemblance.use(m)
    try:
        return {k: v[0] for k, v in merge_eval.evaluate(pairs, cache, root).items()}
    finally:
        resemblance.use(None)


def choose(dev: list[Pair], m: resemblance.PairModel, cache: Optional[Path], root: Path) -> resemblance.PairModel:
    """The (threshold, keep) whose end-to-end dev figures reach PRECISION and WITHIN_PRECISION
    (or, when the rules alone are below them, the rules' own) with the best recall above the
    rules alone; else the rules alone (threshold OFF, keep 0)."""
    rows = []
    for t, keep in [(OFF, 0.0)] + [(t, k) for t in (OFF, *THRESHOLDS) for k in (0.0, *KEEPS)][1:]:
        s = end_to_end(dev, resemblance.PairModel(m.weights, t, keep), cache, root)
        a, w = s["all"], s["within an article"]
        print(f"  threshold {t:.2f} keep {keep:.2f}: dev P {_pct(a.precision)} R {_pct(a.recall)}, "
              f"within P {_pct(w.precision)} R {_pct(w.recall)}")
        rows.append((t, keep, a.precision or 0.0, a.recall or 0.0, w.precision or 0.0))
    base = rows[0]
    good = [r for r in rows[1:] if r[2] >= min(PRECISION, base[2]) and r[4] >= min(WITHIN_PRECISION, base[4])
            and (r[3], r[2]) > (base[3], base[2])]
    best = max(good, key=lambda r: (r[3], r[2], -r[0], -r[1])) if good else base
    return resemblance.PairModel(m.weights, best[0], best[1])


def _pct(x: Optional[float]) -> str:
    return " n/a" if x is None else f"{100 * x:.1f}"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=LABELS)
    parser.add_argument("--texts", type=Path, default=EVAL)
    parser.add_argument("--cache", type=Path, help="a JSONL file of extracted records, read and extended")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    pairs = load(args.pairs)
    train, dev = [p for p in pairs if p.split == "train"], [p for p in pairs if p.split == "dev"]
    found = reports_of(train + dev, args.cache, args.texts)
    xs, ys = examples(train, found)
    dx, dy = examples(dev, found)
    print(f"examples: train {len(xs)} ({sum(ys)} same) of {len(train)} pairs; dev {len(dx)} ({sum(dy)} same) of {len(dev)}")
    losses = {c: log_loss(fit(xs, ys, c), dx, dy) for c in C_GRID}
    c = min(C_GRID, key=lambda k: (losses[k], k))
    print("dev log-loss: " + ", ".join(f"C={k} {v:.3f}" for k, v in losses.items()) + f"; chosen C={c}")
    m = choose(dev, fit(xs, ys, c), args.cache, args.texts)
    print(f"chosen: threshold {m.threshold:.2f}, keep {m.keep:.2f}")
    if not args.no_save:
        import json

        resemblance.MODEL_PATH.write_text(json.dumps(m.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"saved {resemblance.MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
