"""Shared fixtures: the example articles and one extraction of each, made once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.pipeline import extract_one
from sayso.read import ReadOptions, override
from sayso.read.text import read_text_file
from sayso.settings import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYRIA = SHARED / "examples" / "syria-defections.txt"


def _syria(settings):
    if not SYRIA.exists():
        pytest.skip("../shared/examples is not beside the checkout")
    article = override(read_text_file(SYRIA, DEFAULT.max_bytes), ReadOptions(published="2012-06-22"))
    return extract_one(article, settings)


@pytest.fixture(scope="session")
def syria_record():
    """The example article, extracted as `sayso extract` does (with the event model)."""
    return _syria(DEFAULT)


@pytest.fixture(scope="session")
def syria_rules_record():
    """The example article with the rules alone deciding events (`event_model=False`)."""
    return _syria(DEFAULT.replace(event_model=False))


def extract_text(text: str, settings=DEFAULT, **meta):
    """Extract a record from a string (tests write their own sentences)."""
    from sayso.record import Article, Meta

    return extract_one(Article(text, Meta(**meta), "test"), settings)


def extract_checked(text: str, settings=DEFAULT, **meta):
    """`extract_text`, with every span of the record checked to point into the text."""
    from sayso.record import iter_spans

    record = extract_text(text, settings, **meta)
    for span in iter_spans(record):
        assert text[span.start:span.end] == span.text
    return record


def attribution_with_cue(record, cue: str):
    """The record's one attribution whose cue text is `cue`."""
    matches = [a for a in record.attributions if a.cue is not None and a.cue.text == cue]
    assert len(matches) == 1, [(a.cue and a.cue.text, a.source.text) for a in record.attributions]
    return matches[0]


def pytest_collection_modifyitems(items):
    """Tests run against PostgreSQL are slow (a server, a schema each)."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgresql" in params.values() or "postgres" in item.name.lower():
            item.add_marker(pytest.mark.slow)
