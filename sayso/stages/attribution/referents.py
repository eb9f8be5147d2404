"""What a definite description speaker refers to when no earlier speaker is its antecedent.

"The British paper said ..." after "Arutz Sheva, citing The Daily Telegraph, ...", "the
ministry said" after "Syria's Defence Ministry" was named, "the official said" after "a
senior U.S. official" was mentioned: the description refers to the last compatible named
entity mentioned before it. Compatible: for a media noun ("paper", "newspaper", "daily",
"broadcaster") an outlet; for any other head noun ("ministry", "official", "spokesman") an
entity whose name or a mention holds that noun, and not itself a description.
"""
from __future__ import annotations

from typing import Optional

from sayso.stages.attribution.lexicon import Lexicon
from sayso.record import Entity

DESCRIPTION_STARTS = ("the ", "this ", "that ", "these ", "those ")


def is_description(entity: Entity) -> bool:
    """An entity named only by a definite description ("the newspaper"): it names nobody."""
    return entity.name.lower().startswith(DESCRIPTION_STARTS)


def referent(entities: tuple[Entity, ...], lemma: str, kind: str, before: int, lex: Lexicon) -> Optional[Entity]:
    """The last entity mentioned before offset `before` that a description with head noun
    `lemma` (source kind `kind`) can refer to, else None."""
    media = kind == "media" or lemma in lex.media_nouns
    best, best_end = None, -1
    for entity in entities:
        if is_description(entity) or not _compatible(entity, lemma, media):
            continue
        ends = [m.end for m in entity.mentions if m.end <= before]
        if ends and max(ends) > best_end:
            best, best_end = entity, max(ends)
    return best


def _compatible(entity: Entity, lemma: str, media: bool) -> bool:
    if media:
        return entity.kind == "media"
    if entity.kind in ("media", "place"):
        return False
    texts = [entity.name] + [m.text for m in entity.mentions]
    return any(lemma in text.lower().replace("'s", " ").split() for text in texts)
