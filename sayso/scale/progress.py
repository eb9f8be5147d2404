"""The progress bar (articles done, articles per second, time left) and the run's counts.

The bar is drawn on stderr only when stderr is a terminal. Time left needs a total: the
commands pass `estimate_total(paths)`, a cheap count of the articles in the inputs (files in a
directory, lines of JSONL, rows of CSV/Parquet), or None when it cannot tell (WARC, feeds,
stdin), and then the bar shows the count and the rate only.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from sayso.record import Failure
from sayso.util import require

COUNTED = {".jsonl": "lines", ".ndjson": "lines", ".csv": "rows", ".tsv": "rows", ".parquet": "parquet"}
UNKNOWN = {".json", ".warc", ".arc", ".gz", ".bz2", ".xz", ".zst", ".xml", ".rss", ".atom", ".feed"}  # many per file


@dataclass
class RunStats:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: bool = False

    @property
    def seen(self) -> int:
        return self.done + self.failed + self.skipped


class Progress:
    """Counts results into `stats`, and draws a bar when asked to and stderr is a terminal."""

    def __init__(self, stats: RunStats, show: bool, total: Optional[int] = None):
        self.stats = stats
        self.bar: Any = None
        if show and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True,
                            smoothing=0.1, delay=1.0, leave=False)

    def count(self, results: Iterable) -> None:
        n = 0
        for result in results:
            n += 1
            if isinstance(result, Failure):
                self.stats.failed += 1
            else:
                self.stats.done += 1
        self.advance(n)

    def skipped(self) -> None:
        self.stats.skipped += 1
        self.advance(1)

    def advance(self, n: int) -> None:
        if self.bar is not None and n:
            self.bar.update(n)
            if self.stats.failed or self.stats.skipped:
                self.bar.set_postfix(failed=self.stats.failed, skipped=self.stats.skipped, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def estimate_total(paths: Iterable[str]) -> Optional[int]:
    """About how many articles the inputs hold, or None when that would need reading them."""
    total = 0
    for path in paths:
        n = _count(Path(path))
        if n is None:
            return None
        total += n
    return total


def _count(path: Path) -> Optional[int]:
    if str(path) == "-" or not path.exists():
        return None if str(path) == "-" else 0
    if path.is_dir():
        from sayso.read.source import walk  # the files the readers take, in the same walk

        total = 0
        for child in walk(path):
            if not child.name.endswith(".meta.json"):
                n = _count(child)
                if n is None:
                    return None
                total += n
        return total
    suffix = path.suffix.lower()
    if suffix in UNKNOWN:
        return None
    kind = COUNTED.get(suffix)
    if kind == "parquet":
        pq = require("pyarrow.parquet", "parquet")
        return pq.ParquetFile(path).metadata.num_rows
    if kind is not None:
        lines = _lines(path)
        return lines - 1 if kind == "rows" and lines else lines
    return 1  # a text or HTML file is one article


def _lines(path: Path) -> int:
    n, last = 0, b"\n"
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")
