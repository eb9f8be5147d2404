"""Train the toponym ranker (sayso/data/geo_ranker.json) on our train part of GeoWebNews.

    .venv/bin/python -m training.geo [../shared/eval/geo/GWN.xml]

The split by article is sayso/data/gwn_split.json (60 / 20 / 20 %, made once with seed 17;
--new-split makes it again). Every candidate of every gold toponym of the train articles is an
example, right when it lies within 161 km of the gold point (names whose candidates are all
wrong or all right teach nothing and are left out). A pairwise logistic regression (scikit-learn,
liblinear, fixed seed; right minus wrong candidate of one name) is fitted for each C of the
grid; the C with the best dev accuracy within 161 km (then the most dev names ranked right) is
kept and written. The test part is scored only with --score-test (once, at the end, for the
record; never while tuning); measure it again with `sayso eval geo GWN.xml --split test`.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from sayso.evaluation.geo import GoldArticle, read_articles, score_given_spans
from sayso.stages.places.gazetteer import distance_km
from sayso.evaluation import geo_corpora as corpora
from sayso.stages.places import ranker
from sayso.stages.places.features import NAMES
from sayso.stages.places import Mention, prepare

SEED = 17
GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DEFAULT_GWN = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "geo" / "GWN.xml"


def examples(articles: list[GoldArticle]) -> list[tuple[list[list[float]], list[int]]]:
    """Per gold toponym: the feature rows of its candidates and whether each is right (within
    161 km). Names whose candidates are all right or all wrong teach nothing and are left out."""
    out = []
    for art in articles:
        tops = sorted(art.toponyms, key=lambda t: t.start)
        inputs = prepare(art.text, [Mention(t.start, t.end, art.text[t.start:t.end]) for t in tops])
        for t, cands, rows in zip(tops, inputs.found, ranker.rows(inputs)):
            labels = [int(distance_km(c.lat, c.lon, t.lat, t.lon) <= 161) for c in cands]
            if 0 < sum(labels) < len(labels):
                out.append((rows, labels))
    return out


def pairs(groups, mean, scale):
    """Differences of standardised rows, right minus wrong (1) and wrong minus right (0), each
    name weighing the same in all."""
    import numpy as np

    xs, ys, ws = [], [], []
    for rows, labels in groups:
        x = (np.asarray(rows, dtype=float) - mean) / scale
        right = [i for i, y in enumerate(labels) if y]
        wrong = [i for i, y in enumerate(labels) if not y]
        weight = 1.0 / (len(right) * len(wrong))
        for i in right:
            for j in wrong:
                xs += [x[i] - x[j], x[j] - x[i]]
                ys += [1, 0]
                ws += [weight, weight]
    return np.asarray(xs), np.asarray(ys), np.asarray(ws)


def fit(groups, c: float) -> dict:
    """A pairwise logistic regression (no intercept) as the JSON the package reads."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray([row for rows, _ in groups for row in rows], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[scale == 0] = 0.0, 1.0
    px, py, pw = pairs(groups, mean, scale)
    model = LogisticRegression(C=c, fit_intercept=False, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(px, py, sample_weight=pw)
    return {"features": list(NAMES), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]], "intercept": 0.0, "C": c}


def ranking_accuracy(raw: dict, groups) -> float:
    """Share of names (with right and wrong candidates) whose top-scored candidate is right."""
    model = ranker.Weights(tuple(raw["features"]), tuple(raw["mean"]), tuple(raw["scale"]),
                           tuple(raw["coef"]), raw["intercept"])
    hits = 0
    for rows, labels in groups:
        scores = [model.score(x) for x in rows]
        hits += labels[scores.index(max(scores))]
    return round(100 * hits / len(groups), 2) if groups else 0.0


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
    parser.add_argument("--score-test", action="store_true", help="score the test part once at the end")
    args = parser.parse_args()
    articles = list(read_articles(str(args.gwn)))
    if args.new_split or not corpora.SPLIT.exists():
        corpora.SPLIT.write_text(json.dumps(corpora.make_split(len(articles), SEED)) + "\n", encoding="utf-8")
    parts = {k: [articles[i] for i in v] for k, v in corpora.split().items()}
    groups = examples(parts["train"])
    print(f"train: {len(parts['train'])} articles, {len(groups)} names with right and wrong candidates")
    dev_groups = examples(parts["dev"])
    best, best_dev = None, (-1.0, -1.0)
    for c in GRID:
        raw = fit(groups, c)
        dev = (accuracy(raw, parts["dev"]), ranking_accuracy(raw, dev_groups))
        print(f"C={c}: dev {dev[0]} % within 161 km, names ranked right {dev[1]} %")
        if dev > best_dev:
            best, best_dev = raw, dev
    best["dev_accuracy"], best["dev_ranking_accuracy"] = best_dev
    best_dev = best_dev[0]
    if args.score_test:
        best["test_accuracy"] = accuracy(best, parts["test"])
    write(best)
    test = f", test {best['test_accuracy']} %" if args.score_test else ""
    print(f"kept C={best['C']}: dev {best_dev} %{test} -> {ranker.WEIGHTS}")


if __name__ == "__main__":
    main()
