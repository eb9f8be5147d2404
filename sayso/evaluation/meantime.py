"""Event factuality on MEANTIME (CAT XML): does sayso's status of each gold event mention agree?

    sayso eval meantime DIR [--json] [--check] [--timex]

DIR is one corpus folder of CAT XML files (corpus_apple) or a folder holding several. Each
article's text is rebuilt from its tokens and run through the pipeline; each gold
EVENT_MENTION is scored on its first anchor token: the status of the sayso event whose trigger
covers it, else the status rules (sayso.stages.events.status) applied to that token.
Gold classes: polarity NEG -> negated; else certainty POSSIBLE or PROBABLE -> possible; else
time FUTURE -> future; else happened. Mentions with no factuality attributes are skipped.
sayso classes: occurred, ongoing, claimed -> happened; planned, expected, threatened -> future;
possible, considered -> possible; negated -> negated.
--timex scores time expressions instead (sayso.evaluation.timex).
"""
from __future__ import annotations

import argparse
import importlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from sayso.errors import InputError, SaysoError

HELP = "event factuality (happened / future / possible / negated) on MEANTIME CAT XML"
CLASSES = ("happened", "future", "possible", "negated")
STATUS_CLASS = {
    "occurred": "happened", "ongoing": "happened", "claimed": "happened",
    "planned": "future", "expected": "future", "threatened": "future",
    "possible": "possible", "considered": "possible", "negated": "negated",
}
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve",
                   "'ll", "'d", "'m", "'S", "''"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets of the scored token in the rebuilt text
    end: int
    gold: str  # one of CLASSES
    words: str


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    mentions: tuple[Mention, ...]


def gold_class(certainty: str, polarity: str, time: str) -> Optional[str]:
    """The four-way factuality class of a MEANTIME event mention, or None when unannotated."""
    if not (certainty or polarity or time):
        return None
    if polarity == "NEG":
        return "negated"
    if certainty in ("POSSIBLE", "PROBABLE"):
        return "possible"
    if time == "FUTURE":
        return "future"
    return "happened"


def rebuild(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]], dict[int, int]]:
    """Text from (t_id, sentence, word) tokens: title and date line as paragraphs, then the body;
    the offsets of each token and the end offset of each sentence."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_end: dict[int, int] = {}
    pos, prev_sent, prev_word = 0, None, None
    for t_id, sent, word in tokens:
        if prev_sent is not None:
            if sent != prev_sent and prev_sent <= 1:
                sep = "\n\n"
            elif word in NO_SPACE_BEFORE or prev_word in NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        offsets[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        sentence_end[sent] = pos
        prev_sent, prev_word = sent, word
    return "".join(parts), offsets, sentence_end


def read_cat(path: Path) -> tuple[ET.Element, list[tuple[str, int, str]]]:
    """A CAT XML file's root and its (t_id, sentence, word) tokens."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"not readable as CAT XML ({exc})", "pass a MEANTIME corpus folder") from exc
    return root, [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]


def read_article(path: Path) -> Article:
    root, tokens = read_cat(path)
    text, offsets, _ = rebuild(tokens)
    mentions = []
    for m in root.iter("EVENT_MENTION"):
        gold = gold_class(m.get("certainty", ""), m.get("polarity", ""), m.get("time", ""))
        anchors = [a.get("t_id") for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if gold is None or not anchors:
            continue
        start, end = offsets[anchors[0]]
        words = " ".join(text[offsets[a][0]:offsets[a][1]] for a in anchors)
        mentions.append(Mention(start, end, gold, words))
    return Article(path.stem, text, tuple(mentions))


def corpus_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(str(path), "no such file or folder", "pass a MEANTIME corpus folder, e.g. corpus_apple")
    files = sorted(path.glob("*.xml")) or sorted(path.glob("*/*.xml"))
    if not files:
        raise InputError(str(path), "no CAT XML files here", "pass a folder of MEANTIME .xml files")
    return files


def predict(article: Article, draft: Any) -> list[str]:
    """The predicted class of each gold mention of the article."""
    from sayso.stages.events import ontology_for
    from sayso.stages.events.status import status_of
    from sayso.settings import DEFAULT

    lex = ontology_for(DEFAULT).status
    triggers = {(e.trigger.start, e.trigger.end): e.status for e in getattr(draft, "events", ())}
    out = []
    for m in article.mentions:
        status = next((s for (a, b), s in triggers.items() if a <= m.start and m.end <= b), None)
        if status is None:
            span = draft.doc.char_span(m.start, m.end, alignment_mode="expand")
            token = span.root if span is not None and len(span) else None
            status = status_of(token, lex)[0] if token is not None else "occurred"
        out.append(STATUS_CLASS[status])
    return out


def score(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    pairs = list(pairs)
    n = len(pairs)
    per_class = {}
    for c in CLASSES:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {"gold": tp + fn, "predicted": tp + fp, "precision": round(prec, 3),
                        "recall": round(rec, 3), "f1": round(f1, 3)}
    accuracy = sum(1 for g, p in pairs if g == p) / n if n else 0.0
    macro = sum(v["f1"] for v in per_class.values()) / len(CLASSES)
    return {"mentions": n, "accuracy": round(100 * accuracy, 1), "macro_f1": round(macro, 3), "classes": per_class}


def evaluate(path: Path) -> dict[str, Any]:
    articles = [read_article(p) for p in corpus_files(path)]
    pairs = []
    from sayso.evaluation.drafts import drafts_for
    from sayso.settings import DEFAULT

    drafts = drafts_for(((a.name, a.text) for a in articles), DEFAULT)
    for article, draft in zip(articles, drafts):
        pairs.extend(zip((m.gold for m in article.mentions), predict(article, draft)))
    result = score(pairs)
    result["articles"] = len(articles)
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="a MEANTIME corpus folder (or a folder of several)")
    parser.add_argument("--timex", action="store_true", help="score time expression values instead")
    parser.add_argument("--check", action="store_true", help="exit 1 when a score is below its floor")


def _print(result: dict[str, Any]) -> None:
    print(f"MEANTIME factuality: {result['articles']} articles, {result['mentions']} event mentions")
    print(f"accuracy {result['accuracy']:.1f} %   macro-F1 {result['macro_f1']:.3f}")
    print(f"{'class':<10}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for name, c in result["classes"].items():
        print(f"{name:<10}{c['gold']:>6}{c['predicted']:>6}{c['precision']:>7.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}")


def below_floors(result: dict[str, Any], section: str) -> list[str]:
    """Scores under their floor in eval_floors.yaml (empty when the file or section is absent)."""
    import yaml

    path = Path(__file__).resolve().parents[2] / "eval_floors.yaml"
    if not path.exists():
        return []
    floors = (yaml.safe_load(path.read_text()) or {}).get(section) or {}
    return [f"{k} {result.get(k)} < floor {v}" for k, v in floors.items() if result.get(k, 0) < v]


def run(args: argparse.Namespace) -> int:
    if args.timex:
        try:
            timex = importlib.import_module("sayso.evaluation.timex")
        except ModuleNotFoundError as exc:
            if exc.name != "sayso.evaluation.timex":
                raise
            raise SaysoError(
                "time expression scoring (sayso.evaluation.timex) is not available in this "
                "version; run `sayso eval meantime DIR` without --timex for factuality"
            ) from exc
        return timex.run(args)
    return finish(evaluate(args.path), args, "meantime", _print)


def finish(result: dict, args: argparse.Namespace, section: str, show) -> int:
    """Print the figures (JSON with --json) and, with --check, fail below the floors."""
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
    else:
        show(result)
    if getattr(args, "check", False):
        failed = below_floors(result, section)
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0
