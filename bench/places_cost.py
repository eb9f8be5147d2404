"""CPU time of the places stage (mentions and resolution) next to spaCy's parse of the same texts.

    .venv/bin/python bench/places_cost.py [../shared/eval/geo/GWN.xml] [--articles 60] [--rounds 5]

Parses the first N GeoWebNews articles once with the pinned model (CPU time), then times
`resolve(text, find_mentions(doc))` over the parsed docs in several rounds (warm caches) and
prints the median and its share of the parse. CPU time, so other processes on the machine
matter less than for bench/throughput.py.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sayso.evaluation.geo import read_articles  # noqa: E402
from sayso.nlp.parse import load_model  # noqa: E402
from sayso.settings import DEFAULT  # noqa: E402
from sayso.stages.places import find_mentions, resolve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gwn", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "geo" / "GWN.xml"))
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = [a.text for a in read_articles(args.gwn)][: args.articles]
    nlp = load_model(DEFAULT)
    list(nlp.pipe(texts[:5]))  # model warm-up
    start = time.process_time()
    docs = list(nlp.pipe(texts))
    parse = time.process_time() - start
    for doc in docs:  # gazetteer, ranker weights and lexicons loaded, untimed
        resolve(doc.text, find_mentions(doc))
    rounds = []
    for _ in range(args.rounds):
        start = time.process_time()
        for doc in docs:
            resolve(doc.text, find_mentions(doc))
        rounds.append(time.process_time() - start)
    places = statistics.median(rounds)
    print(f"{len(texts)} articles: parse {parse:.2f} s CPU; places stage median {places:.3f} s CPU "
          f"= {100 * places / parse:.1f} % of the parse")


if __name__ == "__main__":
    main()
