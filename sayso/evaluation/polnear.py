"""Attribution spans against PolNeAR (Newell, Margolin & Ruths, LREC 2018), BRAT standoff.

    sayso eval polnear ../shared/eval/polnear/dev [--limit N] [--json] [--check]

DIR holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann (the first annotator file in sorted
order is used). PolNeAR annotates only outermost attributions, so only sayso's outermost ones
are scored: parent null, or parent a relay ("told The Daily Telegraph"). Each role (source,
cue, content) is scored as a set of spans per article; a discontinuous span ("315 448;463
553") counts as its fragments, and fragments separated only by white space are joined, on both
sides. Exact: same start and end. Overlap: a predicted span counts when it shares a character
with a gold span of the same role, and a gold span when a predicted one shares a character.
Articles go through clean, parse, entities and attributions only (later stages do not change
attributions). --check compares with the whole-dev floors in eval_floors.yaml.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from sayso.errors import InputError

HELP = "attribution source / cue / content spans against PolNeAR (BRAT)"
ROLES = ("source", "cue", "content")
LINE = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
FLOORS = Path(__file__).resolve().parents[2] / "eval_floors.yaml"

Spans = set[tuple[int, int]]


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    spans: dict[str, Spans]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="a PolNeAR part: DIR/text/*.txt and DIR/attributions/*.ann")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--check", action="store_true", help="exit 1 when an exact F1 is below its floor")


def run(args: argparse.Namespace) -> int:
    scores = evaluate(Path(args.dir), limit=args.limit)
    if getattr(args, "json", False):
        print(json.dumps(scores, indent=2))
    else:
        print(format_scores(scores))
    if args.check:
        failed = below_floors(scores, load_floors())
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0


def read_gold(directory: Path, limit: Optional[int] = None) -> list[GoldArticle]:
    texts = sorted((directory / "text").glob("*.txt"))
    if not texts:
        raise InputError(str(directory), "no text/*.txt files", "give a PolNeAR part such as polnear/dev")
    articles = []
    for path in texts[:limit] if limit else texts:
        annotations = sorted((directory / "attributions").glob(f"{path.stem}_*.ann"))
        if not annotations:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(GoldArticle(path.stem, text, read_ann(annotations[0], text)))
    return articles


def read_ann(path: Path, text: str) -> dict[str, Spans]:
    """Source, cue and content fragments of a BRAT file (attribution relations not needed)."""
    spans: dict[str, Spans] = {role: set() for role in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if not m or m.group(2).lower() not in spans:
            continue
        fragments = [tuple(int(x) for x in part.split()) for part in m.group(3).split(";")]
        spans[m.group(2).lower()].update(join_fragments(text, fragments))
    return spans


def join_fragments(text: str, fragments: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragments sorted, those separated only by white space joined."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if joined and not text[joined[-1][1]:start].strip():
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def predicted_spans(record) -> dict[str, Spans]:
    from sayso.stages.attribution import outermost

    spans: dict[str, Spans] = {role: set() for role in ROLES}
    text = record.text
    for a in outermost(record.attributions):
        spans["source"].add((a.source.start, a.source.end))
        if a.cue is not None:
            spans["cue"].add((a.cue.start, a.cue.end))
        spans["content"].update(join_fragments(text, ((c.start, c.end) for c in a.content)))
    return spans


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_p: int = 0
    overlap_g: int = 0

    def add(self, pred: Spans, gold: Spans) -> None:
        self.predicted += len(pred)
        self.gold += len(gold)
        self.exact += len(pred & gold)
        self.overlap_p += sum(any(_overlaps(p, g) for g in gold) for p in pred)
        self.overlap_g += sum(any(_overlaps(g, p) for p in pred) for g in gold)

    def scores(self) -> dict[str, dict[str, float]]:
        return {
            "exact": _prf(self.exact, self.exact, self.predicted, self.gold),
            "overlap": _prf(self.overlap_p, self.overlap_g, self.predicted, self.gold),
            "counts": {"predicted": self.predicted, "gold": self.gold},
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(hit_p: int, hit_g: int, predicted: int, gold: int) -> dict[str, float]:
    p = hit_p / predicted if predicted else 0.0
    r = hit_g / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def score(pairs: Iterable[tuple[dict[str, Spans], dict[str, Spans]]]) -> dict:
    """Scores for (predicted, gold) span sets, one pair per article."""
    tallies = {role: Tally() for role in ROLES}
    n = 0
    for pred, gold in pairs:
        n += 1
        for role in ROLES:
            tallies[role].add(pred[role], gold[role])
    return {"articles": n, **{role: tallies[role].scores() for role in ROLES}}




def evaluate(directory: Path, limit: Optional[int] = None, settings=None) -> dict:
    """Scores of the attribution stage on a PolNeAR part: each article is cleaned, parsed and
    run through the stages attributions depend on (the rest of the path does not touch them)."""
    from sayso.nlp.parse import load_model
    from sayso.pipeline import run_stages
    from sayso.record import Article, Failure, Meta
    from sayso.stages.attribution import find_attributions
    from sayso.stages.base import Draft
    from sayso.stages.clean import mark_boilerplate
    from sayso.stages.entities import find_entities
    from sayso.settings import DEFAULT

    settings = settings or DEFAULT
    nlp = load_model(settings)
    gold = read_gold(directory, limit)
    pairs = []
    empty = {role: set() for role in ROLES}
    for g in gold:
        draft = run_stages(Draft(Article(g.text, Meta(path=g.name), g.name)), (mark_boilerplate,), settings)
        if not isinstance(draft, Failure):
            # what attributions need; later stages do not change them
            draft = run_stages(draft.set(doc=nlp(g.text)), (find_entities, find_attributions), settings)
        pairs.append((empty if isinstance(draft, Failure) else predicted_spans(draft.record()), g.spans))
    return score(pairs)


def format_scores(scores: dict) -> str:
    lines = [f"PolNeAR attribution spans, {scores['articles']} articles (outermost attributions)",
             f"{'':10}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>11}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}"]
    for role in ROLES:
        e, o, c = scores[role]["exact"], scores[role]["overlap"], scores[role]["counts"]
        lines.append(f"{role:10}{e['precision']:9.1f}{e['recall']:7.1f}{e['f1']:7.1f}"
                     f"{o['precision']:11.1f}{o['recall']:7.1f}{o['f1']:7.1f}{c['predicted']:7}{c['gold']:7}")
    return "\n".join(lines)


def load_floors(path: Path = FLOORS, part: Optional[str] = None) -> dict[str, float]:
    """The polnear floors of eval_floors.yaml (whole dev part), or those of a sub-part
    (`dev_slice`: the first articles of dev, for a quick test)."""
    import yaml

    if not path.exists():
        return {}
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("polnear") or {}
    if part is not None:
        data = data.get(part) or {}
    return {k: float(v) for k, v in data.items() if k.endswith("_f1")}


def below_floors(scores: dict, floors: dict[str, float]) -> list[str]:
    """'source_exact_f1 61.0 < 70.0' for each floor not met (keys: ROLE_exact_f1, ROLE_overlap_f1)."""
    failed = []
    for key, floor in floors.items():
        role, measure, _ = key.split("_")
        value = scores[role][measure]["f1"]
        if value < floor:
            failed.append(f"{key} {value} < {floor}")
    return failed
