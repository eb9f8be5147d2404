"""Scale on Dask: a 2-worker LocalCluster gives the local path's records, even when a worker
process is killed in the middle of a partition."""
from __future__ import annotations

import functools

import cloudpickle
import pytest

import test_scale_hooks as hooks
from sayso.record import Article, Meta, Record
from sayso.scale import run_extraction
from sayso.scale.cluster import read_parts
from sayso.settings import Settings

pytestmark = pytest.mark.slow  # a Dask cluster

pytest.importorskip("distributed")
cloudpickle.register_pickle_by_value(hooks)  # Dask workers need not import the tests

SETTINGS = Settings(batch_size=4, progress=False)


def articles(n: int, marked: dict[int, str] = {}) -> list[Article]:
    out = []
    for i in range(n):
        text = f"The Syrian army said {i} soldiers crossed into Jordan on Friday, officials told Reuters."
        if i in marked:
            text += f" {marked[i]}"
        out.append(Article(text, Meta(path=f"wire{i}.txt", outlet="Reuters"), f"wire{i}.txt"))
    return out


def test_dask_gives_the_same_records_as_the_local_path(tmp_path):
    items = articles(10)
    local = [r.to_dict() for r in run_extraction(items, SETTINGS, workers=0)]
    run = run_extraction(items, SETTINGS, dask="local:2", partition_size=3, parts_dir=str(tmp_path))
    on_dask = [r.to_dict() for r in run]
    assert on_dask == local
    assert run.stats.done == 10
    assert len(list(tmp_path.glob("part-*.parquet"))) == 4
    assert [r.to_dict() for r in read_parts(str(tmp_path))] == local


def test_a_killed_dask_worker_has_its_partition_retried(tmp_path):
    items = articles(8, {5: "CRASHONCE"})
    setup = functools.partial(hooks.install, str(tmp_path))
    results = list(run_extraction(items, SETTINGS, dask="local:2", partition_size=3, setup=setup))
    assert len(list(tmp_path.glob("crashed-*"))) == 1  # a worker did die mid-partition
    assert [r for r in results if not isinstance(r, Record)] == []
    assert [r.meta.path for r in results] == [a.meta.path for a in items]


def test_workers_can_read_the_files_themselves(tmp_path):
    import json

    from sayso.read import ReadOptions, read_sources
    from sayso.scale import run_files

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, article in enumerate(articles(7)):
        if i < 4:
            (corpus / f"wire{i}.txt").write_text(article.text, encoding="utf-8")
    with (corpus / "more.jsonl").open("w", encoding="utf-8") as out:
        for article in articles(7)[4:]:
            out.write(json.dumps({"text": article.text, "url": f"https://example.org/{article.meta.path}"}) + "\n")
    local = [r.to_dict() for r in run_extraction(read_sources([str(corpus)], ReadOptions()), SETTINGS, workers=0)]
    assert len(local) == 7
    stored = {local[0]["id"], local[5]["id"]}
    run = run_files([str(corpus)], ReadOptions(), SETTINGS, dask="local:2", files_per_task=3, skip=stored.__contains__)
    on_dask = [r.to_dict() for r in run]
    assert on_dask == [r for r in local if r["id"] not in stored]
    assert (run.stats.done, run.stats.skipped) == (5, 2)


def test_an_article_that_always_kills_its_dask_worker_is_recorded(tmp_path):
    import dask

    from sayso.record import Failure

    items = articles(4, {1: "KILLME"})
    setup = functools.partial(hooks.install, str(tmp_path))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # give up on the first death
        results = list(run_extraction(items, SETTINGS, dask="local:2", partition_size=3, setup=setup))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record", "Record"]
    assert isinstance(results[1], Failure) and results[1].origin == "wire1.txt"
    assert results[1].stage == "worker" and "KilledWorker" in results[1].error


def _worker_settings() -> tuple:
    import os

    import dask

    return (os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled"))


def test_local_cluster_workers_keep_their_core_for_extraction():
    """`--dask local:N` starts workers without Dask's 64 KiB malloc trim threshold (page faults
    on every spaCy batch) and without the 10 ms statistical profiler."""
    from sayso.scale.cluster import connect

    client, cluster = connect("local:2")
    try:
        found = client.run(_worker_settings)
    finally:
        client.close()
        cluster.close()
    assert len(found) == 2
    assert set(found.values()) == {(None, False)}
