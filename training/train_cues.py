"""Train the cue detector (sayso/data/cue_weights.json) on PolNeAR train.

    .venv/bin/python training/train_cues.py ../shared/eval/polnear/train

Parses the articles of the part (all 840, which gives the shipped weights; or --sample N of
them drawn with --seed for a quick try; a few minutes of one core for all),
labels each verb by whether it heads a gold cue, and trains an averaged perceptron
(sayso/attribution/learned.py). Measure the result on dev, never on train:
`sayso eval polnear ../shared/eval/polnear/dev`.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from sayso.stages.attribution.learned import WEIGHTS_PATH, Perceptron, examples
from sayso.stages.attribution.lexicon import load_lexicon
from sayso.evaluation.polnear import read_gold
from sayso.nlp.parse import load_model
from sayso.settings import DEFAULT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train_dir", type=Path)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--sample", type=int, default=None, help="train on N articles drawn at random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    lex = load_lexicon()
    nlp = load_model(DEFAULT)
    gold = read_gold(args.train_dir)
    if args.sample:
        random.Random(args.seed).shuffle(gold)
        gold = gold[:args.sample]
    data = []
    for article, doc in zip(gold, nlp.pipe((g.text for g in gold), batch_size=16)):
        data.extend(examples(doc, article.text, article.spans["cue"], lex))
    model = Perceptron()
    model.train(data, epochs=args.epochs)
    model.save(args.out)
    print(f"{len(gold)} articles, {len(data)} verbs, {sum(g for _, g in data)} cues; "
          f"{len(model.weights)} weights written to {args.out}")


if __name__ == "__main__":
    main()
