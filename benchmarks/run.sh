#!/usr/bin/env bash
# The comparison benchmark: Duban vs SpiffWorkflow vs raw SQLite on the
# escalation scenario, with scale curves. Results go to benchmarks/results/.
# Usage: bash benchmarks/run.sh [--sizes 1000,10000,100000,1000000] [--spiff-sizes 1000,10000] [--repeat 3]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup
swift build -c release --static-swift-stdlib --product duban
swift build -c release --static-swift-stdlib --product DubanBench
mkdir -p .build-bench
gcc -O2 -o .build-bench/raw_floor benchmarks/peers/raw_floor.c -lsqlite3
[ -x benchmarks/.venv/bin/python ] || python3 -m venv benchmarks/.venv
benchmarks/.venv/bin/python -c 'import SpiffWorkflow' 2>/dev/null || benchmarks/.venv/bin/pip install --quiet SpiffWorkflow
python3 benchmarks/report.py "$@"
