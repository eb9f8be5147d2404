"""The bundled example articles: invented, marked so, with sidecars, and all readable."""
from __future__ import annotations

import json
from pathlib import Path

from sayso.read import read_sources
from sayso.record import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_are_many_short_marked_and_have_sidecars():
    texts = sorted(EXAMPLES.glob("*.txt"))
    assert len(texts) >= 12
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert 150 <= len(text.split()) <= 400, path.name
        assert text.rstrip().endswith("(Invented for demonstration: not a real news report.)"), path.name
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
        assert meta["invented"] is True and meta["outlet"] and meta["published"], path.name
        assert meta["title"] == text.split("\n", 1)[0].strip(), path.name
    assert "invented" in (EXAMPLES / "README.md").read_text(encoding="utf-8").lower()


def test_examples_directory_reads_every_article_with_its_sidecar():
    items = list(read_sources([str(EXAMPLES)]))
    assert all(isinstance(i, Article) for i in items)
    assert len(items) == len(list(EXAMPLES.glob("*.txt")))  # README.md and sidecars are not articles
    relay = next(a for a in items if a.meta.path.endswith("syria-pilot-relay.txt"))
    assert relay.meta.published == "2012-06-22" and relay.meta.outlet == "Jordan Valley Times"
    assert "The Daily Telegraph reported." in relay.text
