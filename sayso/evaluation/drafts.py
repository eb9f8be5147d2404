"""Articles through the parse and the stages up to events, keeping the spaCy Doc, for the
evaluations that look at tokens (MEANTIME factuality, PLOVER categories)."""
from __future__ import annotations

from typing import Iterable, Iterator

from sayso.errors import ExtractionError
from sayso.nlp.parse import load_model
from sayso.nlp.parse_cache import cached_pipe
from sayso.pipeline import run_stages
from sayso.record import Article, Failure, Meta
from sayso.settings import Settings
from sayso.stages.attribution import find_attributions
from sayso.stages.base import Draft
from sayso.stages.clean import mark_boilerplate
from sayso.stages.entities import find_entities
from sayso.stages.events import find_events


def drafts_for(texts: Iterable[tuple[str, str]], settings: Settings, cache: bool = False) -> Iterator[Draft]:
    """(name, text) pairs through parse and the stages up to events, keeping the spaCy Doc
    (for evaluations that look at tokens). When a stage before events fails, the event stage
    still runs alone on the parse, so its own figures can be measured. With `cache`, parses are
    read from and written to the parse cache (sayso/nlp/parse_cache.py)."""
    nlp = load_model(settings)
    items = list(texts)
    if cache:
        docs = cached_pipe(nlp, (t for _, t in items), settings)
    else:
        docs = nlp.pipe((t for _, t in items), batch_size=settings.batch_size)
    for (name, text), doc in zip(items, docs):
        draft = Draft(Article(text, Meta(), name), doc=doc)
        done = run_stages(draft, (mark_boilerplate, find_entities, find_attributions, find_events), settings)
        if isinstance(done, Failure):
            done = run_stages(draft, (find_events,), settings)
        if isinstance(done, Failure):
            raise ExtractionError(f"{name}: the event stage failed: {done.error}")
        yield done
