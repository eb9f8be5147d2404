"""Scale, local: bounded batching, worker crashes, resume after Ctrl-C, equal outputs."""
from __future__ import annotations

import functools
import json
import os
import random
import signal

import pytest

import test_scale_hooks as hooks
from sayso.record import Failure
from sayso.record import Article, Meta, Record
from sayso.scale import estimate_total, ids_in_jsonl, run_extraction
from sayso.scale.batches import Window, batched
from sayso.settings import Settings

SETTINGS = Settings(batch_size=3, progress=False)


def articles(n: int, marked: dict[int, str] = {}) -> list[Article]:
    people = ("the minister", "a spokesman", "the general", "two officials")
    out = []
    for i in range(n):
        text = f"{people[i % 4].capitalize()} said on Tuesday that talks in Cairo number {i} had ended."
        if i in marked:
            text += f" {marked[i]}"
        out.append(Article(text, Meta(path=f"doc{i}.txt"), f"doc{i}.txt"))
    return out


def test_window_never_holds_more_than_its_limit():
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield i

    window, out, running, rng = Window(batched(source(), 4), 3), [], [], random.Random(1)
    while not window.idle:
        while (batch := window.take()) is not None:
            running.append(batch)
        assert window.held <= 3
        assert len(pulled) - len(out) <= 3 * 4
        done = running.pop(rng.randrange(len(running)))  # finish out of order
        window.finish(done.number, done.items)
        for results in window.ready():
            out.extend(results)
    assert out == list(range(100))


def test_unordered_window_hands_out_everything():
    window = Window(batched(range(10), 3), 2, ordered=False)
    out = []
    while not window.idle:
        taken = [b for b in iter(window.take, None)]
        for batch in reversed(taken):
            window.finish(batch.number, batch.items)
        for results in window.ready():
            out.extend(results)
    assert sorted(out) == list(range(10))


@pytest.mark.slow  # worker processes
def test_pool_pulls_input_only_as_results_go_out():
    pulled = 0

    def source():
        nonlocal pulled
        for article in articles(30):
            pulled += 1
            yield article

    consumed, most = 0, 0
    for _ in run_extraction(source(), SETTINGS, workers=2):
        consumed += 1
        most = max(most, pulled - consumed)
    assert consumed == 30
    assert most <= (2 * 2 + 1) * SETTINGS.batch_size


@pytest.mark.slow  # worker processes
def test_local_pool_gives_the_same_records_as_one_process():
    items = articles(8)
    alone = [r.to_dict() for r in run_extraction(items, SETTINGS, workers=0)]
    pooled = [r.to_dict() for r in run_extraction(items, SETTINGS, workers=2)]
    assert pooled == alone
    assert [r["meta"]["path"] for r in pooled] == [a.meta.path for a in items]


@pytest.mark.slow  # worker processes
def test_an_article_that_kills_its_worker_is_recorded_and_the_rest_come_out(tmp_path):
    items = articles(8, {2: "KILLME", 5: "RAISEME"})
    run = run_extraction(items, SETTINGS, workers=1, setup=functools.partial(hooks.install, str(tmp_path)))
    results = list(run)
    assert len(results) == 8
    assert [type(r).__name__ for r in results] == ["Record"] * 2 + ["Failure"] + ["Record"] * 2 + ["Failure"] + ["Record"] * 2
    killed, raised = results[2], results[5]
    assert killed.origin == "doc2.txt" and killed.stage == "worker" and "died" in killed.error
    assert raised.origin == "doc5.txt" and "ValueError" in raised.error
    assert [r.meta.path for r in results if isinstance(r, Record)] == [f"doc{i}.txt" for i in (0, 1, 3, 4, 6, 7)]
    assert (run.stats.done, run.stats.failed) == (6, 2)


@pytest.mark.slow  # worker processes
def test_a_worker_killed_once_has_its_batch_retried(tmp_path):
    items = articles(7, {4: "CRASHONCE"})
    results = list(run_extraction(items, SETTINGS, workers=2, setup=functools.partial(hooks.install, str(tmp_path))))
    assert all(isinstance(r, Record) for r in results)
    assert [r.meta.path for r in results] == [a.meta.path for a in items]
    assert len(list(tmp_path.glob("crashed-*"))) == 1


@pytest.mark.slow  # worker processes
@pytest.mark.parametrize("workers", [0, 1])
def test_resume_after_ctrl_c_does_everything_once(workers):
    items = articles(20)
    stored: dict[str, int] = {}

    def ingest(run, interrupt_after=None):
        for result in run:
            stored[result.id] = stored.get(result.id, 0) + 1
            if len(stored) == interrupt_after:
                os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would
        return run.stats

    first = ingest(run_extraction(items, SETTINGS, workers=workers), interrupt_after=4)
    assert first.interrupted
    assert 4 <= len(stored) < 20
    second = ingest(run_extraction(items, SETTINGS, workers=workers, skip=stored.__contains__))
    assert not second.interrupted
    assert second.skipped == first.done
    assert sorted(stored) == sorted(a.id for a in items)
    assert set(stored.values()) == {1}


def test_read_failures_pass_through_in_place():
    items = articles(3)
    items.insert(1, Failure("broken.html", "empty file"))
    results = list(run_extraction(items, SETTINGS, workers=0))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record", "Record"]


def test_ids_in_jsonl_ignores_a_line_cut_short(tmp_path):
    out = tmp_path / "records.jsonl"
    out.write_text(json.dumps({"id": "a1"}) + "\n" + json.dumps({"id": "b2"}) + "\n" + '{"id": "c', encoding="utf-8")
    assert ids_in_jsonl(out) == {"a1", "b2"}
    assert ids_in_jsonl(tmp_path / "missing.jsonl") == set()


def test_estimate_total_counts_articles_where_it_can(tmp_path):
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', encoding="utf-8")
    assert estimate_total([str(tmp_path)]) == 4
    (tmp_path / "c.warc.gz").write_bytes(b"")
    assert estimate_total([str(tmp_path)]) is None


def test_scale_arguments_and_automatic_workers():
    import argparse

    from sayso.scale import add_scale_arguments
    from sayso.scale.run import auto_workers

    parser = argparse.ArgumentParser()
    add_scale_arguments(parser)
    args = parser.parse_args(["--dask", "local:2", "--partition-size", "64"])
    assert (args.dask, args.partition_size, args.workers, args.redo) == ("local:2", 64, None, False)
    assert auto_workers(3, 1, SETTINGS) == 3  # asked for: honoured
    assert auto_workers(None, SETTINGS.batch_size, SETTINGS) == 0  # one batch: in this process
    assert auto_workers(None, 2 * SETTINGS.batch_size, SETTINGS) == min(2, os.cpu_count() or 1)
    assert auto_workers(None, None, SETTINGS) == (os.cpu_count() or 1)


def test_a_run_with_everything_stored_extracts_nothing():
    items = articles(5)
    run = run_extraction(items, SETTINGS, workers=2, skip=lambda article_id: True)
    assert list(run) == []
    assert (run.stats.skipped, run.stats.done, run.stats.interrupted) == (5, 0, False)


@pytest.mark.slow  # worker processes
def test_an_article_that_hangs_is_stopped_and_recorded(tmp_path):
    items = articles(4, {2: "HANGME"})
    setup = functools.partial(hooks.install, str(tmp_path))
    results = list(run_extraction(items, SETTINGS, workers=1, setup=setup, timeout=8.0))
    assert [type(r).__name__ for r in results] == ["Record", "Record", "Failure", "Record"]
    assert results[2].origin == "doc2.txt" and results[2].stage == "timeout"
