"""Agreement of a blind re-annotation with the labels kept in annotations/events/.

    .venv/bin/python -m training.events.agreement                      # annotations/events/agreement/
    .venv/bin/python -m training.events.agreement --show-disagreements

The re-annotation is made with `python -m training.events.worksheet make --blind` on labelled
documents and `apply ... --out annotations/events/agreement/<name>.jsonl` (that folder is not
read by the training). What is compared: sayso/evaluation/event_agreement.py.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Iterable

from sayso.evaluation.event_agreement import agreement, pairs
from sayso.evaluation.event_labels import LABELS, load


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=LABELS / "agreement")
    parser.add_argument("--show-disagreements", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    second = list(load(args.directory))
    first = list(load())
    for line in agreement(first, second).lines():
        print(line)
    docs = {x.doc for x in second}
    confusions = Counter((a.category or "none", b.category or "none")
                         for a, b in pairs([x for x in first if x.doc in docs], second) if a.category != b.category)
    print("most frequent disagreements (first -> second):",
          ", ".join(f"{a}->{b} {n}" for (a, b), n in confusions.most_common(8)))
    if args.show_disagreements:
        for a, b in pairs([x for x in first if x.doc in docs], second):
            if a.category != b.category:
                print(f"  {a.doc} {a.trigger}: {a.category} / {b.category}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
