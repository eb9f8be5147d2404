"""Hostile input: time and peak memory for one-line articles of 100 KB, 1 MB and 5 MB, and for
a folder of many articles with 1 % hostile files mixed in (issue 15).

    .venv/bin/python bench/hostile.py                      # 1,000-article folder: minutes
    .venv/bin/python bench/hostile.py --articles 100000    # the issue's size: hours on 2 cores
    .venv/bin/python bench/hostile.py --skip-folder --json

Each case runs `sayso` as a user does, in a process of its own, with `--workers 1` for the
single articles (so the article is extracted in a worker process, the case the 1.5 GB bound is
about) and the default workers for the folder. Printed per case: wall time, the peak resident
set size of the largest process of the run (the command, its fork server or one of its workers:
VmHWM read from /proc while it runs; Linux), the exit status, and the lines reported on stderr. Each one-line article
is given together with a normal article, which must come out.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAYSO = [sys.executable, "-m", "sayso"]
SIZES = (("100 KB", 100_000), ("175 KB, near the word limit", 175_000), ("1 MB", 1_000_000), ("5 MB", 5_000_000))


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def one_line(size: int) -> str:
    blob = " ".join(t.replace("\n", " ") for t in example_texts())
    return ((blob + " ") * (size // len(blob) + 1))[:size]


def tagged_peaks(tag: str, peaks: dict[int, int]) -> None:
    """Record the peak RSS (VmHWM, kB) of every process whose environment carries `tag`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if tag.encode() not in (entry / "environ").read_bytes():
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[int(entry.name)] = max(peaks.get(int(entry.name), 0), int(line.split()[1]))
        except (OSError, ValueError):
            continue


def measured(args: list[str], cwd: Path) -> dict:
    """Run a sayso command; its time, the peak RSS of its largest process (the command, the
    fork server or a worker, sampled from /proc five times a second) and its outcome."""
    tag = f"sayso-hostile-{os.getpid()}-{time.monotonic_ns()}"
    env = dict(os.environ, PYTHONPATH=str(ROOT), SAYSO_BENCH_TAG=tag)
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen([*SAYSO, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
        peaks: dict[int, int] = {}
        while child.poll() is None:
            tagged_peaks(tag, peaks)
            time.sleep(0.2)
        err.seek(0)
        lines = [line for line in err.read().splitlines() if line.strip()]
    return {"code": child.returncode, "seconds": round(time.monotonic() - started, 1),
            "peak_rss_mb": round(max(peaks.values(), default=0) / 1024), "processes": len(peaks),
            "stderr_lines": len(lines), "stderr": lines[:5]}


def single_articles(work: Path) -> list[dict]:
    good = work / "good.txt"
    good.write_text(example_texts()[0], encoding="utf-8")
    rows = []
    for label, size in SIZES:
        path = work / f"line-{size}.txt"
        path.write_text(one_line(size), encoding="utf-8")
        out = work / f"out-{size}.jsonl"
        row = measured(["extract", str(path), str(good), "-o", str(out), "--workers", "1", "--no-progress"], work)
        row.update(case=f"one line, {label}", records=len(out.read_text().splitlines()))
        rows.append(row)
    return rows


def hostile_file(folder: Path, i: int, kind: int) -> None:
    """One of the hostile kinds the issue found."""
    name = folder / f"h{i:06}"
    if kind == 0:
        name.with_suffix(".txt").write_text(one_line(1_000_000), encoding="utf-8")
    elif kind == 1:
        name.with_suffix(".jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    elif kind == 2:
        name.with_suffix(".html").write_text("<html><head><title>404 Not Found</title></head><body><h1>Not Found"
                                             "</h1><p>The requested URL was not found on this server.</p></body></html>")
    elif kind == 3:
        name.with_suffix(".txt").write_bytes(os.urandom(4096))
    elif kind == 4:
        name.with_suffix(".txt").write_text("今天北京天气很好。", encoding="utf-8")
    elif kind == 5:
        name.with_suffix(".jsonl").write_text('{"text": 42}\n', encoding="utf-8")
    elif kind == 6:
        name.with_suffix(".txt").write_text(one_line(5_000_000), encoding="utf-8")
    else:
        name.with_suffix(".txt").write_text("", encoding="utf-8")


def folder_case(work: Path, articles: int) -> dict:
    folder = work / "corpus"
    folder.mkdir()
    texts = example_texts()
    hostile = max(1, articles // 100)
    every = articles // hostile
    for i in range(articles):
        if i % every == every - 1:
            hostile_file(folder, i, (i // every) % 8)
        else:
            (folder / f"a{i:06}.txt").write_text(texts[i % len(texts)] + f"\n\n(copy {i})\n", encoding="utf-8")
    row = measured(["ingest", str(folder), "--ledger", str(work / "ledger.db"), "--quiet", "--no-progress"], work)
    row.update(case=f"folder, {articles:,} articles, {hostile} hostile")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000, help="articles in the folder case (default 1,000)")
    parser.add_argument("--skip-folder", action="store_true", help="the one-line articles only")
    parser.add_argument("--skip-single", action="store_true", help="the folder only")
    parser.add_argument("--json", action="store_true", help="one JSON object per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sayso-hostile-") as tmp:
        work = Path(tmp)
        rows = [] if args.skip_single else single_articles(work)
        if not args.skip_folder:
            rows.append(folder_case(work, args.articles))
    for row in rows:
        if args.json:
            print(json.dumps(row))
        else:
            print(f"{row['case']}: {row['seconds']} s, peak RSS {row['peak_rss_mb']} MB, exit {row['code']}, "
                  f"{row['stderr_lines']} lines on stderr" + (f", {row['records']} records" if "records" in row else ""))
            for line in row["stderr"]:
                print(f"    {line[:160]}")


if __name__ == "__main__":
    main()
