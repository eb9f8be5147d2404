"""The example article's 17 attributions (../shared/examples/syria-defections.gold.yaml):
speaker, cue, type, chain, and the entity a pronoun or description resolves to."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sayso.stages.attribution import chain

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "syria-defections.gold.yaml"


def gold():
    if not GOLD.exists():
        return {}
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


GOLD_DATA = gold()
ATTRIBUTIONS = GOLD_DATA.get("attributions", [])


def aliases(entity_id: str) -> list[str]:
    for e in GOLD_DATA.get("entities", []):
        if e["id"] == entity_id:
            return [a.lower() for a in e.get("aliases", [])]
    return []


def candidates(record, g: dict) -> list:
    """Attributions whose speaker, cue and type match the gold line."""
    speaker = g["speaker"].lower()
    found = []
    for a in record.attributions:
        if speaker not in a.source.text.lower() or a.type != g["kind"]:
            continue
        if g["cue"] is None and a.cue is None and a.content:
            found.append(a)
        elif g["cue"] is not None and a.cue is not None and a.cue.text.lower().rstrip(":").endswith(g["cue"].lower()):
            found.append(a)
    return found


def chain_matches(got: list[str], want: list[str]) -> bool:
    return len(got) == len(want) and all(w.lower() in g.lower() or g.lower() in w.lower() for g, w in zip(got, want))


def entity_of_alias(record, entity_id: str):
    """The entity of the first attribution whose source is one of the gold entity's aliases."""
    names = aliases(entity_id)
    for a in record.attributions:
        if a.source.text.lower() in names:
            return a.source.entity
    return None


@pytest.mark.skipif(not ATTRIBUTIONS, reason="../shared/examples is not beside the checkout")
@pytest.mark.parametrize("index", range(len(ATTRIBUTIONS) or 17))
def test_gold_attribution_is_found(syria_record, index):
    g = ATTRIBUTIONS[index]
    found = candidates(syria_record, g)
    assert found, f"no attribution for {g}"
    if "chain" in g:
        want = g["chain"] if syria_record.meta.outlet else g["chain"][1:]
        chains = [chain(syria_record, a.id) for a in found]
        assert any(chain_matches(c, want) for c in chains), (chains, want)
    if "resolves_to" in g:
        target = entity_of_alias(syria_record, g["resolves_to"])
        assert target is not None
        assert any(a.source.entity == target for a in found), [a.source for a in found]
    if "quoted" in g:
        assert any(g["quoted"].strip("“”\",") in c.text for a in found for c in a.content)
