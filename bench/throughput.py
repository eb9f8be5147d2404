"""Throughput: bare spaCy `nlp.pipe` against sayso's whole extract path, on the same texts.

    .venv/bin/python bench/throughput.py                    # ~1 minute on a laptop core
    .venv/bin/python bench/throughput.py --articles 500 --rounds 5 --json

The corpus is the example articles (examples/*.txt, or --source DIR), repeated to --articles
files and written with their sidecars to a temporary folder. Each round times, in alternating
order, (a) bare `nlp.pipe` over the texts already in memory, with the pinned model, and (b) what
`sayso extract DIR` does: read the files -> every stage -> records written as JSON lines to a
null sink. Both use the same loaded model and batch size. Printed: the median words per second
of each, the ratio sayso / bare (the target is at least 0.8), the same ratio by the CPU time of
the process (steadier on a shared machine, where the wall clock also counts waiting for a core),
and the peak memory of the process (resident set size; --trace-memory adds the peak of Python
allocations in one untimed pass each).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sayso.cli.extract import write_records  # noqa: E402
from sayso.nlp.parse import load_model  # noqa: E402
from sayso.pipeline import extract  # noqa: E402
from sayso.read import ReadOptions, read_sources  # noqa: E402
from sayso.settings import Settings  # noqa: E402


def build_corpus(source: Path, count: int, folder: Path) -> list[str]:
    """Write `count` articles (the source's .txt files, cycled, with sidecars) into `folder`."""
    originals = sorted(source.glob("*.txt"))
    if not originals:
        raise SystemExit(f"no .txt articles in {source}")
    texts = []
    for n in range(count):
        original = originals[n % len(originals)]
        name = f"{n:05d}-{original.stem}"
        data = original.read_bytes()
        (folder / f"{name}.txt").write_bytes(data)
        sidecar = original.with_name(original.stem + ".meta.json")
        if sidecar.exists():
            (folder / f"{name}.meta.json").write_bytes(sidecar.read_bytes())
        texts.append(data.decode("utf-8"))
    return texts


def bare(nlp, texts: list[str], settings: Settings) -> Callable[[], None]:
    def run() -> None:
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
    return run


def whole_path(nlp, folder: Path, settings: Settings, failures: list[str]) -> Callable[[], None]:
    """What `sayso extract DIR > /dev/null` does; failure lines are kept in `failures`, not printed."""
    def run() -> None:
        options = ReadOptions(max_bytes=settings.max_bytes)
        stderr = io.StringIO()
        with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stderr(stderr):
            write_records(extract(read_sources([str(folder)], options), settings, nlp), sink, "jsonl")
        failures.extend(stderr.getvalue().splitlines())
    return run


def timed(run: Callable[[], None], cpu: list[float]) -> float:
    """Wall seconds of one run; its CPU seconds (this process) are appended to `cpu`."""
    start, start_cpu = time.perf_counter(), time.process_time()
    run()
    cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def peak_traced(run: Callable[[], None]) -> float:
    """Peak Python allocations (MB) during one run."""
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def measure(args: argparse.Namespace) -> dict:
    settings = Settings(batch_size=args.batch_size)
    nlp = load_model(settings)
    # bare spaCy: the pinned pipeline exactly as shipped, without sayso's own components
    shipped = load_model(settings.replace(paragraph_breaks=False, fast_tagging=False, max_sentence_tokens=0))
    assert not any(name.startswith("sayso_") for name in shipped.pipe_names)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sayso-bench-") as tmp:
        folder, warm = Path(tmp) / "corpus", Path(tmp) / "warm"
        folder.mkdir()
        warm.mkdir()
        texts = build_corpus(Path(args.source), args.articles, folder)
        warm_texts = build_corpus(Path(args.source), min(8, args.articles), warm)
        runs = {"bare": bare(shipped, texts, settings), "sayso": whole_path(nlp, folder, settings, failures)}
        bare(shipped, warm_texts, settings)()  # model warm-up, untimed
        seconds: dict[str, list[float]] = {"bare": [], "sayso": []}
        cpu: dict[str, list[float]] = {"bare": [], "sayso": []}
        seconds["bare"].append(timed(runs["bare"], cpu["bare"]))
        rss_bare = peak_rss_mb()  # before anything of sayso's beyond the model has run
        whole_path(nlp, warm, settings, [])()  # imports and lexicons of every stage, untimed
        for r in range(args.rounds):
            order = ("sayso", "bare") if r % 2 == 0 else ("bare", "sayso")
            for name in order:
                if len(seconds[name]) < args.rounds:
                    seconds[name].append(timed(runs[name], cpu[name]))
        traced = {name: peak_traced(run) for name, run in runs.items()} if args.trace_memory else None
    words = sum(len(t.split()) for t in texts)
    result = {
        "articles": len(texts), "words": words, "rounds": args.rounds, "batch_size": settings.batch_size,
        "model": settings.model,
        "bare_words_per_s": words / statistics.median(seconds["bare"]),
        "sayso_words_per_s": words / statistics.median(seconds["sayso"]),
        "seconds": seconds,
        "cpu_seconds": cpu,
        # on a shared machine the CPU time of the process is steadier than the wall clock
        "cpu_ratio": statistics.median(cpu["bare"]) / statistics.median(cpu["sayso"]),
        "peak_rss_bare_mb": rss_bare,
        "peak_rss_mb": peak_rss_mb(),
        "failed_per_round": -(-len(failures) // max(1, len(seconds["sayso"]) + (1 if traced else 0))),
        "first_failure": failures[0] if failures else None,
    }
    if traced:
        result["peak_traced_mb"] = traced
    result["ratio"] = result["sayso_words_per_s"] / result["bare_words_per_s"]
    return result


def report(result: dict) -> str:
    lines = [
        f"corpus: {result['articles']} articles, {result['words']:,} words; model {result['model']}; "
        f"batch {result['batch_size']}; median of {result['rounds']} alternating rounds",
        f"bare spaCy nlp.pipe : {result['bare_words_per_s']:>10,.0f} words/s",
        f"sayso extract path  : {result['sayso_words_per_s']:>10,.0f} words/s",
        f"ratio sayso / bare  : {result['ratio']:.2f}  (target >= 0.80); by CPU time of the process: "
        f"{result['cpu_ratio']:.2f}",
        f"peak memory (RSS)   : {result['peak_rss_bare_mb']:.0f} MB after bare spaCy alone; "
        f"{result['peak_rss_mb']:.0f} MB after sayso's path too",
    ]
    if result["failed_per_round"]:
        lines.append(f"WARNING: {result['failed_per_round']} of {result['articles']} articles failed in sayso's "
                     f"path each round, so the ratio is not meaningful; first: {result['first_failure']}")
    if "peak_traced_mb" in result:
        traced = result["peak_traced_mb"]
        lines.append(f"peak Python allocations: bare {traced['bare']:.0f} MB, sayso {traced['sayso']:.0f} MB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=150, help="articles in the corpus (default 150)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timed rounds (default 3)")
    parser.add_argument("--batch-size", type=int, default=Settings.batch_size, help="nlp.pipe batch size")
    parser.add_argument("--source", default=str(ROOT / "examples"), help="folder of .txt articles to cycle")
    parser.add_argument("--trace-memory", action="store_true", help="also trace peak Python allocations")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")
    result = measure(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
