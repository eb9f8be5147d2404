"""The same input gives the same record in every process, whatever Python's hash seed
(worker processes and Dask workers each have their own)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every example extracted twice, in subprocesses

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _extract(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-m", "sayso", "extract", str(EXAMPLES), "--workers", "0", "--no-progress"],
        env=env, capture_output=True, text=True, check=True,
    )
    return out.stdout


def test_records_do_not_depend_on_the_hash_seed():
    first, second = _extract("1"), _extract("3")
    assert first.count("\n") >= 12
    assert first == second
