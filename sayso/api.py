"""The library's front door: `sayso.load()` gives an `Extractor`; call it on a text or an
Article for its Record, or `pipe` many through it.

    import sayso
    extractor = sayso.load()
    record = extractor("Rebels seized the town, officials said.", published="2012-06-22")
    for result in extractor.pipe(texts, workers=2): ...
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from sayso import pipeline
from sayso.errors import SaysoError
from sayso.record import Article, Failure, Meta, Record
from sayso.settings import DEFAULT, Settings
from sayso.stages.base import Stage

Item = Union[str, Article]


def article_of(item: Item, **meta: Any) -> Article:
    """An Article from a text (with `meta` fields: published, outlet, title, url ...) or as given."""
    if isinstance(item, Article):
        return item
    if not isinstance(item, str):
        raise SaysoError(f"give a text (str) or a sayso.Article, not {type(item).__name__}")
    return Article(item, Meta(**meta), meta.get("path") or meta.get("url") or "")


class Extractor:
    """Settings, stages and the spaCy model (loaded on first use), ready to extract."""

    def __init__(self, settings: Optional[Settings] = None, stages: Optional[Sequence[Stage]] = None,
                 nlp: Any = None):
        self.settings = settings or DEFAULT
        self.stages = pipeline.check(pipeline.default_stages() if stages is None else stages)
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from sayso.nlp.parse import load_model

            self._nlp = load_model(self.settings)
        return self._nlp

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def with_stage(self, new: Stage, after: Optional[str] = None, before: Optional[str] = None) -> "Extractor":
        """A new Extractor with `new` in place of the stage of its name, or after/before the one named."""
        return Extractor(self.settings, pipeline.with_stage(self.stages, new, after, before), self._nlp)

    def __call__(self, item: Item, **meta: Any) -> Record:
        """The record of one article; a stage's error is raised (ExtractionError, from its cause)."""
        strict = self.settings.replace(strict=True)
        (result,) = pipeline.extract([article_of(item, **meta)], strict, self.nlp, self.stages)
        if isinstance(result, Failure):
            raise SaysoError(f"{result.origin}: {result.error}")
        return result

    def pipe(self, items: Iterable[Item], workers: int = 1) -> Iterator[Union[Record, Failure]]:
        """Records for many texts or Articles, in order; an article that fails is a Failure in its
        place and the rest go on. workers > 1 extracts in that many processes (the default stages
        only: add a stage to worker processes with sayso.pipeline.register in a setup hook)."""
        articles = (article_of(item) for item in items)
        if workers <= 1:
            return pipeline.extract(articles, self.settings, self.nlp, self.stages)
        if self.stages != pipeline.default_stages():
            raise SaysoError("an Extractor with its own stages runs in this process only: pipe(items, workers=1)")
        from sayso.scale import run_extraction

        return run_extraction(articles, self.settings, workers=workers, progress=False)


def load(settings: Optional[Settings] = None, stages: Optional[Sequence[Stage]] = None) -> Extractor:
    """An Extractor with these settings (default: sayso.Settings()) and stages (default: all)."""
    return Extractor(settings, stages)
