"""The attribution lexicon (sayso/data/cues.yaml), read once and frozen into sets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from sayso.errors import SaysoError


LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "cues.yaml"


@dataclass(frozen=True)
class Lexicon:
    cue_verbs: frozenset[str]
    clause_only: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    telling: frozenset[str]
    telling_with_clause: frozenset[str]
    telling_prepositions: frozenset[str]
    interview_nouns: frozenset[str]
    media_nouns: frozenset[str]
    media_name_words: frozenset[str]
    media_not_alone: frozenset[str]
    document_nouns: frozenset[str]
    anonymous_nouns: frozenset[str]
    group_nouns: frozenset[str]
    indefinite: frozenset[str]
    pronoun_gender: dict[str, str]
    word_gender: dict[str, str]
    headline_labels: frozenset[str] = frozenset()  # "Report:", "Exclusive:": never speakers
    caption_labels: frozenset[str] = frozenset()  # "By:", "... Buy Photo:": bylines, captions
    it_cues: frozenset[str] = frozenset()  # "It said": verbs whose active subject "it" is a speaker
    report_nouns: frozenset[str] = frozenset()  # "amid reports that X": nouns that say their that-clause
    intention_nouns: frozenset[str] = frozenset()  # "Trump's plan to deport": a possessor's intention


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _genders(table: dict) -> dict[str, str]:
    return {str(w).lower(): gender for gender, words in (table or {}).items() for w in words}


def parse_lexicon(data: dict) -> Lexicon:
    verbs = data.get("verbs") or {}
    word_gender = _genders(data.get("gender_words"))
    word_gender.update(_genders(data.get("first_names")))
    return Lexicon(
        cue_verbs=frozenset(str(w).lower() for group in verbs.values() for w in group),
        clause_only=_words(data, "clause_only"),
        phrases=tuple(tuple(str(w).lower() for w in p) for p in data.get("phrases") or ()),
        telling=_words(data, "telling"),
        telling_with_clause=_words(data, "telling_with_clause"),
        telling_prepositions=_words(data, "telling_prepositions"),
        interview_nouns=_words(data, "interview_nouns"),
        media_nouns=_words(data, "media_nouns"),
        media_name_words=_words(data, "media_name_words"),
        media_not_alone=_words(data, "media_not_alone"),
        document_nouns=_words(data, "document_nouns"),
        anonymous_nouns=_words(data, "anonymous_nouns"),
        group_nouns=_words(data, "group_nouns"),
        indefinite=_words(data, "indefinite_determiners"),
        pronoun_gender=_genders(data.get("pronouns")),
        word_gender=word_gender,
        headline_labels=_words(data, "headline_labels"),
        caption_labels=_words(data, "caption_labels"),
        it_cues=_words(data, "it_cues"),
        report_nouns=_words(data, "report_nouns"),
        intention_nouns=_words(data, "intention_nouns"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    try:
        text = LEXICON_PATH.read_text(encoding="utf-8")
        return parse_lexicon(yaml.safe_load(text))
    except (OSError, yaml.YAMLError) as exc:
        raise SaysoError(f"cannot read the attribution lexicon sayso/data/cues.yaml: {exc}") from exc
