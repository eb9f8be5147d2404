"""Events on short news snippets written for the purpose (tests/data/snippets.yaml): how many
non-political snippets (disasters, accidents, disease, crashes, sport, markets, weather,
campaign life) yield an event of any category, and how many political ones yield the expected
category with the expected actor.

    python -m sayso.evaluation.snippets [tests/data/snippets.yaml] [--show]
"""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any, Optional

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "tests" / "data" / "snippets.yaml"


@dataclasses.dataclass(frozen=True)
class Political:
    text: str
    category: str
    actor: Optional[str]


@dataclasses.dataclass(frozen=True)
class Scores:
    nonpolitical: int
    with_event: tuple[str, ...]  # the non-political snippets that yielded an event, with it
    political: int
    category_hits: int
    actor_hits: int
    misses: tuple[str, ...]  # the political snippets without the expected category or actor

    @property
    def event_share(self) -> float:
        return len(self.with_event) / max(self.nonpolitical, 1)

    @property
    def category_share(self) -> float:
        return self.category_hits / max(self.political, 1)

    @property
    def actor_share(self) -> float:
        return self.actor_hits / max(self.political, 1)


def read(path: Path = DEFAULT_PATH) -> tuple[list[str], list[Political]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return list(data["nonpolitical"]), [Political(p["text"], p["category"], p.get("actor")) for p in data["political"]]


def _names(record: Any) -> dict[str, str]:
    return {e.id: e.name for e in record.entities}


def _shares(name: Optional[str], expected: str) -> bool:
    """Whether the actor's name and the expected text share the expected head ("Gunmen" in
    "Unidentified gunmen")."""
    return name is not None and expected.lower() in name.lower()


def _describe(record: Any) -> str:
    names = _names(record)
    return "; ".join(f"{e.type} {e.trigger.text!r} actor={names.get(e.actor or '', None)!r}" for e in record.events)


def score(extractor: Any, path: Path = DEFAULT_PATH) -> Scores:
    """Run `extractor` (sayso.load()) on every snippet of `path` and count."""
    plain, political = read(path)
    records = list(extractor.pipe(plain + [p.text for p in political]))
    with_event = tuple(f"{t} -> {_describe(r)}" for t, r in zip(plain, records[:len(plain)]) if r.events)
    cats = actors = 0
    misses = []
    for p, r in zip(political, records[len(plain):]):
        names = _names(r)
        hits = [e for e in r.events if e.type == p.category]
        cats += bool(hits)
        ok = bool(hits) and (p.actor is None or any(_shares(names.get(e.actor or ""), p.actor) for e in hits))
        actors += ok
        if not ok:
            misses.append(f"{p.text} [{p.category} {p.actor}] -> {_describe(r)}")
    return Scores(len(plain), with_event, len(political), cats, actors, tuple(misses))


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--show", action="store_true", help="print the snippets scored wrong")
    args = parser.parse_args(argv)
    import sayso

    s = score(sayso.load(), Path(args.path))
    if args.show:
        print("non-political snippets with an event:", *s.with_event, sep="\n  ")
        print("political snippets missed:", *s.misses, sep="\n  ")
    print(f"non-political with an event: {len(s.with_event)}/{s.nonpolitical} ({100 * s.event_share:.1f} %)")
    print(f"political category hit: {s.category_hits}/{s.political} ({100 * s.category_share:.1f} %)")
    print(f"political category and actor hit: {s.actor_hits}/{s.political} ({100 * s.actor_share:.1f} %)")


if __name__ == "__main__":
    main()
