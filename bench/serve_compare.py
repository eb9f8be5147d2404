"""bench/serve_load.py for an earlier commit and for this tree, runs alternating, medians side by side.

    .venv/bin/python bench/serve_compare.py 7ae1844 --rounds 5 -- --serve-args "--cache-seconds 0"

The earlier commit is unpacked (git archive) into a temporary directory and runs this tree's
bench/serve_load.py against its own code (PYTHONPATH), so both sides are measured by the same
client. Runs alternate (before, after, before, ...), so a machine whose load changes meanwhile
weighs on both alike. Printed: each run's figures as they come, then per side the median over
the runs of p50, p95, requests/s, server CPU per request, the server's own view CPU (where its
Server-Timing says it), each kind's p95, and the load average.

Both sides run in the same environment. `--before-without httptools` hides an installed module
from the earlier commit's side (a stub that raises ImportError comes first on its PYTHONPATH), so
a dependency added since then is measured too: without httptools uvicorn parses HTTP with h11.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
FIGURES = {"p50": r"latency ms: p50 ([\d.]+)", "p95": r"latency ms: p50 [\d.]+  p95 ([\d.]+)",
           "requests/s": r"throughput: ([\d.]+)", "server CPU ms/request": r"server CPU: ([\d.]+) ms",
           "view CPU ms (p50)": r"view CPU p50\s+([\d.]+)\n"}


def figures(out: str) -> dict[str, float]:
    found = {name: float(m[1]) for name, pattern in FIGURES.items() if (m := re.search(pattern, out))}
    loads = re.search(r"before/after: ([\d.]+)/([\d.]+)", out)
    if loads:
        found["load average"] = (float(loads[1]) + float(loads[2])) / 2
    for kind, p95 in re.findall(r"^  (\S[\w +]*?)\s+\d+ requests  p50 +[\d.]+  p95 +([\d.]+)", out, re.M):
        found[f"p95 {kind}"] = float(p95)
    return found


def run(tree: Path, args: list[str], hidden: Optional[Path] = None) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (hidden, tree) if p)}
    script = tree / "bench" / ("serve_load.py" if tree == ROOT else "serve_load_compare.py")
    done = subprocess.run([sys.executable, str(script), *args], cwd=tree, env=env, capture_output=True, text=True)
    print(done.stdout + done.stderr[-500:], flush=True)
    return figures(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", help="the earlier commit (anything git archive takes)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before-without", action="append", default=[], metavar="MODULE",
                        help="hide this installed module from the earlier commit's side (repeatable)")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])  # after --: the arguments of bench/serve_load.py
    load_args = argv[cut + 1:]
    results: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
        trees = {"before": before, "after": ROOT}
        hidden = Path(tmp) / "hidden"
        hidden.mkdir()
        for module in args.before_without:
            (hidden / f"{module}.py").write_text(f"raise ImportError('{module} hidden by serve_compare.py')\n")
        (before / "bench" / "serve_load_compare.py").write_text((ROOT / "bench" / "serve_load.py").read_text())
        for i in range(args.rounds):
            for side, tree in trees.items():
                print(f"=== round {i + 1} {side} ({args.before if side == 'before' else 'this tree'})", flush=True)
                results[side].append(run(tree, load_args, hidden if side == "before" else None))
    report(results)
    return 0


def report(results: dict[str, list[dict[str, float]]]) -> None:
    names = sorted({k for rs in results.values() for r in rs for k in r}, key=lambda k: (k.startswith("p95 "), k))
    print(f"medians over the runs        {'before':>10} {'after':>10}")
    for name in names:
        cells = []
        for side in ("before", "after"):
            values = [r[name] for r in results[side] if name in r]
            cells.append(f"{statistics.median(values):10.1f}" if values else f"{'-':>10}")
        print(f"  {name:26} {' '.join(cells)}")


if __name__ == "__main__":
    sys.exit(main())
