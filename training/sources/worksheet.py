"""A worksheet for labelling the origin of event reports (annotations/sources/README.md).

    .venv/bin/python training/sources/worksheet.py polnear/train/NAME gwn/3 ... > sheet.txt

For each sentence that holds an event trigger, prints the sentence with its offsets, each
trigger (offsets, category) and the speakers of the attributions that end in the sentence or
the one before, numbered, so a label can name one by offsets. The sheet shows candidates,
not answers: the annotator reads the sentence and decides the origin of each report.
"""
from __future__ import annotations

import sys

from sayso.evaluation.event_corpus import read
from sayso.pipeline import extract_one
from sayso.record import Article, Meta


def sheet(doc_id: str) -> list[str]:
    doc = read(doc_id)
    record = extract_one(Article(doc.text, Meta(path=doc_id)))
    lines = [f"=== {doc_id} digest {doc.digest}"]
    by_sentence: dict[tuple[int, int], list] = {}
    for event in record.events:
        by_sentence.setdefault((event.sentence.start, event.sentence.end), []).append(event)
    for (start, end), events in sorted(by_sentence.items()):
        lines.append(f"--- [{start}:{end}] {doc.text[start:end]!r}")
        for a in record.attributions:
            if start - 400 <= a.source.start < end:
                lines.append(f"    speaker [{a.source.start}:{a.source.end}] {a.source.text!r}")
        for e in events:
            lines.append(f"    trigger [{e.trigger.start}:{e.trigger.end}] {e.trigger.text!r} {e.type}")
    return lines


if __name__ == "__main__":
    for doc_id in sys.argv[1:]:
        print("\n".join(sheet(doc_id)))
