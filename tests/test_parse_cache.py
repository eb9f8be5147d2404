"""The parse cache (sayso/nlp/parse_cache.py): a Doc read back from it is the Doc the pipeline
made, tensor included, and a change of what the parse depends on reads from another place."""
from __future__ import annotations

import numpy as np
import pytest

from sayso.evaluation.drafts import drafts_for
from sayso.nlp import parse_cache
from sayso.nlp.parse import load_model
from sayso.settings import DEFAULT

TEXTS = ["Rebels attacked a convoy near Aleppo on Monday, officials said.\n\nThe army denied it.",
         "Mr. Smith resigned. Police arrested 12 protesters in Paris."]
ATTRS = ["ORTH", "NORM", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "SENT_START",
         "SPACY", "IDX"]


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "sayso" / "parses"


def _same(a, b) -> bool:
    return (np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)) and np.array_equal(a.tensor, b.tensor)
            and a.tensor.dtype == b.tensor.dtype and [str(t.morph) for t in a] == [str(t.morph) for t in b]
            and [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
            and not b.user_data)


def test_a_cached_doc_is_the_parsed_doc(cache):
    nlp = load_model(DEFAULT)
    fresh = list(nlp.pipe(TEXTS))
    first = list(parse_cache.cached_pipe(nlp, TEXTS, DEFAULT))
    assert len(list(cache.glob("*/*.spacy"))) == 2
    again = list(parse_cache.cached_pipe(nlp, TEXTS, DEFAULT))
    assert all(_same(a, b) and _same(a, c) for a, b, c in zip(fresh, first, again))


def test_drafts_from_the_cache_are_the_same(cache):
    settings = DEFAULT.replace(event_model=False)
    plain = [d.record() for d in drafts_for(enumerate(TEXTS), settings)]  # type: ignore[arg-type]
    list(drafts_for(enumerate(TEXTS), settings, cache=True))  # type: ignore[arg-type]
    cached = [d.record() for d in drafts_for(enumerate(TEXTS), settings, cache=True)]  # type: ignore[arg-type]
    assert plain == cached


def test_the_key_follows_the_parse_settings(cache):
    keys = {parse_cache.pipeline_key(DEFAULT.replace(**change))
            for change in ({}, {"paragraph_breaks": False}, {"max_sentence_tokens": 100}, {"event_model": False})}
    assert len(keys) == 3  # the event model does not change the parse


def test_an_unreadable_file_is_parsed_again(cache):
    nlp = load_model(DEFAULT)
    list(parse_cache.cached_pipe(nlp, TEXTS[:1], DEFAULT))
    (path,) = cache.glob("*/*.spacy")
    path.write_bytes(b"not a DocBin")
    (doc,) = parse_cache.cached_pipe(nlp, TEXTS[:1], DEFAULT)
    assert _same(nlp(TEXTS[0]), doc)
