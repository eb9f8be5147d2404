"""corpora: the toponym elements of GeoWebNews, LGL and GeoVirus XML, and our split of GeoWebNews.

    GeoWebNews: <article><text/><toponyms><toponym><start/><end/><extractedName/>
                <latitude/><longitude/></toponym>
    LGL:        <article><text/><toponyms><toponym><start/><end/><phrase/>
                <gaztag geonameid=".."><name/><lat/><lon/></gaztag></toponym>
    GeoVirus:   <article><text/><locations><location><name/><lat/><lon/><page/>
                <start/><end/></location>

Offsets are character offsets into <text>. The split of GeoWebNews by article (its position in
the file) is data, sayso/data/gwn_split.json, made once with a fixed seed by training.geo.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterator, Optional

from sayso.stages.places.names import DATA

SPLIT = DATA / "gwn_split.json"
PARTS = ("train", "dev", "test")


@dataclass(frozen=True)
class Fields:
    start: int
    end: int
    name: str
    lat: float
    lon: float


def toponym_nodes(article: ET.Element) -> Iterator[ET.Element]:
    """The gold toponym elements of an article in any of the three formats."""
    yield from article.iter("toponym")
    yield from article.iter("location")


def fields(node: ET.Element, text: str) -> Optional[Fields]:
    """Span, name and point of a toponym element; None without coordinates or offsets."""
    lat = _first(node, "latitude", "gaztag/lat", "lat")
    lon = _first(node, "longitude", "gaztag/lon", "lon")
    start, end = node.findtext("start"), node.findtext("end")
    if not (lat and lon and start and end):
        return None
    s, e = int(start), int(end)
    name = _first(node, "extractedName", "phrase") or text[s:e] or (node.findtext("name") or "")
    return Fields(s, e, name, float(lat), float(lon))


def _first(node: ET.Element, *paths: str) -> Optional[str]:
    for path in paths:
        value = node.findtext(path)
        if value and value.strip():
            return value.strip()
    return None


def split() -> dict[str, list[int]]:
    """Article positions of each part of our GeoWebNews split."""
    raw = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {part: list(raw[part]) for part in PARTS}


def make_split(n_articles: int, seed: int, dev: float = 0.2, test: float = 0.2) -> dict:
    """A split by article: shuffled with `seed`, then train / dev / test."""
    import random

    order = list(range(n_articles))
    random.Random(seed).shuffle(order)
    n_dev, n_test = round(n_articles * dev), round(n_articles * test)
    return {"seed": seed, "articles": n_articles,
            "train": sorted(order[n_dev + n_test:]), "dev": sorted(order[:n_dev]),
            "test": sorted(order[n_dev:n_dev + n_test])}
