"""Time-expression values on MEANTIME (CAT XML): `sayso eval meantime DIR --timex`.

Each gold TIMEX3 other than the document creation time (DCT, functionInDocument=CREATION_TIME,
which gives the publication date) is resolved from its text against the DCT with
sayso.stages.dates.resolve_expression, the tense of its clause taken from a spaCy parse of its
sentence; a value is correct when it equals the gold value exactly (2008-12-13, 2008-W50,
P3Y, PRESENT_REF ...).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from sayso.stages.dates import parse_published, resolve_expression, tense_of
from sayso.errors import InputError


@dataclass(frozen=True)
class GoldTimex:
    doc: str
    sentence: tuple[str, ...]  # the sentence's tokens
    first: int  # index of the first and last token of the expression in the sentence
    last: int
    type: str
    value: str
    published: Optional[dt.date]

    @property
    def text(self) -> str:
        return " ".join(self.sentence[self.first : self.last + 1])


def read_timexes(path: str) -> Iterator[GoldTimex]:
    """Every TIMEX3 but the DCT of every CAT XML file under `path`, with its DCT date."""
    files = sorted(Path(path).rglob("*.xml")) if Path(path).is_dir() else [Path(path)]
    if not files or not files[0].exists():
        raise InputError(path, "no CAT XML files found", "give the MEANTIME directory (e.g. ../shared/eval/meantime)")
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as exc:
            raise InputError(str(f), f"not well-formed XML ({exc})") from exc
        yield from _timexes(f.name, root)


def _timexes(name: str, root: ET.Element) -> Iterator[GoldTimex]:
    tokens = {t.get("t_id"): (t.get("sentence"), t.text or "") for t in root.iter("token")}
    sentences: dict[str, list[str]] = {}
    position: dict[str, int] = {}
    for tid, (sent, text) in tokens.items():
        position[tid] = len(sentences.setdefault(sent, []))
        sentences[sent].append(text)
    timexes = list(root.iter("TIMEX3"))
    dct = next((t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"), None)
    published = _dct_date(dct, tokens)
    for t in timexes:
        anchors = [a.get("t_id") for a in t.iter("token_anchor") if a.get("t_id") in tokens]
        if t.get("functionInDocument") == "CREATION_TIME" or not anchors:
            continue
        sent = tokens[anchors[0]][0]
        idx = [position[a] for a in anchors if tokens[a][0] == sent]
        yield GoldTimex(name, tuple(sentences[sent]), min(idx), max(idx), t.get("type", ""),
                        t.get("value", ""), published)


def _dct_date(dct: Optional[ET.Element], tokens: dict) -> Optional[dt.date]:
    """The DCT's value as a date; when it is not ISO (one file has "03-02-2009"), its text."""
    if dct is None:
        return None
    found = parse_published(dct.get("value"))
    if found is not None:
        return found
    text = " ".join(tokens[a.get("t_id")][1] for a in dct.iter("token_anchor") if a.get("t_id") in tokens)
    value = resolve_expression(text, None)
    return parse_published(value[0]) if value and value[1] == "day" else None


def predict(gold: GoldTimex, nlp) -> Optional[str]:
    text = " ".join(gold.sentence)
    start = sum(len(w) + 1 for w in gold.sentence[: gold.first])
    end = start + len(gold.text)
    doc = nlp(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    tense = tense_of(span) if span is not None and len(span) else None
    found = resolve_expression(gold.text, gold.published, tense)
    return found[0] if found else None


def run(args: argparse.Namespace) -> int:
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT

    nlp = load_model(DEFAULT)
    golds = list(read_timexes(args.path))
    by_type: Counter = Counter()
    right: Counter = Counter()
    wrong = []
    for g in golds:
        value = predict(g, nlp)
        by_type[g.type] += 1
        if value == g.value:
            right[g.type] += 1
        else:
            wrong.append({"doc": g.doc, "text": g.text, "gold": g.value, "predicted": value})
    total, correct = len(golds), sum(right.values())
    result = {"path": str(args.path), "timexes": total, "correct": correct,
              "accuracy": round(100 * correct / total, 1) if total else 0.0,
              "by_type": {t: {"timexes": n, "correct": right[t]} for t, n in by_type.most_common()}}
    if getattr(args, "json", False):
        print(json.dumps({**result, "wrong": wrong}, indent=2))
    else:
        _print(result, wrong, getattr(args, "verbose", False))
    if getattr(args, "check", False):
        from sayso.evaluation.geo import below_floors

        failed = below_floors({"accuracy": result["accuracy"]}, "timex")
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0


def _print(result: dict, wrong: list, verbose: bool) -> None:
    print(f"{result['timexes']} TIMEX3 with tokens (DCT excluded): {result['correct']} values right "
          f"= {result['accuracy']} %")
    for t, d in result["by_type"].items():
        print(f"  {t}: {d['correct']}/{d['timexes']}")
    if verbose:
        for w in wrong:
            print(f"  wrong: {w['text']!r} gold {w['gold']} predicted {w['predicted']}  ({w['doc']})")
