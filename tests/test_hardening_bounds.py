"""Issue 15, item 1: bounded work per article; an article over a bound is reported in one line
and the rest of the run goes on; offsets still point into the text as read."""
from __future__ import annotations

import threading
import time

import pytest

from sayso import pipeline
from sayso.bounds import OverBound, check_words, size_batches, time_budget
from sayso.cli import main
from sayso.nlp.parse import load_model
from sayso.stages.base import Stage
from sayso.pipeline import extract
from sayso.record import Failure
from sayso.record import Article, Meta, Record, iter_spans
from sayso.settings import DEFAULT

GOOD = ("Rebels seized the town of Idlib on Monday, the army said, and a spokesman for the ministry "
        "said that the government would send troops to retake it.")


def one_line(words: int, punctuation: bool = True) -> str:
    sentence = GOOD if punctuation else GOOD.replace(",", "").replace(".", "")
    reps = words // len(sentence.split()) + 1
    return " ".join([sentence] * reps)


def test_a_5_megabyte_line_is_refused_at_once():
    text = "word " * 1_000_000
    started = time.process_time()
    with pytest.raises(OverBound, match="more than 30,000 words"):
        check_words(text, "big.txt", 30_000)
    assert time.process_time() - started < 2


def test_an_article_over_the_word_bound_is_reported_and_the_good_one_kept():
    settings = DEFAULT.replace(max_words=2_000)
    items = [Article(one_line(20_000), Meta(path="long.txt"), "long.txt"), Article(GOOD, Meta(path="good.txt"), "good.txt")]
    long, good = extract(items, settings)
    assert isinstance(long, Failure) and long.stage == "bounds" and "long.txt: too long to extract" in long.error
    assert isinstance(good, Record) and good.text == GOOD


def test_overlong_sentences_are_cut_before_parsing_and_offsets_hold():
    text = one_line(3_000, punctuation=False)  # one "sentence" of 3,000 words
    nlp = load_model(DEFAULT.replace(max_sentence_tokens=120))
    doc = nlp(text)
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= 120
    settings = DEFAULT.replace(max_sentence_tokens=120)
    (record,) = extract([Article(text, Meta(), "run-on.txt")], settings, nlp=nlp)
    assert isinstance(record, Record)
    for span in iter_spans(record):
        assert text[span.start:span.end] == span.text


def test_normal_sentences_are_not_cut():
    nlp = load_model(DEFAULT)
    assert [s.text for s in nlp(GOOD + " " + GOOD).sents] == [GOOD, GOOD]


def slow_stages(seconds: float):
    """The default stages with an events stage that sleeps on the article about Idlib."""
    stage = next(s for s in pipeline.STAGES if s.name == "events")

    def slow(draft, settings):
        if "Idlib" in draft.article.text:
            time.sleep(seconds)
        return stage(draft, settings)

    return pipeline.with_stage(pipeline.STAGES, Stage(stage.name, slow, stage.needs, stage.sets))


def test_time_budget_in_process():
    settings = DEFAULT.replace(article_seconds=0.5)
    other = "The minister said on Tuesday that the talks in Geneva would resume next week."
    items = [Article(GOOD, Meta(), "slow.txt"), Article(other, Meta(), "fine.txt")]
    started = time.monotonic()
    slow, fine = extract(items, settings, stages=slow_stages(30))
    assert time.monotonic() - started < 15
    assert isinstance(slow, Failure) and slow.stage == "bounds" and "longer than 0.5 s" in slow.error
    assert isinstance(fine, Record)


def test_time_budget_outside_the_main_thread_is_checked_between_stages():
    found = []

    def run():
        with time_budget(0.05, "x") as budget:
            time.sleep(0.1)
            try:
                budget.check()
            except OverBound as exc:
                found.append(str(exc))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert found and "longer than 0.05 s" in found[0]


def test_parse_batches_are_bounded_in_characters():
    items = [Article("x" * 300_000), Article("y" * 300_000), Article("z")]
    assert [len(b) for b in size_batches(items, 32, max_chars=400_000)] == [1, 2]


def test_cli_long_article_is_one_line_and_the_good_one_is_stored(tmp_path, capsys):
    (tmp_path / "long.txt").write_text(one_line(40_000))
    (tmp_path / "good.txt").write_text(GOOD)
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(tmp_path), "-o", str(out), "--workers", "0", "--no-progress"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(out.read_text().splitlines()) == 1
    assert any("long.txt: too long to extract" in line and "--max-words" in line for line in err)


def test_a_stage_prepares_its_data_before_the_first_article_s_budget_starts():
    """A cache built on first use (the gazetteer's index: a minute on a slow machine) must not
    count against the first article's budget, or a fresh install loses its first article."""
    loaded = []
    stages = pipeline.default_stages()

    def slow_load(settings):
        time.sleep(1.0)  # longer than the budget below
        loaded.append(True)

    slow = tuple(Stage(s.name, s.func, s.needs, s.sets, slow_load if s.name == "places" else s.prepare)
                 for s in stages)
    (record,) = extract([Article(GOOD, Meta(), "first.txt")], DEFAULT.replace(article_seconds=0.5), stages=slow)
    assert loaded == [True]
    assert isinstance(record, Record)


def test_the_places_stage_loads_the_gazetteer_in_its_prepare_step():
    places = next(s for s in pipeline.default_stages() if s.name == "places")
    assert places.prepare is not None


def test_the_events_stage_loads_its_lexicon_and_model_in_its_prepare_step():
    events = next(s for s in pipeline.default_stages() if s.name == "events")
    assert events.prepare is not None
    events.prepare(DEFAULT)
