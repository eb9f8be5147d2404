"""Train the toponym ranker (sayso/data/geo_ranker.json) on our train part of GeoWebNews.

    .venv/bin/python -m training.geo [../shared/eval/geo/GWN.xml]

The split by article is sayso/data/gwn_split.json (60 / 20 / 20 %, made once with seed 17;
--new-split makes it again). Every candidate of every gold toponym of the train articles is an
example, positive when it lies within 161 km of the gold point (names whose candidates are all
wrong or all right teach nothing and are left out). A logistic regression (scikit-learn,
liblinear, fixed seed) is fitted for each setting of the grid; the setting with the best
accuracy within 161 km on dev is kept and written; the test part is scored once, at the end,
for the record. Measure it again with `sayso eval geo GWN.xml --split test`.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from sayso.evaluation.geo import GoldArticle, read_articles, score_given_spans
from sayso.gazetteer import distance_km
from sayso.geo import corpora, ranker
from sayso.geo.features import NAMES
from sayso.places import Mention, prepare

SEED = 17
GRID = [(c, w) for c in (0.01, 0.1, 1.0, 10.0) for w in (None, "balanced")]
DEFAULT_GWN = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "geo" / "GWN.xml"


def examples(articles: list[GoldArticle]) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the candidates of the gold toponyms."""
    xs: list[list[float]] = []
    ys: list[int] = []
    for art in articles:
        tops = sorted(art.toponyms, key=lambda t: t.start)
        inputs = prepare(art.text, [Mention(t.start, t.end, art.text[t.start:t.end]) for t in tops])
        for t, cands, rows in zip(tops, inputs.found, ranker.rows(inputs)):
            labels = [int(distance_km(c.lat, c.lon, t.lat, t.lon) <= 161) for c in cands]
            if 0 < sum(labels) < len(labels):
                xs.extend(rows)
                ys.extend(labels)
    return xs, ys


def fit(xs: list[list[float]], ys: list[int], c: float, weight) -> dict:
    """A logistic regression on standardised features, as the JSON the package reads."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(xs, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[scale == 0] = 0.0, 1.0
    model = LogisticRegression(C=c, class_weight=weight, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit((x - mean) / scale, np.asarray(ys))
    return {"features": list(NAMES), "mean": [round(v, 6) for v in mean], "scale": [round(v, 6) for v in scale],
            "coef": [round(v, 6) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 6),
            "C": c, "class_weight": weight}


def accuracy(raw: dict, articles: list[GoldArticle]) -> float:
    """Accuracy within 161 km of the whole resolution with these weights."""
    write(raw)
    return score_given_spans(articles)["accuracy"]


def write(raw: dict) -> None:
    ranker.WEIGHTS.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    ranker.weights.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gwn", nargs="?", type=Path, default=DEFAULT_GWN)
    parser.add_argument("--new-split", action="store_true", help="draw the split again (seed 17)")
    args = parser.parse_args()
    articles = list(read_articles(str(args.gwn)))
    if args.new_split or not corpora.SPLIT.exists():
        corpora.SPLIT.write_text(json.dumps(corpora.make_split(len(articles), SEED)) + "\n", encoding="utf-8")
    parts = {k: [articles[i] for i in v] for k, v in corpora.split().items()}
    xs, ys = examples(parts["train"])
    print(f"train: {len(parts['train'])} articles, {len(ys)} candidates ({sum(ys)} right)")
    best, best_dev = None, -1.0
    for c, weight in GRID:
        raw = fit(xs, ys, c, weight)
        dev = accuracy(raw, parts["dev"])
        print(f"C={c} class_weight={weight}: dev {dev} %")
        if dev > best_dev:
            best, best_dev = raw, dev
    best["dev_accuracy"] = best_dev
    best["test_accuracy"] = accuracy(best, parts["test"])
    write(best)
    print(f"kept C={best['C']} class_weight={best['class_weight']}: dev {best_dev} %, "
          f"test {best['test_accuracy']} % -> {ranker.WEIGHTS}")


if __name__ == "__main__":
    main()
