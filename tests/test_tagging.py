"""The cached attribute ruler and lemmatizer give exactly spaCy's own output."""
from pathlib import Path

import pytest

from sayso.nlp.parse import load_model
from sayso.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRICKY = [
    "There is no deal yet, and there were reports that there's more to come.",
    "We're gonna win, y'all know it, and we gotta go. Let's see. C'mon!",
    "He ain't leaving. She isn't. They aren't. But the minister said no.",
    "A  spaced\t\ttext  with   odd whitespace ,and punctuation ; here ...",
    "The U.S. officials' plans, which were drawn up in 2012, were rejected by the rebels' leaders.",
]
FIELDS = ("text", "pos_", "tag_", "dep_", "lemma_")


def _tokens(nlp, texts):
    return [
        [tuple(getattr(t, f) for f in FIELDS) + (str(t.morph),) for t in doc]
        for doc in nlp.pipe(texts)
    ]


@pytest.fixture(scope="module")
def texts():
    return TRICKY + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def test_fast_tagging_replaces_the_components():
    names = load_model(Settings()).pipe_names
    assert "sayso_attributes" in names and "attribute_ruler" not in names
    assert "sayso_lemmas" in names and "lemmatizer" not in names


def test_same_output_as_spacy(texts):
    fast = load_model(Settings())
    plain = load_model(Settings(fast_tagging=False))
    assert "attribute_ruler" in plain.pipe_names
    expected, got = _tokens(plain, texts), _tokens(fast, texts)
    for doc_expected, doc_got in zip(expected, got):
        assert doc_got == doc_expected
