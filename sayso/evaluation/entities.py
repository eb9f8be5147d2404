"""Entities on MEANTIME (CAT XML): are the people, organizations and places found, of the right
kind, and are mentions of one entity joined?

    sayso eval entities DIR [--json]
    python -m sayso.evaluation.entities DIR [--json]

DIR is one MEANTIME corpus folder (corpus_apple) or a folder holding several. Each article's text
is rebuilt from its tokens and run through clean -> parse -> entities only. Gold mentions are the
ENTITY_MENTIONs that are names (NAM) or noun phrases (NOM) of a PER, ORG or LOC entity (pronouns
are left to the attribution stage, products and money are not entities in sayso). Matching is
relaxed: a gold mention is found when a sayso mention overlaps it.
- recall: gold mentions found; precision: sayso mentions inside the annotated sentences that
  overlap some gold entity mention (of any type);
- kind accuracy: of the found mentions, the share whose entity kind fits the gold type
  (PER: person / anonymous_person / anonymous_group / group; ORG: organization / media / group;
  LOC: place);
- joining, pairwise: among found gold mentions of one article, a pair is linked in gold when both
  refer to one entity instance and linked by sayso when both fall in one sayso entity; precision
  and recall of sayso's links.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Optional

from sayso.evaluation.meantime import corpus_files, read_cat, rebuild

HELP = "entity mentions, kinds and joining on MEANTIME CAT XML"
GOLD_TYPES = ("PER", "ORG", "LOC")
FITS = {
    "PER": {"person", "anonymous_person", "anonymous_group", "group"},
    "ORG": {"organization", "media", "group"},
    "LOC": {"place"},
}


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    type: str  # PER | ORG | LOC | other
    instance: str


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    mentions: tuple[GoldMention, ...]  # names and noun phrases of every type
    annotated_end: int  # offset after the last annotated sentence


def read_article(path: Path) -> GoldArticle:
    root, tokens = read_cat(path)
    sentence_of = {t_id: sent for t_id, sent, _ in tokens}
    text, offsets, sentence_end = rebuild(tokens)
    types = {e.get("m_id"): (e.get("ent_type", ""), e.get("instance_id", "")) for e in root.iter("ENTITY")}
    refers = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        for source in rel.findall("source"):
            if target is not None:
                refers[source.get("m_id")] = target.get("m_id")
    mentions, last_sentence = [], 1
    for m in root.iter("ENTITY_MENTION"):
        anchors = [a.get("t_id") for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if not anchors:
            continue
        last_sentence = max(last_sentence, max(sentence_of[a] for a in anchors))
        if m.get("syntactic_type") not in ("NAM", "NOM"):
            continue
        ent_type, instance = types.get(refers.get(m.get("m_id"), ""), ("", ""))
        start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
        mentions.append(GoldMention(start, end, ent_type if ent_type in GOLD_TYPES else "other", instance))
    return GoldArticle(path.stem, text, tuple(mentions), sentence_end.get(last_sentence, len(text)))


def _overlapping(start: int, end: int, spans: list[tuple[int, int, Any]]) -> Optional[Any]:
    best, best_score = None, (0, 0)
    for s, e, item in spans:
        overlap = min(end, e) - max(start, s)
        if overlap > 0 and (overlap, s - e) > best_score:  # on a tie, the tighter span
            best, best_score = item, (overlap, s - e)
    return best


def score_article(gold: GoldArticle, entities: tuple[Any, ...], counts: dict[str, int]) -> None:
    """Add one article's counts (see the module docstring) to `counts`."""
    ours = [(m.start, m.end, e) for e in entities for m in e.mentions if m.end <= gold.annotated_end]
    gold_all = [(g.start, g.end, g) for g in gold.mentions]
    counts["predicted"] += len(ours)
    counts["predicted_correct"] += sum(1 for s, e, _ in ours if _overlapping(s, e, gold_all) is not None)
    found: list[tuple[GoldMention, Any]] = []
    for g in gold.mentions:
        if g.type not in GOLD_TYPES:
            continue
        counts["gold"] += 1
        entity = _overlapping(g.start, g.end, ours)
        if entity is not None:
            found.append((g, entity))
            counts["found"] += 1
            counts["kind_correct"] += entity.kind in FITS[g.type]
    for (g1, e1), (g2, e2) in combinations(found, 2):
        gold_link, our_link = g1.instance == g2.instance and g1.instance != "", e1.id == e2.id
        counts["gold_links"] += gold_link
        counts["our_links"] += our_link
        counts["both_links"] += gold_link and our_link


def _ratio(a: int, b: int) -> float:
    return round(100.0 * a / b, 1) if b else 0.0


def evaluate(path: Path) -> dict[str, Any]:
    from sayso.stages.clean import mark_boilerplate
    from sayso.stages.entities import find_entities
    from sayso.nlp.parse import load_model
    from sayso.stages.base import Draft
    from sayso.record import Article, Meta
    from sayso.settings import DEFAULT

    articles = [read_article(p) for p in corpus_files(path)]
    nlp = load_model(DEFAULT)
    keys = ("gold", "found", "kind_correct", "predicted", "predicted_correct", "gold_links", "our_links", "both_links")
    counts = dict.fromkeys(keys, 0)
    docs = nlp.pipe((a.text for a in articles), batch_size=DEFAULT.batch_size)
    for gold, doc in zip(articles, docs):
        draft = mark_boilerplate(Draft(Article(gold.text, Meta(), gold.name)), DEFAULT)
        draft = find_entities(draft.set(doc=doc), DEFAULT)
        score_article(gold, draft.entities, counts)
    link_p, link_r = _ratio(counts["both_links"], counts["our_links"]), _ratio(counts["both_links"], counts["gold_links"])
    return {
        "articles": len(articles),
        "gold_mentions": counts["gold"],
        "mention_recall": _ratio(counts["found"], counts["gold"]),
        "mention_precision": _ratio(counts["predicted_correct"], counts["predicted"]),
        "kind_accuracy": _ratio(counts["kind_correct"], counts["found"]),
        "link_precision": link_p,
        "link_recall": link_r,
        "link_f1": round(2 * link_p * link_r / (link_p + link_r), 1) if link_p + link_r else 0.0,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="DIR", help="MEANTIME corpus folder (CAT XML files)")


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.path)
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m sayso.evaluation.entities", description=__doc__)
    add_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    sys.exit(run(parser.parse_args()))
