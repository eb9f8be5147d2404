"""How many labels the annotations hold, per split and per category.

    .venv/bin/python -m training.events.counts                                # annotations/events/*.jsonl
    .venv/bin/python -m training.events.counts --pattern 'batch-[1-7].jsonl'   # the first round only
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Iterable

from sayso.evaluation.event_labels import CATEGORIES, LABELS, Label, load

SPLITS = ("train", "dev", "test")


def table(labels: list[Label]) -> list[str]:
    """Labels, events and documents per split; labels per category and split."""
    docs = {x.doc: x.split for x in labels}
    lines = ["split   labels  events  documents"]
    for s in SPLITS:
        lines.append(f"{s:6} {sum(x.split == s for x in labels):7} {sum(x.split == s and x.event for x in labels):7}"
                     f" {sum(v == s for v in docs.values()):10}")
    lines.append(f"all    {len(labels):7} {sum(x.event for x in labels):7} {len(docs):10}")
    by = Counter((x.category or "none", x.split) for x in labels)
    lines.append("category    " + "  ".join(f"{s:>5}" for s in SPLITS))
    for c in ("none", *CATEGORIES):
        lines.append(f"{c:10}  " + "  ".join(f"{by[(c, s)]:5}" for s in SPLITS))
    return lines


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=LABELS)
    parser.add_argument("--pattern", default="*.jsonl", help="which label files (a glob), e.g. 'batch-[1-7].jsonl'")
    args = parser.parse_args(list(argv) if argv is not None else None)
    print("\n".join(table(list(load(args.directory, pattern=args.pattern)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
