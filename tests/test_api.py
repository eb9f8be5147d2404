"""The public API: sayso.load(), the Extractor, stages added or replaced, strict errors, and the
README's Python examples run as they are written (docs as tests)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import sayso
from sayso import pipeline
from sayso.errors import ExtractionError
from sayso.pipeline import PipelineError, check, with_stage
from sayso.record import ATTRIBUTION_TYPES, ENTITY_KINDS, POLARITIES, SOURCE_KINDS, STATUSES, categories
from sayso.stages.base import Stage, stage

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def extractor():
    return sayso.load()


def python_examples() -> list[str]:
    text = README.read_text("utf-8")
    section = text.split("## Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_has_python_examples():
    assert len(python_examples()) >= 2


@pytest.mark.parametrize("index", range(len(python_examples())))
def test_readme_python_examples_run(index):
    exec(compile(python_examples()[index], f"README.md python example {index + 1}", "exec"), {})


def test_load_and_call(extractor):
    record = extractor("Rebels seized the town, officials said.", published="2012-06-22")
    assert record.meta.published == "2012-06-22"
    assert [e.type for e in record.events] == ["COERCE"]
    assert isinstance(record, sayso.Record) and sayso.__version__


def test_pipe_keeps_order_and_failures(extractor):
    texts = ["Rebels seized the town.", "Officials said talks would resume."]
    results = list(extractor.pipe(texts))
    assert [r.text for r in results] == texts


def test_a_stage_added_and_checked(extractor):
    @stage("shout", needs=("events",), sets=("events",))
    def shout(draft, settings):
        return draft.set(events=tuple(dataclasses.replace(e, mode="LOUD") for e in draft.events))

    louder = extractor.with_stage(shout, after="anchor")
    assert louder.names[-1] == "shout" and extractor.names[-1] == "anchor"
    assert [e.mode for e in louder("Rebels seized the town.").events] == ["LOUD"]
    with pytest.raises(PipelineError, match="needs events"):
        check((shout,) + extractor.stages)


def test_a_stage_that_fails_is_a_failure_with_its_cause(extractor):
    @stage("boom", needs=("doc",))
    def boom(draft, settings):
        raise ValueError("on purpose")

    broken = extractor.with_stage(boom, after="entities")
    (failure,) = broken.pipe(["Rebels seized the town."])
    assert isinstance(failure, sayso.Failure)
    assert (failure.stage, failure.error_type) == ("boom", "ValueError")
    assert "on purpose" in failure.traceback and "Traceback" in failure.traceback
    with pytest.raises(ExtractionError) as raised:
        broken("Rebels seized the town.")
    assert isinstance(raised.value.__cause__, ValueError)


def test_register_replaces_the_default_stage_and_reset_restores_it():
    original = pipeline.default_stages()
    try:
        entities = next(s for s in original if s.name == "entities")
        pipeline.register(Stage("entities", entities.func, entities.needs, entities.sets))
        assert [s.name for s in pipeline.default_stages()] == [s.name for s in original]
        assert pipeline.default_stages() is not original
    finally:
        pipeline.reset()
    assert pipeline.default_stages() is pipeline.STAGES


def test_with_stage_names_an_unknown_anchor():
    with pytest.raises(PipelineError, match="no stage 'nowhere'"):
        with_stage(pipeline.STAGES, pipeline.STAGES[0], after="nowhere")


def test_records_use_the_declared_vocabularies(extractor):
    text = (Path(__file__).resolve().parents[1] / "examples" / "syria-pilot-relay.txt").read_text("utf-8")
    record = extractor(text)
    assert {e.status for e in record.events} <= set(STATUSES)
    assert {e.polarity for e in record.events} <= set(POLARITIES)
    assert {e.type for e in record.events} <= set(categories())
    assert {e.kind for e in record.entities} <= set(ENTITY_KINDS)
    assert {a.source.kind for a in record.attributions} - {None} <= set(SOURCE_KINDS)
    assert {a.type for a in record.attributions} <= set(ATTRIBUTION_TYPES)
    assert "DEFECT" in categories()


def test_verbose_failure_line_carries_the_traceback():
    from sayso.cli.options import failure_message

    try:
        raise ValueError("on purpose")
    except ValueError as exc:
        failure = sayso.Failure.of("a.txt", exc, "events")
    assert failure_message(failure) == "sayso: skipped a.txt: ValueError: on purpose (in the events stage)"
    verbose = failure_message(failure, verbose=True).splitlines()
    assert verbose[1].startswith("Traceback") and verbose[-1] == "ValueError: on purpose"
