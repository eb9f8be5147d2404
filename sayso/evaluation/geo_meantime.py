"""A second check of place mentions on MEANTIME (no coordinates there: names against DBpedia).

    .venv/bin/python -m sayso.evaluation.geo_meantime ../shared/eval/meantime

Gold: the proper-name entity mentions (syntactic_type NAM) that refer to a LOC entity with a
DBpedia link. A gold mention is found when one of sayso's resolved place mentions
(sayso.stages.places.find_mentions and resolve) overlaps it; its name agrees when the place's
name, or for a country its pycountry names, is the start of the DBpedia title ("Frankfurt am
Main" and "Frankfurt" do not agree). MEANTIME marks places only in the sentences it annotates,
so this measures recall and naming, not precision.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sayso.evaluation.meantime import corpus_files, read_cat, rebuild
from sayso.stages.places import Resolved, find_mentions, resolve
from sayso.stages.places.names import exact_key


def gold_locations(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """The article's text and its NAM mentions of DBpedia-linked LOC entities: start, end, title."""
    root, tokens = read_cat(path)
    text, offsets, _ = rebuild(tokens)
    entities = {e.get("m_id"): e.get("external_ref", "") for e in root.iter("ENTITY")
                if e.get("ent_type") == "LOC" and e.get("external_ref")}
    refers = {s.get("m_id"): r.find("target").get("m_id") for r in root.iter("REFERS_TO")  # type: ignore[union-attr]
              for s in r.findall("source")}
    out = []
    for m in root.iter("ENTITY_MENTION"):
        target = refers.get(m.get("m_id"))
        ids = [a.get("t_id", "") for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if m.get("syntactic_type") == "NAM" and target in entities and ids:
            title = entities[target].rsplit("/", 1)[-1].replace("_", " ")
            out.append((offsets[ids[0]][0], offsets[ids[-1]][1], title))
    return text, out


def agrees(r: Resolved, title: str) -> bool:
    import pycountry

    names = {exact_key(r.name), exact_key(r.candidate.name)}
    country = pycountry.countries.get(alpha_3=r.candidate.country) if r.candidate.country else None
    if country is not None and r.precision == "country":
        names |= {exact_key(country.name), exact_key(getattr(country, "common_name", country.name))}
    return any(n and exact_key(title).startswith(n) for n in names)


def main(folder: str) -> None:
    from sayso.nlp.parse import load_model
    from sayso.settings import DEFAULT

    nlp = load_model(DEFAULT)
    gold = found = named = 0
    for path in corpus_files(Path(folder)):
        text, golds = gold_locations(path)
        resolved = [r for r in resolve(text, find_mentions(nlp(text))) if r is not None]
        for start, end, title in golds:
            hits = [r for r in resolved if r.mention.start < end and start < r.mention.end]
            gold += 1
            found += bool(hits)
            named += bool(hits) and agrees(hits[0], title)
    print(f"MEANTIME location mentions (NAM, DBpedia-linked): {gold}; found {found} "
          f"({100 * found / max(gold, 1):.1f} %); name agrees {named} ({100 * named / max(found, 1):.1f} % of found)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/meantime")
