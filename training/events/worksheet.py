"""Worksheets for annotating events: every trigger candidate the rules propose, in context.

    python -m training.events.worksheet make --batches 6 --out /tmp/annot
    python -m training.events.worksheet apply /tmp/annot/batch-1.json LABELS.jsonl

`make` chooses documents (all PLOVER records and a fixed, seeded sample of the articles),
runs the current pipeline up to events and writes, per batch, a worksheet to read
(batch-N.txt: each sentence with its candidates marked `[[cK ...]]` and what the rules made
of them) and its data (batch-N.json: sentence and candidate offsets). An annotator writes one
JSON line per decision (docs/annotation.md); `apply` turns those lines, where actor and
recipient are written as text of the sentence, into the offset labels kept in
annotations/events/ and says what it cannot place.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any, Iterable

from sayso.evaluation.event_corpus import Document, all_ids, read
from sayso.evaluation.event_labels import LabelError, resolve_line, write_labels

SAMPLE = {"gwn": 125, "polnear": 68, "meantime": 30}


def choose_documents(seed: int = 13) -> list[str]:
    ids = all_ids()
    rng = random.Random(seed)
    chosen = list(ids["plover"])
    for corpus, n in SAMPLE.items():
        pool = list(ids[corpus])
        rng.shuffle(pool)
        chosen.extend(pool[:n])
    return chosen


def _actor_text(draft: Any, entity_id: Any, sentence: Any) -> Any:
    if entity_id is None:
        return None
    ent = next((e for e in draft.entities if e.id == entity_id), None)
    if ent is None:
        return None
    inside = [m for m in ent.mentions if sentence.start_char <= m.start < sentence.end_char]
    return (inside or list(ent.mentions) or [None])[0].text if (inside or ent.mentions) else ent.name


def candidates(draft: Any) -> list[dict]:
    """Every trigger match outside boilerplate, with the rules' event (or none) for it."""
    from sayso.stages.events import ontology_for
    from sayso.stages.events.triggers import find_matches
    from sayso.settings import DEFAULT

    ontology = ontology_for(DEFAULT)
    by_trigger = {(e.trigger.start, e.trigger.end): e for e in draft.events}
    out = []
    for m in find_matches(draft.doc, ontology, draft.article.text):
        ev = by_trigger.get((m.start, m.end))
        sent = m.head.sent
        rule = None
        if ev is not None:
            rule = {"cat": ev.type, "status": ev.status,
                    "actor": _actor_text(draft, ev.actor, sent), "recipient": _actor_text(draft, ev.recipient, sent)}
        out.append({"start": m.start, "end": m.end, "head": m.head.idx, "lexicon": m.trigger.category, "rule": rule})
    return out


def sheet_of(doc: Document, draft: Any) -> dict:
    sents = [(s.start_char, s.end_char) for s in draft.doc.sents if doc.text[s.start_char:s.end_char].strip()]
    return {"doc": doc.id, "split": doc.split, "digest": doc.digest, "sentences": sents, "candidates": candidates(draft)}


def render(doc: Document, sheet: dict, guesses: bool = True) -> str:
    lines = [f"=== DOC {doc.id}  (split {sheet['split']}) ==="]
    cands = sheet["candidates"]
    for k, (s, e) in enumerate(sheet["sentences"]):
        inside = [(i, c) for i, c in enumerate(cands) if s <= c["start"] < e]
        body, pos = [], s
        for i, c in inside:
            body.append(doc.text[pos:c["start"]])
            body.append(f"[[c{i} {doc.text[c['start']:c['end']]}]]")
            pos = c["end"]
        body.append(doc.text[pos:e])
        lines.append(f"[s{k}] " + "".join(body).replace("\n", " / "))
        for i, c in inside:
            r = c["rule"]
            guess = "" if not guesses else "rules: no event" if r is None else (
                f"rules: {r['cat']} {r['status']} actor={r['actor']!r} recipient={r['recipient']!r}")
            lines.append(f"      c{i} ({c['lexicon']} word) {guess}")
    return "\n".join(lines) + "\n"


def make(out: Path, batches: int, doc_ids: list[str] | None = None, first: int = 1, guesses: bool = True) -> None:
    from sayso.evaluation.drafts import drafts_for
    from sayso.settings import DEFAULT

    out.mkdir(parents=True, exist_ok=True)
    docs = [read(i) for i in (doc_ids or choose_documents())]
    sheets = [sheet_of(d, dr) for d, dr in zip(docs, drafts_for(((d.id, d.text) for d in docs), DEFAULT))]
    total = sum(len(s["candidates"]) for s in sheets)
    per, groups, cur, n = total / batches, [], [], 0
    for doc, sheet in zip(docs, sheets):
        cur.append((doc, sheet))
        n += len(sheet["candidates"])
        if n >= per * (len(groups) + 1) and len(groups) < batches - 1:
            groups.append(cur)
            cur = []
    groups.append(cur)
    for b, group in enumerate(groups, first):
        (out / f"batch-{b}.json").write_text(json.dumps([s for _, s in group]))
        (out / f"batch-{b}.txt").write_text("".join(render(d, s, guesses) for d, s in group))
        print(f"batch {b}: {len(group)} documents, {sum(len(s['candidates']) for _, s in group)} candidates")
    print(f"{len(docs)} documents, {total} candidates")


def apply(sheet_path: Path, labels_path: Path, out: Path) -> int:
    sheets = {s["doc"]: s for s in json.loads(sheet_path.read_text())}
    texts: dict[str, str] = {}
    rows, errors = [], 0
    for n, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            doc_id = raw["doc"]
            if doc_id not in texts:
                texts[doc_id] = read(doc_id).text
            rows.append(resolve_line(raw, sheets[doc_id], texts[doc_id]))
        except (LabelError, KeyError, ValueError) as exc:
            errors += 1
            print(f"{labels_path}:{n}: {exc}", file=sys.stderr)
    write_labels(out, rows, sheets)
    print(f"{len(rows)} labels written to {out}; {errors} lines not placed")
    return 1 if errors else 0


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("--batches", type=int, default=6)
    m.add_argument("--out", type=Path, required=True)
    m.add_argument("--docs", type=Path, default=None, help="a JSON list of document ids (default: the first round's choice)")
    m.add_argument("--first", type=int, default=1, help="number of the first batch written")
    m.add_argument("--blind", action="store_true",
                   help="no guesses of the pipeline in the worksheet (for re-annotating labelled documents: the "
                        "trained model has learnt their labels)")
    a = sub.add_parser("apply")
    a.add_argument("sheet", type=Path)
    a.add_argument("labels", type=Path)
    a.add_argument("--out", type=Path, default=None, help="default annotations/events/<labels name>.jsonl")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "make":
        make(args.out, args.batches, json.loads(args.docs.read_text()) if args.docs else None, args.first, not args.blind)
        return 0
    out = args.out or Path(__file__).resolve().parents[2] / "annotations" / "events" / f"{args.labels.stem}.jsonl"
    return apply(args.sheet, args.labels, out)


if __name__ == "__main__":
    raise SystemExit(main())
