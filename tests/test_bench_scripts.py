"""The benchmark scripts still run against the current code (tiny sizes: this checks that they
work and that sayso's path has no failure on ordinary articles, it measures nothing)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def run_bench(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    start = done.stdout.index("{")
    return json.loads(done.stdout[start:])


def test_throughput_bench_runs_the_whole_path_without_failures():
    result = run_bench("throughput.py", "--articles", "6", "--rounds", "1")
    assert result["failed_per_round"] == 0
    assert result["articles"] == 6 and result["ratio"] > 0


def test_scale_bench_ratio_runs():
    result = run_bench("scale.py", "--only", "ratio", "--articles", "12", "--rounds", "1")
    assert result
