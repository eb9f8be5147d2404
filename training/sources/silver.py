"""Crediting against PolNeAR's gold attributions: a large, noisy check for finding kinds of error.

    .venv/bin/python training/sources/silver.py [--limit 60] [--offset 0] [--examples 8]

For each PolNeAR article whose team split (`split_of`) is train or dev, every event the
pipeline finds outside a gold cue gets a silver origin: the source of the smallest gold
content that holds its trigger, else the article. PolNeAR annotates outermost attributions
only, so a report credited to a speaker named inside a gold content is counted apart
("nested") and not judged. The figure is not the team's measure (`sayso eval sources` is):
it only lists where the crediting and PolNeAR disagree, by kind, to look for general errors.
"""
from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sayso.evaluation.event_corpus import EVAL, split_of
from sayso.evaluation.polnear import join_fragments
from sayso.evaluation.sources import ARTICLE, _right, predicted_origin

LINE = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
RELATION = re.compile(r"^E\d+\t(.*)$")


def gold_attributions(path: Path, text: str) -> list[dict[str, list[tuple[int, int]]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if m:
            fragments = [tuple(int(x) for x in part.split()) for part in m.group(3).split(";")]
            spans[m.group(1)] = join_fragments(text, fragments)  # type: ignore[arg-type]
            continue
        r = RELATION.match(line)
        if r:
            roles: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
            for part in r.group(1).split():
                role, _, tid = part.partition(":")
                if role.lower() in roles and tid in spans:
                    roles[role.lower()] += spans[tid]
            relations.append(roles)
    return relations


def silver_origin(gold: list[dict[str, Any]], start: int, end: int) -> Any:
    best, size = None, None
    for g in gold:
        for s, e in g["content"]:
            if s <= start and end <= e and (size is None or e - s < size):
                best, size = g, e - s
    if best is None or not best["source"]:
        return ARTICLE, best
    return best["source"][0], best


def documents(limit: int, offset: int) -> list[str]:
    ids = []
    for part in ("train", "dev"):
        for path in sorted((EVAL / "polnear" / part / "text").glob("*.txt")):
            doc_id = f"polnear/{part}/{path.stem}"
            if split_of(doc_id) in ("train", "dev"):
                ids.append(doc_id)
    return ids[offset:offset + limit]


def sentence(text: str, start: int, end: int) -> str:
    s = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start - 1)) + 1
    e = min([x for x in (text.find("\n", end), text.find(". ", end)) if x >= 0] or [len(text)])
    return text[s:e + 1].strip()


def main() -> None:
    from sayso.ledger.sources import Index
    from sayso.pipeline import extract_one
    from sayso.record import Article, Meta

    p = argparse.ArgumentParser()
    p.add_argument("--limit", type=int, default=60)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--examples", type=int, default=8)
    args = p.parse_args()
    kinds: dict[str, list[str]] = defaultdict(list)
    right = total = 0
    for doc_id in documents(args.limit, args.offset):
        _, part, name = doc_id.split("/", 2)
        text = (EVAL / "polnear" / part / "text" / f"{name}.txt").read_text(encoding="utf-8")
        anns = sorted((EVAL / "polnear" / part / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        gold = gold_attributions(anns[0], text)
        cues = [c for g in gold for c in g["cue"]]
        record = extract_one(Article(text, Meta(path=doc_id)))
        index = Index(record)
        for event in record.events:
            t0, t1 = event.trigger.start, event.trigger.end
            if any(s < t1 and t0 < e for s, e in cues):
                continue
            origin, holder = silver_origin(gold, t0, t1)
            predicted = predicted_origin(index, event)
            total += 1
            if _right(index, event, predicted, origin):
                right += 1
                continue
            kind = _kind(predicted, origin, holder)
            shown_p = predicted if isinstance(predicted, str) else repr(text[predicted[0]:predicted[1]])
            shown_g = origin if isinstance(origin, str) else repr(text[origin[0]:origin[1]])
            kinds[kind].append(f"{doc_id} {event.trigger.text!r}: {shown_p} for {shown_g}\n        | {sentence(text, t0, t1)}")
    print(f"{right} of {total} agree ({100.0 * right / max(total, 1):.1f} %)")
    for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"  {kind}: {len(rows)}")
        for row in rows[:args.examples]:
            print(f"      {row}")


def _kind(predicted: Any, origin: Any, holder: Any) -> str:
    if origin == ARTICLE:
        return "speaker, PolNeAR: article"
    if predicted == ARTICLE:
        return "article, PolNeAR: speaker"
    if isinstance(predicted, str):
        return "another outlet"
    inside = any(s <= predicted[0] and predicted[1] <= e for s, e in holder["content"])
    return "nested (not judged)" if inside else "wrong speaker"


if __name__ == "__main__":
    main()
