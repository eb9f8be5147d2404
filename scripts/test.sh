#!/usr/bin/env bash
# Install sayso with its test dependencies, lint and type-check, start what the tests need,
# run the tests. Arguments go to pytest (-m "not slow" for the quick part).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test
.venv/bin/ruff check sayso tests bench training
.venv/bin/mypy
for s in scripts/services/*.sh; do [ -e "$s" ] && source "$s"; done
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when no test ran: that is a failure here.
[ "$status" -eq 5 ] && { echo "no tests ran: failing" >&2; exit 1; }
exit "$status"
